"""bench.generate: the synthetic bundle is clean, loads completely, is deterministic and has the
shape a matcher evaluation needs (every kind and sector, edge-case teams, skewed degrees)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from graph.bundle import SECTIONS, Sector
from graph.loader import load_bundle
from graph.settings import PROJECT_ROOT

PEOPLE = 300


def generate(out: Path, *args: str, hash_seed: str = "0") -> None:
    """Runs the command line in a fresh process; PYTHONHASHSEED differs between calls on purpose,
    so that output depending on set or hash order would show up as a difference."""
    subprocess.run([sys.executable, "-m", "bench.generate", str(out), "--people", str(PEOPLE), *args],
                   cwd=PROJECT_ROOT, check=True, capture_output=True,
                   env=dict(os.environ, PYTHONHASHSEED=hash_seed))


def read(out: Path) -> dict[str, list[dict]]:
    bundle = {}
    for path in sorted(out.glob("*.json")):
        content = json.loads(path.read_text(encoding="utf-8"))
        assert list(content) == [path.stem]
        bundle[path.stem] = content[path.stem]
    return bundle


@pytest.fixture(scope="module")
def bundle_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("generated")
    generate(out, "--seed", "7")
    return out


@pytest.fixture(scope="module")
def bundle(bundle_dir) -> dict[str, list[dict]]:
    return read(bundle_dir)


def test_loaded_graph_has_every_record(graph, bundle_dir, bundle):
    load_bundle(graph, bundle_dir, quiet=True)
    with graph.driver.session(database=graph.database) as session:
        for section, records in bundle.items():
            label = SECTIONS[section][0]
            count = session.run(f"MATCH (n:{label}) RETURN count(n) AS n").single()["n"]
            assert count == len(records), label
        members = session.run("MATCH (:Person)-[r:MEMBER_OF]->(:Team) RETURN count(r) AS n").single()["n"]
        assert members == sum(len(t["members"]) for t in bundle["teams"])
        wants = session.run("MATCH (:Team)-[r:WANTS]->() RETURN count(r) AS n").single()["n"]
        assert wants == sum(len(t["wants"]) for t in bundle["teams"])
        sectors = {r["s"] for r in session.run("MATCH (o:Organisation) RETURN DISTINCT o.sector AS s")}
        assert sectors == {s.value for s in Sector}


