"""The bundled sample postings: the analyzer reproduces sample_postings/labels.csv exactly.

Skills are compared over the evaluated scope (tests/eval/scope.txt); the
other taxonomy skills (soft skills, broad practices) are not labelled.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from conftest import ROOT

from analyzer import Analyzer, analyze

SAMPLES = ROOT / "sample_postings"
SCOPE = frozenset((ROOT / "tests" / "eval" / "scope.txt").read_text(encoding="utf-8").split())


def _expected() -> dict[str, dict[str, str]]:
    with (SAMPLES / "labels.csv").open(encoding="utf-8", newline="") as handle:
        return {
            f"{row['file']}#row={row['row']}" if row["row"] else row["file"]: row
            for row in csv.DictReader(handle)
        }


EXPECTED = _expected()


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory, analyzer: Analyzer) -> dict[str, dict]:
    out = tmp_path_factory.mktemp("samples")
    summary = analyze([SAMPLES], out, analyzer=analyzer, exclude=["labels.csv"])
    assert summary.skipped == 0
    lines = (out / "postings.jsonl").read_text(encoding="utf-8").splitlines()
    return {Path(r["source"]).relative_to(SAMPLES).as_posix(): r for r in map(json.loads, lines)}


def test_there_are_enough_samples() -> None:
    labels = [row["label"] for row in EXPECTED.values()]
    assert len(labels) >= 30
    assert {label: labels.count(label) for label in ("ai", "ml", "hybrid")} == {"ai": 13, "ml": 13, "hybrid": 10}


def test_every_sample_is_analyzed(records: dict[str, dict]) -> None:
    assert sorted(records) == sorted(EXPECTED)


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_sample_label_and_skills(records: dict[str, dict], key: str) -> None:
    record = records[key]
    found = sorted(s["id"] for s in record["skills"] if s["id"] in SCOPE)
    assert (record["label"], found) == (EXPECTED[key]["label"], sorted(EXPECTED[key]["skills"].split()))


def test_repost_is_marked(records: dict[str, dict]) -> None:
    duplicates = {k: r["duplicate_of"] for k, r in records.items() if r["duplicate_of"]}
    assert duplicates == {"postings.jsonl#row=5": records["postings.jsonl#row=2"]["id"]}
