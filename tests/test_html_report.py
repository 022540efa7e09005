from __future__ import annotations

import re
from functools import cache
from typing import Any

import pandas as pd
import pytest

from analyzer.html_report import HtmlReport
from analyzer.model import Skipped

NAMES = {"llm": ("LLMs", "llm_genai"), "pytorch": ("PyTorch", "ml_frameworks"), "kubernetes": ("Kubernetes", "containers_devops"),
         "java": ("Java", "programming"), "azure": ("Azure", "cloud"), "azure_ml": ("Azure Machine Learning", "cloud_ml")}
FORMS = {"llm": "LLM", "pytorch": "PyTorch", "kubernetes": "Kubernetes"}


def record(number: int, label: str, skills: list[str], *, text: str | None = None, title: str | None = None,
           date: str | None = None, duplicate_of: str | None = None) -> dict[str, Any]:
    """A postings.jsonl record; each skill's mentions are found in the text by its surface form."""
    text = text if text is not None else " and ".join(FORMS[s] for s in skills) + "."
    hits = []
    for skill_id in skills:
        form = FORMS[skill_id]
        starts = [m.start() for m in re.finditer(re.escape(form), text)]
        hits.append({"id": skill_id, "name": NAMES[skill_id][0], "category": NAMES[skill_id][1], "count": len(starts),
                     "mentions": [{"text": form, "start": s, "end": s + len(form)} for s in starts]})
    return {"id": f"id{number}", "source": f"posts/{number}.txt", "title": title or f"Posting {number}", "company": None,
            "location": None, "date": date, "duplicate_of": duplicate_of, "label": label, "confidence": 0.9,
            "scores": {"ai": 1.0, "ml": 0.5}, "skills": hits, "reasons": [f"reason for {number}"], "text": text}


def corpus(*, dates: bool = True) -> list[dict[str, Any]]:
    day = (lambda d: d) if dates else (lambda d: None)
    return [
        record(1, "ai", ["llm", "pytorch", "kubernetes"], text="Build LLM apps with PyTorch on Kubernetes.", date=day("2025-01-10")),
        record(2, "ai", ["llm", "kubernetes"], title="AI Engineer <script>alert(1)</script>",
               text="<script>alert(1)</script> LLM agents & Kubernetes", date=day("2025-02-03")),
        record(3, "ml", ["pytorch"], text="Train models in PyTorch.", date=day("2025-03-20")),
        record(4, "hybrid", ["llm", "pytorch"], date=None),
        record(5, "ai", ["llm", "pytorch", "kubernetes"], text="Build LLM apps with PyTorch on Kubernetes.", duplicate_of="id1"),
    ]


SUMMARY = {"inputs": 7, "postings": 5, "unique_postings": 4, "duplicates": 1, "skipped": 2,
           "labels": {"ai": 2, "ml": 1, "hybrid": 1}, "taxonomy": {"name": "ai_ml_2025", "version": "1.2.0"}, "version": "0.1.0"}
NAN = float("nan")
SKILLS = pd.DataFrame(
    [["llm", "LLMs", "llm_genai", 3, 0.75, 1.0, 0.0, 1.0, NAN],
     ["pytorch", "PyTorch", "ml_frameworks", 3, 0.75, 0.5, 1.0, 1.0, NAN],
     ["kubernetes", "Kubernetes", "containers_devops", 2, 0.5, 1.0, 0.0, 0.0, 0.176],
     ["java", "Java", "programming", 0, 0.0, 0.0, 0.0, 0.0, 0.22]],
    columns=["skill_id", "name", "category", "postings", "share", "share_ai", "share_ml", "share_hybrid", "article_share"],
)


def build(records: list[dict[str, Any]], *, max_postings: int = 2000) -> HtmlReport:
    report = HtmlReport(max_postings=max_postings)
    for item in records:
        report.add(item)
    return report


@cache
def page(*, dates: bool = True, max_postings: int = 2000) -> str:
    return build(corpus(dates=dates), max_postings=max_postings).render(SUMMARY, SKILLS)


