from __future__ import annotations

import re
from typing import Any

import pytest

from analyzer.html_postings import TITLE_CHARS, KeptPosting, keep_posting, render_postings, shorten_title

TEXT = "Use LangChain & LLMs <daily>."


def record(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "p1",
        "source": "jobs/a.txt",
        "title": "AI Engineer",
        "company": "Acme",
        "location": None,
        "date": "2025-03-01",
        "label": "ai",
        "confidence": 0.875,
        "skills": [
            {"id": "llm", "name": "LLMs", "count": 2, "mentions": [{"start": 4, "end": 13}, {"start": 16, "end": 20}]},
            {"id": "llm_frameworks", "name": "LangChain", "count": 1, "mentions": [{"start": 4, "end": 13}]},
            {"id": "apis", "name": "APIs", "count": 2, "mentions": [{"start": 0, "end": 3}, {"start": 8, "end": 13}]},
        ],
        "reasons": ["AI cue 'LLM'"],
        "text": TEXT,
    }
    return {**base, **changes}


def kept(**changes: Any) -> KeptPosting:
    return keep_posting(record(**changes), 1)


def test_keep_posting_fields() -> None:
    assert kept() == KeptPosting(
        number=1,
        title="AI Engineer",
        source="jobs/a.txt",
        meta=("Acme", "2025-03-01"),
        label="ai",
        confidence=0.875,
        skills=(("APIs", 2), ("LLMs", 2), ("LangChain", 1)),
        marks=(
            (0, 3, "apis", "APIs"),
            (4, 13, "llm", "LLMs"),
            (4, 13, "llm_frameworks", "LangChain"),
            (8, 13, "apis", "APIs"),
            (16, 20, "llm", "LLMs"),
        ),
        reasons=("AI cue 'LLM'",),
        text=TEXT,
    )


def test_keep_posting_fills_what_the_record_lacks() -> None:
    minimal = {"id": "p2", "label": "ml", "skills": [{"id": "spark", "mentions": [{"start": 0, "end": 5}]}], "text": 42}
    assert keep_posting(minimal, 7) == KeptPosting(
        number=7,
        title="(no title)",
        source="",
        meta=(),
        label="ml",
        confidence=0.0,
        skills=(("spark", 0),),
        marks=((0, 5, "spark", "spark"),),
        reasons=(),
        text=None,
    )


def details(markup: str) -> list[str]:
    return re.findall(r'<div class="text">(.*?)</div>', markup, flags=re.S)


def test_overlapping_mentions_are_marked_once_at_their_offsets() -> None:
    markup = render_postings([kept()], unique=1, left_out=0, max_postings=10, duplicates=0)
    assert details(markup) == [
        '<mark data-skill="apis" title="APIs">Use</mark> '
        '<mark data-skill="llm" title="LLMs">LangChain</mark> &amp; '
        '<mark data-skill="llm" title="LLMs">LLMs</mark> &lt;daily&gt;.'
    ]


@pytest.mark.parametrize(
    ("mentions", "expected"),
    [
        ([{"start": 2, "end": 1}], "abcdef"),
        ([{"start": 4, "end": 9}], "abcdef"),
        ([{"start": -1, "end": 2}], "abcdef"),
        ([{"start": 0, "end": 6}], '<mark data-skill="s" title="S">abcdef</mark>'),
    ],
    ids=["reversed", "past-the-end", "negative", "whole-text"],
)
def test_mentions_outside_the_text_are_not_marked(mentions: list[dict[str, int]], expected: str) -> None:
    posting = kept(text="abcdef", skills=[{"id": "s", "name": "S", "count": 1, "mentions": mentions}])
    assert details(render_postings([posting], unique=1, left_out=0, max_postings=10, duplicates=0)) == [expected]


def test_hostile_text_is_escaped_everywhere() -> None:
    hostile = "<script>alert(\"x\")</script> & 'q'"
    escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;q&#x27;"
    posting = kept(
        title=hostile, source=hostile, company=hostile, reasons=[hostile], text=hostile,
        skills=[{"id": 'a"b', "name": hostile, "count": 1, "mentions": [{"start": 1, "end": 7}]}],
    )  # fmt: skip
    markup = render_postings([posting], unique=1, left_out=0, max_postings=10, duplicates=0)
    assert "<script>" not in markup
    assert f'<td><a class="ttl" href="#p-1">{escaped}</a></td>' in markup
    assert f'<td><span class="src">{escaped}</span></td>' in markup
    assert f"<li>{escaped}</li>" in markup
    assert f"<p>Skills: {escaped} (1)</p>" in markup
    assert details(markup) == [
        f'&lt;<mark data-skill="a&quot;b" title="{escaped}">script</mark>&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;q&#x27;'
    ]


def test_table_row_and_detail_header() -> None:
    markup = render_postings([kept()], unique=1, left_out=0, max_postings=10, duplicates=0)
    assert (
        '<tr><td class="num">1</td><td><a class="ttl" href="#p-1">AI Engineer</a></td><td><span class="src">jobs/a.txt</span></td>'
        '<td><span class="tag tag-ai">ai</span></td><td class="num">0.88</td><td>APIs, LLMs, LangChain</td></tr>'
    ) in markup
    assert '<h3>1. AI Engineer <span class="tag tag-ai">ai</span></h3>' in markup
    assert (
        '<p class="meta">jobs/a.txt · Acme · 2025-03-01 · confidence 0.88 · <a href="#postings">back to the table</a></p>'
    ) in markup
    assert '<p class="note">' not in markup


def test_a_long_title_is_cut_in_the_table_and_whole_in_the_detail() -> None:
    # A 3,000-character title without a space (a scraped URL, a run of symbols) made the table 3,000 pixels wide.
    title = "Z" * 3000
    markup = render_postings([kept(title=title)], unique=1, left_out=0, max_postings=10, duplicates=0)
    assert f'<a class="ttl" href="#p-1">{"Z" * (TITLE_CHARS - 1)}\u2026</a>' in markup
    assert f"<h3>1. {title} " in markup


@pytest.mark.parametrize(
    ("title", "shown"),
    [("ML Engineer", "ML Engineer"), ("a" * 150, "a" * 150), ("a" * 151, "a" * 149 + "\u2026"), ("ab " * 60, ("ab " * 50).rstrip() + "\u2026")],
    ids=["short", "at-the-limit", "one-over", "cut-after-a-space"],
)
def test_shorten_title(title: str, shown: str) -> None:
    assert shorten_title(title) == shown


def test_notes_for_left_out_postings_and_duplicates() -> None:
    markup = render_postings([kept()], unique=5, left_out=4, max_postings=1, duplicates=2)
    assert re.findall(r'<p class="note">(.*?)</p>', markup) == [
        "The table shows the first 1 of 5 unique postings; 4 more were left out (max_postings=1).",
        "2 duplicates (reposts of a posting above) are not listed.",
    ]


def test_record_without_text() -> None:
    markup = render_postings([kept(text=None)], unique=1, left_out=0, max_postings=10, duplicates=0)
    assert details(markup) == []
    assert '<p class="note">The record carries no text, so its mentions cannot be shown.</p>' in markup
