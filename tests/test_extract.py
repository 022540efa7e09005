from __future__ import annotations

import pytest

from analyzer.extract import SENIORITY_LEVELS, extract_min_years, extract_seniority, requirement_level
from analyzer.sections import split_sections

# --- experience --------------------------------------------------------------------------------------------------------

YEARS_CASES = [
    ("* 5+ years of experience building ML systems", 5),
    ("You have at least 3 years of professional experience.", 3),
    ("3-5 years of experience with Python", 3),
    ("Three years of industry experience required.", 3),
    ("A minimum of 4 years of software engineering experience", 4),
    ("Requirements\n* 2+ yrs exp with AWS\n", 2),
    ("BS + 5 years or MS + 3 years", 3),
    ("5 years with a Bachelor's, or 3 with a Master's", 3),
    ("Required experience:\nMS + 2 years\nBS + 4 years\nNo degree + 8 years\n", 2),
    ("* 6+ years of backend experience\n* 2+ years of experience with Kubernetes\n", 6),
    ("Minimum Qualifications\n* 3+ years of experience\nPreferred Qualifications\n* 7+ years of experience\n", 3),
    ("Experience: 10 to 13 Yrs.", 10),
    ("Twelve (12) years of relevant experience", 12),
    ("We have been building robots for over 20 years. You bring curiosity.", None),
    ("Founded 10 years ago, Acme now employs 300 people.", None),
    ("Applicants must be at least 18 years old.", None),
    ("A 4-year degree in Computer Science", None),
    ("This is a 2-year contract with an option to extend.", None),
    ("Our revenue tripled in the last 2 years.", None),
    ("Paid sabbatical after 5 years of service", None),
    ("No experience needed; we will train you.", None),
]
YEARS_IDS = [
    "plus", "at-least", "range-low-end", "number-word", "minimum-of", "yrs-exp", "degree-alternatives-or",
    "bare-alternative", "degree-alternatives-by-line", "separate-requirements-largest", "preferred-ignored", "experience-label",
    "word-and-digits", "company-age", "founded-ago", "age", "degree-length", "contract-length", "last-n-years", "benefit-duration",
    "none",
]


@pytest.mark.parametrize(("text", "expected"), YEARS_CASES, ids=YEARS_IDS)
def test_extract_min_years(text: str, expected: int | None) -> None:
    assert extract_min_years(text) == expected


# --- seniority ---------------------------------------------------------------------------------------------------------

SENIORITY_CASES = [
    ("Machine Learning Engineer Intern", "", "intern"),
    ("Software Engineer Co-op, ML", "", "intern"),
    ("Junior Data Scientist", "", "junior"),
    ("Jr. ML Engineer", "", "junior"),
    ("Associate Machine Learning Engineer", "", "junior"),
    ("Software Engineer, New Grad 2025", "", "junior"),
    ("Machine Learning Engineer I", "", "junior"),
    ("Machine Learning Engineer II", "", "mid"),
    ("Machine Learning Engineer III", "", "senior"),
    ("Machine Learning Engineer IV", "", "staff"),
    ("Mid-Level AI Engineer", "", "mid"),
    ("Sr. AI Engineer", "", "senior"),
    ("Senior Staff ML Engineer", "", "staff"),
    ("Principal Applied Scientist", "", "principal"),
    ("Distinguished Engineer, AI", "", "principal"),
    ("Tech Lead, ML Platform", "", "lead"),
    ("Head of Machine Learning", "", "lead"),
    ("Engineering Manager, ML", "", "manager"),
    ("Director of AI", "", "manager"),
    ("VP, Machine Learning", "", "manager"),
    ("Senior Product Manager, AI", "", "senior"),
    ("Machine Learning Engineer", "Seniority level: Entry level", "junior"),
    ("Machine Learning Engineer", "Seniority level\n * Mid-Senior level\n* 6+ years of experience", "senior"),
    ("Machine Learning Engineer", "We are looking for a Senior ML Engineer to own our ranking stack.", "senior"),
    ("AI Engineer", "This is an entry-level role for curious builders.", "junior"),
    ("AI Engineer", "This position is ideal for a new graduate.", "junior"),
    ("AI Engineer", "You will mentor junior engineers.\n* 1+ years of experience with Python", "junior"),
    ("AI Engineer", "* 3+ years of experience with PyTorch", "mid"),
    ("AI Engineer", "* 6+ years of experience with PyTorch", "senior"),
    ("AI Engineer", "* 9+ years of experience with PyTorch", "staff"),
    (None, "Build agents with LangChain.", None),
]
SENIORITY_IDS = [
    "intern", "co-op", "junior", "jr", "associate", "new-grad", "roman-i", "roman-ii", "roman-iii", "roman-iv", "mid-level",
    "sr", "senior-staff-is-staff", "principal", "distinguished", "tech-lead", "head-of", "manager", "director", "vp",
    "product-manager-is-a-role", "explicit-entry", "explicit-mid-senior-by-years", "text-looking-for-senior",
    "text-entry-level", "text-new-graduate", "years-0-1", "years-2-4", "years-5-7", "years-8-plus", "nothing",
]


