"""The Spark engine writes what the local engine writes, byte for byte."""

from __future__ import annotations

import csv
import dataclasses
import json
import os
import shutil
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from analyzer import analyze

pytestmark = pytest.mark.slow

pytest.importorskip("pyspark", reason="the Spark engine needs pyspark: pip install 'skill-analyzer[spark]'")
pytest.importorskip("pyarrow", reason="the Spark engine needs pyarrow")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("the Spark engine needs Java (17 or newer)", allow_module_level=True)

from analyzer.spark_engine import analyze_spark  # noqa: E402

_PANDAS_WARNING = "PySpark does not yet fully support pandas"
SAME_FILES = (
    "postings.jsonl",
    "skills.csv",
    "skipped.csv",
    "mentions.csv",
    "postings.csv",
    "summary.json",
    "report.md",
    "report.html",
)

CSV_ROWS = [
    ["title", "company", "location", "date_posted", "description"],
    [
        "Senior AI Engineer",
        "Acme",
        "Remote",
        "2025-01-15",
        "Build LLM-powered applications with LangChain and deploy them on Azure with Docker and Kubernetes.",
    ],
    [
        "ML Engineer",
        "Beta",
        "London",
        "03/02/2025",
        "Train ranking models with PyTorch.\nTune XGBoost and scikit-learn models; Spark and Airflow for data pipelines.",
    ],
    [
        "NLP Engineer",
        "Delta &amp; Co",
        "Berlin",
        "",
        "<p>We need an <strong>NLP</strong> engineer.</p><ul><li>Python &amp; SQL</li><li>Hugging Face transformers</li></ul>",
    ],
    ["Data Scientist", "Epsilon", "Paris", "2025-02-01", ""],
    ["", "", "", "", ""],
    [
        "AI Engineer (repost)",
        "Acme",
        "Remote",
        "2025-01-20",
        "build LLM-powered   applications with langchain and deploy them on AZURE with docker and kubernetes.",
    ],
    ["Applied Scientist", "Zeta", "", "", "Fine-tuning LLMs, RAG with vector databases (Pinecone), MLflow on AWS SageMaker."],
    ["only", "three", "fields"],
    ["Research Engineer", "Eta", "", "", 'He said "deep learning": computer vision models with TensorFlow and C++.'],
]

JSONL_LINES = [
    json.dumps(
        {
            "title": "AI Engineer",
            "company": {"name": "Gamma"},
            "description": "Integrate models into products via REST APIs and microservices; Java and Go.",
        }
    ),
    "",
    json.dumps({"job_title": "MLOps Engineer", "text": "Kubernetes, CI/CD, Docker and Terraform for model deployment."}),
    "{broken",
    json.dumps({"title": "Repost", "description": CSV_ROWS[2][4]}),
    "[1, 2]",
]


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    from pyspark.sql import SparkSession

    with pytest.MonkeyPatch.context() as patch, warnings.catch_warnings():
        patch.setenv("PYSPARK_PYTHON", sys.executable)
        warnings.filterwarnings("ignore", message=_PANDAS_WARNING, category=FutureWarning)
        session = (
            SparkSession.builder.master("local[2]")
            .appName("test-spark-engine")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .getOrCreate()
        )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def write_inputs(folder: Path) -> Path:
    folder.mkdir()
    with (folder / "a.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(CSV_ROWS)
    (folder / "b.jsonl").write_text("\n".join(JSONL_LINES) + "\n", encoding="utf-8")
    return folder


def test_spark_output_equals_local(spark: Any, tmp_path: Path) -> None:
    inputs = write_inputs(tmp_path / "in")
    local = analyze([inputs], tmp_path / "local", jobs=1)
    result = analyze_spark([str(inputs)], tmp_path / "spark", master="local[2]")

    for name in SAME_FILES:
        assert (tmp_path / "spark" / name).read_bytes() == (tmp_path / "local" / name).read_bytes(), name
    assert result == dataclasses.replace(local, out_dir=tmp_path / "spark")
    summary = json.loads((tmp_path / "spark" / "summary.json").read_text(encoding="utf-8"))
    assert summary["labels"] == json.loads((tmp_path / "local" / "summary.json").read_text(encoding="utf-8"))["labels"]
    assert (summary["postings"], summary["duplicates"], summary["skipped"]) == (9, 2, 4)
    skipped = (tmp_path / "spark" / "skipped.csv").read_text(encoding="utf-8")
    assert "a.csv#row=4,empty posting: no text" in skipped
    assert "a.csv#row=7,malformed CSV row: 3 fields where the header has 5" in skipped


def test_parquet_input_and_postings_parquet(spark: Any, tmp_path: Path) -> None:
    import pandas as pd
    import pyarrow.parquet as pq

    header, *rows = CSV_ROWS[:5]
    pd.DataFrame(rows, columns=header).to_parquet(tmp_path / "jobs.parquet", index=False)
    with (tmp_path / "jobs.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])
    result = analyze_spark([str(tmp_path / "jobs.parquet"), str(tmp_path / "jobs.csv")], tmp_path / "out", master="local[2]")

    lines = [json.loads(line) for line in (tmp_path / "out" / "postings.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [line["source"] for line in lines] == [
        f"{tmp_path / name}#row={n}" for name in ("jobs.parquet", "jobs.csv") for n in (1, 2, 3)
    ]
    from_parquet, from_csv = lines[:3], lines[3:]
    assert [line["duplicate_of"] for line in from_csv] == [line["id"] for line in from_parquet]
    assert [line["skills"] for line in from_csv] == [line["skills"] for line in from_parquet]
    assert [line["title"] for line in from_csv] == [line["title"] for line in from_parquet]
    skipped = (tmp_path / "out" / "skipped.csv").read_text(encoding="utf-8").splitlines()
    assert skipped[1:] == [f"{tmp_path / name}#row=4,empty posting: no text" for name in ("jobs.parquet", "jobs.csv")]
    assert (result.postings, result.duplicates, result.skipped) == (6, 3, 2)

    table = pq.read_table(tmp_path / "out" / "results.parquet").to_pylist()
    assert [row["id"] for row in table] == [line["id"] for line in lines]
    assert [row["duplicate_of"] for row in table] == [line["duplicate_of"] for line in lines]
    assert [json.loads(row["skills"]) for row in table] == [line["skills"] for line in lines]
    assert [row["confidence"] for row in table] == [line["confidence"] for line in lines]


def test_late_windows_1252_row_read_as_the_local_engine_reads_it(spark: Any, tmp_path: Path) -> None:
    # The first megabyte is UTF-8, the last row Windows-1252: Spark would read it as U+FFFD, so the
    # file is read on the driver with the local engine's mixed codec.
    inputs = tmp_path / "in"
    inputs.mkdir()
    rows = [f"ML Engineer {n},Train PyTorch models for Zürich team {n}. {'Modèles ' * 200}\n" for n in range(700)]
    head = ("title,description\n" + "".join(rows)).encode()
    assert len(head) > 1 << 20
    (inputs / "jobs.csv").write_bytes(head + "AI Engineer,Build LLM apps for Köln – “now”\n".encode("cp1252"))
    local = analyze([inputs], tmp_path / "local", jobs=1)
    analyze_spark([str(inputs)], tmp_path / "spark", master="local[2]")

    for name in SAME_FILES:
        assert (tmp_path / "spark" / name).read_bytes() == (tmp_path / "local" / name).read_bytes(), name
    last = (tmp_path / "spark" / "postings.jsonl").read_text(encoding="utf-8").splitlines()[-1]
    assert json.loads(last)["text"] == "Build LLM apps for Köln – “now”"
    assert local.postings == 701
