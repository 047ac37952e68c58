"""Throughput of the API under concurrent clients: the real app, served by uvicorn, over the seed.

    python -m bench.concurrency [--clients 1,16] [--seconds N | --requests N] [--teams N] [BUNDLE | --graph]

Loads BUNDLE (default seed_data/) into a scratch Neo4j of its own (var/scratch-neo4j, Bolt port
+ 2: set BOLT_PORT and VAR_DIR to keep it apart from a running one), or with --graph uses the
configured graph (NEO4J_*), makes a coordinator token, serves the app (`python -m api serve`'s way:
one uvicorn process, the routes in FastAPI's thread pool) in a child process on a free port, warms it up (the matcher's fit,
and every endpoint once for each of up to --teams teams, drawn with a fixed seed), and then, per
endpoint and per number of clients, lets that many threads, each with its own keep-alive
connection, ask for it over those teams in turn, for a fixed number of seconds or requests. The
endpoint `bare` is a route that answers a fixed JSON body, added to the same app in the same
server: what uvicorn and FastAPI alone give on this machine. Prints requests/s, p50, p95, p99 and
errors (non-200s) per endpoint and client count, and the API process's peak memory; compare the
rows of one run, not runs on different machines. Clients run in this process and the server in its
own, so the two do not share a GIL. Progress on stderr.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from graph.settings import PROJECT_ROOT

ENDPOINTS = {
    "partner-suggestions": "/teams/{team}/partner-suggestions",
    "city-suggestions": "/teams/{team}/city-suggestions?as_of=2011-06-16",
    "readiness": "/teams/{team}/readiness?as_of=2011-06-16",
    "team": "/teams/{team}",
}
BARE = "bare"  # a route of the same app that answers a fixed body: the ceiling of uvicorn and FastAPI here
BARE_PATH = "/bench/bare"
MIX = "mix"  # the four above in turn, so that each client asks for all of them


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0


def _client(
    port: int,
    token: str,
    paths: list[str],
    start: int,
    stop_at: float,
    budget: list[int],
    lock: threading.Lock,
    tally: Tally,
) -> None:
    """One client: one keep-alive connection, paths in turn from `start`, until the time is up or the
    shared request budget is spent."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Authorization": f"Bearer {token}"}
    i = start
    while time.perf_counter() < stop_at:
        with lock:
            if budget[0] <= 0:
                break
            budget[0] -= 1
        path = paths[i % len(paths)]
        i += 1
        began = time.perf_counter()
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            ok = response.status == 200
        except (OSError, http.client.HTTPException):
            ok = False
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        elapsed = time.perf_counter() - began
        with lock:
            tally.latencies.append(elapsed)
            tally.errors += not ok
    connection.close()


