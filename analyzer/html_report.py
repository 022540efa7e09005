"""One self-contained HTML page: charts, tables and every kept posting with its skills highlighted.

:class:`HtmlReport` takes ``postings.jsonl`` records one at a time and keeps
bounded aggregates only (skill co-occurrence, per-month counts by label and
by skill) plus the first ``max_postings`` postings for the table.
:meth:`HtmlReport.render` returns the page as a string; nothing is printed or
written. The page needs nothing from the network: no scripts, fonts, images
or style sheets; charts are matplotlib SVG inlined into the HTML. The same
input gives the same string.

Example:
    >>> report = HtmlReport(max_postings=500)
    >>> for record in records:  # postings.jsonl objects
    ...     report.add(record)
    >>> page = report.render(summary, skills)  # summary.json dict, skills.csv frame
"""

from __future__ import annotations

import html
import math
import re
import warnings
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING, Any

import matplotlib
import pandas as pd
from matplotlib.figure import Figure

from .charts import CHART_STYLE, LABEL_COLORS, SERIES_COLORS, bar_chart, line_chart, percent_axis, shorten, svg_markup
from .model import LABELS, Table

if TYPE_CHECKING:
    pass

__all__ = ["HtmlReport"]

_LABEL_NAMES = {"ai": "AI engineer", "ml": "ML engineer", "hybrid": "Hybrid"}
_MONTHLY_UNDER = 18  # months spanned: below this, trends are by month, else by quarter
_MIN_PERIOD = 10  # dated postings a period needs to count for risers and fallers
_MIN_CHARTED = 5  # dated postings a period needs to be drawn in the trend lines
_CSS = """
body{margin:0;color:#1a1a1a;background:#fff;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
main{max-width:1100px;margin:0 auto;padding:1.5rem}
h1{margin:0 0 .25rem}h2{margin-top:2.5rem;border-bottom:2px solid #ddd}h3{margin:1.5rem 0 .25rem}
nav{font-size:.9rem}nav a{margin-right:1rem}
.meta,.note{color:#555}
.src{overflow-wrap:anywhere;font-size:.8rem;color:#444}
.stats{display:flex;flex-wrap:wrap;gap:.75rem;margin:1rem 0}
.stats div{border:1px solid #ddd;border-radius:6px;padding:.4rem 1rem;min-width:9rem}
.stats dt{color:#555;font-size:.85rem}.stats dd{margin:0;font-size:1.7rem;font-weight:600}
table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.88rem}
th,td{padding:.2rem .6rem;border-bottom:1px solid #e3e3e3;text-align:left;vertical-align:top}
thead th{border-bottom:2px solid #bbb}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.pair{display:flex;flex-wrap:wrap;gap:2rem}
svg.chart{display:block;max-width:100%;height:auto;margin:.5rem 0}
svg.chart *{stroke-linejoin:round;stroke-linecap:butt}
svg.chart text{font-family:"DejaVu Sans",Verdana,Arial,sans-serif}
.tag{display:inline-block;padding:0 .45em;border-radius:4px;color:#fff;font-size:.8rem;font-weight:600}
.tag-ai{background:#0072b2}.tag-ml{background:#d55e00}.tag-hybrid{background:#007a5a}
.posting{border-top:1px solid #ddd;padding-top:.5rem}
.text{white-space:pre-wrap;max-height:24rem;overflow:auto;border:1px solid #ddd;border-radius:4px;padding:.5rem .75rem;background:#fafafa;font-size:.88rem}
mark{background:#ffe27a;border-radius:2px;padding:0 .1em}
@media print{
main{max-width:none;padding:0}nav{display:none}h2{break-after:avoid}
svg.chart,table tr,.stats{break-inside:avoid}
.text{max-height:none;overflow:visible}
a{color:inherit;text-decoration:none}
.tag,mark{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
"""


