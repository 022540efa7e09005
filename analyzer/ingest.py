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
import hashlib
import html
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup
from bs4.element import Comment, NavigableString, Tag
from charset_normalizer import from_bytes

from .errors import InputError, SkipPosting
from .model import Posting, Skipped

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
]

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_POSTING_CHARS = 200_000
MAX_JSON_DEPTH = 64
SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl", ".ndjson", ".csv", ".pdf", ".docx")
_DOCUMENT_PACKAGES = {".pdf": "pypdf", ".docx": "python-docx"}

_TITLE_KEYS = ("title", "job_title", "jobtitle", "position", "position_title", "positiontitle", "job_name", "role", "name")
_TEXT_KEYS = (
    "description",
    "job_description",
    "jobdescription",
    "job_description_text",
    "description_text",
    "descriptiontext",
    "full_description",
    "text",
    "body",
    "content",
    "posting",
    "job_posting",
    "details",
)
_COMPANY_KEYS = (
    "company",
    "company_name",
    "companyname",
    "employer",
    "organization",
    "hiring_organization",
    "hiringorganization",
)
_LOCATION_KEYS = ("location", "job_location", "joblocation", "locations", "city")
_DATE_KEYS = (
    "date",
    "date_posted",
    "dateposted",
    "posted",
    "posted_at",
    "postedat",
    "published_at",
    "publishedat",
    "publication_date",
    "posting_date",
    "listed_at",
    "created",
    "created_at",
    "time_posted",
)
_LIST_KEYS = ("postings", "jobs", "data", "results", "items", "records")
_HTML_HINT = re.compile(r"<\s*(p|div|br|li|ul|ol|span|strong|b|em|i|h[1-6]|table|tr|td|a|section)\b[^>]*>", re.I)
_ENTITY_HINT = re.compile(r"&(#\d+|#x[0-9a-f]+|[a-z]{2,8});", re.I)
_BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "hr",
    "dd",
    "dt",
    "dl",
    "main",
    "aside",
    "nav",
}
_HEADER_LINE = re.compile(r"^(title|company|location|date)\s*:\s*(.*\S)\s*$", re.I)


@dataclass(frozen=True, slots=True)
class ColumnOptions:
    """Which columns or fields hold what, when the usual names do not fit.

    Attributes:
        text_column: Column (CSV) or key (JSON) of the posting text.
        title_column: Column or key of the job title.
    """

    text_column: str | None = None
    title_column: str | None = None


def posting_id(source: str, text: str) -> str:
    """A stable 16-hex-digit id for a posting from its source and text."""
    digest = hashlib.sha256(f"{source}\x00{text}".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:16]


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
            yield Skipped(str(path), "broken symbolic link")
        else:
            yield path


def _walk(folder: Path, root: Path, patterns: tuple[str, ...], seen: set[str]) -> Iterator[Path | Skipped]:
    real = os.path.realpath(folder)
    if real in seen:
        yield Skipped(str(folder), "symbolic link loop: this folder was already read; remove the link")
        return
    seen = seen | {real}
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield Skipped(str(folder), f"cannot list folder ({exc.strerror or exc})")
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
            yield Skipped(str(path), "broken symbolic link")
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
    source = str(path)
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
    text = _normalise_newlines(text)
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
    return _make_posting(
        source,
        body,
        title=title or found_title,
        company=meta.get("company"),
        location=meta.get("location"),
        date=meta.get("date"),
    )


