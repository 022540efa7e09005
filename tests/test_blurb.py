from __future__ import annotations

import pytest

from analyzer.match import SkillMatcher
from analyzer.sections import split_sections


def found(matcher: SkillMatcher, text: str) -> list[str]:
    return sorted(hit.id for hit in matcher.match_text(text, split_sections(text)))


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
    # A long line that opens with the job, not the company, is left whole (but for the words describing a company,
    # "a leading autonomous driving company").
    first = split_sections(duties + blurb)[0]
    assert first.kind == "intro"
    assert first.end > len(duties)


@pytest.mark.parametrize(
    "title",
    ["Senior ML Engineer  About Acme ", "Senior ML Engineer\nAbout Acme ", "Senior ML Engineer\nRemote\n"],
    ids=["glued-title", "title-line", "title-and-location-lines"],
)
def test_company_blurb_of_a_long_line_after_the_title_is_cut_off(matcher: SkillMatcher, title: str) -> None:
    # The long line's blurb is cut even when a title (and an "About Acme" heading) comes before it.
    text = (title + "Acme is a leading AI platform built on Kubernetes, Spark and LLMs. We are backed by top investors. "
            "In this role you will train ranking models with PyTorch. " + "You will ship models to production. " * 40)
    assert [s.kind for s in split_sections(text)][-2:] == ["company", "intro"]
    assert found(matcher, text) == ["machine_learning", "production_deployment", "pytorch", "recommender_systems"]


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


def test_split_blurb_cuts_company_lines_out_of_the_sections_it_is_given() -> None:
    from analyzer.blurb import split_blurb
    from analyzer.model import Section

    text = "Acme is a leading robotics company.\nYou will train models.\nAbout Acme\nThe role will focus on vision.\n"
    heading_at = text.index("About Acme")
    sections = [Section("intro", "", 0, heading_at), Section("company", "About Acme", heading_at, len(text))]
    role_at = text.index("The role")
    assert split_blurb(text, sections) == [
        Section("company", "", 0, text.index("\n")),
        Section("intro", "", text.index("\n"), heading_at),
        Section("company", "About Acme", heading_at, role_at),
        Section("duties", "About Acme", role_at, len(text) - 1),
        Section("company", "About Acme", len(text) - 1, len(text)),
    ]


@pytest.mark.parametrize(
    ("text", "skills"),
    [
        ("What you will do\n* Build Python services.\n* You will have the opportunity to grow your skill set and take "
         "part in projects at the forefront of GenAI and computer vision.\n", ["python"]),
        ("This is a great opportunity to innovate while working at the cutting edge of IoT, big data and generative AI. "
         "You will build Python services.\n", ["python"]),
        ("About the role\nYou will work with engineers who have been instrumental in building Amazon AWS and Microsoft "
         "Azure. You will build Python services.\n", ["python"]),
        ("The team\nOur team is made of veterans that have built deep learning infrastructure and autonomous drones.\n"
         "Requirements\n* Python\n", ["python"]),
    ],
    ids=["grow-your-skills", "cutting-edge-list", "colleagues-built", "veterans-built"],
)
def test_perks_and_colleagues_track_records_are_not_the_job(matcher: SkillMatcher, text: str, skills: list[str]) -> None:
    assert sorted(h.id for h in matcher.match_text(text, split_sections(text))) == skills


def test_opportunity_clause_keeps_what_the_sentence_says_before_it(matcher: SkillMatcher) -> None:
    # The job's own work before the hype phrase still counts; the work itself "at the forefront of" too.
    text = ("Role\nYou will improve Metaflow and have the opportunity to work with researchers on the cutting edge of NLP.\n"
            "You will be at the forefront of computer vision research.\n")
    assert sorted(h.id for h in matcher.match_text(text, split_sections(text))) == ["computer_vision", "mlops"]


def test_product_description_opening_the_posting_is_blurb(matcher: SkillMatcher) -> None:
    # "X is the world's first ..." describes the product: the prose after it, before the text turns to the
    # candidate, is its blurb (the frameworks the product supports are not the job's skills).
    text = ("Description\nAcme Studio is the world's first notebook environment tailored for analysts. "
            "All data science activities including notebooks, experiment tracking and debugging can be done within the studio. "
            "While trying different settings on their notebooks, users can launch a leaderboard to sort all of their runs. "
            "Acme Studio supports many popular frameworks for deep learning such as TensorFlow and PyTorch, and more. "
            "We are looking for engineers to build its editor in Java.\nRequirements\n* Python\n")
    assert found(matcher, text) == ["java", "python"]


