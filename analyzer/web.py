"""The web front end: a page to classify one listing, and a JSON API.

:func:`create_app` builds the FastAPI application around one
:class:`~analyzer.pipeline.Analyzer`, made once (spaCy tokenizer, matchers,
taxonomy) and shared by every request. Routes:

============================  ==================================================================
``GET /``                     the form: paste a listing (and a title) or upload a file
``POST /classify``            the result page: label badge, highlighted listing, skills by category, reasons
``POST /api/classify``        JSON ``{"text", "title"}`` or a multipart ``file``: the ``postings.jsonl`` object
``POST /api/analyze``         JSON ``{"postings": [{"text", "title"}, ...]}``: objects, skill table, label counts
``GET /api/taxonomy``         the taxonomy's name, version, categories and skills
``GET /healthz``              ``{"status": "ok"}``
``GET /docs``                 the OpenAPI documentation (FastAPI's default page)
============================  ==================================================================

Limits: a request body over ``max_bytes`` gets 413 (checked on
``Content-Length`` and on the bytes actually received); an upload of another
type than :data:`UPLOAD_SUFFIXES` gets 415; a document that cannot be read
gets 422 with the reason; a listing with no text gets the "nothing found"
answer (no skills, confidence 0). Uploads are read into memory, never
written to disk. The HTML pages load nothing from elsewhere and run no script.

Run it with ``uvicorn analyzer.web:create_app --factory --host 127.0.0.1 --port 8000``.
"""

from __future__ import annotations

import html
import math
import re
import threading
from collections import Counter
from dataclasses import dataclass, replace
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, Field, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, Headers, UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import __version__
from .documents import docx_to_text, pdf_to_text
from .errors import EmptyDocument, SkipPosting
from .ingest import decode_bytes, posting_id, read_text, read_text_posting
from .model import LABELS, Analysis, Posting
from .pipeline import Analyzer
from .report import skill_frequencies
from .taxonomy import Taxonomy

__all__ = ["LABEL_TEXT", "UPLOAD_SUFFIXES", "create_app"]

UPLOAD_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx")
LABEL_TEXT = {"ai": "AI-engineer-leaning", "ml": "ML-engineer-leaning", "hybrid": "Hybrid"}
_LEAN_TEXT = {"ai": "AI-leaning", "ml": "ML-leaning", "both": "both roles"}
_MAX_TITLE = 300
_MARKDOWN_HEADING = re.compile(r"\s*#{1,3}[ \t]+\S")
_HTML_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


class ListingIn(BaseModel):
    """One listing sent as JSON."""

    text: str = Field(description="The listing: plain text, Markdown or HTML.")
    title: str | None = Field(default=None, description="The job title, when the text does not start with it.")


class BatchIn(BaseModel):
    """Listings to analyze together."""

    postings: list[ListingIn] = Field(description="The listings, analyzed in order.")


@dataclass(frozen=True, slots=True)
class _Prepared:
    """A posting ready to analyze; ``empty`` says why there is no text to analyze."""

    posting: Posting
    empty: str | None = None


