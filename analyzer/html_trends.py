"""The report's trends section: label and skill shares over time, risers and fallers.

:func:`render_trends` takes the per-month counts :class:`~analyzer.html_report.HtmlReport`
aggregates and regroups them by month or by quarter, depending on the span.
"""

from __future__ import annotations

import html
import math
from collections import Counter

from .charts import LABEL_COLORS, SERIES_COLORS, line_chart
from .html_charts import SkillRow
from .html_tables import format_percent, format_points, render_table
from .model import LABEL_NAMES, LABELS

__all__ = ["render_trends"]

_MONTHLY_UNDER = 18  # months spanned: below this, trends are by month, else by quarter
_MIN_PERIOD = 10  # dated postings a period needs to count for risers and fallers
_MIN_CHARTED = 5  # dated postings a period needs to be drawn in the trend lines


def render_trends(
    rows: list[SkillRow],
    *,
    unique: int,
    undated: int,
    month_totals: Counter[str],
    month_labels: Counter[tuple[str, str]],
    month_skills: Counter[tuple[str, str]],
) -> str:
    """The trends section: shares by label and of the top skills per period, then risers and fallers.

    Args:
        rows: The skills table, sorted by postings (see :func:`~analyzer.html_charts.read_skill_rows`).
        unique: Unique postings aggregated.
        undated: Unique postings without a usable date.
        month_totals: Dated unique postings per ``YYYY-MM`` month.
        month_labels: Dated unique postings per (month, label).
        month_skills: Dated unique postings per (month, skill id).

    Returns:
        The ``<section id="trends">`` markup.
    """
    parts = ['<section id="trends">', "<h2>Trends</h2>"]
    dated = unique - undated
    months = sorted(month_totals)
    if not months:
        parts.append(
            f'<p class="note">Too little dated data for trends: none of the {unique} unique postings carries a date.</p>'
        )
        return "\n".join([*parts, "</section>"])
    first, last = _month_number(months[0]), _month_number(months[-1])
    quarterly = last - first + 1 >= _MONTHLY_UNDER
    unit = "quarter" if quarterly else "month"
    periods = list(dict.fromkeys(_period(n, quarterly) for n in range(first, last + 1)))
    totals: Counter[str] = Counter()
    labels: Counter[tuple[str, str]] = Counter()
    counts: Counter[tuple[str, str]] = Counter()
    for month, n in sorted(month_totals.items()):
        totals[_period(_month_number(month), quarterly)] += n
    for (month, label), n in sorted(month_labels.items()):
        labels[_period(_month_number(month), quarterly), label] += n
    for (month, skill_id), n in sorted(month_skills.items()):
        counts[_period(_month_number(month), quarterly), skill_id] += n
    parts.append(
        f"<p>{dated} of {unique} unique postings carry a date, from {months[0]} to {months[-1]}; "
        f"shares are by {unit} (by month when the dates span under {_MONTHLY_UNDER} months). "
        f"A {unit} with fewer than {_MIN_CHARTED} postings (n) is not drawn.</p>"
    )
    if len(periods) < 2:
        parts.append(f'<p class="note">Too little dated data for trends: every dated posting falls in {periods[0]}.</p>')
        return "\n".join([*parts, "</section>"])
    ticks = [f"{p} (n={totals[p]})" for p in periods]
    # A period with fewer than _MIN_CHARTED postings is a gap in the lines, not a jumpy share.
    def share(part: int, period: str) -> float:
        return _ratio(part, totals[period]) if totals[period] >= _MIN_CHARTED else math.nan

    label_series = {LABEL_NAMES[lb]: [share(labels[p, lb], p) for p in periods] for lb in LABELS}
    top = [r for r in rows if r.postings > 0][:8]
    skill_series = {r.name: [share(counts[p, r.id], p) for p in periods] for r in top}
    parts.append(
        line_chart(
            "trend-labels", f"Share of dated postings by label, per {unit}", ticks, label_series, list(LABEL_COLORS.values())
        )
    )
    if skill_series:
        parts.append(
            line_chart(
                "trend-skills",
                f"Share of dated postings naming each of the top 8 skills, per {unit}",
                ticks,
                skill_series,
                list(SERIES_COLORS),
            )
        )
    parts.append(_risers(rows, periods, totals, counts, unit))
    table = [[html.escape(p), str(totals[p]), *(str(labels[p, lb]) for lb in LABELS)] for p in periods]
    parts.append(f"<details><summary>Dated postings per {unit}</summary>")
    parts.append(render_table([unit, "postings", *(LABEL_NAMES[lb] for lb in LABELS)], table, numeric={1, 2, 3, 4}))
    parts.append("</details>")
    return "\n".join([*parts, "</section>"])


def _risers(rows: list[SkillRow], periods: list[str], totals: Counter[str], counts: Counter[tuple[str, str]], unit: str) -> str:
    """The skills whose share rose and fell most between the first and last well-filled periods."""
    full = [p for p in periods if totals[p] >= _MIN_PERIOD]
    if len(full) < 2:
        busiest = max(totals[p] for p in periods)
        return (
            f'<p class="note">Too little dated data to name risers and fallers: that needs two {unit}s with at least '
            f"{_MIN_PERIOD} dated postings each (the busiest {unit} has {busiest}).</p>"
        )
    first, last = full[0], full[-1]
    change = []
    for r in rows:
        before, after = counts[first, r.id] / totals[first], counts[last, r.id] / totals[last]
        if before or after:
            change.append((after - before, r, before, after))
    risers = sorted((c for c in change if c[0] > 0), key=lambda c: (-c[0], c[1].id))[:5]
    fallers = sorted((c for c in change if c[0] < 0), key=lambda c: (c[0], c[1].id))[:5]

    def named(side: list[tuple[float, SkillRow, float, float]]) -> str:
        return ", ".join(f"{html.escape(r.name)} ({format_points(a, b)})" for _, r, b, a in side) or "none"

    table = [
        [html.escape(r.name), format_percent(b), format_percent(a), format_points(a, b)] for _, r, b, a in risers + fallers
    ]
    return "\n".join(
        [
            f"<h3>Risers and fallers</h3><p>From {first} ({totals[first]} postings) to {last} ({totals[last]} postings), "
            f"the first and last {unit}s with at least {_MIN_PERIOD} dated postings.</p>",
            f"<p>Biggest risers: {named(risers)}.<br>Biggest fallers: {named(fallers)}.</p>",
            render_table(["skill", first, last, "change"], table, numeric={1, 2, 3}),
        ]
    )


def _month_number(month: str) -> int:
    """Months since year 0 of a ``YYYY-MM`` month, so that periods can be counted and stepped through."""
    return int(month[:4]) * 12 + int(month[5:7]) - 1


def _period(number: int, quarterly: bool) -> str:
    """The period of a month number: ``YYYY-MM``, or ``YYYY-Qn`` when ``quarterly``."""
    year, month = divmod(number, 12)
    return f"{year}-Q{month // 3 + 1}" if quarterly else f"{year}-{month + 1:02d}"


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else float("nan")
