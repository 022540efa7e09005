"""Take a screenshot of report.html for the docs: ``docs/report.png``.

Usage:
    python scripts/report_screenshot.py
    python scripts/report_screenshot.py --report reports/report.html --out docs/report.png --height 2400

Analyzes ``sample_postings/`` into a temporary folder (unless ``--report``
names an existing report), opens the page from disk in headless Chromium
(Debian's ``/usr/bin/chromium``, driven by Playwright; ``playwright install``
is never needed) and saves the top of the page. Needs
``apt-get install -y chromium`` and ``pip install playwright``.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def main() -> None:
    """Render the report and save the screenshot."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", type=Path, help="an existing report.html (default: analyze sample_postings/)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "report.png")
    parser.add_argument("--height", type=int, default=2200, help="height of the captured part, in CSS pixels")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        parser.error(f"{CHROMIUM} is missing; install it with: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        report = args.report
        if report is None:
            from analyzer import analyze

            analyze([ROOT / "sample_postings"], Path(tmp), exclude=["labels.csv"])
            report = Path(tmp) / "report.html"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": args.height})
            page.goto(report.resolve().as_uri())
            args.out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(args.out), clip={"x": 0, "y": 0, "width": 1280, "height": args.height})
            browser.close()
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
