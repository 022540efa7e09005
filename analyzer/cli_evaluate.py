"""The commands that work from labelled postings: train a classifier, measure against gold labels.

Thin wrappers: ``train`` calls :func:`analyzer.learn.train` and writes the
model with :func:`analyzer.model_file.save_model`; ``evaluate`` calls
:func:`analyzer.evaluate.evaluate` and prints or writes its result.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from .cli_options import (
    ClassifierKind,
    ClassifierOption,
    ModelOption,
    TaxonomyOption,
    fail,
    load_taxonomy_or_fail,
    make_analyzer_or_fail,
)
from .errors import AnalyzerError, ModelError
from .evaluate import evaluate, evaluate_facts, evaluate_requirements, render_evaluation
from .gold import read_gold, read_scope

_LEFT_OUT_SHOWN = 20  # rows left out of training listed one by one; the rest are counted


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
    cv: Annotated[int, typer.Option(min=2, help="Folds of the cross-validated report (fewer when a label has fewer distinct postings; the report says why).")] = 5,
    taxonomy: TaxonomyOption = None,
) -> None:
    """Train a classifier on labelled postings and print its cross-validated report.

    The model file is JSON (no pickle): loading it never runs code.

    Example: skill-analyzer train my_labelled.csv --out model.json
    """
    from .labelled import read_labelled_file
    from .learn import render_report, train
    from .model_file import save_model

    tax = load_taxonomy_or_fail(taxonomy)
    # Check where the model goes before training, which can take a while.
    if out.is_dir():
        fail(f"{out}: is a folder; pass --out a file path such as {out / 'model.json'}.")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail(f"{out.parent}: cannot create the folder for the model ({exc.strerror or exc}); pass --out a path you can write to.")
    try:
        read = read_labelled_file(
            labelled, text_column=text_column, title_column=title_column, labels_from_titles=labels_from_title
        )
    except AnalyzerError as exc:
        fail(str(exc))
    if read.left_out:
        rows = len(read.examples) + len(read.left_out)
        typer.echo(f"{labelled}: {len(read.left_out)} of {rows} rows left out (no example to train on):", err=True)
        for number, why in read.left_out[:_LEFT_OUT_SHOWN]:
            typer.echo(f"  row {number}: {why}", err=True)
        if len(read.left_out) > _LEFT_OUT_SHOWN:
            typer.echo(f"  ... and {len(read.left_out) - _LEFT_OUT_SHOWN} more", err=True)
    try:
        model, report = train(read.examples, tax, cv=cv)
    except ModelError as exc:  # about the examples: name the file they came from
        fail(f"{labelled}: {exc}")
    try:
        save_model(model, out)
    except AnalyzerError as exc:
        fail(str(exc))
    typer.echo(render_report(report), nl=False)
    typer.echo(f"Model written to {out}", err=True)


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
    tax = load_taxonomy_or_fail(taxonomy)
    analyzer = make_analyzer_or_fail(tax, classifier, model)
    try:
        skill_ids = read_scope(scope, tax.skill_ids)
        items = read_gold(gold, base=base, split=split, taxonomy=tax)
        result = evaluate(items, analyzer, scope=skill_ids, use_titles=not ignore_titles)
        if classifier is ClassifierKind.model:
            result["model"] = str(model) if model is not None else "shipped with the package"
        if facts is not None:
            result["facts"] = evaluate_facts(facts, analyzer, base=base)
        if requirements is not None:
            result["requirements"] = evaluate_requirements(requirements, analyzer, base=base)
    except AnalyzerError as exc:
        fail(str(exc))
    text = render_evaluation(result)
    if out is not None:
        try:
            out.mkdir(parents=True, exist_ok=True)
            (out / "evaluation.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
            (out / "evaluation.txt").write_text(text, encoding="utf-8")
        except OSError as exc:
            reason = "a file is in the way" if isinstance(exc, (FileExistsError, NotADirectoryError)) else exc.strerror or exc
            fail(f"{out}: cannot write the evaluation here ({reason}); pass --out a folder you can write to.")
    if as_json:
        typer.echo(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        typer.echo(text, nl=False)
    if result["postings"] == 0:
        fail(f"{gold}: none of its {len(result['missing'])} postings could be read (listed above); check --base and the file's paths.")
