"""How long the network analysis takes, and a team's warm introductions.

    python -m bench.analysis_time [BUNDLE] [--teams N] [--exact] [--json]

With BUNDLE it is loaded into a scratch Neo4j of its own (var/scratch-neo4j); without it the
configured graph is used (NEO4J_* variables). Times, for the network as of today:
- reading it from Neo4j (graph.repositories.analysis), building the igraph graph, and the analysis
  itself (betweenness, Leiden, the per-team and per-city figures), with the process's peak memory;
- for N teams drawn with a fixed seed: all chains to one organisation (GET
  /teams/{id}/introductions/{org}'s work), the short form for ten (what partner suggestions add),
  and the chains to a city (what the city page adds);
- with --exact, exact betweenness too, and how many of its top 20 brokers the sampled one finds.
Prints median, p95 and p99 per call; progress on stderr.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import sys
import time
from pathlib import Path

import numpy as np

from bench.page_time import sample_ids
from bench.suggestion_time import spread
from graph.analysis.introductions import briefs, introductions, introductions_to_city
from graph.analysis.metrics import analyse
from graph.analysis.network import build_network
from graph.connect import open_graph, scratch_graph
from graph.repositories.analysis import read_network
from graph.repositories.matching import fingerprint


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def timed(call, *args) -> tuple[float, object]:
    """Seconds `call(*args)` took, and what it returned."""
    started = time.perf_counter()
    result = call(*args)
    return time.perf_counter() - started, result


def measure(graph, teams: int, exact: bool) -> dict:
    progress("reading the network")
    read_s, rows = timed(lambda: read_network(graph))
    build_s, network = timed(lambda: build_network(rows, dt.date.today()))
    progress(f"read {read_s:.1f} s, built {build_s:.1f} s: {network.graph.vcount()} nodes; analysing")
    analyse_s, analysis = timed(lambda: analyse(network, fingerprint(graph)))
    progress(f"analysed in {analyse_s:.1f} s")
    figures = {
        "nodes": analysis.nodes,
        "edges": analysis.edges,
        "communities": len(analysis.communities),
        "modularity": round(analysis.modularity, 4),
        "betweenness_sources": analysis.betweenness_sources,
        "read_seconds": round(read_s, 2),
        "build_seconds": round(build_s, 2),
        "analyse_seconds": round(analyse_s, 2),
        "total_seconds": round(read_s + build_s + analyse_s, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    if exact:
        progress("exact betweenness, to compare with the sampled one")
        exact_s, counted = timed(lambda: np.asarray(network.graph.betweenness(directed=False)))
        people_and_orgs = [v for v, label in enumerate(network.labels) if label != "Team"]
        top = {network.ids[v] for v in sorted(people_and_orgs, key=lambda v: -counted[v])[:20]}
        figures["exact_betweenness_seconds"] = round(exact_s, 2)
        figures["sampled_top20_in_exact_top20"] = len(top & {m.id for m in analysis.brokers(20)})
    figures["introductions"] = _introductions(graph, network, teams)
    return figures


def _introductions(graph, network, n: int) -> dict:
    team_ids = [t for t in sample_ids(graph, "Team", n) if t in network.index]
    organisations = [o for o in sample_ids(graph, "Organisation", 10 * len(team_ids) + 10) if o in network.index]
    cities = sample_ids(graph, "City", len(team_ids))
    rng = np.random.default_rng(1)
    one, ten, city, found = [], [], [], 0
    progress(f"introductions for {len(team_ids)} teams")
    for k, team in enumerate(team_ids):
        targets = [str(o) for o in rng.choice(organisations, size=10, replace=False)]
        seconds, result = timed(introductions, network, team, targets[0])
        one.append(seconds * 1000)
        found += bool(result.chains)
        ten.append(timed(briefs, network, team, targets)[0] * 1000)
        city.append(timed(introductions_to_city, network, cities[k % len(cities)], [team])[0] * 1000)
    return {
        "teams": len(team_ids),
        "with_a_chain": found,
        "calls": {  # milliseconds
            "all chains to one organisation": spread(np.array(one)),
            "short form for ten organisations": spread(np.array(ten)),
            "chain to a city": spread(np.array(city)),
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.analysis_time", description=__doc__.splitlines()[0])
    parser.add_argument("bundle", nargs="?", type=Path, help="a bundle to load into a scratch Neo4j first")
    parser.add_argument("--teams", type=int, default=100, help="teams whose introductions are timed")
    parser.add_argument("--exact", action="store_true", help="also time exact betweenness, and compare")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    opened = scratch_graph(args.bundle, quiet=True) if args.bundle else open_graph(schema=False)
    with opened as graph:
        figures = measure(graph, args.teams, args.exact)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for key, value in figures.items():
            if key != "introductions":
                print(f"{key:<32} {value}")
        intro = figures["introductions"]
        print(
            f"introductions for {intro['teams']} teams ({intro['with_a_chain']} with a chain to a random organisation):"
        )
        for name, s in intro["calls"].items():
            print(f"  {name:<36} median {s['median_ms']:7.1f} ms  p95 {s['p95_ms']:7.1f} ms  p99 {s['p99_ms']:7.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
