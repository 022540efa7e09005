from __future__ import annotations

import pytest

from analyzer.pay import Pay, extract_pay

# --- pay ---------------------------------------------------------------------------------------------------------------

# (text, [(min, max, currency, period, annual_min, annual_max, matched text, basis), ...])
PAY_CASES = [
    ("Salary range: $120,000 - $150,000", [(120000, 150000, "USD", "year", 120000, 150000, "$120,000 - $150,000", "unspecified")]),
    ("Pay: $120K–$150K", [(120000, 150000, "USD", "year", 120000, 150000, "$120K–$150K", "unspecified")]),
    ("Compensation $120K—$150K", [(120000, 150000, "USD", "year", 120000, 150000, "$120K—$150K", "unspecified")]),
    ("Expected salary is $120k to $150k.", [(120000, 150000, "USD", "year", 120000, 150000, "$120k to $150k", "unspecified")]),
    ("Base salary between $120,000 and $150,000.", [(120000, 150000, "USD", "year", 120000, 150000, "$120,000 and $150,000", "base")]),
    ("Range: USD 120k to 150k", [(120000, 150000, "USD", "year", 120000, 150000, "USD 120k to 150k", "unspecified")]),
    ("Salary 120,000 - 150,000 USD, plus equity", [(120000, 150000, "USD", "year", 120000, 150000, "120,000 - 150,000 USD", "unspecified")]),
    ("Salary: £60,000 plus pension", [(60000, 60000, "GBP", "year", 60000, 60000, "£60,000", "unspecified")]),
    ("Gehalt: €70.000 – €85.000 brutto", [(70000, 85000, "EUR", "year", 70000, 85000, "€70.000 – €85.000", "unspecified")]),
    ("Contract rate: $55/hr on W2", [(55, 55, "USD", "hour", 114400, 114400, "$55/hr", "unspecified")]),
    ("We pay $55 - $65 per hour.", [(55, 65, "USD", "hour", 114400, 135200, "$55 - $65 per hour", "unspecified")]),
    ("Internship paying $8,000/month.", [(8000, 8000, "USD", "month", 96000, 96000, "$8,000/month", "unspecified")]),
    ("Salary up to $150,000 depending on level", [(None, 150000, "USD", "year", None, 150000, "$150,000", "unspecified")]),
    ("Base pay starting at $90,000.", [(90000, None, "USD", "year", 90000, None, "$90,000", "base")]),
    ("Pay: $120k-$150k/yr", [(120000, 150000, "USD", "year", 120000, 150000, "$120k-$150k/yr", "unspecified")]),
    ("Target range $144,000.00 - $188,000.00", [(144000, 188000, "USD", "year", 144000, 188000, "$144,000.00 - $188,000.00",
                                                 "unspecified")]),
    ("Total compensation up to $1.2M for this role.", [(None, 1200000, "USD", "year", None, 1200000, "$1.2M", "total")]),
    ("Salary $120,000-$150,000", [(120000, 150000, "USD", "year", 120000, 150000, "$120,000-$150,000", "unspecified")]),
    ("Salary $150-170k plus equity", [(150000, 170000, "USD", "year", 150000, 170000, "$150-170k", "unspecified")]),
    ("The salary is $95- $110,000 per year.", [(95000, 110000, "USD", "year", 95000, 110000, "$95- $110,000 per year", "unspecified")]),
    ("Hourly Rate: 45 - 60/hr", [(45, 60, "USD", "hour", 93600, 124800, "45 - 60/hr", "unspecified")]),
    ("Pay $38.50 hourly for interns", [(38.5, 38.5, "USD", "hour", 80080, 80080, "$38.50 hourly", "unspecified")]),
    ("Day rate: $600/day", [(600, 600, "USD", "day", 156000, 156000, "$600/day", "unspecified")]),
    ("Weekly pay of $2,000 per week", [(2000, 2000, "USD", "week", 104000, 104000, "$2,000 per week", "unspecified")]),
    ("Canada: CA$110,000-$140,000/year", [(110000, 140000, "CAD", "year", 110000, 140000, "CA$110,000-$140,000/year", "unspecified")]),
    ("Toronto: $110,000 – $140,000/year (CAD)", [(110000, 140000, "CAD", "year", 110000, 140000, "$110,000 – $140,000/year (CAD)",
                                                   "unspecified")]),
    ("CTC: INR 18,00,000 - 24,00,000 per annum", [(1800000, 2400000, "INR", "year", 1800000, 2400000,
                                                    "INR 18,00,000 - 24,00,000 per annum", "unspecified")]),
    ("Salary: $140K+ DOE", [(140000, None, "USD", "year", 140000, None, "$140K", "unspecified")]),
    ("Our OTE for this role is $180,000 - $220,000.", [(180000, 220000, "USD", "year", 180000, 220000, "$180,000 - $220,000", "total")]),
    ("The range is $130,000 - $160,000 and does not include bonus.", [(130000, 160000, "USD", "year", 130000, 160000,
                                                                       "$130,000 - $160,000", "unspecified")]),
    ("Base salary range below.\n$150,000—$190,000 USD\n", [(150000, 190000, "USD", "year", 150000, 190000, "$150,000—$190,000 USD",
                                                            "base")]),
    ("Pay range:\n* $70 - $90 per hour on W2\n", [(70, 90, "USD", "hour", 145600, 187200, "$70 - $90 per hour", "unspecified")]),
    ("Offer: $200,000 + $500K equity over 4 years", [(200000, 200000, "USD", "year", 200000, 200000, "$200,000", "unspecified")]),
    # not pay
    ("We have grown to $50M in revenue.", []),
    ("Acme raised $20 million in Series B funding.", []),
    ("Backed by a $40M Series B led by top investors.", []),
    ("We match 4% of your 401k and 401(k) contributions.", []),
    ("* $1,000 learning budget every year", []),
    ("* $2,500 home office stipend", []),
    ("* $300 monthly wellness allowance", []),
    ("* Relocation assistance up to $15,000", []),
    ("* Sign-on bonus of $20,000", []),
    ("* $5,000 referral bonus", []),
    ("Annual bonus of $25,000 on top of base", []),
    ("Our platform serves 35,000 customers in 40 countries.", []),
    ("A team of 25 engineers shipped 3 products in 2023.", []),
    ("Up to 20% annual bonus", []),
    ("We process $3 billion in payments a year.", []),
    ("Rate: $70", [(70, 70, "USD", "hour", 145600, 145600, "$70", "unspecified")]),
    ("Job code - $70", []),
    ("The laptop costs $2,000.", []),
    ("Founded in 2015, we have 500 employees.", []),
]
PAY_IDS = [
    "dollar-range-hyphen", "k-en-dash", "k-em-dash", "k-to", "between-and-base", "usd-prefix-k", "usd-suffix", "gbp-single",
    "eur-dot-thousands", "hourly-slash-hr", "hourly-per-hour-range", "monthly", "up-to-max", "starting-at-min", "k-range-per-yr",
    "cents", "million-total-comp", "no-spaces", "shorthand-low-k", "shorthand-low-thousands", "bare-hourly-after-rate",
    "hourly-word-after", "day-rate", "weekly", "cad-prefix", "cad-code-after-period", "inr-lakhs", "open-ended-plus", "ote-total",
    "not-include-bonus", "lead-in-line-basis", "bullet-hourly", "equity-after-plus",
    "revenue", "raised-funding", "series-b", "401k", "learning-budget", "home-office-stipend", "wellness-allowance",
    "relocation", "sign-on-bonus", "referral-bonus", "bonus-of", "customer-count", "team-size-and-year", "percentage",
    "billions", "rate-hourly", "small-no-period", "price", "employees",
]


