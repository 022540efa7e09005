"""train and evaluate (analyzer/cli_evaluate.py)."""

from __future__ import annotations

import json
from pathlib import Path

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
    model = tmp_path / "model.json"
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
