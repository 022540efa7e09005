from __future__ import annotations

import math
import re
from typing import Any

import pandas as pd
import pytest

from analyzer import html_charts
from analyzer.html_charts import SkillRow, read_skill_rows, render_article, render_contrasts, render_frequencies, render_overview

SUMMARY: dict[str, Any] = {"inputs": 5, "postings": 9, "unique_postings": 8, "duplicates": 1, "skipped": 2, "labels": {"ai": 4, "ml": 3, "hybrid": 1}}  # fmt: skip


@pytest.fixture
def charts(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """The bar charts and figures the sections ask for, by key, instead of drawing them."""
    drawn: dict[str, Any] = {}

    def fake_bar_chart(key: str, title: str, names: list[str], values: list[float], notes: list[str], colors: list[str]) -> str:
        drawn[key] = {"title": title, "names": names, "values": values, "notes": notes}
        return f"<svg {key}>"

    def fake_svg_markup(fig: Any, key: str, title: str) -> str:
        drawn[key] = {"title": title}
        return f"<svg {key}>"

    monkeypatch.setattr(html_charts, "bar_chart", fake_bar_chart)
    monkeypatch.setattr(html_charts, "svg_markup", fake_svg_markup)
    return drawn


def row(skill_id: str, postings: int, share: float, ai: float = 0.0, ml: float = 0.0, *, article: float | None = None,
        name: str | None = None, category: str = "models") -> SkillRow:  # fmt: skip
    return SkillRow(skill_id, name or skill_id.upper(), category, postings, share, {"ai": ai, "ml": ml, "hybrid": 0.0}, article)


def table_rows(markup: str) -> list[list[str]]:
    return [re.findall(r"<td[^>]*>(.*?)</td>", tr) for tr in re.findall(r"<tr>(<td.*?)</tr>", markup)]


def test_read_skill_rows_sorts_and_fills_missing_shares() -> None:
    frame = pd.DataFrame(
        {
            "skill_id": ["zeta", "alpha", "rag"],
            "name": ["Zeta", "Alpha", "RAG"],
            "category": ["c", "c", "llm"],
            "postings": [3, 3, 5],
            "share": [0.3, 0.3, math.nan],
            "share_ai": [0.5, None, 1.0],
            "share_ml": [0.25, 0.0, 0.0],
            "share_hybrid": [0.0, 0.0, 0.0],
            "article_share": [None, 0.4, math.nan],
        }
    )
    assert read_skill_rows(frame) == [
        SkillRow("rag", "RAG", "llm", 5, 0.0, {"ai": 1.0, "ml": 0.0, "hybrid": 0.0}, None),
        SkillRow("alpha", "Alpha", "c", 3, 0.3, {"ai": 0.0, "ml": 0.0, "hybrid": 0.0}, 0.4),
        SkillRow("zeta", "Zeta", "c", 3, 0.3, {"ai": 0.5, "ml": 0.25, "hybrid": 0.0}, None),
    ]


def test_overview_numbers_table_and_chart(charts: dict[str, Any]) -> None:
    markup = render_overview(SUMMARY)
    assert re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", markup) == [
        ("Inputs read", "5"), ("Postings analyzed", "9"), ("Unique postings", "8"), ("Duplicates folded", "1"), ("Inputs skipped", "2"),
    ]  # fmt: skip
    assert table_rows(markup) == [
        ['AI engineer <span class="tag tag-ai">ai</span>', "4", "50.0%"],
        ['ML engineer <span class="tag tag-ml">ml</span>', "3", "37.5%"],
        ['Hybrid <span class="tag tag-hybrid">hybrid</span>', "1", "12.5%"],
    ]
    assert charts["labels"]["values"] == [50.0, 37.5, 12.5]
    assert charts["labels"]["notes"] == ["4 (50.0%)", "3 (37.5%)", "1 (12.5%)"]


def test_overview_of_no_postings(charts: dict[str, Any]) -> None:
    render_overview({**SUMMARY, "unique_postings": 0, "labels": {}})
    assert charts["labels"]["notes"] == ["0 (0.0%)", "0 (0.0%)", "0 (0.0%)"]


def test_frequencies_with_no_skill_found(charts: dict[str, Any]) -> None:
    markup = render_frequencies([row("rag", 0, 0.0)], SUMMARY)
    assert (
        markup
        == '<section id="skills">\n<h2>Skill frequency</h2>\n<p class="note">No skill was found in any posting.</p>\n</section>'
    )
    assert charts == {}


