"""classify, taxonomy and the options they share with other commands (analyzer/cli_classify.py, cli_options.py)."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from conftest import LISTING
from typer.testing import CliRunner

from analyzer import cli_classify
from analyzer.classify import calibrated, shipped_confidence_table
from analyzer.cli import app
from analyzer.taxonomy import load_taxonomy

runner = CliRunner()


def test_classify_file_for_a_person(tmp_path: Path) -> None:
    path = tmp_path / "listing.txt"
    path.write_text(LISTING, encoding="utf-8")
    result = runner.invoke(app, ["classify", str(path)])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    ai_top = calibrated(1.0, shipped_confidence_table(load_taxonomy())["ai"])
    assert lines[0] == f"AI-engineer-leaning (ai), confidence {ai_top:.2f}"
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


def test_classify_stdin_in_a_legacy_encoding_is_decoded() -> None:
    result = runner.invoke(app, ["classify", "-", "--json"], input="Caf\xe9 ML Engineer\n\nTrain ranking models with PyTorch.".encode("cp1252"))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["title"] == "Café ML Engineer"


def test_classify_binary_stdin_is_skipped_with_the_reason() -> None:
    result = runner.invoke(app, ["classify", "-"], input=b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "skipped <stdin>: binary file (contains NUL bytes), not a text posting\nError: nothing to classify.\n"


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


def test_bad_taxonomy_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "t.yaml"
    bad.write_text("name: x\n", encoding="utf-8")
    result = runner.invoke(app, ["taxonomy", "--taxonomy", str(bad), "--validate"])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {bad}: the top level is missing ['categories', 'skills', 'version']")


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


@pytest.fixture()
def no_server(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``serve`` fail instead of serving, should it get past its checks."""
    import uvicorn

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the server should not start")

    monkeypatch.setattr(uvicorn.Server, "run", refuse)


def test_serve_on_a_port_in_use_exits_1_with_the_fix(no_server: None) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = runner.invoke(app, ["serve", "--port", str(port)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: cannot listen on 127.0.0.1:{port}: Address already in use; "
        "pass --port a free port (or stop the program using this one).\n"
    )


def test_serve_on_an_unknown_host_exits_1(no_server: None) -> None:
    result = runner.invoke(app, ["serve", "--host", "no-such-host.invalid", "--port", "8000"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot listen on no-such-host.invalid:8000: ")
    assert result.stderr.endswith("; pass --host an address of this machine such as 127.0.0.1 or 0.0.0.0.\n")


@pytest.mark.parametrize("port", ["0", "70000"])
def test_serve_port_out_of_range_is_bad_usage(no_server: None, port: str) -> None:
    result = runner.invoke(app, ["serve", "--port", port])
    assert result.exit_code == 2
    assert "Invalid value for '--port'" in result.stderr


def test_classify_a_folder_says_to_use_analyze(tmp_path: Path) -> None:
    result = runner.invoke(app, ["classify", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {tmp_path}: is a folder; classify reads one posting file (or - for standard input), analyze reads folders.\n"
    )


@pytest.mark.parametrize(
    ("given", "shown"), [("  Staff\n ML   Engineer\t", "  title:  Staff ML Engineer"), ("   ", "  title:  Senior AI Engineer")]
)
def test_classify_title_is_put_on_one_line_and_a_blank_one_ignored(given: str, shown: str) -> None:
    result = runner.invoke(app, ["classify", "-", "--title", given], input=LISTING)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[2] == shown
    record = json.loads(runner.invoke(app, ["classify", "-", "--json", "--title", given], input=LISTING).stdout)
    assert record["title"] == shown.removeprefix("  title:  ")


def test_classify_html_in_a_txt_file_matches_the_same_text_on_stdin(tmp_path: Path) -> None:
    markup = "<p>We need an <b>AI Engineer</b> to build RAG agents.</p><ul><li>3+ years Python</li><li>OpenAI APIs</li></ul>"
    path = tmp_path / "listing.txt"
    path.write_text(markup, encoding="utf-8")
    from_file = json.loads(runner.invoke(app, ["classify", str(path), "--json"]).stdout)
    from_stdin = json.loads(runner.invoke(app, ["classify", "-", "--json"], input=markup).stdout)
    assert "python" in [skill["id"] for skill in from_file["skills"]]
    for key in ("id", "source"):
        del from_file[key], from_stdin[key]
    assert from_file == from_stdin


def test_classify_stdin_from_a_terminal_says_how_to_end_the_paste(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_classify, "_stdin_is_terminal", lambda: True)
    result = runner.invoke(app, ["classify", "-"], input=LISTING)
    assert result.exit_code == 0
    assert result.stderr == "Paste the listing, then press Ctrl-D on a new line (Ctrl-Z then Enter on Windows).\n"
    assert result.stdout.startswith("AI-engineer-leaning (ai)")


def test_classify_piped_stdin_prints_no_paste_hint() -> None:
    result = runner.invoke(app, ["classify", "-"], input=LISTING)
    assert result.exit_code == 0
    assert result.stderr == ""


def test_classify_shows_company_place_and_date_when_the_posting_has_them() -> None:
    listing = "Title: ML Engineer\nCompany: Acme\nLocation: Berlin\nDate: 2024-05-01\n\nTrain ranking models with PyTorch."
    lines = runner.invoke(app, ["classify", "-"], input=listing).stdout.splitlines()
    assert lines[1:5] == ["  source: <stdin>", "  title:  ML Engineer", "  at:     Acme, Berlin", "  posted: 2024-05-01"]
    assert lines[5].startswith("  scores: ")
    only_place = runner.invoke(app, ["classify", "-"], input="Location: Remote\n\nTrain ranking models with PyTorch.").stdout
    assert only_place.splitlines()[2] == "  at:     Remote"


@pytest.mark.parametrize("size", ["0", "-5"])
def test_serve_max_bytes_below_one_is_bad_usage(no_server: None, size: str) -> None:
    result = runner.invoke(app, ["serve", "--max-bytes", size])
    assert result.exit_code == 2
    assert "Invalid value for '--max-bytes'" in result.stderr
