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


def test_glued_heading_with_its_text_opens_a_section(matcher: SkillMatcher) -> None:
    # Text that lost its line breaks: runs of (no-break) spaces separate the lines, and a heading may keep its text.
    text = ("Data Engineer - Payments  Title : Data Engineer\u00a0 Salary:  Competitive + Benefits + 4 weeks off\u00a0 "
            "Responsibilities: Build ETL pipelines with Spark. Qualifications: Python and PyTorch. "
            "What else is offered: free snacks.")
    sections = split_sections(text)
    assert [(s.kind, s.heading) for s in sections if s.kind in ("benefits", "duties")] == [
        ("benefits", "Salary:"), ("duties", "Responsibilities:")]
    assert found(matcher, text) == ["data_pipelines", "etl", "python", "pytorch", "spark"]


def test_glued_about_company_heading_after_the_job_is_company(matcher: SkillMatcher) -> None:
    text = ("Role  Build Python services for our ranking team.  Requirements  Experience with Kafka   "
            "About Acme Acme delivers true personalization at scale with AI.")
    assert [s.kind for s in split_sections(text)][-1] == "company"
    assert found(matcher, text) == ["kafka", "python"]


def test_glued_about_company_heading_opening_the_posting_is_the_intro(matcher: SkillMatcher) -> None:
    # The job follows the blurb in the same run of text: read as the intro, not cut whole as company blurb (only the
    # sentence stating what the company is).
    text = ("About Acme Acme is a leading retail company backed by top investors. "
            + "We are looking for an engineer to build computer vision models in Python. " * 6
            + " Requirements  Experience with Kafka")
    assert [s.kind for s in split_sections(text)][:2] == ["company", "intro"]
    assert text[split_sections(text)[0].end:].lstrip().startswith("We are looking for")
    assert found(matcher, text) == ["computer_vision", "kafka", "python"]


@pytest.mark.parametrize("heading", ["We can offer you:"])
def test_what_we_can_offer_is_boilerplate(matcher: SkillMatcher, heading: str) -> None:
    text = f"Intro line.\nRequirements\n* Python\n{heading}\nAcme builds the Acme Transformers library and trains LLMs on AWS.\n"
    assert split_sections(text)[-1].boilerplate
    assert found(matcher, text) == ["python"]


def test_keywords_list_after_how_to_apply_is_the_job(matcher: SkillMatcher) -> None:
    text = "Intro line.\nRequirements\n* Java\nHOW TO APPLY\nSend your CV.\nKEYWORDS\nMachine Learning | Pytorch | Python | Linux OS\n"
    assert split_sections(text)[-1].kind == "requirements"
    assert found(matcher, text) == ["java", "linux", "machine_learning", "python", "pytorch"]


@pytest.mark.parametrize("line", ["Pay Range $55hr - $62hr", "Salary: $130,000 - $200,000", "Compensation: 150k"])
def test_a_pay_line_opens_no_benefits_section(matcher: SkillMatcher, line: str) -> None:
    # The duties after a pay line without a heading of their own are still the job's.
    text = f"Job Description:\n\n{line}\n * Monitor the enterprise data pipelines.\n * Build Python services.\n"
    assert found(matcher, text) == ["data_pipelines", "monitoring", "python"]


def test_benefits_heading_without_an_amount_still_opens_benefits(matcher: SkillMatcher) -> None:
    text = "Requirements:\n* Python\nCompensation and Benefits\n* Free AWS credits\n"
    assert found(matcher, text) == ["python"]


def test_eeo_statements_and_perks_are_cut_out_of_the_job() -> None:
    from analyzer.model import Section
    from analyzer.sections import _cut_eeo_and_perks

    text = ("You will train models with PyTorch and have the opportunity to grow your skills in GenAI.\n"
            "Acme is an equal opportunity employer; we hire without regard to national origin.\n")
    perk, eeo = text.index("opportunity to grow"), text.index("Acme is")
    assert _cut_eeo_and_perks(text, [Section("duties", "", 0, len(text))]) == [
        Section("duties", "", 0, perk),
        Section("benefits", "", perk, eeo - 2),
        Section("duties", "", eeo - 2, eeo),
        Section("eeo", "", eeo, len(text) - 1),
        Section("duties", "", len(text) - 1, len(text)),
    ]