@pytest.mark.parametrize(
    ("text", "skills"),
    [
        # A typographic apostrophe ("We’re") opens a company line as the plain one does.
        ("We\u2019re on a mission to make generative AI useful for every business.\n\n"
         "As an engineer you will build Python services.\n", ["python"]),
        # Marketing copy speaks to the customer's users, not to the candidate.
        ("Acme invented compact models for AI agents. Our product lets developers build assistants for your users. "
         "Learn more at acme.example.\n\nResponsibilities:\n* Build Python services.\n", ["python"]),
    ],
    ids=["curly-apostrophe", "your-users"],
)
def test_company_lines_in_the_opening_are_blurb(matcher: SkillMatcher, text: str, skills: list[str]) -> None:
    assert found(matcher, text) == skills


def test_looking_for_ways_is_no_candidate_line(matcher: SkillMatcher) -> None:
    # "always looking for ways to ..." says what the company does, not whom it hires.
    text = ("At Acme our goal is to entertain the world. We rent our servers from AWS, as we are one of its biggest "
            "customers, and we are always looking for ways to use them better.\n\n"
            "In this role you will build Python services.\n")
    assert found(matcher, text) == ["python"]


def test_short_fact_lines_do_not_end_the_opening_blurb(matcher: SkillMatcher) -> None:
    # A work-authorization line before the industry prose is no sentence about the work.
    text = ("ML Engineer | Series B AI startup backed by top investors\n\nFull time - Must have authorization to work in US\n\n"
            "In an era where AI shapes everything from lending to content personalization and science, few markets look "
            "at what models actually do under the hood.\n\nResponsibilities\n* Build Python services\n")
    assert found(matcher, text) == ["python"]


def test_exposure_a_role_provides_is_a_perk_but_exposure_asked_for_is_not(matcher: SkillMatcher) -> None:
    text = ("You will build Python services. This role will provide exposure to vector search, NLP and reinforcement "
            "learning.\nRequirements\n* Exposure to Docker\n")
    assert found(matcher, text) == ["docker", "python"]


@pytest.mark.parametrize(
    ("text", "skills"),
    [
        # The partnership sentence describes the client; the next sentence speaks of the role.
        ("Acme Search are partnered with a fintech startup who are using generative AI to transform payments. "
         "They are looking for an ML Engineer.\n\nResponsibilities\n* Build Python services\n", ["python"]),
        # Third-person sentences about the client in the same line are blurb; sentences to the candidate stay.
        ("Acme Search are partnered with a startup who are currently seeking an ML Engineer. The company's purpose "
         "is to map the Earth. Their database includes satellite imagery and 3D scans. In this role you will "
         "build NLP models.\n", ["nlp"]),
        ("Partnering with an exceptional team, who are building an observability platform. Which is designed to "
         "help ML teams.\n\nRequirements\n* Python\n", ["python"]),
        # Working in partnership with a team is a duty, not a recruiter's introduction.
        ("You will deploy models with Docker in partnership with our data team. They use Kafka.\n",
         ["docker", "kafka"]),
    ],
    ids=["partnership-sentence", "client-sentences", "partnering-with", "in-partnership-is-a-duty"],
)
def test_recruiter_lines_about_the_client_are_blurb(matcher: SkillMatcher, text: str, skills: list[str]) -> None:
    assert [s for s in found(matcher, text) if s in {"python", "nlp", "docker", "kafka", "generative_ai",
                                                     "computer_vision", "monitoring"}] == skills


def test_colleagues_open_source_committers_are_a_track_record(matcher: SkillMatcher) -> None:
    # What colleagues contribute to is no skill asked of the candidate; the next sentence is the job.
    text = ("The team works with the open source community and has many open source committers (TensorFlow, Ray, vLLM "
            "etc.) in the team. You will build Python services.\n\nRequirements\n* Contributor to open-source projects, "
            "ideally PyTorch\n")
    assert [s for s in found(matcher, text) if s in {"tensorflow", "ray", "model_serving", "python", "pytorch"}] == [
        "python", "pytorch"]