@pytest.mark.parametrize(("text", "expected"), PAY_CASES, ids=PAY_IDS)
def test_extract_pay(text: str, expected: list[tuple[object, ...]]) -> None:
    found = [(p.min, p.max, p.currency, p.period, p.annual_min, p.annual_max, p.text, p.basis) for p in extract_pay(text)]
    assert found == expected


def test_pay_offsets_point_into_the_text() -> None:
    text = "Intro.\nSalary: $100,000 - $120,000\nContract: $60/hr\n"
    pays = extract_pay(text)
    assert [(p.start, p.end) for p in pays] == [(15, 34), (45, 51)]
    assert all(text[p.start : p.end] == p.text for p in pays)


def test_pay_comes_in_text_order_with_repeats() -> None:
    text = "NY: $150,000 - $180,000\nCA: $160,000 - $190,000\nNY: $150,000 - $180,000\n"
    assert [(p.min, p.max) for p in extract_pay(text)] == [(150000, 180000), (160000, 190000), (150000, 180000)]


def test_pay_to_dict_keys_in_order() -> None:
    (pay,) = extract_pay("Base pay: $55 - $65 per hour")
    assert pay == Pay(55, 65, "USD", "hour", 114400, 135200, "$55 - $65 per hour", 10, 28, "base")
    assert list(pay.to_dict().items()) == [
        ("min", 55), ("max", 65), ("currency", "USD"), ("period", "hour"), ("annual_min", 114400), ("annual_max", 135200),
        ("text", "$55 - $65 per hour"), ("start", 10), ("end", 28), ("basis", "base"),
    ]


def test_a_range_that_is_not_pay_yields_nothing_from_either_end() -> None:
    text = "The range is $170,000–$300,000 cash, $10,000–$2,000,000 in equity."
    assert [(p.min, p.max) for p in extract_pay(text)] == [(170000, 300000)]


def test_extract_pay_on_empty_text() -> None:
    assert extract_pay("") == ()
