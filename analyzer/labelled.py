"""Labelled postings to train on: read from CSV or JSON Lines, or labelled weakly by their job titles.

:func:`read_labelled` reads ``(text, title, label)`` triples (:data:`Example`)
for :func:`~analyzer.learn.train`; :func:`labels_from_title` gives the weak
label a job title implies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .fields import TEXT_KEYS, pick_column
from .gold import json_kind, read_gold_rows
from .ingest import html_to_text
from .model import LABELS, parse_label
from .records import MAX_POSTING_CHARS

__all__ = ["Example", "LabelledFile", "labels_from_title", "read_labelled", "read_labelled_file"]

#: A training example: posting text, job title (or None), label.
Example = tuple[str, str | None, str]


@dataclass(frozen=True, slots=True)
class LabelledFile:
    """What a labelled file gave: the examples, and each row left out with the reason.

    Attributes:
        examples: The ``(text, title, label)`` triples, in file order.
        left_out: ``(row number, reason)`` for every row that gave no example,
            rows numbered from 1 as in error messages.
    """

    examples: list[Example]
    left_out: list[tuple[int, str]]


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

    The examples of :func:`read_labelled_file`, which also says which rows were
    left out and why; the arguments and errors are the same.
    """
    return read_labelled_file(
        path, text_column=text_column, title_column=title_column, labels_from_titles=labels_from_titles
    ).examples


def read_labelled_file(
    path: str | Path, *, text_column: str | None = None, title_column: str | None = None, labels_from_titles: bool = False
) -> LabelledFile:
    """Read labelled postings (CSV or JSON Lines), and the rows that gave no example.

    Args:
        path: A file with a text column (``text``, ``description``,
            ``job_description``...), an optional title column (``title``,
            ``job_title``) and a ``label`` column (ai, ml or hybrid, in any
            case; ``expected_label`` and ``gold_label`` also do). CSV is
            delimited by ``,`` ``;`` tab or ``|``, whichever the header holds most.
        text_column: The text column when the usual names do not fit.
        title_column: The title column when the usual names do not fit.
        labels_from_titles: Label rows by :func:`labels_from_title` instead of
            the ``label`` column; rows whose title gives no label are dropped.

    Returns:
        The examples (HTML is turned into text) and the rows left out: rows
        without text, and with ``labels_from_titles`` rows whose title gives no label.

    Raises:
        InputError: The file cannot be read or has no rows, a row has no text
            column, no label column or a bad label, or no row gives an example.
    """
    file = Path(path)
    if file.exists() and not file.is_file():  # a folder, or a named pipe that would block forever
        raise InputError(f"{file}: not a regular file; give a UTF-8 CSV or JSON Lines file.")
    rows = read_gold_rows(file)
    out: list[Example] = []
    left_out: list[tuple[int, str]] = []
    for number, row in enumerate(rows, start=1):
        names = [str(k) for k in row]
        text_key = pick_column(names, text_column, _TEXT_COLUMNS)
        if text_key is None:
            raise InputError(f"{file}: row {number} has no text column (found: {', '.join(names)}); pass --text-column NAME.")
        text = row[names[text_key]]
        if text is not None and not isinstance(text, str):
            raise InputError(f"{file}: row {number}'s text is a JSON {json_kind(text)}, not a string; give the posting text.")
        if text is not None and len(text) > MAX_POSTING_CHARS:
            raise InputError(
                f"{file}: row {number}'s text has {len(text):,} characters: too large to be a posting "
                f"(limit {MAX_POSTING_CHARS:,}); fix the row's text or leave the row out."
            )
        title_key = pick_column(names, title_column, _TITLE_COLUMNS)
        title = row[names[title_key]] if title_key is not None else None
        title = title if isinstance(title, str) else None
        text = text or ""
        text = html_to_text(text) if re.search(r"</?[a-zA-Z][^>]*>", text) else text.replace("\r\n", "\n").strip()
        if labels_from_titles:
            label = labels_from_title(title)
            if label is None:
                why = f"its title {title.strip()[:80]!r} names no AI or ML engineer role" if title and title.strip() else "no title"
                left_out.append((number, why))
                continue
        else:
            label_key = pick_column(names, None, _LABEL_COLUMNS)
            if label_key is None:
                raise InputError(
                    f"{file}: row {number} has no label column (found: {', '.join(names)}); "
                    f"add a label column ({', '.join(LABELS)}), or pass --labels-from-title."
                )
            written = row[names[label_key]]
            label = parse_label(written)
            if label not in LABELS:
                what = f"label {written!r}" if label is not None else "an empty label"
                raise InputError(f"{file}: row {number} has {what}; use one of {list(LABELS)}, or pass --labels-from-title.")
        if text:
            out.append((text, title.strip() if title else None, str(label)))
        else:
            left_out.append((number, "no text"))
    if not out:
        if labels_from_titles:
            titled = any(pick_column([str(k) for k in r], title_column, _TITLE_COLUMNS) is not None for r in rows)
            why = "no row has both a text and a title naming an AI or ML engineer role" if titled else "no title column"
            fix = "label the rows in a label column instead" if titled else "pass --title-column NAME"
            raise InputError(f"{file}: {why} to label by; {fix}.")
        raise InputError(f"{file}: no row has a text; put the posting text in the text column (or pass --text-column NAME).")
    return LabelledFile(out, left_out)


_TEXT_COLUMNS = ("text", "description", "job_description", "body", "content", *TEXT_KEYS)
_TITLE_COLUMNS = ("title", "job_title", "position_title", "position")
_LABEL_COLUMNS = ("label", "expected_label", "gold_label")