def create_app(analyzer: Analyzer | None = None, *, max_bytes: int = 2 * 1024 * 1024, max_batch: int = 100) -> FastAPI:
    """Build the web application around one analyzer.

    Args:
        analyzer: The analyzer to share between requests; one with the shipped taxonomy when None.
        max_bytes: Largest request body accepted, in bytes (413 above it).
        max_batch: Most postings one ``POST /api/analyze`` may carry (422 above it).

    Returns:
        The FastAPI application (an ASGI app for uvicorn).

    Example:
        >>> import uvicorn
        >>> uvicorn.run(create_app(), host="127.0.0.1", port=8000)  # doctest: +SKIP
    """
    engine = analyzer if analyzer is not None else Analyzer()
    taxonomy = engine.taxonomy
    lock = threading.Lock()  # one analysis at a time: the spaCy objects are shared
    app = FastAPI(
        title="skill-analyzer",
        summary="Find the skills job postings ask for and tell AI-engineer from ML-engineer roles.",
        version=__version__,
    )
    app.state.analyzer = engine
    app.add_middleware(_BodyLimit, max_bytes=max_bytes)

    def analyze(items: list[_Prepared]) -> list[Analysis]:
        with lock:
            results = list(engine.analyze_postings(item.posting for item in items))
        return [
            replace(result, reasons=(item.empty, *result.reasons)) if item.empty else result
            for item, result in zip(items, results, strict=True)
        ]

    def analyze_batch(listings: list[ListingIn]) -> list[Analysis]:
        items = [_prepare_text(p.text, p.title, source=f"<request>#row={n}") for n, p in enumerate(listings, start=1)]
        return analyze(items)

    async def read_upload(upload: UploadFile, title: str | None) -> _Prepared:
        data = await upload.read()
        return await run_in_threadpool(_prepare_upload, data, upload.filename or "", title)

    @app.get("/", response_class=HTMLResponse, summary="The form: paste a listing or upload a file")
    def index() -> HTMLResponse:
        return _html(_form_page(taxonomy, max_bytes))

    @app.post("/classify", response_class=HTMLResponse, summary="Classify a listing from the form; the result page")
    async def classify_page(request: Request) -> HTMLResponse:
        text = title = ""
        try:
            form = await _read_form(request, max_bytes)
            try:
                text, title = _form_text(form, "text"), _form_text(form, "title")
                upload = _form_file(form)
                if upload is not None:
                    item = await read_upload(upload, title or None)
                else:
                    item = await run_in_threadpool(_prepare_text, text, title or None)
            finally:
                await form.close()
        except HTTPException as exc:
            return _html(_form_page(taxonomy, max_bytes, text=text, title=title, error=str(exc.detail)), exc.status_code)
        (analysis,) = await run_in_threadpool(analyze, [item])
        return _html(_result_page(analysis, taxonomy, item.empty))

    @app.post(
        "/api/classify",
        summary="Classify one listing (JSON or a file upload)",
        responses={
            200: {"description": "The postings.jsonl object (with the text the mention offsets index into)."},
            413: {"description": "Request body too large."},
            415: {"description": "Unsupported upload type or content type."},
            422: {"description": "Invalid JSON or an unreadable document."},
        },
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {"schema": ListingIn.model_json_schema()},
                    "multipart/form-data": {
                        "schema": {
                            "type": "object",
                            "properties": {
                                "file": {"type": "string", "format": "binary", "description": ", ".join(UPLOAD_SUFFIXES)},
                                "text": {"type": "string"},
                                "title": {"type": "string"},
                            },
                        }
                    },
                },
            }
        },
    )
    async def classify_api(request: Request) -> JSONResponse:
        content_type = request.headers.get("content-type", "").lower()
        if content_type.startswith("application/json"):
            listing = _parse_listing(await request.body())
            item = await run_in_threadpool(_prepare_text, listing.text, listing.title)
        else:
            form = await _read_form(request, max_bytes)
            try:
                title = _form_text(form, "title") or None
                upload = _form_file(form)
                if upload is not None:
                    item = await read_upload(upload, title)
                else:
                    item = await run_in_threadpool(_prepare_text, _form_text(form, "text"), title)
            finally:
                await form.close()
        (analysis,) = await run_in_threadpool(analyze, [item])
        return JSONResponse(analysis.to_dict(include_text=True))

    @app.post(
        "/api/analyze",
        summary="Analyze several listings: their objects, the skill table and the label counts",
        responses={413: {"description": "Request body too large."}, 422: {"description": "Too many postings or invalid JSON."}},
    )
    async def analyze_api(batch: BatchIn) -> JSONResponse:
        if len(batch.postings) > max_batch:
            raise HTTPException(
                422, f"too many postings: {len(batch.postings)}; send at most {max_batch} per request (split the batch)"
            )
        analyses = await run_in_threadpool(analyze_batch, batch.postings)
        return JSONResponse(_batch_summary(analyses, taxonomy))

    @app.get("/api/taxonomy", summary="The taxonomy: name, version, categories and skills")
    def taxonomy_api() -> dict[str, Any]:
        return _taxonomy_dict(taxonomy)

    @app.get("/healthz", summary="Liveness check")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    return app


