"""Label a posting AI-engineer-leaning, ML-engineer-leaning or hybrid, with reasons.

The rule score is transparent and reads the posting sentence by sentence, as
the labelling guide does (``tests/eval/LABELLING.md``): what does each duty
build?

* Each **sentence or bullet** outside boilerplate (company blurb, benefits,
  EEO...) is a unit. The **duty cues** it contains (phrases such as
  ``integrate LLMs into products`` or ``train ranking models``, from the
  taxonomy's ``cues``) decide which way it leans. *Core* cues (weight of at
  least ``core_weight``: building AI applications, integrating models into
  products, agents, chatbots and RAG; training and tuning models, predictive models)
  outrank the supporting ones (APIs, services, experiments, features, ML
  platforms...): a unit with a core cue votes for its core side(s) only;
  otherwise for the side whose supporting cues weigh more (half each on a
  tie), counting ``support_weight``.
* A unit's vote is multiplied by its section's weight (``place_weights``):
  duties count most, then requirements, intro and other text, then
  preferred qualifications.
* **Skills** add a little (``skill_scale`` times the part of their role
  weights that leans one way); the **title**, when there is one, adds
  ``title_weight``.

With ``A`` and ``M`` the two sums, the AI share is ``A / (A + M)``. The label
is ``hybrid`` when both sides have core duty units (at least
``hybrid_core`` each, section-weighted) and the smaller side still has at
least ``hybrid_share`` of the evidence; else ``ai`` when the AI share plus
``bias`` is above one half, else ``ml``. The defaults were chosen by
cross-validation on the labelled development postings
(``tests/eval/corpus_labels.csv`` split ``dev`` and ``tests/eval/corpus_roles.csv``).

The **confidence** says how often a label given like this one was right:
the raw strength of the verdict (how far the AI share is from the line, how
much evidence there is, how clearly both sides pass the hybrid bar) is read
through a table per label, fitted on those development postings
(``scripts/calibrate_rules.py``, file :func:`confidence_table_path`). A
posting with no evidence gets confidence 0. With a taxonomy other than the
one the table was fitted with, the raw strength is shown.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from .model import Label, SkillHit
from .sections import Section, content_units, split_sections
from .taxonomy import Taxonomy

__all__ = [
    "PLACE_WEIGHTS",
    "Classifier",
    "Contribution",
    "RuleClassifier",
    "Unit",
    "Verdict",
    "calibrated",
    "confidence_table_path",
    "shipped_confidence_table",
]


@dataclass(frozen=True, slots=True)
class Contribution:
    """One piece of evidence and how much it weighs toward a role."""

    lean: str
    weight: float
    kind: str  # "core duty", "duty", "skill" or "title"; a model's: "phrase", "duty", "skills", "rule"
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


#: Section weights: how much a unit in each kind of section counts.
PLACE_WEIGHTS: dict[str, float] = {"duties": 1.0, "intro": 1.0, "requirements": 0.3, "preferred": 0.25, "other": 0.5}


@dataclass(frozen=True, slots=True)
class Unit:
    """One sentence or bullet outside boilerplate and the duty cues found in it.

    Attributes:
        kind: The kind of section it stands in (``duties``, ``requirements``...).
        start: Offset of its first character.
        end: Offset just past its last character.
        cues: ``(cue index, match start, match end)`` per cue found, offsets in the text.
    """

    kind: str
    start: int
    end: int
    cues: tuple[tuple[int, int, int], ...]


class RuleClassifier:
    """The transparent rule classifier.

    Args:
        taxonomy: Skills with role weights, duty cues and title rules.
        place_weights: Weight of a unit per section kind (unknown kinds count as ``other``).
        core_weight: Cues weighing at least this much are core cues.
        support_weight: What a unit decided by supporting cues only counts (a core unit counts 1).
        hybrid_core: Section-weighted core units each side needs for a hybrid.
        hybrid_share: Smallest share of the evidence the weaker side needs for a hybrid.
        skill_scale: Factor on skill evidence.
        title_weight: Evidence a matching title adds.
        bias: Added to the AI share before comparing it with one half (negative favours ML).
        max_reasons: How many pieces of evidence the reasons name.
        confidence_table: Per label, ``(raw strength, confidence)`` points
            read by linear interpolation; None for the shipped table (when it
            was fitted with this taxonomy), empty for the raw strength.
    """

    def __init__(
        self,
        taxonomy: Taxonomy,
        *,
        place_weights: dict[str, float] | None = None,
        core_weight: float = 1.5,
        support_weight: float = 0.5,
        hybrid_core: float = 0.5,
        hybrid_share: float = 0.3,
        skill_scale: float = 0.2,
        title_weight: float = 0.5,
        bias: float = -0.1,
        max_reasons: int = 6,
        confidence_table: Mapping[str, Sequence[tuple[float, float]]] | None = None,
    ) -> None:
        self.taxonomy = taxonomy
        self.place_weights = dict(PLACE_WEIGHTS if place_weights is None else place_weights)
        self.core_weight = core_weight
        self.support_weight = support_weight
        self.hybrid_core = hybrid_core
        self.hybrid_share = hybrid_share
        self.skill_scale = skill_scale
        self.title_weight = title_weight
        self.bias = bias
        self.max_reasons = max_reasons
        self.confidence_table = dict(shipped_confidence_table(taxonomy) if confidence_table is None else confidence_table)
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
            sections: The text's sections (split here when empty; cues in boilerplate are ignored).

        Returns:
            The verdict: label, confidence in [0, 1], scores (the AI and ML evidence) and reasons.
        """
        return self.decide(text, self.units(text, sections), skills, title=title)

    def units(self, text: str, sections: Sequence[Section] = ()) -> tuple[Unit, ...]:
        """The sentences and bullets outside boilerplate, with the duty cues found in each."""
        lowered = text.lower()  # cue patterns are lowercase: faster than re.IGNORECASE
        # One scan of the whole text per cue first: a cue can match inside a
        # unit only if one of its matches in the whole text overlaps the unit.
        cues = [
            (index, cue, [m.end() for m in matches], [m.start() for m in matches])
            for index, cue in enumerate(self.taxonomy.cues)
            if (matches := list(cue.pattern.finditer(lowered)))
        ]
        out = []
        for kind, start, end in content_units(text, tuple(sections) or split_sections(text)):
            found = []
            segment = None
            for index, cue, ends, starts in cues:
                first = bisect_right(ends, start)
                if first == len(ends) or starts[first] >= end:
                    continue
                if starts[first] >= start and ends[first] <= end:
                    # Inside the unit, after every match that ends before it:
                    # the unit's own first match, without searching again.
                    found.append((index, starts[first], ends[first]))
                    continue
                segment = lowered[start:end] if segment is None else segment
                match = cue.pattern.search(segment)
                if match:
                    found.append((index, start + match.start(), start + match.end()))
            if found:
                out.append(Unit(kind, start, end, tuple(found)))
        return tuple(out)

    def decide(self, text: str, units: Sequence[Unit], skills: Sequence[SkillHit], *, title: str | None = None) -> Verdict:
        """Label a posting from its units (:meth:`units`), skills and title."""
        contributions = [*self._unit_evidence(text, units), *self._skill_evidence(skills), *self._title_evidence(title)]
        ai = sum(c.weight for c in contributions if c.lean == "ai")
        ml = sum(c.weight for c in contributions if c.lean == "ml")
        core = {lean: sum(c.weight for c in contributions if c.lean == lean and c.kind == "core duty") for lean in ("ai", "ml")}
        share = ai / (ai + ml) if ai + ml > 0 else 0.5
        smaller = min(share, 1.0 - share)
        label: Label
        if ai == 0 and ml == 0:
            label, confidence = "hybrid", 0.0
        elif min(core.values()) >= self.hybrid_core and smaller >= self.hybrid_share:
            label = "hybrid"
            closeness = (smaller - self.hybrid_share) / max(1e-9, 0.5 - self.hybrid_share)
            strength = min(1.0, min(core.values()) / (2.0 * self.hybrid_core))
            confidence = 0.5 + 0.5 * closeness * strength
        else:
            label = "ai" if share + self.bias > 0.5 else "ml"
            margin = abs(share + self.bias - 0.5)
            confidence = 0.5 + 0.5 * min(1.0, margin / 0.3) * min(1.0, ai + ml)
        if confidence > 0 and label in self.confidence_table:
            confidence = calibrated(confidence, self.confidence_table[label])
        scores = {"ai": round(float(ai), 3), "ml": round(float(ml), 3)}
        ordered = tuple(sorted(contributions, key=lambda c: (-c.weight, c.lean, c.kind, c.text)))
        # The reasons print the same rounded evidence as the scores, so the two never differ in the last digit.
        reasons = self._reasons(label, scores["ai"], scores["ml"], share, core, ordered)
        return Verdict(label, round(confidence, 3), scores, ordered, reasons)

    def _unit_evidence(self, text: str, units: Sequence[Unit]) -> list[Contribution]:
        """Each unit's vote, shared among the cues that decided it, summed per cue."""
        cues = self.taxonomy.cues
        totals: dict[tuple[str, int], float] = {}
        examples: dict[tuple[str, int], str] = {}
        for unit in units:
            place = self.place_weights.get(unit.kind, self.place_weights.get("other", 0.5))
            core = [(i, s, e) for i, s, e in unit.cues if cues[i].weight >= self.core_weight]
            if core:
                kind, deciding, vote = "core duty", core, place
            else:
                side = {lean: sum(cues[i].weight for i, _, _ in unit.cues if cues[i].lean == lean) for lean in ("ai", "ml")}
                top = max(side.values())
                deciding = [(i, s, e) for i, s, e in unit.cues if side[cues[i].lean] == top]
                kind, vote = "duty", place * self.support_weight
            leans = {cues[i].lean for i, _, _ in deciding}
            for lean in leans:
                mine = [(i, s, e) for i, s, e in deciding if cues[i].lean == lean]
                for i, s, e in mine:
                    key = (kind, i)
                    totals[key] = totals.get(key, 0.0) + vote / len(leans) / len(mine)
                    examples.setdefault(key, _squash(text[s:e]))
        return [
            Contribution(cues[i].lean, round(weight, 3), kind, cues[i].text, examples[(kind, i)])
            for (kind, i), weight in totals.items()
            if weight > 0
        ]

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

    def _title_evidence(self, title: str | None) -> list[Contribution]:
        if not title or self.title_weight <= 0:
            return []
        out = []
        for rule in self.taxonomy.titles:
            match = rule.pattern.search(title.lower())
            if match:
                out.append(Contribution(rule.lean, self.title_weight, "title", "job title", title))
        return out

    def _reasons(
        self, label: Label, ai: float, ml: float, share: float, core: dict[str, float], ordered: Sequence[Contribution]
    ) -> tuple[str, ...]:
        if not ordered:
            return ("no skills or duty phrases that lean either way were found; label is a guess (confidence 0)",)
        names = {"ai": "AI engineer", "ml": "ML engineer", "hybrid": "hybrid"}
        verdict = (
            f"AI evidence {ai:.2f} vs ML evidence {ml:.2f} (AI share {share:.0%}; core duties AI {core['ai']:.2f}, "
            f"ML {core['ml']:.2f}; hybrid when both are at least {self.hybrid_core:.2f} and the smaller share is at "
            f"least {self.hybrid_share:.0%}): {names[label]}"
        )
        lines = [verdict]
        for c in ordered[: self.max_reasons]:
            lines.append(f"{c.lean.upper()} +{c.weight:.2f} {c.kind}: {c.text} (\u201c{c.example}\u201d)")
        return tuple(lines)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def calibrated(raw: float, points: Sequence[tuple[float, float]]) -> float:
    """A raw strength read through ``(raw, confidence)`` points, by linear interpolation (flat beyond the ends).

    Example:
        >>> calibrated(0.75, [(0.5, 0.4), (1.0, 0.9)])
        0.65
    """
    if not points:
        return raw
    xs = [x for x, _ in points]
    i = bisect_right(xs, raw)
    if i == 0:
        return points[0][1]
    if i == len(points):
        return points[-1][1]
    (x0, y0), (x1, y1) = points[i - 1], points[i]
    return y0 + (y1 - y0) * (raw - x0) / (x1 - x0)


def confidence_table_path() -> Path:
    """The rule confidence table shipped inside the package (written by ``scripts/calibrate_rules.py``)."""
    return Path(__file__).resolve().parent / "data" / "rule_confidence.json"


def shipped_confidence_table(taxonomy: Taxonomy) -> dict[str, tuple[tuple[float, float], ...]]:
    """The shipped confidence table when it was fitted with this taxonomy (name and version), else empty."""
    return dict(_read_table(str(confidence_table_path()), taxonomy.name, taxonomy.version))


@lru_cache(maxsize=4)
def _read_table(path: str, name: str, version: str) -> tuple[tuple[str, tuple[tuple[float, float], ...]], ...]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ()
    if data.get("taxonomy") != {"name": name, "version": version}:
        return ()
    return tuple((label, tuple((float(x), float(y)) for x, y in entry["points"])) for label, entry in sorted(data["labels"].items()))
