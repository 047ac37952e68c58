"""The evaluation, on the report's graph and on a generated one: the matcher must beat every
baseline measured in the same run."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from bench.generate import main as generate
from graph.loader import load_bundle
from graph.settings import PROJECT_ROOT
from matcher.evaluation import METHODS, evaluate
from matcher.snapshot import read_snapshot


def assert_matcher_beats_every_baseline(result: dict) -> None:
    for setting, table in result["settings"].items():
        assert table["matcher"]["queries"] > 0
        for method in METHODS[1:]:
            assert table["matcher"]["recall@10"] > table[method]["recall@10"], (setting, method, table)


def test_on_the_report_the_matcher_beats_every_baseline(seeded):
    result = evaluate(read_snapshot(seeded.driver, seeded.database), quiet=True)
    assert result["settings"]["lines"]["matcher"]["queries"] == 32  # every organisation in a team of 2 or more
    assert result["settings"]["blind"]["matcher"]["queries"] == 32 + 14  # and every named partner
    assert_matcher_beats_every_baseline(result)


def test_on_a_generated_graph_the_matcher_beats_every_baseline(graph, tmp_path):
    generate([str(tmp_path), "--people", "2000", "--seed", "7", "--quiet"])
    load_bundle(graph.driver, graph.database, tmp_path, quiet=True)
    snapshot = read_snapshot(graph.driver, graph.database)
    assert len(snapshot.org_ids) + len(snapshot.teams) + 2000 > 2500  # a few thousand nodes
    assert_matcher_beats_every_baseline(evaluate(snapshot, max_queries=1500, quiet=True))


def test_the_command_prints_the_table_as_json(seeded, neo4j_target):
    env = dict(os.environ, NEO4J_URI=neo4j_target.uri, NEO4J_USERNAME=neo4j_target.username,
               NEO4J_PASSWORD=neo4j_target.password, NEO4J_DATABASE=neo4j_target.database)
    run = subprocess.run([sys.executable, "-m", "matcher.evaluate", "--setting", "lines", "--json"],
                         cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    table = json.loads(run.stdout)["settings"]["lines"]
    assert set(table) == set(METHODS) and table["matcher"]["queries"] == 32
    assert "lines: 32/32 queries" in run.stderr  # progress
