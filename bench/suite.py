"""The benchmark suite: every figure of BENCHMARKS.md, at three sizes of generated network.

    python -m bench.suite [--sizes 1000,10000,100000] [--teams N] [--output BENCHMARKS.md]
    make bench

Per size, a bundle of that many people (bench.generate, seed 1, kept in var/bench/ for the next
run) is loaded into an empty scratch Neo4j (var/bench-neo4j, Bolt port + 9) twice: once with a
bare driver `UNWIND $rows MERGE` and once with the loader (bench.load_time). Against the loaded
graph, each benchmark then runs in a process of its own, so that none inherits another's memory:
one team's suggestions and the fit, with a refit running (bench.suggestion_time), team details
and the pages (bench.page_time), the viewer in headless Chromium (bench.viewer_time), the network
analysis and warm introductions (bench.analysis_time), and 16 concurrent clients beside a bare
route (bench.concurrency). Neo4j's own peak memory is read from
/proc at the end. The figures go to var/bench/results.json and into BENCHMARKS.md, one table per
benchmark with the goals of issue 12, the machine, and the slope of each cost against size.

Ratios are measured within one run: these machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

from bench import load_time
from bench.concurrency import peak_rss_mb
from bench.generate import generate, write_bundle
from bench.report import write_report
from graph.settings import PROJECT_ROOT, get_settings


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def bundle_of(people: int) -> Path:
    """The generated bundle of `people` people (seed 1), made once and kept."""
    out = get_settings().var_dir / "bench" / f"generated-{people}"
    if not (out / "teams.json").exists():
        progress(f"generating {people} people into {out}")
        write_bundle(out, generate(people, 1))
    return out


def child(module: str, args: list[str], env: dict[str, str], timeout: float = 3600) -> dict | list:
    """`python -m MODULE ARGS --json` against the graph in `env`; its JSON (progress passes on to stderr)."""
    progress(f"python -m {module} {' '.join(args)}")
    done = subprocess.run(
        [sys.executable, "-m", module, *args, "--json"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"python -m {module} failed with exit code {done.returncode}")
    return json.loads(done.stdout)


def measure_size(people: int, teams: int, requests: int) -> dict:
    bundle = bundle_of(people)
    prepared = load_time.prepare(bundle)
    progress(f"{people} people: {prepared.rows} rows; the bare load")
    with load_time.empty_graph() as (graph, _, _):
        bare = load_time.bare_load(graph, prepared.plan, quiet=True)
    progress(f"bare load {bare:.1f} s; the loader")
    with load_time.empty_graph() as (graph, target, server):
        loader, batches = load_time.loader_load(graph, prepared, quiet=False)
        del prepared.plan  # the children measure memory of their own; this process keeps little
        progress(f"loader {loader:.1f} s")
        env = {**os.environ, **target.environment()}
        result = {
            "people": people,
            "load": load_time.figures(prepared, bare, loader, batches),
            "one_team": child("bench.suggestion_time", ["--teams", str(teams)], env),
            "pages": child("bench.page_time", ["--teams", str(teams)], env),
            "viewer": child("bench.viewer_time", ["--graph", "--runs", "3"], env),
            "analysis": child("bench.analysis_time", ["--teams", str(teams)], env),
            "throughput": child(
                "bench.concurrency",
                [
                    "--graph",
                    "--clients",
                    "16",
                    "--requests",
                    str(requests),
                    "--endpoints",
                    "team,partner-suggestions,bare",
                ],
                env,
            ),
        }
        result["neo4j_peak_rss_mb"] = peak_rss_mb(server.process.pid) if server.process else None
    return result


def machine() -> dict:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    memory = next(
        (int(line.split()[1]) // 1024 for line in Path("/proc/meminfo").read_text().splitlines() if "MemTotal" in line),
        None,
    )
    settings = get_settings()
    return {
        "cpus": os.cpu_count(),
        "cpu": model,
        "memory_mb": memory,
        "python": platform.python_version(),
        "system": platform.platform(),
        "neo4j_heap": settings.neo4j_heap,
        "neo4j_pagecache": settings.neo4j_pagecache,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.suite", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="people per generated network, comma-separated")
    parser.add_argument("--teams", type=int, default=100, help="teams (cities, organisations) timed per benchmark")
    parser.add_argument("--requests", type=int, default=800, help="requests per throughput run")
    parser.add_argument("--output", type=Path, default=PROJECT_ROOT / "BENCHMARKS.md")
    parser.add_argument("--before", type=Path, help="an earlier run's results.json: its goal figures beside these")
    parser.add_argument("--label", help="what this run measures, e.g. the commit (kept in results.json)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    results = {
        "started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "command": "python -m bench.suite " + " ".join(argv if argv is not None else sys.argv[1:]),
        "machine": machine(),
        "label": args.label,
        "sizes": [],
    }
    saved = get_settings().var_dir / "bench" / "results.json"
    saved.parent.mkdir(parents=True, exist_ok=True)
    before = json.loads(args.before.read_text()) if args.before else None
    for people in (int(s) for s in args.sizes.split(",")):
        results["sizes"].append(measure_size(people, args.teams, args.requests))
        # Written after every size, so that a run stopped later keeps what it measured.
        results["minutes"] = round((time.monotonic() - started) / 60, 1)
        saved.write_text(json.dumps(results, indent=2))
        args.output.write_text(write_report(results, before))
    progress(f"done in {results['minutes']} min: {args.output} (the figures in {saved})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
