"""Gold files: labelled postings for measuring the analyzer.

A gold file (CSV or JSONL) has one labelled posting per row:

* the posting: its text (a ``text``, ``description``, ``job_description``...
  column; HTML is read as text), or a ``source`` or ``path`` column (``path``
  or ``path#row=N``), or ``file`` and ``row`` columns, resolved against a
  base folder; an optional ``sha`` (first hex digits of :func:`text_sha` of
  the text) checks that the text is the one that was labelled;
* ``label`` (or ``expected_label``): ``ai``, ``ml`` or ``hybrid`` (any
  case; ``ML engineer`` reads as ``ml``); empty in a row that labels
  skills only (its label is not scored);
* ``skills`` (or ``expected_skills``): the expected skills, by id, name or
  surface form (``hugging_face``, ``Hugging Face``, ``K8s``), separated by
  commas, ``;`` or ``|`` (or by spaces when there is none of those), or a
  JSON list; a skill the taxonomy does not know is reported, not scored;
* optional ``title`` (or ``job_title``) and ``split``.

Facts files (pay, minimum years) and requirement-level files name their
postings the same way; :mod:`analyzer.evaluate` scores the analyzer against them.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InputError, SkipPosting
from .ingest import read_file, read_text
from .model import LABELS, Posting, parse_label
from .records import TEXT_KEYS, pick_column
from .taxonomy import Taxonomy, load_taxonomy, name_key

__all__ = [
    "GoldPosting",
    "json_kind",
    "read_facts_row",
    "read_gold",
    "read_gold_rows",
    "read_requirement_row",
    "read_scope",
    "resolve_gold_posting",
    "text_sha",
]


@dataclass(frozen=True, slots=True)
class GoldPosting:
    """One labelled posting."""

    key: str
    label: str | None  # None: the row labels skills only
    skills: frozenset[str] | None  # None: the gold file does not label skills
    posting: Posting | None
    problem: str | None = None
    split: str | None = None
    unknown_skills: tuple[str, ...] = ()  # skills the gold names that the taxonomy does not know

    @property
    def identity(self) -> str:
        """What makes two rows label the same posting: the file and row they name, or the text written in them."""
        if self.posting is not None and self.posting.source.startswith(_TEXT_SOURCE):
            return "text " + text_sha(self.posting.text)
        return self.key


# The source of a posting written in a gold row (its row number follows).
_TEXT_SOURCE = "gold#row="


def read_scope(value: str | Path | None, all_ids: Sequence[str]) -> tuple[str, ...]:
    """Skill ids to score: a file of ids, a comma-separated list, or every taxonomy skill.

    Args:
        value: A file of ids (separated by spaces, commas or lines), a
            comma-separated list of ids, or None for every id.
        all_ids: The taxonomy's skill ids.

    Returns:
        The ids, in the order given, each once.

    Raises:
        InputError: The file does not exist or cannot be read, names no id,
            or names an id that is not in the taxonomy.
    """
    if value is None:
        return tuple(all_ids)
    path = Path(value)
    where = f"scope file {path}" if path.is_file() else "scope"
    if path.is_file():
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            reason = "not UTF-8" if isinstance(exc, UnicodeDecodeError) else exc.strerror or str(exc)
            raise InputError(f"{path}: cannot read the scope file ({reason}); give a UTF-8 file of skill ids.") from None
    elif path.suffix or os.sep in str(value) or "/" in str(value):
        raise InputError(f"{value}: no such scope file; pass --scope a file of skill ids or a comma list (python,sql).")
    else:
        text = str(value)
    ids = tuple(dict.fromkeys(t for t in re.split(r"[\s,;]+", text) if t))
    if not ids:
        raise InputError(f"{where} names no skill id; list the ids to score (`skill-analyzer taxonomy` lists them).")
    unknown = [i for i in ids if i not in all_ids]
    if unknown:
        by_key = {name_key(i): i for i in all_ids}
        hints = [f"{i!r} -> {by_key[name_key(i)]!r}" for i in unknown if name_key(i) in by_key]
        hint = f" (did you mean: {', '.join(hints)}?)" if hints else ""
        raise InputError(f"{where} names unknown skill ids {unknown}{hint}; use the ids `skill-analyzer taxonomy` lists.")
    return ids


def read_gold(
    path: str | Path, *, base: str | Path | None = None, split: str | None = None, taxonomy: Taxonomy | None = None
) -> list[GoldPosting]:
    """Read a gold file of labelled postings.

    Args:
        path: CSV or JSONL gold file.
        base: Folder that ``source`` / ``file`` paths are relative to
            (default: the gold file's folder).
        split: Keep only rows whose ``split`` column has this value.
        taxonomy: The taxonomy whose ids, names and surface forms the
            ``skills`` column is read with (default: the shipped one).

    Returns:
        The labelled postings; those whose text cannot be found carry a
        ``problem``. A file without a ``skills`` column labels roles only:
        its postings' ``skills`` are None and are not scored; a row with an
        empty ``label`` labels skills only.

    Raises:
        InputError: The gold file is missing, malformed, has no rows, a row
            with a bad label or without a label or skills column, or no row
            in ``split``.
    """
    gold_path = Path(path)
    if not gold_path.is_file():
        raise InputError(f"{gold_path}: no such gold file.")
    base_dir = Path(base) if base is not None else gold_path.parent
    rows = read_gold_rows(gold_path)
    names = (taxonomy if taxonomy is not None else load_taxonomy()).skill_names()
    out: list[GoldPosting] = []
    cache: dict[Path, dict[str, Posting]] = {}
    for number, row in enumerate(rows, start=1):
        if split is not None and row.get("split") != split:
            continue
        label_key, skills_key = _key(row, _LABEL_COLUMNS), _key(row, _SKILLS_COLUMNS)
        if label_key is None and skills_key is None:
            columns = ", ".join(map(str, row)) or "none"
            raise InputError(
                f"{gold_path}: row {number} has no label or skills column (found: {columns}); "
                "add a label column (ai, ml or hybrid), a skills column, or both."
            )
        label = parse_label(row[label_key]) if label_key is not None else None
        if label is None and skills_key is None:
            raise InputError(f"{gold_path}: row {number} has no label; use one of {list(LABELS)} (or label its skills).")
        if label is not None and label not in LABELS:
            raise InputError(f"{gold_path}: row {number} has label {row[label_key]!r}; use one of {list(LABELS)}.")
        skills, unknown = resolve_skills(row[skills_key], names) if skills_key is not None else (None, ())
        title = _column_text(row, _TITLE_COLUMNS)
        title = title.strip() or None if title else None
        key, posting, problem = resolve_gold_posting(gold_path, row, number, base_dir, cache, title=title)
        out.append(GoldPosting(key, label, skills, posting, problem, row.get("split") or None, unknown))
    if split is not None and not out:
        found = sorted({str(row.get("split")) for row in rows if row.get("split")})
        raise InputError(
            f"{gold_path}: no row has split {split!r}; "
            + (f"the file's splits are {found}." if found else "the file has no split column: leave out --split.")
        )
    return out


_TITLE_COLUMNS = ("title", "job_title", "position_title")
_LABEL_COLUMNS = ("label", "expected_label", "gold_label")
_SKILLS_COLUMNS = ("skills", "expected_skills", "gold_skills")


def _key(row: dict[str, Any], candidates: tuple[str, ...]) -> Any:
    """The row's key for the first of these columns it has (any case, ``_`` optional), or None."""
    names = list(row)
    index = pick_column([str(n) for n in names], None, candidates)
    return None if index is None else names[index]


def _column_text(row: dict[str, Any], candidates: tuple[str, ...]) -> str | None:
    """The value of the first of these columns the row has, when it is not empty."""
    key = _key(row, candidates)
    value = None if key is None else row[key]
    return None if value is None or value == "" else str(value)


def resolve_skills(value: Any, names: dict[str, str]) -> tuple[frozenset[str], tuple[str, ...]]:
    """The skill ids a gold ``skills`` value names, and the names no skill has.

    Args:
        value: A list, or a string of skills separated by commas, ``;`` or
            ``|`` (by spaces when it has none of those). Quotes and brackets
            around items are ignored (``['python', 'sql']``).
        names: :meth:`~analyzer.taxonomy.Taxonomy.skill_names`.

    Returns:
        The ids, and the unknown names in the order written. A run of words
        is read as the longest names it holds, so ``python hugging face``
        names ``python`` and ``hugging_face``; a word that is an id is read
        alone (``aws sagemaker`` names ``aws`` and ``sagemaker``).

    Example:
        >>> ids, unknown = resolve_skills("Python, Hugging Face; excel", load_taxonomy().skill_names())
        >>> sorted(ids), unknown
        (['hugging_face', 'python'], ('excel',))
    """
    items = value if isinstance(value, list) else [value]
    ids: set[str] = set()
    unknown: list[str] = []
    for item in items:
        text = str(item if item is not None else "")
        entries = re.split(r"[,;|]", text) if re.search(r"[,;|]", text) else [text]
        for entry in entries:
            words = entry.strip(" \t\r\n[](){}'\"").split()
            start = 0
            pending: list[str] = []
            while start < len(words):
                # A word that is a skill id stands alone ("aws sagemaker" is two
                # ids, not the surface form "AWS SageMaker").
                word = name_key(words[start].strip("'\""))
                longest = start + 1 if word in names and name_key(names[word]) == word else min(len(words), start + 6)
                for end in range(longest, start, -1):
                    found = names.get(name_key(" ".join(words[start:end]).strip("'\"")))
                    if found is not None:
                        if pending:
                            unknown.append(" ".join(pending))
                            pending = []
                        ids.add(found)
                        start = end
                        break
                else:
                    pending.append(words[start])
                    start += 1
            if pending:
                unknown.append(" ".join(pending))
    return frozenset(ids), tuple(dict.fromkeys(unknown))


def read_gold_rows(path: Path) -> list[dict[str, Any]]:
    """The rows of a gold or labelled file (CSV or TSV, or JSON Lines of objects), as dicts.

    CSV is delimited by ``,`` ``;`` tab or ``|``, whichever the header line
    holds most (tab for ``.tsv``); a field may be of any length.

    Raises:
        InputError: The file is missing, not UTF-8, not JSON where JSON is due,
            a CSV row has more fields than the header, or the file has no rows.
    """
    if not path.is_file():
        what = "not a regular file" if path.exists() else "no such file"
        raise InputError(f"{path}: {what}; check the path.")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc}); check the path and its permissions.") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad_line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(f"{path}: not UTF-8 (line {bad_line} has byte 0x{data[exc.start]:02x}); save it as UTF-8.") from None
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        rows = []
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(f"{path}: line {number} is not JSON ({exc.msg} at column {exc.colno}); fix the line.") from None
                except RecursionError:
                    raise InputError(f"{path}: line {number} is JSON nested too deep to be a gold row.") from None
                if not isinstance(row, dict):
                    raise InputError(f"{path}: line {number} is a {type(row).__name__}, not a JSON object; write one object per line.")
                rows.append(row)
        if not rows:
            raise InputError(f"{path}: no rows (the file is empty); write one JSON object per line.")
        return rows
    return _read_csv_rows(path, text)


