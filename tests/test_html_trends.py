from __future__ import annotations

import math
import re
from collections import Counter
from typing import Any

import pytest

from analyzer import html_trends
from analyzer.html_charts import SkillRow
from analyzer.html_trends import render_trends

Charts = dict[str, dict[str, Any]]


@pytest.fixture
def charts(monkeypatch: pytest.MonkeyPatch) -> Charts:
    """The line charts render_trends asks for, by key, instead of drawing them."""
    drawn: Charts = {}

    def fake_line_chart(key: str, title: str, periods: list[str], series: dict[str, list[float]], colors: list[str]) -> str:
        drawn[key] = {"title": title, "periods": periods, "series": series}
        return f"<svg {key}>"

    monkeypatch.setattr(html_trends, "line_chart", fake_line_chart)
    return drawn


def skill(skill_id: str, postings: int = 1, name: str | None = None) -> SkillRow:
    return SkillRow(skill_id, name or skill_id.upper(), "models", postings, 0.5, {"ai": 0.5, "ml": 0.5, "hybrid": 0.5}, None)


def trends(
    rows: list[SkillRow], totals: dict[str, int], labels: dict[tuple[str, str], int] | None = None,
    skills: dict[tuple[str, str], int] | None = None, *, undated: int = 0,
) -> str:  # fmt: skip
    return render_trends(
        rows,
        unique=sum(totals.values()) + undated,
        undated=undated,
        month_totals=Counter(totals),
        month_labels=Counter(labels or {}),
        month_skills=Counter(skills or {}),
    )


def paragraphs(markup: str) -> list[str]:
    return re.findall(r"<p[^>]*>(.*?)</p>", markup, flags=re.S)


def test_no_dates(charts: Charts) -> None:
    markup = trends([skill("rag")], {}, undated=4)
    assert paragraphs(markup) == ["Too little dated data for trends: none of the 4 unique postings carries a date."]
    assert charts == {}


def test_one_period_only(charts: Charts) -> None:
    markup = trends([skill("rag")], {"2025-03": 7}, undated=2)
    assert paragraphs(markup) == [
        "7 of 9 unique postings carry a date, from 2025-03 to 2025-03; shares are by month (by month when the dates span "
        "under 18 months). A month with fewer than 5 postings (n) is not drawn.",
        "Too little dated data for trends: every dated posting falls in 2025-03.",
    ]
    assert charts == {}


def test_months_between_are_filled_and_sparse_months_are_gaps_not_spikes(charts: Charts) -> None:
    totals = {"2025-01": 6, "2025-03": 3, "2025-04": 5}
    labels = {("2025-01", "ai"): 3, ("2025-01", "ml"): 3, ("2025-03", "ai"): 3, ("2025-04", "ml"): 5}
    skills = {("2025-01", "rag"): 3, ("2025-03", "rag"): 3, ("2025-04", "rag"): 1}
    trends([skill("rag", 7), skill("unused", 0)], totals, labels, skills)
    assert charts["trend-labels"]["periods"] == ["2025-01 (n=6)", "2025-02 (n=0)", "2025-03 (n=3)", "2025-04 (n=5)"]
    shares = {name: [None if math.isnan(v) else v for v in values] for name, values in charts["trend-labels"]["series"].items()}
    # 2025-03 is all AI, but with 3 postings it is left out rather than drawn as a 100% spike.
    assert shares == {
        "AI engineer": [0.5, None, None, 0.0],
        "ML engineer": [0.5, None, None, 1.0],
        "Hybrid": [0.0, None, None, 0.0],
    }
    rag = [None if math.isnan(v) else v for v in charts["trend-skills"]["series"]["RAG"]]
    assert rag == [0.5, None, None, 0.2]
    assert list(charts["trend-skills"]["series"]) == ["RAG"]  # a skill no posting names is not a line


@pytest.mark.parametrize(
    ("last", "unit", "periods"),
    [("2025-05", "month", 17), ("2025-06", "quarter", 6)],
    ids=["17-months-by-month", "18-months-by-quarter"],
)
def test_month_or_quarter_by_span(charts: Charts, last: str, unit: str, periods: int) -> None:
    markup = trends([skill("rag")], {"2024-01": 5, last: 5})
    assert f"shares are by {unit} " in markup
    assert len(charts["trend-labels"]["periods"]) == periods
    assert charts["trend-labels"]["title"] == f"Share of dated postings by label, per {unit}"


