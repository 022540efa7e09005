"""Turn one record (a CSV row, a JSON object, a document's text) into a posting.

:mod:`analyzer.ingest` reads files and hands each record here; the Spark
engine does the same for the rows of its partitions. The usual column and
key names are recognised (``description``, ``job_description``, ``title``,
``company``, ``date_posted``...), HTML in a field becomes text, and a record
that cannot be a posting raises :class:`~analyzer.errors.SkipPosting` with the
reason (or, from :func:`record_posting`, comes back as a
:class:`~analyzer.model.Skipped`).
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from bs4 import BeautifulSoup
from bs4.element import Comment, Declaration, Doctype, NavigableString, ProcessingInstruction, Tag

from .errors import SkipPosting
from .fields import (
    COMPANY_KEYS,
    DATE_KEYS,
    LOCATION_KEYS,
    TEXT_KEYS,
    TITLE_KEYS,
    find_field,
    has_field,
    headed,
    pick_column,
    section_values,
    value_text,
)
from .model import Posting, Skipped

__all__ = [
    "MAX_JSON_DEPTH",
    "MAX_POSTING_CHARS",
    "TEXT_KEYS",
    "ColumnOptions",
    "html_to_text",
    "looks_like_html",
    "make_posting",
    "maybe_html",
    "normalise_newlines",
    "parse_json",
    "pick_column",
    "posting_from_record",
    "posting_id",
    "record_posting",
]

MAX_POSTING_CHARS = 200_000


MAX_JSON_DEPTH = 64


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


def html_to_text(markup: str) -> str:
    """Turn HTML into readable text: blocks on their own lines, list items as ``* `` bullets.

    Scripts, styles, navigation bars, comments and the doctype are dropped; entities are decoded.
    """
    soup = BeautifulSoup(markup, "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "head", "svg", "nav"]):
        tag.decompose()
    parts: list[str] = []
    _collect_text(soup, parts)
    text = "".join(parts).replace("\xa0", " ")
    lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def _collect_text(node: Any, parts: list[str]) -> None:
    for child in node.children:
        if isinstance(child, (Comment, Declaration, Doctype, ProcessingInstruction)):
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


def looks_like_html(text: str) -> bool:
    """True when text holds HTML block or inline tags."""
    return _HTML_HINT.search(text) is not None


def maybe_html(text: str) -> str:
    """Text as is, or as text when it holds HTML tags or entities."""
    if looks_like_html(text):
        return html_to_text(text)
    if _ENTITY_HINT.search(text):
        unescaped = html.unescape(text)
        # HTML escaped once more (Greenhouse's ``content``, some JSON-LD descriptions): "&lt;p&gt;Train..."
        return html_to_text(unescaped) if looks_like_html(unescaped) else unescaped
    return text


def record_posting(record: dict[str, Any], where: str, columns: ColumnOptions, context: str) -> Posting | Skipped:
    """A posting from one CSV row or JSON record, or the reason it is skipped."""
    try:
        return posting_from_record(record, where, columns, context=context)
    except SkipPosting as skip:
        return Skipped(skip.source, skip.reason)


def posting_from_record(record: dict[str, Any], source: str, columns: ColumnOptions, *, context: str) -> Posting:
    """A posting from one CSV row or JSON record, its fields found as :mod:`analyzer.fields` describes.

    The text is the description followed by the parts boards keep in fields
    of their own (requirements, Lever's lists...); HTML, also HTML-escaped
    HTML, becomes text.

    Raises:
        SkipPosting: The record holds no description, a null or non-text one, or too much text.
    """
    sections = section_values(record, columns.text_column)
    raw_text = find_field(record, columns.text_column, TEXT_KEYS, nested_type=str)
    if raw_text is None and not sections:
        if has_field(record, columns.text_column, TEXT_KEYS):
            raise SkipPosting(source, "empty posting: the description is null")
        hint = f"field {columns.text_column!r} not found" if columns.text_column else "no description field found"
        keys = ", ".join(str(k) for k in list(record)[:12])
        raise SkipPosting(source, f"{hint} in this {context} (keys: {keys}); pass --text-column NAME")
    if raw_text is not None and not isinstance(raw_text, str):
        raise SkipPosting(source, f"description is {type(raw_text).__name__}, not text")
    size = len(raw_text or "") + sum(len(v) if isinstance(v, str) else len(json.dumps(v, default=str)) for _, v in sections)
    if size > MAX_POSTING_CHARS * 4:
        raise SkipPosting(
            source, f"description has {size:,} characters: too large to be a posting (limit {MAX_POSTING_CHARS:,})"
        )
    text = _with_sections(maybe_html(raw_text) if raw_text else "", sections)
    title = _scalar_text(find_field(record, columns.title_column, TITLE_KEYS))
    if title is None and columns.title_column is None:
        title = _title_in_text_field(record, columns)
    company = _organisation(find_field(record, None, COMPANY_KEYS))
    location = _location(find_field(record, None, LOCATION_KEYS))
    date = _scalar_text(find_field(record, None, DATE_KEYS))
    return make_posting(source, text, title=title, company=company, location=location, date=date)


def _with_sections(text: str, sections: list[tuple[str, Any]]) -> str:
    """The description followed by each part kept apart that the text so far does not already hold."""
    if not sections:
        return text
    parts = [text] if text.strip() else []
    held = _comparable(text)
    for heading, value in sections:
        body = value_text(value, maybe_html)
        if body and _comparable(body) not in held:
            parts.append(headed(body, heading))
            held += " " + _comparable(body)
    return "\n".join(parts)


def _comparable(text: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", text).lower().split())


def _title_in_text_field(record: dict[str, Any], columns: ColumnOptions) -> str | None:
    """Lever's title: a one-line ``text`` field, when the description came from another field."""
    names = list(record)
    text_index = pick_column(names, columns.text_column, TEXT_KEYS)
    title_index = pick_column(names, None, ("text",))
    if title_index is None or title_index == text_index:
        return None
    value = record[names[title_index]]
    if isinstance(value, str) and "\n" not in value.strip() and 0 < len(value.strip()) <= 150:
        return value.strip()
    return None


def make_posting(
    source: str,
    text: str,
    *,
    title: str | None = None,
    company: str | None = None,
    location: str | None = None,
    date: str | None = None,
) -> Posting:
    text = _no_invisible(normalise_newlines(text)).strip()
    if not text:
        raise SkipPosting(source, "empty posting: no text")
    if not any(c.isalnum() for c in text):
        raise SkipPosting(source, "empty posting: no letters or digits, only punctuation or symbols")
    if len(text) > MAX_POSTING_CHARS:
        raise SkipPosting(
            source, f"posting has {len(text):,} characters: too large to be a posting (limit {MAX_POSTING_CHARS:,})"
        )
    if "\x00" in text:
        raise SkipPosting(source, "text contains NUL bytes: binary data, not a posting")
    text = _no_lone_surrogates(text)
    title = _no_lone_surrogates(_clean_inline(maybe_html(title))) if title else None
    return Posting(
        id=posting_id(source, text),
        source=source,
        text=text,
        title=title or None,
        company=_no_lone_surrogates(_clean_inline(company)) if company else None,
        location=_no_lone_surrogates(_clean_inline(location)) if location else None,
        date=_iso_date(date),
    )


#: Invisible format characters that scraped text carries inside words and names ("Google\u202c Cloud",
#: "Py\u00adTorch"): soft hyphens, zero-width spaces, direction marks and embeddings, word joiners and
#: byte order marks. Zero-width (non-)joiners stay: they shape emoji and some scripts.
_INVISIBLE = re.compile("[\u00ad\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def _no_invisible(text: str) -> str:
    """Text without invisible format characters (:data:`_INVISIBLE`), which split the words they sit in."""
    if text.isascii() or not _INVISIBLE.search(text):
        return text
    return _INVISIBLE.sub("", text)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _no_lone_surrogates(text: str) -> str:
    """Text with lone surrogates (JSON escapes such as ``\\udcff``, which no encoder accepts) as U+FFFD."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")  # fails only on lone surrogates; faster than searching for them
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)
    return text


def _clean_inline(value: str) -> str:
    return " ".join(_no_invisible(html.unescape(value)).split())[:300]


def _scalar_text(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    return text or None


def _organisation(value: Any) -> str | None:
    if isinstance(value, dict):
        return _name(value)
    return _scalar_text(value)


#: Names of an organisation's or a place's name: schema.org ``name``, Adzuna's ``display_name``, USAJobs' ``LocationName``.
_NAME_KEYS = ("name", "display_name", "full_location", "location_name")


def _location(value: Any) -> str | None:
    if isinstance(value, list):
        names = [n for n in (_location(v) for v in value) if n]
        return "; ".join(names) or None
    if isinstance(value, dict):
        address = value.get("address", value)
        if isinstance(address, dict):
            return _place(address, ("addressLocality", "addressRegion", "addressCountry")) or (
                _name(value) or _place(address, ("city", "region", "state", "country"))
            )
        return _scalar_text(address)
    return _scalar_text(value)


def _name(value: dict[str, Any]) -> str | None:
    names = list(value)
    index = pick_column(names, None, _NAME_KEYS)
    return None if index is None else _scalar_text(value[names[index]])


def _place(address: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    """The address's parts under these keys, joined: ``Austin, TX, US``."""
    parts = [address.get(k) for k in keys]
    names = [_scalar_text(p.get("name") if isinstance(p, dict) else p) for p in parts if p]
    return ", ".join(n for n in names if n) or None


_DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%d.%m.%Y", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d")


def _iso_date(value: str | None) -> str | None:
    if not value:
        return None
    text = value.strip()
    if re.fullmatch(r"\d{10}|\d{13}", text):  # seconds or milliseconds since 1970 (Lever's createdAt)
        return datetime.fromtimestamp(int(text[:10]), tz=timezone.utc).date().isoformat()
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


def parse_json(text: str, source: str, *, one_line: bool = False) -> Any:
    """Parse a JSON text, or skip it with a reason that says where it breaks and how to fix it.

    Args:
        text: A whole JSON file, or one line of a JSON Lines file.
        source: Where the text came from, for the skip.
        one_line: The text is one line of a JSON Lines file (its ``source`` names the row): the
            position is given as a column only, and the line's own line break is not part of it.

    Returns:
        The parsed value.

    Raises:
        SkipPosting: The text is not JSON, or nests deeper than ``MAX_JSON_DEPTH`` levels.
    """
    too_deep = f"JSON nested deeper than {MAX_JSON_DEPTH} levels: not a posting"
    if one_line:
        text = text.rstrip("\r\n")
    try:
        data = json.loads(text)
    except RecursionError:
        raise SkipPosting(source, too_deep) from None
    except json.JSONDecodeError as exc:
        where = f"column {exc.colno}" if one_line else f"line {exc.lineno} column {exc.colno}"
        raise SkipPosting(source, f"malformed JSON at {where}: {_json_error_reason(exc, text, one_line)}") from None
    if _depth_exceeds(data, MAX_JSON_DEPTH):
        raise SkipPosting(source, too_deep)
    return data


def _json_error_reason(exc: json.JSONDecodeError, text: str, one_line: bool) -> str:
    """What is wrong at a JSON decoding error's position, in words, and what would fix it."""
    what = "line" if one_line else "file"
    cut_short = f"the {what} looks cut short, export it again"
    if exc.msg.startswith("Unterminated string"):
        return f"a string opens here and never closes: {cut_short}"
    if exc.msg.startswith("Invalid control character"):
        return "a raw control character (line break or tab) inside a string; write it as \\n or \\t"
    if exc.pos >= len(text.rstrip()):
        return f"the text ends where more JSON should follow: {cut_short}"
    if exc.msg == "Extra data" and not one_line:
        return "more JSON follows the first value; a file of one object per line is JSON Lines, name it .jsonl"
    return f"{exc.msg.removesuffix(' at')}; fix the JSON here or export the {what} again"


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


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
