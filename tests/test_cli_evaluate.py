"""train and evaluate (analyzer/cli_evaluate.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from analyzer.cli import app

runner = CliRunner()


def test_train_and_classify_with_a_model(tmp_path: Path) -> None:
    import csv

    rows = [
        ("Train ranking models with PyTorch and tune hyperparameters.", "ml"),
        ("Build LLM agents and RAG apps integrated into our products.", "ai"),
        ("Train models and build the APIs that serve them in our app.", "hybrid"),
    ] * 6
    labelled = tmp_path / "labelled.csv"
    with labelled.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["title", "description", "label"])
        writer.writerows([f"Job {i}", f"{text} Ref {i}", label] for i, (text, label) in enumerate(rows))
    model = tmp_path / "models" / "model.json"  # the folder is created
    result = runner.invoke(app, ["train", str(labelled), "--out", str(model), "--cv", "3"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Trained on 18 postings (ai 6, ml 6, hybrid 6)")
    assert json.loads(model.read_text(encoding="utf-8"))["labels"] == ["ai", "ml", "hybrid"]
    classified = runner.invoke(app, ["classify", "-", "--json", "--classifier", "model", "--model", str(model)],
                               input="Train ranking models with XGBoost and tune them.")
    assert classified.exit_code == 0
    record = json.loads(classified.stdout)
    assert record["label"] == "ml"
    assert record["reasons"][0].startswith("model: P(ai) ")


def test_evaluate_out_that_is_a_file_exits_1_naming_it(tmp_path: Path) -> None:
    gold = tmp_path / "gold.csv"
    gold.write_text('text,label\n"Train ranking models with PyTorch.",ml\n', encoding="utf-8")
    taken = tmp_path / "taken"
    taken.write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(gold), "--out", str(taken)])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {taken}: cannot write the evaluation here (a file is in the way); pass --out a folder you can write to.\n"


def test_evaluate_exits_1_naming_the_gold_file_when_nothing_can_be_read(tmp_path: Path) -> None:
    gold = tmp_path / "gold.csv"
    gold.write_text("path,label\nnope.txt,ai\nnope2.txt,ml\n", encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(gold), "--out", str(tmp_path / "eval")])
    assert result.exit_code == 1
    assert result.stdout.startswith("Postings evaluated: 0 (missing: 2); titles used\nSkills: not labelled in this gold file")
    assert result.stderr == f"Error: {gold}: none of its 2 postings could be read (listed above); check --base and the file's paths.\n"
    assert json.loads((tmp_path / "eval" / "evaluation.json").read_text(encoding="utf-8"))["missing"][1]["posting"] == "nope2.txt"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "{gold}: no rows (the file is empty); write one labelled posting per row under a header line."),
        ("text,label,skills\n", "{gold}: holds a header but no rows; write one labelled posting per row under a header line."),
    ],
    ids=["empty", "header-only"],
)
def test_evaluate_an_empty_gold_file_exits_1(tmp_path: Path, content: str, message: str) -> None:
    gold = tmp_path / "gold.csv"
    gold.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(gold), "--out", str(tmp_path / "eval")])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "Error: " + message.format(gold=gold) + "\n"
    assert not (tmp_path / "eval").exists()


def test_evaluate_checks_the_scope_before_reading_the_postings(tmp_path: Path) -> None:
    gold = tmp_path / "gold.csv"
    gold.write_text("path,label\nnope.txt,ai\n", encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(gold), "--scope", "python,Docker"])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "Error: scope names unknown skill ids ['Docker'] (did you mean: 'Docker' -> 'docker'?); "
        "use the ids `skill-analyzer taxonomy` lists.\n"
    )


def test_evaluate_model_without_classifier_model_is_a_usage_error(tmp_path: Path) -> None:
    gold = tmp_path / "gold.csv"
    gold.write_text('text,label\n"Train models.",ml\n', encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(gold), "--model", str(tmp_path / "model.json")])
    assert (result.exit_code, result.stderr) == (2, "Error: --model needs --classifier model.\n")


def test_train_names_the_file_when_a_label_is_missing(tmp_path: Path) -> None:
    labelled = tmp_path / "labelled.csv"
    labelled.write_text("text,label\nTrain ranking models.,ml\nBuild agents.,AI\n", encoding="utf-8")
    result = runner.invoke(app, ["train", str(labelled), "--out", str(tmp_path / "model.json")])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"Error: {labelled}: the training data has no hybrid examples; every label ['ai', 'ml', 'hybrid'] needs some.\n"
    assert not (tmp_path / "model.json").exists()


def test_train_on_repeated_rows_reports_them_instead_of_failing(tmp_path: Path) -> None:
    labelled = tmp_path / "labelled.csv"
    rows = ["Train ranking models with PyTorch.,ml", "Build LLM agents and RAG apps.,ai", "Train models and build the APIs that serve them.,hybrid"]
    labelled.write_text("text,label\n" + "\n".join(rows * 4) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["train", str(labelled), "--out", str(tmp_path / "model.json")])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1:3] == [
        "9 of them repeat an earlier posting's text (kept in the same fold)",
        "No cross-validation: ai has 1 distinct posting; every label needs at least 2 (more give a fairer report).",
    ]


def test_train_lists_the_rows_it_left_out(tmp_path: Path) -> None:
    labelled = tmp_path / "labelled.csv"
    rows = ["Train ranking models with PyTorch.,ml", "Build LLM agents and RAG apps.,ai", "Train models and build the APIs.,hybrid"]
    lines = [f"{text.replace(',', f' {i},')}" for i in range(3) for text in rows]
    labelled.write_text("text,label\n" + "\n".join([*lines[:4], ",ml", *lines[4:], *[",ai"] * 21]) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["train", str(labelled), "--out", str(tmp_path / "model.json"), "--cv", "2"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Trained on 9 postings (ai 3, ml 3, hybrid 3)")
    assert result.stderr.splitlines()[:3] == [f"{labelled}: 22 of 31 rows left out (no example to train on):", "  row 5: no text", "  row 11: no text"]
    assert result.stderr.splitlines()[20:22] == ["  row 29: no text", "  ... and 2 more"]


def test_evaluate_says_which_classifier_labelled(tmp_path: Path) -> None:
    gold = tmp_path / "gold.csv"
    gold.write_text('text,label\n"Train ranking models with PyTorch.",ml\n', encoding="utf-8")
    rules = runner.invoke(app, ["evaluate", str(gold), "--out", str(tmp_path / "rules")])
    model = runner.invoke(app, ["evaluate", str(gold), "--classifier", "model", "--out", str(tmp_path / "model")])
    assert rules.stdout.splitlines()[0] == "Postings evaluated: 1 (missing: 0); titles used"
    assert model.stdout.splitlines()[0] == "Postings evaluated: 1 (missing: 0); titles used; labels by the model shipped with the package"
    saved = json.loads((tmp_path / "model" / "evaluation.json").read_text(encoding="utf-8"))
    assert (saved["classifier"], saved["model"]) == ("model", "shipped with the package")
    assert json.loads((tmp_path / "rules" / "evaluation.json").read_text(encoding="utf-8"))["classifier"] == "rules"
    assert (tmp_path / "model" / "evaluation.txt").read_text(encoding="utf-8") == model.stdout


def test_reports_say_which_classifier_labelled(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("ML Engineer\n\nTrain ranking models with PyTorch.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["analyze", str(tmp_path / "in"), "--out", str(out), "--classifier", "model", "-q"])
    assert result.exit_code == 0, result.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert (summary["classifier"], summary["model"]) == ("model", "default")
    assert "; labels by the learned model shipped in the package." in (out / "report.md").read_text(encoding="utf-8")
    assert "; labels by the learned model shipped in the package." in (out / "report.html").read_text(encoding="utf-8")
    rebuilt = runner.invoke(app, ["report", str(out)])
    assert rebuilt.exit_code == 0, rebuilt.output
    assert json.loads((out / "summary.json").read_text(encoding="utf-8"))["model"] == "default"
    runner.invoke(app, ["analyze", str(tmp_path / "in"), "--out", str(out), "-q"])
    assert "; labels by the rule score." in (out / "report.md").read_text(encoding="utf-8")
    assert "model" not in json.loads((out / "summary.json").read_text(encoding="utf-8"))


def test_train_checks_out_before_training(tmp_path: Path) -> None:
    labelled = tmp_path / "labelled.csv"
    labelled.write_text("text,label\nTrain models.,ml\n", encoding="utf-8")
    result = runner.invoke(app, ["train", str(labelled), "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert f"{tmp_path}: is a folder; pass --out a file path such as {tmp_path / 'model.json'}." in result.stderr
    (tmp_path / "file").write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["train", str(labelled), "--out", str(tmp_path / "file" / "model.json")])
    assert result.exit_code == 1
    assert f"{tmp_path / 'file'}: cannot create the folder for the model (" in result.stderr
