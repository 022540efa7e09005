"""The Spark engine: the local engine's analysis, spread over a Spark cluster.

Spark reads CSV, JSONL and Parquet and numbers the rows of each file;
``mapInPandas`` runs the local engine's own ingest functions and
:meth:`~analyzer.pipeline.Analyzer.analyze_batch` on each partition (one
Analyzer per executor process); a window over the repost key marks
duplicates. The driver streams the results in input order into
``postings.jsonl`` and ``results.parquet`` and rebuilds every report with
:func:`~analyzer.report.rebuild_reports`: the files are the local engine's,
byte for byte. Other inputs (txt, md, html, json, pdf, docx, CSV/JSONL not in
UTF-8 throughout) are read on the driver by :func:`~analyzer.ingest.read_file` and
analyzed on the cluster. Needs classic Spark (RDDs), not Spark Connect;
pyspark is imported inside the functions.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import heapq
import io
import json
import os
import shutil
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._version import __version__
from .decoding import is_utf8, sniff_encoding, source_name
from .errors import InputError, SkipPosting
from .fields import has_text_column
from .ingest import iter_input_files, read_file
from .model import Posting, Skipped
from .pipeline import Analyzer, RunSummary
from .records import MAX_POSTING_CHARS, ColumnOptions, parse_json, record_posting
from .report import rebuild_reports
from .taxonomy import load_taxonomy

if TYPE_CHECKING:
    import pandas as pd
    from pyspark import RDD
    from pyspark.sql import DataFrame, SparkSession

__all__ = ["analyze_spark"]

_Item = tuple[int, int, str, str, str]  # file index, row, source, kind (row|line|posting|skip), payload
_INPUT_SCHEMA = "file_idx int, row long, source string, kind string, payload string"
_RESULT_COLUMNS = ["file_idx", "row", "source", "reason", "key", "id", "label", "skills", "record"]
_RESULT_SCHEMA = "file_idx int, row long, source string, reason string, key string, id string, label string, skills array<string>, record string"
_PARQUET_FIELDS = (
    "id", "source", "title", "company", "location", "date", "duplicate_of", "label", "confidence",
    "scores", "skills", "reasons", "pay", "min_years", "seniority", "text",
)  # fmt: skip
_CORRUPT = "_corrupt_record"
_LAST = 2**62  # row key of a skip reported after a file's rows
_CHUNK = 256
_PANDAS_WARNING = "PySpark does not yet fully support pandas"
_ANALYZERS: dict[tuple[str | None, ...], Analyzer] = {}  # per executor process


def analyze_spark(
    inputs: Iterable[str | Path],
    out_dir: str | Path,
    *,
    master: str = "local[*]",
    taxonomy_path: str | None = None,
    text_column: str | None = None,
    title_column: str | None = None,
    model: str | None = None,
    exclude: Iterable[str] = (),
    tool_version: str = __version__,
    timestamp: str | None = None,
) -> RunSummary:
    """Analyze postings with Spark and write the same reports as :func:`analyzer.pipeline.analyze`.

    Uses the active SparkSession when there is one (spark-submit, tests),
    else starts one on ``master`` and stops it at the end.

    Args:
        inputs: Files and folders (as for the local engine), or ``scheme://`` URLs of single
            CSV, JSONL or Parquet files every executor can read (``hdfs://``, ``s3a://``...).
        out_dir: Where the reports go, on the driver (created if needed).
        master: Spark master URL when a session must be started.
        taxonomy_path: A YAML taxonomy (shipped to the executors); the shipped one when None.
        text_column: Column or key of the posting text, when the usual names do not fit.
        title_column: Column or key of the job title.
        model: ``default`` or the path of a learned classifier (:mod:`analyzer.learn`); the rule classifier when None.
        exclude: Glob patterns of local files to leave out.
        tool_version: Recorded in ``summary.json``.
        timestamp: Recorded in the reports when given (off by default).

    Returns:
        Counts of what was read and written.

    Raises:
        InputError: A local input path does not exist.
        TaxonomyError: The taxonomy is missing or invalid.
        AnalyzerError: The model cannot be loaded.

    Example:
        >>> analyze_spark(["postings.csv"], "reports/", master="local[4]")  # doctest: +SKIP
    """
    inputs = list(inputs)
    for raw in inputs:  # fail before Spark starts, like the local engine
        if "://" not in str(raw) and not Path(raw).exists() and not Path(raw).is_symlink():
            raise InputError(f"{raw}: no such file or folder; check the path.")
    taxonomy = Analyzer(load_taxonomy(taxonomy_path), model=model).taxonomy  # fails here, not on the executors
    out = Path(out_dir)
    stage = out / f".spark-{os.getpid()}"
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=_PANDAS_WARNING, category=FutureWarning)
        from pyspark.sql import SparkSession

        created = SparkSession.getActiveSession() is None
        if created and master.startswith("local"):
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # workers need this venv's spaCy
        spark = (
            SparkSession.builder.master(master)
            .appName("skill-analyzer")
            .config("spark.ui.showConsoleProgress", "false")
            .getOrCreate()
        )
        spark.sparkContext.setLogLevel("ERROR")
        try:
            stage.mkdir(parents=True)
            builder = partial(
                _executor_analyzer,
                taxonomy_file=_ship(spark, taxonomy_path),
                model=model if model in (None, "default") else None,
                model_file=None if model in (None, "default") else _ship(spark, model),
            )
            posts = _run(spark, inputs, stage, builder, ColumnOptions(text_column, title_column), tuple(exclude))
            summary = rebuild_reports(stage, taxonomy, tool_version=tool_version, timestamp=timestamp, model=model)
            _check_counts(posts, summary, stage / "skills.csv")
            posts.unpersist()
            for path in sorted(stage.iterdir()):
                if not path.name.startswith("."):
                    os.replace(path, out / path.name)
        finally:
            shutil.rmtree(stage, ignore_errors=True)
            if created:
                spark.stop()
    counts = {key: summary[key] for key in ("inputs", "postings", "skipped", "duplicates")}
    return RunSummary(**counts, labels=dict(summary["labels"]), out_dir=out, no_evidence=summary["no_evidence"])


def _run(
    spark: SparkSession,
    inputs: list[str | Path],
    stage: Path,
    builder: Callable[[], Analyzer],
    columns: ColumnOptions,
    exclude: tuple[str, ...],
) -> DataFrame:
    """Analyze on the cluster; write ``postings.jsonl``, ``results.parquet`` and ``skipped.csv`` into ``stage``.

    Returns:
        The postings (cached, with ``duplicate_of``).
    """
    from pyspark import StorageLevel
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    sc = spark.sparkContext
    items, tabular = _read_inputs(spark, inputs, columns, exclude)
    frame = spark.createDataFrame(items, _INPUT_SCHEMA)
    if items.getNumPartitions() < sc.defaultParallelism:
        frame = frame.repartition(sc.defaultParallelism)
    work = partial(_analyze_partitions, builder=builder, columns=columns)
    results = frame.mapInPandas(work, _RESULT_SCHEMA).persist(StorageLevel.MEMORY_AND_DISK)
    # A tabular file with no data rows left no result row: the local engine reports it after its rows.
    present = {row[0] for row in results.select("file_idx").distinct().collect()}
    empty = sorted((index, _LAST, source, reason) for index, (source, reason) in tabular.items() if index not in present)
    skips = results.where(F.col("reason").isNotNull()).orderBy("file_idx", "row").select("file_idx", "row", "source", "reason")
    _write_skipped(stage / "skipped.csv", heapq.merge(skips.toLocalIterator(), empty, key=lambda r: (r[0], r[1])))
    first = F.first("id").over(Window.partitionBy("key").orderBy("file_idx", "row"))
    posts = results.where(F.col("reason").isNull()).withColumn("duplicate_of", F.when(first != F.col("id"), first))
    posts = posts.select("file_idx", "row", "duplicate_of", "label", "skills", "record").persist(StorageLevel.MEMORY_AND_DISK)
    _write_postings(stage, posts.orderBy("file_idx", "row").toLocalIterator())
    results.unpersist()
    return posts


def _read_inputs(
    spark: SparkSession, inputs: list[str | Path], columns: ColumnOptions, exclude: tuple[str, ...]
) -> tuple[RDD[_Item], dict[int, tuple[str, str]]]:
    """Every input as rows keyed by (file index, row), and the skip reason of each tabular file if it has no rows."""
    readers = {".csv": _csv_rows, ".jsonl": _line_rows, ".ndjson": _line_rows, ".parquet": _parquet_rows}
    empty = {".csv": "CSV has a header but no rows", ".parquet": "Parquet file has no rows"}
    parts: list[RDD[_Item]] = []
    driver: list[_Item] = []
    tabular: dict[int, tuple[str, str]] = {}
    # Local files in the local engine's order (folders walked); URLs as given.
    files = (f for raw in inputs for f in ([str(raw)] if "://" in str(raw) else iter_input_files([raw], exclude=exclude)))
    for index, item in enumerate(files):
        if isinstance(item, Skipped):
            driver.append((index, 0, item.source, "skip", item.reason))
            continue
        source = source_name(item)
        suffix = Path(source).suffix.lower()
        reader = readers.get(suffix)
        if reader is not None and suffix != ".parquet" and isinstance(item, Path):
            try:  # not UTF-8 throughout (Windows-1252 rows too): read on the driver, like the local engine
                reader = reader if sniff_encoding(item) in ("utf-8", "utf-8-sig") and is_utf8(item) else None
            except SkipPosting as skip:
                driver.append((index, 0, source, "skip", skip.reason))
                continue
        if reader is not None:
            uri = source if isinstance(item, str) else "file://" + os.path.abspath(source)
            found = reader(spark, uri, source, index, columns)
            if isinstance(found, str):
                driver.append((index, 0, source, "skip", found))
            else:
                parts.append(found)
                tabular[index] = (source, empty.get(suffix, "empty file: no JSON lines"))
        elif isinstance(item, str):
            driver.append((index, 0, source, "skip", "the Spark engine reads only .csv, .jsonl, .ndjson and .parquet URLs"))
        else:  # read whole on the driver, exactly as the local engine does
            for row, p in enumerate(read_file(item, columns=columns), start=1):
                payload = p.reason if isinstance(p, Skipped) else json.dumps(dataclasses.asdict(p))
                driver.append((index, row, p.source, "skip" if isinstance(p, Skipped) else "posting", payload))
    sc = spark.sparkContext
    return sc.union([*parts, sc.parallelize(driver, 1)]), tabular


def _numbered(rows: RDD[tuple[str, str]], source: str, index: int) -> RDD[_Item]:
    """Rows numbered from 1 in file order: zipWithIndex follows partition order, and partitions follow the file."""
    return rows.zipWithIndex().map(lambda pair: (index, pair[1] + 1, f"{source}#row={pair[1] + 1}", *pair[0]))


def _csv_rows(spark: SparkSession, uri: str, source: str, index: int, columns: ColumnOptions) -> RDD[_Item] | str:
    """A CSV file's rows as JSON records (blank rows dropped before numbering), or why the file is skipped."""
    from pyspark.sql.types import StringType, StructField, StructType

    options: dict[str, Any] = {"multiLine": True, "escape": '"', "header": True}
    header = spark.read.options(**options).csv(uri).columns
    if not header:
        return "empty file: no CSV header"
    names = [h.strip().lstrip("\ufeff") for h in header]
    if not has_text_column(names, columns.text_column):
        hint = f"column {columns.text_column!r} not found" if columns.text_column else "no description column found"
        return f"{hint} (columns: {', '.join(names)}); pass --text-column NAME"
    schema = StructType([StructField(h, StringType()) for h in [*header, _CORRUPT]])
    frame = spark.read.options(**options, mode="PERMISSIVE", columnNameOfCorruptRecord=_CORRUPT).schema(schema).csv(uri)
    return _numbered(frame.rdd.flatMap(partial(_csv_record, names=names)), source, index)


def _csv_record(row: Any, *, names: list[str]) -> list[tuple[str, str]]:
    """One CSV row as ``("row", JSON record)``, a malformed row as a skip, a blank row as nothing."""
    raw = row[-1]
    values = next(csv.reader(io.StringIO(raw, newline="")), []) if raw is not None else ["" if v is None else v for v in row[:-1]]
    if not any(v.strip() for v in values):
        return []
    if raw is not None:
        return [("skip", f"malformed CSV row: {len(values)} fields where the header has {len(names)}")]
    return [("row", json.dumps(dict(zip(names, values, strict=True))))]


def _line_rows(spark: SparkSession, uri: str, source: str, index: int, columns: ColumnOptions) -> RDD[_Item]:
    """A JSONL file's non-blank lines (``textFile`` partitions follow file offsets)."""
    lines = spark.sparkContext.textFile(uri).map(lambda line: line.removeprefix("\ufeff")).filter(lambda line: bool(line.strip()))
    return _numbered(lines.map(lambda line: ("line", line)), source, index)


def _parquet_rows(spark: SparkSession, uri: str, source: str, index: int, columns: ColumnOptions) -> RDD[_Item]:
    """A Parquet file's rows as JSON records, numbered by their index in the file (read by this engine only)."""
    from pyspark.sql import functions as F

    record = F.to_json(F.struct("*"), {"ignoreNullFields": "false"})
    rows = spark.read.parquet(uri).select(F.col("_metadata.row_index") + 1, record).rdd
    return rows.map(lambda r: (index, r[0], f"{source}#row={r[0]}", "row", r[1]))


def _to_posting(kind: str, source: str, payload: str, columns: ColumnOptions) -> Posting | Skipped:
    """Turn one input row into a posting with the local engine's own ingest functions."""
    if kind == "skip":
        return Skipped(source, payload)
    if kind == "posting":
        return Posting(**json.loads(payload))
    if kind == "row":  # CSV and Parquet cells: a missing value is empty text
        record = {k: "" if v is None else v for k, v in json.loads(payload).items()}
        return record_posting(record, source, columns, "row")
    if len(payload) > MAX_POSTING_CHARS * 4:
        return Skipped(source, f"line longer than {MAX_POSTING_CHARS * 4:,} characters: too large to be a posting")
    try:
        line = parse_json(payload, source, one_line=True)
    except SkipPosting as skip:
        return Skipped(skip.source, skip.reason)
    if not isinstance(line, dict):
        return Skipped(source, f"expected a JSON object on each line, got {type(line).__name__}")
    return record_posting(line, source, columns, "line")


def _ship(spark: SparkSession, path: str | None) -> str | None:
    """Send a driver file to every executor; its name there, for ``SparkFiles.get``."""
    if path is None:
        return None
    spark.sparkContext.addFile(str(Path(path).resolve()))
    return Path(path).name


def _executor_analyzer(*, taxonomy_file: str | None, model: str | None, model_file: str | None) -> Analyzer:
    """This executor process's Analyzer, built on first use from the shipped files."""
    key = (taxonomy_file, model, model_file)
    analyzer = _ANALYZERS.get(key)
    if analyzer is None:
        from pyspark import SparkFiles

        taxonomy = load_taxonomy(SparkFiles.get(taxonomy_file) if taxonomy_file is not None else None)
        analyzer = _ANALYZERS[key] = Analyzer(taxonomy, model=SparkFiles.get(model_file) if model_file is not None else model)
    return analyzer


def _analyze_partitions(
    batches: Iterator[pd.DataFrame], *, builder: Callable[[], Analyzer], columns: ColumnOptions
) -> Iterator[pd.DataFrame]:
    """The ``mapInPandas`` function: input rows in, one result row per input row out."""
    import pandas as pd

    analyzer = builder()
    for batch in batches:
        rows: list[_Item] = list(batch.itertuples(index=False, name=None))
        for start in range(0, len(rows), _CHUNK):
            out: list[tuple[Any, ...]] = []
            postings: list[Posting] = []
            places: list[tuple[int, int]] = []
            for file_idx, row, source, kind, payload in rows[start : start + _CHUNK]:
                found = _to_posting(kind, source, payload, columns)
                if isinstance(found, Skipped):
                    out.append((file_idx, row, found.source, found.reason, None, None, None, [], None))
                else:
                    postings.append(found)
                    places.append((file_idx, row))
            for (file_idx, row), analysis in zip(places, analyzer.analyze_batch(postings) if postings else [], strict=True):
                text = " ".join(analysis.posting.text.lower().split()).encode("utf-8", "surrogatepass")
                key = hashlib.blake2b(text, digest_size=16).hexdigest()  # the local engine's repost key
                skills = [s.id for s in analysis.skills]
                record = json.dumps(analysis.to_dict())  # ASCII: lone surrogates survive the JVM
                out.append(
                    (file_idx, row, analysis.posting.source, None, key, analysis.posting.id, analysis.label, skills, record)
                )
            yield pd.DataFrame(out, columns=_RESULT_COLUMNS)


def _write_skipped(path: Path, rows: Iterable[Any]) -> None:
    """Write ``skipped.csv`` raw; :func:`rebuild_reports` neutralises formulas when it rewrites it."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["source", "reason"])
        writer.writerows([row[2], row[3]] for row in rows)  # (file index, row, source, reason)


def _write_postings(stage: Path, rows: Iterable[Any]) -> None:
    """Write ``postings.jsonl`` and ``results.parquet`` (nested fields as JSON text) in input order."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"confidence": pa.float64(), "min_years": pa.int64()}
    schema = pa.schema([(name, types.get(name, pa.string())) for name in _PARQUET_FIELDS])
    batch: list[dict[str, Any]] = []
    with (
        (stage / "postings.jsonl").open("w", encoding="utf-8", newline="") as lines,
        pq.ParquetWriter(stage / "results.parquet", schema) as parquet,
    ):
        for row in rows:
            record = json.loads(row["record"])
            record["duplicate_of"] = row["duplicate_of"]
            lines.write(json.dumps(record, ensure_ascii=False) + "\n")
            batch.append({k: json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v for k, v in record.items()})
            if len(batch) >= 1000:
                parquet.write_table(pa.Table.from_pylist(batch, schema))
                batch = []
        if batch:
            parquet.write_table(pa.Table.from_pylist(batch, schema))


def _check_counts(posts: DataFrame, summary: dict[str, Any], skills_csv: Path) -> None:
    """Check Spark's own posting, label and skill counts against the reports the driver rebuilt.

    Raises:
        RuntimeError: They differ: a row was lost or repeated between Spark and the driver (a bug).
    """
    from pyspark.sql import functions as F

    unique = posts.where(F.col("duplicate_of").isNull())
    labels = {r[0]: r[1] for r in unique.groupBy("label").count().collect()}
    skills = {r[0]: r[1] for r in unique.select(F.explode("skills")).groupBy("col").count().collect()}
    with skills_csv.open(encoding="utf-8", newline="") as handle:
        written = {r["skill_id"]: int(r["postings"]) for r in csv.DictReader(handle) if r["postings"] != "0"}
    expected = {label: n for label, n in summary["labels"].items() if n}
    if (posts.count(), labels, skills) != (summary["postings"], expected, written):
        raise RuntimeError(
            f"Spark counts {labels} {skills} differ from the reports' {expected} {written}; please report this bug."
        )
