from __future__ import annotations

from collections import Counter

import pandas as pd
import pytest

from analyzer.model import Skipped
from analyzer.report import skill_frequencies
from analyzer.report_markdown import frame_records, plural, render_markdown
from analyzer.taxonomy import Taxonomy


@pytest.mark.parametrize(("count", "text"), [(0, "0 duplicates"), (1, "1 duplicate"), (2, "2 duplicates")])
def test_plural(count: int, text: str) -> None:
    assert plural(count, "duplicate") == text


def test_frame_records_have_string_keys() -> None:
    assert frame_records(pd.DataFrame({1: [2], "a": ["b"]})) == [{"1": 2, "a": "b"}]


def test_markdown_escapes_table_cells(taxonomy: Taxonomy) -> None:
    frame = skill_frequencies(taxonomy, {"python": Counter({"ai": 1})}, Counter({"ai": 1}), decimals=None)
    summary = {
        "inputs": 2, "postings": 1, "unique_postings": 1, "duplicates": 0, "skipped": 1,
        "labels": {"ai": 1, "ml": 0, "hybrid": 0}, "taxonomy": {"name": "t", "version": "1"}, "version": "0",
    }  # fmt: skip
    text = render_markdown(summary, frame, [Skipped("a|b.csv", "bad <row>\nhere")])
    assert "| a\\|b.csv | bad &lt;row> here |" in text
    assert "| 1 | Python | " in text
