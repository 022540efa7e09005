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
    assert pay.intro == "1 unique postings state pay in US dollars (annualised midpoint of the base range; hourly x 2,080); 1 more state it in another currency."
    assert pay.rows[1] == ("ml", "1", "50%", "$150K", "$150K", "$150K", "ML engineer: $158,147 average base (Built In)")
    assert bands.rows[2] == ("4-6", "1", "1", "$150K", "$156K")
    assert seniority.rows == (("senior", "1"), ("unknown", "1"))
    assert required.rows == (("Python", "1", "100%", "0%", "0%"),)
    assert required.markdown()[-1] == "| Python | 1 | 100% | 0% | 0% |"
