from __future__ import annotations

import pytest

from analyzer.eeo import is_eeo
from analyzer.sections import split_sections


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


def test_eeo_statement_in_a_long_paragraph_is_cut_from_its_sentence_start() -> None:
    # "Acme Vision is an equal opportunity employer": the company's name goes with its statement.
    text = ("Requirements\n* Python\n"
            + "We are working to build a culture that values diversity and inclusion in all we do every day. " * 4
            + "Acme Vision is an equal opportunity employer, and we do not discriminate based on race, color, "
              "religion, national origin, gender, sexual orientation, age, marital status, veteran status, or ability status.\n")
    eeo = [text[s.start:s.end] for s in split_sections(text) if s.kind == "eeo"]
    assert [e.startswith("Acme Vision is an equal opportunity employer") for e in eeo] == [True]


def test_eeo_statement_glued_by_spaces_to_a_short_bonus_line_is_cut_alone() -> None:
    text = ("Role  Build search.  Requirements  Experience with Java   Bonus: Experience with Elasticsearch on AWS.   "
            "We are an equal opportunity employer and a participant in the E-Verify program.")
    eeo = [text[s.start:s.end] for s in split_sections(text) if s.kind == "eeo"]
    assert len(eeo) == 1 and "AWS" not in eeo[0] and "equal opportunity" in eeo[0]


@pytest.mark.parametrize(
    ("paragraph", "eeo"),
    [
        ("We provide reasonable accommodation to applicants.", True),
        ("Acme is an equal opportunity employer; we hire without regard to national origin.", True),
        ("We run a background check.", False),
        ("You will build accommodation search with Python.", False),
    ],
    ids=["one-phrase-and-accommodation", "two-phrases", "one-phrase-alone", "no-phrase"],
)
def test_is_eeo(paragraph: str, eeo: bool) -> None:
    assert is_eeo(paragraph) is eeo
