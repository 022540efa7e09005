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
"""

from __future__ import annotations

import csv
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup
from charset_normalizer import from_bytes

from .errors import InputError, SkipPosting
from .model import Posting, Skipped
from .records import (
    MAX_JSON_DEPTH,
    MAX_POSTING_CHARS,
    TEXT_KEYS,
    ColumnOptions,
    html_to_text,
    looks_like_html,
    make_posting,
    normalise_newlines,
    parse_json,
    pick_column,
    posting_from_record,
    posting_id,
    record_posting,
)

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_JSON_DEPTH",
    "MAX_POSTING_CHARS",
    "SUPPORTED_SUFFIXES",
    "ColumnOptions",
    "decode_bytes",
    "html_to_text",
    "iter_input_files",
    "posting_id",
    "read_file",
    "read_postings",
    "read_text",
    "read_text_posting",
    "source_name",
]

MAX_FILE_BYTES = 20 * 1024 * 1024
SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl", ".ndjson", ".csv", ".pdf", ".docx")
_DOCUMENT_PACKAGES = {".pdf": "pypdf", ".docx": "python-docx"}

_LIST_KEYS = ("postings", "jobs", "data", "results", "items", "records")
_HEADER_LINE = re.compile(r"^(title|company|location|date)\s*:\s*(.*\S)\s*$", re.I)


def source_name(path: str | Path) -> str:
    """A file's path as a posting's ``source``: bytes a file name cannot decode shown as U+FFFD.

    Python keeps such bytes as lone surrogates, which no report file can hold.
    """
    return os.fsencode(path).decode("utf-8", "replace")


def iter_input_files(paths: Iterable[str | Path], *, exclude: Iterable[str] = ()) -> Iterator[Path | Skipped]:
    """List the files under the given paths, folders recursively, in a stable order.

    Hidden files and folders (names starting with ``.``) inside a folder are
    ignored; symlink loops and broken links are reported as skipped.

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
        else:
            yield path


