from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import DATA

from analyzer import Analyzer, InputError, Posting, analyze
from analyzer.errors import ModelError
from analyzer.ingest import read_postings
from analyzer.taxonomy import default_taxonomy_path, load_taxonomy

MIXED = DATA / "mixed"


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory, analyzer: Analyzer) -> Path:
    out = tmp_path_factory.mktemp("run")
    analyze([MIXED], out, analyzer=analyzer, tool_version="test")
    return out


def test_outputs_written(run: Path) -> None:
    assert sorted(p.name for p in run.iterdir()) == [
        "mentions.csv", "postings.csv", "postings.jsonl", "report.html", "report.md", "skills.csv", "skipped.csv",
        "summary.json",
    ]


def test_summary(run: Path) -> None:
    summary = json.loads((run / "summary.json").read_text(encoding="utf-8"))
    assert summary == {
        "inputs": 10,
        "postings": 7,
        "unique_postings": 6,
        "duplicates": 1,
        "skipped": 8,
        "labels": {"ai": 4, "ml": 2, "hybrid": 0},
        "no_evidence": 0,
        "taxonomy": {"name": "ai_ml_2025", "version": summary["taxonomy"]["version"]},
        "classifier": "rules",
        "version": "test",
    }


def test_every_input_is_in_postings_or_skipped(run: Path) -> None:
    records = [json.loads(line) for line in (run / "postings.jsonl").read_text(encoding="utf-8").splitlines()]
    skipped = (run / "skipped.csv").read_text(encoding="utf-8").splitlines()
    assert skipped[0] == "source,reason"
    assert len(records) + len(skipped) - 1 == 15
    assert {r["source"].split("/")[-1] for r in records} == {
        "latin1.txt", "llm_app.txt", "page.html", "ranking.md", "records.jsonl#row=1", "rows.csv#row=1", "rows.csv#row=2",
    }


def test_posting_record_schema(run: Path) -> None:
    lines = (run / "postings.jsonl").read_text(encoding="utf-8").splitlines()
    records = {json.loads(line)["source"].split("/")[-1]: json.loads(line) for line in lines}
    rec = records["llm_app.txt"]
    assert list(rec) == ["id", "source", "title", "company", "location", "date", "duplicate_of", "label", "confidence",
                         "scores", "skills", "reasons", "pay", "min_years", "seniority", "text"]
    assert rec["label"] == "ai"
    assert [s["id"] for s in rec["skills"]] == ["llm", "rag", "llm_frameworks", "vector_databases", "apis", "python", "kubernetes"]
    rag = rec["skills"][1]
    assert rag == {"id": "rag", "name": "Retrieval-augmented generation (RAG)", "category": "llm_genai", "count": 1,
                   "mentions": [{"text": "RAG pipelines", "start": 120, "end": 133, "section": "duties",
                                 "requirement": "unspecified"}]}
    assert rec["text"][120:133] == "RAG pipelines"
    # Java and Spark appear only in the benefits section.
    assert "java" not in {s["id"] for s in rec["skills"]}
    repost = records["rows.csv#row=2"]
    assert repost["duplicate_of"] == records["rows.csv#row=1"]["id"]


