"""The commands that run over a corpus: analyze postings and write the reports, rebuild them.

``analyze`` runs here in worker processes (:func:`analyzer.pipeline.analyze`)
or on Spark (:func:`analyzer.spark_engine.analyze_spark`, imported only then);
``report`` rebuilds the reports from an earlier run's ``postings.jsonl``.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Annotated

import typer
from tqdm import tqdm

from . import __version__
from .cli_options import (
    ClassifierKind,
    ClassifierOption,
    Engine,
    ModelOption,
    TaxonomyOption,
    fail,
    load_taxonomy_or_fail,
    make_analyzer_or_fail,
    utc_now,
)
from .errors import AnalyzerError
from .export import EXTRA_FORMATS, check_formats, present_formats, write_extra_formats
from .html_tables import no_evidence_note
from .ingest import ColumnOptions
from .model import Skipped
from .pipeline import Analyzer, RunSummary, analyze, default_jobs
from .report import rebuild_reports
from .report_markdown import plural


def analyze_command(
    inputs: Annotated[
        list[Path],
        typer.Argument(
            # readable=False: an unreadable input is listed in skipped.csv and the run goes on.
            help="Files or folders of postings (txt, md, html, json, jsonl, csv, tsv).", show_default=False, readable=False
        ),
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the reports.")] = Path("reports"),
    taxonomy: TaxonomyOption = None,
    text_column: Annotated[str | None, typer.Option(help="CSV column / JSON key holding the posting text.")] = None,
    title_column: Annotated[str | None, typer.Option(help="CSV column / JSON key holding the job title.")] = None,
    exclude: Annotated[
        list[str] | None, typer.Option("--exclude", help="Glob of files to leave out (repeatable), e.g. labels.csv.")
    ] = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="Processes that analyze: N - 1 workers and this one (default: the number of cores).")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no per-file messages.")] = False,
    timestamp: Annotated[
        bool, typer.Option("--timestamp", help="Record when the reports were made (else same input, same bytes).")
    ] = False,
    formats: Annotated[
        list[str] | None, typer.Option("--format", help="Also export the tables as parquet or xlsx (repeatable).")
    ] = None,
    classifier: ClassifierOption = ClassifierKind.rules,
    model: ModelOption = None,
    engine: Annotated[
        Engine, typer.Option(help="local: worker processes here; spark: a Spark cluster (spark extra, Java 17+).")
    ] = Engine.local,
    master: Annotated[
        str, typer.Option(help="Spark master URL for --engine spark: local[8], spark://host:7077, yarn.")
    ] = "local[*]",
) -> None:
    """Analyze a folder of postings and write the reports.

    Writes postings.jsonl, skipped.csv, skills.csv, postings.csv, mentions.csv,
    summary.json, report.md and report.html.

    Example: skill-analyzer analyze postings/ --out reports/
    """
    tax = load_taxonomy_or_fail(taxonomy)
    try:
        check_formats(formats or ())
    except AnalyzerError as exc:
        fail(str(exc), 2)
    if engine is Engine.spark:
        summary = _analyze_spark(
            inputs,
            out,
            master=master,
            taxonomy=taxonomy,
            text_column=text_column,
            title_column=title_column,
            model=(str(model) if model else "default") if classifier is ClassifierKind.model else None,
            exclude=exclude or (),
            timestamp=utc_now() if timestamp else None,
            formats=formats or (),
        )
    else:
        summary = _analyze_local(
            inputs,
            out,
            analyzer=make_analyzer_or_fail(tax, classifier, model),
            columns=ColumnOptions(text_column=text_column, title_column=title_column),
            exclude=exclude or (),
            jobs=jobs if jobs is not None else default_jobs(),
            timestamp=utc_now() if timestamp else None,
            formats=formats or (),
            quiet=quiet,
        )
    labels = ", ".join(f"{k} {v}" for k, v in summary.labels.items())
    if summary.no_evidence:
        labels += f"; {no_evidence_note(summary.no_evidence)}"
    duplicates = plural(summary.duplicates, "duplicate")
    typer.echo(
        f"{plural(summary.postings, 'posting')} analyzed ({summary.postings - summary.duplicates} unique, {duplicates}), "
        f"{summary.skipped} skipped, from {plural(summary.inputs, 'input')}. Labels of the unique postings: {labels}. "
        f"Reports in {summary.out_dir}/",
        err=True,
    )
    if summary.postings == 0:
        fail("no posting could be analyzed; see skipped.csv for the reasons.")


def _analyze_local(
    inputs: list[Path],
    out: Path,
    *,
    analyzer: Analyzer,
    columns: ColumnOptions,
    exclude: list[str] | tuple[str, ...],
    jobs: int,
    timestamp: str | None,
    formats: list[str] | tuple[str, ...],
    quiet: bool,
) -> RunSummary:
    bar = tqdm(desc="postings", unit=" postings", file=sys.stderr, delay=2.0, disable=quiet or None, dynamic_ncols=True)

    def on_skip(item: Skipped) -> None:
        if not quiet:
            bar.write(f"skipped {item.source}: {item.reason}", file=sys.stderr)

    def on_posting(_: object) -> None:
        bar.update(1)

    try:
        summary = analyze(
            inputs,
            out,
            analyzer=analyzer,
            columns=columns,
            exclude=exclude,
            on_skip=on_skip,
            on_posting=on_posting,
            tool_version=__version__,
            jobs=jobs,
            timestamp=timestamp,
        )
        write_extra_formats(out, formats)
    except AnalyzerError as exc:
        bar.close()
        fail(str(exc))
    bar.close()
    return summary


def _analyze_spark(
    inputs: list[Path],
    out: Path,
    *,
    master: str,
    taxonomy: Path | None,
    text_column: str | None,
    title_column: str | None,
    model: str | None,
    exclude: list[str] | tuple[str, ...],
    timestamp: str | None,
    formats: list[str] | tuple[str, ...],
) -> RunSummary:
    if importlib.util.find_spec("pyspark") is None:
        fail("--engine spark needs pyspark: pip install 'skill-analyzer[spark]' (and Java 17 or newer).", 2)
    from .spark_engine import analyze_spark

    try:
        summary = analyze_spark(
            [str(p) for p in inputs],
            out,
            master=master,
            taxonomy_path=str(taxonomy) if taxonomy else None,
            text_column=text_column,
            title_column=title_column,
            model=model,
            exclude=exclude,
            tool_version=__version__,
            timestamp=timestamp,
        )
        write_extra_formats(out, formats)
    except AnalyzerError as exc:
        fail(str(exc))
    return summary


def report_command(
    results: Annotated[Path, typer.Argument(help="The --out folder of an earlier analyze run.")],
    taxonomy: TaxonomyOption = None,
    timestamp: Annotated[bool, typer.Option("--timestamp", help="Record when the reports were made.")] = False,
) -> None:
    """Rebuild the reports (report.html, report.md, skills.csv...) from an earlier run's postings.jsonl.

    Example: skill-analyzer report reports/
    """
    tax = load_taxonomy_or_fail(taxonomy)
    try:
        # Parquet or Excel copies of the tables are rebuilt with them (removed when their package is gone: never stale).
        formats = [f for f in present_formats(results) if importlib.util.find_spec(EXTRA_FORMATS[f]) is not None]
        summary = rebuild_reports(results, tax, tool_version=__version__, timestamp=utc_now() if timestamp else None)
        write_extra_formats(results, formats)
    except AnalyzerError as exc:
        fail(str(exc))
    typer.echo(f"Rebuilt the reports in {results}/ from {plural(summary['postings'], 'posting')}.", err=True)
