"""What each read behind a measured route costs in Neo4j alone, and its database hits.

    python -m bench.query_time [BUNDLE] [--ids N] [--json]

With BUNDLE it is loaded into a scratch Neo4j of its own (var/scratch-neo4j); without it the
configured graph is used (NEO4J_* variables). Each read of graph.repositories that a route of
BENCHMARKS.md makes (a team's details, the overview's progress of every team, the teams nearest a
city, a team's city signals, every city's shared facts, a city's and a partner kind's details) is
timed over N ids drawn with a fixed seed, after one untimed run (Neo4j plans a query once); then
run once more under PROFILE for its database hits. These are the figures to compare when a query
is rewritten: run the same command before and after. Progress on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from neo4j import RoutingControl

from bench.page_time import sample_ids
from bench.suggestion_time import spread
from graph.connect import open_graph, scratch_graph
from graph.handle import Graph
from graph.repositories import matching, pages, reading


class Profiled:
    """Reads like a Graph, each under PROFILE, adding up their database hits."""

    def __init__(self, graph: Graph):
        self.driver, self.database, self.hits = graph.driver, graph.database, 0

    def read(self, query: str, **params) -> list[dict]:
        records, summary, _ = self.driver.execute_query(
            "PROFILE " + query, params, database_=self.database, routing_=RoutingControl.READ
        )
        self.hits += _hits(summary.profile)
        return [record.data() for record in records]


def _hits(plan: dict | None) -> int:
    if not plan:
        return 0
    return plan.get("dbHits", 0) + sum(_hits(child) for child in plan.get("children", []))


def reads(graph: Graph, n: int) -> dict[str, tuple[list, Callable[[Graph, str], object]]]:
    """Per read: the ids it is asked for, and how it is asked."""
    teams, cities, kinds = (
        sample_ids(graph, "Team", n),
        sample_ids(graph, "City", n),
        sample_ids(graph, "PartnerKind", n),
    )
    return {
        "team details (GET /teams/{id})": (teams, lambda g, t: reading.team(g, t, contact=True)),
        "every team's progress (overview)": (["all"] * min(n, 10), lambda g, _: pages.team_progress(g)),
        "the teams nearest a city (city page)": (cities, lambda g, c: pages.teams_near_city(g, c)),
        "a city's details (city page)": (cities, lambda g, c: reading.city(g, c)),
        "a team as it is now": (teams, lambda g, t: matching.teams_now_and_fingerprint(g, [t])),
        "a team's city signals": (teams, lambda g, t: matching.city_signals(g, [t])),
        "every city's shared facts (once per graph version)": (
            ["all"] * min(n, 10),
            lambda g, _: matching.city_facts(g),
        ),
        "a partner kind's details": (kinds, lambda g, k: reading.partner_kind(g, k)),
    }


def measure(graph: Graph, n: int) -> dict:
    figures = {}
    profiled = Profiled(graph)
    for name, (ids, ask) in reads(graph, n).items():
        if not ids:
            continue
        print(f"timing {name} ({len(ids)} reads)", file=sys.stderr, flush=True)
        ask(graph, ids[0])  # planned once, untimed
        times = []
        for i in ids:
            started = time.perf_counter()
            ask(graph, i)
            times.append((time.perf_counter() - started) * 1000)
        profiled.hits = 0
        ask(profiled, ids[0])
        figures[name] = {**spread(np.array(times)), "db_hits": profiled.hits}
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.query_time", description=__doc__.splitlines()[0])
    parser.add_argument("bundle", nargs="?", type=Path)
    parser.add_argument("--ids", type=int, default=30, help="teams, cities and partner kinds to ask for")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    opened = scratch_graph(args.bundle, quiet=False) if args.bundle else open_graph(schema=False)
    with opened as graph:
        figures = measure(graph, args.ids)
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    for name, f in figures.items():
        print(
            f"  {name:<52} median {f['median_ms']:8.1f} ms   p95 {f['p95_ms']:8.1f} ms"
            f"   {f['db_hits']:>10,} db hits   ({f['count']} reads)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
