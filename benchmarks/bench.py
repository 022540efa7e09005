"""Benchmark: analyze N postings end to end and compare with bare spaCy tokenization.

Usage:
    python benchmarks/bench.py --n 20000 --jobs 1
    python benchmarks/bench.py --n 200000 --jobs 2 --source generated

It builds N postings (from ../shared/corpus replicated to size when it is
there, else generated from templates), writes them to a temporary JSONL
file, runs ``analyze`` (ingest, match, classify, write every output), then
tokenizes the same texts with bare ``spacy.blank("en")`` in one process and
prints postings per second for both, their ratio and the peak resident
memory of the run (this process and its workers). Run each size in its own
process to compare peak memory.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import spacy

from analyzer import Analyzer, analyze
from analyzer.ingest import read_postings
from analyzer.model import Posting

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"

_DUTIES = [
    "Train and tune {a} models for {d} using {f}.",
    "Build {d} services that integrate {a} models into our products through REST APIs.",
    "Design data pipelines with {t} and {t2} to feed model training.",
    "Deploy models to production on {c} with {o} and monitor their performance.",
    "Run A/B tests and offline experiments to improve {d} quality.",
    "Build LLM-powered assistants with retrieval-augmented generation over {d} documents.",
    "Collaborate with data scientists, product managers and engineers across teams.",
    "Own feature engineering and hyperparameter tuning for the {d} stack.",
]
_FILL = {
    "a": ["ranking", "recommendation", "forecasting", "classification", "language", "vision", "fraud"],
    "d": ["search", "ads", "payments", "logistics", "healthcare", "support", "music", "retail"],
    "f": ["PyTorch", "TensorFlow", "scikit-learn", "XGBoost", "JAX"],
    "t": ["Spark", "Airflow", "Kafka", "dbt", "BigQuery", "Snowflake"],
    "t2": ["SQL", "Python", "Scala", "Databricks"],
    "c": ["AWS", "Azure", "GCP", "Kubernetes"],
    "o": ["Docker", "Kubernetes", "MLflow", "Terraform", "GitHub Actions"],
}
_BOILER = (
    "About us\nWe are a fast-growing company that helps millions of people every day. Our culture values curiosity.\n"
    "Benefits\n* Medical, dental and vision insurance\n* 401(k) match and a learning budget\n"
    "We are an equal opportunity employer and do not discriminate on the basis of race, religion, sexual orientation or "
    "gender identity.\n"
)


def generated_texts(rng: random.Random) -> Iterator[str]:
    """Endless postings of about 350-450 words from templates."""
    while True:
        lines = ["Responsibilities:"]
        for _ in range(rng.randint(14, 20)):
            template = rng.choice(_DUTIES)
            lines.append("* " + template.format(**{k: rng.choice(v) for k, v in _FILL.items()}))
        lines.append("Requirements:")
        lines += [f"* {rng.randint(2, 8)}+ years with {rng.choice(_FILL['f'])} and {rng.choice(_FILL['t'])}" for _ in range(6)]
        yield _BOILER.split("Benefits")[0] + "\n".join(lines) + "\nBenefits" + _BOILER.split("Benefits")[1]


def corpus_texts() -> list[str]:
    """The corpus postings' texts, when ../shared/corpus is there."""
    if not CORPUS.is_dir():
        return []
    return [p.text for p in read_postings([CORPUS], exclude=["*.md"]) if isinstance(p, Posting)]


def build_input(n: int, source: str, path: Path, seed: int = 7) -> float:
    """Write n postings to a JSONL file; return their mean length in words."""
    rng = random.Random(seed)
    base = corpus_texts() if source in ("auto", "corpus") else []
    if source == "corpus" and not base:
        sys.exit("--source corpus needs ../shared/corpus")
    generator = generated_texts(rng)
    words = 0
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            # Replicas get a unique suffix so they are not folded as duplicates.
            text = (base[i % len(base)] if base else next(generator)) + f"\nRef {i}"
            words += len(text.split())
            handle.write(json.dumps({"title": f"Engineer {i % 97}", "description": text}) + "\n")
    return words / max(n, 1)


def read_texts(path: Path) -> Iterator[str]:
    """The texts of the JSONL file, streamed."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)["description"]


def peak_rss_mib() -> float:
    """Peak resident memory of this process and of its finished children, in MiB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def main() -> None:
    """Run the benchmark and print the numbers."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=5000, help="number of postings")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes for analyze")
    parser.add_argument("--source", choices=["auto", "corpus", "generated"], default="auto")
    parser.add_argument("--skip-tokenizer", action="store_true", help="do not measure bare tokenization")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "postings.jsonl"
        words = build_input(args.n, args.source, data)
        analyzer = Analyzer()
        start = time.perf_counter()
        summary = analyze([data], Path(tmp) / "out", analyzer=analyzer, jobs=args.jobs)
        elapsed = time.perf_counter() - start
        rss = peak_rss_mib()
        rate = summary.postings / elapsed
        print(f"postings: {summary.postings} (mean {words:.0f} words), jobs: {args.jobs}")
        print(f"analyze end to end: {elapsed:.2f} s, {rate:.0f} postings/s, peak RSS {rss:.0f} MiB")
        if not args.skip_tokenizer:
            texts = list(read_texts(data))
            nlp = spacy.blank("en")
            start = time.perf_counter()
            for _ in nlp.tokenizer.pipe(texts, batch_size=256):  # type: ignore[union-attr]
                pass
            bare = len(texts) / (time.perf_counter() - start)
            print(f"bare spacy.blank('en') tokenization: {bare:.0f} postings/s (one process)")
            print(f"ratio analyze / tokenizer: {rate / bare:.2f}")


if __name__ == "__main__":
    main()
