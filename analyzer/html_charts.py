"""The report's chart sections: overview, skill frequencies, the article comparison, AI vs ML contrasts.

:func:`read_skill_rows` turns the ``skills.csv`` table into :class:`SkillRow`
records; each ``render_*`` function returns one ``<section>`` of the page,
its charts inlined as SVG (see :mod:`analyzer.charts`). Call them inside
``matplotlib.rc_context(CHART_STYLE)`` so that the SVG bytes are stable.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass
from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from .charts import LABEL_COLORS, bar_chart, percent_axis, shorten, svg_markup
from .html_tables import format_percent, format_points, no_evidence_note, render_label_tag, render_table
from .model import LABEL_NAMES, LABELS

__all__ = ["SkillRow", "read_skill_rows", "render_article", "render_contrasts", "render_frequencies", "render_overview"]


@dataclass(frozen=True, slots=True)
class SkillRow:
    """One row of the skills table.

    Attributes:
        id: The skill id.
        name: The skill's display name.
        category: The skill's category id.
        postings: Unique postings naming the skill.
        share: Share of unique postings naming the skill.
        by_label: Share of the postings with each label naming the skill.
        article: The share the article publishes, None when it has none.
    """

    id: str
    name: str
    category: str
    postings: int
    share: float
    by_label: dict[str, float]
    article: float | None


def _float(value: Any) -> float:
    number = 0.0 if value is None else float(value)
    return 0.0 if math.isnan(number) else number


def read_skill_rows(frame: pd.DataFrame) -> list[SkillRow]:
    """The skills table as records, sorted by postings then skill id.

    Args:
        frame: The ``skills.csv`` table; missing shares count as 0.

    Returns:
        One row per skill, the most asked-for first.
    """
    rows = []
    for record in frame.to_dict("records"):
        row = {str(key): value for key, value in record.items()}
        article = row.get("article_share")
        rows.append(
            SkillRow(
                id=str(row["skill_id"]),
                name=str(row["name"]),
                category=str(row["category"]),
                postings=int(row["postings"]),
                share=_float(row["share"]),
                by_label={label: _float(row.get(f"share_{label}")) for label in LABELS},
                article=None if article is None or pd.isna(article) else float(article),
            )
        )
    return sorted(rows, key=lambda r: (-r.postings, r.id))


def render_overview(summary: dict[str, Any]) -> str:
    """The overview section: headline numbers, then postings by label as a table and a bar chart.

    Args:
        summary: The ``summary.json`` object.

    Returns:
        The ``<section id="overview">`` markup.
    """
    unique = int(summary["unique_postings"])
    labels = summary["labels"]
    stats = [
        ("Inputs read", summary["inputs"]),
        ("Postings analyzed", summary["postings"]),
        ("Unique postings", unique),
        ("Duplicates folded", summary["duplicates"]),
        ("Inputs skipped", summary["skipped"]),
    ]
    counts = [int(labels.get(label, 0)) for label in LABELS]
    shares = [c / unique if unique else 0.0 for c in counts]
    rows = [
        [f"{LABEL_NAMES[lb]} {render_label_tag(lb)}", str(c), format_percent(s)]
        for lb, c, s in zip(LABELS, counts, shares, strict=True)
    ]
    chart = bar_chart(
        "labels",
        "Unique postings by label",
        [LABEL_NAMES[lb] for lb in LABELS],
        [100 * s for s in shares],
        [f"{c} ({format_percent(s)})" for c, s in zip(counts, shares, strict=True)],
        list(LABEL_COLORS.values()),
    )
    return "\n".join(
        [
            '<section id="overview">',
            "<h2>Overview</h2>",
            '<dl class="stats">' + "".join(f"<div><dt>{name}</dt><dd>{int(value)}</dd></div>" for name, value in stats) + "</dl>",
            "<p>Duplicates (reposts of the same text) are folded into their first copy and counted once; labels and shares are over unique postings.</p>",
            render_table(["label", "postings", "share"], rows, numeric={1, 2}),
            *([f"<p>{html.escape(no_evidence_note(int(summary['no_evidence'])))} (empty, off-topic or non-English text?).</p>"]
              if summary.get("no_evidence") else []),
            chart,
            "</section>",
        ]
    )


def render_frequencies(rows: list[SkillRow], summary: dict[str, Any]) -> str:
    """The skill frequency section: the top 20 skills overall, by label and the top skills of each category.

    Args:
        rows: The skills table, as :func:`read_skill_rows` sorts it.
        summary: The ``summary.json`` object (for the label counts).

    Returns:
        The ``<section id="skills">`` markup.
    """
    found = [r for r in rows if r.postings > 0]
    parts = ['<section id="skills">', "<h2>Skill frequency</h2>"]
    if not found:
        parts.append('<p class="note">No skill was found in any posting.</p>')
        return "\n".join([*parts, "</section>"])
    top = found[:20]
    parts.append(f"<p>{len(found)} of {len(rows)} taxonomy skills appear in at least one posting. The top {len(top)}:</p>")
    parts.append(
        bar_chart(
            "top",
            f"Top {len(top)} skills: share of unique postings",
            [r.name for r in top],
            [100 * r.share for r in top],
            [f"{format_percent(r.share)} ({r.postings})" for r in top],
            ["#3b6e8f"] * len(top),
        )
    )
    labels = summary["labels"]
    headers = ["#", "skill", "category", "postings", "share", *(f"{lb} ({labels.get(lb, 0)})" for lb in LABELS)]
    table = [
        [
            str(i),
            html.escape(r.name),
            html.escape(r.category),
            str(r.postings),
            format_percent(r.share),
            *(format_percent(r.by_label[lb]) for lb in LABELS),
        ]
        for i, r in enumerate(top, start=1)
    ]
    parts.append(render_table(headers, table, numeric={0, 3, 4, 5, 6, 7}))
    parts.append("<h3>By label</h3><p>Share of the postings with each label that ask for the skill (the same top skills).</p>")
    parts.append(_label_panels(top))
    parts.append("<h3>By category</h3><p>The top 8 skills of each category, as a share of unique postings.</p>")
    parts.append(_category_panels(found))
    return "\n".join([*parts, "</section>"])


def _label_panels(top: list[SkillRow]) -> str:
    """One bar panel per label: the share of that label's postings naming each top skill."""
    title = "Top skills: share of AI, ML and hybrid postings"
    fig = Figure(figsize=(10, 0.28 * len(top) + 1.0), layout="constrained")
    axes = fig.subplots(1, len(LABELS), sharey=True)
    for ax, label in zip(axes, LABELS, strict=True):
        values = [100 * r.by_label[label] for r in top]
        bars = ax.barh(range(len(top)), values, color=LABEL_COLORS[label], height=0.7)
        ax.bar_label(bars, labels=[f"{v:.0f}%" for v in values], padding=2, fontsize=7)
        ax.set_xlim(0, 118)
        percent_axis(ax)
        ax.set_title(LABEL_NAMES[label], loc="left", color=LABEL_COLORS[label])
    axes[0].set_yticks(range(len(top)), [shorten(r.name) for r in top])
    axes[0].invert_yaxis()
    return svg_markup(fig, "by-label", title)