class _BodyLimit:
    """ASGI middleware: refuse request bodies over ``max_bytes`` with 413, else pass the body on from memory.

    The declared ``Content-Length`` is checked first (nothing is read), then
    the bytes actually received, so a chunked body cannot get past the limit.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        declared = headers.get("content-length")
        if declared is not None:
            if not declared.strip().isdigit():
                await _refuse(scope, receive, send, headers, 400, f"bad Content-Length header {declared!r}")
                return
            if int(declared) > self.max_bytes:
                await _refuse(scope, receive, send, headers, 413, self._too_large())
                return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await _refuse(scope, receive, send, headers, 413, self._too_large())
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    def _too_large(self) -> str:
        return (
            f"request body too large: the limit is {self.max_bytes:,} bytes ({self.max_bytes / 1024 / 1024:g} MB); "
            "upload a smaller file or send fewer postings per request"
        )


async def _refuse(scope: Scope, receive: Receive, send: Send, headers: Headers, status: int, detail: str) -> None:
    """Answer an error before the app runs: an HTML page for browsers, else FastAPI's JSON shape."""
    response: HTMLResponse | JSONResponse
    if "text/html" in headers.get("accept", ""):
        page = _page("Request refused", f'<p class="error">{html.escape(detail)}</p><p><a href="./">Back to the form</a></p>')
        response = _html(page, status)
    else:
        response = JSONResponse({"detail": detail}, status_code=status)
    response.headers["Connection"] = "close"
    await response(scope, receive, send)


async def _read_form(request: Request, max_bytes: int) -> FormData:
    """The submitted form; uploads are kept in memory (the body is at most ``max_bytes``)."""
    content_type = request.headers.get("content-type", "").lower()
    if content_type.startswith("multipart/form-data"):
        parser = MultiPartParser(request.headers, request.stream(), max_files=1, max_fields=16, max_part_size=max_bytes)
        parser.spool_max_size = max_bytes + 1  # never rolled over to a temporary file on disk
        try:
            return await parser.parse()
        except MultiPartException as exc:
            raise HTTPException(400, f"malformed form: {exc.message}") from None
    if content_type.startswith("application/x-www-form-urlencoded"):
        return await request.form(max_files=0, max_fields=16, max_part_size=max_bytes)
    raise HTTPException(
        415, f"unsupported content type {content_type or '(none)'!r}; send application/json or multipart/form-data"
    )


def _form_text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


def _form_file(form: FormData) -> UploadFile | None:
    value = form.get("file")
    return value if isinstance(value, UploadFile) and value.filename else None


def _parse_listing(body: bytes) -> ListingIn:
    """The JSON listing of ``POST /api/classify``; 422 with pydantic's errors when it does not fit."""
    try:
        return ListingIn.model_validate_json(body)
    except ValidationError as exc:
        errors = [{"loc": e["loc"], "msg": e["msg"], "type": e["type"]} for e in exc.errors(include_url=False)]
        raise HTTPException(422, errors) from None


def _clean_title(title: str | None) -> str | None:
    """The title on one line, at most ``_MAX_TITLE`` characters; None when blank."""
    if not title:
        return None
    return " ".join(title.split())[:_MAX_TITLE] or None


def _prepare_text(text: str, title: str | None, *, source: str = "<pasted>") -> _Prepared:
    """A pasted listing (text, Markdown or HTML) as a posting, or the empty answer."""
    title = _clean_title(title)
    if not text.strip():
        return _nothing(source, title, "the listing is empty: there is no text to analyze")
    try:
        if _MARKDOWN_HEADING.match(text):  # pasted Markdown: its heading is the title, without the #
            posting = read_text_posting(text, source, markdown=True)
        else:
            posting = read_text(text, source)
    except SkipPosting as skip:
        return _empty_or_raise(skip, source, title)
    return _Prepared(replace(posting, title=title) if title else posting)


def _prepare_upload(data: bytes, filename: str, title: str | None) -> _Prepared:
    """An uploaded file as a posting, or the empty answer.

    Raises:
        HTTPException: 415 for an unsupported type, 422 for an unreadable document.
    """
    name = filename.replace("\\", "/").rsplit("/", 1)[-1] or "upload"
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix not in UPLOAD_SUFFIXES:
        raise HTTPException(415, f"unsupported file type {suffix or '(none)'!r}; supported: {', '.join(UPLOAD_SUFFIXES)}")
    title = _clean_title(title)
    try:
        if suffix == ".pdf":
            text = pdf_to_text(data, name)
        elif suffix == ".docx":
            text = docx_to_text(data, name)
        else:
            text = decode_bytes(data, name)
        if not text.strip():
            return _nothing(name, title, f"{name} is empty: there is no text to analyze")
        if suffix in (".html", ".htm"):
            posting = read_text(text, name)
            return _Prepared(replace(posting, title=title) if title else posting)
        return _Prepared(read_text_posting(text, name, markdown=suffix in (".md", ".markdown"), title=title))
    except EmptyDocument as empty:
        return _nothing(name, title, f"no text found: {empty.reason}")
    except SkipPosting as skip:
        return _empty_or_raise(skip, name, title)


