"""The records that flow through the pipeline, as frozen dataclasses."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = [
    "BOILERPLATE",
    "LABELS",
    "LABEL_NAMES",
    "LABEL_VERDICTS",
    "Analysis",
    "Label",
    "Mention",
    "Pay",
    "Posting",
    "Section",
    "SkillHit",
    "Skipped",
    "Table",
    "parse_label",
    "pay_texts",
]

Label = Literal["ai", "ml", "hybrid"]
LABELS: tuple[Label, ...] = ("ai", "ml", "hybrid")
#: How reports name each label in headings, legends and table rows.
LABEL_NAMES = {"ai": "AI engineer", "ml": "ML engineer", "hybrid": "Hybrid"}
_LABEL_WORDS = {"machine learning": "ml", "artificial intelligence": "ai"}


def parse_label(value: Any) -> str | None:
    """A label as a person may write it, in the form :data:`LABELS` uses; None when empty.

    Case, spaces and an ``engineer`` suffix do not matter. The result is not
    checked: the caller says what to do with a word that is not a label.

    Example:
        >>> parse_label(" ML Engineer "), parse_label("Hybrid"), parse_label("machine-learning")
        ('ml', 'hybrid', 'ml')
    """
    text = " ".join(str(value if value is not None else "").lower().replace("_", " ").replace("-", " ").split())
    for suffix in (" engineering", " engineer"):
        text = text.removesuffix(suffix)
    return _LABEL_WORDS.get(text, text) or None


#: A verdict on one posting in words, for a person reading one result (the CLI, the web page).
LABEL_VERDICTS = {"ai": "AI-engineer-leaning", "ml": "ML-engineer-leaning", "hybrid": "Hybrid AI and ML engineer"}


@dataclass(frozen=True, slots=True)
class Table:
    """A small report table: a title, a sentence saying what it shows, headers and rows of text."""

    title: str
    intro: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def numeric_columns(self) -> set[int]:
        """Indexes of the columns to right-align: every cell looks like a number, a share or money (never the first)."""
        return {
            i
            for i in range(1, len(self.headers))
            if all(re.fullmatch(r"[$€£]?[\d.,]+[K%]?|n/a", r[i]) for r in self.rows if i < len(r))
        }

    def markdown(self) -> list[str]:
        """The table as Markdown lines (pipes in cells escaped; numeric columns right-aligned)."""

        def row(cells: tuple[str, ...]) -> str:
            return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

        numeric = self.numeric_columns()
        align = ["---:" if i in numeric else "---" for i in range(len(self.headers))]
        lines = ["", f"## {self.title}", ""] + ([self.intro, ""] if self.intro else [])
        return [*lines, row(self.headers), "|" + "|".join(align) + "|", *(row(r) for r in self.rows)]


@dataclass(frozen=True, slots=True)
class Posting:
    """One job posting as read from an input.

    Attributes:
        id: Stable identifier, derived from the source and the text.
        source: ``path`` or ``path#row=N`` (N counts records from 1).
        text: The posting's plain text; mention offsets index into it.
        title: The job title, when the input has one.
        company: The employer, when known.
        location: Where the job is, when known.
        date: ISO 8601 date (``YYYY-MM-DD``) the posting was published, when known.
    """

    id: str
    source: str
    text: str
    title: str | None = None
    company: str | None = None
    location: str | None = None
    date: str | None = None


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that could not be analyzed, and why."""

    source: str
    reason: str


#: Section kinds whose text never yields skills or cues.
BOILERPLATE = frozenset({"company", "benefits", "eeo", "legal", "apply", "title"})


@dataclass(frozen=True, slots=True)
class Section:
    """A stretch of a posting's text and what kind of text it is.

    Attributes:
        kind: ``intro`` (before any heading), ``duties``, ``requirements``,
            ``preferred``, ``company``, ``benefits``, ``eeo``, ``legal``,
            ``apply`` or ``other``.
        heading: The heading line ("" for the intro).
        start: Offset of the section's first character.
        end: Offset just past its last character.
    """

    kind: str
    heading: str
    start: int
    end: int

    @property
    def boilerplate(self) -> bool:
        """True when skills named here are not asked of the candidate."""
        return self.kind in BOILERPLATE

    def cut_out(self, spans: list[tuple[int, int]], kind: str) -> list[Section]:
        """Cut stretches out of this section as sections of another kind.

        Args:
            spans: ``(start, end)`` offsets, ordered, not overlapping and inside the section.
            kind: The kind of the sections cut out.

        Returns:
            Sections covering this one in order: the spans as ``kind``, the
            text between them keeping this section's kind and heading.
        """
        out: list[Section] = []
        cursor = self.start
        for start, end in spans:
            if start > cursor:
                out.append(Section(self.kind, self.heading, cursor, start))
            out.append(Section(kind, self.heading, start, end))
            cursor = end
        if cursor < self.end:
            out.append(Section(self.kind, self.heading, cursor, self.end))
        return out


