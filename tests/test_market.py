from __future__ import annotations

import pytest

from analyzer.market import MarketStats, experience_band, pay_midpoint


def _pay(low: float | None, high: float | None, basis: str = "base", currency: str = "USD") -> dict[str, object]:
    return {"min": low, "max": high, "currency": currency, "period": "year", "annual_min": low, "annual_max": high,
            "text": "", "start": 0, "end": 0, "basis": basis}


@pytest.mark.parametrize(("years", "band"), [(None, None), (0, "0-1"), (1, "0-1"), (3, "2-3"), (6, "4-6"), (9, "7-9"), (15, "10+")])
def test_experience_band(years: int | None, band: str | None) -> None:
    assert experience_band(years) == band


def test_pay_midpoint_prefers_base_and_usd() -> None:
    assert pay_midpoint([_pay(200_000, 300_000, "total"), _pay(120_000, 150_000, "base")]) == 135_000.0
    assert pay_midpoint([_pay(None, 150_000)]) == 150_000.0
    assert pay_midpoint([_pay(60_000, 80_000, currency="GBP")]) is None
    assert pay_midpoint([]) is None


def test_tables() -> None:
    stats = MarketStats()
    skill = {"id": "python", "mentions": [{"requirement": "preferred"}, {"requirement": "required"}]}
    stats.add({"label": "ml", "min_years": 5, "seniority": "senior", "pay": [_pay(100_000, 200_000)], "skills": [skill]})
    stats.add({"label": "ml", "min_years": None, "seniority": None, "pay": [_pay(50_000, 60_000, currency="EUR")], "skills": []})
    pay, bands, seniority, required = stats.tables([("python", "Python")])
    assert pay.intro == (
        "Of 2 unique postings, 1 states pay in US dollars (annualised midpoint of the stated range, base pay preferred "
        "over total compensation; hourly x 2,080); 1 more states it only in another currency."
    )
    assert pay.headers[2] == "share with pay"
    assert pay.rows[1] == ("ML engineer (ml)", "1", "50%", "$150K", "$150K", "$150K", "ML engineer: $158,147 average base (Built In)")
    assert bands.intro == (
        "The minimum years of experience a posting asks for (1 of 2 unique postings say; the rest are left out) and the "
        "median of their pay, for every label, next to the article's average ML-engineer pay by years of experience (Glassdoor)."
    )
    assert bands.headers[-1] == "the article (ML engineer)"
    assert bands.rows[2] == ("4-6", "1", "1", "$150K", "$156K")
    assert seniority.rows == (("senior", "1", "50.0%"), ("unknown", "1", "50.0%"))
    assert required.intro == (
        "For the top 1 skills: share of the postings naming the skill that require it, only prefer it, "
        "or do not say (rounded, so a row may add up to 99% or 101%)."
    )
    assert required.rows == (("Python", "1", "100%", "0%", "0%"),)
    assert required.markdown()[-1] == "| Python | 1 | 100% | 0% | 0% |"


def test_seniority_in_ladder_order_with_unknown_last() -> None:
    stats = MarketStats()
    for level in ("senior", None, "intern", "senior", "staff", "manager", "junior"):
        stats.add({"label": "ai", "min_years": None, "seniority": level, "pay": [], "skills": []})
    seniority = stats.tables([])[2]
    assert [row[0] for row in seniority.rows] == ["intern", "junior", "senior", "staff", "manager", "unknown"]
    assert seniority.rows[2] == ("senior", "2", "28.6%")


def test_pay_table_markdown_left_aligns_the_article_text() -> None:
    stats = MarketStats()
    stats.add({"label": "ai", "min_years": 2, "seniority": None, "pay": [_pay(100_000, 120_000)], "skills": []})
    lines = stats.tables([])[0].markdown()
    assert lines[5:8] == [
        "| label | postings with pay | share with pay | 25th pct | median | 75th pct | the article |",
        "|---|---:|---:|---:|---:|---:|---|",
        "| AI engineer (ai) | 1 | 100% | $110K | $110K | $110K | AI engineer: ~$136K average (Glassdoor; $108K-$174K interquartile) |",
    ]