@pytest.mark.parametrize(
    ("text", "skills"),
    [
        # A paragraph opening with the team's work is blurb up to the sentence that speaks to the candidate.
        ("Our group is responsible for developing solutions in anomaly detection and natural language processing. "
         "We are building real-time multi-agent systems. As part of this group, you will build Python services.\n",
         ["python"]),
        ("About The Role\nThe Behavior ML team is responsible for building core infrastructure. This includes feature "
         "pipelines and reinforcement learning infrastructure.\nIn this role, you will write Python.\n", ["python"]),
        # A team sentence further into a paragraph, and bullets, are the job's own text.
        ("About The Role\nYou will join the Search team. Our team builds NLP models with PyTorch.\n", ["nlp", "pytorch"]),
        ("Responsibilities\n* Our team uses Kafka and Spark daily\n", ["kafka", "spark"]),
        # The tools a team uses are the stack the hire works with.
        ("About The Role\nOur team uses Kafka and Spark for streaming. You will write Python.\n", ["kafka", "python", "spark"]),
        # A team committed to, or building, a field; a long team name; a team paragraph under a requirements heading.
        ("The Acme Payments Machine Learning team is committed to developing NLP models for fraud. You will write "
         "Python.\n", ["python"]),
        ("About us\nWe sell shoes.\nThe Role\nThe Search & Ads Ranking Platform team is building reinforcement "
         "learning systems. You will write Python.\n", ["python"]),
        ("Who you are:\n* Curious\n\nThe Growth ML team is responsible for building NLP models. In this role you will "
         "write Python.\n", ["python"]),
        # Text that lost its line breaks: the team paragraph follows its heading on the same line.
        ("Summary   The Discovery team is building NLP systems for search. In this role you will write Python. "
         "Requirements   Kafka\n", ["kafka", "python"]),
    ],
    ids=["team-paragraph", "team-under-role-heading", "team-sentence-inside-paragraph", "bullet", "team-stack",
         "team-committed-to", "long-team-name-is-building", "team-under-requirements-heading", "glued-heading"],
)
def test_paragraph_about_a_teams_work_is_blurb(matcher: SkillMatcher, text: str, skills: list[str]) -> None:
    scope = {"python", "nlp", "ai_agents", "feature_engineering", "reinforcement_learning", "pytorch", "kafka", "spark"}
    assert [s for s in found(matcher, text) if s in scope] == skills


@pytest.mark.parametrize(
    ("text", "skills"),
    [
        ("Acme is a new generative AI startup looking for a Backend Engineer to join the team. You will build "
         "Python services.\n", ["python"]),
        ("Requirements\n* Work experience in a robotics company\n* Python\n", ["python"]),
        ("Requirements\n* A fast-growing, computer vision scale-up hires you to write Python\n", ["python"]),
        ("Requirements\n* Experience in an NLP role at a startup\n", ["nlp"]),
        ("Requirements\n* A firm understanding of computer vision\n", ["computer_vision"]),
    ],
    ids=["startup-looking-for", "industry-experience", "scale-up", "role-at-a-startup", "firm-understanding"],
)
def test_words_describing_a_company_are_not_the_job(matcher: SkillMatcher, text: str, skills: list[str]) -> None:
    assert found(matcher, text) == skills


@pytest.mark.parametrize(
    ("text", "skills"),
    [
        ("Join us\nAt Acme, we're on a mission to move inference onto edge devices. You will write Python.\n", ["python"]),
        ("The role\nOur mission is to bring computer vision to farms. You will write Python.\n", ["python"]),
        # The job's contribution to the mission is the job's own text.
        ("The role\nYour work will directly contribute to our mission of scaling computer vision.\n", ["computer_vision"]),
        ("We train and place consultants in the following roles:\nJava Developer\nGen AI\nPython Developer\n"
         "Requirements\n* SQL\n", ["sql"]),
    ],
    ids=["on-a-mission", "mission-is", "your-work-mission", "roles-list"],
)
def test_mission_statements_and_lists_of_placed_roles_are_company_text(
    matcher: SkillMatcher, text: str, skills: list[str]
) -> None:
    assert [s for s in found(matcher, text) if s not in ("software_engineering", "machine_learning")] == skills


@pytest.mark.parametrize(
    ("text", "skills"),
    [
        # The sentence stating what the product is, not only the prose after it, is blurb in the opening.
        ("Description\nAcme Vision is the world's first computer vision platform for farms and the growers who run them. Growers use it every day to "
         "count their crops and their sheep. We are looking for engineers to build its editor in Java.\n", ["java"]),
        # A paragraph (here under a team heading) opening with such a sentence is blurb up to where it speaks to the
        # candidate.
        ("Key responsibilities\n* Write Python.\n\nAbout The Team\nAcme Lens is the world's leading platform for "
         "computer vision on drones. Lens Studio is our editor for labelling, model drift detection and debugging. "
         "We are looking for engineers to build its next version.\n", ["python"]),
        # Further into a paragraph, or after the candidate is addressed, it is the job's own text.
        ("Key responsibilities\n* Write Python.\n\nAbout The Team\nYou will build Acme Lens for our customers. Acme "
         "Lens is the world's leading platform for computer vision on drones.\n", ["computer_vision", "python"]),
    ],
    ids=["product-sentence-in-opening", "product-paragraph-under-team-heading", "product-sentence-inside-paragraph"],
)
def test_paragraph_opening_with_what_a_product_is_is_blurb(
    matcher: SkillMatcher, text: str, skills: list[str]
) -> None:
    assert [s for s in found(matcher, text) if s in {"java", "python", "computer_vision", "monitoring"}] == skills


