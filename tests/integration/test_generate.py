"""bench.generate: the synthetic bundle is clean, loads completely, is deterministic and has the
shape a matcher evaluation needs (every kind and sector, edge-case teams, skewed degrees)."""

from __future__ import annotations

from graph.bundle import SECTIONS, Sector
from graph.loader import load_bundle


def test_loaded_graph_has_every_record(graph, generated_bundle_dir, generated_bundle):
    load_bundle(graph, generated_bundle_dir, quiet=True)
    with graph.driver.session(database=graph.database) as session:
        for section, records in generated_bundle.items():
            label = SECTIONS[section][0]
            count = session.run(f"MATCH (n:{label}) RETURN count(n) AS n").single()["n"]
            assert count == len(records), label
        members = session.run("MATCH (:Person)-[r:MEMBER_OF]->(:Team) RETURN count(r) AS n").single()["n"]
        assert members == sum(len(t["members"]) for t in generated_bundle["teams"])
        wants = session.run("MATCH (:Team)-[r:WANTS]->() RETURN count(r) AS n").single()["n"]
        assert wants == sum(len(t["wants"]) for t in generated_bundle["teams"])
        sectors = {r["s"] for r in session.run("MATCH (o:Organisation) RETURN DISTINCT o.sector AS s")}
        assert sectors == {s.value for s in Sector}
