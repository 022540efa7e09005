from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import DATA
from typer.main import get_command
from typer.testing import CliRunner

from analyzer import __version__
from analyzer.cli import app

runner = CliRunner()
MIXED = DATA / "mixed"
LISTING = """Senior AI Engineer

Responsibilities:
* Build LLM-powered applications and AI agents with LangChain
* Integrate models into our products through REST APIs on Azure
"""


def test_every_command_has_help_with_an_example() -> None:
    group = get_command(app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Example:" in (command.help or ""), name


def test_no_args_shows_help_and_version() -> None:
    result = runner.invoke(app, [])
    assert result.exit_code in (0, 2)
    assert "analyze" in result.output
    assert runner.invoke(app, ["--version"]).output == f"skill-analyzer {__version__}\n"


def test_analyze_writes_reports_and_reports_skips(tmp_path: Path) -> None:
    result = runner.invoke(app, ["analyze", str(MIXED), "--out", str(tmp_path), "--quiet"])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr.endswith(
        "7 postings analyzed (6 unique, 1 duplicate), 8 skipped, from 10 inputs. "
        f"Labels of the unique postings: ai 4, ml 2, hybrid 0. Reports in {tmp_path}/\n"
    )
    assert (tmp_path / "report.md").is_file()


def test_analyze_messages_name_skipped_files(tmp_path: Path) -> None:
    result = runner.invoke(app, ["analyze", str(MIXED), "--out", str(tmp_path)])
    assert result.exit_code == 0
    assert f"skipped {MIXED / 'empty.txt'}: empty file\n" in result.stderr


def test_analyze_missing_path_exits_1(tmp_path: Path) -> None:
    result = runner.invoke(app, ["analyze", str(tmp_path / "nope"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / 'nope'}: no such file or folder; check the path.\n"


def test_analyze_nothing_analyzable_exits_1(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(tmp_path / "in"), "--out", str(tmp_path / "o"), "-q"])
    assert result.exit_code == 1
    assert result.stderr.endswith("Error: no posting could be analyzed; see skipped.csv for the reasons.\n")


def test_bad_usage_exits_2() -> None:
    assert runner.invoke(app, ["analyze"]).exit_code == 2
    assert runner.invoke(app, ["analyze", "x", "--no-such-option"]).exit_code == 2
    assert runner.invoke(app, ["frobnicate"]).exit_code == 2


def test_bad_taxonomy_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "t.yaml"
    bad.write_text("name: x\n", encoding="utf-8")
    result = runner.invoke(app, ["taxonomy", "--taxonomy", str(bad), "--validate"])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {bad}: the top level is missing ['categories', 'skills', 'version']")


def test_classify_file_for_a_person(tmp_path: Path) -> None:
    path = tmp_path / "listing.txt"
    path.write_text(LISTING, encoding="utf-8")
    result = runner.invoke(app, ["classify", str(path)])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "AI-engineer-leaning (ai), confidence 1.00"
    assert lines[2] == "  title:  Senior AI Engineer"
    assert lines[4] == "  level:  senior"
    assert "LLMs" in lines[5] and "LangChain" in lines[5] and "Azure" in lines[5]
    assert lines[6] == "  why:"


def test_classify_shows_level_and_pay_for_a_person() -> None:
    listing = LISTING + "\nRequirements:\n* 5+ years of Python experience\n\nThe base salary range is $150,000 - $180,000 per year.\n"
    result = runner.invoke(app, ["classify", "-"], input=listing)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[4:6] == [
        "  level:  senior, at least 5 years asked",
        "  pay:    $150,000 - $180,000 per year",
    ]


def test_classify_stdin_json() -> None:
    result = runner.invoke(app, ["classify", "-", "--json"], input=LISTING)
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert record["source"] == "<stdin>"
    assert record["label"] == "ai"
    assert record["title"] == "Senior AI Engineer"
    assert {s["id"] for s in record["skills"]} >= {"llm", "ai_agents", "llm_frameworks", "apis", "azure"}
    assert "text" not in record


def test_classify_empty_stdin_exits_1() -> None:
    result = runner.invoke(app, ["classify", "-"], input="   \n")
    assert result.exit_code == 1
    assert result.stderr == "skipped <stdin>: empty posting: no text\nError: nothing to classify.\n"


def test_classify_missing_file_exits_1() -> None:
    result = runner.invoke(app, ["classify", "nope.txt"])
    assert result.exit_code == 1
    assert result.stderr == "Error: nope.txt: no such file; pass a posting file or - for standard input.\n"


@pytest.mark.parametrize("flag", [[], ["--json"], ["--validate"]])
def test_taxonomy_command(flag: list[str]) -> None:
    result = runner.invoke(app, ["taxonomy", *flag])
    assert result.exit_code == 0
    if flag == ["--json"]:
        assert json.loads(result.stdout)["name"] == "ai_ml_2025"
    elif flag == ["--validate"]:
        assert result.stdout.startswith("OK: ") and "81 skills" in result.stdout
    else:
        assert result.stdout.splitlines()[2].split()[:2] == ["python", "programming"]


def test_python_dash_m_runs_the_cli() -> None:
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "analyzer", "--version"], capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert result.stdout == f"skill-analyzer {__version__}\n"


def test_report_command(tmp_path: Path) -> None:
    assert runner.invoke(app, ["analyze", str(MIXED), "--out", str(tmp_path), "-q"]).exit_code == 0
    (tmp_path / "report.html").unlink()
    result = runner.invoke(app, ["report", str(tmp_path)])
    assert result.exit_code == 0
    assert result.stderr == f"Rebuilt the reports in {tmp_path}/ from 7 postings.\n"
    assert (tmp_path / "report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    missing = runner.invoke(app, ["report", str(tmp_path / "nope")])
    assert missing.exit_code == 1
    assert "no postings.jsonl here" in missing.stderr


def test_timestamp_is_off_by_default(tmp_path: Path) -> None:
    assert runner.invoke(app, ["analyze", str(MIXED), "--out", str(tmp_path / "a"), "-q"]).exit_code == 0
    assert "generated_at" not in json.loads((tmp_path / "a" / "summary.json").read_text(encoding="utf-8"))
    assert runner.invoke(app, ["analyze", str(MIXED), "--out", str(tmp_path / "b"), "-q", "--timestamp"]).exit_code == 0
    stamp = json.loads((tmp_path / "b" / "summary.json").read_text(encoding="utf-8"))["generated_at"]
    assert f"Generated {stamp}." in (tmp_path / "b" / "report.md").read_text(encoding="utf-8")


def test_bad_format_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["analyze", str(MIXED), "--out", str(tmp_path), "--format", "pdf"])
    assert result.exit_code == 2
    assert result.stderr == "Error: unknown format 'pdf'; choose from csv, parquet, xlsx.\n"


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


def test_shipped_model_and_option_errors(tmp_path: Path) -> None:
    result = runner.invoke(app, ["classify", "-", "--classifier", "model"], input=LISTING)
    assert result.exit_code == 0
    assert result.stdout.startswith("AI-engineer-leaning (ai)")
    wrong = runner.invoke(app, ["classify", "-", "--model", str(tmp_path / "m.json")], input=LISTING)
    assert wrong.exit_code == 2
    assert wrong.stderr == "Error: --model needs --classifier model.\n"
    missing = runner.invoke(app, ["classify", "-", "--classifier", "model", "--model", str(tmp_path / "m.json")], input=LISTING)
    assert missing.exit_code == 1
    assert "no such model file" in missing.stderr


def test_analyze_out_that_is_a_file_exits_1_naming_it(tmp_path: Path) -> None:
    taken = tmp_path / "taken"
    taken.write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(MIXED / "llm_app.txt"), "--out", str(taken / "sub"), "--quiet"])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {taken / 'sub'}: cannot write the reports here (a file is in the way); pass --out a folder you can write to.\n"


