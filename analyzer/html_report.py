"""One self-contained HTML page: charts, tables and every kept posting with its skills highlighted.

:class:`HtmlReport` takes ``postings.jsonl`` records one at a time and keeps
bounded aggregates only (skill co-occurrence, per-month counts by label and
by skill) plus the first ``max_postings`` postings for the table.
:meth:`HtmlReport.render` returns the page as a string; nothing is printed or
written. The page needs nothing from the network: no scripts, fonts, images
or style sheets; charts are matplotlib SVG inlined into the HTML. The same
input gives the same string.

This module aggregates and assembles the page; the sections are built by
:mod:`analyzer.html_charts` (overview, skills, article, contrasts),
:mod:`analyzer.html_trends` (trends), :mod:`analyzer.html_postings` (the
posting table and detail views) and :mod:`analyzer.html_tables` (tables).

Example:
    >>> report = HtmlReport(max_postings=500)
    >>> for record in records:  # postings.jsonl objects
    ...     report.add(record)
    >>> page = report.render(summary, skills)  # summary.json dict, skills.csv frame
"""

from __future__ import annotations

import html
import re
import warnings
from collections import Counter
from collections.abc import Sequence
from itertools import combinations
from typing import Any

import matplotlib
import pandas as pd

from .charts import CHART_STYLE
from .html_charts import SkillRow, read_skill_rows, render_article, render_contrasts, render_frequencies, render_overview
from .html_postings import KeptPosting, keep_posting, render_postings
from .html_tables import labelled_by, render_extra_table, render_skipped
from .html_trends import render_trends
from .model import LABELS, Skipped, Table

__all__ = ["HtmlReport"]

_CSS = """
body{margin:0;color:#1a1a1a;background:#fff;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
main{max-width:1100px;margin:0 auto;padding:1.5rem}
h1{margin:0 0 .25rem}h2{margin-top:2.5rem;border-bottom:2px solid #ddd}h3{margin:1.5rem 0 .25rem}
nav{font-size:.9rem}nav a{margin-right:1rem}
.meta,.note{color:#555}
.src{overflow-wrap:anywhere;font-size:.8rem;color:#444}
.ttl,.posting{overflow-wrap:anywhere}
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
        self._kept: list[KeptPosting] = []

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
            self._kept.append(keep_posting(record, self.unique_))
        else:
            self.left_out_ += 1

    def render(
        self, summary: dict[str, Any], skills: pd.DataFrame, *, tables: Sequence[Table] = (), skipped: Sequence[Skipped] = ()
    ) -> str:
        """The whole HTML page.

        Args:
            summary: The ``summary.json`` object (headline numbers and label counts).
            skills: The ``skills.csv`` table (shares overall, by label and in the article).
            tables: More sections, each a table (pay and experience), shown before the postings.
            skipped: The first skipped inputs, listed with their reasons after the postings
                (``summary["skipped"]`` counts them all).

        Returns:
            The page, a complete HTML document.
        """
        rows = read_skill_rows(skills)
        with matplotlib.rc_context(CHART_STYLE), warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=r"Glyph .* missing from")
            body = [
                render_overview(summary),
                render_frequencies(rows, summary),
                render_article(rows),
                render_contrasts(rows, summary, self._cooccurrence([r for r in rows if r.postings > 0][:15])),
                render_trends(
                    rows,
                    unique=self.unique_,
                    undated=self.undated_,
                    month_totals=self.month_totals_,
                    month_labels=self.month_labels_,
                    month_skills=self.month_skills_,
                ),
                *(render_extra_table(index, table) for index, table in enumerate(tables)),
                render_postings(
                    self._kept,
                    unique=self.unique_,
                    left_out=self.left_out_,
                    max_postings=self.max_postings,
                    duplicates=self.duplicates_,
                ),
                render_skipped(skipped, int(summary.get("skipped") or 0)),
            ]
        return _page(
            summary,
            body,
            extra=[(f"extra-{index}", table.title) for index, table in enumerate(tables)],
            skipped=bool(summary.get("skipped")),
        )

    def _cooccurrence(self, top: list[SkillRow]) -> list[list[float]]:
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


def _month(date: object) -> str | None:
    """``YYYY-MM`` of an ISO date, or None when it is missing or not one."""
    if not isinstance(date, str):
        return None
    found = re.match(r"(\d{4})-(\d{2})(?:-\d{2})?(?:$|T)", date)
    if found is None or not 1 <= int(found[2]) <= 12:
        return None
    return f"{found[1]}-{found[2]}"


def _page(
    summary: dict[str, Any], body: list[str], *, extra: Sequence[tuple[str, str]] = (), skipped: bool = False
) -> str:
    """The HTML document: head with the style sheet, header with the versions and the navigation, then the sections.

    ``extra`` holds the ``(id, title)`` of the sections shown before the postings (pay, experience...), linked from the navigation too;
    ``skipped`` links the section of skipped inputs after the postings.
    """
    taxonomy = summary.get("taxonomy") or {}
    about = (
        f"Taxonomy <code>{html.escape(str(taxonomy.get('name', '')))}</code> version {html.escape(str(taxonomy.get('version', '')))}; "
        f"skill-analyzer {html.escape(str(summary.get('version', '')))}; {html.escape(labelled_by(summary))}."
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
            *((anchor, html.escape(title)) for anchor, title in extra),
            ("postings", "Postings"),
            *((("skipped", "Skipped"),) if skipped else ()),
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
