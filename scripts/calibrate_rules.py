"""Refit the rule classifier's confidence table (``analyzer/data/rule_confidence.json``).

The rule classifier's raw strength (how far the AI share is from the line,
how much evidence there is) is not a probability: on real postings, labels
given with strength 0.85 were right about 70% of the time. This script runs
the rules over the labelled development postings (``tests/eval/corpus_labels.csv``
split ``dev``, ``tests/eval/corpus_roles.csv`` splits ``dev2`` and ``dev3``;
never the held-out sets), from the description alone, and fits for each
label a monotone table from raw strength to the share of labels that were
right: postings sorted by strength are pooled in runs of at least
``--min-run`` (equal strengths stay together), and isotonic regression over
the runs (weighted by their size) makes the table rise with the strength.

It needs the corpus the labels point at (``../shared/corpus``). Run it after
every change to the taxonomy or the rules, as for ``train_default_model.py``.

Usage:
    python scripts/calibrate_rules.py [--corpus ../shared/corpus] [--out analyzer/data/rule_confidence.json]
"""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from pathlib import Path

from sklearn.isotonic import IsotonicRegression

from analyzer.classify import RuleClassifier, calibrated, confidence_table_path
from analyzer.gold import read_gold
from analyzer.metrics import confidence_reliability, render_confidence
from analyzer.model import LABELS
from analyzer.pipeline import Analyzer
from analyzer.taxonomy import load_taxonomy

ROOT = Path(__file__).resolve().parent.parent
DEVELOPMENT = (("corpus_labels.csv", "dev"), ("corpus_roles.csv", "dev2"), ("corpus_roles.csv", "dev3"))


def raw_verdicts(corpus: Path) -> list[tuple[str, str, float]]:
    """``(expected, found, raw strength)`` for every development posting, titles ignored."""
    analyzer = Analyzer()
    analyzer.classifier = RuleClassifier(analyzer.taxonomy, confidence_table={})
    out = []
    for name, split in DEVELOPMENT:
        for item in read_gold(ROOT / "tests" / "eval" / name, base=corpus, split=split, taxonomy=analyzer.taxonomy):
            if item.posting is None or item.label is None:
                raise SystemExit(f"{item.key}: {item.problem}; is --corpus right?")
            analysis = analyzer.analyze_posting(replace(item.posting, title=None))
            out.append((item.label, analysis.label, analysis.confidence))
    return out


def fit(pairs: list[tuple[float, bool]], min_run: int) -> list[tuple[float, float]]:
    """Monotone ``(raw strength, share right)`` points from ``(strength, right)`` pairs."""
    pairs = sorted(pairs)
    runs: list[list[tuple[float, bool]]] = []
    for pair in pairs:
        if runs and (len(runs[-1]) < min_run or runs[-1][-1][0] == pair[0]):
            runs[-1].append(pair)
        else:
            runs.append([pair])
    if len(runs) > 1 and len(runs[-1]) < min_run:
        runs[-2].extend(runs.pop())
    xs = [sum(x for x, _ in run) / len(run) for run in runs]
    ys = [sum(r for _, r in run) / len(run) for run in runs]
    fitted = IsotonicRegression(y_min=0.0, y_max=1.0).fit(xs, ys, sample_weight=[len(run) for run in runs]).predict(xs)
    return [(round(x, 4), round(float(y), 4)) for x, y in zip(xs, fitted, strict=True)]


def main() -> None:
    """Fit the table, print the reliability before and after, and write the file."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus", help="the corpus the labels point at")
    parser.add_argument("--out", type=Path, default=confidence_table_path(), help="where to write the table")
    parser.add_argument("--min-run", type=int, default=15, help="fewest postings pooled into one point")
    args = parser.parse_args()
    verdicts = [(e, f, c) for e, f, c in raw_verdicts(args.corpus) if c > 0]  # no evidence: confidence stays 0
    labels = {}
    for label in LABELS:
        pairs = [(c, e == f) for e, f, c in verdicts if f == label]
        labels[label] = {"postings": len(pairs), "points": fit(pairs, args.min_run)}
    taxonomy = load_taxonomy()
    table = {
        "format": "skill-analyzer rule confidence",
        "taxonomy": {"name": taxonomy.name, "version": taxonomy.version},
        "fitted_on": "development postings: tests/eval/corpus_labels.csv split dev, tests/eval/corpus_roles.csv splits dev2 and dev3; titles ignored",
        "postings": len(verdicts),
        "labels": labels,
    }
    args.out.write_text(json.dumps(table, indent=2) + "\n", encoding="utf-8")
    right = [e == f for e, f, _ in verdicts]
    print("\n".join(["Raw strength:", *render_confidence(confidence_reliability([c for *_, c in verdicts], right))]))
    after = [round(calibrated(c, labels[f]["points"]), 3) for _, f, c in verdicts]
    print("\n".join(["Calibrated (in-sample):", *render_confidence(confidence_reliability(after, right))]))
    print(f"Table written to {args.out}")


if __name__ == "__main__":
    main()
