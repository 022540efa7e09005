"""The web front end: a page to classify one listing, and a JSON API.

:func:`create_app` builds the FastAPI application around one
:class:`~analyzer.pipeline.Analyzer`, made once (spaCy tokenizer, matchers,
taxonomy) and shared by every request. Routes:

============================  ==================================================================
``GET /``                     the form: paste a listing (and a title) or upload a file
``GET /classify``             back to the form (303), for a result page opened again from the history
``POST /classify``            the result page: label badge, highlighted listing, skills by category, reasons
``POST /api/classify``        JSON ``{"text", "title"}`` or a multipart ``file``: the ``postings.jsonl`` object
``POST /api/analyze``         JSON ``{"postings": [{"text", "title"}, ...]}``: objects, skill table, label counts, skipped
``GET /api/taxonomy``         the taxonomy's name, version, categories and skills
``GET /healthz``              ``{"status": "ok"}``
``GET /docs``                 the OpenAPI documentation (FastAPI's default page)
============================  ==================================================================

Limits: a request body over ``max_bytes`` gets 413 (checked on
``Content-Length`` and on the bytes actually received); an upload of another
type than :data:`UPLOAD_SUFFIXES` gets 415; a document that cannot be read,
or a file sent in another form field than ``file``, gets 422 with the reason; a listing with no text gets the "nothing found"
answer (no skills, confidence 0). A body that is not JSON where JSON is
expected gets 415, JSON that does not fit gets 422 with one ``{"loc", "msg",
"type"}`` per error, on both JSON routes. In a batch, a listing that cannot
be analyzed (empty, too long) is listed in ``skipped`` and left out of the
counts, and the others are analyzed. Uploads are read into memory, never
written to disk. The HTML pages load nothing from elsewhere and run no script.

This module holds the routes and the request limits; listings become postings
in :mod:`analyzer.web_listings` and the pages are rendered by
:mod:`analyzer.web_pages`.

Run it with ``uvicorn analyzer.web:create_app --factory --host 127.0.0.1 --port 8000``.
"""

from __future__ import annotations

import math
import threading
from collections import Counter
from dataclasses import replace
from typing import Any, TypeVar

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from pydantic import BaseModel, Field, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, Headers, UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import __version__
from .model import LABELS, Analysis
from .pipeline import Analyzer
from .report import skill_frequencies
from .taxonomy import Taxonomy
from .web_listings import UPLOAD_SUFFIXES, PreparedListing, prepare_text, prepare_upload
from .web_pages import render_form_page, render_refused_page, render_result_page, size_text, skill_lean

__all__ = ["UPLOAD_SUFFIXES", "create_app"]

_HTML_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


class ListingIn(BaseModel):
    """One listing sent as JSON."""

    text: str = Field(description="The listing: plain text, Markdown or HTML.")
    title: str | None = Field(default=None, description="The job title; it replaces the one read from the listing (its first line, heading or Title: line).")


_Body = TypeVar("_Body", bound=BaseModel)


class BatchIn(BaseModel):
    """Listings to analyze together."""

    postings: list[ListingIn] = Field(description="The listings, analyzed in order.")


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

    def analyze(items: list[PreparedListing]) -> list[Analysis]:
        with lock:
            results = list(engine.analyze_postings(item.posting for item in items))
        return [
            replace(result, reasons=(item.empty, *result.reasons)) if item.empty else result
            for item, result in zip(items, results, strict=True)
        ]

    def analyze_batch(listings: list[ListingIn]) -> dict[str, Any]:
        items = [
            prepare_text(p.text, p.title, source=f"<request>#row={n}", refuse=False) for n, p in enumerate(listings, start=1)
        ]
        return _batch_summary(items, analyze(items), taxonomy)

    async def read_upload(upload: UploadFile, title: str | None) -> PreparedListing:
        data = await upload.read()
        return await run_in_threadpool(prepare_upload, data, upload.filename or "", title)

    @app.get("/", response_class=HTMLResponse, summary="The form: paste a listing or upload a file")
    def index() -> HTMLResponse:
        return _html(render_form_page(taxonomy, max_bytes))

    @app.get("/classify", include_in_schema=False)
    def classify_page_reloaded() -> RedirectResponse:
        # A result page opened again from the history or a bookmark: back to the form, not a JSON 405.
        return RedirectResponse("./", status_code=303)

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
                    item = await run_in_threadpool(prepare_text, text, title or None)
            finally:
                await form.close()
        except HTTPException as exc:
            return _html(render_form_page(taxonomy, max_bytes, text=text, title=title, error=str(exc.detail)), exc.status_code)
        (analysis,) = await run_in_threadpool(analyze, [item])
        return _html(render_result_page(analysis, taxonomy, item.empty))

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
            listing = _parse_json(ListingIn, content_type, await request.body())
            item = await run_in_threadpool(prepare_text, listing.text, listing.title)
        else:
            form = await _read_form(request, max_bytes)
            try:
                title = _form_text(form, "title") or None
                upload = _form_file(form)
                if upload is not None:
                    item = await read_upload(upload, title)
                else:
                    item = await run_in_threadpool(prepare_text, _form_listing_text(form), title)
            finally:
                await form.close()
        (analysis,) = await run_in_threadpool(analyze, [item])
        return JSONResponse(analysis.to_dict(include_text=True))

    @app.post(
        "/api/analyze",
        summary="Analyze several listings: their objects, the skill table, the label counts and the listings skipped",
        responses={
            413: {"description": "Request body too large."},
            415: {"description": "Not sent as application/json."},
            422: {"description": "Too many postings or invalid JSON."},
        },
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "required": ["postings"],
                            "properties": {
                                "postings": {
                                    "type": "array",
                                    "items": ListingIn.model_json_schema(),
                                    "description": "The listings, analyzed in order.",
                                }
                            },
                        }
                    }
                },
            }
        },
    )
    async def analyze_api(request: Request) -> JSONResponse:
        batch = _parse_json(BatchIn, request.headers.get("content-type", ""), await request.body())
        if len(batch.postings) > max_batch:
            raise HTTPException(
                422, f"too many postings: {len(batch.postings)}; send at most {max_batch} per request (split the batch)"
            )
        return JSONResponse(await run_in_threadpool(analyze_batch, batch.postings))

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
        limit, shown = f"{self.max_bytes:,} bytes", size_text(self.max_bytes)
        return (
            f"request body too large: the limit is {limit if shown == limit else f'{limit} ({shown})'}; "
            "upload a smaller file or send fewer postings per request"
        )


