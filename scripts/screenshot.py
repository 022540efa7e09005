"""Take a screenshot of the web result page for the docs: ``docs/web_result.png``.

Usage:
    python scripts/screenshot.py
    python scripts/screenshot.py --listing sample_postings/ml_search_ranking.txt --out docs/other.png

Starts ``uvicorn analyzer.web:create_app --factory`` on a free loopback port,
opens the form in headless Chromium (Debian's ``/usr/bin/chromium``, driven
by Playwright; ``playwright install`` is never needed), pastes the listing,
submits it and saves a full-page screenshot of the result. Needs
``apt-get install -y chromium`` and ``pip install playwright``.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listing", type=Path, default=ROOT / "sample_postings" / "ai_support_agents_genai.md")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "web_result.png")
    parser.add_argument("--width", type=int, default=1100, help="viewport width in CSS pixels (default 1100)")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        parser.error(f"{CHROMIUM} is missing; install it with: apt-get install -y chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        parser.error("the playwright package is missing; install it with: pip install playwright")
    listing = args.listing.read_text(encoding="utf-8")

    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "uvicorn", "analyzer.web:create_app", "--factory"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning", "--no-access-log"]
    server = subprocess.Popen(command, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        _wait_for(f"{url}/healthz", server)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                page = browser.new_page(viewport={"width": args.width, "height": 900})
                page.goto(f"{url}/")
                page.fill("#text", listing)
                with page.expect_navigation():
                    page.click("button[type=submit]")
                label = page.inner_text("#label")
                args.out.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(args.out), full_page=True)
            finally:
                browser.close()
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    print(f"{args.out}: result page for {args.listing.name} ({label})")
    return 0


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for(url: str, server: subprocess.Popen[bytes]) -> None:
    """Wait (at most 60 s) until the server answers ``url``."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with code {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"the server did not answer {url} within 60 s")


if __name__ == "__main__":
    sys.exit(main())