def _empty_or_raise(skip: SkipPosting, source: str, title: str | None) -> _Prepared:
    """The empty answer for a posting skipped as empty (after HTML or header removal), else 422."""
    if skip.reason.startswith("empty"):
        return _nothing(source, title, f"no text found: {skip.reason}")
    raise HTTPException(422, f"{skip.source}: {skip.reason}")


def _nothing(source: str, title: str | None, reason: str) -> _Prepared:
    return _Prepared(Posting(posting_id(source, ""), source, "", title), reason)


def _batch_summary(analyses: list[Analysis], taxonomy: Taxonomy) -> dict[str, Any]:
    """The ``/api/analyze`` answer: objects, skill rows for skills found, labels over unique postings."""
    labels: Counter[str] = Counter({label: 0 for label in LABELS})
    skill_counts: dict[str, Counter[str]] = {}
    for analysis in analyses:
        if analysis.duplicate_of is not None:
            continue
        labels[analysis.label] += 1
        for hit in analysis.skills:
            skill_counts.setdefault(hit.id, Counter())[analysis.label] += 1
    frame = skill_frequencies(taxonomy, skill_counts, labels)
    rows = [{str(k): _plain(v) for k, v in row.items()} for row in frame[frame["postings"] > 0].to_dict("records")]
    return {
        "postings": [analysis.to_dict(include_text=True) for analysis in analyses],
        "skills": rows,
        "labels": {label: labels[label] for label in LABELS},
    }


def _plain(value: Any) -> Any:
    """A JSON-ready value from a table cell: NaN as None, numpy scalars as Python ones."""
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _lean(taxonomy: Taxonomy, skill_id: str) -> str:
    """``ai``, ``ml`` or ``both``: which role a skill's weights favour."""
    try:
        skill = taxonomy.skill(skill_id)
    except KeyError:
        return "both"
    return "ai" if skill.weight_ai > skill.weight_ml else "ml" if skill.weight_ml > skill.weight_ai else "both"


def _taxonomy_dict(taxonomy: Taxonomy) -> dict[str, Any]:
    return {
        "name": taxonomy.name,
        "version": taxonomy.version,
        "description": taxonomy.description,
        "categories": dict(taxonomy.categories),
        "skills": [
            {
                "id": s.id,
                "name": s.name,
                "category": s.category,
                "origin": s.origin,
                "weights": {"ai": s.weight_ai, "ml": s.weight_ml},
                "lean": _lean(taxonomy, s.id),
                "article_share": s.article_share,
                "aliases": [a.form for a in s.aliases],
            }
            for s in taxonomy.skills
        ],
    }


# ---- HTML -------------------------------------------------------------------------------------------

