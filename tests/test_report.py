from __future__ import annotations

import csv
import io
import math
from collections import Counter
from pathlib import Path

import pytest

from analyzer.model import Skipped
from analyzer.report import ReportWriter, skill_frequencies
from analyzer.taxonomy import Taxonomy


def test_skill_frequencies_shares_and_order(taxonomy: Taxonomy) -> None:
    counts = {"python": Counter({"ai": 2, "ml": 1}), "java": Counter({"ai": 1}), "pytorch": Counter({"ml": 1})}
    frame = skill_frequencies(taxonomy, counts, Counter({"ai": 2, "ml": 2, "hybrid": 0}))
    top = [{k: None if isinstance(v, float) and math.isnan(v) else v for k, v in row.items()} for row in frame.head(3).to_dict("records")]
    assert top == [
        {"skill_id": "python", "name": "Python", "category": "programming", "postings": 3, "share": 0.75,
         "share_ai": 1.0, "share_ml": 0.5, "share_hybrid": 0.0, "article_share": None},
        {"skill_id": "java", "name": "Java", "category": "programming", "postings": 1, "share": 0.25,
         "share_ai": 0.5, "share_ml": 0.0, "share_hybrid": 0.0, "article_share": 0.22},
        {"skill_id": "pytorch", "name": "PyTorch", "category": "ml_frameworks", "postings": 1, "share": 0.25,
         "share_ai": 0.0, "share_ml": 0.5, "share_hybrid": 0.0, "article_share": None},
    ]
    assert len(frame) == len(taxonomy.skills)


def test_skipped_csv_neutralises_formulas(tmp_path: Path, taxonomy: Taxonomy) -> None:
    with ReportWriter(tmp_path, taxonomy) as writer:
        writer.add_skipped(Skipped("=cmd|'/c calc'!A1.txt", "@bad, \"quoted\""))
        writer.finish(inputs=1)
    rows = list(csv.reader(io.StringIO((tmp_path / "skipped.csv").read_text(encoding="utf-8"))))
    assert rows == [["source", "reason"], ["'=cmd|'/c calc'!A1.txt", "'@bad, \"quoted\""]]
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "| =cmd\\|'/c calc'!A1.txt | @bad, \"quoted\" |" in report


def test_report_escapes_markup_from_inputs(tmp_path: Path, taxonomy: Taxonomy) -> None:
    with ReportWriter(tmp_path, taxonomy) as writer:
        writer.add_skipped(Skipped("<script>alert(1)</script>.txt", "line1\nline2 | x"))
        writer.finish(inputs=1)
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "<script>" not in report
    assert "| &lt;script>alert(1)&lt;/script>.txt | line1 line2 \\| x |" in report


def test_empty_run_writes_header_only_files(tmp_path: Path, taxonomy: Taxonomy) -> None:
    with ReportWriter(tmp_path, taxonomy) as writer:
        writer.finish(inputs=0)
    assert (tmp_path / "skipped.csv").read_text(encoding="utf-8") == "source,reason\n"
    assert (tmp_path / "postings.jsonl").read_text(encoding="utf-8") == ""


def test_rebuild_reports_gives_the_same_bytes(tmp_path: Path, taxonomy: Taxonomy) -> None:
    from conftest import DATA

    from analyzer import Analyzer, analyze
    from analyzer.report import rebuild_reports

    first, second = tmp_path / "first", tmp_path / "second"
    analyze([DATA / "mixed"], first, analyzer=Analyzer(taxonomy), tool_version="t")
    analyze([DATA / "mixed"], second, analyzer=Analyzer(taxonomy), tool_version="t")
    (second / "report.html").unlink()
    (second / "skills.csv").write_text("stale", encoding="utf-8")
    summary = rebuild_reports(second, taxonomy, tool_version="t")
    assert summary["postings"] == 7
    for name in sorted(p.name for p in first.iterdir()):
        assert (second / name).read_bytes() == (first / name).read_bytes(), name


def test_rebuild_reports_needs_postings(tmp_path: Path, taxonomy: Taxonomy) -> None:
    from analyzer import InputError
    from analyzer.report import rebuild_reports

    with pytest.raises(InputError, match=r"no postings\.jsonl here; pass the --out folder of an earlier analyze run"):
        rebuild_reports(tmp_path, taxonomy)


def _record(number: int, label: str, skills: list[tuple[str, str, str]]) -> dict[str, object]:
    """A minimal postings.jsonl record naming ``skills`` (id, name, category) once each, without mentions."""
    return {"id": f"id{number}", "source": f"p/{number}.txt", "title": f"Posting {number}", "company": None, "location": None,
            "date": None, "duplicate_of": None, "label": label, "confidence": 0.9, "scores": {"ai": 1.0, "ml": 0.0},
            "skills": [{"id": i, "name": n, "category": c, "count": 1, "mentions": []} for i, n, c in skills],
            "reasons": [], "pay": [], "min_years": None, "seniority": None, "text": "x"}


@pytest.fixture(scope="module")
def java_run(tmp_path_factory: pytest.TempPathFactory, taxonomy: Taxonomy) -> Path:
    """28 of 122 AI postings and none of 2 ML postings name Java: 28/122 = 22.95...% (0.2295 in skills.csv)."""
    out = tmp_path_factory.mktemp("java")
    java = ("java", "Java", "programming")
    with ReportWriter(out, taxonomy, tool_version="t") as writer:
        for number in range(122):
            writer.add_record(_record(number, "ai", [java] if number < 28 else []))
        writer.add_record(_record(200, "ml", []))
        writer.add_record(_record(201, "ml", []))
        writer.finish(inputs=124)
    return out