@pytest.mark.parametrize(
    ("heading", "kind"),
    [("More about Acme", "company"), ("More about us…", "company"), ("More about the role", "duties"),
     ("Our Background", "company"), ("Who are we?", "company"), ("Additional Information", "company"),
     ("Company Highlights:", "company"), ("What is in it for you:", "benefits"), ("Our Stack", "duties"),
     ("What is your current stack?", "duties"), ("What will you be doing?", "duties"),
     ("What are we looking for?", "requirements"), ("WE NEED YOU TO HAVE….", "requirements"),
     ("IT’S NICE TO HAVE...", "preferred")],
)
def test_closing_company_question_and_trailing_off_headings(heading: str, kind: str) -> None:
    sections = split_sections(f"Intro line.\n{heading}\nSome text here.")
    assert (sections[-1].kind, sections[-1].heading) == (kind, heading)


def test_additional_information_and_more_about_the_company_close_the_job(matcher: SkillMatcher) -> None:
    text = ("Preferred Qualifications\n* Experience with Docker\nAdditional Information\n"
            "Acme is a proud supporter of STEM initiatives:\n* FIRST Robotics\n"
            "More about Acme\nWe are actively building the Acme Hub for LLM chatbots.\n")
    assert found(matcher, text) == ["docker"]


def test_question_headings_reopen_the_job_after_who_are_we(matcher: SkillMatcher) -> None:
    # "Who are we?" opens a company section; the question and trailing-off headings after it open the job again.
    text = ("Who are we?\nWe are a leading AI company.\nWhat will you be doing?\n* Build NLP models in PyTorch\n"
            "WE NEED YOU TO HAVE….\n* Solid Python experience\n")
    assert [s.kind for s in split_sections(text)] == ["company", "duties", "requirements"]
    assert found(matcher, text) == ["nlp", "python", "pytorch"]


@pytest.mark.parametrize(
    ("text", "skills"),
    [
        ("Job Title: Gen AI ML Engineer\nLocation: Remote\nRequirements\n* Python\n", ["python"]),
        ("Position: MLOps Lead Engineer\n\nDuration: 6 months\nRequirements\n* Python\n", ["python"]),
        ("Title- GCP ML Engineer [w2 only]\nRequirements\n* Python\n", ["python"]),
        # A label line stating the work, or a title in sentence case, is the job's text.
        ("Role: Build Spark pipelines with data engineers\nRequirements\n* Python\n", ["python", "spark"]),
        ("Position: Machine learning engineer for NLP\nRequirements\n* Python\n", ["machine_learning", "nlp", "python"]),
        # The skill asked for in the body still counts.
        ("Job Title: MLOps Engineer\nRequirements\n* MLOps with MLflow\n", ["mlops"]),
    ],
    ids=["job-title", "position-heading", "title-dash-bracket", "role-stating-work", "sentence-case", "asked-in-body"],
)
def test_header_line_naming_the_job_is_no_skill_asked(matcher: SkillMatcher, text: str, skills: list[str]) -> None:
    assert sorted(h.id for h in matcher.match_text(text, split_sections(text))) == skills


@pytest.mark.parametrize(
    ("line", "heads"),
    [
        ("Train fraud detection models with XGBoost", False),  # "fraud" named a legal heading
        ("Deploy privacy-preserving models with Docker", False),  # "privacy", and two capitals in five words
        ("Design bonus allocation models", False),  # "bonus" named a preferred heading
        ("Building benefits-eligibility classifiers", False),
        ("Fraud Prevention Notice", True),  # capitalised throughout: a heading
        ("Develop:", True),  # a colon makes it one
        ("Legal notice", True),
        ("Pay and benefits", True),
    ],
)
def test_a_duty_line_opening_with_its_verb_heads_no_section(line: str, heads: bool) -> None:
    text = f"Responsibilities\n{line}\n* Ship the service\n"
    assert (split_sections(text)[-1].heading == line) is heads


def test_duties_after_a_line_naming_fraud_keep_their_skills(matcher: SkillMatcher) -> None:
    text = ("Responsibilities\nTrain fraud detection models with XGBoost\nBuild pipelines in Spark\n"
            "Deploy privacy-preserving models with Docker\n\nRequirements\nPython\n")
    assert [s.kind for s in split_sections(text)] == ["duties", "requirements"]
    assert found(matcher, text) == ["docker", "gradient_boosting", "python", "spark"]
