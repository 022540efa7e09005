"""Flat exports for spreadsheets and notebooks: ``postings.csv`` and ``mentions.csv``.

Every text cell goes through :func:`safe_cell`, so a value starting with
``= + - @`` (a formula, in a spreadsheet) is neutralised with a leading ``'``.
"""

from __future__ import annotations

import csv
import importlib.util
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from .errors import UsageError
from .model import pay_texts

__all__ = [
    "EXTRA_FORMATS",
    "MENTION_COLUMNS",
    "POSTING_COLUMNS",
    "check_formats",
    "extra_format_files",
    "mention_rows",
    "posting_row",
    "present_formats",
    "safe_cell",
    "write_extra_formats",
    "write_postings_csv",
]

POSTING_COLUMNS = [
    "id",
    "source",
    "title",
    "company",
    "location",
    "date",
    "duplicate_of",
    "label",
    "confidence",
    "score_ai",
    "score_ml",
    "seniority",
    "min_years",
    "pay",
    "pay_currency",
    "pay_annual_min",
    "pay_annual_max",
    "skill_count",
    "skills",
]
MENTION_COLUMNS = ["posting_id", "skill_id", "text", "start", "end"]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Extra export formats and the package each needs.
EXTRA_FORMATS = {"parquet": "pyarrow", "xlsx": "openpyxl"}
_TABLES = ("skills", "postings", "mentions")
_XLSX_ROWS = 1_048_575  # Excel's limit, less the header
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_W3CDTF = re.compile(rb"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(</dcterms:)")


def safe_cell(value: object) -> str:
    """A CSV cell as text; a value starting with ``= + - @`` gets a leading ``'`` (no formula)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def mention_rows(record: dict[str, Any]) -> Iterator[list[str]]:
    """One ``mentions.csv`` row per skill mention of a posting (its ``postings.jsonl`` object)."""
    for skill in record["skills"]:
        for mention in skill["mentions"]:
            yield [record["id"], skill["id"], safe_cell(mention["text"]), str(mention["start"]), str(mention["end"])]


def posting_row(record: dict[str, Any]) -> list[str]:
    """A posting's ``postings.csv`` cells before the per-skill columns (see :data:`POSTING_COLUMNS`)."""
    ids = [s["id"] for s in record["skills"]]
    cells = [
        record["id"],
        record["source"],
        record["title"],
        record["company"],
        record["location"],
        record["date"],
        record["duplicate_of"],
        record["label"],
        record["confidence"],
        record["scores"]["ai"],
        record["scores"]["ml"],
        record.get("seniority"),
        record.get("min_years"),
        *_pay_cells(record.get("pay") or []),
        len(ids),
        " ".join(ids),
    ]
    return [safe_cell(c) for c in cells]


def _pay_cells(pays: list[dict[str, Any]]) -> list[object]:
    """The pay cells of a posting: the amounts as written, and the yearly range when they share one currency."""
    text = pay_texts(str(p["text"]) for p in pays)
    currencies = {p["currency"] for p in pays}
    if len(currencies) != 1:
        return [text, None, None, None]
    lows = [p["annual_min"] for p in pays if p.get("annual_min") is not None]
    highs = [p["annual_max"] for p in pays if p.get("annual_max") is not None]
    return [text, currencies.pop(), _number(min(lows)) if lows else None, _number(max(highs)) if highs else None]


def _number(value: float) -> int | float:
    """A whole amount without its ``.0``; others to the cent."""
    return int(value) if float(value).is_integer() else round(value, 2)


def write_postings_csv(rows: Path, handle: IO[str], top_skills: Sequence[str]) -> int:
    """Write ``postings.csv`` from the postings' rows, streaming, adding a column per top skill.

    Args:
        rows: A CSV file without header of :func:`posting_row` rows, one per posting.
        handle: Where the CSV goes.
        top_skills: Skill ids that get a 0/1 column each (``skill_<id>``).

    Returns:
        The number of rows written.
    """
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(POSTING_COLUMNS + [f"skill_{s}" for s in top_skills])
    skills_at = POSTING_COLUMNS.index("skills")
    count = 0
    with rows.open(encoding="utf-8", newline="") as lines:
        for row in csv.reader(lines):
            found = set(row[skills_at].split())
            writer.writerow(row + ["1" if s in found else "0" for s in top_skills])
            count += 1
    return count