def test_report_rounds_exact_shares_once(java_run: Path) -> None:
    csv_row = next(line for line in (java_run / "skills.csv").read_text(encoding="utf-8").splitlines() if line.startswith("java,"))
    assert csv_row == "java,Java,programming,28,0.2258,0.2295,0,0,0.22"
    report = (java_run / "report.md").read_text(encoding="utf-8")
    assert "| Java | 22.0% | 22.6% | 23.0% | 0.0% | +0.6 pts |" in report
    assert "| 1 | Java 23.0% |  |  |" in report
    html = (java_run / "report.html").read_text(encoding="utf-8")
    assert ('<tr><td>Java</td><td class="num">22.0%</td><td class="num">22.6%</td><td class="num">23.0%</td>'
            '<td class="num">0.0%</td><td class="num">+0.6 pts</td></tr>') in html


def test_report_explains_counts_shares_and_categories(java_run: Path) -> None:
    lines = (java_run / "report.md").read_text(encoding="utf-8").splitlines()
    assert lines[4:7] == [
        "- Inputs read: 124",
        "- Postings analyzed: 124 (124 unique; 0 duplicates: the same text as an earlier posting, counted once)",
        "- Inputs skipped: 0",
    ]
    assert "Labels and shares are over the 124 unique postings." in lines
    top = lines.index("## Top 1 skills")
    assert lines[top + 2] == (
        "1 of 81 taxonomy skills appear in at least one posting. "
        "share: of the 124 unique postings, the share that name the skill at least once."
    )
    assert lines[top + 6] == "| 1 | Java | Programming languages | 28 | 22.6% |"
    article = lines.index("## This corpus next to the article")
    assert lines[article + 2] == (
        'The article ("AI Engineer vs ML Engineer: Demand, Salaries, and Career Growth in 2025") publishes the share of '
        "AI-engineer postings asking for these skills, without saying how many postings or from when. "
        "all minus article: this corpus's share of all unique postings minus the article's figure, "
        "in percentage points (pts); compare the AI-labelled column too."
    )
    html = (java_run / "report.html").read_text(encoding="utf-8")
    assert "<td>Java</td><td>Programming languages</td>" in html


def test_report_html_navigation_links_every_section(java_run: Path) -> None:
    html = (java_run / "report.html").read_text(encoding="utf-8")
    nav = html.split("<nav>")[1].split("</nav>")[0]
    assert nav == (
        '<a href="#overview">Overview</a> <a href="#skills">Skills</a> <a href="#article">Article</a> '
        '<a href="#contrasts">AI vs ML</a> <a href="#trends">Trends</a> <a href="#extra-0">Pay by label</a> '
        '<a href="#extra-1">Pay by experience asked</a> <a href="#extra-2">Seniority</a> '
        '<a href="#extra-3">Required or preferred</a> <a href="#postings">Postings</a>'
    )
    for anchor in ("extra-0", "extra-1", "extra-2", "extra-3"):
        assert f'<section id="{anchor}">' in html


def test_skill_frequencies_exact_when_asked(taxonomy: Taxonomy) -> None:
    frame = skill_frequencies(taxonomy, {"java": Counter({"ai": 28})}, Counter({"ai": 122, "ml": 2}), decimals=None)
    java = frame[frame["skill_id"] == "java"].iloc[0]
    assert (java["share"], java["share_ai"]) == (28 / 124, 28 / 122)


def test_an_out_folder_that_is_a_file_is_an_output_error(tmp_path: Path, taxonomy: Taxonomy) -> None:
    from analyzer.errors import OutputError

    (tmp_path / "taken").write_text("x", encoding="utf-8")
    for out in (tmp_path / "taken", tmp_path / "taken" / "sub"):
        with pytest.raises(OutputError) as caught, ReportWriter(out, taxonomy):
            pass
        assert str(caught.value) == f"{out}: cannot write the reports here (a file is in the way); pass --out a folder you can write to."
    assert (tmp_path / "taken").read_text(encoding="utf-8") == "x"


def test_skills_csv_neutralises_formulas_in_skill_names(tmp_path: Path, taxonomy: Taxonomy) -> None:
    from dataclasses import replace

    skills = (replace(taxonomy.skills[0], name='=HYPERLINK("http://x","y")'), *taxonomy.skills[1:])
    with ReportWriter(tmp_path, replace(taxonomy, skills=skills)) as writer:
        writer.finish(inputs=0)
    names = {row["skill_id"]: row["name"] for row in csv.DictReader(io.StringIO((tmp_path / "skills.csv").read_text(encoding="utf-8")))}
    assert names[taxonomy.skills[0].id] == '\'=HYPERLINK("http://x","y")'


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("postings.jsonl", b"\xff\xfe\x00garbage\n", "postings.jsonl: line 1 is not UTF-8; rerun analyze to write it again."),
        ("skipped.csv", b"\xff\xfe\x00\x01", "skipped.csv: not UTF-8; rerun analyze to write it again."),
        ("skipped.csv", b"a,b\n1,2\n", "skipped.csv: not a skipped.csv (its header is a, b, not source, reason); rerun analyze to write it again."),
    ],
    ids=["undecodable-postings", "undecodable-skipped", "skipped-without-columns"],
)
def test_rebuild_reports_says_which_file_is_corrupted(
    tmp_path: Path, taxonomy: Taxonomy, name: str, content: bytes, message: str
) -> None:
    from analyzer import InputError
    from analyzer.report import rebuild_reports

    with ReportWriter(tmp_path, taxonomy) as writer:
        writer.finish(inputs=0)
    (tmp_path / name).write_bytes(content)
    with pytest.raises(InputError) as caught:
        rebuild_reports(tmp_path, taxonomy)
    assert str(caught.value) == f"{tmp_path / name.split(':')[0]}: {message.split(': ', 1)[1]}"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
