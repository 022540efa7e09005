"""Runs on the real postings in ../shared/corpus (skipped where it is absent)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from conftest import ROOT

from analyzer import Analyzer, analyze
from analyzer.evaluate import evaluate
from analyzer.gold import read_gold, read_scope

EVAL = ROOT / "tests" / "eval"
FILES = ["linkedin_ai_ml_us_2022_2024.csv", "linkedin_ml_engineer_2020.jsonl", "greenhouse_ai_engineer_html.csv"]


def test_every_corpus_row_is_accounted_for(corpus: Path, tmp_path: Path, analyzer: Analyzer) -> None:
    summary = analyze([corpus / name for name in FILES], tmp_path, analyzer=analyzer)
    with (corpus / FILES[0]).open(encoding="utf-8", newline="") as handle:
        csv_rows = sum(1 for _ in csv.DictReader(handle))
    with (corpus / FILES[2]).open(encoding="utf-8", newline="") as handle:
        html_rows = sum(1 for _ in csv.DictReader(handle))
    jsonl_rows = sum(1 for line in (corpus / FILES[1]).read_text(encoding="utf-8").splitlines() if line.strip())
    assert summary.postings + summary.skipped == csv_rows + jsonl_rows + html_rows
    assert summary.inputs == 3
    assert summary.duplicates > 0
    records = [json.loads(line) for line in (tmp_path / "postings.jsonl").read_text(encoding="utf-8").splitlines()]
    for record in records[:50]:
        for skill in record["skills"]:
            for mention in skill["mentions"]:
                assert record["text"][mention["start"] : mention["end"]] == mention["text"]


def test_development_set_floor(corpus: Path, analyzer: Analyzer) -> None:
    """A regression floor on the development split: drops here mean a change broke something."""
    gold = read_gold(EVAL / "corpus_labels.csv", base=corpus, split="dev")
    result = evaluate(gold, analyzer, scope=read_scope(EVAL / "required_scope.txt", analyzer.taxonomy.skill_ids), use_titles=False)
    assert result["missing"] == []
    assert result["postings"] == 122
    assert result["skills"]["precision"] >= 0.98
    assert result["skills"]["recall"] >= 0.98
    assert result["labels"]["accuracy"] >= 0.82


@pytest.mark.parametrize(("split", "accuracy"), [("dev2", 0.85), ("dev3", 0.83)])
def test_role_set_floor(corpus: Path, analyzer: Analyzer, split: str, accuracy: float) -> None:
    """Label floors on the role-only development splits (cues were written from their errors)."""
    gold = read_gold(EVAL / "corpus_roles.csv", base=corpus, split=split)
    result = evaluate(gold, analyzer, scope=(), use_titles=False)
    assert result["missing"] == []
    assert result["labels"]["accuracy"] >= accuracy


def test_skill_audit_set_floor(corpus: Path, analyzer: Analyzer) -> None:
    """Skill floors on the blind-first audit rounds (tuned on, like the dev split): skills only, no labels."""
    gold = read_gold(EVAL / "corpus_skills.csv", base=corpus)
    result = evaluate(gold, analyzer, scope=read_scope(EVAL / "scope.txt", analyzer.taxonomy.skill_ids), use_titles=False)
    assert result["missing"] == []
    assert (result["postings"], result["skills"]["postings"], result["labels"]["postings"]) == (len(gold), len(gold), 0)
    assert result["skills"]["precision"] >= 0.975
    assert result["skills"]["recall"] >= 0.975


@pytest.mark.parametrize(
    ("name", "split", "precision", "recall", "accuracy"),
    [("corpus_labels.csv", "heldout", 0.965, 0.965, 0.65), ("corpus_test.csv", None, 0.95, 0.965, 0.75)],
    ids=["heldout-split", "test-set"],
)
def test_held_out_floor(
    corpus: Path, analyzer: Analyzer, name: str, split: str | None, precision: float, recall: float, accuracy: float
) -> None:
    """Floors a little under today's held-out numbers (never tuned on): a drop means a change broke something."""
    gold = read_gold(EVAL / name, base=corpus, split=split)
    result = evaluate(gold, analyzer, scope=read_scope(EVAL / "required_scope.txt", analyzer.taxonomy.skill_ids), use_titles=False)
    assert result["skills"]["precision"] >= precision
    assert result["skills"]["recall"] >= recall
    assert result["labels"]["accuracy"] >= accuracy


@pytest.mark.parametrize(
    ("name", "split", "rows"),
    [
        ("corpus_labels.csv", "dev", 122),
        ("corpus_labels.csv", "heldout", 67),
        ("corpus_roles.csv", "dev2", 115),
        ("corpus_roles.csv", "dev3", 224),
        ("corpus_roles.csv", "dev4", 111),
        ("corpus_test.csv", None, 109),
        ("corpus_skills.csv", None, 579),
    ],
)
def test_gold_rows_resolve(corpus: Path, name: str, split: str | None, rows: int) -> None:
    gold = read_gold(EVAL / name, base=corpus, split=split)
    assert len(gold) == rows
    assert all(g.posting is not None for g in gold), [g.problem for g in gold if g.posting is None]


def test_facts_and_requirement_levels_floor(corpus: Path, analyzer: Analyzer) -> None:
    from analyzer.evaluate import evaluate_facts, evaluate_requirements

    facts = evaluate_facts(EVAL / "corpus_facts.csv", analyzer, base=corpus)
    assert facts["pay"]["precision"] >= 0.95 and facts["pay"]["recall"] >= 0.9
    assert facts["min_years"]["accuracy"] >= 0.9
    levels = evaluate_requirements(EVAL / "requirement_labels.csv", analyzer, base=corpus)
    assert levels["mentions"] == 821
    assert levels["accuracy_clear"] >= 0.9
