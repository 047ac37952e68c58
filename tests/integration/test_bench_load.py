"""bench.load_time end to end: the loader and a bare UNWIND MERGE of the same rows, each into an
empty database of a Neo4j of its own, and the figures the suite's load table is made of."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from graph.files import read_bundle
from graph.settings import PROJECT_ROOT
from graph.validate import check_bundle


def test_load_time_times_the_loader_and_the_bare_writes_of_the_same_rows(generated_bundle_dir):
    done = subprocess.run(
        [sys.executable, "-m", "bench.load_time", str(generated_bundle_dir), "--json", "--quiet"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    plan = check_bundle(read_bundle(generated_bundle_dir)).plan
    assert figures["rows"] == len(plan.nodes) + len(plan.rels) > 1500
    assert figures["loader_batches"] == 1  # a small bundle: one transaction
    assert figures["bare_seconds"] > 0 and figures["loader_seconds"] > figures["loader_write_seconds"] > 0
    assert figures["ratio"] == pytest.approx(figures["bare_seconds"] / figures["loader_seconds"], abs=0.01)


def test_query_time_times_each_read_of_the_measured_routes_and_counts_its_database_hits(seeded):
    from bench import query_time

    figures = query_time.measure(seeded, 3)
    assert set(figures) == set(query_time.reads(seeded, 3))
    for name, f in figures.items():
        assert f["count"] >= 1 and f["median_ms"] > 0, name
    # The profile adds up every operator's hits: a team's details touch the team and its links.
    assert figures["team details (GET /teams/{id})"]["db_hits"] > 20
    assert figures["every team's progress (overview)"]["count"] == 3