def test_headline_numbers() -> None:
    html = page()
    for shown in ["<dt>Inputs read</dt><dd>7</dd>", "<dt>Postings analyzed</dt><dd>5</dd>", "<dt>Unique postings</dt><dd>4</dd>",
                  "<dt>Duplicates folded</dt><dd>1</dd>", "<dt>Inputs skipped</dt><dd>2</dd>"]:
        assert shown in html
    assert 'Taxonomy <code>ai_ml_2025</code> version 1.2.0; skill-analyzer 0.1.0; labels by the rule score.' in html


def test_skipped_inputs_are_listed_and_linked() -> None:
    skipped = [Skipped("posts/empty.txt", "empty file"), Skipped("posts/x.json", "malformed JSON at line 1 column 2: ...")]
    html = build(corpus()).render(SUMMARY, SKILLS, skipped=skipped)
    assert '<a href="#postings">Postings</a> <a href="#skipped">Skipped</a></nav>' in html
    assert '<tr><td><span class="src">posts/empty.txt</span></td><td>empty file</td></tr>' in html
    assert html.index('<section id="postings">') < html.index('<section id="skipped">')
    nothing = build(corpus()).render({**SUMMARY, "skipped": 0}, SKILLS)
    assert 'id="skipped"' not in nothing and 'href="#skipped"' not in nothing


def test_label_counts_and_chart() -> None:
    html = page()
    assert '<tr><td>AI engineer <span class="tag tag-ai">ai</span></td><td class="num">2</td><td class="num">50.0%</td></tr>' in html
    assert '<tr><td>ML engineer <span class="tag tag-ml">ml</span></td><td class="num">1</td><td class="num">25.0%</td></tr>' in html
    assert '<tr><td>Hybrid <span class="tag tag-hybrid">hybrid</span></td><td class="num">1</td><td class="num">25.0%</td></tr>' in html
    assert '<svg class="chart" role="img" aria-label="Unique postings by label"' in html


def test_duplicates_are_counted_not_aggregated() -> None:
    report = build(corpus())
    assert (report.postings_, report.duplicates_, report.unique_) == (5, 1, 4)
    assert report.skill_counts_ == {"llm": 3, "pytorch": 3, "kubernetes": 2}
    assert report.pair_counts_[("kubernetes", "llm")] == 2


def test_skill_shares_overall_and_by_label() -> None:
    html = page()
    assert ('<tr><td class="num">1</td><td>LLMs</td><td>llm_genai</td><td class="num">3</td><td class="num">75.0%</td>'
            '<td class="num">100.0%</td><td class="num">0.0%</td><td class="num">100.0%</td></tr>') in html
    assert ('<tr><td class="num">2</td><td>PyTorch</td><td>ml_frameworks</td><td class="num">3</td><td class="num">75.0%</td>'
            '<td class="num">50.0%</td><td class="num">100.0%</td><td class="num">100.0%</td></tr>') in html
    for title in ["Top 3 skills: share of unique postings", "Top skills: share of AI, ML and hybrid postings",
                  "Top skills of each category"]:
        assert f'aria-label="{title}"' in html


def test_article_comparison_rows() -> None:
    html = page()
    assert ('<tr><td>Kubernetes</td><td class="num">17.6%</td><td class="num">50.0%</td><td class="num">100.0%</td>'
            '<td class="num">0.0%</td><td class="num">+32.4 pts</td></tr>') in html
    assert ('<tr><td>Java</td><td class="num">22.0%</td><td class="num">0.0%</td><td class="num">0.0%</td>'
            '<td class="num">0.0%</td><td class="num">-22.0 pts</td></tr>') in html
    assert 'aria-label="Article share vs this corpus"' in html


def test_contrasts_and_cooccurrence() -> None:
    html = page()
    assert '<tr><td>LLMs</td><td class="num">100.0%</td><td class="num">0.0%</td><td class="num">+100.0 pts</td></tr>' in html
    assert '<tr><td>PyTorch</td><td class="num">50.0%</td><td class="num">100.0%</td><td class="num">-50.0 pts</td></tr>' in html
    assert 'aria-label="Co-occurrence of the top skills (% of postings)"' in html


def test_posting_text_and_title_are_escaped() -> None:
    html = page()
    assert "<script" not in html
    assert "AI Engineer &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '&lt;script&gt;alert(1)&lt;/script&gt; <mark data-skill="llm" title="LLMs">LLM</mark> agents &amp; ' in html


