"""How long the matcher takes: fitting once, then one team's partner and city suggestions.

    python -m bench.suggestion_time [BUNDLE] [--teams N]

With BUNDLE, it is loaded into a scratch Neo4j of its own (var/scratch-neo4j); without it, the
configured graph is used. Prints the fit time and the median and 95th percentile per team, over
N teams drawn with a fixed seed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

import numpy as np

from graph.connect import open_graph, scratch_graph
from matcher.service import MatcherService


def _timed(call) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.suggestion_time", description=__doc__.splitlines()[0])
    parser.add_argument("bundle", nargs="?", type=Path)
    parser.add_argument("--teams", type=int, default=50)
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=dt.date(2011, 6, 16))
    args = parser.parse_args(argv)
    graph = scratch_graph(args.bundle, quiet=True) if args.bundle else open_graph(schema=False)
    with graph as (driver, database):
        service = MatcherService(driver, database)
        fit = _timed(service.matcher)
        snapshot = service.matcher().snapshot_
        teams = [t.id for t in snapshot.teams]
        sample = np.random.default_rng(0).choice(teams, min(args.teams, len(teams)), replace=False)
        print(f"{len(snapshot.org_ids)} organisations, {len(teams)} teams; fit {fit:.1f} s "
              f"({service.matcher().n_training_rows_} training rows)", flush=True)
        for name, call in (
            ("partner suggestions", lambda t: service.partner_suggestions(t, limit=10)),
            ("partner suggestions, blind", lambda t: service.partner_suggestions(t, limit=10, blind=True)),
            ("city suggestions", lambda t: service.city_suggestions(t, args.as_of, limit=10)),
            ("readiness", lambda t: service.readiness(t, args.as_of)),
        ):
            times = np.array([_timed(lambda: call(t)) for t in sample]) * 1000
            print(f"  {name:<28} median {np.median(times):7.1f} ms   p95 {np.percentile(times, 95):7.1f} ms"
                  f"   ({len(sample)} teams)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
