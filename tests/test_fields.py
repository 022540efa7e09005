"""Tests for analyzer.fields: where a record keeps a posting's fields."""

from __future__ import annotations

import pytest

from analyzer.fields import TEXT_KEYS, TITLE_KEYS, find_field, has_text_column, section_values, value_text


def _upper(text: str) -> str:
    return text.upper()


@pytest.mark.parametrize(
    ("value", "heading", "text"),
    [
        ("Python", "Requirements", "Requirements\nPYTHON"),
        ("Requirements: Python", "Requirements", "REQUIREMENTS: PYTHON"),
        (["Fit models", "* Write SQL"], "Duties", "Duties\n* FIT MODELS\n* WRITE SQL"),
        ([{"text": "Requirements", "content": "Python"}], "", "Requirements\nPYTHON"),
        ({"a": {"title": "Job", "text": "Fit"}, "b": {"title": "Perks", "text": "Tea"}, "c": 3}, "", "Job\nFIT\nPerks\nTEA"),
        ([{"name": "Tasks", "value": "Fit"}], "", "Tasks\nFIT"),
        (42, "Duties", ""),
    ],
    ids=["string", "string-with-its-heading", "list", "lever-lists", "smartrecruiters-sections", "personio", "number"],
)
def test_value_text(value: object, heading: str, text: str) -> None:
    assert value_text(value, _upper, heading) == text


def test_find_field_looks_in_nested_objects_shallowest_first() -> None:
    record = {
        "id": 7,
        "company": {"title": "Not this"},
        "outer": {"inner": {"title": "Deeper"}, "position_title": "ML Engineer"},
    }
    assert find_field(record, None, TITLE_KEYS) == "ML Engineer"
    assert find_field({"meta": {"name": "Data"}}, None, TITLE_KEYS) is None
    assert find_field({"a": {"jobDescription": {"text": "x"}}}, None, TEXT_KEYS, nested_type=str) is None
    assert find_field({"title": None, "b": {"title": "Later"}}, None, TITLE_KEYS) is None  # the record's own null wins


def test_sections_in_page_order_and_never_the_text_column() -> None:
    record = {"benefits": "Tea", "lists": [], "requirements": "Python", "additionalPlain": "Bye", "additional": "<p>Bye</p>"}
    assert section_values(record, None) == [("Requirements", "Python"), ("Additional information", "<p>Bye</p>"), ("Benefits", "Tea")]
    assert section_values(record, "Requirements") == [("Additional information", "<p>Bye</p>"), ("Benefits", "Tea")]


def test_has_text_column() -> None:
    assert has_text_column(["Title", "Job Description"], None)
    assert has_text_column(["title", "qualifications"], None)
    assert not has_text_column(["title", "qualifications"], "body")
    assert not has_text_column(["title", "salary"], None)
