from __future__ import annotations

import pytest
from fastapi import HTTPException

from analyzer import records
from analyzer.ingest import posting_id
from analyzer.model import Posting
from analyzer.web_listings import MAX_TITLE, PreparedListing, prepare_text, prepare_upload

SUPPORTED = ".txt, .md, .markdown, .html, .htm, .pdf, .docx"


def posting(source: str, text: str, title: str | None = None) -> Posting:
    return Posting(posting_id(source, text), source, text, title)


@pytest.mark.parametrize(
    ("text", "title", "expected"),
    [
        ("Build RAG agents.", None, posting("<pasted>", "Build RAG agents.")),
        ("Build RAG agents.", "  Senior\n  AI   Engineer ", posting("<pasted>", "Build RAG agents.", "Senior AI Engineer")),
        (
            "# Data Engineer\n\nBuild pipelines.",
            None,
            posting("<pasted>", "# Data Engineer\n\nBuild pipelines.", "Data Engineer"),
        ),
        ("# Data Engineer\n\nBuild pipelines.", "Mine", posting("<pasted>", "# Data Engineer\n\nBuild pipelines.", "Mine")),
        ("<h1>R &amp; D</h1><p>Train models.</p>", None, posting("<pasted>", "R & D\nTrain models.", "R & D")),
    ],
    ids=["plain", "given-title-on-one-line", "markdown-heading", "given-title-wins", "html"],
)
def test_prepare_text(text: str, title: str | None, expected: Posting) -> None:
    assert prepare_text(text, title) == PreparedListing(expected)


def test_title_is_cut_to_max_title() -> None:
    prepared = prepare_text("Build RAG agents.", "t" * (MAX_TITLE + 50))
    assert prepared.posting.title == "t" * MAX_TITLE


@pytest.mark.parametrize(
    ("text", "title", "expected"),
    [
        ("", None, PreparedListing(posting("<pasted>", ""), "the listing is empty: there is no text to analyze")),
        (" \n\t", " T ", PreparedListing(posting("<pasted>", "", "T"), "the listing is empty: there is no text to analyze")),
        ("<p> </p>", None, PreparedListing(posting("<pasted>", ""), "no text found: empty posting: no text")),
    ],
    ids=["empty", "blank-keeps-title", "empty-html"],
)
def test_prepare_text_without_text_is_the_empty_answer(text: str, title: str | None, expected: PreparedListing) -> None:
    assert prepare_text(text, title) == expected


def test_prepare_text_too_long_is_422(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(records, "MAX_POSTING_CHARS", 10)
    with pytest.raises(HTTPException) as caught:
        prepare_text("x" * 11, None, source="form")
    assert (caught.value.status_code, caught.value.detail) == (
        422,
        "form: posting has 11 characters: too large to be a posting (limit 10)",
    )


def test_prepare_text_too_long_without_refusing_is_the_empty_answer_with_the_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(records, "MAX_POSTING_CHARS", 10)
    assert prepare_text("x" * 11, "T", source="row", refuse=False) == PreparedListing(
        posting("row", "", "T"), "not analyzed: posting has 11 characters: too large to be a posting (limit 10)"
    )
    assert prepare_text(" ", None, source="row", refuse=False) == PreparedListing(
        posting("row", ""), "the listing is empty: there is no text to analyze"
    )


@pytest.mark.parametrize(
    ("data", "filename", "title", "expected"),
    [
        (b"Train models.", "C:\\jobs\\a.TXT", "T", PreparedListing(posting("a.TXT", "Train models.", "T"))),
        (b"# Head\n\nbody", "dir/x.md", None, PreparedListing(posting("x.md", "# Head\n\nbody", "Head"))),
        (b"<h1>A &amp; B</h1><p>body</p>", "x.html", None, PreparedListing(posting("x.html", "A & B\nbody", "A & B"))),
        (b"\xef\xbb\xbfcaf\xc3\xa9", "x.txt", None, PreparedListing(posting("x.txt", "café"))),
        (b"", "x.txt", "T", PreparedListing(posting("x.txt", "", "T"), "x.txt is empty: there is no text to analyze")),
        (b"<p>  </p>", "x.htm", None, PreparedListing(posting("x.htm", ""), "no text found: empty posting: no text")),
    ],
    ids=["windows-path-upper-suffix", "markdown", "html", "utf8-bom", "empty", "empty-html"],
)
def test_prepare_upload(data: bytes, filename: str, title: str | None, expected: PreparedListing) -> None:
    assert prepare_upload(data, filename, title) == expected


@pytest.mark.parametrize(
    ("filename", "status", "detail"),
    [
        ("setup.exe", 415, f"unsupported file type '.exe'; supported: {SUPPORTED}"),
        ("listing", 415, f"unsupported file type '(none)'; supported: {SUPPORTED}"),
        ("dir/", 415, f"unsupported file type '(none)'; supported: {SUPPORTED}"),
        ("x.pdf", 422, "x.pdf: not a PDF file (it does not start with %PDF-); upload the PDF itself or another format"),
        ("x.txt", 422, "x.txt: binary file (contains NUL bytes), not a text posting"),
    ],
    ids=["exe", "no-suffix", "no-name", "not-a-pdf", "binary-text"],
)
def test_prepare_upload_refusals(filename: str, status: int, detail: str) -> None:
    with pytest.raises(HTTPException) as caught:
        prepare_upload(b"\x00\x01 not text", filename, None)
    assert (caught.value.status_code, caught.value.detail) == (status, detail)


@pytest.mark.parametrize("title", [None, "Given Title"])
def test_html_uploaded_as_txt_is_read_as_pasted_html(title: str | None) -> None:
    markup = "<div><p><strong>About the job</strong></p><ul><li>Build RAG agents with LangChain &amp; Pinecone</li></ul></div>"
    uploaded = prepare_upload(markup.encode(), "listing.txt", title)
    assert uploaded == PreparedListing(
        posting("listing.txt", "About the job\n* Build RAG agents with LangChain & Pinecone", title)
    )
    assert uploaded.posting.text == prepare_text(markup, title).posting.text
