"""PDF and .docx text (analyzer/documents.py); most cases are exercised through uploads in test_web.py."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

DAMAGED_PDF = """
from analyzer.documents import pdf_to_text
from analyzer.errors import SkipPosting
try:
    pdf_to_text(b"%PDF-1.4 garbage", "bad.pdf")
except SkipPosting as skip:
    print(skip.reason)
"""


def test_a_damaged_pdf_prints_nothing_but_our_reason() -> None:
    # A fresh interpreter without logging set up, as the CLI runs: pypdf's warnings must not reach stderr bare.
    result = subprocess.run([sys.executable, "-c", DAMAGED_PDF], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stderr == ""
    assert result.stdout == (
        "damaged PDF, cannot be read (PdfStreamError: Stream has ended unexpectedly); re-save or re-export it\n"
    )