@pytest.mark.parametrize(
    ("text", "skills"),
    [
        ("The Opportunity\nYou will work in an organization that brings together talent from diverse backgrounds "
         "including software engineering, big data and robotics. You will write Python.\n", ["python"]),
        ("The team\nWe are people with different backgrounds, such as NLP and computer vision.\nRequirements\n"
         "* Python\n", ["python"]),
        # Colleagues from other teams, and backgrounds asked of the candidate, are the job's own text.
        ("Responsibilities\n* Work with engineers from different teams to build Spark pipelines\n", ["spark"]),
        ("Requirements\n* A background in big data\n", ["hadoop"]),
    ],
    ids=["talent-from-diverse-backgrounds", "people-with-different-backgrounds", "engineers-from-teams",
         "candidate-background"],
)
def test_colleagues_backgrounds_are_not_the_job(matcher: SkillMatcher, text: str, skills: list[str]) -> None:
    assert [s for s in found(matcher, text) if s in {"python", "hadoop", "robotics", "nlp", "computer_vision", "spark"}] == skills


@pytest.mark.parametrize(
    ("text", "skills"),
    [
        ("You will join a team of scientists and engineers specializing in deep learning and NLP on rich data. "
         "You will build Python services.\n", ["python"]),
        ("You will work with a team of experts in computer vision. You will ship Python services.\n", ["python"]),
        ("Responsibilities\n* Partner with a group of researchers who specialise in reinforcement learning\n"
         "* Deploy models with Docker\n", ["docker"]),
        # The candidate's own specialty, and a team that merely exists, are the job's text.
        ("Requirements\n* A team player specializing in NLP\n* Lead a team of 5 engineers building PyTorch models\n",
         ["nlp", "pytorch"]),
    ],
    ids=["team-specializing", "team-of-experts", "group-who-specialise", "candidate-specialty"],
)
def test_what_colleagues_specialize_in_is_not_the_job(matcher: SkillMatcher, text: str, skills: list[str]) -> None:
    assert [s for s in found(matcher, text) if s in {"python", "deep_learning", "nlp", "computer_vision", "docker",
                                                     "reinforcement_learning", "pytorch"}] == skills


@pytest.mark.parametrize(
    ("text", "skills"),
    [
        # What the company has built, in the opening, is its product ("we've developed" as "we have").
        ("At Acme, our mission is to read documents for insurers.\n\nWe\u2019ve developed AcmeGPT, a system using "
         "language models fine-tuned for insurance and enhanced with RAG.\n\nResponsibilities:\n* Build Python services\n",
         ["python"]),
        # A team sentence may open with a short clause before the team.
        ("About The Team\nAs a key part of Acme, our team was established to build a platform for creators. We do "
         "world-class work in computer vision and NLP. Come and join us, you will write Python.\n", ["python"]),
        # "Knowledge" in a name or a field does not speak to the candidate; the candidate's knowledge does.
        ("About The Team\nThe Search & Knowledge team is building NLP systems for knowledge graphs. You will write "
         "Python.\n", ["python"]),
        ("About The Team\nOur team is responsible for search. Strong knowledge of NLP is a must. You will write "
         "Python.\n", ["nlp", "python"]),
    ],
    ids=["weve-developed", "clause-before-team", "knowledge-in-a-name", "knowledge-of-candidate"],
)
def test_company_products_and_team_work_are_blurb(matcher: SkillMatcher, text: str, skills: list[str]) -> None:
    assert [s for s in found(matcher, text) if s in {"python", "nlp", "computer_vision", "fine_tuning", "rag", "llm"}] == skills


@pytest.mark.parametrize(
    ("text", "skills"),
    [
        # A duties paragraph naming the company's backers keeps its duties; only the funding sentence is cut.
        ("Responsibilities\nDevelop deep learning modules for speech recognition. Support other teams. Backed by top "
         "research institutes using Kafka, digest their research.\nRequirements\n* Python\n",
         ["deep_learning", "nlp", "python"]),
        # A paragraph about the company is blurb whole, wherever the funding sentence stands.
        ("Responsibilities\n* Write Python\nMore\nAcme was founded in 2019 by researchers. We build NLP tools "
         "for lawyers.\n", ["python"]),
        ("Responsibilities\n* Write Python\nMore\nWe build NLP tools for lawyers. We are backed by top investors.\n",
         ["python"]),
    ],
    ids=["duties-with-backers", "company-paragraph-funding-first", "company-paragraph-funding-later"],
)
def test_funding_sentence_in_a_duties_paragraph(matcher: SkillMatcher, text: str, skills: list[str]) -> None:
    assert [s for s in found(matcher, text) if s in {"python", "nlp", "deep_learning", "kafka"}] == skills
