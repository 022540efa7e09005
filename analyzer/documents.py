"""Text from uploaded documents: PDF (pypdf) and Word ``.docx`` (python-docx).

Both readers take the file's bytes and work in memory (``io.BytesIO``);
nothing is written to disk. A document that cannot give text raises
:class:`~analyzer.errors.SkipPosting` with the reason and, where it helps,
the fix; one that opens fine but holds no text (a scan, an empty page)
raises its subclass :class:`EmptyDocument`, so that callers can answer
"nothing found" instead of an error::

    SkipPosting              encrypted, corrupt, not a PDF/.docx, too large unpacked
    └── EmptyDocument        readable, but no text (empty, image-only)
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .errors import EmptyDocument, SkipPosting

if TYPE_CHECKING:  # the readers import their libraries when first used, not at import
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    from pypdf import PageObject

__all__ = ["MAX_DOCX_UNPACKED_BYTES", "MAX_PDF_CHARS", "docx_to_text", "pdf_to_text"]

MAX_DOCX_UNPACKED_BYTES = 64 * 1024 * 1024
"""A ``.docx`` whose parts unpack to more than this is refused (a zip bomb, not a posting)."""
MAX_PDF_CHARS = 1_000_000
"""PDF text extraction stops past this many characters: five times the longest posting ingest accepts."""

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Office 97-2003 files and encrypted Office files
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_SPACES = re.compile(r"[ \t\f\v\xa0]+")


def pdf_to_text(data: bytes, source: str) -> str:
    """Extract the text of a PDF, page after page.

    PDFs encrypted with an empty user password (permissions only) are read;
    extraction stops after the page that passes :data:`MAX_PDF_CHARS`.

    Args:
        data: The PDF file's bytes.
        source: Where it came from (a file name), for error messages.

    Returns:
        The text, pages separated by a blank line, lines stripped of extra spaces.

    Raises:
        SkipPosting: Not a PDF, damaged, or password-protected.
        EmptyDocument: No page has text (an empty or scanned, image-only PDF).
    """
    from pypdf import PasswordType, PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    _quiet_library_log("pypdf")
    if not data.strip():
        raise EmptyDocument(source, "empty file: no text")
    if b"%PDF-" not in data[:1024]:
        raise SkipPosting(source, "not a PDF file (it does not start with %PDF-); upload the PDF itself or another format")
    pages: list[str] = []
    images = 0
    chars = 0
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise SkipPosting(source, "encrypted PDF: it needs a password; save a copy without the password and upload that")
        for page in reader.pages:
            text = page.extract_text() or ""
            if not text.strip():
                images += _count_images(page)
            pages.append(text)
            chars += len(text)
            if chars > MAX_PDF_CHARS:
                break
    except SkipPosting:
        raise
    except FileNotDecryptedError:
        raise SkipPosting(
            source, "encrypted PDF: it needs a password; save a copy without the password and upload that"
        ) from None
    except DependencyError:
        raise SkipPosting(
            source,
            "AES-encrypted PDF: reading it needs the cryptography package (pip install 'pypdf[crypto]'); "
            "or save a copy without encryption and upload that",
        ) from None
    except Exception as exc:  # pypdf raises many kinds of errors on damaged files
        detail = f"{type(exc).__name__}: {exc}"[:200]
        raise SkipPosting(source, f"damaged PDF, cannot be read ({detail}); re-save or re-export it") from None
    text = _tidy("\n\n".join(pages))
    if not text:
        if not pages:
            raise EmptyDocument(source, "the PDF has no pages: no text")
        if images:
            raise EmptyDocument(
                source, "the PDF has no text layer, only images (a scan?); run OCR on it or paste the listing's text instead"
            )
        raise EmptyDocument(source, "the PDF has no text")
    return text


def _quiet_library_log(name: str) -> None:
    """Keep a library's log records off a bare stderr.

    pypdf logs what it repairs or gives up on ("EOF marker not found") as
    warnings; with no logging set up, Python prints them on stderr without
    the file's name, next to our own message that names it. A ``NullHandler``
    on the library's logger stops that last-resort printing; an application
    that sets up logging still receives the records through the root logger.
    """
    logger = logging.getLogger(name)
    if not any(isinstance(handler, logging.NullHandler) for handler in logger.handlers):
        logger.addHandler(logging.NullHandler())


def _count_images(page: PageObject) -> int:
    """Images on a PDF page, 0 when they cannot be listed."""
    try:
        return len(page.images)
    except Exception:  # an image pypdf cannot decode tells us no more
        return 0


def docx_to_text(data: bytes, source: str) -> str:
    """Extract the text of a Word ``.docx`` document, in reading order.

    Paragraphs are lines; list paragraphs (bullets and numbering) become
    ``* `` lines, as list items do in HTML; each table cell's text is a
    line of its own (a merged cell once), nested tables included. Headers,
    footers, comments and text boxes are left out.

    Args:
        data: The ``.docx`` file's bytes.
        source: Where it came from (a file name), for error messages.

    Returns:
        The text, one line per paragraph or cell.

    Raises:
        SkipPosting: Password-protected, an old ``.doc`` file, not a ``.docx``, damaged,
            or unpacking to more than :data:`MAX_DOCX_UNPACKED_BYTES`.
        EmptyDocument: The document has no text.
    """
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if not data.strip():
        raise EmptyDocument(source, "empty file: no text")
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTED_PACKAGE in data:
            raise SkipPosting(
                source, "encrypted Word document: it needs a password; save a copy without the password and upload that"
            )
        raise SkipPosting(
            source, "an old Word 97-2003 (.doc) file, not .docx; save it as .docx (Word: File > Save As) and upload that"
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise SkipPosting(
            source, "not a .docx file or a damaged one (it is not a valid zip package); re-save it in Word"
        ) from None
    if unpacked > MAX_DOCX_UNPACKED_BYTES:
        raise SkipPosting(
            source, f"the .docx unpacks to {unpacked:,} bytes (limit {MAX_DOCX_UNPACKED_BYTES:,}): too large to be a posting"
        )
    if "word/document.xml" not in names and "[Content_Types].xml" not in names:
        raise SkipPosting(source, "not a Word .docx document (no word/document.xml inside); upload a .docx, .pdf or text file")
    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        _collect(document.iter_inner_content(), lines, {})
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, OSError, SyntaxError) as exc:
        # lxml's XMLSyntaxError is a SyntaxError; a missing part is a KeyError.
        raise SkipPosting(source, f"damaged .docx, cannot be read ({type(exc).__name__}: {exc}); re-save it in Word") from None
    text = _tidy("\n".join(lines))
    if not text:
        raise EmptyDocument(source, "the Word document has no text (images only, or empty); paste the listing's text instead")
    return text


def _collect(blocks: Iterator[Paragraph | Table], lines: list[str], seen_cells: dict[int, object]) -> None:
    """Append the lines of paragraphs and tables, recursing into cells.

    ``seen_cells`` maps ``id()`` to the cell element it belongs to: holding the
    element keeps the id from being reused by another lxml proxy.
    """
    from docx.text.paragraph import Paragraph

    for block in blocks:
        if isinstance(block, Paragraph):
            text = block.text
            if text.strip():
                lines.append(f"* {text.strip()}" if _is_list_item(block) else text)
        else:
            for row in block.rows:
                for cell in row.cells:
                    element = cell._tc  # a merged cell comes once per grid column it spans
                    if id(element) in seen_cells:
                        continue
                    seen_cells[id(element)] = element
                    _collect(cell.iter_inner_content(), lines, seen_cells)


def _is_list_item(paragraph: Paragraph) -> bool:
    """Whether a paragraph is a bullet or numbered list item (its own numbering, or a List Bullet/Number style)."""
    properties = paragraph._p.pPr
    if properties is not None and properties.numPr is not None:
        return True
    style = paragraph.style
    name = (style.name if style is not None else None) or ""
    return name.startswith(("List Bullet", "List Number"))


def _tidy(text: str) -> str:
    """Collapse runs of spaces in each line, keep at most one blank line in a row, drop NULs, trim."""
    text = text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    tidy = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", tidy).strip()