def _read_csv_rows(path: Path, text: str) -> list[dict[str, Any]]:
    header = text.split("\n", 1)[0]
    counts = {d: header.count(d) for d in (",", ";", "\t", "|")}
    delimiter = "\t" if path.suffix.lower() == ".tsv" else max(counts, key=lambda d: (counts[d], d == ","))
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # a posting text may be longer than csv's default 128 KiB
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[dict[str, Any]] = []
    row_start = 0  # the line the row being read starts on
    try:
        _ = reader.fieldnames  # reads the header line
        row_start = reader.line_num + 1
        for row in reader:
            if None in row:  # more fields than the header names: the columns would be misread
                fields = len(reader.fieldnames or ()) + len(row[None])
                raise InputError(
                    f"{path}: row {len(rows) + 1} (line {reader.line_num}) has {fields} fields, the header {len(reader.fieldnames or ())}; "
                    f"quote fields that hold a {delimiter!r}."
                )
            rows.append(row)
            last_start, row_start = row_start, reader.line_num + 1
    except csv.Error as exc:
        raise InputError(f"{path}: line {reader.line_num} is not valid CSV ({exc}); fix its quotes.") from None
    if rows and _ends_inside_quotes(text, last_start, delimiter):
        rest = reader.line_num - last_start + 1
        raise InputError(
            f"{path}: row {len(rows)} (line {last_start}) opens a quoted field that is never closed, so the rest of the "
            f"file ({rest:,} line{'s' if rest != 1 else ''}) reads as that one row; close the quote."
        )
    if not rows:
        what = "holds a header but no rows" if reader.fieldnames else "no rows (the file is empty)"
        raise InputError(f"{path}: {what}; write one labelled posting per row under a header line.")
    return rows