def test_skills_table(run: Path) -> None:
    lines = (run / "skills.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "skill_id,name,category,postings,share,share_ai,share_ml,share_hybrid,article_share"
    rows = {line.split(",")[0]: line for line in lines[1:]}
    assert rows["python"] == "python,Python,programming,3,0.5,0.5,0.5,0,"
    assert rows["kubernetes"] == "kubernetes,Kubernetes,containers_devops,1,0.1667,0.25,0,0,0.176"
    assert rows["java"] == "java,Java,programming,0,0,0,0,0,0.22"
    assert len(lines) == 1 + 81


def test_report_markdown(run: Path) -> None:
    report = (run / "report.md").read_text(encoding="utf-8")
    assert "- Postings analyzed: 7 (6 unique; 1 duplicate: the same text as an earlier posting, counted once)" in report
    assert "| AI engineer (`ai`) | 4 | 66.7% |" in report
    assert "| Kubernetes | 17.6% | 16.7% | 25.0% | 0.0% | -0.9 pts |" in report
    assert "| " + str(MIXED / "notes.rtf") + " | unsupported file type '.rtf'" in report


def test_same_input_same_bytes(run: Path, tmp_path: Path, analyzer: Analyzer) -> None:
    analyze([MIXED], tmp_path, analyzer=analyzer, tool_version="test")
    for name in ("postings.jsonl", "skipped.csv", "skills.csv", "summary.json", "report.md", "postings.csv", "mentions.csv",
                 "report.html"):
        assert (tmp_path / name).read_bytes() == (run / name).read_bytes(), name


def test_reports_written_inside_the_input_folder_are_not_read_back(tmp_path: Path, analyzer: Analyzer) -> None:
    # "analyze postings/ --out postings/reports/" run twice read the first run's postings.jsonl, mentions.csv and
    # report.html as postings: ten times the postings, most of them duplicates, and the labels counted again.
    folder = tmp_path / "postings"
    folder.mkdir()
    (folder / "a.txt").write_text("ML Engineer\n\nTrain ranking models with PyTorch.\n", encoding="utf-8")
    (folder / "b.txt").write_text("AI Engineer\n\nBuild RAG assistants with LangChain.\n", encoding="utf-8")
    first = analyze([folder], folder / "reports", analyzer=analyzer)
    second = analyze([folder], folder / "reports", analyzer=analyzer)
    assert (first.postings, first.skipped, first.inputs) == (2, 0, 2)
    assert (second.postings, second.skipped, second.inputs, second.labels) == (2, 1, 3, first.labels)
    assert (folder / "reports" / "skipped.csv").read_text(encoding="utf-8").splitlines()[1].startswith(
        f"{folder / 'reports'},\"the reports of an earlier skill-analyzer run"
    )


def test_missing_input_raises_before_writing(tmp_path: Path, analyzer: Analyzer) -> None:
    with pytest.raises(InputError, match="nope: no such file or folder"):
        analyze([MIXED / "nope"], tmp_path / "out", analyzer=analyzer)
    assert not (tmp_path / "out").exists()


def test_interrupted_run_leaves_no_report(tmp_path: Path, analyzer: Analyzer) -> None:
    def boom(_: object) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        analyze([MIXED], tmp_path, analyzer=analyzer, on_posting=boom)
    assert list(tmp_path.iterdir()) == []


def test_analyze_text(analyzer: Analyzer) -> None:
    result = analyzer.analyze_text("<p>Build <b>RAG</b> agents with LangChain.</p>", title="AI Engineer")
    assert result.posting.text == "Build RAG agents with LangChain."
    assert result.posting.title == "AI Engineer"
    assert result.label == "ai"


@pytest.mark.parametrize("jobs", [2, 3])
def test_same_bytes_for_any_number_of_jobs(
    tmp_path: Path, analyzer: Analyzer, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    # Batches of 2 so that workers and this process each analyze some, and reposts span batches.
    monkeypatch.setattr("analyzer.pipeline._BATCH", 2)
    samples = Path(__file__).resolve().parent.parent / "sample_postings"
    one = analyze([samples, MIXED], tmp_path / "one", analyzer=analyzer, jobs=1)
    many = analyze([samples, MIXED], tmp_path / "many", analyzer=analyzer, jobs=jobs)
    assert (one.postings, one.duplicates, one.labels) == (many.postings, many.duplicates, many.labels)
    for name in ("postings.jsonl", "skills.csv", "mentions.csv", "skipped.csv", "summary.json", "report.html"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "many" / name).read_bytes(), name


def test_job_board_exports_are_analyzed_whole(analyzer: Analyzer) -> None:
    # Skills that sit only in Lever's lists, Workable's requirements, SmartRecruiters' sections, USAJobs' duties
    # or HTML-escaped Greenhouse content are found.
    found = {
        Path(item.posting.source).name: (item.label, [s.id for s in item.skills])
        for item in analyzer.analyze_postings(p for p in read_postings([DATA / "boards"]) if isinstance(p, Posting))
    }
    expected_skills = {
        "greenhouse.json#row=1": {"python", "pytorch", "kubernetes"},
        "lever.json#row=1": {"ai_agents", "llm", "aws", "python", "javascript"},
        "workable.json#row=1": {"python", "scikit_learn", "gradient_boosting", "airflow"},
        "smartrecruiters.json": {"nlp", "python", "hugging_face"},
        "usajobs.json#row=1": {"deep_learning", "pytorch", "llm", "python"},
        "jobposting.html": {"python", "sql"},
    }
    for source, skills in expected_skills.items():
        assert skills <= set(found[source][1]), source
    assert found["lever.json#row=1"][0] == "ai"
    assert found["workable.json#row=1"][0] == "ml"


def test_shipped_model_with_another_taxonomy_says_how_to_train_one(tmp_path: Path) -> None:
    shipped = default_taxonomy_path().read_text(encoding="utf-8")
    mine = tmp_path / "mine.yaml"
    mine.write_text(re.sub(r"(?m)^version: .*$", 'version: "9.9"', shipped, count=1), encoding="utf-8")
    taxonomy = load_taxonomy(mine)
    with pytest.raises(ModelError) as caught:
        Analyzer(taxonomy, model="default")
    assert str(caught.value) == (
        f"the shipped model only works with the shipped taxonomy, not {taxonomy.name} 9.9 ({mine}); train a model for "
        f"yours with: skill-analyzer train LABELLED --taxonomy {mine} --out model.json, then pass --model model.json "
        "(or use --classifier rules)."
    )