_CSS = """
*{box-sizing:border-box}
body{margin:0;color:#1a1a1a;background:#fff;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
main{max-width:960px;margin:0 auto;padding:1.5rem}
h1{margin:0 0 .5rem;font-size:1.6rem}h2{margin:2rem 0 .5rem;border-bottom:2px solid #ddd;font-size:1.2rem}
h3{margin:1rem 0 .25rem;font-size:1rem;color:#333}
a{color:#005a9c}
label{display:block;font-weight:600;margin:1rem 0 .25rem}
.opt{font-weight:400;color:#555}
input[type=text],textarea{width:100%;font:inherit;padding:.5rem;border:1px solid #999;border-radius:4px}
textarea{min-height:18rem;font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
button{margin-top:1.25rem;font:inherit;font-weight:600;padding:.55rem 1.6rem;border:0;border-radius:4px;background:#005a9c;color:#fff;cursor:pointer}
button:hover,button:focus{background:#00457a}
.or{margin:1rem 0 0;color:#555}
.lead,.meta,.note,footer{color:#444}footer{margin-top:3rem;font-size:.85rem;border-top:1px solid #ddd;padding-top:.5rem}
.error{border-left:4px solid #b00020;background:#fdecee;padding:.6rem .9rem;margin:1rem 0}
.verdict{display:flex;flex-wrap:wrap;align-items:center;gap:.75rem 1rem;margin:.75rem 0}
.badge{display:inline-block;padding:.35rem .9rem;border-radius:999px;color:#fff;font-size:1.25rem;font-weight:700}
.badge-ai{background:#0072b2}.badge-ml{background:#b34700}.badge-hybrid{background:#007a5a}
.confidence{font-size:1.1rem;font-weight:600}
.scores{color:#444}
ul.skills{list-style:none;padding:0;margin:.25rem 0;display:flex;flex-wrap:wrap;gap:.4rem}
ul.skills li{border-radius:4px;padding:.1rem .5rem;font-size:.92rem}
.lean-ai{background:#d3e8f7;box-shadow:inset 0 -2px #0072b2}
.lean-ml{background:#fbdcc8;box-shadow:inset 0 -2px #b34700}
.lean-both{background:#d5efe3;box-shadow:inset 0 -2px #007a5a}
.count{color:#444;font-size:.85em}
mark{color:inherit;border-radius:2px;padding:0 .1em}
.legend mark{margin-right:.5rem}
.listing{white-space:pre-wrap;overflow-wrap:anywhere;border:1px solid #ddd;border-radius:4px;padding:.75rem 1rem;background:#fafafa;font-size:.95rem}
ol.reasons li{margin:.2rem 0}
.empty{font-style:italic;color:#444}
@media print{.badge,mark,ul.skills li{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""


def _html(page: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(page, status_code=status, headers=_HTML_HEADERS)


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{html.escape(title)}</title><style>{_CSS}</style></head>"
        f"<body><main>{body}</main></body></html>\n"
    )


def _footer(taxonomy: Taxonomy) -> str:
    return (
        f"<footer>skill-analyzer · taxonomy {html.escape(taxonomy.name)} {html.escape(taxonomy.version)} "
        f"({len(taxonomy.skills)} skills) · <a href=\"docs\">API documentation</a></footer>"
    )


def _form_page(taxonomy: Taxonomy, max_bytes: int, *, text: str = "", title: str = "", error: str | None = None) -> str:
    accept = ",".join(UPLOAD_SUFFIXES)
    kinds = ", ".join(UPLOAD_SUFFIXES)
    body = [
        "<h1>Skill analyzer</h1>",
        '<p class="lead">Paste a job listing or upload one: the page shows the skills it asks for and whether '
        "the role leans toward an <strong>AI engineer</strong> (builds whole systems around models), an "
        "<strong>ML engineer</strong> (builds and tunes the models) or both.</p>",
    ]
    if error:
        body.append(f'<p class="error" role="alert">{html.escape(error)}</p>')
    body += [
        '<form method="post" action="classify" enctype="multipart/form-data">',
        '<label for="title">Job title <span class="opt">(optional)</span></label>',
        f'<input id="title" name="title" type="text" maxlength="{_MAX_TITLE}" value="{html.escape(title)}">',
        '<label for="text">Listing</label>',
        '<textarea id="text" name="text" rows="18" placeholder="Paste the listing here: plain text, Markdown or HTML">'
        f"{html.escape(text)}</textarea>",
        '<p class="or">or</p>',
        f'<label for="file">Upload a file <span class="opt">({kinds}; up to {max_bytes / 1024 / 1024:g} MB; '
        "it is used instead of the pasted text)</span></label>",
        f'<input id="file" name="file" type="file" accept="{accept}">',
        '<div><button type="submit">Classify</button></div>',
        "</form>",
        _footer(taxonomy),
    ]
    return _page("Skill analyzer", "\n".join(body))


def _highlight(analysis: Analysis, taxonomy: Taxonomy) -> str:
    """The listing text, escaped, with every skill mention in a ``<mark>`` coloured by the skill's lean.

    A mention counted for several skills (``LangChain`` for LangChain and, by
    ``implies``, for LLMs) is one mark naming them all, the skill it names
    directly first; a mention overlapping one already marked is left out.
    """
    text = analysis.posting.text
    spans: dict[tuple[int, int], list[str]] = {}
    names = {hit.id: hit.name for hit in analysis.skills}
    for hit in analysis.skills:
        for mention in hit.mentions:
            spans.setdefault((mention.start, mention.end), []).append(hit.id)
    pieces: list[str] = []
    done = 0
    for (start, end), ids in sorted(spans.items(), key=lambda item: (item[0][0], -item[0][1])):
        if start < done or not 0 <= start < end <= len(text):
            continue
        implied = {target for skill_id in ids for target in _implied(taxonomy, skill_id)}
        ids = sorted(ids, key=lambda skill_id: (skill_id in implied, skill_id))
        lean = _lean(taxonomy, ids[0])
        title = "; ".join(f"{names[i]} ({_LEAN_TEXT[_lean(taxonomy, i)]})" for i in ids)
        pieces.append(html.escape(text[done:start]))
        pieces.append(
            f'<mark class="lean-{lean}" data-skill="{html.escape(" ".join(ids))}" '
            f'title="{html.escape(title)}">{html.escape(text[start:end])}</mark>'
        )
        done = end
    pieces.append(html.escape(text[done:]))
    return "".join(pieces)


def _implied(taxonomy: Taxonomy, skill_id: str) -> set[str]:
    """The skills a skill's forms also count for (``implies``)."""
    try:
        skill = taxonomy.skill(skill_id)
    except KeyError:
        return set()
    return {*skill.implies, *(target for alias in skill.aliases for target in alias.implies)}


