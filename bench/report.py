"""BENCHMARKS.md from the suite's figures (bench.suite): the goals, one table per benchmark, and
the slope of each cost against size."""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

# Kept by hand: each change made for the figures, with what it cost before and after and the
# command that prints it (the suite measures the code as it is, not as it was).
CHANGES = Path(__file__).with_name("changes.md")


def _get(data, *path, default=None):
    for key in path:
        if (
            isinstance(data, dict)
            and key in data
            or isinstance(data, list)
            and isinstance(key, int)
            and -len(data) <= key < len(data)
        ):
            data = data[key]
        else:
            return default
    return data


def _view(size: dict, name: str) -> dict:
    return next((v for v in size["viewer"] if v["view"] == name), {})


def _run(size: dict, endpoint: str) -> dict:
    return next((r for r in size["throughput"]["runs"] if r["endpoint"] == endpoint), {})


# (what, how it is read from one size's figures, the goal's bound, "max" or "min") at the largest size.
GOALS = [
    ("loader rows/s against bare UNWIND MERGE", lambda s: s["load"]["ratio"], 0.8, "min", "x"),
    *[
        (f"one team: {name}, p95", lambda s, n=name: _get(s, "one_team", "calls", n, "p95_ms"), 50, "max", "ms")
        for name in ("partner suggestions", "city suggestions", "readiness")
    ],
    (
        "one team: GET /teams/{id}, p95",
        lambda s: _get(s, "pages", "pages", "GET /teams/{id}", "p95_ms"),
        50,
        "max",
        "ms",
    ),
    *[
        (f"page: {name}, p95", lambda s, n=name: _get(s, "pages", "pages", n, "p95_ms"), 300, "max", "ms")
        for name in ("overview", "team page", "city page", "call list", "organisation page")
    ],
    ("viewer: a team's ego view drawn", lambda s: _view(s, "a team's ego view").get("median_seconds"), 1, "max", "s"),
    (
        "viewer: the capped whole view drawn",
        lambda s: _view(s, "whole network (capped)").get("median_seconds"),
        3,
        "max",
        "s",
    ),
    ("a full fit", lambda s: s["one_team"]["fit_seconds"], 60, "max", "s"),
    (
        "16 clients: team details req/s against the bare route's",
        lambda s: _run(s, "team").get("rps", 0) / max(_run(s, "bare").get("rps", 1e-9), 1e-9),
        0.5,
        "min",
        "x",
    ),
]

# Costs whose growth with size is worth a slope: (name, how it is read).
SLOPES = [
    ("load, loader (s)", lambda s: s["load"]["loader_seconds"]),
    ("load, bare UNWIND MERGE (s)", lambda s: s["load"]["bare_seconds"]),
    ("fit (s)", lambda s: s["one_team"]["fit_seconds"]),
    ("network analysis, read and analyse (s)", lambda s: s["analysis"]["total_seconds"]),
    ("partner suggestions p95 (ms)", lambda s: _get(s, "one_team", "calls", "partner suggestions", "p95_ms")),
    ("city suggestions p95 (ms)", lambda s: _get(s, "one_team", "calls", "city suggestions", "p95_ms")),
    ("readiness p95 (ms)", lambda s: _get(s, "one_team", "calls", "readiness", "p95_ms")),
    ("GET /teams/{id} p95 (ms)", lambda s: _get(s, "pages", "pages", "GET /teams/{id}", "p95_ms")),
    ("overview p95 (ms)", lambda s: _get(s, "pages", "pages", "overview", "p95_ms")),
    ("team page p95 (ms)", lambda s: _get(s, "pages", "pages", "team page", "p95_ms")),
    ("city page p95 (ms)", lambda s: _get(s, "pages", "pages", "city page", "p95_ms")),
    ("call list p95 (ms)", lambda s: _get(s, "pages", "pages", "call list", "p95_ms")),
    ("organisation page p95 (ms)", lambda s: _get(s, "pages", "pages", "organisation page", "p95_ms")),
    ("capped whole view (s)", lambda s: _view(s, "whole network (capped)").get("median_seconds")),
    ("peak memory of the fit (MB)", lambda s: s["one_team"]["peak_mb_after_fit"]),
]


def _fmt(value, digits: int = 1) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return f"{value:,}"


def _table(header: list[str], rows: list[list]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(_fmt(c) if not isinstance(c, str) else c for c in row) + " |" for row in rows]
    return lines + [""]


def _spread(figures: dict | None) -> str:
    if not figures or figures.get("median_ms") is None:
        return "–"
    return f"{figures['median_ms']:.0f} / {figures['p95_ms']:.0f} / {figures['p99_ms']:.0f}"


