"""python -m api.serve: what `make run` runs.

Starts Neo4j if needed (unless NEO4J_URI names a server), applies the schema, loads seed_data/
into a new graph (never over what coordinators changed: see graph.seed), and serves the API on
http://127.0.0.1:8000 until Ctrl-C, then stops Neo4j cleanly. An embedded Neo4j that dies meanwhile
is started again (graph.watch).
"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

import uvicorn
from neo4j import Driver

from api.deps import Graph
from api.main import create_app
from graph.connect import open_watched_graph
from graph.loader import BundleRejected
from graph.seed import seed_new_graph
from graph.settings import get_settings


def prepare_graph(driver: Driver, database: str, seed_dir: Path) -> str:
    """What the start does to the graph before serving; returns the line it prints about it.
    Raises BundleRejected when the seed has problems."""
    report = seed_new_graph(driver, database, seed_dir)
    if report is None:
        return (f"Seed data {seed_dir} not loaded: the graph is not new, and the seed never overwrites it "
                "(make reset-seed goes back to the seed)")
    return f"Seed data {seed_dir} loaded into a new graph: created {report.totals()['created']}"


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = get_settings()
    started = time.monotonic()
    with open_watched_graph(settings) as (driver, database, watch):
        try:
            print(prepare_graph(driver, database, settings.seed_dir), file=sys.stderr)
        except BundleRejected as rejected:
            print(rejected, file=sys.stderr)
            return 1
        print(f"Ready after {time.monotonic() - started:.1f} s: http://{settings.api_host}:{settings.api_port}",
              file=sys.stderr, flush=True)
        uvicorn.run(create_app(Graph(driver, database), watch=watch), host=settings.api_host, port=settings.api_port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