def drive(port: int, token: str, paths: list[str], clients: int, seconds: float, requests: int | None) -> dict:
    """`clients` threads on `paths` for `seconds` (or `requests` in all); the figures."""
    tally, lock = Tally(), threading.Lock()
    budget = [requests if requests is not None else sys.maxsize]
    began = time.perf_counter()
    stop_at = began + (seconds if requests is None else 3600)
    threads = [
        threading.Thread(
            target=_client,
            args=(port, token, paths, k * len(paths) // clients, stop_at, budget, lock, tally),
            daemon=True,
        )
        for k in range(clients)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - began
    ms = np.array(tally.latencies) * 1000
    return {
        "requests": len(ms),
        "rps": len(ms) / wall,
        "p50": float(np.percentile(ms, 50)),
        "p95": float(np.percentile(ms, 95)),
        "p99": float(np.percentile(ms, 99)),
        "errors": tally.errors,
    }


def _get(port: int, token: str, path: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    try:
        connection.request("GET", path, headers={"Authorization": f"Bearer {token}"})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def _wait_until_up(port: int, server: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the API server exited with {server.returncode}")
        try:
            if _get(port, "", "/health")[0] == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("the API server did not come up")


def serve_forever(port: int) -> int:
    """The child process: the app over the graph named by NEO4J_*, served until killed."""
    import uvicorn

    from api.main import create_app
    from graph.connect import open_graph

    with open_graph(schema=False) as graph:
        app = create_app(graph)
        app.add_api_route(BARE_PATH, lambda: {"ok": True}, include_in_schema=False)
        uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")
    return 0


def peak_rss_mb(pid: int) -> float | None:
    """A process's peak resident set (VmHWM) in MB, while it runs; None where /proc has no such line."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.concurrency", description=__doc__.splitlines()[0])
    parser.add_argument("bundle", nargs="?", type=Path, default=PROJECT_ROOT / "seed_data")
    parser.add_argument("--clients", default="1,16", help="client counts to run, comma-separated")
    parser.add_argument("--seconds", type=float, default=8.0, help="length of each run")
    parser.add_argument("--requests", type=int, help="requests per run instead of --seconds")
    parser.add_argument("--endpoints", default=",".join([*ENDPOINTS, MIX, BARE]))
    parser.add_argument("--teams", type=int, default=200, help="teams to ask about, at most (drawn with a fixed seed)")
    parser.add_argument("--graph", action="store_true", help="use the configured graph instead of loading a bundle")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)  # the child process
    args = parser.parse_args(argv)
    if args.serve:
        return serve_forever(args.serve)

    from api.tokens import new_token
    from graph.connect import open_graph, scratch_target
    from graph.repositories.matching import teams as team_rows
    from tests.support.harness import free_port

    if args.graph:
        opened, env = open_graph(schema=False), dict(os.environ)
    else:
        print(f"loading {args.bundle} into a scratch Neo4j", file=sys.stderr, flush=True)
        opened, env = scratch_target(args.bundle, quiet=True), None
    results = {"runs": []}
    with opened as entered:
        graph, target = (entered, None) if args.graph else entered
        env = env or {**os.environ, **target.environment()}
        token = new_token(graph, "coordinator", "bench.concurrency", days=1)[1]
        every = sorted(row["id"] for row in team_rows(graph))
        teams = sorted(np.random.default_rng(0).permutation(every)[: args.teams].tolist())
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "bench.concurrency", "--serve", str(port)], cwd=PROJECT_ROOT, env=env
        )
        try:
            _wait_until_up(port, server)
            print(f"warming up (the matcher's fit) over {len(teams)} teams", file=sys.stderr, flush=True)
            for template in ENDPOINTS.values():
                for team in teams:
                    status, body = _get(port, token, template.format(team=team))
                    if status != 200:
                        raise RuntimeError(f"{template.format(team=team)} answered {status}: {body[:300]!r}")
            say = sys.stderr if args.json else sys.stdout
            print(
                f"{'endpoint':<21} {'clients':>7} {'requests':>8} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} "
                f"{'p99 ms':>7} {'errors':>6}",
                file=say,
                flush=True,
            )
            for name in args.endpoints.split(","):
                if name == BARE:
                    paths = [BARE_PATH]
                else:
                    templates = list(ENDPOINTS.values()) if name == MIX else [ENDPOINTS[name]]
                    paths = [t.format(team=team) for team in teams for t in templates]
                for clients in (int(c) for c in args.clients.split(",")):
                    print(f"  {name}, {clients} clients", file=sys.stderr, flush=True)
                    r = drive(port, token, paths, clients, args.seconds, args.requests)
                    results["runs"].append({"endpoint": name, "clients": clients, **r})
                    print(
                        f"{name:<21} {clients:>7} {r['requests']:>8} {r['rps']:>7.1f} {r['p50']:>7.1f} "
                        f"{r['p95']:>7.1f} {r['p99']:>7.1f} {r['errors']:>6}",
                        file=say,
                        flush=True,
                    )
            results["api_peak_rss_mb"] = peak_rss_mb(server.pid)
            if results["api_peak_rss_mb"] is not None:
                print(f"peak memory of the API process: {results['api_peak_rss_mb']:.0f} MB", file=say, flush=True)
        finally:
            server.terminate()
            server.wait(30)
    if args.json:
        print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
