"""report.html as a person sees it: opened from disk in headless Chromium, driven by Playwright.

Needs Debian's ``/usr/bin/chromium`` and the ``playwright`` package; skips without them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CHROMIUM, CHROMIUM_ARGS, ROOT

from analyzer import Analyzer, analyze

pytestmark = pytest.mark.slow

if not CHROMIUM.exists():
    pytest.skip("/usr/bin/chromium is not installed (apt-get install -y chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed (pip install playwright)")


def test_report_opens_offline_with_charts_and_tables(tmp_path: Path, analyzer: Analyzer) -> None:
    analyze([ROOT / "sample_postings"], tmp_path, analyzer=analyzer, exclude=["labels.csv"])
    page_url = (tmp_path / "report.html").as_uri()
    requests: list[str] = []
    errors: list[str] = []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("request", lambda request: requests.append(request.url))
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
            page.goto(page_url)
            assert page.title() == "Skill report"
            assert page.locator("svg.chart").count() >= 8
            assert page.locator("table").count() >= 8
            assert page.locator("h2", has_text="This corpus next to the article").count() == 1
            assert page.locator("h2", has_text="Pay by label").count() == 1
            first = page.locator("#postings table tbody tr").first
            assert first.locator("a").count() == 1
            box = page.locator("svg.chart").first.bounding_box()
            assert box is not None and box["width"] > 300
        finally:
            browser.close()
    assert errors == []
    assert requests == [page_url]
