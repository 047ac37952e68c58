"""How long the matcher takes: fitting once, then one team's partner and city suggestions.

    python -m bench.suggestion_time [BUNDLE] [--teams N] [--warm-up W] [--json]

With BUNDLE, it is loaded into a scratch Neo4j of its own (var/scratch-neo4j); without it, the
configured graph is used. Prints the fit time, the model the fit made (LightGBM or the default
weights, and from how many training queries), the median, 95th and 99th percentile per team over N
teams drawn with a fixed seed, and the peak memory (resident set) of this process after the fit and
at the end (the Neo4j server is a process of its own, not counted). Progress goes to stderr.

Each team is asked once (its first question: nothing of it is cached yet). Before the timed
questions, W other teams are asked once each, untimed, as a service that has been running would
have been: a freshly started Neo4j compiles its query plans and its JVM its hot code during the
first few hundred reads, and those threads would otherwise compete with the timed ones on a small
machine. Last, a refit is started in the background (as a change to the graph starts one) and
teams not asked before are timed while it runs: the old fit answers meanwhile, on the same cores.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import sys
import threading
import time
from pathlib import Path

import numpy as np

from graph.connect import open_graph, scratch_graph
from matcher.service import MatcherService


def _timed(call) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def _heartbeat(label: str, done: threading.Event, every: float = 15) -> None:
    """Says on stderr that `label` is still going, every `every` seconds until `done` is set (the
    service's fit prints nothing of its own)."""
    started = time.monotonic()
    while not done.wait(every):
        print(f"  {label}: {time.monotonic() - started:.0f} s so far", file=sys.stderr, flush=True)


def peak_mb() -> float:
    """The peak resident set of this process so far, in MB (ru_maxrss is in kB on Linux)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.suggestion_time", description=__doc__.splitlines()[0])
    parser.add_argument("bundle", nargs="?", type=Path)
    parser.add_argument("--teams", type=int, default=100)
    parser.add_argument("--warm-up", type=int, default=50, help="other teams asked once, untimed, first")
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=dt.date(2011, 6, 16))
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    out = sys.stderr if args.json else sys.stdout  # with --json the lines are progress, the JSON the output

    def say(line: str) -> None:
        print(line, file=out, flush=True)

    print("loading the bundle" if args.bundle else "opening the graph", file=sys.stderr, flush=True)
    opened = scratch_graph(args.bundle, quiet=False) if args.bundle else open_graph(schema=False)
    with opened as graph:
        service = MatcherService(graph)
        print("fitting the matcher", file=sys.stderr, flush=True)
        done = threading.Event()
        threading.Thread(target=_heartbeat, args=("fitting", done), daemon=True).start()
        try:
            fit = _timed(service.matcher)
        finally:
            done.set()
        matcher = service.matcher()
        snapshot, info = matcher.snapshot_, matcher.info_
        teams = [t.id for t in snapshot.teams]
        drawn = np.random.default_rng(0).permutation(teams)
        sample, warm_up = drawn[: args.teams], drawn[args.teams : args.teams + args.warm_up]
        during_refit = drawn[args.teams + args.warm_up :]
        figures = {
            "organisations": len(snapshot.org_ids),
            "teams": len(teams),
            "fit_seconds": round(fit, 2),
            "model": info.kind,
            "training_queries": info.training_queries,
            "training_teams": info.training_teams,
            "peak_mb_after_fit": round(peak_mb()),
            "timed_teams": len(sample),
            "warm_up_teams": len(warm_up),
            "calls": {},
        }
        say(
            f"{len(snapshot.org_ids)} organisations, {len(teams)} teams; fit {fit:.1f} s: {info.kind}, "
            f"{info.training_queries} training queries from {info.training_teams} teams"
            + (f" ({info.reason})" if info.reason else "")
            + f"; peak memory {peak_mb():.0f} MB after the fit"
        )
        print(f"warming up on {len(warm_up)} other teams", file=sys.stderr, flush=True)
        for t in warm_up:
            service.partner_suggestions(t, limit=10)
            service.city_suggestions(t, args.as_of, limit=10)
        for name, call in (
            ("partner suggestions", lambda t: service.partner_suggestions(t, limit=10)),
            ("partner suggestions, blind", lambda t: service.partner_suggestions(t, limit=10, blind=True)),
            ("city suggestions", lambda t: service.city_suggestions(t, args.as_of, limit=10)),
            ("readiness", lambda t: service.readiness(t, args.as_of)),
        ):
            print(f"timing {name} for {len(sample)} teams", file=sys.stderr, flush=True)
            times = np.array([_timed(lambda call=call, t=t: call(t)) for t in sample]) * 1000
            figures["calls"][name] = spread(times)
            say(_line(name, times))
        figures["during_refit"] = _during_refit(service, during_refit)
        if figures["during_refit"]["count"]:
            say(_line("partner suggestions during a refit", np.array(figures["during_refit"]["times"])))
        figures["peak_mb_end"] = round(peak_mb())
        say(f"peak memory {peak_mb():.0f} MB at the end")
    if args.json:
        print(json.dumps(figures, indent=2))
    return 0


def spread(times: np.ndarray) -> dict:
    """Count, median, p95 and p99 of times in milliseconds (None for no times)."""
    return {
        "count": len(times),
        "median_ms": round(float(np.median(times)), 1) if len(times) else None,
        "p95_ms": round(float(np.percentile(times, 95)), 1) if len(times) else None,
        "p99_ms": round(float(np.percentile(times, 99)), 1) if len(times) else None,
    }


def _line(name: str, times: np.ndarray) -> str:
    return (
        f"  {name:<28} median {np.median(times):7.1f} ms   p95 {np.percentile(times, 95):7.1f} ms"
        f"   p99 {np.percentile(times, 99):7.1f} ms   ({len(times)} teams)"
    )


def _during_refit(service: MatcherService, teams) -> dict:
    """Partner suggestions for teams not asked before, timed while a background refit runs."""
    print("timing partner suggestions while a refit runs", file=sys.stderr, flush=True)
    service.invalidate()
    service.matcher()  # stale: starts the refit in the background and answers from the old fit
    times = []
    for t in teams:
        if not service.refitting():
            break
        times.append(_timed(lambda t=t: service.partner_suggestions(t, limit=10)) * 1000)
    service.wait_for_refit()
    return {**spread(np.array(times)), "times": [round(x, 1) for x in times]}


if __name__ == "__main__":
    sys.exit(main())
