"""python -m api.serve: what `make run` runs.

Starts Neo4j if needed (unless NEO4J_URI names a server), applies the schema, loads seed_data/,
and serves the API on http://127.0.0.1:8000 until Ctrl-C, then stops Neo4j cleanly. An embedded
Neo4j that dies meanwhile is started again (graph.watch).
"""

from __future__ import annotations

import logging
import sys
import time

import uvicorn

from api.deps import Graph
from api.main import create_app
from graph.connect import open_watched_graph
from graph.loader import BundleRejected, load_bundle
from graph.settings import get_settings


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = get_settings()
    started = time.monotonic()
    with open_watched_graph(settings) as (driver, database, watch):
        try:
            report = load_bundle(driver, database, settings.seed_dir, quiet=True)
        except BundleRejected as rejected:
            print(rejected, file=sys.stderr)
            return 1
        totals = report.totals()
        print(f"Seed data {settings.seed_dir}: created {totals['created']}, updated {totals['updated']}, "
              f"unchanged {totals['unchanged']}", file=sys.stderr)
        print(f"Ready after {time.monotonic() - started:.1f} s: http://{settings.api_host}:{settings.api_port}",
              file=sys.stderr, flush=True)
        uvicorn.run(create_app(Graph(driver, database), watch=watch), host=settings.api_host, port=settings.api_port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