def test_evaluate_out_that_is_a_file_exits_1_naming_it(tmp_path: Path) -> None:
    gold = tmp_path / "gold.csv"
    gold.write_text('text,label\n"Train ranking models with PyTorch.",ml\n', encoding="utf-8")
    taken = tmp_path / "taken"
    taken.write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(gold), "--out", str(taken)])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {taken}: cannot write the evaluation here (a file is in the way); pass --out a folder you can write to.\n"


def test_classify_stdin_in_a_legacy_encoding_is_decoded() -> None:
    result = runner.invoke(app, ["classify", "-", "--json"], input="Caf\xe9 ML Engineer\n\nTrain ranking models with PyTorch.".encode("cp1252"))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["title"] == "Café ML Engineer"


def test_classify_binary_stdin_is_skipped_with_the_reason() -> None:
    result = runner.invoke(app, ["classify", "-"], input=b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "skipped <stdin>: binary file (contains NUL bytes), not a text posting\nError: nothing to classify.\n"


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads worker processes from /proc")
def test_sigterm_stops_a_run_leaving_no_temporary_files_and_no_workers(tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    words = "Train ranking models with PyTorch and build LLM agents with LangChain on AWS".split()
    postings = tmp_path / "many.jsonl"
    postings.write_text(
        "".join(json.dumps({"description": f"{' '.join(words[i % 7:] + words)} {i}"}) + "\n" for i in range(20000)), encoding="utf-8"
    )
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    command = [sys.executable, "-m", "analyzer", "analyze", str(postings), "--out", str(out), "--quiet", "--jobs", "3"]
    run = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not any(p.stat().st_size for p in out.glob(".postings.jsonl.*.tmp")) and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = Path(f"/proc/{run.pid}/task/{run.pid}/children").read_text().split()
    run.send_signal(signal.SIGTERM)
    try:
        code = run.wait(60)
    finally:
        run.kill()
        deadline = time.monotonic() + 20
        while any(Path(f"/proc/{pid}").exists() for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        left = [pid for pid in workers if Path(f"/proc/{pid}").exists()]
        for pid in left:
            os.kill(int(pid), signal.SIGKILL)
    assert code == 128 + signal.SIGTERM
    assert workers and left == []
    assert sorted(p.name for p in out.iterdir()) == []


def test_analyze_an_unreadable_file_is_skipped_and_the_run_goes_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    locked = tmp_path / "locked.txt"
    locked.write_text(LISTING, encoding="utf-8")
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: Path(path) != locked and real_access(path, mode, **kw))
    result = runner.invoke(app, ["analyze", str(locked), str(MIXED / "llm_app.txt"), "--out", str(tmp_path / "o"), "--quiet"])
    # The run is not stopped as bad usage (exit 2); a file that really cannot be read is skipped (see test_ingest).
    assert result.exit_code == 0, result.output
    assert "postings analyzed" in result.stderr
