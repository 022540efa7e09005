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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Work with internal teams (e.g., ML platform, ML serving, and MLOps teams) on our codebase.", ["machine_learning"]),
        ("Partner with the NLP, computer vision and search teams.", []),
        ("Join a group that includes big data, API, and full stack development teams.", ["user_interfaces"]),
        ("Apply NLP for the search and ads teams.", ["nlp"]),
        ("Use Docker, Kubernetes, and Terraform to support teams.", ["docker", "kubernetes", "terraform"]),
        ("Experience in NLP, vision etc. Teams are small.", ["nlp"]),
    ],
    ids=["teams-in-parentheses", "specialty-teams", "big-data-teams", "phrase-before-teams", "tools-for-teams", "teams-in-next-sentence"],
)
def test_items_of_a_list_of_teams_are_teams(matcher: SkillMatcher, text: str, expected: list[str]) -> None:
    assert found(matcher, text) == expected


def test_a_list_of_people_and_teams_is_left_to_the_people_rules(matcher: SkillMatcher) -> None:
    text = "Work with product managers, UX/UI designers, and client success teams."
    assert found(matcher, text) == ["user_interfaces"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Candidates need not have worked on robotics applications.", []),
        ("You don't need experience with Kubernetes.", []),
        ("You dont need experience with Kubernetes.", []),
        ("Python required. Note: Dont submit Tableau or ETL developer profiles.", ["python"]),
        ("Please do not send Java profiles; we need Scala.", ["scala"]),
        ("As a member of our Feature Engineering team, you will build Python services.", ["python"]),
    ],
    ids=["need-not", "do-not-need", "dont-need-no-apostrophe", "dont-submit-profiles", "do-not-send-profiles", "practice-team-name"],
)
def test_more_negations_and_practice_teams(matcher: SkillMatcher, text: str, expected: list[str]) -> None:
    assert found(matcher, text) == expected
