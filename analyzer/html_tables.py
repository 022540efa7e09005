"""HTML tables for the report page, and the cell formats its sections share.

Every function returns markup as a string; cells handed to
:func:`render_table` are HTML already (escape them before).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

import pandas as pd

from .model import Skipped, Table

__all__ = [
    "format_percent",
    "format_points",
    "labelled_by",
    "no_evidence_note",
    "render_extra_table",
    "render_label_tag",
    "render_skipped",
    "render_table",
]


def labelled_by(summary: dict[str, Any]) -> str:
    """What labelled a run's postings, from its ``summary.json`` object, for the reports' header.

    Example:
        >>> labelled_by({"classifier": "model", "model": "default"})
        'labels by the learned model shipped in the package'
    """
    if summary.get("classifier") != "model":
        return "labels by the rule score"
    model = summary.get("model")
    return "labels by the learned model " + ("shipped in the package" if model in (None, "default") else str(model))


def no_evidence_note(count: int) -> str:
    """How many postings were labelled without any AI/ML evidence, for the reports and the run's last line.

    Example:
        >>> no_evidence_note(2)
        '2 hybrid postings are only a guess (confidence 0): no skill or duty phrase leaned either way'
    """
    are = "posting is" if count == 1 else "postings are"
    return f"{count} hybrid {are} only a guess (confidence 0): no skill or duty phrase leaned either way"


def format_percent(value: float | None) -> str:
    """A share as a percentage with one decimal (``0.25`` -> ``25.0%``); ``n/a`` for None or NaN."""
    return "n/a" if value is None or pd.isna(value) else f"{100 * value:.1f}%"


def format_points(value: float, minus: float) -> str:
    """The difference of two shares in percentage points, from the percentages as displayed.

    ``format_points(0.1393, 0.4336)`` is ``-29.5 pts``, the difference of ``13.9%``
    and ``43.4%``: the column a reader checks by hand agrees with the shares beside it.
    """
    shown = float(format_percent(value)[:-1]) - float(format_percent(minus)[:-1])
    return f"{round(shown, 1) + 0.0:+.1f} pts"


def render_label_tag(label: str) -> str:
    """A label as a coloured tag (``<span class="tag tag-ai">ai</span>``)."""
    return f'<span class="tag tag-{html.escape(label)}">{html.escape(label)}</span>'


def render_extra_table(index: int, table: Table) -> str:
    """A section holding one more table (pay, experience); columns that look numeric are right-aligned.

    Args:
        index: The table's position among the extra tables; the section's id is ``extra-<index>``.
        table: The table, its cells plain text (escaped here).

    Returns:
        The ``<section>`` markup.
    """
    numeric = table.numeric_columns()
    cells = [[html.escape(c) for c in row] for row in table.rows]
    return "\n".join(
        [
            f'<section id="extra-{index}">',
            f"<h2>{html.escape(table.title)}</h2>",
            f"<p>{html.escape(table.intro)}</p>" if table.intro else "",
            render_table(list(table.headers), cells, numeric=numeric),
            "</section>",
        ]
    )


def render_skipped(skipped: Sequence[Skipped], total: int) -> str:
    """The section listing the skipped inputs with their reasons, as ``report.md`` ends.

    Args:
        skipped: The skipped inputs to list (the first ones of the run).
        total: How many inputs the run skipped; those beyond ``skipped`` are counted, pointing to ``skipped.csv``.

    Returns:
        The ``<section id="skipped">`` markup, empty when nothing was skipped.
    """
    if not total:
        return ""
    rows = [[f'<span class="src">{html.escape(item.source)}</span>', html.escape(item.reason)] for item in skipped]
    more = total - len(skipped)
    return "\n".join(
        [
            '<section id="skipped">',
            "<h2>Skipped inputs</h2>",
            f"<p>{total} {'input was' if total == 1 else 'inputs were'} not analyzed; the reason is given for each, "
            "and <code>skipped.csv</code> lists them all.</p>",
            render_table(["source", "reason"], rows, numeric=set()),
            f'<p class="note">... and {more} more in <code>skipped.csv</code>.</p>' if more > 0 else "",
            "</section>",
        ]
    )


def render_table(headers: list[str], rows: list[list[str]], *, numeric: set[int]) -> str:
    """An HTML table; cells are HTML already (escape before), columns in ``numeric`` right-aligned.

    Args:
        headers: The column headers, plain text (escaped here).
        rows: The rows, each a list of cells that are HTML already.
        numeric: Indexes of the columns to right-align.

    Returns:
        The ``<table>`` markup.
    """

    def cell(tag: str, index: int, content: str) -> str:
        return f'<{tag} class="num">{content}</{tag}>' if index in numeric else f"<{tag}>{content}</{tag}>"

    head = "".join(cell("th", i, html.escape(h)) for i, h in enumerate(headers))
    body = "\n".join("<tr>" + "".join(cell("td", i, c) for i, c in enumerate(row)) + "</tr>" for row in rows)
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"
