"""BENCHMARKS.md from the suite's figures: goals marked met or not at the largest size, and the
slope of a cost against size."""

from __future__ import annotations

import pytest

from bench.report import slope, write_report


def _size(people: int, partner_p95: float, fit: float, load_ratio: float) -> dict:
    spread = {"count": 100, "median_ms": partner_p95 / 2, "p95_ms": partner_p95, "p99_ms": partner_p95 * 1.5}
    return {
        "people": people,
        "load": {
            "rows": people * 6, "bare_seconds": 10.0, "bare_rows_per_second": people * 0.6,
            "loader_seconds": 10.0 / load_ratio, "loader_read_seconds": 1.0, "loader_check_seconds": 1.0,
            "loader_write_seconds": 10.0 / load_ratio - 2, "loader_rows_per_second": people * 0.6 * load_ratio,
            "loader_batches": 1, "ratio": load_ratio, "write_ratio": load_ratio,
        },
        "one_team": {
            "teams": people // 5, "fit_seconds": fit, "model": "lightgbm-lambdarank", "training_queries": 900,
            "peak_mb_after_fit": 500, "calls": {"partner suggestions": spread, "city suggestions": spread,
                                                 "readiness": spread},
            "during_refit": {**spread, "times": []},
        },
        "pages": {"pages": {name: spread for name in ("GET /teams/{id}", "overview", "team page", "city page",
                                                      "call list", "organisation page")}},
        "viewer": [{"view": "a team's ego view", "median_seconds": 0.3, "nodes": 12},
                   {"view": "whole network (capped)", "median_seconds": 2.0, "nodes": 1500}],
        "throughput": {"runs": [{"endpoint": "team", "rps": 300.0, "p95": 80.0},
                                {"endpoint": "bare", "rps": 1000.0, "p95": 20.0}], "api_peak_rss_mb": 400.0},
        "analysis": {"nodes": people * 2, "edges": people * 3, "read_seconds": 1.0, "build_seconds": 0.2,
                     "analyse_seconds": 2.5, "total_seconds": 3.7, "communities": 40, "peak_rss_mb": 300,
                     "introductions": {"calls": {"all chains to one organisation": spread,
                                                 "short form for ten organisations": spread,
                                                 "chain to a city": spread}}},
        "neo4j_peak_rss_mb": 1500.0,
    }  # fmt: skip


def test_slope_is_the_exponent_of_cost_against_size():
    assert slope([1000, 10000, 100000], [1.0, 10.0, 100.0]) == pytest.approx(1.0)
    assert slope([1000, 10000, 100000], [5.0, 5.0, 5.0]) == pytest.approx(0.0)
    assert slope([1000, 10000], [2.0, None]) is None  # one point says nothing


def test_the_report_marks_each_goal_at_the_largest_size():
    results = {
        "started": "2026-12-01T00:00:00+00:00",
        "command": "python -m bench.suite",
        "minutes": 1.0,
        "machine": {"cpus": 2, "cpu": "test", "memory_mb": 1024, "system": "Linux", "python": "3.11",
                    "neo4j_heap": "1g", "neo4j_pagecache": "512m"},
        "sizes": [_size(1000, 20.0, 5.0, 0.9), _size(100000, 80.0, 50.0, 0.7)],
    }  # fmt: skip
    report = write_report(results)
    goals = report.split("## Goals")[1].split("## Load")[0]
    assert "at 100,000 people" in goals
    assert "| one team: partner suggestions, p95 | ≤ 50 ms | 80.00 ms | **not met** |" in goals
    assert "| a full fit | ≤ 60 s | 50.00 s | met |" in goals
    assert "| loader rows/s against bare UNWIND MERGE | ≥ 0.8 x | 0.70 x | **not met** |" in goals
    assert "| 16 clients: team details req/s against the bare route's | ≥ 0.5 x | 0.30 x | **not met** |" in goals
    slopes = report.split("## Slopes")[1]
    assert "| fit (s) | 5.0 | 50.0 | 0.50 |" in slopes
    analysis = report.split("## Network analysis")[1].split("## Learning")[0]
    assert "| 100,000 | 200000 / 300000 | 1.0 / 0.2 / 2.5 | 40 | 300 | 40 / 80 / 120 |" in analysis


def test_an_earlier_run_s_figures_stand_beside_the_goals():
    machine = {"cpus": 2, "cpu": "test", "memory_mb": 1024, "system": "Linux", "python": "3.11",
               "neo4j_heap": "1g", "neo4j_pagecache": "512m"}  # fmt: skip
    run = {"command": "python -m bench.suite", "minutes": 1.0, "machine": machine}
    before = {**run, "started": "2026-11-30T00:00:00+00:00", "label": "abc123", "sizes": [_size(1000, 90.0, 5.0, 0.9)]}
    after = {**run, "started": "2026-12-01T00:00:00+00:00", "sizes": [_size(1000, 30.0, 5.0, 0.9)]}
    goals = write_report(after, before).split("## Goals")[1].split("## Load")[0]
    assert "Before: the run of 2026-11-30T00:00:00+00:00 (abc123)." in goals
    assert "| one team: partner suggestions, p95 | ≤ 50 ms | 90.00 ms | 30.00 ms | met |" in goals


def test_the_hand_kept_changes_close_the_report_and_the_report_can_be_written_again(tmp_path, monkeypatch):
    from bench import report

    machine = {"cpus": 2, "cpu": "test", "memory_mb": 1024, "system": "Linux", "python": "3.11",
               "neo4j_heap": "1g", "neo4j_pagecache": "512m"}  # fmt: skip
    results = {"command": "python -m bench.suite", "minutes": 1.0, "machine": machine,
               "started": "2026-12-01T00:00:00+00:00", "sizes": [_size(1000, 30.0, 5.0, 0.9)]}  # fmt: skip
    changes = tmp_path / "changes.md"
    changes.write_text("| change | before | after |\n|---|---|---|\n| a query | 10 ms | 1 ms |\n", encoding="utf-8")
    monkeypatch.setattr(report, "CHANGES", changes)
    written = report.write_report(results)
    assert written.split("## What changed, with before and after")[1].strip().endswith("| a query | 10 ms | 1 ms |")
    saved = tmp_path / "results.json"
    saved.write_text(__import__("json").dumps(results))
    assert report.main([str(saved), "--output", str(tmp_path / "B.md")]) == 0
    assert (tmp_path / "B.md").read_text() == written
