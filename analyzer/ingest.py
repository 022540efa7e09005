"""Read postings from files and folders.

Formats: ``.txt``, ``.md``, ``.html``/``.htm``, ``.json``, ``.jsonl``/``.ndjson``,
``.csv``, and ``.pdf`` and ``.docx`` (with the ``documents`` extra). Each input yields :class:`~analyzer.model.Posting` records or
:class:`~analyzer.model.Skipped` records (with the reason), so that every
input is accounted for. Nothing here raises for one bad file or row; only a
path that does not exist raises :class:`~analyzer.errors.InputError`.

Limits (documented in the README):

* a whole-file posting (txt, md, html, json) larger than ``MAX_FILE_BYTES``
  is skipped unread;
* a posting text longer than ``MAX_POSTING_CHARS`` is skipped;
* JSON nested deeper than ``MAX_JSON_DEPTH`` is skipped.

Bytes are decoded by :mod:`analyzer.decoding`; CSV and JSON Lines files are
streamed row by row by :mod:`analyzer.streams`.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

from .decoding import decode_bytes, source_name
from .errors import InputError, SkipPosting
from .fields import COMPANY_KEYS, TEXT_KEYS, find_field, has_field
from .model import Posting, Skipped
from .records import (
    MAX_JSON_DEPTH,
    MAX_POSTING_CHARS,
    ColumnOptions,
    html_to_text,
    looks_like_html,
    make_posting,
    normalise_newlines,
    parse_json,
    posting_from_record,
    posting_id,
    record_posting,
)
from .streams import read_csv_file, read_jsonl_file

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_JSON_DEPTH",
    "MAX_POSTING_CHARS",
    "MAX_TITLE",
    "SUPPORTED_SUFFIXES",
    "ColumnOptions",
    "clean_title",
    "html_to_text",
    "iter_input_files",
    "posting_id",
    "read_file",
    "read_postings",
    "read_text",
    "read_text_posting",
]

MAX_FILE_BYTES = 20 * 1024 * 1024
SUPPORTED_SUFFIXES = (
    ".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl", ".ndjson", ".csv", ".tsv", ".pdf", ".docx"
)
_DOCUMENT_PACKAGES = {".pdf": "pypdf", ".docx": "python-docx"}
#: Text that opens with a Markdown heading (pasted Markdown): the heading is the title.
_MARKDOWN_HEADING = re.compile(r"\s*#{1,3}[ \t]+\S")
#: A title wholly in Markdown bold or italics (``**Senior ML Engineer**``, ``_Data Scientist_``).
_WRAPPED_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
#: Longest title a person may give with a listing (``classify --title``, the web form), in characters.
MAX_TITLE = 300

#: Keys of the list of postings in an object that wraps it. In an object without a description,
#: a list of objects under a key ending in one of them or in :data:`_MORE_LIST_KEYS` counts too
#: (USAJobs' ``SearchResultItems``, Workday's ``jobPostings``, SmartRecruiters' ``content``).
_LIST_KEYS = ("postings", "jobs", "data", "results", "items", "records")
_MORE_LIST_KEYS = ("content", "hits")
#: How deep the list of postings is looked for in objects wrapping objects (USAJobs: ``SearchResult.SearchResultItems``).
_MAX_WRAPPING = 3
_HEADER_LINE = re.compile(r"^(title|company|location|date)\s*:\s*(.*\S)\s*$", re.I)
#: A first line that heads a section ("JOB DESCRIPTION", "About Acme", "Overview") rather than naming the job.
_SECTION_HEADING = re.compile(
    r"(?:job|position|role)?\s*(?:description|overview|summary|details|brief|posting|advert(?:isement)?|opening|purpose)"
    r"|about\b.{0,60}|(?:key\s+)?(?:responsibilities|requirements|qualifications|duties)|introduction|who we are"
    r"|the (?:role|job|position|opportunity|company|team)|company (?:overview|description|profile)"
    r"|(?:we(?:'|\u2019)?re|we are|now) hiring!?|hiring now!?|job opening|open (?:role|position)"
    r"|(?:basic|minimum|preferred|required|desired)\s+(?:qualifications|skills|requirements)|(?:skills|benefits|perks)"
    r"|what (?:you(?:'|\u2019)?ll|you will|you(?:'|\u2019)?d|we) (?:do|be doing|bring|need|offer|get|have)"
    r"|what we(?:'|\u2019)?re looking for|what we are looking for|who you are|nice to have|your (?:role|mission|impact)",
    re.I,
)
#: Why a path that is neither a file nor a folder (it could block the run forever) is skipped.
_NOT_A_FILE = "not a regular file (a named pipe, device or socket); pass a file or a folder"


#: Names (without suffix) of the files that document a folder of data rather than hold postings.
_FOLDER_DOCS = frozenset({"README", "LICENSE", "LICENCE", "PROVENANCE", "CHANGELOG", "CONTRIBUTING", "NOTICE", "COPYING"})
#: The files every ``analyze`` run writes: a folder holding them all is an earlier run's reports, not postings.
_REPORT_FILES = ("summary.json", "postings.jsonl", "skills.csv", "skipped.csv")


def iter_input_files(paths: Iterable[str | Path], *, exclude: Iterable[str] = ()) -> Iterator[Path | Skipped]:
    """List the files under the given paths, folders recursively, in a stable order.

    Hidden files and folders (names starting with ``.``) inside a folder are
    ignored; symlink loops, broken links, a folder's documentation files
    (README, LICENSE, PROVENANCE... with any suffix) and a folder of an earlier
    run's reports (``summary.json``, ``postings.jsonl``, ``skills.csv`` and
    ``skipped.csv`` side by side; say ``reports/`` inside the folder analyzed)
    are reported as skipped.

    Args:
        paths: Files and folders.
        exclude: Glob patterns (matched against file names and relative paths)
            to leave out, e.g. ``labels.csv``.

    Yields:
        The paths of files to read, or Skipped records.

    Raises:
        InputError: A path does not exist.
    """
    patterns = tuple(exclude)
    for raw in paths:
        path = Path(raw)
        if not path.exists() and not path.is_symlink():
            raise InputError(f"{path}: no such file or folder; check the path.")
        if path.is_dir():
            yield from _walk(path, path, patterns, set())
        elif not path.exists():
            yield Skipped(source_name(path), "broken symbolic link")
        elif not path.is_file():
            yield Skipped(source_name(path), _NOT_A_FILE)
        else:
            yield path


def _walk(folder: Path, root: Path, patterns: tuple[str, ...], seen: set[str]) -> Iterator[Path | Skipped]:
    real = os.path.realpath(folder)
    if real in seen:
        yield Skipped(source_name(folder), "symbolic link loop: this folder was already read; remove the link")
        return
    seen = seen | {real}
    if all(os.path.isfile(os.path.join(folder, name)) for name in _REPORT_FILES):
        yield Skipped(
            source_name(folder),
            "the reports of an earlier skill-analyzer run (summary.json, postings.jsonl...), not postings; "
            "write --out outside the input folders, or name a file in it to read that file",
        )
        return
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield Skipped(source_name(folder), f"cannot list folder ({exc.strerror or exc})")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        relative = path.relative_to(root).as_posix()
        if any(path.match(p) or Path(relative).match(p) for p in patterns):
            continue
        if entry.is_dir(follow_symlinks=True):
            yield from _walk(path, root, patterns, seen)
        elif entry.is_symlink() and not path.exists():
            yield Skipped(source_name(path), "broken symbolic link")
        elif entry.is_file(follow_symlinks=True):
            if path.stem.upper() in _FOLDER_DOCS:
                yield Skipped(source_name(path), "the folder's documentation, not a posting; name the file itself to read it")
            else:
                yield path
        else:
            yield Skipped(source_name(path), _NOT_A_FILE)


def read_postings(
    paths: Iterable[str | Path],
    *,
    columns: ColumnOptions | None = None,
    exclude: Iterable[str] = (),
) -> Iterator[Posting | Skipped]:
    """Read every posting under the given files and folders.

    Args:
        paths: Files and folders (read recursively, in name order).
        columns: Column names to use instead of the usual ones.
        exclude: Glob patterns of files to leave out.

    Yields:
        One Posting per posting read, one Skipped per input that could not be.

    Raises:
        InputError: A path does not exist.
    """
    for item in iter_input_files(paths, exclude=exclude):
        if isinstance(item, Skipped):
            yield item
        else:
            yield from read_file(item, columns=columns)


def read_file(path: Path, *, columns: ColumnOptions | None = None) -> Iterator[Posting | Skipped]:
    """Read the postings in one file, by its suffix.

    Args:
        path: The file.
        columns: Column names to use instead of the usual ones.

    Yields:
        Postings and Skipped records.
    """
    columns = columns or ColumnOptions()
    source = source_name(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        yield Skipped(source, f"unsupported file type {suffix or '(none)'!r}; supported: {', '.join(SUPPORTED_SUFFIXES)}")
        return
    try:
        if suffix in (".csv", ".tsv"):
            yield from read_csv_file(path, columns)
        elif suffix in (".jsonl", ".ndjson"):
            yield from read_jsonl_file(path, columns)
        elif suffix in _DOCUMENT_PACKAGES:
            yield read_text_posting(_document_text(_read_whole(path), source, suffix), source)
        else:
            data = _read_whole(path)
            text = decode_bytes(data, source)
            if suffix == ".json":
                yield from _read_json(text, source, columns)
            elif suffix in (".html", ".htm"):
                yield _html_posting(text, source)
            elif suffix == ".txt":
                yield read_text(text, source)  # a listing's HTML saved as .txt is read as pasted HTML is
            else:
                yield read_text_posting(text, source, markdown=True)
    except SkipPosting as skip:
        yield Skipped(skip.source, skip.reason)
    except OSError as exc:
        yield Skipped(source, f"cannot read file ({exc.strerror or exc})")


def _document_text(data: bytes, source: str, suffix: str) -> str:
    """The text of a PDF or Word document (the optional ``documents`` extra reads them)."""
    try:
        from .documents import docx_to_text, pdf_to_text
    except ImportError:
        package = _DOCUMENT_PACKAGES[suffix]
        raise SkipPosting(source, f"reading {suffix} files needs {package}: pip install 'skill-analyzer[documents]'") from None
    return pdf_to_text(data, source) if suffix == ".pdf" else docx_to_text(data, source)


def read_text_posting(text: str, source: str, *, markdown: bool = False, title: str | None = None) -> Posting:
    """Make a posting from plain text or Markdown.

    A block of ``Title:``, ``Company:``, ``Location:`` and ``Date:`` lines at
    the top is read as metadata and removed from the text, as is a block of
    ``Company:``, ``Location:`` and ``Date:`` lines right under the first line. Otherwise the title
    is a leading Markdown heading (``# ...``), or for plain text a short first
    line followed by more text; a line heading a section ("JOB DESCRIPTION",
    "About Acme", "Overview") is no title.

    Args:
        text: The decoded file content.
        source: Where it came from.
        markdown: Read a leading ``#`` heading as the title.
        title: A title given by the caller (wins over the text's).

    Returns:
        The posting.

    Raises:
        SkipPosting: The text is empty or too long.
    """
    text = normalise_newlines(text)
    lines = text.split("\n")
    meta: dict[str, str] = {}
    body_start = 0
    while body_start < len(lines) and not lines[body_start].strip():
        body_start += 1
    index = body_start
    while index < len(lines):
        match = _HEADER_LINE.match(lines[index])
        if not match:
            break
        meta[match.group(1).lower()] = match.group(2)
        index += 1
    if meta:
        body_start = index
        body = "\n".join(lines[body_start:]).strip("\n")
    else:
        body = "\n".join(lines[body_start:]).strip("\n")
        meta, body = _meta_under_first_line(body)
    found_title = meta.get("title")
    if found_title is None:
        first, _, rest = body.partition("\n")
        heading = re.match(r"^[ \t]*#{1,3}\s+(.+?)\s*#*\s*$", first)
        if markdown and heading:
            found_title = heading.group(1)
        elif not markdown and rest.strip() and 0 < len(first.strip()) <= 100 and not first.rstrip().endswith((".", ":", ",")):
            found_title = first.strip()
        if found_title is not None and _SECTION_HEADING.fullmatch(found_title.strip(" *_#\t")):
            found_title = None  # a heading such as "JOB DESCRIPTION" or "About Acme", not the job's name
    if found_title is not None:
        emphasised = _WRAPPED_EMPHASIS.fullmatch(found_title.strip())
        if emphasised:  # "**Senior ML Engineer**", pasted from Markdown: the title without the marks
            found_title = emphasised.group(2)
    return make_posting(
        source,
        body,
        title=title or found_title,
        company=meta.get("company"),
        location=meta.get("location"),
        date=meta.get("date"),
    )


def _meta_under_first_line(body: str) -> tuple[dict[str, str], str]:
    """``Company:``, ``Location:`` and ``Date:`` lines right under the first line (the title), read and removed.

    Boards' exports often put the job's name first, then its company, place and date:
    ``Senior AI Engineer`` / ``Company: Acme`` / ``Location: Austin, TX``. Those lines are
    metadata as a leading block is, not posting text (a company named "Acme Robotics"
    is no robotics skill). One blank line may sit between the title and the block.
    """
    lines = body.split("\n")
    index = 1
    if index < len(lines) and not lines[index].strip():
        index += 1
    meta: dict[str, str] = {}
    while index < len(lines):
        match = _HEADER_LINE.match(lines[index])
        if not match or match.group(1).lower() == "title":
            break
        meta[match.group(1).lower()] = match.group(2)
        index += 1
    if not meta:
        return {}, body
    rest = "\n".join(lines[index:]).strip("\n")
    return meta, f"{lines[0]}\n\n{rest}" if rest else lines[0]


def _html_posting(markup: str, source: str) -> Posting:
    soup = BeautifulSoup(markup, "html.parser")
    for script in soup.find_all("script", attrs={"type": re.compile("ld\\+json", re.I)}):
        try:
            data = json.loads(script.string or "")
        except (ValueError, RecursionError):
            continue
        job = _find_job_posting(data, 0)
        if job is not None:
            return posting_from_record(job, source, ColumnOptions(), context="JSON-LD JobPosting")
    title_tag = soup.find("title")
    title = title_tag.get_text(" ", strip=True) if title_tag else None
    h1 = soup.find("h1")
    if h1 is not None:
        title = h1.get_text(" ", strip=True) or title
    # A saved page that marks its main content: the posting is there, menus, footers and "similar jobs" are not.
    mains = [main for main in soup.find_all("main") if main.get_text(strip=True)]
    return make_posting(source, html_to_text(str(mains[0]) if len(mains) == 1 else markup), title=title or None)


def _find_job_posting(data: Any, depth: int) -> dict[str, Any] | None:
    if depth > MAX_JSON_DEPTH:
        return None
    if isinstance(data, list):
        for item in data:
            found = _find_job_posting(item, depth + 1)
            if found is not None:
                return found
    elif isinstance(data, dict):
        kind = data.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if "JobPosting" in kinds:
            return data
        if "@graph" in data:
            return _find_job_posting(data["@graph"], depth + 1)
    return None


def _read_json(text: str, source: str, columns: ColumnOptions) -> Iterator[Posting | Skipped]:
    data = parse_json(text, source)
    company = None
    if isinstance(data, dict):
        job = _find_job_posting(data, 0)
        if job is not None:
            yield record_posting(job, source, columns, "JSON-LD JobPosting")
            return
        wrapper = _wrapper_of_list(data, columns, 0)
        if wrapper is None:
            yield record_posting(data, source, columns, "object")
            return
        data, company = wrapper
    if not isinstance(data, list):
        raise SkipPosting(source, f"JSON must hold an object or a list of objects, not {type(data).__name__}")
    if not data:
        raise SkipPosting(source, "JSON list is empty: no postings")
    for row, item in enumerate(data, start=1):
        where = f"{source}#row={row}"
        if not isinstance(item, dict):
            yield Skipped(where, f"expected a JSON object, got {type(item).__name__}")
            continue
        if company is not None and not has_field(item, None, COMPANY_KEYS):
            item = {**item, "company": company}
        yield record_posting(item, where, columns, "record")


def _wrapper_of_list(data: dict[str, Any], columns: ColumnOptions, depth: int) -> tuple[list[Any], Any] | None:
    """The list of postings an object wraps and the company the wrapper names (Workable's ``name``), or None.

    The list is under one of :data:`_LIST_KEYS`; in an object that is no
    posting, also under a key ending in one of them, or in an object it holds.
    """
    lowered = {str(k).lower(): v for k, v in data.items()}
    found = next((lowered[key] for key in _LIST_KEYS if isinstance(lowered.get(key), list)), None)
    if found is None and not isinstance(find_field(data, columns.text_column, TEXT_KEYS), str):
        ends = _LIST_KEYS + _MORE_LIST_KEYS
        found = next((v for k, v in lowered.items() if isinstance(v, list) and k.endswith(ends) and _objects(v)), None)
        if found is None and depth < _MAX_WRAPPING:
            for value in data.values():
                inner = _wrapper_of_list(value, columns, depth + 1) if isinstance(value, dict) else None
                if inner is not None:
                    return inner
    if found is None:
        return None
    company = find_field(data, None, COMPANY_KEYS) if has_field(data, None, COMPANY_KEYS) else data.get("name")
    return found, company if isinstance(company, (str, dict)) else None


def _objects(items: list[Any]) -> bool:
    """Whether a non-empty list holds only objects."""
    return bool(items) and all(isinstance(item, dict) for item in items)


def _read_whole(path: Path) -> bytes:
    source = source_name(path)
    size = path.stat().st_size
    if size == 0:
        raise SkipPosting(source, "empty file")
    if size > MAX_FILE_BYTES:
        raise SkipPosting(
            source, f"file has {size:,} bytes: too large to be a posting (limit {MAX_FILE_BYTES:,}); split it or use .jsonl/.csv"
        )
    return path.read_bytes()


def clean_title(title: str | None) -> str | None:
    """A title given with a listing, on one line and at most :data:`MAX_TITLE` characters; None when blank.

    Args:
        title: The title as typed or sent (``classify --title``, the web form, the API).

    Returns:
        The title with runs of whitespace (line breaks, tabs) as single spaces, or None.
    """
    if not title:
        return None
    return " ".join(title.split())[:MAX_TITLE] or None


def read_text(text: str, source: str = "<stdin>") -> Posting:
    """Make a posting from text given directly (a pasted listing, stdin).

    HTML is turned into text; a leading ``Title:`` block gives the title,
    else a leading Markdown heading (``# Senior ML Engineer``, without the
    ``#``), else a short first line, as for a ``.txt`` file.

    Raises:
        SkipPosting: The text is empty or too large.
    """
    if looks_like_html(text):
        return _html_posting(text, source)
    return read_text_posting(text, source, markdown=_MARKDOWN_HEADING.match(text) is not None)