def _skills_by_category(analysis: Analysis, taxonomy: Taxonomy) -> str:
    order = {category: n for n, category in enumerate(taxonomy.categories)}
    groups: dict[str, list[str]] = {}
    for hit in sorted(analysis.skills, key=lambda h: (order.get(h.category, len(order)), -h.count, h.name.lower())):
        lean = _lean(taxonomy, hit.id)
        count = f' <span class="count">×{hit.count}</span>' if hit.count > 1 else ""
        groups.setdefault(hit.category, []).append(
            f'<li class="skill lean-{lean}" data-skill="{html.escape(hit.id)}" title="{_LEAN_TEXT[lean]}">'
            f"{html.escape(hit.name)}{count}</li>"
        )
    return "\n".join(
        f"<h3>{html.escape(taxonomy.categories.get(category, category))}</h3>\n<ul class=\"skills\">{''.join(items)}</ul>"
        for category, items in groups.items()
    )


def _result_page(analysis: Analysis, taxonomy: Taxonomy, empty: str | None) -> str:
    posting = analysis.posting
    label = analysis.label
    source = "pasted text" if posting.source == "<pasted>" else posting.source
    body = [
        f'<p><a href="./">← Classify another listing</a></p>\n<h1>{html.escape(posting.title or "Listing")}</h1>',
        f'<p class="meta">From {html.escape(source)}</p>',
        '<div class="verdict">'
        f'<span class="badge badge-{label}" id="label" data-label="{label}">{LABEL_TEXT[label]}</span>'
        f'<span class="confidence" id="confidence">confidence {analysis.confidence:.2f}</span>'
        f'<span class="scores">AI evidence {analysis.scores.get("ai", 0.0):.2f} · '
        f'ML evidence {analysis.scores.get("ml", 0.0):.2f}</span></div>',
        f"<h2>Skills ({len(analysis.skills)})</h2>",
    ]
    if analysis.skills:
        body.append(
            '<p class="legend note">Colour: <mark class="lean-ai">AI-leaning</mark><mark class="lean-ml">ML-leaning</mark>'
            '<mark class="lean-both">both roles</mark></p>'
        )
        body.append(_skills_by_category(analysis, taxonomy))
    else:
        body.append('<p class="empty">No skill from the taxonomy was found in this listing.</p>')
    body.append("<h2>Why this label</h2>")
    body.append('<ol class="reasons">' + "".join(f"<li>{html.escape(r)}</li>" for r in analysis.reasons) + "</ol>")
    body.append("<h2>The listing</h2>")
    if empty:
        body.append(f'<p class="empty">{html.escape(empty)}</p>')
    else:
        body.append(f'<div class="listing" id="listing">{_highlight(analysis, taxonomy)}</div>')
    body.append(_footer(taxonomy))
    return _page(f"{LABEL_TEXT[label]}: {posting.title or 'listing'} · skill-analyzer", "\n".join(body))