def test_mentions_are_highlighted() -> None:
    html = page()
    assert ('<div class="text">Build <mark data-skill="llm" title="LLMs">LLM</mark> apps with '
            '<mark data-skill="pytorch" title="PyTorch">PyTorch</mark> on '
            '<mark data-skill="kubernetes" title="Kubernetes">Kubernetes</mark>.</div>') in html
    assert '<li>reason for 1</li>' in html
    assert '<a class="ttl" href="#p-1">Posting 1</a>' in html and '<article class="posting" id="p-1">' in html


def test_overlapping_and_bad_mentions_are_skipped() -> None:
    text = "Azure Machine Learning & <b>"
    item = record(1, "ai", [], text=text)
    item["skills"] = [
        {"id": "azure", "name": "Azure", "category": "cloud", "count": 2,
         "mentions": [{"text": "Azure", "start": 0, "end": 5}, {"text": "x", "start": 20, "end": 99}]},
        {"id": "azure_ml", "name": "Azure Machine Learning", "category": "cloud_ml", "count": 1,
         "mentions": [{"text": "Azure Machine Learning", "start": 0, "end": 22}, {"text": "Machine", "start": 6, "end": 13}]},
    ]
    html = build([item]).render(SUMMARY, SKILLS)
    assert ('<div class="text"><mark data-skill="azure_ml" title="Azure Machine Learning">Azure Machine Learning</mark>'
            " &amp; &lt;b&gt;</div>") in html


def test_record_without_text() -> None:
    item = record(1, "ml", ["pytorch"])
    del item["text"]
    html = build([item]).render(SUMMARY, SKILLS)
    assert "The record carries no text, so its mentions cannot be shown." in html


def test_render_is_deterministic() -> None:
    first = build(corpus()).render(SUMMARY, SKILLS)
    assert first == page()
    assert build(corpus()).render(SUMMARY, SKILLS.iloc[::-1].reset_index(drop=True)) == first


def test_page_is_self_contained() -> None:
    html = page()
    for external in ("http://", "https://", "<script", "<link", "<img", "<image", "@import", "<iframe"):
        assert external not in html
    assert re.findall(r"url\((?!#)", html) == []
    assert html.count("<svg ") >= 8
    assert html.startswith("<!DOCTYPE html>\n")
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids))


def test_trends_with_dates_by_month() -> None:
    html = page()
    assert '<section id="trends">' in html
    assert "3 of 4 unique postings carry a date, from 2025-01 to 2025-03; shares are by month" in html
    assert 'aria-label="Share of dated postings by label, per month"' in html
    assert 'aria-label="Share of dated postings naming each of the top 8 skills, per month"' in html
    assert ("Too little dated data to name risers and fallers: that needs two months with at least 10 dated postings each "
            "(the busiest month has 1).") in html


def test_trends_without_dates() -> None:
    html = page(dates=False)
    assert "Too little dated data for trends: none of the 4 unique postings carries a date." in html
    assert "per month" not in html


def test_trends_by_quarter_name_risers_and_fallers() -> None:
    early = [record(i, "ml", ["pytorch"], date="2023-02-01") for i in range(10)]
    late = [record(i, "ai", ["llm"], date="2025-01-15") for i in range(10, 20)]
    html = build(early + late).render(SUMMARY, SKILLS)
    assert 'aria-label="Share of dated postings by label, per quarter"' in html
    assert "From 2023-Q1 (10 postings) to 2025-Q1 (10 postings)" in html
    assert "Biggest risers: LLMs (+100.0 pts).<br>Biggest fallers: PyTorch (-100.0 pts)." in html


def test_table_cap() -> None:
    html = page(max_postings=2)
    assert "The table shows the first 2 of 4 unique postings; 2 more were left out (max_postings=2)." in html
    assert 'id="p-2"' in html and 'id="p-3"' not in html
    assert "left out" not in page()


@pytest.mark.parametrize("date", ["2025-13-01", "soon", "", "20250101"], ids=["month13", "word", "empty", "compact"])
def test_bad_dates_count_as_undated(date: str) -> None:
    report = build([record(1, "ai", ["llm"], date=date)])
    assert (report.undated_, dict(report.month_totals_)) == (1, {})


def test_unknown_label_is_rejected() -> None:
    with pytest.raises(ValueError, match="label 'data' is not one of ai, ml, hybrid"):
        HtmlReport().add(record(1, "data", ["llm"]))
