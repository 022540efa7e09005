"""Load test of the web API: N ``POST /api/classify`` requests from C concurrent clients.

Usage:
    python benchmarks/load_test.py                       # starts a server on a free loopback port
    python benchmarks/load_test.py --requests 200 --concurrency 8
    python benchmarks/load_test.py --url http://127.0.0.1:8000

Without ``--url`` it starts ``uvicorn analyzer.web:create_app --factory`` in
a child process on 127.0.0.1 (one worker) and stops it at the end. The
listings sent are the bundled ``sample_postings/*.txt`` and ``*.md`` files,
in turn. Traffic goes to the loopback interface only (a non-loopback
``--url`` is refused), the number of requests is fixed, and the run stops
after ``--max-seconds`` whatever is left. It prints the errors, the
throughput and the p50, p95 and max latency. Not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import ipaddress
import math
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import httpx

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_postings"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running server on this machine (default: start one)")
    parser.add_argument("--requests", type=int, default=200, help="requests to send in all (default 200)")
    parser.add_argument("--concurrency", type=int, default=8, help="concurrent clients (default 8)")
    parser.add_argument("--max-seconds", type=float, default=120.0, help="stop sending after this long (default 120)")
    args = parser.parse_args()
    if not 1 <= args.requests <= 10_000 or not 1 <= args.concurrency <= 64:
        parser.error("--requests must be in 1..10000 and --concurrency in 1..64")

    listings = [p.read_bytes().decode("utf-8", "replace") for p in sorted(SAMPLES.glob("*")) if p.suffix in (".txt", ".md")]
    if not listings:
        parser.error(f"no sample listings in {SAMPLES}")
    server: subprocess.Popen[bytes] | None = None
    if args.url:
        url = args.url.rstrip("/")
        if not _is_loopback(url):
            parser.error(f"--url must point at this machine (127.0.0.1, localhost or [::1]), not {url}")
    else:
        server, url = _start_server()
    try:
        _run(url, listings, args.requests, args.concurrency, args.max_seconds)
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
    return 0


def _is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start_server() -> tuple[subprocess.Popen[bytes], str]:
    """Start uvicorn on a free loopback port and wait (at most 60 s) for /healthz."""
    port = _free_port()
    command = [sys.executable, "-m", "uvicorn", "analyzer.web:create_app", "--factory"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning", "--no-access-log"]
    server = subprocess.Popen(command, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with code {server.returncode}")
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return server, url
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not answer /healthz within 60 s")


def _run(url: str, listings: list[str], total: int, concurrency: int, max_seconds: float) -> None:
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    next_index = 0
    started = time.perf_counter()
    stop_at = started + max_seconds

    def client() -> None:
        nonlocal next_index
        with httpx.Client(base_url=url, timeout=30) as http:
            while time.perf_counter() < stop_at:
                with lock:
                    if next_index >= total:
                        return
                    index = next_index
                    next_index += 1
                begin = time.perf_counter()
                try:
                    response = http.post("/api/classify", json={"text": listings[index % len(listings)]})
                    problem = None if response.status_code == 200 else f"HTTP {response.status_code}: {response.text[:200]}"
                except httpx.HTTPError as exc:
                    problem = f"{type(exc).__name__}: {exc}"
                elapsed = time.perf_counter() - begin
                with lock:
                    latencies.append(elapsed)
                    if problem:
                        errors.append(problem)

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started

    done = len(latencies)
    ordered = sorted(latencies)
    print(f"url: {url}/api/classify  requests: {done}/{total}  concurrency: {concurrency}  wall: {wall:.2f} s")
    print(f"errors: {len(errors)}")
    for problem in sorted(set(errors))[:10]:
        print(f"  {errors.count(problem)} x {problem}")
    if done:
        print(f"throughput: {done / wall:.1f} requests/s")
        print(
            f"latency ms: p50 {1000 * _quantile(ordered, 0.50):.1f}  p95 {1000 * _quantile(ordered, 0.95):.1f}  "
            f"max {1000 * ordered[-1]:.1f}"
        )
    if done < total:
        print(f"stopped after --max-seconds {max_seconds:g}: {total - done} requests not sent")


def _quantile(ordered: list[float], q: float) -> float:
    """The q-quantile of sorted values (nearest rank)."""
    rank = min(len(ordered), max(1, math.ceil(q * len(ordered))))
    return ordered[rank - 1]


if __name__ == "__main__":
    sys.exit(main())