def slope(people: list[int], costs: list[float | None]) -> float | None:
    """The exponent k of cost ~ size^k, least squares over the sizes that have the cost."""
    points = [(math.log(p), math.log(c)) for p, c in zip(people, costs) if c is not None and c > 0]
    if len(points) < 2:
        return None
    mx, my = sum(x for x, _ in points) / len(points), sum(y for _, y in points) / len(points)
    sxx = sum((x - mx) ** 2 for x, _ in points)
    return sum((x - mx) * (y - my) for x, y in points) / sxx if sxx else None


def _goal_value(read, size: dict | None):
    if size is None:
        return None
    try:
        return read(size)
    except (KeyError, TypeError, IndexError):
        return None


def write_report(results: dict, before: dict | None = None) -> str:
    """The markdown; with `before` (an earlier run's results), the goals show its figures beside."""
    sizes = results["sizes"]
    people = [s["people"] for s in sizes]
    largest = sizes[-1]
    m = results["machine"]
    out = [
        "# Benchmarks",
        "",
        (
            f"Printed by `make bench` (`{results['command'].strip()}`), started {results['started']}, "
            f"{results['minutes']} minutes in all. Written by bench/report.py from var/bench/results.json: "
            "do not edit by hand."
        ),
        "",
        (
            f"Machine: {m['cpus']} CPUs ({m['cpu']}), {_fmt(m['memory_mb'])} MB memory, {m['system']}, "
            f"Python {m['python']}; Neo4j 5.26 (embedded launcher) with heap {m['neo4j_heap']} and page cache "
            f"{m['neo4j_pagecache']}, on the same machine as the service and the clients. The machine is shared and "
            "noisy: compare the figures of one run with each other (the ratios), not with another run's."
        ),
        "",
        "Networks: `python -m bench.generate --people N --seed 1` for N = "
        + ", ".join(f"{p:,}" for p in people)
        + ". Times in milliseconds are median / p95 / p99 over the teams, cities or organisations named.",
        "",
        f"## Goals (issue 12), at {largest['people']:,} people",
        "",
    ]
    earlier = next((s for s in (before or {}).get("sizes", []) if s["people"] == largest["people"]), None)
    goal_rows = []
    for name, read, bound, kind, unit in GOALS:
        value, was = _goal_value(read, largest), _goal_value(read, earlier)
        met = None if value is None else (value <= bound if kind == "max" else value >= bound)
        row = [name, f"{'≤' if kind == 'max' else '≥'} {bound} {unit}"]
        if before is not None:
            row.append("–" if was is None else f"{was:,.2f} {unit}")
        row += [
            "–" if value is None else f"{value:,.2f} {unit}",
            "–" if met is None else ("met" if met else "**not met**"),
        ]
        goal_rows.append(row)
    if before is not None:
        out += [f"Before: the run of {before['started']} ({before.get('label') or 'the previous code'}).", ""]
    out += _table(["goal", "bound", *(["before"] if before is not None else []), "measured", ""], goal_rows)

    out += ["## Load", "", "`python -m bench.load_time BUNDLE`: into an empty database, the same rows.", ""]
    out += _table(
        ["people", "rows", "loader s", "rows/s", "read / check / write s", "transactions", "bare s", "bare rows/s",
         "loader ÷ bare", "writing alone ÷ bare"],
        [
            [
                s["people"], s["load"]["rows"], s["load"]["loader_seconds"], s["load"]["loader_rows_per_second"],
                (f"{s['load']['loader_read_seconds']:.1f} / {s['load']['loader_check_seconds']:.1f} / "
                f"{s['load']['loader_write_seconds']:.1f}"),
                s["load"]["loader_batches"], s["load"]["bare_seconds"], s["load"]["bare_rows_per_second"],
                f"{s['load']['ratio']:.2f}x", f"{s['load']['write_ratio']:.2f}x",
            ]
            for s in sizes
        ],
    )  # fmt: skip

    out += [
        "## One team",
        "",
        (
            "`python -m bench.suggestion_time --teams N` (each team's first question, after 50 other teams) and "
            "`python -m bench.page_time` for `GET /teams/{id}`; ms median / p95 / p99."
        ),
        "",
    ]
    calls = ["partner suggestions", "partner suggestions, blind", "city suggestions", "readiness"]
    out += _table(
        ["people", "teams", *calls, "GET /teams/{id}"],
        [
            [s["people"], s["one_team"]["teams"], *[_spread(_get(s, "one_team", "calls", c)) for c in calls],
             _spread(_get(s, "pages", "pages", "GET /teams/{id}"))]
            for s in sizes
        ],
    )  # fmt: skip

    pages = ["overview", "call list", "team page", "city page", "organisation page"]
    out += ["## Pages", "", "`python -m bench.page_time --teams N`: a liaison's pages, one request at a time.", ""]
    out += _table(
        ["people", *pages], [[s["people"], *[_spread(_get(s, "pages", "pages", p)) for p in pages]] for s in sizes]
    )

    views = ["a team's ego view", "whole network (capped)", "whole network, all nodes"]
    out += [
        "## Viewer",
        "",
        (
            "`python -m bench.viewer_time --graph`: from navigation to vis-network's first drawing in headless "
            "Chromium, median of 3 loads after the first (s; nodes drawn)."
        ),
        "",
    ]
    out += _table(
        ["people", *views],
        [
            [s["people"], *[f"{_view(s, v).get('median_seconds', '–')} s ({_view(s, v).get('nodes', '–')})" for v in views]]
            for s in sizes
        ],
    )  # fmt: skip

    intro_calls = ["all chains to one organisation", "short form for ten organisations", "chain to a city"]
    out += [
        "## Network analysis",
        "",
        (
            "`python -m bench.analysis_time --teams N`: reading the network from Neo4j, building the igraph graph, "
            "the analysis (betweenness, sampled from 1,000 nodes above 5,000; Leiden), the process's peak memory; "
            "then a team's warm introductions (ms median / p95 / p99)."
        ),
        "",
    ]
    out += _table(
        ["people", "nodes / edges", "read / build / analyse s", "communities", "peak MB", *intro_calls],
        [
            [s["people"], f"{_get(s, 'analysis', 'nodes')} / {_get(s, 'analysis', 'edges')}",
             (f"{_get(s, 'analysis', 'read_seconds')} / {_get(s, 'analysis', 'build_seconds')} / "
              f"{_get(s, 'analysis', 'analyse_seconds')}"),
             _get(s, "analysis", "communities"), _get(s, "analysis", "peak_rss_mb"),
             *[_spread(_get(s, "analysis", "introductions", "calls", c)) for c in intro_calls]]
            for s in sizes
        ],
    )  # fmt: skip

    out += [
        "## Learning",
        "",
        (
            "The fit as the service makes it (`MatcherService`), its peak memory (the fitting process's resident set), "
            "and partner suggestions for teams not asked before while a background refit runs."
        ),
        "",
    ]
    out += _table(
        ["people", "fit s", "model", "training queries", "peak MB after the fit", "during a refit (requests)"],
        [
            [s["people"], s["one_team"]["fit_seconds"], s["one_team"]["model"], s["one_team"]["training_queries"],
             s["one_team"]["peak_mb_after_fit"],
             f"{_spread(s['one_team']['during_refit'])} ({s['one_team']['during_refit']['count']})"]
            for s in sizes
        ],
    )  # fmt: skip

    out += [
        "## Throughput",
        "",
        (
            "`python -m bench.concurrency --graph --clients 16`: 16 clients on loopback, each with a keep-alive "
            "connection, a fixed number of requests per endpoint; `bare` is a fixed JSON route of the same app in "
            "the same uvicorn."
        ),
        "",
    ]
    rows = []
    for s in sizes:
        team, partners, bare = _run(s, "team"), _run(s, "partner-suggestions"), _run(s, "bare")
        rows.append(
            [
                s["people"],
                f"{team.get('rps', 0):.0f} / {team.get('p95', 0):.0f}",
                f"{partners.get('rps', 0):.0f} / {partners.get('p95', 0):.0f}",
                f"{bare.get('rps', 0):.0f} / {bare.get('p95', 0):.0f}",
                f"{team.get('rps', 0) / max(bare.get('rps', 1e-9), 1e-9):.2f}x",
                s["throughput"].get("api_peak_rss_mb"),
                s.get("neo4j_peak_rss_mb"),
            ]
        )
    out += _table(
        ["people", "team details req/s / p95 ms", "partner suggestions req/s / p95 ms", "bare req/s / p95 ms",
         "team ÷ bare", "API peak MB", "Neo4j peak MB"],
        rows,
    )  # fmt: skip

    out += ["## Slopes", "", "k in cost ∝ size^k, least squares over the sizes (1: linear; 0: flat).", ""]
    slope_rows = []
    for name, read in SLOPES:
        costs = []
        for s in sizes:
            try:
                costs.append(read(s))
            except (KeyError, TypeError, IndexError):
                costs.append(None)
        k = slope(people, costs)
        slope_rows.append([name, *costs, "–" if k is None else f"{k:.2f}"])
    out += _table(["cost", *[f"{p:,}" for p in people], "k"], slope_rows)
    if CHANGES.exists():
        out += ["## What changed, with before and after", "", CHANGES.read_text(encoding="utf-8").strip(), ""]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.report", description="BENCHMARKS.md again from a run's results.json, without running it"
    )
    parser.add_argument("results", type=Path, help="var/bench/results.json of a run")
    parser.add_argument("--before", type=Path, help="an earlier run's results.json")
    parser.add_argument("--output", type=Path, default=Path("BENCHMARKS.md"))
    args = parser.parse_args(argv)
    before = json.loads(args.before.read_text()) if args.before else None
    args.output.write_text(write_report(json.loads(args.results.read_text()), before))
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
