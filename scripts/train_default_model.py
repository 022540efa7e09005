"""Retrain the classifier model shipped in the package (``analyzer/data/default_model.json``).

The shipped model is trained only on postings we wrote ourselves, so that it
may be distributed: the bundled ``sample_postings/`` (labels in
``sample_postings/labels.csv``). Real corpus postings are never used: the
model stores its word n-grams. (90 more postings we wrote for training made
the model worse on the real development postings: written postings are
cleaner and more clear-cut than real ones, so they were not kept.)

Usage:
    python scripts/train_default_model.py            # writes analyzer/data/default_model.json
    python scripts/train_default_model.py --out m.json
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

from analyzer.ingest import read_postings
from analyzer.learn import render_report, train
from analyzer.model import Posting
from analyzer.model_file import default_model_path, save_model
from analyzer.taxonomy import load_taxonomy

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_postings"


def sample_examples() -> list[tuple[str, str | None, str]]:
    """The bundled sample postings with their labels from ``labels.csv``."""
    with (SAMPLES / "labels.csv").open(encoding="utf-8", newline="") as handle:
        labels = {f"{r['file']}#row={r['row']}" if r["row"] else r["file"]: r["label"] for r in csv.DictReader(handle)}
    examples = []
    for item in read_postings([SAMPLES], exclude=["labels.csv"]):
        if isinstance(item, Posting):
            key = Path(item.source.split("#row=")[0]).relative_to(SAMPLES).as_posix()
            key += f"#row={item.source.split('#row=')[1]}" if "#row=" in item.source else ""
            examples.append((item.text, item.title, labels[key]))
    return examples


def main() -> None:
    """Train on our own postings, print the cross-validated report and write the model."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=default_model_path(), help="where to write the model")
    args = parser.parse_args()
    examples = sample_examples()
    model, report = train(examples, load_taxonomy())
    save_model(model, args.out)
    print(render_report(report), end="")
    print(f"Model written to {args.out}")


if __name__ == "__main__":
    main()
