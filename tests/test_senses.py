from __future__ import annotations

import pytest

from analyzer.match import SkillMatcher


def found(matcher: SkillMatcher, text: str) -> list[str]:
    return sorted(hit.id for hit in matcher.match_text(text))


@pytest.mark.parametrize(
    "text",
    [
        "We serve industries like e-commerce, logistics and robotics.",
        "Our clients span fintech, e-commerce, robotics.",
        "We serve industries like ecommerce, logistics and robotics.",
    ],
    ids=["hyphenated-field", "hyphenated-field-last", "unhyphenated-field"],
)
def test_a_hyphenated_field_counts_in_a_list_of_fields(matcher: SkillMatcher, text: str) -> None:
    # "e-commerce" is three tokens; it is read as written, so the list names fields and robotics is one of them.
    assert found(matcher, text) == []


def test_one_field_is_no_list_of_fields(matcher: SkillMatcher) -> None:
    assert found(matcher, "We serve industries like e-commerce and robotics.") == ["robotics"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("This job is not focused on LLMs or ChatGPT; it instead requires NLP.", ["nlp"]),
        ("This job is not focused on LLMs, but requires NLP.", ["nlp"]),
        ("* Web (not required for this role): TypeScript, Node.js\n* Backend: Python", ["python"]),
        ("The work does not involve Kubernetes. Docker is used daily.", ["docker"]),
        ("Docker is a plus, but not required.", ["docker"]),
    ],
    ids=["not-focused-on", "contrast-ends-clause", "not-required-for-this-role", "does-not-involve", "plus-not-required"],
)
def test_skills_after_a_negation_are_not_asked(matcher: SkillMatcher, text: str, expected: list[str]) -> None:
    assert found(matcher, text) == expected
