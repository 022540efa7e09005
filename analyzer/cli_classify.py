"""The commands for one listing at a time: classify it in the terminal or on the web page; list the taxonomy.

``classify`` prints a verdict for a person (or ``postings.jsonl`` objects
with ``--json``); ``serve`` starts the web page and JSON API
(:mod:`analyzer.web`, needs the web extra); ``taxonomy`` lists or validates
the skills they look for.
"""

from __future__ import annotations

import json
import socket
import sys
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
from .decoding import decode_bytes
from .errors import SkipPosting
from .ingest import ColumnOptions, clean_title, read_file, read_text
from .model import LABEL_VERDICTS, Analysis, Posting, Skipped
from .pipeline import Analyzer


def classify_command(
    file: Annotated[str, typer.Argument(help="A posting file, or - to read the listing from standard input.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one postings.jsonl object per posting.")] = False,
    title: Annotated[str | None, typer.Option(help="The job title; it replaces the one read from the listing (for every posting of a CSV/JSON file).")] = None,
    taxonomy: TaxonomyOption = None,
    text_column: Annotated[str | None, typer.Option(help="CSV column / JSON key holding the posting text.")] = None,
    classifier: ClassifierOption = ClassifierKind.rules,
    model: ModelOption = None,
) -> None:
    """Classify one listing: its label, confidence, skills and why.

    Example: skill-analyzer classify listing.txt
    Example: pbpaste | skill-analyzer classify - --json
    """
    analyzer = make_analyzer_or_fail(load_taxonomy_or_fail(taxonomy), classifier, model)
    items: list[Posting | Skipped]
    if file == "-":
        if _stdin_is_terminal():
            typer.echo("Paste the listing, then press Ctrl-D on a new line (Ctrl-Z then Enter on Windows).", err=True)
        try:
            # Bytes, decoded as files are: a listing pasted from anywhere may not be UTF-8.
            items = [read_text(decode_bytes(sys.stdin.buffer.read(), "<stdin>"), "<stdin>")]
        except SkipPosting as skip:
            items = [Skipped(skip.source, skip.reason)]
    else:
        path = Path(file)
        if path.is_dir():
            fail(f"{file}: is a folder; classify reads one posting file (or - for standard input), analyze reads folders.")
        if not path.is_file():
            fail(f"{file}: no such file; pass a posting file or - for standard input.")
        items = list(read_file(path, columns=ColumnOptions(text_column=text_column)))
    title = clean_title(title)
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
        fail("nothing to classify.")


def _stdin_is_terminal() -> bool:
    """True when standard input is a terminal (a person about to paste), not a pipe or a file."""
    return sys.stdin.isatty()


def _describe(analysis: Analysis) -> str:
    posting = analysis.posting
    lines = [
        f"{LABEL_VERDICTS[analysis.label]} ({analysis.label}), confidence {analysis.confidence:.2f}",
        f"  source: {posting.source}",
    ]
    if posting.title:
        lines.append(f"  title:  {posting.title}")
    where = ", ".join(part for part in (posting.company, posting.location) if part)
    if where:
        lines.append(f"  at:     {where}")
    if posting.date:
        lines.append(f"  posted: {posting.date}")
    lines.append(f"  scores: AI {analysis.scores['ai']:.2f}, ML {analysis.scores['ml']:.2f}")
    level, pay = analysis.level_text(), analysis.pay_text()
    if level:
        lines.append(f"  level:  {level}")
    if pay:
        lines.append(f"  pay:    {pay}")
    if analysis.skills:
        names = ", ".join(f"{s.name}" + (f" x{s.count}" if s.count > 1 else "") for s in analysis.skills)
        lines.append(f"  skills ({len(analysis.skills)}): {names}")
    else:
        lines.append("  skills: none found")
    lines.append("  why:")
    lines.extend(f"    - {reason}" for reason in analysis.reasons)
    return "\n".join(lines) + "\n"


def taxonomy_command(
    taxonomy: TaxonomyOption = None,
    validate: Annotated[bool, typer.Option("--validate", help="Only check the file and print a one-line result.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the skills as JSON.")] = False,
) -> None:
    """List or validate a taxonomy.

    Example: skill-analyzer taxonomy --taxonomy my_skills.yaml --validate
    """
    tax = load_taxonomy_or_fail(taxonomy)
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


def serve_command(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on (1-65535).", min=1, max=65535)] = 8000,
    max_bytes: Annotated[int, typer.Option(help="Largest request body accepted, in bytes.", min=1)] = 2 * 1024 * 1024,
    taxonomy: TaxonomyOption = None,
) -> None:
    """Serve the web page and JSON API for classifying listings (needs the web extra).

    Example: skill-analyzer serve --port 8000   (then open http://127.0.0.1:8000/)
    """
    tax = load_taxonomy_or_fail(taxonomy)
    try:
        import uvicorn

        from .web import create_app
    except ImportError:
        fail("the web server needs FastAPI and uvicorn: pip install 'skill-analyzer[web]'")
    listener = _listen_socket(host, port)
    config = uvicorn.Config(create_app(Analyzer(tax), max_bytes=max_bytes), log_level="warning")
    typer.echo(f"Serving on http://{host}:{port}/ (Ctrl+C stops)", err=True)
    uvicorn.Server(config).run(sockets=[listener])


def _listen_socket(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port`` for the server, or exit 1 saying why it cannot be (port taken, unknown host)."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror as exc:
        fail(f"cannot listen on {host}:{port}: {exc.strerror}; pass --host an address of this machine such as 127.0.0.1 or 0.0.0.0.")
    listener = socket.socket(family, kind, proto)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind(address)
    except OSError as exc:
        listener.close()
        fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}; pass --port a free port (or stop the program using this one).")
    return listener