def check_formats(formats: Iterable[str]) -> None:
    """Check that each extra format is known and its package installed.

    Raises:
        UsageError: An unknown format, or its package is missing (the message says what to install).
    """
    for fmt in formats:
        if fmt == "csv":
            continue
        package = EXTRA_FORMATS.get(fmt)
        if package is None:
            raise UsageError(f"unknown format {fmt!r}; choose from csv, {', '.join(EXTRA_FORMATS)}.")
        if importlib.util.find_spec(package) is None:
            raise UsageError(f"--format {fmt} needs {package}: pip install 'skill-analyzer[exports]' (or pip install {package}).")


def extra_format_files(fmt: str) -> tuple[str, ...]:
    """The names of the files an extra export format writes.

    Example:
        >>> extra_format_files("xlsx")
        ('report.xlsx',)
    """
    return ("report.xlsx",) if fmt == "xlsx" else tuple(f"{name}.{fmt}" for name in _TABLES)


def present_formats(out_dir: Path) -> list[str]:
    """The extra export formats a run's folder holds files of (to refresh them when its tables are rebuilt).

    Args:
        out_dir: A run's folder.

    Returns:
        Among ``parquet`` and ``xlsx``, in that order.
    """
    return [fmt for fmt in EXTRA_FORMATS if any((out_dir / name).is_file() for name in extra_format_files(fmt))]


def write_extra_formats(out_dir: Path, formats: Iterable[str]) -> list[Path]:
    """Write the CSV tables (skills, postings, mentions) again as Parquet files or one Excel workbook.

    Text cells keep their formula neutralisation. An Excel sheet stops at
    Excel's row limit; the CSV has every row. The files of a format not asked
    for, left in the folder by an earlier run, are removed: they held that
    run's tables, not this one's.

    Args:
        out_dir: A finished run's folder (its CSV files are read).
        formats: Among ``parquet`` and ``xlsx`` (``csv`` is always written).

    Returns:
        The files written.
    """
    import pandas as pd

    wanted = [f for f in dict.fromkeys(formats) if f != "csv"]
    for fmt in EXTRA_FORMATS:
        if fmt not in wanted:
            for name in extra_format_files(fmt):
                (out_dir / name).unlink(missing_ok=True)
    if not wanted:
        return []
    frames = {name: pd.read_csv(out_dir / f"{name}.csv", keep_default_na=False, dtype=str) for name in _TABLES}
    written: list[Path] = []
    for fmt in wanted:
        if fmt == "parquet":
            for name, frame in frames.items():
                path = out_dir / f"{name}.parquet"
                frame.to_parquet(path, index=False)
                written.append(path)
        elif fmt == "xlsx":
            path = out_dir / "report.xlsx"
            with pd.ExcelWriter(path, engine="openpyxl") as book:
                for name, frame in frames.items():
                    frame.head(_XLSX_ROWS).to_excel(book, sheet_name=name, index=False)
            _pin_workbook_times(path)
            written.append(path)
    return written


def _pin_workbook_times(path: Path) -> None:
    """Rewrite a workbook with fixed times, so the same tables give the same bytes.

    openpyxl stamps the time of writing into ``docProps/core.xml`` (created, modified)
    and into every zip entry; both are set to 1980-01-01, the zip format's first day.
    """
    with zipfile.ZipFile(path) as source:
        entries = [(info.filename, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in entries:
            if name == "docProps/core.xml":
                data = _W3CDTF.sub(rb"\g<1>1980-01-01T00:00:00Z\g<2>", data)
            target.writestr(zipfile.ZipInfo(name, date_time=_ZIP_EPOCH), data, compress_type=zipfile.ZIP_DEFLATED)