@dataclass(frozen=True, slots=True)
class _Skill:
    """One row of the skills table."""

    id: str
    name: str
    category: str
    postings: int
    share: float
    by_label: dict[str, float]
    article: float | None


@dataclass(frozen=True, slots=True)
class _Kept:
    """What the posting table and the detail view need from one record."""

    number: int
    title: str
    source: str
    meta: tuple[str, ...]
    label: str
    confidence: float
    skills: tuple[tuple[str, int], ...]
    marks: tuple[tuple[int, int, str, str], ...]
    reasons: tuple[str, ...]
    text: str | None


class HtmlReport:
    """Build the HTML report incrementally, one ``postings.jsonl`` record at a time.

    Memory stays bounded: the aggregates grow with the taxonomy and the months
    spanned, not with the corpus; only the first ``max_postings`` postings are
    kept (with their text) for the table and the detail view.

    Args:
        max_postings: How many unique postings the table shows.

    Attributes:
        postings_: Records added, duplicates included.
        duplicates_: Records folded as duplicates (counted, not aggregated).
        unique_: Records aggregated.
        left_out_: Unique records beyond ``max_postings``, not in the table.
    """

    def __init__(self, *, max_postings: int = 2000) -> None:
        self.max_postings = max_postings
        self.postings_ = 0
        self.duplicates_ = 0
        self.unique_ = 0
        self.left_out_ = 0
        self.undated_ = 0
        self.skill_counts_: Counter[str] = Counter()
        self.pair_counts_: Counter[tuple[str, str]] = Counter()
        self.month_totals_: Counter[str] = Counter()
        self.month_labels_: Counter[tuple[str, str]] = Counter()
        self.month_skills_: Counter[tuple[str, str]] = Counter()
        self._kept: list[_Kept] = []

    def add(self, record: dict[str, Any]) -> None:
        """Take one ``postings.jsonl`` record.

        Args:
            record: The posting's object as written to ``postings.jsonl``.

        Raises:
            ValueError: The record's label is not ``ai``, ``ml`` or ``hybrid``.
        """
        self.postings_ += 1
        if record.get("duplicate_of") is not None:
            self.duplicates_ += 1
            return
        label = record.get("label")
        if label not in LABELS:
            raise ValueError(f"posting {record.get('id')!r}: label {label!r} is not one of {', '.join(LABELS)}.")
        self.unique_ += 1
        ids = sorted({str(skill["id"]) for skill in record.get("skills") or []})
        self.skill_counts_.update(ids)
        self.pair_counts_.update(combinations(ids, 2))
        month = _month(record.get("date"))
        if month is None:
            self.undated_ += 1
        else:
            self.month_totals_[month] += 1
            self.month_labels_[month, label] += 1
            self.month_skills_.update((month, skill_id) for skill_id in ids)
        if len(self._kept) < self.max_postings:
            self._kept.append(_keep(record, self.unique_))
        else:
            self.left_out_ += 1

    def render(self, summary: dict[str, Any], skills: pd.DataFrame, *, tables: Sequence[Table] = ()) -> str:
        """The whole HTML page.

        Args:
            summary: The ``summary.json`` object (headline numbers and label counts).
            skills: The ``skills.csv`` table (shares overall, by label and in the article).
            tables: More sections, each a table (pay and experience), shown before the postings.

        Returns:
            The page, a complete HTML document.
        """
        rows = _skill_rows(skills)
        with matplotlib.rc_context(CHART_STYLE), warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=r"Glyph .* missing from")
            body = [
                _overview(summary),
                _frequencies(rows, summary),
                _article(rows),
                _contrasts(rows, summary, self._cooccurrence([r for r in rows if r.postings > 0][:15])),
                self._trends(rows),
                *(_extra_table(index, table) for index, table in enumerate(tables)),
                self._postings(),
            ]
        return _page(summary, body)

    def _cooccurrence(self, top: list[_Skill]) -> list[list[float]]:
        """Share of the aggregated postings that name both skills (the diagonal: the skill itself)."""
        whole = self.unique_ or 1
        matrix = []
        for a in top:
            cells = []
            for b in top:
                count = self.skill_counts_[a.id] if a.id == b.id else self.pair_counts_[min(a.id, b.id), max(a.id, b.id)]
                cells.append(count / whole)
            matrix.append(cells)
        return matrix

    def _trends(self, rows: list[_Skill]) -> str:
        parts = ['<section id="trends">', "<h2>Trends</h2>"]
        dated = self.unique_ - self.undated_
        months = sorted(self.month_totals_)
        if not months:
            parts.append(
                f'<p class="note">Too little dated data for trends: none of the {self.unique_} unique postings carries a date.</p>'
            )
            return "\n".join([*parts, "</section>"])
        first, last = _month_number(months[0]), _month_number(months[-1])
        quarterly = last - first + 1 >= _MONTHLY_UNDER
        unit = "quarter" if quarterly else "month"
        periods = list(dict.fromkeys(_period(n, quarterly) for n in range(first, last + 1)))
        totals: Counter[str] = Counter()
        labels: Counter[tuple[str, str]] = Counter()
        counts: Counter[tuple[str, str]] = Counter()
        for month, n in sorted(self.month_totals_.items()):
            totals[_period(_month_number(month), quarterly)] += n
        for (month, label), n in sorted(self.month_labels_.items()):
            labels[_period(_month_number(month), quarterly), label] += n
        for (month, skill_id), n in sorted(self.month_skills_.items()):
            counts[_period(_month_number(month), quarterly), skill_id] += n
        parts.append(
            f"<p>{dated} of {self.unique_} unique postings carry a date, from {months[0]} to {months[-1]}; "
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

        label_series = {_LABEL_NAMES[lb]: [share(labels[p, lb], p) for p in periods] for lb in LABELS}
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
        parts.append(_table([unit, "postings", *(_LABEL_NAMES[lb] for lb in LABELS)], table, numeric={1, 2, 3, 4}))
        parts.append("</details>")
        return "\n".join([*parts, "</section>"])

    def _postings(self) -> str:
        parts = ['<section id="postings">', "<h2>Postings</h2>"]
        if self.left_out_:
            parts.append(
                f'<p class="note">The table shows the first {len(self._kept)} of {self.unique_} unique postings; '
                f"{self.left_out_} more were left out (max_postings={self.max_postings}).</p>"
            )
        if self.duplicates_:
            parts.append(f'<p class="note">{self.duplicates_} duplicates (reposts of a posting above) are not listed.</p>')
        rows = []
        for kept in self._kept:
            top = ", ".join(html.escape(name) for name, _ in kept.skills[:5])
            rows.append(
                [
                    str(kept.number),
                    f'<a href="#p-{kept.number}">{html.escape(kept.title)}</a>',
                    f'<span class="src">{html.escape(kept.source)}</span>',
                    _tag(kept.label),
                    f"{kept.confidence:.2f}",
                    top,
                ]
            )
        parts.append(_table(["#", "title", "source", "label", "confidence", "top skills"], rows, numeric={0, 4}))
        parts += [_detail(kept) for kept in self._kept]
        return "\n".join([*parts, "</section>"])


def _month(date: object) -> str | None:
    """``YYYY-MM`` of an ISO date, or None when it is missing or not one."""
    if not isinstance(date, str):
        return None
    found = re.match(r"(\d{4})-(\d{2})(?:-\d{2})?(?:$|T)", date)
    if found is None or not 1 <= int(found[2]) <= 12:
        return None
    return f"{found[1]}-{found[2]}"


def _month_number(month: str) -> int:
    return int(month[:4]) * 12 + int(month[5:7]) - 1


def _period(number: int, quarterly: bool) -> str:
    year, month = divmod(number, 12)
    return f"{year}-Q{month // 3 + 1}" if quarterly else f"{year}-{month + 1:02d}"


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else float("nan")


def _keep(record: dict[str, Any], number: int) -> _Kept:
    """The parts of a record the table and the detail view show."""
    hits = sorted(record.get("skills") or [], key=lambda s: (-int(s.get("count") or 0), str(s.get("name")), str(s["id"])))
    marks = []
    for hit in hits:
        for mention in hit.get("mentions") or []:
            marks.append((int(mention["start"]), int(mention["end"]), str(hit["id"]), str(hit.get("name") or hit["id"])))
    text = record.get("text")
    meta = tuple(str(record[key]) for key in ("company", "location", "date") if record.get(key))
    return _Kept(
        number=number,
        title=str(record.get("title") or "(no title)"),
        source=str(record.get("source") or ""),
        meta=meta,
        label=str(record["label"]),
        confidence=float(record.get("confidence") or 0.0),
        skills=tuple((str(h.get("name") or h["id"]), int(h.get("count") or 0)) for h in hits),
        marks=tuple(sorted(marks, key=lambda m: (m[0], -m[1], m[2]))),
        reasons=tuple(str(reason) for reason in record.get("reasons") or []),
        text=text if isinstance(text, str) else None,
    )


def _highlight(text: str, marks: tuple[tuple[int, int, str, str], ...]) -> str:
    """The text, escaped, with each mention in a ``<mark>``; a mention overlapping one already marked is skipped."""
    pieces = []
    done = 0
    for start, end, skill_id, name in marks:
        if start < done or not 0 <= start < end <= len(text):
            continue
        pieces.append(html.escape(text[done:start]))
        pieces.append(
            f'<mark data-skill="{html.escape(skill_id)}" title="{html.escape(name)}">{html.escape(text[start:end])}</mark>'
        )
        done = end
    pieces.append(html.escape(text[done:]))
    return "".join(pieces)


def _detail(kept: _Kept) -> str:
    meta = " · ".join(html.escape(part) for part in (kept.source, *kept.meta))
    parts = [
        f'<article class="posting" id="p-{kept.number}">',
        f"<h3>{kept.number}. {html.escape(kept.title)} {_tag(kept.label)}</h3>",
        f'<p class="meta">{meta} · confidence {kept.confidence:.2f} · <a href="#postings">back to the table</a></p>',
    ]
    if kept.skills:
        parts.append("<p>Skills: " + ", ".join(f"{html.escape(name)} ({count})" for name, count in kept.skills) + "</p>")
    if kept.reasons:
        parts.append("<ul>" + "".join(f"<li>{html.escape(reason)}</li>" for reason in kept.reasons) + "</ul>")
    if kept.text is None:
        parts.append('<p class="note">The record carries no text, so its mentions cannot be shown.</p>')
    else:
        parts.append(f'<div class="text">{_highlight(kept.text, kept.marks)}</div>')
    return "\n".join([*parts, "</article>"])


def _float(value: Any) -> float:
    number = 0.0 if value is None else float(value)
    return 0.0 if math.isnan(number) else number


def _skill_rows(frame: pd.DataFrame) -> list[_Skill]:
    """The skills table as records, sorted by postings then skill id."""
    rows = []
    for record in frame.to_dict("records"):
        row = {str(key): value for key, value in record.items()}
        article = row.get("article_share")
        rows.append(
            _Skill(
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


def _pct(value: float | None) -> str:
    return "n/a" if value is None or pd.isna(value) else f"{100 * value:.1f}%"


def _tag(label: str) -> str:
    return f'<span class="tag tag-{html.escape(label)}">{html.escape(label)}</span>'


def _extra_table(index: int, table: Table) -> str:
    numeric = {i for i, h in enumerate(table.headers) if i > 0 and all(_looks_numeric(r[i]) for r in table.rows if i < len(r))}
    cells = [[html.escape(c) for c in row] for row in table.rows]
    return "\n".join(
        [
            f'<section id="extra-{index}">',
            f"<h2>{html.escape(table.title)}</h2>",
            f"<p>{html.escape(table.intro)}</p>" if table.intro else "",
            _table(list(table.headers), cells, numeric=numeric),
            "</section>",
        ]
    )


def _looks_numeric(cell: str) -> bool:
    return bool(re.fullmatch(r"[$€£]?[\d.,]+[K%]?|n/a", cell))


def _table(headers: list[str], rows: list[list[str]], *, numeric: set[int]) -> str:
    """An HTML table; cells are HTML already (escape before), columns in ``numeric`` right-aligned."""

    def cell(tag: str, index: int, content: str) -> str:
        return f'<{tag} class="num">{content}</{tag}>' if index in numeric else f"<{tag}>{content}</{tag}>"

    head = "".join(cell("th", i, html.escape(h)) for i, h in enumerate(headers))
    body = "\n".join("<tr>" + "".join(cell("td", i, c) for i, c in enumerate(row)) + "</tr>" for row in rows)
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def _page(summary: dict[str, Any], body: list[str]) -> str:
    taxonomy = summary.get("taxonomy") or {}
    about = (
        f"Taxonomy <code>{html.escape(str(taxonomy.get('name', '')))}</code> version {html.escape(str(taxonomy.get('version', '')))}; "
        f"skill-analyzer {html.escape(str(summary.get('version', '')))}."
    )
    if summary.get("generated_at"):
        about += f" Generated {html.escape(str(summary['generated_at']))}."
    nav = " ".join(
        f'<a href="#{anchor}">{name}</a>'
        for anchor, name in [
            ("overview", "Overview"),
            ("skills", "Skills"),
            ("article", "Article"),
            ("contrasts", "AI vs ML"),
            ("trends", "Trends"),
            ("postings", "Postings"),
        ]
    )
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            "<title>Skill report</title>",
            f"<style>{_CSS}</style>",
            "</head>",
            "<body>",
            "<main>",
            f'<header><h1>Skill report</h1><p class="meta">{about}</p><nav>{nav}</nav></header>',
            *body,
            "</main>",
            "</body>",
            "</html>",
            "",
        ]
    )


def _overview(summary: dict[str, Any]) -> str:
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
    rows = [[f"{_LABEL_NAMES[lb]} {_tag(lb)}", str(c), _pct(s)] for lb, c, s in zip(LABELS, counts, shares, strict=True)]
    chart = bar_chart(
        "labels",
        "Unique postings by label",
        [_LABEL_NAMES[lb] for lb in LABELS],
        [100 * s for s in shares],
        [f"{c} ({_pct(s)})" for c, s in zip(counts, shares, strict=True)],
        list(LABEL_COLORS.values()),
    )
    return "\n".join(
        [
            '<section id="overview">',
            "<h2>Overview</h2>",
            '<dl class="stats">' + "".join(f"<div><dt>{name}</dt><dd>{int(value)}</dd></div>" for name, value in stats) + "</dl>",
            "<p>Duplicates (reposts of the same text) are folded into their first copy and counted once; labels and shares are over unique postings.</p>",
            _table(["label", "postings", "share"], rows, numeric={1, 2}),
            chart,
            "</section>",
        ]
    )


def _frequencies(rows: list[_Skill], summary: dict[str, Any]) -> str:
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
            [f"{_pct(r.share)} ({r.postings})" for r in top],
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
            _pct(r.share),
            *(_pct(r.by_label[lb]) for lb in LABELS),
        ]
        for i, r in enumerate(top, start=1)
    ]
    parts.append(_table(headers, table, numeric={0, 3, 4, 5, 6, 7}))
    parts.append("<h3>By label</h3><p>Share of the postings with each label that ask for the skill (the same top skills).</p>")
    parts.append(_label_panels(top))
    parts.append("<h3>By category</h3><p>The top 8 skills of each category, as a share of unique postings.</p>")
    parts.append(_category_panels(found))
    return "\n".join([*parts, "</section>"])


