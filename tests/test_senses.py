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
