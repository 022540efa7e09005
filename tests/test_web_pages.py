from __future__ import annotations

import re

import pytest

from analyzer.model import Analysis, Mention, Posting, SkillHit
from analyzer.taxonomy import Alias, Skill, Taxonomy
from analyzer.web_pages import render_form_page, render_refused_page, render_result_page, size_text, skill_lean

HOSTILE = "<script>alert(\"x\")</script> & 'q'"
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;q&#x27;"


def make_skill(skill_id: str, name: str, category: str, weight_ai: float, weight_ml: float, *, implies: tuple[str, ...] = (),
               alias_implies: tuple[str, ...] = ()) -> Skill:  # fmt: skip
    return Skill(
        skill_id, name, category, "test", weight_ai, weight_ml, "", (Alias(name.lower(), implies=alias_implies),), implies
    )


TAXONOMY = Taxonomy(
    name="tiny <b>",
    version="1.0",
    description="",
    path="",
    categories={"llm": "LLMs & agents", "ml": "Classic ML"},
    skills=(
        make_skill("llm", "LLMs", "llm", 1.0, 0.2),
        make_skill("llm_frameworks", "LangChain", "llm", 0.8, 0.1, alias_implies=("llm",)),
        make_skill("pytorch", "PyTorch", "ml", 0.3, 0.9),
        make_skill("python", "Python", "ml", 0.5, 0.5),
    ),
    cues=(),
    titles=(),
)


def hit(skill_id: str, *spans: tuple[int, int]) -> SkillHit:
    skill = TAXONOMY.skill(skill_id)
    return SkillHit(skill_id, skill.name, skill.category, tuple(Mention("", s, e) for s, e in spans))


def analysis(text: str, skills: tuple[SkillHit, ...] = (), *, title: str | None = None, source: str = "<pasted>") -> Analysis:
    posting = Posting("id", source, text, title)
    return Analysis(posting, skills, "ai", 0.8125, {"ai": 2.5, "ml": 0.25}, ("AI cue <LLM> & more",))


def listing(page: str) -> str:
    found = re.search(r'<div class="listing" id="listing">(.*?)</div>', page, flags=re.S)
    assert found is not None
    return found.group(1)


@pytest.mark.parametrize(
    ("skill_id", "lean"),
    [("llm", "ai"), ("pytorch", "ml"), ("python", "both"), ("unknown", "both")],
    ids=["ai", "ml", "equal-weights", "not-in-taxonomy"],
)
def test_skill_lean(skill_id: str, lean: str) -> None:
    assert skill_lean(TAXONOMY, skill_id) == lean


def test_refused_page_escapes_the_detail() -> None:
    page = render_refused_page(HOSTILE)
    assert f'<body><main><p class="error">{ESCAPED}</p><p><a href="./">Back to the form</a></p></main></body></html>\n' in page
    assert page.startswith('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">')
    assert "<title>Request refused</title>" in page


def test_form_page_shows_the_submission_again_escaped() -> None:
    page = render_form_page(TAXONOMY, 2 * 1024 * 1024, text=HOSTILE, title='"><script>', error=HOSTILE)
    assert f'<p class="error" role="alert">{ESCAPED}</p>' in page
    assert '<input id="title" name="title" type="text" maxlength="300" value="&quot;&gt;&lt;script&gt;">' in page
    assert f'Markdown or HTML">{ESCAPED}</textarea>' in page
    assert "<script>" not in page
    assert "(.txt, .md, .markdown, .html, .htm, .pdf, .docx; up to 2 MB;" in page
    assert (
        '<footer>skill-analyzer · taxonomy tiny &lt;b&gt; 1.0 (4 skills) · <a href="docs">API documentation</a></footer>' in page
    )


@pytest.mark.parametrize(("max_bytes", "shown"), [(512 * 1024, "512 KB"), (10 * 1024 * 1024, "10 MB")], ids=["half", "ten"])
def test_form_page_upload_limit(max_bytes: int, shown: str) -> None:
    assert f"; up to {shown};" in render_form_page(TAXONOMY, max_bytes)


def test_form_page_without_error() -> None:
    assert 'class="error"' not in render_form_page(TAXONOMY, 1024)


