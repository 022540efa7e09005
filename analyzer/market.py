"""Pay, experience and requirement aggregates for the reports, next to the article's figures.

:class:`MarketStats` takes ``postings.jsonl`` records one at a time (reposts
are skipped by the caller) and keeps what the pay and experience tables
need: one annualised pay midpoint per posting that states pay in US
dollars, by label and by experience band, and for each skill how often it
is required, preferred or neither.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .extract import SENIORITY_LEVELS
from .model import LABEL_NAMES, LABELS, Table

__all__ = ["ARTICLE_PAY_BY_LABEL", "ARTICLE_PAY_BY_YEARS", "BANDS", "MarketStats", "experience_band", "pay_midpoint"]

#: The article's US pay figures by role (Glassdoor and Built In, 2025).
ARTICLE_PAY_BY_LABEL = {
    "ai": ("AI engineer: ~$136K average (Glassdoor; $108K-$174K interquartile)", 136_000.0),
    "ml": ("ML engineer: $158,147 average base (Built In)", 158_147.0),
}
#: Experience bands (years asked) and the article's ML-engineer pay for each (Glassdoor).
BANDS = ("0-1", "2-3", "4-6", "7-9", "10+")
ARTICLE_PAY_BY_YEARS = {"0-1": 118_000.0, "2-3": 134_000.0, "4-6": 156_000.0, "7-9": 169_000.0, "10+": 191_000.0}


def experience_band(years: int | None) -> str | None:
    """The article's experience band for a minimum of years asked."""
    if years is None:
        return None
    if years <= 1:
        return "0-1"
    if years <= 3:
        return "2-3"
    if years <= 6:
        return "4-6"
    if years <= 9:
        return "7-9"
    return "10+"


def pay_midpoint(pay: list[dict[str, Any]], currency: str = "USD") -> float | None:
    """The annualised midpoint of a posting's pay in one currency.

    Base pay wins over unspecified, which wins over total compensation; of
    several ranges of the same kind, the first.
    """
    ranked = sorted(
        (p for p in pay if p["currency"] == currency),
        key=lambda p: {"base": 0, "unspecified": 1, "total": 2}.get(p["basis"], 1),
    )
    for item in ranked:
        ends = [v for v in (item["annual_min"], item["annual_max"]) if v is not None]
        if ends:
            return float(sum(ends) / len(ends))
    return None


@dataclass
class MarketStats:
    """Running pay, experience and requirement-level aggregates."""

    pay_by_label: dict[str, list[float]] = field(default_factory=lambda: {label: [] for label in LABELS})
    pay_by_band: dict[str, list[float]] = field(default_factory=lambda: {band: [] for band in BANDS})
    postings_by_band: Counter[str] = field(default_factory=Counter)
    postings_by_label: Counter[str] = field(default_factory=Counter)
    other_currency: int = 0
    requirement: dict[str, Counter[str]] = field(default_factory=dict)
    seniority: Counter[str] = field(default_factory=Counter)

    def add(self, record: dict[str, Any]) -> None:
        """Count one unique posting (a ``postings.jsonl`` object)."""
        label = record["label"]
        self.postings_by_label[label] += 1
        band = experience_band(record.get("min_years"))
        if band is not None:
            self.postings_by_band[band] += 1
        self.seniority[record.get("seniority") or "unknown"] += 1
        pay = record.get("pay") or []
        midpoint = pay_midpoint(pay)
        if midpoint is not None:
            self.pay_by_label[label].append(midpoint)
            if band is not None:
                self.pay_by_band[band].append(midpoint)
        elif pay:
            self.other_currency += 1
        for skill in record["skills"]:
            levels = {m.get("requirement", "unspecified") for m in skill["mentions"]}
            level = "required" if "required" in levels else "preferred" if "preferred" in levels else "unspecified"
            self.requirement.setdefault(skill["id"], Counter())[level] += 1

    def tables(self, top_skills: list[tuple[str, str]]) -> list[Table]:
        """The pay, experience, seniority and requirement tables of the reports.

        Args:
            top_skills: ``(skill_id, name)`` of the skills to show requirement levels for.
        """
        stated = sum(len(v) for v in self.pay_by_label.values())
        intro = (
            f"Of {sum(self.postings_by_label.values())} unique postings, {stated} {_states(stated)} pay in US dollars "
            "(annualised midpoint of the stated range, base pay preferred over total compensation; hourly x 2,080)"
            + (f"; {self.other_currency} more {_states(self.other_currency)} it only in another currency." if self.other_currency else ".")
        )
        by_label = []
        for label in LABELS:
            values = self.pay_by_label[label]
            postings = self.postings_by_label[label]
            share = f"{100 * len(values) / postings:.0f}%" if postings else "n/a"
            name = f"{LABEL_NAMES[label]} ({label})"
            by_label.append((name, str(len(values)), share, *_quartiles(values), ARTICLE_PAY_BY_LABEL.get(label, ("",))[0]))
        by_band = []
        for band in BANDS:
            values = self.pay_by_band[band]
            median = _money(statistics.median(values)) if values else "n/a"
            by_band.append((band, str(self.postings_by_band[band]), str(len(values)), median, _money(ARTICLE_PAY_BY_YEARS[band])))
        with_years = sum(self.postings_by_band.values())
        unique = sum(self.seniority.values())
        band_intro = (
            f"The minimum years of experience a posting asks for ({with_years} of {unique} unique postings say; "
            "the rest are left out) and the median of their pay, for every label, next to the article's average "
            "ML-engineer pay by years of experience (Glassdoor)."
        )
        ladder = {level: rank for rank, level in enumerate((*SENIORITY_LEVELS, "unknown"))}
        levels = tuple(
            (level, str(count), f"{100 * count / unique:.1f}%")
            for level, count in sorted(self.seniority.items(), key=lambda kv: (ladder.get(kv[0], len(ladder)), kv[0]))
        )
        required = []
        for skill_id, name in top_skills:
            counts = self.requirement.get(skill_id, Counter())
            total = sum(counts.values())
            if total:
                shares = (f"{100 * counts[k] / total:.0f}%" for k in ("required", "preferred", "unspecified"))
                required.append((name, str(total), *shares))
        return [
            Table(
                "Pay by label",
                intro,
                ("label", "postings with pay", "share with pay", "25th pct", "median", "75th pct", "the article"),
                tuple(by_label),
            ),
            Table(
                "Pay by experience asked",
                band_intro,
                ("years asked", "postings", "with pay", "median pay", "the article (ML engineer)"),
                tuple(by_band),
            ),
            Table(
                "Seniority",
                "Seniority from the title first, else the text and the years asked, by level; unknown: nothing tells. "
                "Share of unique postings.",
                ("seniority", "postings", "share"),
                levels,
            ),
            Table(
                "Required or preferred",
                f"For the top {len(required)} skills: share of the postings naming the skill that require it, only prefer it, "
                "or do not say (rounded, so a row may add up to 99% or 101%).",
                ("skill", "postings", "required", "preferred", "not said"),
                tuple(required),
            ),
        ]


def _states(count: int) -> str:
    return "states" if count == 1 else "state"


def _money(value: float) -> str:
    return f"${value / 1000:,.0f}K"


def _quartiles(values: list[float]) -> tuple[str, str, str]:
    if not values:
        return ("n/a", "n/a", "n/a")
    if len(values) == 1:
        return (_money(values[0]),) * 3
    q1, q2, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return (_money(q1), _money(q2), _money(q3))
