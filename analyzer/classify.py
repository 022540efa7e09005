"""Label a posting AI-engineer-leaning, ML-engineer-leaning or hybrid, with reasons.

The rule score is transparent. Evidence toward each role comes from:

* **skills**: each skill found adds the part of its role weights that leans
  one way (``max(w_ai - w_ml, 0)`` to AI, ``max(w_ml - w_ai, 0)`` to ML), so
  skills both roles share (Python, Docker) weigh little;
* **duty cues**: phrases that say what the job builds (``integrate LLMs into
  products`` versus ``train ranking models``), found outside boilerplate;
  a cue adds its weight, more for repeated hits (x1, x1.5, x2 at most);
* **the title**, when there is one: one signal among the others.

With ``A`` and ``M`` the two sums, the lean is ``s = (A - M) / (A + M + 1)``.
The label is ``hybrid`` when both roles weigh about the same
(``|s| < hybrid_margin``), or when both are strong (``min(A, M) >=
strong_evidence``) and still fairly close (``|s| < strong_margin``); else
``ai`` or ``ml`` by the sign of ``s``. The defaults were chosen on the
development split of ``tests/eval/corpus_labels.csv``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from .model import Label, SkillHit
from .sections import Section
from .taxonomy import Taxonomy

__all__ = ["Classifier", "Contribution", "RuleClassifier", "Verdict"]


@dataclass(frozen=True, slots=True)
class Contribution:
    """One piece of evidence and how much it weighs toward a role."""

    lean: str
    weight: float
    kind: str  # "skill", "duty" or "title"; a model's: "phrase", "duty", "skills", "rule"
    text: str
    example: str


@dataclass(frozen=True, slots=True)
class Verdict:
    """A label with its confidence, scores and the evidence behind it."""

    label: Label
    confidence: float
    scores: dict[str, float]
    contributions: tuple[Contribution, ...]
    reasons: tuple[str, ...]


class Classifier(Protocol):
    """What labels a posting: the rule score here, or a trained model (:mod:`analyzer.learn`)."""

    def classify(
        self,
        text: str,
        skills: Sequence[SkillHit],
        *,
        title: str | None = None,
        sections: Sequence[Section] = (),
    ) -> Verdict:
        """Label one posting."""
        ...


class RuleClassifier:
    """The transparent rule classifier.

    Args:
        taxonomy: Skills with role weights, duty cues and title rules.
        hybrid_margin: ``|s|`` below which a posting is hybrid.
        strong_evidence: Evidence on each side above which a posting is
            hybrid up to ``strong_margin``.
        strong_margin: ``|s|`` below which a posting with strong evidence on
            both sides is hybrid.
        skill_scale: Factor on skill evidence (duty cues weigh 1).
        bias: Added to the lean (positive favours AI).
        max_reasons: How many pieces of evidence the reasons name.
    """

    def __init__(
        self,
        taxonomy: Taxonomy,
        *,
        hybrid_margin: float = 0.1,
        strong_evidence: float = 4.0,
        strong_margin: float = 0.3,
        skill_scale: float = 0.5,
        bias: float = 0.03,
        max_reasons: int = 6,
    ) -> None:
        self.taxonomy = taxonomy
        self.hybrid_margin = hybrid_margin
        self.strong_evidence = strong_evidence
        self.strong_margin = strong_margin
        self.skill_scale = skill_scale
        self.bias = bias
        self.max_reasons = max_reasons
        self._weights = {s.id: (s.weight_ai, s.weight_ml, s.name) for s in taxonomy.skills}

    def classify(
        self,
        text: str,
        skills: Sequence[SkillHit],
        *,
        title: str | None = None,
        sections: Sequence[Section] = (),
    ) -> Verdict:
        """Label one posting.

        Args:
            text: The posting text.
            skills: The skills found in it.
            title: The job title, when known.
            sections: The text's sections (cues in boilerplate are ignored).

        Returns:
            The verdict: label, confidence in [0, 1], scores and reasons.
        """
        contributions = [*self._skill_evidence(skills), *self._cue_evidence(text, sections), *self._title_evidence(title)]
        ai = sum(c.weight for c in contributions if c.lean == "ai")
        ml = sum(c.weight for c in contributions if c.lean == "ml")
        lean = (ai - ml) / (ai + ml + 1.0) + self.bias
        label: Label
        margin = self.strong_margin if min(ai, ml) >= self.strong_evidence else self.hybrid_margin
        if ai == 0 and ml == 0:
            label, confidence = "hybrid", 0.0
        elif abs(lean) < margin:
            label = "hybrid"
            closeness = 1.0 - abs(lean) / margin
            strength = min(1.0, min(ai, ml) / self.strong_evidence)
            confidence = 0.5 + 0.5 * closeness * strength
        else:
            label = "ai" if lean > 0 else "ml"
            span = max(1e-9, 0.6 - margin)
            confidence = 0.5 + 0.5 * min(1.0, (abs(lean) - margin) / span)
        scores = {"ai": round(float(ai), 3), "ml": round(float(ml), 3)}
        ordered = tuple(sorted(contributions, key=lambda c: (-c.weight, c.lean, c.kind, c.text)))
        reasons = self._reasons(label, ai, ml, lean, margin, ordered)
        return Verdict(label, round(confidence, 3), scores, ordered, reasons)

    def _skill_evidence(self, skills: Sequence[SkillHit]) -> list[Contribution]:
        out = []
        for hit in skills:
            w_ai, w_ml, name = self._weights[hit.id]
            diff = w_ai - w_ml
            if abs(diff) < 1e-9:
                continue
            lean = "ai" if diff > 0 else "ml"
            weight = round(abs(diff) * self.skill_scale, 3)
            if weight > 0:
                out.append(Contribution(lean, weight, "skill", name, hit.mentions[0].text))
        return out

    def _cue_evidence(self, text: str, sections: Sequence[Section]) -> list[Contribution]:
        lowered = text.lower()  # cue patterns are lowercase: faster than re.IGNORECASE
        boiler = [(s.start, s.end) for s in sections if s.boilerplate]
        starts = [start for start, _ in boiler]
        out = []
        for cue in self.taxonomy.cues:
            hits = [m for m in cue.pattern.finditer(lowered) if not _in_spans(m.start(), boiler, starts)]
            if hits:
                factor = 1.0 + 0.5 * (min(len(hits), 3) - 1)
                example = _squash(text[hits[0].start() : hits[0].end()])
                out.append(Contribution(cue.lean, round(cue.weight * factor, 3), "duty", cue.text, example))
        return out

    def _title_evidence(self, title: str | None) -> list[Contribution]:
        if not title:
            return []
        out = []
        for rule in self.taxonomy.titles:
            match = rule.pattern.search(title.lower())
            if match:
                out.append(Contribution(rule.lean, rule.weight, "title", "job title", title))
        return out

    def _reasons(
        self, label: Label, ai: float, ml: float, lean: float, margin: float, ordered: Sequence[Contribution]
    ) -> tuple[str, ...]:
        if not ordered:
            return ("no skills or duty phrases that lean either way were found; label is a guess (confidence 0)",)
        names = {"ai": "AI engineer", "ml": "ML engineer", "hybrid": "hybrid"}
        verdict = (
            f"AI evidence {ai:.2f} vs ML evidence {ml:.2f} (lean {lean:+.2f}; hybrid when |lean| < {margin:.2f}): {names[label]}"
        )
        lines = [verdict]
        for c in ordered[: self.max_reasons]:
            lines.append(f"{c.lean.upper()} +{c.weight:.2f} {c.kind}: {c.text} (\u201c{c.example}\u201d)")
        return tuple(lines)


def _in_spans(offset: int, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    i = bisect_right(starts, offset) - 1
    return i >= 0 and spans[i][0] <= offset < spans[i][1]


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
