from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from analyzer import Analyzer, InputError
from analyzer.cli import app
from analyzer.evaluate import evaluate, evaluate_facts, evaluate_requirements, render_evaluation
from analyzer.gold import read_gold, read_scope
from analyzer.taxonomy import Taxonomy

GOLD = """text,label,skills
"Train ranking models with PyTorch and run A/B tests.",ml,pytorch
"Build LLM agents with LangChain and deploy them on Kubernetes.",ai,llm kubernetes docker
"Python and SQL.",hybrid,python sql
"""


@pytest.fixture()
def gold_file(tmp_path: Path) -> Path:
    path = tmp_path / "gold.csv"
    path.write_text(GOLD, encoding="utf-8")
    return path


def test_evaluate_counts_exactly(gold_file: Path, analyzer: Analyzer) -> None:
    gold = read_gold(gold_file)
    assert [g.label for g in gold] == ["ml", "ai", "hybrid"]
    scope = read_scope("pytorch,llm,kubernetes,docker,python,sql,llm_frameworks,ai_agents", analyzer.taxonomy.skill_ids)
    result = evaluate(gold, analyzer, scope=scope)
    # In scope, found: pytorch | llm, llm_frameworks, ai_agents, kubernetes | python, sql; docker is missed.
    assert result["skills"]["precision"] == round(5 / 7, 4)
    assert result["skills"]["recall"] == round(5 / 6, 4)
    per = {r["skill"]: (r["tp"], r["fp"], r["fn"]) for r in result["skills"]["per_skill"]}
    assert per["docker"] == (0, 0, 1)
    assert per["ai_agents"] == (0, 1, 0)
    assert result["labels"]["confusion"]["rows_expected_columns_found"][0] == [1, 0, 0]
    row2 = next(d for d in result["disagreements"] if d["posting"] == "row 2")
    assert row2["missed_skills"] == ["docker"]
    assert [f["skill"] for f in row2["false_skills"]] == ["ai_agents", "llm_frameworks"]
    text = render_evaluation(result)
    assert "Skills (8 ids in scope): precision 0.714, recall 0.833" in text
    assert "expected but not found: docker" in text
    assert sum(row["postings"] for row in result["labels"]["confidence"]["reliability"]) == 3
    assert "\nConfidence: calibration error " in text


def test_evaluate_facts(tmp_path: Path, analyzer: Analyzer) -> None:
    path = tmp_path / "facts.csv"
    pay = json.dumps([{"min": 120000, "max": 150000, "currency": "USD", "period": "year"}])
    rows = [
        ["text", "pay", "min_years", "seniority"],
        ["Senior ML Engineer. 5+ years of experience. Salary: $120,000 - $150,000.", pay, "5", "senior"],
        ["Intern. Pay: $40/hour.", json.dumps([{"min": 40, "max": 40, "currency": "USD", "period": "hour"}]), "", ""],
        ["Junior engineer. We raised $20M from investors.", "[]", "", ""],
    ]
    import csv

    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    result = evaluate_facts(path, analyzer)
    assert result["pay"] == {"precision": 1.0, "recall": 1.0, "found": 2, "labelled": 2}
    assert result["min_years"]["accuracy"] == 1.0
    assert result["seniority"]["accuracy"] == 1.0


def test_evaluate_command(gold_file: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["evaluate", str(gold_file), "--out", str(tmp_path / "ev"), "--ignore-titles"])
    assert result.exit_code == 0
    assert result.stdout.startswith("Postings evaluated: 3 (missing: 0); titles ignored\n")
    saved = json.loads((tmp_path / "ev" / "evaluation.json").read_text(encoding="utf-8"))
    assert saved["postings"] == 3
    assert (tmp_path / "ev" / "evaluation.txt").read_text(encoding="utf-8") == result.stdout
    missing = runner.invoke(app, ["evaluate", str(tmp_path / "nope.csv")])
    assert missing.exit_code == 1
    assert "no such gold file" in missing.stderr


def test_evaluate_requirements(tmp_path: Path, analyzer: Analyzer) -> None:
    text = "Requirements:\n* Python\nNice to have:\n* Kafka\n"
    path = tmp_path / "levels.csv"
    path.write_text(
        "text,skill,start,end,requirement,clear\n"
        f'"{text}",python,16,22,required,yes\n'
        f'"{text}",kafka,39,44,required,yes\n'
        f'"{text}",docker,0,6,required,no\n',
        encoding="utf-8",
    )
    result = evaluate_requirements(path, analyzer)
    assert result["mentions"] == 3
    assert result["accuracy"] == round(1 / 3, 4)
    assert result["accuracy_clear"] == 0.5
    assert result["confusion"] == {"required->missed": 1, "required->preferred": 1, "required->required": 1}


