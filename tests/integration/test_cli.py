"""The command-line tools, run as a user runs them, against the test server."""

import json

from tests.support.app import run_command as run


def test_load_then_stats_then_load_again(graph, neo4j_target, seed_dir):
    first = run(["graph", "load", str(seed_dir), "--json", "--quiet"], neo4j_target)
    assert first.returncode == 0, first.stderr
    report = json.loads(first.stdout)
    assert report["totals"]["created"] > 0 and report["totals"].get("updated", 0) == 0

    stats = run(["graph", "stats", "--json"], neo4j_target)
    assert stats.returncode == 0, stats.stderr
    counts = json.loads(stats.stdout)
    assert counts["nodes"] == {label: c["created"] for label, c in report["nodes"].items()}
    assert counts["relationships"] == {t: c["created"] for t, c in report["relationships"].items()}

    again = run(["graph", "load", str(seed_dir)], neo4j_target)
    assert again.returncode == 0, again.stderr
    assert "Total: created 0, updated 0, unchanged" in again.stdout


def test_load_refuses_a_bad_bundle_with_exit_code_1(graph, neo4j_target, tmp_path):
    (tmp_path / "cities.yaml").write_text("cities:\n  - id: city:nergens\n    population: -5\n", encoding="utf-8")
    result = run(["graph", "load", str(tmp_path)], neo4j_target)
    assert result.returncode == 1
    assert "cities.yaml:2: cities[0] (city:nergens): field 'name': Field required" in result.stderr
    assert (
        "cities.yaml:2: cities[0] (city:nergens): field 'population': Input should be greater than or equal to 0"
        in result.stderr
    )
    assert "nothing was written" in result.stderr
