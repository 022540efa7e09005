"""Listings sent to the web front end, pasted or uploaded, made into postings.

:func:`prepare_text` and :func:`prepare_upload` return a
:class:`PreparedListing`: the posting to analyze, or an empty one with the
reason there is nothing to analyze. A listing that cannot be read raises
:class:`~fastapi.HTTPException` with the status the client gets.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from fastapi import HTTPException

from .decoding import decode_bytes
from .documents import docx_to_text, pdf_to_text
from .errors import EmptyDocument, SkipPosting
from .ingest import MAX_TITLE, clean_title, posting_id, read_text, read_text_posting
from .model import Posting

__all__ = ["MAX_TITLE", "UPLOAD_SUFFIXES", "PreparedListing", "prepare_text", "prepare_upload"]

#: The file types an upload may have (415 for others).
UPLOAD_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx")


@dataclass(frozen=True, slots=True)
class PreparedListing:
    """A posting ready to analyze; ``empty`` says why there is no text to analyze.

    Attributes:
        posting: The posting (with no text when ``empty`` is set).
        empty: Why there is nothing to analyze, None when there is text.
    """

    posting: Posting
    empty: str | None = None


def prepare_text(text: str, title: str | None, *, source: str = "<pasted>", refuse: bool = True) -> PreparedListing:
    """A pasted listing (text, Markdown or HTML) as a posting, or the empty answer.

    Args:
        text: The listing as pasted or sent.
        title: The job title given with it, if any.
        source: What the posting's source says.
        refuse: Raise for a listing that cannot be analyzed (too long); when False, it gets the
            empty answer with the reason instead (one listing of a batch).

    Returns:
        The posting, or the empty answer when there is no text (or, with ``refuse`` False, no usable text).

    Raises:
        HTTPException: 422 when the listing is skipped for another reason than being empty and ``refuse`` is set.
    """
    title = clean_title(title)
    if not text.strip():
        return _nothing(source, title, "the listing is empty: there is no text to analyze")
    try:
        posting = read_text(text, source)
    except SkipPosting as skip:
        if refuse or skip.reason.startswith("empty"):
            return _empty_or_raise(skip, source, title)
        return _nothing(source, title, f"not analyzed: {skip.reason}")
    return PreparedListing(replace(posting, title=title) if title else posting)


def prepare_upload(data: bytes, filename: str, title: str | None) -> PreparedListing:
    """An uploaded file as a posting, or the empty answer.

    Args:
        data: The file's bytes.
        filename: The name the client gave the file (its suffix picks the reader).
        title: The job title given with it, if any.

    Returns:
        The posting, or the empty answer when the document holds no text.

    Raises:
        HTTPException: 415 for an unsupported type, 422 for an unreadable document.
    """
    name = filename.replace("\\", "/").rsplit("/", 1)[-1] or "upload"
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix not in UPLOAD_SUFFIXES:
        raise HTTPException(415, f"unsupported file type {suffix or '(none)'!r}; supported: {', '.join(UPLOAD_SUFFIXES)}")
    title = clean_title(title)
    try:
        if suffix == ".pdf":
            text = pdf_to_text(data, name)
        elif suffix == ".docx":
            text = docx_to_text(data, name)
        else:
            text = decode_bytes(data, name)
        if not text.strip():
            return _nothing(name, title, f"{name} is empty: there is no text to analyze")
        if suffix in (".html", ".htm", ".txt"):  # HTML saved as .txt is read as pasted HTML is
            posting = read_text(text, name)
            return PreparedListing(replace(posting, title=title) if title else posting)
        return PreparedListing(read_text_posting(text, name, markdown=suffix in (".md", ".markdown"), title=title))
    except EmptyDocument as empty:
        return _nothing(name, title, f"no text found: {empty.reason}")
    except SkipPosting as skip:
        return _empty_or_raise(skip, name, title)


def _empty_or_raise(skip: SkipPosting, source: str, title: str | None) -> PreparedListing:
    """The empty answer for a posting skipped as empty (after HTML or header removal), else 422."""
    if skip.reason.startswith("empty"):
        return _nothing(source, title, f"no text found: {skip.reason}")
    raise HTTPException(422, f"{skip.source}: {skip.reason}")


def _nothing(source: str, title: str | None, reason: str) -> PreparedListing:
    return PreparedListing(Posting(posting_id(source, ""), source, "", title), reason)
