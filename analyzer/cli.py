"""The command line: parse, call the library, print.

Only this module prints, reads argv or exits. Exit codes: 0 when the run
finished (even with skipped inputs), 1 for our errors (nothing could be
analyzed, a path does not exist, a bad taxonomy), 2 for bad usage.
"""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import sys
from datetime import datetime, timezone
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from tqdm import tqdm

from . import __version__
from .decoding import decode_bytes
from .errors import AnalyzerError, SkipPosting
from .evaluate import evaluate, evaluate_facts, evaluate_requirements, render_evaluation
from .export import check_formats, write_extra_formats
from .gold import read_gold, read_scope
from .ingest import ColumnOptions, read_file, read_text
from .model import LABEL_VERDICTS, Analysis, Posting, Skipped
from .pipeline import Analyzer, RunSummary, analyze, default_jobs
from .report import rebuild_reports
from .report_markdown import plural
from .taxonomy import Taxonomy, load_taxonomy

app = typer.Typer(
    name="skill-analyzer",
    help="Find the skills job postings ask for and tell AI-engineer from ML-engineer roles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class ClassifierKind(str, Enum):
    """How postings are labelled."""

    rules = "rules"
    model = "model"


class Engine(str, Enum):
    """Where the analysis runs."""

    local = "local"
    spark = "spark"


ClassifierOption = Annotated[
    ClassifierKind,
    typer.Option(
        "--classifier",
        help="How to label postings: rules (the transparent score) or model (a trained model, see train).",
    ),
]
ModelOption = Annotated[
    Path | None,
    typer.Option("--model", help="A model file from skill-analyzer train (default with --classifier model: the shipped one)."),
]
TaxonomyOption = Annotated[
    Path | None,
    typer.Option("--taxonomy", help="A YAML taxonomy to use instead of the shipped ai_ml_2025.yaml.", show_default=False),
]
def _fail(message: str, code: int = 1) -> NoReturn:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(code)


def _analyzer(tax: Taxonomy, classifier: ClassifierKind, model: Path | None) -> Analyzer:
    if model is not None and classifier is not ClassifierKind.model:
        _fail("--model needs --classifier model.", 2)
    try:
        return Analyzer(tax, model=(model or "default") if classifier is ClassifierKind.model else None)
    except AnalyzerError as exc:
        _fail(str(exc))


def _load(taxonomy: Path | None) -> Taxonomy:
    try:
        return load_taxonomy(taxonomy)
    except AnalyzerError as exc:
        _fail(str(exc))


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"skill-analyzer {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Find the skills job postings ask for and tell AI-engineer from ML-engineer roles.

    Example: skill-analyzer analyze sample_postings/ --out reports/
    """


@app.command("analyze")
def analyze_command(
    inputs: Annotated[
        list[Path],
        typer.Argument(
            # readable=False: an unreadable input is listed in skipped.csv and the run goes on.
            help="Files or folders of postings (txt, md, html, json, jsonl, csv).", show_default=False, readable=False
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
    tax = _load(taxonomy)
    try:
        check_formats(formats or ())
    except AnalyzerError as exc:
        _fail(str(exc), 2)
    bar = tqdm(desc="postings", unit=" postings", file=sys.stderr, delay=2.0, disable=quiet or None, dynamic_ncols=True)

    def on_skip(item: Skipped) -> None:
        if not quiet:
            bar.write(f"skipped {item.source}: {item.reason}", file=sys.stderr)

    def on_posting(_: object) -> None:
        bar.update(1)

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
            timestamp=_now() if timestamp else None,
            formats=formats or (),
        )
    else:
        summary = _analyze_local(
            inputs,
            out,
            analyzer=_analyzer(tax, classifier, model),
            columns=ColumnOptions(text_column=text_column, title_column=title_column),
            exclude=exclude or (),
            jobs=jobs if jobs is not None else default_jobs(),
            timestamp=_now() if timestamp else None,
            formats=formats or (),
            quiet=quiet,
        )
    labels = ", ".join(f"{k} {v}" for k, v in summary.labels.items())
    duplicates = plural(summary.duplicates, "duplicate")
    typer.echo(
        f"{summary.postings} postings analyzed ({summary.postings - summary.duplicates} unique, {duplicates}), "
        f"{summary.skipped} skipped, from {summary.inputs} inputs. Labels of the unique postings: {labels}. "
        f"Reports in {summary.out_dir}/",
        err=True,
    )
    if summary.postings == 0:
        _fail("no posting could be analyzed; see skipped.csv for the reasons.")


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
        _fail(str(exc))
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
        _fail("--engine spark needs pyspark: pip install 'skill-analyzer[spark]' (and Java 17 or newer).", 2)
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
        _fail(str(exc))
    return summary


@app.command("classify")
def classify_command(
    file: Annotated[str, typer.Argument(help="A posting file, or - to read the listing from standard input.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one postings.jsonl object per posting.")] = False,
    title: Annotated[str | None, typer.Option(help="The job title, when the text has none.")] = None,
    taxonomy: TaxonomyOption = None,
    text_column: Annotated[str | None, typer.Option(help="CSV column / JSON key holding the posting text.")] = None,
    classifier: ClassifierOption = ClassifierKind.rules,
    model: ModelOption = None,
) -> None:
    """Classify one listing: its label, confidence, skills and why.

    Example: skill-analyzer classify listing.txt
    Example: pbpaste | skill-analyzer classify - --json
    """
    analyzer = _analyzer(_load(taxonomy), classifier, model)
    items: list[Posting | Skipped]
    if file == "-":
        try:
            # Bytes, decoded as files are: a listing pasted from anywhere may not be UTF-8.
            items = [read_text(decode_bytes(sys.stdin.buffer.read(), "<stdin>"), "<stdin>")]
        except SkipPosting as skip:
            items = [Skipped(skip.source, skip.reason)]
    else:
        path = Path(file)
        if not path.is_file():
            _fail(f"{file}: no such file; pass a posting file or - for standard input.")
        items = list(read_file(path, columns=ColumnOptions(text_column=text_column)))
    analyzed = 0
    for item in items:
        if isinstance(item, Skipped):
            typer.echo(f"skipped {item.source}: {item.reason}", err=True)
            continue
        if title:
            item = Posting(item.id, item.source, item.text, title, item.company, item.location, item.date)
        analysis = analyzer.analyze_posting(item)
        analyzed += 1
        if as_json:
            typer.echo(json.dumps(analysis.to_dict(include_text=False), ensure_ascii=False))
        else:
            typer.echo(_describe(analysis))
    if analyzed == 0:
        _fail("nothing to classify.")


def _describe(analysis: Analysis) -> str:
    posting = analysis.posting
    lines = [
        f"{LABEL_VERDICTS[analysis.label]} ({analysis.label}), confidence {analysis.confidence:.2f}",
        f"  source: {posting.source}",
    ]
    if posting.title:
        lines.append(f"  title:  {posting.title}")
    lines.append(f"  scores: AI {analysis.scores['ai']:.2f}, ML {analysis.scores['ml']:.2f}")
    level = [analysis.seniority or ""] + ([f"at least {analysis.min_years} years asked"] if analysis.min_years is not None else [])
    if any(level):
        lines.append(f"  level:  {', '.join(part for part in level if part)}")
    if analysis.pay:
        lines.append(f"  pay:    {'; '.join(dict.fromkeys(' '.join(pay.text.split()) for pay in analysis.pay))}")
    if analysis.skills:
        names = ", ".join(f"{s.name}" + (f" x{s.count}" if s.count > 1 else "") for s in analysis.skills)
        lines.append(f"  skills ({len(analysis.skills)}): {names}")
    else:
        lines.append("  skills: none found")
    lines.append("  why:")
    lines.extend(f"    - {reason}" for reason in analysis.reasons)
    return "\n".join(lines) + "\n"


@app.command("taxonomy")
def taxonomy_command(
    taxonomy: TaxonomyOption = None,
    validate: Annotated[bool, typer.Option("--validate", help="Only check the file and print a one-line result.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the skills as JSON.")] = False,
) -> None:
    """List or validate a taxonomy.

    Example: skill-analyzer taxonomy --taxonomy my_skills.yaml --validate
    """
    tax = _load(taxonomy)
    if validate:
        forms = sum(len(s.aliases) for s in tax.skills)
        typer.echo(
            f"OK: {tax.path}: taxonomy {tax.name} {tax.version}, {len(tax.skills)} skills, {forms} surface forms, {len(tax.cues)} duty cues."
        )
        return
    if as_json:
        rows = [
            {
                "id": s.id,
                "name": s.name,
                "category": s.category,
                "origin": s.origin,
                "weights": {"ai": s.weight_ai, "ml": s.weight_ml},
                "article_share": s.article_share,
                "aliases": [a.form for a in s.aliases],
            }
            for s in tax.skills
        ]
        typer.echo(json.dumps({"name": tax.name, "version": tax.version, "skills": rows}, ensure_ascii=False, indent=2))
        return
    typer.echo(f"{tax.name} {tax.version}: {len(tax.skills)} skills")
    typer.echo(f"{'id':<24} {'category':<18} {'ai':>4} {'ml':>4} {'article':>8}  name")
    for s in tax.skills:
        share = f"{100 * s.article_share:.1f}%" if s.article_share is not None else ""
        typer.echo(f"{s.id:<24} {s.category:<18} {s.weight_ai:>4.1f} {s.weight_ml:>4.1f} {share:>8}  {s.name}")


@app.command("report")
def report_command(
    results: Annotated[Path, typer.Argument(help="The --out folder of an earlier analyze run.")],
    taxonomy: TaxonomyOption = None,
    timestamp: Annotated[bool, typer.Option("--timestamp", help="Record when the reports were made.")] = False,
) -> None:
    """Rebuild the reports (report.html, report.md, skills.csv...) from an earlier run's postings.jsonl.

    Example: skill-analyzer report reports/
    """
    tax = _load(taxonomy)
    try:
        summary = rebuild_reports(results, tax, tool_version=__version__, timestamp=_now() if timestamp else None)
    except AnalyzerError as exc:
        _fail(str(exc))
    typer.echo(f"Rebuilt the reports in {results}/ from {summary['postings']} postings.", err=True)


@app.command("train")
def train_command(
    labelled: Annotated[
        Path, typer.Argument(help="CSV or JSONL with the posting text (or title + description) and a label column.")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Where to write the model (JSON).")],
    labels_from_title: Annotated[
        bool, typer.Option("--labels-from-title", help="Derive weak labels from job titles instead of a label column.")
    ] = False,
    text_column: Annotated[str | None, typer.Option(help="Column / key holding the posting text.")] = None,
    title_column: Annotated[str | None, typer.Option(help="Column / key holding the job title.")] = None,
    cv: Annotated[int, typer.Option(min=2, help="Folds of the cross-validated report.")] = 5,
    taxonomy: TaxonomyOption = None,
) -> None:
    """Train a classifier on labelled postings and print its cross-validated report.

    The model file is JSON (no pickle): loading it never runs code.

    Example: skill-analyzer train my_labelled.csv --out model.json
    """
    from .labelled import read_labelled
    from .learn import render_report, train
    from .model_file import save_model

    tax = _load(taxonomy)
    try:
        examples = read_labelled(
            labelled, text_column=text_column, title_column=title_column, labels_from_titles=labels_from_title
        )
        model, report = train(examples, tax, cv=cv)
        save_model(model, out)
    except AnalyzerError as exc:
        _fail(str(exc))
    typer.echo(render_report(report), nl=False)
    typer.echo(f"Model written to {out}", err=True)


@app.command("serve")
def serve_command(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    max_bytes: Annotated[int, typer.Option(help="Largest request body accepted, in bytes.")] = 2 * 1024 * 1024,
    taxonomy: TaxonomyOption = None,
) -> None:
    """Serve the web page and JSON API for classifying listings (needs the web extra).

    Example: skill-analyzer serve --port 8000   (then open http://127.0.0.1:8000/)
    """
    tax = _load(taxonomy)
    try:
        import uvicorn

        from .web import create_app
    except ImportError:
        _fail("the web server needs FastAPI and uvicorn: pip install 'skill-analyzer[web]'")
    typer.echo(f"Serving on http://{host}:{port}/ (Ctrl+C stops)", err=True)
    uvicorn.run(create_app(Analyzer(tax), max_bytes=max_bytes), host=host, port=port, log_level="warning")


@app.command("evaluate")
def evaluate_command(
    gold: Annotated[Path, typer.Argument(help="Labelled postings (CSV or JSONL): text or source/file+row, label, skills.")],
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Folder for evaluation.json and evaluation.txt.")] = None,
    base: Annotated[Path | None, typer.Option(help="Folder the gold file's paths are relative to (default: its folder).")] = None,
    scope: Annotated[str | None, typer.Option(help="Skill ids to score: a file of ids or a comma list (default: all).")] = None,
    split: Annotated[str | None, typer.Option(help="Only rows whose split column has this value (e.g. heldout).")] = None,
    ignore_titles: Annotated[bool, typer.Option("--ignore-titles", help="Label from the description alone.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the full result as JSON.")] = False,
    facts: Annotated[
        Path | None, typer.Option(help="Also measure pay, minimum years and seniority against this labelled CSV.")
    ] = None,
    requirements: Annotated[
        Path | None, typer.Option(help="Also measure mentions' requirement level against this labelled CSV.")
    ] = None,
    classifier: ClassifierOption = ClassifierKind.rules,
    model: ModelOption = None,
    taxonomy: TaxonomyOption = None,
) -> None:
    """Measure skills and labels against labelled postings. Exits 0 whatever the scores.

    Example: skill-analyzer evaluate tests/eval/corpus_labels.csv --base ../shared/corpus --split heldout --out eval/
    """
    tax = _load(taxonomy)
    analyzer = _analyzer(tax, classifier, model)
    try:
        items = read_gold(gold, base=base, split=split)
        result = evaluate(items, analyzer, scope=read_scope(scope, tax.skill_ids), use_titles=not ignore_titles)
        if facts is not None:
            result["facts"] = evaluate_facts(facts, analyzer, base=base)
        if requirements is not None:
            result["requirements"] = evaluate_requirements(requirements, analyzer, base=base)
    except AnalyzerError as exc:
        _fail(str(exc))
    text = render_evaluation(result)
    if out is not None:
        try:
            out.mkdir(parents=True, exist_ok=True)
            (out / "evaluation.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
            (out / "evaluation.txt").write_text(text, encoding="utf-8")
        except OSError as exc:
            reason = "a file is in the way" if isinstance(exc, (FileExistsError, NotADirectoryError)) else exc.strerror or exc
            _fail(f"{out}: cannot write the evaluation here ({reason}); pass --out a folder you can write to.")
    if as_json:
        typer.echo(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        typer.echo(text, nl=False)
    if result["postings"] == 0:
        _fail("no labelled posting could be read; check --base and the gold file's paths.")


def _stop_on_sigterm(pid: int) -> None:
    """Make SIGTERM stop this process like Ctrl-C does, so that the run cleans up.

    Without it a terminated run left its temporary files and, with --jobs,
    worker processes waiting forever. Forked workers inherit the handler; in
    them SIGTERM keeps its default effect.
    """

    def stop(signum: int, _frame: object) -> None:
        if os.getpid() != pid:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)


def main() -> None:
    """Run the command line (the ``skill-analyzer`` console script)."""
    _stop_on_sigterm(os.getpid())
    app(prog_name="skill-analyzer")
