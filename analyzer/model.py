"""The records that flow through the pipeline, as frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = [
    "LABELS",
    "Analysis",
    "Label",
    "Mention",
    "Posting",
    "SkillHit",
    "Skipped",
]

Label = Literal["ai", "ml", "hybrid"]
LABELS: tuple[Label, ...] = ("ai", "ml", "hybrid")


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


@dataclass(frozen=True, slots=True)
class Mention:
    """One place in a posting's text where a skill is named."""

    text: str
    start: int
    end: int


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
                    "mentions": [{"text": m.text, "start": m.start, "end": m.end} for m in s.mentions],
                }
                for s in self.skills
            ],
            "reasons": list(self.reasons),
        }
        if include_text:
            record["text"] = p.text
        return record
