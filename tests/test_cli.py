"""The app: help, version, usage errors, python -m analyzer, SIGTERM (analyzer/cli.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from analyzer import __version__
from analyzer.cli import app

runner = CliRunner()


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


def test_bad_usage_exits_2() -> None:
    assert runner.invoke(app, ["analyze"]).exit_code == 2
    assert runner.invoke(app, ["analyze", "x", "--no-such-option"]).exit_code == 2
    assert runner.invoke(app, ["frobnicate"]).exit_code == 2


def test_python_dash_m_runs_the_cli() -> None:
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "analyzer", "--version"], capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert result.stdout == f"skill-analyzer {__version__}\n"


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