def _category_panels(found: list[SkillRow]) -> str:
    """One bar panel per category: its top 8 skills as a share of unique postings."""
    categories = sorted({r.category for r in found})
    columns = 3
    lines = -(-len(categories) // columns)
    fig = Figure(figsize=(10.5, 2.3 * lines + 0.2), layout="constrained")
    axes = fig.subplots(lines, columns, squeeze=False)
    high = max(100 * r.share for r in found)
    for index, ax in enumerate(axes.flat):
        if index >= len(categories):
            ax.set_axis_off()
            continue
        members = [r for r in found if r.category == categories[index]][:8]
        values = [100 * r.share for r in members]
        bars = ax.barh(range(len(members)), values, color="#3b6e8f", height=0.7)
        ax.bar_label(bars, labels=[f"{v:.0f}%" for v in values], padding=2, fontsize=7)
        ax.set_yticks(range(len(members)), [shorten(r.name, 26) for r in members], fontsize=7.5)
        ax.set_ylim(7.6, -0.6)
        ax.set_xlim(0, high * 1.2)
        percent_axis(ax)
        ax.set_title(categories[index].replace("_", " "), loc="left", fontsize=9)
    return svg_markup(fig, "categories", "Top skills of each category")


def render_article(rows: list[SkillRow]) -> str:
    """The article section: each skill's share published by the article next to this corpus's shares.

    Args:
        rows: The skills table, as :func:`read_skill_rows` sorts it.

    Returns:
        The ``<section id="article">`` markup.
    """
    cited = sorted((r for r in rows if r.article is not None), key=lambda r: (-(r.article or 0.0), r.id))
    parts = ['<section id="article">', "<h2>This corpus next to the article</h2>"]
    if not cited:
        parts.append('<p class="note">No skill in this taxonomy carries a share published by the article.</p>')
        return "\n".join([*parts, "</section>"])
    parts.append(
        '<p>The article ("AI Engineer vs ML Engineer: Demand, Salaries, and Career Growth in 2025") publishes the share of '
        "AI-engineer postings asking for these skills, without saying how many postings or from when; beside it, the share of "
        "this corpus's unique postings and of its AI-labelled ones. all minus article: this corpus's share of all unique postings "
        "minus the article's figure, in percentage points (pts).</p>"
    )
    title = "Article share vs this corpus"
    fig = Figure(figsize=(9, 0.62 * len(cited) + 1.0), layout="constrained")
    ax = fig.subplots()
    series = [
        ("article", [r.article or 0.0 for r in cited], "#9a9a9a"),
        ("this corpus (all)", [r.share for r in cited], "#3b6e8f"),
        ("AI-labelled", [r.by_label["ai"] for r in cited], LABEL_COLORS["ai"]),
    ]
    for offset, (name, values, color) in enumerate(series):
        bars = ax.barh(
            [i + (offset - 1) * 0.27 for i in range(len(cited))], [100 * v for v in values], height=0.26, color=color, label=name
        )
        ax.bar_label(bars, labels=[f"{100 * v:.0f}%" for v in values], padding=2, fontsize=7)
    ax.set_yticks(range(len(cited)), [shorten(r.name, 36) for r in cited])
    ax.invert_yaxis()
    ax.set_xlim(0, max(100 * max(r.article or 0.0, r.share, r.by_label["ai"]) for r in cited) * 1.15 + 1)
    percent_axis(ax)
    ax.legend(loc="lower right", frameon=False, fontsize=8)
    ax.set_title(title, loc="left")
    parts.append(svg_markup(fig, "article", title))
    table = [
        [
            html.escape(r.name),
            format_percent(r.article),
            format_percent(r.share),
            format_percent(r.by_label["ai"]),
            format_percent(r.by_label["ml"]),
            format_points(r.share, r.article or 0.0),
        ]
        for r in cited
    ]
    parts.append(
        render_table(
            ["skill", "article", "this corpus (all)", "AI-labelled", "ML-labelled", "all minus article"],
            table,
            numeric={1, 2, 3, 4, 5},
        )
    )
    return "\n".join([*parts, "</section>"])


def render_contrasts(rows: list[SkillRow], summary: dict[str, Any], matrix: list[list[float]]) -> str:
    """The contrasts section: the skills that set AI and ML postings apart, then the co-occurrence map.

    Args:
        rows: The skills table, as :func:`read_skill_rows` sorts it.
        summary: The ``summary.json`` object (for the label counts).
        matrix: Share of unique postings naming both skills, for the top 15 skills found (in ``rows`` order).

    Returns:
        The ``<section id="contrasts">`` markup.
    """
    found = [r for r in rows if r.postings > 0]
    labels = summary["labels"]
    parts = ['<section id="contrasts">', "<h2>What sets AI and ML postings apart</h2>"]
    if labels.get("ai") and labels.get("ml"):

        def gap(r: SkillRow) -> float:
            return r.by_label["ai"] - r.by_label["ml"]

        ai_side = sorted((r for r in found if gap(r) > 0), key=lambda r: (-gap(r), r.id))[:10]
        ml_side = sorted((r for r in found if gap(r) < 0), key=lambda r: (gap(r), r.id))[:10]
        parts.append(
            "<p>The largest differences between the share of AI-labelled and of ML-labelled postings that ask for a skill.</p>"
        )
        chosen = ai_side + ml_side[::-1]
        if chosen:
            title = "Share in AI postings minus share in ML postings"
            fig = Figure(figsize=(9, 0.28 * len(chosen) + 1.0), layout="constrained")
            ax = fig.subplots()
            values = [100 * gap(r) for r in chosen]
            bars = ax.barh(
                range(len(chosen)),
                values,
                height=0.7,
                color=[LABEL_COLORS["ai"] if v > 0 else LABEL_COLORS["ml"] for v in values],
            )
            ax.bar_label(bars, labels=[f"{v:+.0f}" for v in values], padding=2, fontsize=7)
            ax.set_yticks(range(len(chosen)), [shorten(r.name, 40) for r in chosen])
            ax.invert_yaxis()
            ax.axvline(0, color="#555", linewidth=0.8)
            ax.set_xlim(-115, 115)
            ax.xaxis.set_major_formatter(lambda value, _: f"{value:+.0f} pts")
            ax.set_title(title, loc="left")
            parts.append(svg_markup(fig, "contrast", title))
        headers = ["skill", "AI", "ML", "difference"]
        parts.append('<div class="pair">')
        for caption, side in (("More in AI postings", ai_side), ("More in ML postings", ml_side)):
            table = [
                [
                    html.escape(r.name),
                    format_percent(r.by_label["ai"]),
                    format_percent(r.by_label["ml"]),
                    format_points(r.by_label["ai"], r.by_label["ml"]),
                ]
                for r in side
            ]
            parts.append(f"<div><h3>{caption}</h3>{render_table(headers, table, numeric={1, 2, 3})}</div>")
        parts.append("</div>")
    else:
        parts.append('<p class="note">Comparing the roles needs both AI-labelled and ML-labelled postings.</p>')
    parts.append("<h3>Skills asked for together</h3>")
    top = found[:15]
    if len(top) < 2 or not any(any(row) for row in matrix):
        parts.append('<p class="note">Too few skills or postings for a co-occurrence map.</p>')
        return "\n".join([*parts, "</section>"])
    parts.append(
        f"<p>Share of unique postings that name both skills, for the top {len(top)} skills (the diagonal: the skill itself).</p>"
    )
    title = "Co-occurrence of the top skills (% of postings)"
    fig = Figure(figsize=(8.5, 0.38 * len(top) + 2.2), layout="constrained")
    ax = fig.subplots()
    high = max(max(row) for row in matrix)
    ax.pcolormesh(matrix, cmap="Blues", vmin=0, vmax=high, edgecolors="#ffffff", linewidth=0.5)
    for i, row in enumerate(matrix):
        for j, value in enumerate(row):
            ax.text(
                j + 0.5,
                i + 0.5,
                f"{100 * value:.0f}",
                ha="center",
                va="center",
                fontsize=7,
                color="#ffffff" if value > 0.6 * high else "#1a1a1a",
            )
    names = [shorten(r.name, 28) for r in top]
    ax.set_xticks([i + 0.5 for i in range(len(top))], names, rotation=45, ha="right")
    ax.set_yticks([i + 0.5 for i in range(len(top))], names)
    ax.invert_yaxis()
    ax.set_aspect("equal")
    ax.tick_params(length=0)
    ax.spines[["left", "bottom"]].set_visible(False)
    ax.set_title(title, loc="left")
    parts.append(svg_markup(fig, "cooccurrence", title))
    return "\n".join([*parts, "</section>"])