def _ends_inside_quotes(text: str, start: int, delimiter: str) -> bool:
    """Whether the CSV row starting on line ``start`` (counted from 1) runs to the end of the text inside a quoted field.

    Python's csv reader ends such a field at the end of the file without a
    word; read strictly, the row says so.
    """
    lines = io.StringIO(text, newline="").readlines()  # split as the csv reader counts lines
    try:
        for _ in csv.reader(lines[start - 1 :], delimiter=delimiter, strict=True):
            pass
    except csv.Error as exc:
        return "unexpected end of data" in str(exc)
    return False


def _resolve(
    row: dict[str, Any], number: int, base: Path, title: str | None, cache: dict[Path, dict[str, Posting]]
) -> tuple[str, Posting | None, str | None]:
    value = row.get(_key(row, TEXT_KEYS))
    if value is not None and value != "" and not isinstance(value, str):
        raise InputError(f"row {number}'s text is a JSON {json_kind(value)}, not a string; give the posting text.")
    text = _column_text(row, TEXT_KEYS)
    if text is not None:
        try:
            posting = read_text(text, f"{_TEXT_SOURCE}{number}")
        except SkipPosting as skip:
            raise InputError(f"row {number}: {skip.reason}; fix the row's text or leave the row out.") from None
        if title:
            posting = Posting(posting.id, posting.source, posting.text, title)
        return f"row {number}", posting, None
    source = _column_text(row, ("source", "path"))
    if source is not None:
        file_part, _, row_part = source.partition("#row=")
        row_part = row_part or str(row.get("row") or "")
    elif row.get("file"):
        file_part, row_part = str(row["file"]), str(row.get("row") or "")
    else:
        raise InputError(f"row {number} has no posting: give its text (a text or description column), or a path or file column.")
    file = base / file_part
    key = f"{file_part}#row={row_part}" if row_part else file_part
    if not file.is_file():
        return key, None, f"{file} not found"
    if file not in cache:
        cache.clear()
        cache[file] = {}
        for record in read_file(file):
            if isinstance(record, Posting):
                suffix = record.source.rpartition("#row=")[2] if "#row=" in record.source else ""
                cache[file][suffix] = record
    found = cache[file].get(row_part)
    if found is None:
        return key, None, f"{key}: no posting there"
    sha = str(row.get("sha") or "").strip()
    if sha and not text_sha(found.text).startswith(sha):
        return key, None, f"{key}: text changed since it was labelled (sha {sha})"
    return key, found, None