def test_evaluate_compares_classifiers(gold_file: Path) -> None:
    runner = CliRunner()
    rules = runner.invoke(app, ["evaluate", str(gold_file), "--json"])
    model = runner.invoke(app, ["evaluate", str(gold_file), "--json", "--classifier", "model"])
    assert rules.exit_code == model.exit_code == 0
    rule_reasons = [d["reasons"][0] for d in json.loads(rules.stdout)["disagreements"] if d["reasons"]]
    model_reasons = [d["reasons"][0] for d in json.loads(model.stdout)["disagreements"] if d["reasons"]]
    assert all(r.startswith("AI evidence") for r in rule_reasons)
    assert all(r.startswith("model: P(ai)") for r in model_reasons)
    # The model's probabilities are scored for calibration; the rule score gives none.
    assert "calibration" not in json.loads(rules.stdout)["labels"]
    calibrated = json.loads(model.stdout)["labels"]["calibration"]
    assert sum(row["postings"] for row in calibrated["reliability"]) == json.loads(model.stdout)["postings"]
    assert 0.0 <= calibrated["brier"] <= 2.0
    text = runner.invoke(app, ["evaluate", str(gold_file), "--classifier", "model"]).stdout
    assert f"Calibration: Brier score {calibrated['brier']:.3f}" in text


def test_gold_without_skills_column_scores_labels_only(tmp_path: Path, analyzer: Analyzer) -> None:
    path = tmp_path / "roles.csv"
    path.write_text(
        "text,label\n"
        '"Train ranking models with PyTorch and run A/B tests.",ml\n'
        '"Build LLM agents with LangChain and deploy them on Kubernetes.",ai\n',
        encoding="utf-8",
    )
    gold = read_gold(path)
    assert [g.skills for g in gold] == [None, None]
    result = evaluate(gold, analyzer, scope=analyzer.taxonomy.skill_ids)
    assert result["skills"]["postings"] == 0
    assert (result["skills"]["precision"], result["skills"]["recall"]) == (1.0, 1.0)  # nothing scored
    assert result["labels"]["accuracy"] == 1.0
    assert result["disagreements"] == []
    text = render_evaluation(result)
    assert "Skills: not labelled in this gold file (no skills column)" in text


def test_rows_with_an_empty_label_score_skills_only(tmp_path: Path, analyzer: Analyzer) -> None:
    path = tmp_path / "gold.csv"
    path.write_text(
        "text,label,skills\n"
        '"Train ranking models with PyTorch and run A/B tests.",ml,pytorch\n'
        '"Build LLM agents with LangChain and deploy them on Kubernetes.",,llm kubernetes docker\n',
        encoding="utf-8",
    )
    gold = read_gold(path)
    assert [g.label for g in gold] == ["ml", None]
    result = evaluate(gold, analyzer, scope=read_scope("pytorch,llm,kubernetes,docker", analyzer.taxonomy.skill_ids))
    assert (result["postings"], result["skills"]["postings"], result["labels"]["postings"]) == (2, 2, 1)
    assert result["skills"]["recall"] == 0.75  # docker is missed in the skills-only row
    assert result["labels"]["confusion"]["rows_expected_columns_found"] == [[0, 0, 0], [0, 1, 0], [0, 0, 0]]
    row2 = next(d for d in result["disagreements"] if d["posting"] == "row 2")
    assert (row2["expected_label"], row2["missed_skills"]) == (None, ["docker"])
    text = render_evaluation(result)
    assert "Labels: accuracy 1.000, macro-F1 1.000 (1 posting with a label)" in text  # macro-F1 over the labels present
    assert "label: expected" not in text