@dataclass(frozen=True, slots=True)
class Mention:
    """One place in a posting's text where a skill is named.

    Attributes:
        text: The words as written.
        start: Offset of the first character in the posting text.
        end: Offset just past the last character.
        section: The kind of section it stands in (``requirements``,
            ``preferred``, ``duties``, ``intro``...; see :mod:`analyzer.sections`).
        requirement: ``required``, ``preferred`` or ``unspecified``.
    """

    text: str
    start: int
    end: int
    section: str = ""
    requirement: str = "unspecified"


@dataclass(frozen=True, slots=True)
class Pay:
    """A salary or rate a posting states.

    Attributes:
        min: The low end; None for "up to $X".
        max: The high end; None for "starting at $X".
        currency: ISO 4217 code (``USD``, ``GBP``, ``EUR``, ``CAD``, ``INR``...).
        period: ``year``, ``month``, ``week``, ``day`` or ``hour``.
        annual_min: ``min`` for a full year of work.
        annual_max: ``max`` for a full year of work.
        text: The matched text, ``posting_text[start:end]``.
        start: Offset of its first character.
        end: Offset just past its last character.
        basis: ``base``, ``total`` (OTE, total compensation) or ``unspecified``.
    """

    min: float | None
    max: float | None
    currency: str
    period: str
    annual_min: float | None
    annual_max: float | None
    text: str
    start: int
    end: int
    basis: str

    def to_dict(self) -> dict[str, Any]:
        """The pay as a JSON-ready dict, keys in field order."""
        return {
            "min": self.min,
            "max": self.max,
            "currency": self.currency,
            "period": self.period,
            "annual_min": self.annual_min,
            "annual_max": self.annual_max,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "basis": self.basis,
        }


@dataclass(frozen=True, slots=True)
class SkillHit:
    """A taxonomy skill found in a posting, with every mention of it."""

    id: str
    name: str
    category: str
    mentions: tuple[Mention, ...]

    @property
    def count(self) -> int:
        """Number of mentions."""
        return len(self.mentions)


def pay_texts(texts: Iterable[str]) -> str | None:
    """Pay amounts as written, on one line each, each distinct one once, joined by "; "; None when there are none.

    Example:
        >>> pay_texts(["$150,000 -  $180,000", "$150,000 - $180,000", "$80/hour"])
        '$150,000 - $180,000; $80/hour'
    """
    return "; ".join(dict.fromkeys(" ".join(text.split()) for text in texts)) or None


@dataclass(frozen=True, slots=True)
class Analysis:
    """The result for one posting: skills, label, confidence and reasons."""

    posting: Posting
    skills: tuple[SkillHit, ...]
    label: Label
    confidence: float
    scores: dict[str, float] = field(hash=False)
    reasons: tuple[str, ...]
    duplicate_of: str | None = None
    pay: tuple[Pay, ...] = ()
    min_years: int | None = None
    seniority: str | None = None

    def level_text(self) -> str | None:
        """The seniority and minimum years asked, for a person ("senior, at least 5 years asked"); None when neither is known."""
        parts = [self.seniority] if self.seniority else []
        if self.min_years is not None:
            parts.append(f"at least {self.min_years} years asked")
        return ", ".join(parts) or None

    def pay_text(self) -> str | None:
        """The pay the posting states, as written, each distinct amount once ("$150,000 - $180,000"); None when none."""
        return pay_texts(pay.text for pay in self.pay)

    def to_dict(self, *, include_text: bool = True) -> dict[str, Any]:
        """The ``postings.jsonl`` object for this posting."""
        p = self.posting
        record: dict[str, Any] = {
            "id": p.id,
            "source": p.source,
            "title": p.title,
            "company": p.company,
            "location": p.location,
            "date": p.date,
            "duplicate_of": self.duplicate_of,
            "label": self.label,
            "confidence": self.confidence,
            "scores": dict(self.scores),
            "skills": [
                {
                    "id": s.id,
                    "name": s.name,
                    "category": s.category,
                    "count": s.count,
                    "mentions": [
                        {"text": m.text, "start": m.start, "end": m.end, "section": m.section, "requirement": m.requirement}
                        for m in s.mentions
                    ],
                }
                for s in self.skills
            ],
            "reasons": list(self.reasons),
            "pay": [pay.to_dict() for pay in self.pay],
            "min_years": self.min_years,
            "seniority": self.seniority,
        }
        if include_text:
            record["text"] = p.text
        return record