def test_result_page_marks_shared_and_overlapping_mentions() -> None:
    text = "Use LangChain, PyTorch & LLMs."
    skills = (
        hit("llm", (4, 13), (25, 29)),  # LangChain counts for LLMs too (implies)
        hit("llm_frameworks", (4, 13)),
        hit("python", (8, 20)),  # overlaps LangChain: left out
        hit("pytorch", (15, 22)),
    )
    assert listing(render_result_page(analysis(text, skills), TAXONOMY, None)) == (
        "Use "
        '<mark class="lean-ai" data-skill="llm_frameworks llm" title="LangChain (AI-leaning); LLMs (AI-leaning)">LangChain</mark>, '
        '<mark class="lean-ml" data-skill="pytorch" title="PyTorch (ML-leaning)">PyTorch</mark> &amp; '
        '<mark class="lean-ai" data-skill="llm" title="LLMs (AI-leaning)">LLMs</mark>.'
    )


def test_result_page_escapes_text_title_and_reasons() -> None:
    page = render_result_page(analysis(HOSTILE, (hit("python", (1, 7)),), title=HOSTILE, source=HOSTILE), TAXONOMY, None)
    assert "<script>" not in page
    assert listing(page) == (
        '&lt;<mark class="lean-both" data-skill="python" title="Python (both roles)">script</mark>&gt;'
        "alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;q&#x27;"
    )
    assert f"<h1>{ESCAPED}</h1>" in page
    assert f'<p class="meta">From {ESCAPED}</p>' in page
    assert f"<title>AI-engineer-leaning: {ESCAPED} · skill-analyzer</title>" in page
    assert '<ol class="reasons"><li>AI cue &lt;LLM&gt; &amp; more</li></ol>' in page


def test_result_page_verdict_and_skills_by_category() -> None:
    skills = (hit("pytorch", (0, 7)), hit("python", (8, 14), (15, 21)), hit("llm", (22, 26)))
    page = render_result_page(analysis("PyTorch Python Python LLMs", skills), TAXONOMY, None)
    assert (
        '<span class="badge badge-ai" id="label" data-label="ai">AI-engineer-leaning</span>'
        '<span class="confidence" id="confidence">confidence 0.81</span>'
        '<span class="scores">AI evidence 2.50 · ML evidence 0.25</span>'
    ) in page
    assert '<p class="meta">From pasted text</p>' in page
    assert "<h1>Listing</h1>" in page
    assert "<h2>Skills (3)</h2>" in page
    assert re.findall(r"<h3>(.*?)</h3>\n<ul class=\"skills\">(.*?)</ul>", page) == [
        ("LLMs &amp; agents", '<li class="skill lean-ai" data-skill="llm" title="AI-leaning">LLMs</li>'),
        (
            "Classic ML",
            '<li class="skill lean-both" data-skill="python" title="both roles">Python <span class="count">×2</span></li>'
            '<li class="skill lean-ml" data-skill="pytorch" title="ML-leaning">PyTorch</li>',
        ),
    ]


def test_result_page_for_nothing_to_analyze() -> None:
    page = render_result_page(analysis(""), TAXONOMY, "the listing is empty: <none> & nothing")
    assert '<p class="empty">No skill from the taxonomy was found in this listing.</p>' in page
    assert '<p class="empty">the listing is empty: &lt;none&gt; &amp; nothing</p>' in page
    assert 'id="listing"' not in page


def test_a_hybrid_verdict_reads_as_on_the_command_line() -> None:
    from dataclasses import replace

    from analyzer.model import LABEL_VERDICTS

    page = render_result_page(replace(analysis("Python"), label="hybrid"), TAXONOMY, None)
    assert '<span class="badge badge-hybrid" id="label" data-label="hybrid">Hybrid AI and ML engineer</span>' in page
    assert LABEL_VERDICTS["hybrid"] == "Hybrid AI and ML engineer"


@pytest.mark.parametrize(
    ("size", "text"),
    [(1, "1 byte"), (100, "100 bytes"), (1023, "1,023 bytes"), (1024, "1 KB"), (512 * 1024, "512 KB"), (2 * 1024 * 1024, "2 MB"), (2_000_000, "1.91 MB")],
)
def test_size_text(size: int, text: str) -> None:
    assert size_text(size) == text
