from __future__ import annotations

from itertools import pairwise

import pytest

from analyzer.match import SkillMatcher
from analyzer.sections import split_sections


def found(matcher: SkillMatcher, text: str) -> list[str]:
    return sorted(hit.id for hit in matcher.match_text(text, split_sections(text)))

POSTING = """Acme is a leading robotics platform backed by top investors.
As an AI Engineer you will build assistants.

Responsibilities:
* Build RAG services

Requirements
* Python

Nice to have:
* Kafka

Benefits
* Free AWS training

Acme is an equal opportunity employer and does not discriminate on the basis of race, sexual orientation or gender identity.
"""


def test_sections_cover_the_text_in_order() -> None:
    sections = split_sections(POSTING)
    assert sections[0].start == 0
    assert sections[-1].end == len(POSTING)
    assert all(a.end == b.start for a, b in pairwise(sections))


def test_section_kinds() -> None:
    kinds = [(s.kind, s.heading) for s in split_sections(POSTING)]
    assert kinds == [
        ("company", ""),
        ("intro", ""),
        ("duties", "Responsibilities:"),
        ("requirements", "Requirements"),
        ("preferred", "Nice to have:"),
        ("benefits", "Benefits"),
    ]


def test_boilerplate_flags() -> None:
    flags = {s.kind: s.boilerplate for s in split_sections(POSTING)}
    assert flags == {"company": True, "intro": False, "duties": False, "requirements": False, "preferred": False,
                     "benefits": True}


@pytest.mark.parametrize(
    ("heading", "kind"),
    [("About Us", "company"), ("About You", "requirements"), ("About the role", "duties"), ("What you'll do", "duties"),
     ("Preferred Qualifications:", "preferred"), ("Minimum Qualifications", "requirements"), ("PERKS", "benefits"),
     ("Our Commitment to Diversity and Inclusion", "eeo"), ("Company Description", "company"), ("California Pay Range:", "benefits"),
     ("Department Overview", "company"), ("Division overview", "company"), ("What's Your Challenge", "duties"),
     ("The Company You’ll Join", "company")],
)
def test_heading_kinds(heading: str, kind: str) -> None:
    sections = split_sections(f"Intro line.\n{heading}\nSome text here.")
    assert sections[-1].kind == kind
    assert sections[-1].heading == heading


def test_content_units_skip_boilerplate_and_cut_long_lines() -> None:
    from analyzer.sections import content_units

    units = content_units(POSTING, split_sections(POSTING))
    texts = [(kind, POSTING[start:end]) for kind, start, end in units]
    assert texts == [
        ("intro", "As an AI Engineer you will build assistants."),
        ("duties", "Responsibilities:"),
        ("duties", "* Build RAG services"),
        ("requirements", "Requirements"),
        ("requirements", "* Python"),
        ("preferred", "Nice to have:"),
        ("preferred", "* Kafka"),
    ]
    long_line = "Train ranking models. " * 30 + "Deploy them."
    kinds = {(kind, long_line[s:e]) for kind, s, e in content_units(long_line, split_sections(long_line))}
    assert kinds == {("intro", "Train ranking models."), ("intro", "Deploy them.")}


@pytest.mark.parametrize(
    ("heading", "kind"),
    [("A Day in the Life at Acme", "duties"), ("A day in the life", "duties"), ("Life at Acme", "benefits")],
)
def test_a_day_in_the_life_is_the_job_not_its_perks(heading: str, kind: str) -> None:
    sections = split_sections(f"Intro line.\n{heading}\n* Build agents with LangChain and Pinecone\n")
    assert sections[-1].kind == kind


@pytest.mark.parametrize("heading", ["Founding team", "Vision", "Business"])
def test_founders_vision_and_business_headings_are_company(matcher: SkillMatcher, heading: str) -> None:
    text = f"Intro line.\n{heading}\nOur founders built speech recognition at a big lab; our product makes LLM chatbots.\nRequirements\n* Python\n"
    assert [s.kind for s in split_sections(text)][1] == "company"
    assert found(matcher, text) == ["python"]