async def _refuse(scope: Scope, receive: Receive, send: Send, headers: Headers, status: int, detail: str) -> None:
    """Answer an error before the app runs: an HTML page for browsers, else FastAPI's JSON shape."""
    response: HTMLResponse | JSONResponse
    if "text/html" in headers.get("accept", ""):
        response = _html(render_refused_page(detail), status)
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


def _form_listing_text(form: FormData) -> str:
    """The ``text`` field of an API form; 422 when it is missing and other fields came instead (they would be ignored)."""
    if "text" not in form:
        others = [name for name in form if name != "title"]
        if others:
            raise HTTPException(
                422, f"no 'text' or 'file' field in the form (got {', '.join(map(repr, others))}); send the listing as 'text'"
            )
    return _form_text(form, "text")


def _form_file(form: FormData) -> UploadFile | None:
    """The uploaded file of the ``file`` field; 422 for a file sent under another name (it would be ignored)."""
    value = form.get("file")
    if isinstance(value, UploadFile) and value.filename:
        return value
    misplaced = [name for name, item in form.multi_items() if isinstance(item, UploadFile) and item.filename]
    if misplaced:
        raise HTTPException(422, f"the file came in the form field {misplaced[0]!r}; send it in the field 'file'")
    return None


def _parse_json(model: type[_Body], content_type: str, body: bytes) -> _Body:
    """A JSON request body as ``model``: 415 unless sent as JSON, 422 with pydantic's errors when it does not fit."""
    if not content_type.lower().startswith("application/json"):
        raise HTTPException(415, f"unsupported content type {content_type or '(none)'!r}; send application/json")
    try:
        return model.model_validate_json(body)
    except ValidationError as exc:
        errors = [{"loc": e["loc"], "msg": e["msg"], "type": e["type"]} for e in exc.errors(include_url=False)]
        raise HTTPException(422, errors) from None


def _batch_summary(items: list[PreparedListing], analyses: list[Analysis], taxonomy: Taxonomy) -> dict[str, Any]:
    """The ``/api/analyze`` answer: objects, skill rows for skills found, labels over unique postings, listings skipped.

    A listing with no text to analyze (empty, too long) keeps its place in ``postings`` (its
    reasons say why) but is counted in neither the labels nor the skills: it is in ``skipped``.
    """
    labels: Counter[str] = Counter({label: 0 for label in LABELS})
    skill_counts: dict[str, Counter[str]] = {}
    for item, analysis in zip(items, analyses, strict=True):
        if analysis.duplicate_of is not None or item.empty:
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
        "skipped": [{"source": item.posting.source, "reason": item.empty} for item in items if item.empty],
    }


def _plain(value: Any) -> Any:
    """A JSON-ready value from a table cell: NaN as None, numpy scalars as Python ones."""
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


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
                "lean": skill_lean(taxonomy, s.id),
                "article_share": s.article_share,
                "aliases": [a.form for a in s.aliases],
            }
            for s in taxonomy.skills
        ],
    }


def _html(page: str, status: int = 200) -> HTMLResponse:
    """A page as a response, with the security headers every HTML answer carries."""
    return HTMLResponse(page, status_code=status, headers=_HTML_HEADERS)