def _label_panels(top: list[_Skill]) -> str:
    title = "Top skills: share of AI, ML and hybrid postings"
    fig = Figure(figsize=(10, 0.28 * len(top) + 1.0), layout="constrained")
    axes = fig.subplots(1, len(LABELS), sharey=True)
    for ax, label in zip(axes, LABELS, strict=True):
        values = [100 * r.by_label[label] for r in top]
        bars = ax.barh(range(len(top)), values, color=LABEL_COLORS[label], height=0.7)
        ax.bar_label(bars, labels=[f"{v:.0f}%" for v in values], padding=2, fontsize=7)
        ax.set_xlim(0, 118)
        percent_axis(ax)
        ax.set_title(_LABEL_NAMES[label], loc="left", color=LABEL_COLORS[label])
    axes[0].set_yticks(range(len(top)), [shorten(r.name) for r in top])
    axes[0].invert_yaxis()
    return svg_markup(fig, "by-label", title)


def _category_panels(found: list[_Skill]) -> str:
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


def _article(rows: list[_Skill]) -> str:
    cited = sorted((r for r in rows if r.article is not None), key=lambda r: (-(r.article or 0.0), r.id))
    parts = ['<section id="article">', "<h2>This corpus next to the article</h2>"]
    if not cited:
        parts.append('<p class="note">No skill in this taxonomy carries a share published by the article.</p>')
        return "\n".join([*parts, "</section>"])
    parts.append(
        '<p>The article ("AI Engineer vs ML Engineer: Demand, Salaries, and Career Growth in 2025") publishes the share of '
        "AI-engineer postings asking for these skills; beside it, the share of this corpus's unique postings and of its AI-labelled ones.</p>"
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
            _pct(r.article),
            _pct(r.share),
            _pct(r.by_label["ai"]),
            _pct(r.by_label["ml"]),
            f"{100 * (r.share - (r.article or 0.0)):+.1f} pts",
        ]
        for r in cited
    ]
    parts.append(
        _table(
            ["skill", "article", "this corpus (all)", "AI-labelled", "ML-labelled", "all minus article"],
            table,
            numeric={1, 2, 3, 4, 5},
        )
    )
    return "\n".join([*parts, "</section>"])