def html_to_text(markup: str) -> str:
    """Turn HTML into readable text: blocks on their own lines, list items as ``* `` bullets.

    Scripts, styles and comments are dropped; entities are decoded.
    """
    soup = BeautifulSoup(markup, "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "head", "svg"]):
        tag.decompose()
    parts: list[str] = []
    _collect_text(soup, parts)
    text = "".join(parts).replace("\xa0", " ")
    lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def _collect_text(node: Any, parts: list[str]) -> None:
    for child in node.children:
        if isinstance(child, Comment):
            continue
        if isinstance(child, NavigableString):
            parts.append(str(child))
        elif isinstance(child, Tag):
            name = child.name.lower()
            block = name in _BLOCK_TAGS
            if block:
                parts.append("\n")
            if name == "li":
                parts.append("* ")
            elif name in ("td", "th"):
                parts.append(" ")
            _collect_text(child, parts)
            if block:
                parts.append("\n")


def _maybe_html(text: str) -> str:
    if _HTML_HINT.search(text):
        return html_to_text(text)
    if _ENTITY_HINT.search(text):
        return html.unescape(text)
    return text


def _html_posting(markup: str, source: str) -> Posting:
    soup = BeautifulSoup(markup, "html.parser")
    for script in soup.find_all("script", attrs={"type": re.compile("ld\\+json", re.I)}):
        try:
            data = json.loads(script.string or "")
        except (ValueError, RecursionError):
            continue
        job = _find_job_posting(data, 0)
        if job is not None:
            return _posting_from_record(job, source, ColumnOptions(), context="JSON-LD JobPosting")
    title_tag = soup.find("title")
    title = title_tag.get_text(" ", strip=True) if title_tag else None
    h1 = soup.find("h1")
    if h1 is not None:
        title = h1.get_text(" ", strip=True) or title
    return _make_posting(source, html_to_text(markup), title=title or None)


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
    data = _parse_json(text, source)
    if isinstance(data, dict):
        job = _find_job_posting(data, 0)
        if job is not None:
            yield _record_posting(job, source, columns, "JSON-LD JobPosting")
            return
        lowered = {str(k).lower(): v for k, v in data.items()}
        for key in _LIST_KEYS:
            if isinstance(lowered.get(key), list):
                data = lowered[key]
                break
        else:
            yield _record_posting(data, source, columns, "object")
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
        yield _record_posting(item, where, columns, "record")


def _read_jsonl(path: Path, columns: ColumnOptions) -> Iterator[Posting | Skipped]:
    source = str(path)
    encoding = _sniff_encoding(path)
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
                record = _parse_json(line, where)
            except SkipPosting as skip:
                yield Skipped(skip.source, skip.reason)
                continue
            if not isinstance(record, dict):
                yield Skipped(where, f"expected a JSON object on each line, got {type(record).__name__}")
                continue
            yield _record_posting(record, where, columns, "line")
    if not found:
        yield Skipped(source, "empty file: no JSON lines")


def _read_csv(path: Path, columns: ColumnOptions) -> Iterator[Posting | Skipped]:
    source = str(path)
    encoding = _sniff_encoding(path)
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
        text_index = _pick_column(names, columns.text_column, _TEXT_KEYS)
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
            yield _record_posting(record, where, columns, "row")
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


def _record_posting(record: dict[str, Any], where: str, columns: ColumnOptions, context: str) -> Posting | Skipped:
    """A posting from one CSV row or JSON record, or the reason it is skipped."""
    try:
        return _posting_from_record(record, where, columns, context=context)
    except SkipPosting as skip:
        return Skipped(skip.source, skip.reason)


def _pick_column(names: list[str], wanted: str | None, candidates: tuple[str, ...]) -> int | None:
    if wanted is not None:
        for i, name in enumerate(names):
            if name == wanted or name.lower() == wanted.lower():
                return i
        return None
    keys = [re.sub(r"[^a-z0-9]", "", n.lower()) for n in names]
    for candidate in candidates:
        flat = candidate.replace("_", "")
        if flat in keys:
            return keys.index(flat)
    return None


def _field(record: dict[str, Any], wanted: str | None, candidates: tuple[str, ...]) -> Any:
    names = list(record)
    index = _pick_column(names, wanted, candidates)
    return None if index is None else record[names[index]]


def _posting_from_record(record: dict[str, Any], source: str, columns: ColumnOptions, *, context: str) -> Posting:
    if _pick_column(list(record), columns.text_column, _TEXT_KEYS) is not None and _field(
        record, columns.text_column, _TEXT_KEYS
    ) is None:
        raise SkipPosting(source, "empty posting: the description is null")
    raw_text = _field(record, columns.text_column, _TEXT_KEYS)
    if raw_text is None:
        hint = f"field {columns.text_column!r} not found" if columns.text_column else "no description field found"
        keys = ", ".join(str(k) for k in list(record)[:12])
        raise SkipPosting(source, f"{hint} in this {context} (keys: {keys}); pass --text-column NAME")
    if not isinstance(raw_text, str):
        raise SkipPosting(source, f"description is {type(raw_text).__name__}, not text")
    if len(raw_text) > MAX_POSTING_CHARS * 4:
        raise SkipPosting(
            source, f"description has {len(raw_text):,} characters: too large to be a posting (limit {MAX_POSTING_CHARS:,})"
        )
    text = _maybe_html(raw_text)
    title = _scalar_text(_field(record, columns.title_column, _TITLE_KEYS))
    company = _organisation(_field(record, None, _COMPANY_KEYS))
    location = _location(_field(record, None, _LOCATION_KEYS))
    date = _scalar_text(_field(record, None, _DATE_KEYS))
    return _make_posting(source, text, title=title, company=company, location=location, date=date)


def _make_posting(
    source: str,
    text: str,
    *,
    title: str | None = None,
    company: str | None = None,
    location: str | None = None,
    date: str | None = None,
) -> Posting:
    text = _normalise_newlines(text).strip()
    if not text:
        raise SkipPosting(source, "empty posting: no text")
    if len(text) > MAX_POSTING_CHARS:
        raise SkipPosting(
            source, f"posting has {len(text):,} characters: too large to be a posting (limit {MAX_POSTING_CHARS:,})"
        )
    if "\x00" in text:
        raise SkipPosting(source, "text contains NUL bytes: binary data, not a posting")
    title = _clean_inline(_maybe_html(title)) if title else None
    return Posting(
        id=posting_id(source, text),
        source=source,
        text=text,
        title=title or None,
        company=_clean_inline(company) if company else None,
        location=_clean_inline(location) if location else None,
        date=_iso_date(date),
    )


def _clean_inline(value: str) -> str:
    return " ".join(html.unescape(value).split())[:300]


def _scalar_text(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    return text or None


def _organisation(value: Any) -> str | None:
    if isinstance(value, dict):
        return _scalar_text(value.get("name"))
    return _scalar_text(value)


def _location(value: Any) -> str | None:
    if isinstance(value, list):
        names = [n for n in (_location(v) for v in value) if n]
        return "; ".join(names) or None
    if isinstance(value, dict):
        address = value.get("address", value)
        if isinstance(address, dict):
            parts = [address.get(k) for k in ("addressLocality", "addressRegion", "addressCountry")]
            text = ", ".join(str(p.get("name") if isinstance(p, dict) else p) for p in parts if p)
            return text or _scalar_text(value.get("name"))
        return _scalar_text(address)
    return _scalar_text(value)


_DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%d.%m.%Y", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d")


def _iso_date(value: str | None) -> str | None:
    if not value:
        return None
    text = value.strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    match = re.match(r"^(\d{4}-\d{2}-\d{2})[ T]", text)
    if match:
        return match.group(1)
    return None


def _parse_json(text: str, source: str) -> Any:
    too_deep = f"JSON nested deeper than {MAX_JSON_DEPTH} levels: not a posting"
    try:
        data = json.loads(text)
    except RecursionError:
        raise SkipPosting(source, too_deep) from None
    except json.JSONDecodeError as exc:
        raise SkipPosting(source, f"malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    if _depth_exceeds(data, MAX_JSON_DEPTH):
        raise SkipPosting(source, too_deep)
    return data


def _depth_exceeds(data: Any, limit: int) -> bool:
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node)
    return False


def _read_whole(path: Path) -> bytes:
    source = str(path)
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


def _sniff_encoding(path: Path) -> str:
    """Encoding of a streamed file (CSV, JSONL) from its first megabyte."""
    with path.open("rb") as handle:
        head = handle.read(1 << 20)
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if b"\x00" in head[:8192]:
        raise SkipPosting(str(path), "binary file (contains NUL bytes), not a text posting")
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 4:  # a character cut at the end of the sample
            return "utf-8"
    encoding = _guess_encoding(head)
    if encoding is None:
        raise SkipPosting(str(path), "undecodable: not UTF-8 and no other text encoding fits; save the file as UTF-8")
    return encoding


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(text: str, source: str = "<stdin>") -> Posting:
    """Make a posting from text given directly (a pasted listing, stdin).

    HTML is turned into text; a leading ``Title:`` block or short first line
    gives the title, as for a ``.txt`` file.

    Raises:
        SkipPosting: The text is empty or too large.
    """
    if _HTML_HINT.search(text):
        return _html_posting(text, source)
    return read_text_posting(text, source)
