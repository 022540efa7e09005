"""The command line: parse, call the library, print.

Only the ``cli`` modules print, read argv or exit. This one holds the app,
its callback and the entry point (``skill-analyzer``, ``python -m analyzer``);
the commands live in :mod:`analyzer.cli_analyze` (analyze, report),
:mod:`analyzer.cli_classify` (classify, taxonomy, serve) and
:mod:`analyzer.cli_evaluate` (train, evaluate), what they share in
:mod:`analyzer.cli_options`. Exit codes: 0 when the run finished (even with
skipped inputs), 1 for our errors (nothing could be analyzed, a path does
not exist, a bad taxonomy), 2 for bad usage.
"""

from __future__ import annotations

import os
import signal
from typing import Annotated

import typer

from . import __version__
from .cli_analyze import analyze_command, report_command
from .cli_classify import classify_command, serve_command, taxonomy_command
from .cli_evaluate import evaluate_command, train_command

app = typer.Typer(
    name="skill-analyzer",
    help="Find the skills job postings ask for and tell AI-engineer from ML-engineer roles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


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


# In the order --help lists them.
app.command("analyze")(analyze_command)
app.command("classify")(classify_command)
app.command("taxonomy")(taxonomy_command)
app.command("report")(report_command)
app.command("train")(train_command)
app.command("serve")(serve_command)
app.command("evaluate")(evaluate_command)


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