def _contrasts(rows: list[_Skill], summary: dict[str, Any], matrix: list[list[float]]) -> str:
    found = [r for r in rows if r.postings > 0]
    labels = summary["labels"]
    parts = ['<section id="contrasts">', "<h2>What sets AI and ML postings apart</h2>"]
    if labels.get("ai") and labels.get("ml"):

        def gap(r: _Skill) -> float:
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
                [html.escape(r.name), _pct(r.by_label["ai"]), _pct(r.by_label["ml"]), f"{100 * gap(r):+.1f} pts"] for r in side
            ]
            parts.append(f"<div><h3>{caption}</h3>{_table(headers, table, numeric={1, 2, 3})}</div>")
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


def _risers(rows: list[_Skill], periods: list[str], totals: Counter[str], counts: Counter[tuple[str, str]], unit: str) -> str:
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

    def named(side: list[tuple[float, _Skill, float, float]]) -> str:
        return ", ".join(f"{html.escape(r.name)} ({100 * d:+.1f} pts)" for d, r, _, _ in side) or "none"

    table = [[html.escape(r.name), _pct(b), _pct(a), f"{100 * d:+.1f} pts"] for d, r, b, a in risers + fallers]
    return "\n".join(
        [
            f"<h3>Risers and fallers</h3><p>From {first} ({totals[first]} postings) to {last} ({totals[last]} postings), "
            f"the first and last {unit}s with at least {_MIN_PERIOD} dated postings.</p>",
            f"<p>Biggest risers: {named(risers)}.<br>Biggest fallers: {named(fallers)}.</p>",
            _table(["skill", first, last, "change"], table, numeric={1, 2, 3}),
        ]
    )
