"""How long the API's team details and the liaison pages take, one request at a time.

    python -m bench.page_time [BUNDLE] [--teams N] [--repeat R] [--json]

With BUNDLE it is loaded into a scratch Neo4j of its own (var/scratch-neo4j); without it the
configured graph is used (NEO4J_* variables, as `make run` has them). The app is served by uvicorn
on a free port in this process and asked over one keep-alive HTTP connection: `GET /teams/{id}`
with a coordinator's token, and the pages with a liaison's (a bearer header, as scripts log in):
the overview, the call list, a team's page, a city's page and an organisation's page, each for N
teams, cities and organisations drawn with a fixed seed (the overview and the call list R times).
The matcher's fit happens before the timing (the first page that needs it would wait for it), and
is timed on its own. Prints median, p95 and p99 per page; progress on stderr.
"""

from __future__ import annotations

import argparse
import http.client
import json
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlparse

import numpy as np

from api.tokens import new_token
from bench.suggestion_time import spread
from graph.connect import open_graph, scratch_graph
from graph.repositories import label
from tests.support.harness import serve

PAGES = {
    "GET /teams/{id}": "/teams/{team}",
    "overview": "/",
    "call list": "/bellijst",
    "team page": "/p/team/{team}",
    "city page": "/p/city/{city}",
    "organisation page": "/p/organisation/{organisation}",
}


def sample_ids(graph, name: str, n: int) -> list[str]:
    """The ids of `n` nodes of label `name`, drawn with a fixed seed (the same in every run)."""
    ids = [row["id"] for row in graph.read(f"MATCH (x:{label(name)}) RETURN x.id AS id ORDER BY id")]
    return [str(i) for i in np.random.default_rng(0).permutation(ids)[:n]] if ids else []


def _get(connection: http.client.HTTPConnection, path: str, token: str) -> float:
    started = time.perf_counter()
    connection.request("GET", path, headers={"Authorization": f"Bearer {token}"})
    response = connection.getresponse()
    body = response.read()
    seconds = time.perf_counter() - started
    if response.status != 200:
        raise RuntimeError(f"GET {path}: {response.status} {body[:200]!r}")
    return seconds


def measure(graph, n: int, repeat: int) -> dict:
    teams, cities, organisations = (
        sample_ids(graph, "Team", n),
        sample_ids(graph, "City", n),
        sample_ids(graph, "Organisation", n),
    )
    coordinator = new_token(graph, "coordinator", "bench.page_time")[1]
    liaison = new_token(graph, "liaison", "bench.page_time")[1]
    figures: dict = {"pages": {}}
    with serve(graph, timeout=120) as origin:
        address = urlparse(origin)
        connection = http.client.HTTPConnection(address.hostname, address.port, timeout=600)
        print("the first team page (the matcher's fit)...", file=sys.stderr, flush=True)
        figures["first_team_page_seconds"] = round(_get(connection, f"/p/team/{quote(teams[0])}", liaison), 2)
        for name, pattern in PAGES.items():
            token = coordinator if name.startswith("GET") else liaison
            if "{team}" in pattern:
                paths = [pattern.format(team=quote(t)) for t in teams]
            elif "{city}" in pattern:
                paths = [pattern.format(city=quote(c)) for c in cities]
            elif "{organisation}" in pattern:
                paths = [pattern.format(organisation=quote(o)) for o in organisations]
            else:
                paths = [pattern] * repeat
            print(f"timing {name} ({len(paths)} requests)", file=sys.stderr, flush=True)
            figures["pages"][name] = spread(np.array([_get(connection, path, token) for path in paths]) * 1000)
        connection.close()
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.page_time", description=__doc__.splitlines()[0])
    parser.add_argument("bundle", nargs="?", type=Path)
    parser.add_argument("--teams", type=int, default=100, help="teams, cities and organisations to ask for")
    parser.add_argument("--repeat", type=int, default=20, help="times the overview and the call list are asked for")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    opened = scratch_graph(args.bundle, quiet=False) if args.bundle else open_graph(schema=False)
    with opened as graph:
        figures = measure(graph, args.teams, args.repeat)
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print(f"first team page, with the matcher's fit: {figures['first_team_page_seconds']} s")
    for name, figures_of in figures["pages"].items():
        print(
            f"  {name:<20} median {figures_of['median_ms']:7.1f} ms   p95 {figures_of['p95_ms']:7.1f} ms"
            f"   p99 {figures_of['p99_ms']:7.1f} ms   ({figures_of['count']} requests)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