def _walk(folder: Path, root: Path, patterns: tuple[str, ...], seen: set[str]) -> Iterator[Path | Skipped]:
    real = os.path.realpath(folder)
    if real in seen:
        yield Skipped(source_name(folder), "symbolic link loop: this folder was already read; remove the link")
        return
    seen = seen | {real}
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
            yield path


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
        if suffix == ".csv":
            yield from _read_csv(path, columns)
        elif suffix in (".jsonl", ".ndjson"):
            yield from _read_jsonl(path, columns)
        elif suffix in _DOCUMENT_PACKAGES:
            yield read_text_posting(_document_text(_read_whole(path), source, suffix), source)
        else:
            data = _read_whole(path)
            text = decode_bytes(data, source)
            if suffix == ".json":
                yield from _read_json(text, source, columns)
            elif suffix in (".html", ".htm"):
                yield _html_posting(text, source)
            else:
                yield read_text_posting(text, source, markdown=suffix != ".txt")
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
    the top is read as metadata and removed from the text. Otherwise the title
    is a leading Markdown heading (``# ...``), or for plain text a short first
    line followed by more text.

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
    found_title = meta.get("title")
    if found_title is None:
        first, _, rest = body.partition("\n")
        heading = re.match(r"^#{1,3}\s+(.+?)\s*#*\s*$", first)
        if markdown and heading:
            found_title = heading.group(1)
        elif not markdown and rest.strip() and 0 < len(first.strip()) <= 100 and not first.rstrip().endswith((".", ":", ",")):
            found_title = first.strip()
    return make_posting(
        source,
        body,
        title=title or found_title,
        company=meta.get("company"),
        location=meta.get("location"),
        date=meta.get("date"),
    )


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
    return make_posting(source, html_to_text(markup), title=title or None)


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
    if isinstance(data, dict):
        job = _find_job_posting(data, 0)
        if job is not None:
            yield record_posting(job, source, columns, "JSON-LD JobPosting")
            return
        lowered = {str(k).lower(): v for k, v in data.items()}
        for key in _LIST_KEYS:
            if isinstance(lowered.get(key), list):
                data = lowered[key]
                break
        else:
            yield record_posting(data, source, columns, "object")
            return
    if not isinstance(data, list):
        raise SkipPosting(source, f"JSON must hold an object or a list of objects, not {type(data).__name__}")
    if not data:
        raise SkipPosting(source, "JSON list is empty: no postings")
    for row, item in enumerate(data, start=1):
        where = f"{source}#row={row}"
        if not isinstance(item, dict):
            yield Skipped(where, f"expected a JSON object, got {type(item).__name__}")
            continue
        yield record_posting(item, where, columns, "record")


def _read_jsonl(path: Path, columns: ColumnOptions) -> Iterator[Posting | Skipped]:
    source = source_name(path)
    encoding = sniff_encoding(path)
    found = False
    with path.open("r", encoding=encoding, errors="strict", newline="") as handle:
        row = 0
        while True:
            try:
                line = handle.readline(MAX_POSTING_CHARS * 4 + 1)
            except UnicodeDecodeError as exc:
                yield Skipped(
                    f"{source}#row={row + 1}",
                    f"cannot decode the rest of the file as {encoding} ({exc.reason}); convert it to UTF-8",
                )
                return
            if not line:
                break
            if len(line) > MAX_POSTING_CHARS * 4 and not line.endswith("\n"):
                row += 1
                yield Skipped(
                    f"{source}#row={row}", f"line longer than {MAX_POSTING_CHARS * 4:,} characters: too large to be a posting"
                )
                while line and not line.endswith("\n"):
                    line = handle.readline(1 << 20)
                continue
            if not line.strip():
                continue
            row += 1
            found = True
            where = f"{source}#row={row}"
            try:
                record = parse_json(line, where)
            except SkipPosting as skip:
                yield Skipped(skip.source, skip.reason)
                continue
            if not isinstance(record, dict):
                yield Skipped(where, f"expected a JSON object on each line, got {type(record).__name__}")
                continue
            yield record_posting(record, where, columns, "line")
    if not found:
        yield Skipped(source, "empty file: no JSON lines")


def _read_csv(path: Path, columns: ColumnOptions) -> Iterator[Posting | Skipped]:
    source = source_name(path)
    encoding = sniff_encoding(path)
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with path.open("r", encoding=encoding, errors="strict", newline="") as handle:
        reader = csv.reader(handle, delimiter=_sniff_delimiter(handle))
        try:
            header = next(reader)
        except StopIteration:
            yield Skipped(source, "empty file: no CSV header")
            return
        except (csv.Error, UnicodeDecodeError) as exc:
            yield Skipped(source, f"malformed CSV header ({exc}); is this a CSV file?")
            return
        names = [h.strip().lstrip("\ufeff") for h in header]
        text_index = pick_column(names, columns.text_column, TEXT_KEYS)
        if text_index is None:
            hint = f"column {columns.text_column!r} not found" if columns.text_column else "no description column found"
            yield Skipped(source, f"{hint} (columns: {', '.join(names)}); pass --text-column NAME")
            return
        row = 0
        while True:
            try:
                values = next(reader)
            except StopIteration:
                break
            except UnicodeDecodeError as exc:
                yield Skipped(
                    f"{source}#row={row + 1}",
                    f"cannot decode the rest of the file as {encoding} ({exc.reason}); convert it to UTF-8",
                )
                return
            except csv.Error as exc:
                row += 1
                yield Skipped(f"{source}#row={row}", f"malformed CSV row ({exc})")
                continue
            if not any(v.strip() for v in values):
                continue
            row += 1
            where = f"{source}#row={row}"
            if len(values) != len(names):
                yield Skipped(where, f"malformed CSV row: {len(values)} fields where the header has {len(names)}")
                continue
            record = dict(zip(names, values, strict=True))
            yield record_posting(record, where, columns, "row")
        if row == 0:
            yield Skipped(source, "CSV has a header but no rows")


def _sniff_delimiter(handle: Any) -> str:
    """The CSV delimiter from the header line: the most frequent of , ; tab and | (comma on ties)."""
    position = handle.tell()
    header = handle.readline(1 << 16)
    handle.seek(position)
    counts = {d: header.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] > 0 else ","


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


def decode_bytes(data: bytes, source: str) -> str:
    """Decode a whole file's bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else a detected encoding.

    Raises:
        SkipPosting: Binary data (NUL bytes) or bytes no text encoding fits.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise SkipPosting(source, "cannot decode UTF-16 text; save the file as UTF-8") from None
    if b"\x00" in data[:8192]:
        raise SkipPosting(source, "binary file (contains NUL bytes), not a text posting")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    encoding = _guess_encoding(data[: 1 << 20])
    if encoding is None:
        raise SkipPosting(source, "undecodable: not UTF-8 and no other text encoding fits; save the file as UTF-8")
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise SkipPosting(source, f"undecodable as {encoding}; save the file as UTF-8") from None


# Languages written in other scripts than the Latin one: for these, trust the
# detector's guess rather than Windows-1252.
_NON_LATIN = frozenset(
    "Russian Ukrainian Bulgarian Serbian Macedonian Kazakh Belarusian Greek Arabic Persian Farsi Hebrew "
    "Chinese Japanese Korean Thai Vietnamese Turkish Hindi".split()
)


def _guess_encoding(sample: bytes) -> str | None:
    """The encoding of non-UTF-8 bytes.

    Windows-1252 is by far the most common legacy encoding of job-board
    exports, and detectors guess poorly on short texts, so it wins whenever
    it decodes the bytes and the detector does not see a non-Latin language.
    """
    best = from_bytes(sample).best()
    if best is not None and best.language in _NON_LATIN and best.encoding:
        return str(best.encoding)
    try:
        sample.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        pass
    return str(best.encoding) if best is not None and best.encoding else None


def sniff_encoding(path: Path) -> str:
    """Encoding of a streamed file (CSV, JSONL) from its first megabyte."""
    with path.open("rb") as handle:
        head = handle.read(1 << 20)
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if b"\x00" in head[:8192]:
        raise SkipPosting(source_name(path), "binary file (contains NUL bytes), not a text posting")
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 4:  # a character cut at the end of the sample
            return "utf-8"
    encoding = _guess_encoding(head)
    if encoding is None:
        raise SkipPosting(source_name(path), "undecodable: not UTF-8 and no other text encoding fits; save the file as UTF-8")
    return encoding


def read_text(text: str, source: str = "<stdin>") -> Posting:
    """Make a posting from text given directly (a pasted listing, stdin).

    HTML is turned into text; a leading ``Title:`` block or short first line
    gives the title, as for a ``.txt`` file.

    Raises:
        SkipPosting: The text is empty or too large.
    """
    if looks_like_html(text):
        return _html_posting(text, source)
    return read_text_posting(text, source)
