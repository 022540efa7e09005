"""Labelled postings to train on: read from CSV or JSON Lines, or labelled weakly by their job titles.

:func:`read_labelled` reads ``(text, title, label)`` triples (:data:`Example`)
for :func:`~analyzer.learn.train`; :func:`labels_from_title` gives the weak
label a job title implies.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

from .errors import InputError
from .ingest import html_to_text
from .model import LABELS, parse_label

__all__ = ["Example", "labels_from_title", "read_labelled"]

#: A training example: posting text, job title (or None), label.
Example = tuple[str, str | None, str]


def labels_from_title(title: str | None) -> str | None:
    """A weak label from a job title, or None when the title does not say.

    The title must name an engineer or developer. ``AI/ML``, ``ML/AI``, ``AI &
    ML``, ``AI and Machine Learning`` (also with GenAI) give ``hybrid``; a title
    naming AI (``AI``, ``Artificial Intelligence``, ``GenAI``, ``Generative AI``,
    ``LLM``) and not ML gives ``ai``; one naming ML (``ML``, ``Machine
    Learning``, ``MLOps``) and not AI gives ``ml``; both otherwise
    ("ML Engineer, Conversational AI") or neither ("Data Scientist") give None.

    Example:
        >>> labels_from_title("Senior Machine Learning Engineer")
        'ml'
    """
    text = (title or "").lower()
    if not re.search(r"\b(engineer\w*|developer)\b", text):
        return None
    ai, ml = r"(gen(erative)?\s*)?ai|artificial intelligence", r"ml|machine learning"
    if re.search(rf"\b({ai})\s*(/|&|\+|\band\b)\s*({ml})\b|\b({ml})\s*(/|&|\+|\band\b)\s*({ai})\b", text):
        return "hybrid"
    has_ai = bool(re.search(r"\b(ai|artificial intelligence|gen\s*ai|generative ai|llms?)\b", text))
    has_ml = bool(re.search(r"\b(ml|machine learning|ml\s*ops|mlops)\b", text))
    return "ai" if has_ai and not has_ml else "ml" if has_ml and not has_ai else None


def read_labelled(
    path: str | Path, *, text_column: str | None = None, title_column: str | None = None, labels_from_titles: bool = False
) -> list[Example]:
    """Read labelled postings (CSV or JSON Lines) as ``(text, title, label)`` triples.

    Args:
        path: A file with a text column (``text``, ``description``,
            ``job_description``...), an optional title column (``title``,
            ``job_title``) and a ``label`` column (ai, ml or hybrid).
        text_column: The text column when the usual names do not fit.
        title_column: The title column when the usual names do not fit.
        labels_from_titles: Label rows by :func:`labels_from_title` instead of
            the ``label`` column; rows whose title gives no label are dropped.

    Returns:
        The examples; HTML is turned into text and rows without text are left out.

    Raises:
        InputError: The file cannot be read, has no text column or a bad label.
    """
    file = Path(path)
    if file.exists() and not file.is_file():  # a folder, or a named pipe that would block forever
        raise InputError(f"{file}: not a regular file; give a UTF-8 CSV or JSON Lines file.")
    try:
        raw = file.read_text(encoding="utf-8-sig")
        is_jsonl = file.suffix.lower() in (".jsonl", ".ndjson")
        lines = [line for line in raw.splitlines() if line.strip()]
        rows = [json.loads(line) for line in lines] if is_jsonl else list(csv.DictReader(io.StringIO(raw, newline="")))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError, csv.Error) as exc:
        raise InputError(f"{file}: cannot read the labelled postings ({exc}); give a UTF-8 CSV or JSON Lines file.") from None
    out: list[Example] = []
    for number, row in enumerate(rows, start=1):
        text = _column(row, text_column, ("text", "description", "job_description", "body", "content"))
        if text is None:
            columns = ", ".join(map(str, row)) if isinstance(row, dict) else type(row).__name__
            raise InputError(f"{file}: row {number} has no text column (found: {columns}); pass --text-column NAME.")
        title = _column(row, title_column, ("title", "job_title", "position"))
        text = html_to_text(text) if re.search(r"</?[a-zA-Z][^>]*>", text) else text.replace("\r\n", "\n").strip()
        label = labels_from_title(title) if labels_from_titles else parse_label(row.get("label"))
        if labels_from_titles and label is None:
            continue
        if label not in LABELS:
            raise InputError(f"{file}: row {number} has label {row.get('label')!r}; use one of {list(LABELS)}, or pass --labels-from-title.")
        if text:
            out.append((text, title.strip() if title else None, str(label)))
    return out


def _column(row: Any, wanted: str | None, usual: tuple[str, ...]) -> str | None:
    keys = {str(k).strip().lower(): k for k in row} if isinstance(row, dict) else {}
    for name in (wanted,) if wanted else usual:
        key = keys.get(name.lower())
        if key is not None and isinstance(row[key], str):
            return str(row[key])
    return None