def resolve_gold_posting(
    gold_path: Path,
    row: dict[str, Any],
    number: int,
    base: Path,
    cache: dict[Path, dict[str, Posting]],
    *,
    title: str | None = None,
) -> tuple[str, Posting | None, str | None]:
    """The posting a gold row names: ``(key, posting, problem)``, the gold file named in errors.

    Args:
        gold_path: The gold file (for messages).
        row: The gold row: ``text``, or ``source``, or ``file`` and ``row``; optional ``sha``.
        number: The row's number (for messages).
        base: The folder ``source`` and ``file`` paths are relative to.
        cache: Postings of the last file read, kept between calls.
        title: The title to give a posting written in the row.

    Raises:
        InputError: The row names no posting.
    """
    try:
        return _resolve(row, number, base, title, cache)
    except InputError as exc:
        raise InputError(f"{gold_path}: {exc}") from None


def read_facts_row(gold_path: Path, row: dict[str, Any], number: int) -> tuple[list[dict[str, Any]], int | None]:
    """A facts row's expected pay ranges and minimum years."""
    try:
        pay = json.loads(str(row.get("pay") or "[]"))
        if not isinstance(pay, list) or not all(isinstance(p, dict) and {"min", "max", "currency", "period"} <= set(p) for p in pay):
            raise ValueError("pay must be a JSON list of objects with min, max, currency and period")
        years = int(row["min_years"]) if str(row.get("min_years") or "").strip() else None
    except (ValueError, RecursionError) as exc:
        raise InputError(f"{gold_path}: row {number} is malformed ({exc}); fix the row.") from None
    return pay, years


def read_requirement_row(gold_path: Path, row: dict[str, Any], number: int) -> tuple[str, int, int, str]:
    """A requirements row's skill id, mention start and end, and expected level."""
    try:
        return str(row["skill"]), int(row["start"]), int(row["end"]), str(row["requirement"])
    except KeyError as exc:
        raise InputError(f"{gold_path}: row {number} has no {exc} column; give skill, start, end and requirement.") from None
    except (ValueError, TypeError) as exc:
        raise InputError(f"{gold_path}: row {number} is malformed ({exc}); start and end are character offsets.") from None


def json_kind(value: Any) -> str:
    """What a JSON value is, in words (``number``, ``boolean``, ``object``, ``list``), for messages."""
    return {"bool": "boolean", "int": "number", "float": "number", "dict": "object"}.get(type(value).__name__, type(value).__name__)


def text_sha(text: str) -> str:
    """SHA-256 of a posting text with all whitespace removed (robust to line-break handling)."""
    return hashlib.sha256("".join(text.split()).encode("utf-8")).hexdigest()
