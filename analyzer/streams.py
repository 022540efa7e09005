"""Read the streamed formats, CSV and JSON Lines, one row at a time.

Each row becomes a :class:`~analyzer.model.Posting` or a
:class:`~analyzer.model.Skipped` record (``path#row=N``), so that a bad row
never stops the file; the file is never read whole.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .decoding import sniff_encoding, source_name, stream_codec
from .errors import SkipPosting
from .fields import has_text_column
from .model import Posting, Skipped
from .records import MAX_POSTING_CHARS, ColumnOptions, parse_json, record_posting

__all__ = ["read_csv_file", "read_jsonl_file"]


def read_jsonl_file(path: Path, columns: ColumnOptions) -> Iterator[Posting | Skipped]:
    """Read a JSON Lines file, one posting per non-blank line.

    Args:
        path: The ``.jsonl`` or ``.ndjson`` file.
        columns: Column names to use instead of the usual ones.

    Yields:
        A Posting or Skipped record per line (``path#row=N``), and one Skipped for a file with no lines.

    Raises:
        SkipPosting: The file is binary or in no text encoding.
    """
    source = source_name(path)
    encoding = sniff_encoding(path)
    found = False
    with path.open("r", encoding=stream_codec(encoding), errors="strict", newline="") as handle:
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
                found = True
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
                record = parse_json(line, where, one_line=True)
            except SkipPosting as skip:
                yield Skipped(skip.source, skip.reason)
                continue
            if not isinstance(record, dict):
                yield Skipped(where, f"expected a JSON object on each line, got {type(record).__name__}")
                continue
            yield record_posting(record, where, columns, "line")
    if not found:
        yield Skipped(source, "empty file: no JSON lines")


def read_csv_file(path: Path, columns: ColumnOptions) -> Iterator[Posting | Skipped]:
    """Read a CSV file (comma, semicolon, tab or pipe delimited) or a TSV file, one posting per row.

    Args:
        path: The ``.csv`` or ``.tsv`` file; its header names the columns.
        columns: Column names to use instead of the usual ones.

    Yields:
        A Posting or Skipped record per row (``path#row=N``), or one Skipped for the file
        (no header, no text column, no rows).

    Raises:
        SkipPosting: The file is binary or in no text encoding.
    """
    source = source_name(path)
    encoding = sniff_encoding(path)
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with path.open("r", encoding=stream_codec(encoding), errors="strict", newline="") as handle:
        delimiter = "\t" if path.suffix.lower() == ".tsv" else _sniff_delimiter(handle)
        lines = _RowLines(handle)
        reader = csv.reader(lines, delimiter=delimiter)
        try:
            header = next(reader)
        except StopIteration:
            yield Skipped(source, "empty file: no CSV header")
            return
        except (csv.Error, UnicodeDecodeError) as exc:
            yield Skipped(source, f"malformed CSV header ({exc}); is this a CSV file?")
            return
        names = [h.strip().lstrip("\ufeff") for h in header]
        # A repeated column name reads its first column, the one pick_column finds.
        first = {name: index for index, name in reversed(list(enumerate(names)))}
        if not has_text_column(names, columns.text_column):
            hint = f"column {columns.text_column!r} not found" if columns.text_column else "no description column found"
            yield Skipped(source, f"{hint} (columns: {', '.join(names)}); pass --text-column NAME")
            return
        row = 0
        # Each row's result waits for the next row: the last one may hold the
        # rest of the file, when a quote is never closed.
        pending: Posting | Skipped | None = None
        while True:
            lines.start_row()
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
                if pending is not None:
                    yield pending
                pending = Skipped(f"{source}#row={row}", f"malformed CSV row ({exc})")
                continue
            if not any(v.strip() for v in values):
                continue
            row += 1
            where = f"{source}#row={row}"
            if pending is not None:
                yield pending
            if lines.unclosed_quote(delimiter):
                pending = Skipped(
                    where,
                    f"a quoted field here is never closed, so the rest of the file ({len(lines.row):,} lines) "
                    "reads as one row; close the quote",
                )
            elif len(values) != len(names):
                pending = Skipped(where, f"malformed CSV row: {len(values)} fields where the header has {len(names)}")
            else:
                pending = record_posting({name: values[first[name]] for name in names}, where, columns, "row")
        if pending is not None:
            yield pending
        if row == 0:
            yield Skipped(source, "CSV has a header but no rows")


class _RowLines:
    """The lines of a CSV file, remembering those of the row being read.

    Python's CSV reader does not report a quote left open at the end of the
    file: it returns the rest of the file as one field. Reading the last
    row's own lines again strictly tells it apart from a row that spans
    lines on purpose.
    """

    def __init__(self, handle: Any) -> None:
        self._lines = iter(handle)
        self._ahead: str | None = None
        self._error: UnicodeDecodeError | None = None
        self.row: list[str] = []

    def __iter__(self) -> _RowLines:
        return self

    def __next__(self) -> str:
        if self._error is not None:
            raise self._error
        if self._ahead is not None:
            line, self._ahead = self._ahead, None
        else:
            line = next(self._lines)
        self.row.append(line)
        return line

    def start_row(self) -> None:
        """Forget the lines of the rows read so far."""
        self.row = []

    def unclosed_quote(self, delimiter: str) -> bool:
        """Whether the row just read ends inside a quoted field (only possible at the end of the file)."""
        if len(self.row) < 2 or not self._at_end():
            return False
        try:
            for _ in csv.reader(self.row, delimiter=delimiter, strict=True):
                pass
        except csv.Error as exc:
            return "unexpected end of data" in str(exc)
        return False

    def _at_end(self) -> bool:
        if self._ahead is None and self._error is None:
            try:
                self._ahead = next(self._lines, None)
            except UnicodeDecodeError as exc:  # raised again when the reader gets there
                self._error = exc
        return self._ahead is None and self._error is None


def _sniff_delimiter(handle: Any) -> str:
    """The CSV delimiter from the header line: the most frequent of , ; tab and | (comma on ties)."""
    position = handle.tell()
    header = handle.readline(1 << 16)
    handle.seek(position)
    counts = {d: header.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] > 0 else ","
