"""What the commands share: option types, and turning options into a taxonomy or an analyzer.

Used by the command modules (``cli_analyze``, ``cli_classify``,
``cli_evaluate``) only. Errors end here as ``Error: ...`` on stderr and an
exit code: 1 for our errors, 2 for bad usage.
"""

from __future__ import annotations

from datetime import datetime, timezone
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from .errors import AnalyzerError
from .pipeline import Analyzer
from .taxonomy import Taxonomy, load_taxonomy


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


def fail(message: str, code: int = 1) -> NoReturn:
    """Print ``Error: message`` on stderr and exit.

    Args:
        message: What is wrong and how to fix it.
        code: The exit code: 1 for our errors, 2 for bad usage.

    Raises:
        typer.Exit: Always.
    """
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(code)


def load_taxonomy_or_fail(taxonomy: Path | None) -> Taxonomy:
    """Load the ``--taxonomy`` file (default: the shipped one), exiting 1 when it is invalid."""
    try:
        return load_taxonomy(taxonomy)
    except AnalyzerError as exc:
        fail(str(exc))


def make_analyzer_or_fail(tax: Taxonomy, classifier: ClassifierKind, model: Path | None) -> Analyzer:
    """Build the analyzer ``--classifier`` and ``--model`` ask for.

    Exits 2 when ``--model`` comes without ``--classifier model``, 1 when the
    model cannot be loaded.
    """
    if model is not None and classifier is not ClassifierKind.model:
        fail("--model needs --classifier model.", 2)
    try:
        return Analyzer(tax, model=(model or "default") if classifier is ClassifierKind.model else None)
    except AnalyzerError as exc:
        fail(str(exc))


def utc_now() -> str:
    """The current time for ``--timestamp``: ISO 8601 in UTC, to the second."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()
