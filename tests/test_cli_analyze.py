"""analyze and report (analyzer/cli_analyze.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import DATA, LISTING
from typer.testing import CliRunner

from analyzer.cli import app

runner = CliRunner()
MIXED = DATA / "mixed"


def test_analyze_writes_reports_and_reports_skips(tmp_path: Path) -> None:
    result = runner.invoke(app, ["analyze", str(MIXED), "--out", str(tmp_path), "--quiet"])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr.endswith(
        "7 postings analyzed (6 unique, 1 duplicate), 8 skipped, from 10 inputs. "
        f"Labels of the unique postings: ai 4, ml 2, hybrid 0. Reports in {tmp_path}/\n"
    )
    assert (tmp_path / "report.md").is_file()


def test_one_posting_from_one_input_is_said_in_the_singular(tmp_path: Path) -> None:
    result = runner.invoke(app, ["analyze", str(MIXED / "llm_app.txt"), "--out", str(tmp_path / "o"), "--quiet"])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("1 posting analyzed (1 unique, 0 duplicates), 0 skipped, from 1 input. ")
    rebuilt = runner.invoke(app, ["report", str(tmp_path / "o")])
    assert rebuilt.stderr == f"Rebuilt the reports in {tmp_path / 'o'}/ from 1 posting.\n"


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


def test_bad_format_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["analyze", str(MIXED), "--out", str(tmp_path), "--format", "pdf"])
    assert result.exit_code == 2
    assert result.stderr == "Error: unknown format 'pdf'; choose from csv, parquet, xlsx.\n"


def test_timestamp_is_off_by_default(tmp_path: Path) -> None:
    assert runner.invoke(app, ["analyze", str(MIXED), "--out", str(tmp_path / "a"), "-q"]).exit_code == 0
    assert "generated_at" not in json.loads((tmp_path / "a" / "summary.json").read_text(encoding="utf-8"))
    assert runner.invoke(app, ["analyze", str(MIXED), "--out", str(tmp_path / "b"), "-q", "--timestamp"]).exit_code == 0
    stamp = json.loads((tmp_path / "b" / "summary.json").read_text(encoding="utf-8"))["generated_at"]
    assert f"Generated {stamp}." in (tmp_path / "b" / "report.md").read_text(encoding="utf-8")


def test_analyze_out_that_is_a_file_exits_1_naming_it(tmp_path: Path) -> None:
    taken = tmp_path / "taken"
    taken.write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(MIXED / "llm_app.txt"), "--out", str(taken / "sub"), "--quiet"])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {taken / 'sub'}: cannot write the reports here (a file is in the way); pass --out a folder you can write to.\n"


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


def test_report_rebuilds_the_excel_copy_and_a_rerun_without_it_removes_it(tmp_path: Path) -> None:
    import pandas as pd

    out = tmp_path / "o"
    assert runner.invoke(app, ["analyze", str(MIXED), "--out", str(out), "-q", "--format", "xlsx"]).exit_code == 0
    (out / "report.xlsx").write_bytes(b"stale")
    assert runner.invoke(app, ["report", str(out)]).exit_code == 0
    assert len(pd.read_excel(out / "report.xlsx", sheet_name="postings")) == 7
    assert runner.invoke(app, ["analyze", str(MIXED), "--out", str(out), "-q"]).exit_code == 0
    assert not (out / "report.xlsx").exists()


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


def test_postings_labelled_without_any_evidence_are_counted_apart(tmp_path: Path) -> None:
    # An EEO statement alone or text the tokenizer cannot split has no skill or duty phrase: the rules call it
    # hybrid with confidence 0. The reports and the run's last line say how many hybrids are such guesses.
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "eeo.txt").write_text("We are an equal opportunity employer.\n", encoding="utf-8")
    (folder / "jp.txt").write_text("PythonとPyTorchで機械学習モデルを開発する\n", encoding="utf-8")
    (folder / "ml.txt").write_text("ML Engineer\n\nTrain ranking models with PyTorch.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["analyze", str(folder), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    note = "2 hybrid postings are only a guess (confidence 0): no skill or duty phrase leaned either way"
    assert f"Labels of the unique postings: ai 0, ml 1, hybrid 2; {note}. Reports in" in result.stderr
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert (summary["labels"], summary["no_evidence"]) == ({"ai": 0, "ml": 1, "hybrid": 2}, 2)
    assert f"\n{note} (empty, off-topic or non-English text?).\n" in (out / "report.md").read_text(encoding="utf-8")
    assert f"<p>{note} (empty, off-topic or non-English text?).</p>" in (out / "report.html").read_text(encoding="utf-8")
    assert runner.invoke(app, ["report", str(out)]).exit_code == 0
    assert json.loads((out / "summary.json").read_text(encoding="utf-8"))["no_evidence"] == 2
