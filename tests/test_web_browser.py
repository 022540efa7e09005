"""End to end: the real server on a loopback port, driven by headless Chromium through Playwright.

Needs Debian's ``/usr/bin/chromium`` (``apt-get install -y chromium``) and the
``playwright`` Python package; skips without them. Playwright's own browser
download (``playwright install``) is never used.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import CHROMIUM, CHROMIUM_ARGS

from analyzer import Analyzer
from analyzer.classify import calibrated, shipped_confidence_table
from analyzer.taxonomy import load_taxonomy
from analyzer.web import create_app

LISTING = """Senior AI Engineer

Build LLM-powered applications and RAG agents with LangChain, and deploy them on Azure behind REST APIs.
<script>alert("not run")</script>"""

pytestmark = pytest.mark.slow

if not CHROMIUM.exists():
    pytest.skip("/usr/bin/chromium is not installed (apt-get install -y chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed (pip install playwright)")
uvicorn = pytest.importorskip("uvicorn", reason="uvicorn is not installed (pip install uvicorn)")


@pytest.fixture(scope="module")
def server_url(analyzer: Analyzer) -> Iterator[str]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        create_app(analyzer), host="127.0.0.1", port=port, log_level="warning", lifespan="off", ws="none", access_log=False
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the server did not start within 30 s")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def test_paste_a_listing_and_read_the_result(server_url: str) -> None:
    requested: list[str] = []
    dialogs: list[str] = []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.on("request", lambda request: requested.append(request.url))

            def on_dialog(dialog: Any) -> None:  # an alert() would mean a script ran
                dialogs.append(dialog.message)
                dialog.dismiss()

            page.on("dialog", on_dialog)
            page.goto(f"{server_url}/")
            assert page.title() == "Skill analyzer"
            page.fill("#text", LISTING)
            with page.expect_navigation():
                page.click("button[type=submit]")
            assert page.url == f"{server_url}/classify"
            assert page.inner_text("#label") == "AI-engineer-leaning"
            ai_top = calibrated(1.0, shipped_confidence_table(load_taxonomy())["ai"])
            assert page.inner_text("#confidence") == f"confidence {ai_top:.2f}"
            marks = page.locator("#listing mark")
            assert marks.all_inner_texts() == ["LLM-powered", "RAG", "agents", "LangChain", "Azure", "REST APIs"]
            assert [marks.nth(i).get_attribute("data-skill") for i in range(marks.count())] == [
                "llm",
                "rag llm",
                "ai_agents",
                "llm_frameworks llm",
                "azure",
                "apis",
            ]
            assert page.locator("#listing mark.lean-ai").count() == 6
            assert page.locator("h3").all_inner_texts() == ["Cloud platforms", "LLMs and generative AI", "System building practices"]
            assert page.locator("li.skill").all_inner_texts() == [
                "Azure",
                "LLMs ×3",
                "AI agents",
                "LLM orchestration frameworks (LangChain, LlamaIndex)",
                "Retrieval-augmented generation (RAG)",
                "APIs and microservices",
            ]
            assert 'alert("not run")' in page.inner_text("#listing")
            page.click("text=Classify another listing")
            assert page.url == f"{server_url}/"
        finally:
            browser.close()
    assert dialogs == []
    assert requested and all(url.startswith(f"{server_url}/") for url in requested)