def test_a_row_without_label_needs_skills(tmp_path: Path) -> None:
    path = tmp_path / "roles.csv"
    path.write_text('text,label\n"Train models.",\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"row 1 has no label; use one of \['ai', 'ml', 'hybrid'\] \(or label its skills\)"):
        read_gold(path)


@pytest.mark.parametrize(
    ("option", "content", "message"),
    [
        ("facts", None, "no such file; check the path."),
        ("facts", 'text,pay\n"Train models.",[bad\n', "row 1 is malformed (Expecting value: line 1 column 2 (char 1)); fix the row."),
        ("facts", 'text,pay,min_years\n"Train models.",[],five\n', "row 1 is malformed (invalid literal for int() with base 10: 'five'); fix the row."),
        ("requirements", 'text,label\n"Train models.",ml\n', "row 1 has no 'skill' column; give skill, start, end and requirement."),
        ("requirements", 'text,skill,start,end,requirement\n"Train models.",pytorch,x,3,required\n',
         "row 1 is malformed (invalid literal for int() with base 10: 'x'); start and end are character offsets."),
    ],
    ids=["facts-missing", "facts-bad-pay", "facts-bad-years", "requirements-no-column", "requirements-bad-offset"],
)
def test_malformed_facts_and_requirements_name_the_file_and_row(
    tmp_path: Path, analyzer: Analyzer, option: str, content: str | None, message: str
) -> None:
    from analyzer.evaluate import evaluate_facts, evaluate_requirements

    path = tmp_path / f"{option}.csv"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as info:
        (evaluate_facts if option == "facts" else evaluate_requirements)(path, analyzer)
    assert str(info.value) == f"{path}: {message}"


def test_gold_skills_the_taxonomy_does_not_know_are_reported_not_scored(tmp_path: Path) -> None:
    path = tmp_path / "gold.csv"
    path.write_text(
        'text,label,skills\n"Python, Excel and Tableau dashboards.",ml,"Python, Excel, Tableau"\n"Excel reports in Python.",ml,"python, excel"\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["evaluate", str(path), "--json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["unknown_gold_skills"] == [{"skill": "Excel", "postings": 1}, {"skill": "Tableau", "postings": 1}, {"skill": "excel", "postings": 1}]
    assert data["skills"]["precision"] == 1.0 and data["skills"]["recall"] == 1.0
    text = CliRunner().invoke(app, ["evaluate", str(path)]).output
    assert "Gold skills the taxonomy does not know (not scored; `skill-analyzer taxonomy` lists the skills): 'Excel' (1 posting)" in text


def test_weakest_skills_name_only_skills_with_errors(gold_file: Path, analyzer: Analyzer) -> None:
    scope = read_scope("pytorch,docker,python", analyzer.taxonomy.skill_ids)
    text = render_evaluation(evaluate(read_gold(gold_file), analyzer, scope=scope))
    assert "Weakest skills: docker F1 0.00 (0 FP, 1 FN)\n" in text


def test_when_no_posting_can_be_read_the_report_says_so(tmp_path: Path, analyzer: Analyzer) -> None:
    path = tmp_path / "gold.csv"
    path.write_text("path,label,skills\nnope.txt,ai,python\n", encoding="utf-8")
    result = evaluate(read_gold(path), analyzer, scope=analyzer.taxonomy.skill_ids)
    assert (result["postings"], result["skills"]["gold_rows"], result["labels"]["gold_rows"]) == (0, 1, 1)
    assert render_evaluation(result) == (
        "Postings evaluated: 0 (missing: 1); titles used\n"
        "Skills: none of the postings with labelled skills could be read\n"
        "Labels: none of the postings with a label could be read\n"
        "Disagreements: 0\n"
        f"- missing nope.txt: {tmp_path / 'nope.txt'} not found\n"
    )


def test_a_models_confidence_is_binned_as_its_calibration(gold_file: Path, taxonomy: Taxonomy) -> None:
    result = evaluate(read_gold(gold_file), Analyzer(taxonomy, model="default"), scope=taxonomy.skill_ids)
    labels = result["labels"]
    confidence = [(r["bin"], r["postings"], r["mean_confidence"], r["accuracy"]) for r in labels["confidence"]["reliability"]]
    calibrated = [(r["bin"], r["postings"], r["mean_probability"], r["accuracy"]) for r in labels["calibration"]["reliability"]]
    assert confidence == calibrated
    text = render_evaluation(result)
    # One table of top probabilities, under the calibration line; the confidence line keeps its summary.
    assert text.count("  top probability  postings") == 1 and "  confidence       postings" not in text
    assert f"Confidence: calibration error {labels['confidence']['calibration_error']:.3f}" in text


def test_skills_in_no_gold_row_are_named_with_a_hint(tmp_path: Path, analyzer: Analyzer) -> None:
    path = tmp_path / "gold.csv"
    path.write_text('text,label,skills\n"Train PyTorch models and deploy them with Docker.",ml,pytorch\n', encoding="utf-8")
    scope = read_scope("pytorch,docker", analyzer.taxonomy.skill_ids)
    text = render_evaluation(evaluate(read_gold(path), analyzer, scope=scope))
    assert (
        "Found but in no gold row (1 skill, all their finds count as false): docker (1); "
        "if your labels cover only some skills, pass --scope with their ids\n"
    ) in text


def test_a_posting_named_twice_is_scored_once(tmp_path: Path, analyzer: Analyzer) -> None:
    (tmp_path / "posts.csv").write_text("title,description\nA,Train PyTorch models\nB,Train PyTorch models\n", encoding="utf-8")
    path = tmp_path / "gold.csv"
    path.write_text(
        "file,row,text,label,skills\nposts.csv,1,,ml,pytorch\nposts.csv,2,,ml,pytorch\nposts.csv,1,,ml,pytorch\n"
        ',,"Build LLM agents.",ai,llm\n,,"Build LLM agents.",ai,llm\n',
        encoding="utf-8",
    )
    result = evaluate(read_gold(path), analyzer, scope=["pytorch", "llm"])
    # Two corpus rows with the same text are two postings (reposts); the same row or text written twice is one.
    assert result["postings"] == 3
    assert result["repeated"] == [{"posting": "posts.csv#row=1", "same_as": "posts.csv#row=1"}, {"posting": "row 5", "same_as": "row 4"}]
    text = render_evaluation(result)
    assert text.startswith("Postings evaluated: 3 (missing: 0; repeated rows left out: 2); titles used\n")
    assert "- left out row 5: the same posting as row 4, scored once\n" in text
