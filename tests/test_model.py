from __future__ import annotations

import pytest

from analyzer.model import Analysis, Pay, Posting, Section, parse_label


def test_section_cut_out_covers_the_section_in_order() -> None:
    section = Section("intro", "Overview", 10, 50)
    assert section.cut_out([(10, 20), (30, 40)], "company") == [
        Section("company", "Overview", 10, 20),
        Section("intro", "Overview", 20, 30),
        Section("company", "Overview", 30, 40),
        Section("intro", "Overview", 40, 50),
    ]
    assert section.cut_out([], "eeo") == [section]
    assert not section.boilerplate and section.cut_out([(20, 30)], "eeo")[1].boilerplate


@pytest.mark.parametrize(
    ("written", "label"),
    [("ai", "ai"), (" ML ", "ml"), ("ML Engineer", "ml"), ("Machine Learning Engineer", "ml"), ("artificial-intelligence", "ai"),
     ("Hybrid", "hybrid"), ("", None), (None, None), ("data", "data")],
)
def test_parse_label_reads_labels_as_people_write_them(written: object, label: str | None) -> None:
    assert parse_label(written) == label


def _analysis(**facts: object) -> Analysis:
    posting = Posting("id", "src", "text")
    return Analysis(posting, (), "ai", 0.5, {"ai": 1.0, "ml": 0.0}, (), **facts)  # type: ignore[arg-type]


def _pay(text: str) -> Pay:
    return Pay(150000.0, 180000.0, "USD", "year", 150000.0, 180000.0, text, 0, len(text), "base")


@pytest.mark.parametrize(
    ("facts", "level", "pay"),
    [
        ({}, None, None),
        ({"seniority": "senior"}, "senior", None),
        ({"min_years": 0}, "at least 0 years asked", None),
        (
            {"seniority": "mid", "min_years": 3, "pay": (_pay("$150,000 -\n $180,000"), _pay("$150,000 - $180,000"), _pay("$90/hr"))},
            "mid, at least 3 years asked",
            "$150,000 - $180,000; $90/hr",
        ),
    ],
    ids=["nothing", "seniority", "zero-years", "both-and-pay-once"],
)
def test_level_and_pay_text(facts: dict[str, object], level: str | None, pay: str | None) -> None:
    analysis = _analysis(**facts)
    assert (analysis.level_text(), analysis.pay_text()) == (level, pay)
