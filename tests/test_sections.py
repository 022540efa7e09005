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


def test_eeo_sentence_inside_a_long_line_is_cut_out() -> None:
    text = ("Description We build models with PyTorch and deploy them. " * 20
            + "Zillow is an equal opportunity employer and does not discriminate without regard to national origin. "
            + "Apply with your Python skills.")
    sections = split_sections(text)
    eeo = [s for s in sections if s.kind == "eeo"]
    assert len(eeo) == 1
    assert text[eeo[0].start:eeo[0].end].startswith("Zillow is an equal opportunity employer")
    assert not any(s.boilerplate for s in sections if "Python" in text[s.start:s.end])


@pytest.mark.parametrize(
    "text",
    [
        # Bullets glued by runs of spaces: the statement ends at the next run.
        "Role Build models with PyTorch. " * 20 + "Acme is an Equal Opportunity Employer - Minority / Female / "
        "Disability / Veteran / Gender Identity / Sexual Orientation Basic Qualifications  3+ years of Java or C#  "
        "Experience with Kafka",
        # Requirements that lost their full stops run into the statement.
        "Role Build models with PyTorch. " * 20 + "Requirements Master's degree required "
        + "Experience with Java or C# and Kafka streaming jobs in production environments " * 5
        + "Acme is an equal opportunity employer and hires without regard to national origin or gender identity.",
    ],
    ids=["glued-by-spaces", "run-on-sentence"],
)
def test_eeo_statement_glued_to_requirements_is_cut_alone(text: str) -> None:
    sections = split_sections(text)
    eeo = [text[s.start:s.end] for s in sections if s.kind == "eeo"]
    assert len(eeo) == 1
    assert "Java" not in eeo[0] and "Kafka" not in eeo[0]
    assert "equal opportunity" in eeo[0].lower()


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


def test_sentence_case_heading_and_funding_lines() -> None:
    text = ("About Halyard\nHalyard streams music to 30 million listeners.\nWhat you will do\n* Train ranking models\n"
            "The Mission\nWe build tools for robotics teams.\nThe team\nWe are backed by top investors and founded in 2021.\n"
            "You will work with PyTorch.\n")
    kinds = [(s.kind, s.heading) for s in split_sections(text)]
    assert kinds == [
        ("company", "About Halyard"),
        ("duties", "What you will do"),
        ("company", "The Mission"),
        ("duties", "The team"),
        ("company", "The team"),
        ("duties", "The team"),
    ]


@pytest.mark.parametrize(
    "blurb",
    [
        "Acme is a leading autonomous driving company backed by top investors. We build generative AI tools. ",
        # A slogan first, then the company.
        "Data moves the world. Acme's founders designed a big data warehouse for everyone. It runs on Spark. ",
    ],
    ids=["company-first", "slogan-first"],
)
def test_company_blurb_opening_a_long_line_is_cut_off(blurb: str) -> None:
    # A posting that lost its line breaks: the blurb runs into the duties.
    duties = "In this role you will train ranking models with PyTorch. " + "You will ship models to production. " * 40
    text = blurb + duties
    sections = split_sections(text)
    assert [(s.kind, s.start) for s in sections][:2] == [("company", 0), ("intro", len(blurb))]
    # A long line that opens with the job, not the company, is left whole.
    assert [s.kind for s in split_sections(duties + blurb)] == ["intro"]


@pytest.mark.parametrize(
    ("line", "blurb"),
    [
        ("Acme is a leading robotics company.", True),
        ("Our software lets vehicles see; we solve problems in robotics and deep learning.", True),
        ("Acme's platform powers computer vision for retailers.", True),
        ("Our team trains models with PyTorch; you will join it.", False),
        ("We are looking for an engineer with Python and SQL.", False),
    ],
    ids=["company", "our-software", "possessive-platform", "speaks-to-candidate", "looking-for"],
)
def test_company_lines_before_the_first_heading(line: str, blurb: bool) -> None:
    text = f"{line}\nWhat you will do\n* Train models\n"
    assert split_sections(text)[0].kind == ("company" if blurb else "intro")


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


OPENING = (
    "Acme is a leading document automation company backed by top investors.\n"
    "Speech recognition and computer vision have moved from research labs into everyday products at a pace nobody expected.\n"
    "As a research engineer you will write PyTorch code.\n"
    "Responsibilities\n* Deploy them\n"
)


def test_industry_prose_opening_the_intro_is_blurb(matcher: SkillMatcher) -> None:
    kinds = [(s.kind, OPENING[s.start:s.end].split()[0]) for s in split_sections(OPENING) if OPENING[s.start:s.end].strip()]
    assert kinds[:3] == [("company", "Acme"), ("company", "Speech"), ("intro", "As")]
    assert found(matcher, OPENING) == ["pytorch"]


@pytest.mark.parametrize(
    "second",
    [
        # The team's own work, in the first person: it may be the job's work.
        "Our team applies speech recognition and computer vision to insurance documents for thousands of customers.",
        # Asks for experience: a requirement, not the industry.
        "Experience: six years of industry work as an engineer in speech recognition and computer vision at scale.",
        # Names the position.
        "Acme Labs is hiring a research engineer for speech recognition and computer vision in its Boston office.",
    ],
    ids=["first-person-team", "experience", "names-the-position"],
)
def test_opening_prose_about_the_job_is_kept(matcher: SkillMatcher, second: str) -> None:
    text = OPENING.replace(OPENING.splitlines()[1], second)
    assert found(matcher, text) == ["computer_vision", "nlp", "pytorch"]


def test_opening_prose_without_a_company_line_is_kept(matcher: SkillMatcher) -> None:
    text = OPENING.split("\n", 1)[1]
    assert found(matcher, text) == ["computer_vision", "nlp", "pytorch"]


@pytest.mark.parametrize("heading", ["Job Description", "Overview:", "The Opportunity", "Summary"])
def test_company_lines_under_an_opening_overview_heading(matcher: SkillMatcher, heading: str) -> None:
    text = (f"{heading}\nAcme is the leading machine learning observability platform for data teams.\n"
            "We are searching for an engineer who knows Python and Kubernetes.\nResponsibilities\n* Build Kafka jobs\n")
    assert found(matcher, text) == ["kafka", "kubernetes", "python"]
    # Under a duties heading, or after the duties, the same line is kept.
    assert "monitoring" in found(matcher, text.replace(heading, "What you will do"))
    assert "monitoring" in found(matcher, "Responsibilities\n* Build Kafka jobs\n" + text)


@pytest.mark.parametrize(
    "line",
    [
        "We're looking for a research engineer to build vision systems with PyTorch.",
        "The role will concentrate on deployment with PyTorch and experiment management.",
        " * Tech Stack/Key Tech: PyTorch, Sentry and Jupyter",
    ],
    ids=["looking-for", "the-role-will", "tech-stack"],
)
def test_role_and_stack_lines_inside_about_us_are_kept(matcher: SkillMatcher, line: str) -> None:
    text = f"About Acme\nAcme was founded in 2016 and serves banks with Kafka-based products.\n{line}\nWhat you will do\n* Ship models\n"
    assert found(matcher, text) == ["pytorch"]


@pytest.mark.parametrize("heading", ["Founding team", "Vision", "Business"])
def test_founders_vision_and_business_headings_are_company(matcher: SkillMatcher, heading: str) -> None:
    text = f"Intro line.\n{heading}\nOur founders built speech recognition at a big lab; our product makes LLM chatbots.\nRequirements\n* Python\n"
    assert [s.kind for s in split_sections(text)][1] == "company"
    assert found(matcher, text) == ["python"]
