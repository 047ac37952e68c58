"""The evaluation, on the report's graph and on a generated one: the matcher and every baseline
answer the same held-out links, under both protocols (all: every organisation held out and a
candidate; known: only organisations known from the training teams)."""

from __future__ import annotations

import json

import pytest

from bench.generate import main as generate
from graph.driver import get_driver
from graph.handle import Graph
from graph.loader import load_bundle
from graph.repositories.counts import wipe
from graph.schema import apply_schema
from matcher.evaluation import METHODS, PROTOCOLS, SETTINGS, evaluate
from matcher.snapshot import read_snapshot
from tests.support.app import run_command

METRICS = {"queries", "recall@5", "recall@10", "recall@20", "mrr", "ndcg@10"}


def recall10(table: dict, method: str) -> float:
    return table["methods"][method]["recall@10"]


def assert_well_formed(result: dict, protocols=PROTOCOLS, settings=SETTINGS) -> None:
    assert set(result["protocols"]) == set(protocols)
    for protocol, tables in result["protocols"].items():
        assert set(tables) == set(settings)
        for setting, table in tables.items():
            assert set(table["methods"]) == set(METHODS), (protocol, setting)
            for method, row in table["methods"].items():
                assert set(row) == METRICS and row["queries"] == table["queries"], (protocol, setting, method)
                assert row["recall@5"] <= row["recall@10"] <= row["recall@20"], (protocol, setting, method)
            assert 0 < table["retrieval_kept"] <= 1
            assert ("new_organisation_share" in table) == (protocol == "known")


def assert_bootstrap_contains_the_point(table: dict) -> None:
    boot = table["bootstrap"]
    low, high = boot["recall@10"]
    assert low <= recall10(table, "matcher") <= high, boot
    point, (low, high) = boot["ratio_to_adamic_adar"], boot["ratio_to_adamic_adar_interval"]
    assert point is not None and low is not None, boot
    assert low <= point and (high is None or point <= high), boot  # None: unbounded above
    assert point == pytest.approx(recall10(table, "matcher") / recall10(table, "adamic_adar"), rel=2e-3, abs=1e-3)


def assert_beats(table: dict, baselines, where) -> None:
    for method in baselines:
        assert recall10(table, "matcher") > recall10(table, method), (where, method, table["methods"])


# -- the report's graph: 53 organisations, 7 teams ---------------------------------------------------


def test_on_the_report_the_matcher_beats_the_network_and_naive_baselines(seeded):
    result = evaluate(read_snapshot(seeded), protocols=PROTOCOLS, quiet=True)
    assert_well_formed(result)
    tables = result["protocols"]["all"]
    assert tables["lines"]["queries"] == 32  # every organisation in a team of 2 or more
    assert tables["blind"]["queries"] == 32 + 14  # and every named partner
    # Seven teams are too few to learn from: every fold ranks with the default weights.
    assert {fit["model"] for fit in result["fits"]} == {"default-weights"}
    for setting, table in tables.items():
        assert_beats(
            table, ("random", "popularity", "common_neighbours", "adamic_adar", "resource_allocation"), setting
        )
        assert_bootstrap_contains_the_point(table)


def test_known_holds_out_only_organisations_known_from_training(seeded):
    """Leaving one team out at a time, an organisation is known when another team has it."""
    snapshot = read_snapshot(seeded)
    result = evaluate(snapshot, ("lines",), protocols=PROTOCOLS, folds=len(snapshot.teams), quiet=True)
    held_out = known = 0
    for team in range(len(snapshot.teams)):
        members = snapshot.orgs_of_team(team)
        if len(members) < 2:
            continue
        held_out += len(members)
        known += sum(1 for org in members if set(snapshot.teams_of_org(org).tolist()) - {team})
    assert 0 < known < held_out
    assert result["protocols"]["all"]["lines"]["queries"] == held_out
    table = result["protocols"]["known"]["lines"]
    assert table["queries"] == known
    assert table["new_organisation_share"] == pytest.approx(1 - known / held_out, abs=1e-4)


def test_the_command_prints_the_result_as_json(seeded, neo4j_target):
    run = run_command(["matcher", "evaluate", "--protocol", "both", "--setting", "lines", "--json"], neo4j_target)
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert_well_formed(result, settings=("lines",))
    every, known = result["protocols"]["all"]["lines"], result["protocols"]["known"]["lines"]
    assert every["queries"] == 32
    assert 0 < known["queries"] < every["queries"]  # the new organisations are not held out
    assert known["queries"] == round(every["queries"] * (1 - known["new_organisation_share"]))
    assert len(result["fits"]) == 5 and all(fit["model"] == "default-weights" for fit in result["fits"])
    assert "all/lines: 32/32 queries" in run.stderr  # progress
    assert f"known/lines: {known['queries']}/{known['queries']} queries" in run.stderr


def test_the_command_prints_a_table(seeded, neo4j_target):
    run = run_command(["matcher", "evaluate", "--protocol", "known", "--setting", "blind", "--quiet"], neo4j_target)
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""  # --quiet
    lines = run.stdout.splitlines()
    assert any(
        line.startswith("protocol: known, setting: blind: ") and "new organisations" in line for line in lines
    ), run.stdout
    assert not any(line.startswith("protocol: all") for line in lines)
    rows = {}
    for line in lines:
        name, *values = line.split() or [""]
        if name in METHODS and len(values) == 5 and all(v.replace(".", "", 1).isdigit() for v in values):
            rows[name] = [float(v) for v in values]
    assert set(rows) == set(METHODS), run.stdout  # a row of recall@5, @10, @20, MRR, NDCG@10 per method
    assert any("ratio to adamic_adar" in line for line in lines)
    assert sum(line.startswith("fit ") and "default-weights" in line for line in lines) == 5


# -- a generated graph: 2000 people, 500 organisations, 250 teams -------------------------------------


@pytest.fixture(scope="module")
def generated_result(neo4j_target, tmp_path_factory) -> dict:
    """Evaluated once for the tests below (the five fits take a few minutes)."""
    bundle = tmp_path_factory.mktemp("generated")
    generate([str(bundle), "--people", "2000", "--seed", "7", "--quiet"])
    graph = Graph(get_driver(neo4j_target), neo4j_target.database)
    wipe(graph)
    apply_schema(graph)
    load_bundle(graph, bundle, quiet=True)
    snapshot = read_snapshot(graph)
    assert len(snapshot.org_ids) + len(snapshot.teams) + 2000 > 2500  # a few thousand nodes
    return evaluate(snapshot, protocols=PROTOCOLS, max_queries=800, quiet=True)


def test_on_a_generated_graph_the_matcher_learns_and_beats_the_naive_baselines(generated_result):
    result = generated_result
    assert_well_formed(result)
    assert {fit["model"] for fit in result["fits"]} == {"lightgbm-lambdarank"}
    assert all(fit["training_queries"] >= 300 for fit in result["fits"])
    for protocol, tables in result["protocols"].items():
        for setting, table in tables.items():
            assert table["queries"] == 800
            assert_beats(table, ("random", "popularity"), (protocol, setting))
            assert_bootstrap_contains_the_point(table)
            assert table["retrieval_kept"] > 0.85
    for setting in SETTINGS:
        share = result["protocols"]["known"][setting]["new_organisation_share"]
        assert 0.02 < share < 0.3, share  # some test-team organisations are in no training team


def test_on_a_generated_graph_the_matcher_beats_the_network_baselines(generated_result):
    for protocol, tables in generated_result["protocols"].items():
        for setting, table in tables.items():
            assert_beats(table, ("adamic_adar", "common_neighbours"), (protocol, setting))
