"""How long `make run` takes until /health answers 200, and to stop after Ctrl-C.

    python bench/ready_time.py [CHECKOUT] [--runs N]

Runs `make run` in CHECKOUT (default: this checkout) N times in a row: the first run there is
"cold" when the checkout is fresh (no .venv, no launcher build, no var/), the later ones "warm".
Uses only the standard library, so it can time a checkout that has no .venv yet.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path


def health(url: str) -> dict | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return json.load(response) if response.status == 200 else None
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def one_run(checkout: Path, port: int, timeout: float) -> tuple[float, float, dict]:
    url = f"http://127.0.0.1:{port}/health"
    if health(url) is not None:
        sys.exit(f"something already answers on {url}; stop it first")
    started = time.monotonic()
    process = subprocess.Popen(
        ["make", "run"],
        cwd=checkout,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        env=dict(os.environ, API_PORT=str(port)),
    )
    body = None
    while body is None:
        if process.poll() is not None:
            sys.exit(f"make run exited with {process.returncode} before it was ready")
        if time.monotonic() - started > timeout:
            os.killpg(process.pid, signal.SIGTERM)
            sys.exit(f"not ready within {timeout:.0f} s")
        time.sleep(0.25)
        body = health(url)
    ready = time.monotonic() - started
    stop_started = time.monotonic()
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
    process.wait(timeout=120)
    return ready, time.monotonic() - stop_started, body


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checkout", nargs="?", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--timeout", type=float, default=1800)
    args = parser.parse_args()
    for run in range(1, args.runs + 1):
        print(f"run {run}/{args.runs}: make run in {args.checkout} ...", file=sys.stderr, flush=True)
        ready, stop, body = one_run(args.checkout, args.port, args.timeout)
        nodes = sum(body.get("nodes", {}).values())
        print(
            f"run {run}: ready (health 200, {nodes} nodes) after {ready:6.1f} s; stopped {stop:4.1f} s after Ctrl-C",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