def test_frequencies_table_escapes_names_and_formats_shares(charts: dict[str, Any]) -> None:
    rows = [
        row("x", 4, 0.5, 0.75, 0.25, name="<script>A&B</script>", category="c&d"),
        row("rag", 1, 0.125, 0.25),
        row("none", 0, 0.0),
    ]
    markup = render_frequencies(rows, SUMMARY)
    assert "<p>2 of 3 taxonomy skills appear in at least one posting. The top 2:</p>" in markup
    assert re.findall(r'<th(?: class="num")?>(.*?)</th>', markup) == [
        "#",
        "skill",
        "category",
        "postings",
        "share",
        "ai (4)",
        "ml (3)",
        "hybrid (1)",
    ]
    assert table_rows(markup) == [
        ["1", "&lt;script&gt;A&amp;B&lt;/script&gt;", "c&amp;d", "4", "50.0%", "75.0%", "25.0%", "0.0%"],
        ["2", "RAG", "models", "1", "12.5%", "25.0%", "0.0%", "0.0%"],
    ]
    assert "<script>" not in markup
    assert charts["top"]["notes"] == ["50.0% (4)", "12.5% (1)"]
    assert set(charts) == {"top", "by-label", "categories"}


def test_article_rows_by_article_share(charts: dict[str, Any]) -> None:
    rows = [row("aaa", 5, 0.5, 0.6, 0.2, article=0.1), row("bbb", 2, 0.2, 0.3, 0.1, article=0.45), row("ccc", 9, 0.9)]
    markup = render_article(rows)
    assert table_rows(markup) == [
        ["BBB", "45.0%", "20.0%", "30.0%", "10.0%", "-25.0 pts"],
        ["AAA", "10.0%", "50.0%", "60.0%", "20.0%", "+40.0 pts"],
    ]
    assert list(charts) == ["article"]


def test_article_without_published_shares(charts: dict[str, Any]) -> None:
    markup = render_article([row("aaa", 5, 0.5)])
    assert '<p class="note">No skill in this taxonomy carries a share published by the article.</p>' in markup


def test_contrasts_order_each_side_by_gap(charts: dict[str, Any]) -> None:
    rows = [
        row("aaa", 5, 0.5, 0.5, 0.25),
        row("bbb", 5, 0.5, 0.75, 0.0),
        row("ccc", 4, 0.4, 0.0, 0.5),
        row("ddd", 3, 0.3, 0.5, 0.5),
    ]
    matrix = [[0.5, 0.25, 0.0], [0.25, 0.5, 0.0], [0.0, 0.0, 0.4]]
    markup = render_contrasts(rows, SUMMARY, matrix)
    more_ai, more_ml = re.findall(r"<h3>More in \w+ postings</h3>(.*?)</table>", markup, flags=re.S)
    assert table_rows(more_ai) == [["BBB", "75.0%", "0.0%", "+75.0 pts"], ["AAA", "50.0%", "25.0%", "+25.0 pts"]]
    assert table_rows(more_ml) == [["CCC", "0.0%", "50.0%", "-50.0 pts"]]
    assert set(charts) == {"contrast", "cooccurrence"}


def test_contrasts_need_both_roles_and_some_co_occurrence(charts: dict[str, Any]) -> None:
    rows = [row("aaa", 5, 0.5, 0.5), row("bbb", 5, 0.5, 0.75)]
    markup = render_contrasts(rows, {**SUMMARY, "labels": {"ai": 8}}, [[0.0, 0.0], [0.0, 0.0]])
    assert re.findall(r'<p class="note">(.*?)</p>', markup) == [
        "Comparing the roles needs both AI-labelled and ML-labelled postings.",
        "Too few skills or postings for a co-occurrence map.",
    ]
    assert charts == {}


def test_differences_agree_with_the_shares_shown_beside_them(charts: dict[str, Any]) -> None:
    # 17 of 122 AI postings (13.93%) against 307 of 708 ML postings (43.36%): shown 13.9% and 43.4%,
    # so the difference reads -29.5 pts (not -29.4, the difference of the unrounded shares).
    rows = [row("deep", 324, 324 / 830, 17 / 122, 307 / 708, article=0.4336)]
    contrasts = render_contrasts(rows, SUMMARY, [[0.0]])
    more_ml = re.findall(r"<h3>More in ML postings</h3>(.*?)</table>", contrasts, flags=re.S)[0]
    assert table_rows(more_ml) == [["DEEP", "13.9%", "43.4%", "-29.5 pts"]]
    assert table_rows(render_article(rows)) == [["DEEP", "43.4%", "39.0%", "13.9%", "43.4%", "-4.4 pts"]]


def test_article_section_says_what_the_difference_is(charts: dict[str, Any]) -> None:
    markup = render_article([row("aaa", 5, 0.5, 0.6, 0.2, article=0.1)])
    assert re.findall(r"<p>(.*?)</p>", markup) == [
        'The article ("AI Engineer vs ML Engineer: Demand, Salaries, and Career Growth in 2025") publishes the share of '
        "AI-engineer postings asking for these skills, without saying how many postings or from when; beside it, the share of "
        "this corpus's unique postings and of its AI-labelled ones. all minus article: this corpus's share of all "
        "unique postings minus the article's figure, in percentage points (pts)."
    ]