def test_quarters_add_up_their_months(charts: Charts) -> None:
    totals = {"2024-01": 2, "2024-03": 4, "2024-12": 1, "2025-07": 6}
    labels = {("2024-01", "ai"): 2, ("2024-03", "ml"): 4, ("2024-12", "hybrid"): 1, ("2025-07", "ai"): 6}
    markup = trends([skill("rag")], totals, labels)
    assert charts["trend-labels"]["periods"] == [
        "2024-Q1 (n=6)", "2024-Q2 (n=0)", "2024-Q3 (n=0)", "2024-Q4 (n=1)", "2025-Q1 (n=0)", "2025-Q2 (n=0)", "2025-Q3 (n=6)",
    ]  # fmt: skip
    assert (
        '<tr><td>2024-Q1</td><td class="num">6</td><td class="num">2</td><td class="num">4</td><td class="num">0</td></tr>'
        in markup
    )
    assert (
        '<tr><td>2024-Q4</td><td class="num">1</td><td class="num">0</td><td class="num">0</td><td class="num">1</td></tr>'
        in markup
    )


def test_risers_and_fallers_in_order(charts: Charts) -> None:
    # Only 2025-01 and 2025-04 have 10 postings or more; 2025-03 (5) does not count.
    totals = {"2025-01": 10, "2025-03": 5, "2025-04": 20}
    skills = {
        ("2025-01", "aaa"): 0, ("2025-04", "aaa"): 4,  # 0% -> 20%: +20
        ("2025-01", "bbb"): 0, ("2025-04", "bbb"): 4,  # 0% -> 20%: +20, a tie: after aaa by id
        ("2025-01", "ggg"): 1, ("2025-04", "ggg"): 14,  # 10% -> 70%: +60, the biggest riser though listed last
        ("2025-01", "ccc"): 5, ("2025-04", "ccc"): 2,  # 50% -> 10%: -40
        ("2025-01", "ddd"): 2, ("2025-04", "ddd"): 2,  # 20% -> 10%: -10
        ("2025-01", "eee"): 1, ("2025-04", "eee"): 2,  # 10% -> 10%: no change
        ("2025-03", "fff"): 5,  # only in a thin month
    }  # fmt: skip
    rows = [skill(i) for i in ("bbb", "aaa", "ccc", "ddd", "eee", "fff", "ggg")]
    markup = trends(rows, totals, skills=skills)
    assert (
        "<p>From 2025-01 (10 postings) to 2025-04 (20 postings), the first and last months with at least 10 dated postings.</p>"
    ) in markup
    assert (
        "<p>Biggest risers: GGG (+60.0 pts), AAA (+20.0 pts), BBB (+20.0 pts).<br>Biggest fallers: CCC (-40.0 pts), DDD (-10.0 pts).</p>"
        in markup
    )
    assert re.findall(r"<tr><td>([A-Z]+)</td>", markup) == ["GGG", "AAA", "BBB", "CCC", "DDD"]
    assert '<tr><td>CCC</td><td class="num">50.0%</td><td class="num">10.0%</td><td class="num">-40.0 pts</td></tr>' in markup


def test_risers_escape_skill_names(charts: Charts) -> None:
    rows = [skill("x", name='<script>"A&B"</script>')]
    markup = trends(rows, {"2025-01": 10, "2025-02": 10}, skills={("2025-02", "x"): 5})
    assert "Biggest risers: &lt;script&gt;&quot;A&amp;B&quot;&lt;/script&gt; (+50.0 pts).<br>Biggest fallers: none." in markup
    assert "<script>" not in markup


def test_too_few_full_periods_for_risers(charts: Charts) -> None:
    markup = trends([skill("rag")], {"2025-01": 9, "2025-02": 12})
    assert paragraphs(markup)[-1] == (
        "Too little dated data to name risers and fallers: that needs two months with at least 10 dated postings each "
        "(the busiest month has 12)."
    )
