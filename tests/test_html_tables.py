from __future__ import annotations

import math

import pytest

from analyzer.html_tables import (
    format_percent,
    format_points,
    render_extra_table,
    render_label_tag,
    render_skipped,
    render_table,
)
from analyzer.model import Skipped, Table


@pytest.mark.parametrize(
    ("value", "text"),
    [(0.25, "25.0%"), (0.0, "0.0%"), (1.0, "100.0%"), (0.12345, "12.3%"), (1.5, "150.0%"), (None, "n/a"), (math.nan, "n/a")],
    ids=["quarter", "zero", "whole", "rounded", "over-one", "none", "nan"],
)
def test_format_percent(value: float | None, text: str) -> None:
    assert format_percent(value) == text


def test_label_tag() -> None:
    assert render_label_tag("ml") == '<span class="tag tag-ml">ml</span>'


def test_label_tag_escapes_a_hostile_label() -> None:
    assert render_label_tag('x"><script>') == '<span class="tag tag-x&quot;&gt;&lt;script&gt;">x&quot;&gt;&lt;script&gt;</span>'


def test_table_escapes_headers_not_cells_and_right_aligns_numeric_columns() -> None:
    markup = render_table(["skill <b>", "share & count"], [["<em>RAG</em>", "25.0%"], ["LLMs", "5.0%"]], numeric={1})
    assert markup == (
        "<table>\n"
        '<thead><tr><th>skill &lt;b&gt;</th><th class="num">share &amp; count</th></tr></thead>\n'
        "<tbody>\n"
        '<tr><td><em>RAG</em></td><td class="num">25.0%</td></tr>\n'
        '<tr><td>LLMs</td><td class="num">5.0%</td></tr>\n'
        "</tbody>\n"
        "</table>"
    )


def test_empty_table() -> None:
    assert render_table(["a"], [], numeric=set()) == "<table>\n<thead><tr><th>a</th></tr></thead>\n<tbody>\n\n</tbody>\n</table>"


def test_extra_table_escapes_title_intro_and_cells() -> None:
    table = Table('Pay <script>alert("x")</script>', "Tom & Jerry's", ("band", "postings"), (("<b>senior</b>", "3"),))
    assert render_extra_table(2, table) == "\n".join(
        [
            '<section id="extra-2">',
            "<h2>Pay &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</h2>",
            "<p>Tom &amp; Jerry&#x27;s</p>",
            "<table>\n"
            '<thead><tr><th>band</th><th class="num">postings</th></tr></thead>\n'
            "<tbody>\n"
            '<tr><td>&lt;b&gt;senior&lt;/b&gt;</td><td class="num">3</td></tr>\n'
            "</tbody>\n"
            "</table>",
            "</section>",
        ]
    )


def test_extra_table_without_intro_has_no_paragraph() -> None:
    markup = render_extra_table(0, Table("Experience", "", ("years", "postings"), (("3+", "2"),)))
    assert "<p>" not in markup
    assert markup.splitlines()[:3] == ['<section id="extra-0">', "<h2>Experience</h2>", ""]


@pytest.mark.parametrize(
    ("cell", "numeric"),
    [
        ("$120K", True),
        ("€1.5", True),
        ("£95,000", True),
        ("45%", True),
        ("1,200", True),
        ("n/a", True),
        ("12 years", False),
        ("-5", False),
        ("", False),
        ("N/A", False),
    ],
    ids=["dollar-k", "euro", "pound", "percent", "thousands", "n-a", "words", "negative", "empty", "upper-n-a"],
)
def test_extra_table_numeric_column_detection(cell: str, numeric: bool) -> None:
    markup = render_extra_table(0, Table("T", "", ("name", "value"), (("a", "7"), ("b", cell))))
    assert ('<th class="num">value</th>' in markup) is numeric


def test_extra_table_first_column_is_never_numeric_and_short_rows_do_not_count() -> None:
    markup = render_extra_table(0, Table("T", "", ("year", "median", "note"), (("2024", "$100K", "x"), ("2025", "$110K"))))
    assert "<th>year</th>" in markup
    assert '<th class="num">median</th>' in markup
    assert "<th>note</th>" in markup
    assert '<tr><td>2025</td><td class="num">$110K</td></tr>' in markup


@pytest.mark.parametrize(
    ("value", "minus", "text"),
    [(0.1393, 0.4336, "-29.5 pts"), (28 / 122, 0.22, "+1.0 pts"), (0.5, 0.5, "+0.0 pts"), (0.00004, 0.00006, "+0.0 pts"), (0.0, 0.22, "-22.0 pts")],
    ids=["rounded-shares", "exact-share", "equal", "no-negative-zero", "absent"],
)
def test_format_points_is_the_difference_of_the_shown_percentages(value: float, minus: float, text: str) -> None:
    assert format_points(value, minus) == text


def test_skipped_inputs_are_listed_escaped_with_their_reasons() -> None:
    skipped = [Skipped("jobs/<b>.csv#row=2", "malformed & cut"), Skipped("jobs/empty.txt", "empty file")]
    assert render_skipped(skipped, 2) == (
        '<section id="skipped">\n'
        "<h2>Skipped inputs</h2>\n"
        "<p>2 inputs were not analyzed; the reason is given for each, and <code>skipped.csv</code> lists them all.</p>\n"
        "<table>\n"
        "<thead><tr><th>source</th><th>reason</th></tr></thead>\n"
        "<tbody>\n"
        '<tr><td><span class="src">jobs/&lt;b&gt;.csv#row=2</span></td><td>malformed &amp; cut</td></tr>\n'
        '<tr><td><span class="src">jobs/empty.txt</span></td><td>empty file</td></tr>\n'
        "</tbody>\n"
        "</table>\n"
        "\n"
        "</section>"
    )


def test_skipped_inputs_beyond_the_listed_ones_are_counted() -> None:
    markup = render_skipped([Skipped("a.txt", "empty file")], 201)
    assert "<p>201 inputs were not analyzed;" in markup
    assert '<p class="note">... and 200 more in <code>skipped.csv</code>.</p>' in markup
    assert "<p>1 input was not analyzed;" in render_skipped([Skipped("a.txt", "empty file")], 1)


def test_nothing_skipped_no_section() -> None:
    assert render_skipped([], 0) == ""
