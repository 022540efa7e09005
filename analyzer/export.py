"""Flat exports for spreadsheets and notebooks: ``postings.csv`` and ``mentions.csv``.

Every text cell goes through :func:`safe_cell`, so a value starting with
``= + - @`` (a formula, in a spreadsheet) is neutralised with a leading ``'``.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

__all__ = ["MENTION_COLUMNS", "POSTING_COLUMNS", "mention_rows", "safe_cell", "write_postings_csv"]

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
    "skill_count",
    "skills",
]
MENTION_COLUMNS = ["posting_id", "skill_id", "text", "start", "end"]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """A CSV cell as text; a value starting with ``= + - @`` gets a leading ``'`` (no formula)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def mention_rows(record: dict[str, Any]) -> Iterator[list[str]]:
    """One ``mentions.csv`` row per skill mention of a posting (its ``postings.jsonl`` object)."""
    for skill in record["skills"]:
        for mention in skill["mentions"]:
            yield [record["id"], skill["id"], safe_cell(mention["text"]), str(mention["start"]), str(mention["end"])]


def write_postings_csv(jsonl: Path, handle: IO[str], top_skills: Sequence[str]) -> int:
    """Write ``postings.csv`` from a ``postings.jsonl`` file, streaming.

    Args:
        jsonl: The ``postings.jsonl`` written by the run.
        handle: Where the CSV goes.
        top_skills: Skill ids that get a 0/1 column each (``skill_<id>``).

    Returns:
        The number of rows written.
    """
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(POSTING_COLUMNS + [f"skill_{s}" for s in top_skills])
    rows = 0
    with jsonl.open(encoding="utf-8") as lines:
        for line in lines:
            writer.writerow(_posting_row(json.loads(line), top_skills))
            rows += 1
    return rows


def _posting_row(record: dict[str, Any], top_skills: Iterable[str]) -> list[str]:
    ids = [s["id"] for s in record["skills"]]
    found = set(ids)
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
        len(ids),
        " ".join(ids),
    ]
    return [safe_cell(c) for c in cells] + ["1" if s in found else "0" for s in top_skills]