@pytest.mark.parametrize(("title", "text", "expected"), SENIORITY_CASES, ids=SENIORITY_IDS)
def test_extract_seniority(title: str | None, text: str, expected: str | None) -> None:
    level = extract_seniority(title, text)
    assert level == expected
    assert level is None or level in SENIORITY_LEVELS


def test_title_decides_before_text() -> None:
    assert extract_seniority("Staff ML Engineer", "We are looking for a junior engineer.\n* 1+ years of experience") == "staff"


# --- requirement level -------------------------------------------------------------------------------------------------

POSTING = """Acme builds assistants.

Responsibilities:
* Build RAG services with LangChain
* Deploy models on Kubernetes

Requirements
* Python and SQL
* Familiarity with Terraform is helpful
* Docker is a must

Nice to have:
* Kafka
* Spark (required for the data team)

Benefits
* Free AWS training
"""
LEVEL_CASES = [
    ("LangChain", "unspecified"),
    ("Kubernetes", "unspecified"),
    ("Python", "required"),
    ("SQL", "required"),
    ("Terraform", "preferred"),
    ("Docker", "required"),
    ("Kafka", "preferred"),
    ("Spark", "required"),
    ("AWS", "unspecified"),
]


@pytest.mark.parametrize(("skill", "expected"), LEVEL_CASES, ids=[skill.lower() for skill, _ in LEVEL_CASES])
def test_requirement_level_in_a_posting(skill: str, expected: str) -> None:
    start = POSTING.index(skill)
    assert requirement_level(POSTING, start, start + len(skill), split_sections(POSTING)) == expected


SENTENCE_CASES = [
    ("Experience with Rust is a plus.", "Rust", "preferred"),
    ("Bonus points for CUDA experience.", "CUDA", "preferred"),
    ("Ideally you know Go.", "Go", "preferred"),
    ("Knowledge of Scala is desirable.", "Scala", "preferred"),
    ("React is nice to have.", "React", "preferred"),
    ("Java is not required.", "Java", "preferred"),
    ("Must have: PyTorch.", "PyTorch", "required"),
    ("Minimum of two years with Airflow.", "Airflow", "required"),
    ("Python required, Go preferred.", "Python", "required"),
    ("Python required, Go preferred.", "Go", "preferred"),
    ("You will ship features with Flask. Experience with Django is a plus.", "Flask", "unspecified"),
    ("Frameworks (e.g. PyTorch, JAX) are a plus.", "JAX", "preferred"),
]


@pytest.mark.parametrize(("text", "skill", "expected"), SENTENCE_CASES,
                         ids=["a-plus", "bonus-points", "ideally", "desirable", "nice-to-have", "not-required", "must-have",
                              "minimum", "nearest-cue-required", "nearest-cue-preferred", "other-sentence", "eg-not-a-stop"])
def test_requirement_level_sentence_cues(text: str, skill: str, expected: str) -> None:
    start = text.index(skill)
    assert requirement_level(text, start, start + len(skill), split_sections(text)) == expected
