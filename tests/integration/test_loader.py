"""The loader against a real Neo4j: exact counts, idempotence, all-or-nothing refusal of bad input."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
import yaml

from graph.files import read_bundle
from graph.loader import BundleRejected, load_bundle
from graph.repositories.counts import node_counts, relationship_counts, snapshot
from graph.settings import PROJECT_ROOT
from graph.validate import check_bundle


def declared_counts(directory: Path) -> tuple[Counter, Counter]:
    """What the data files declare: one node per record, one relationship per link written in them."""
    checked = check_bundle(read_bundle(directory))
    assert checked.problems == []
    return Counter(n.label for n in checked.plan.nodes), Counter(r.type for r in checked.plan.rels)


def copy_bundle(seed_dir: Path, tmp_path: Path) -> Path:
    target = tmp_path / "bundle"
    shutil.copytree(seed_dir, target, ignore=shutil.ignore_patterns("*.md"))
    return target


def edit_records(path: Path, section: str, edit) -> None:
    """Rewrites one file of a bundle after `edit(records)` changed its records of `section`."""
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(content[section])
    path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_loaded_graph_holds_exactly_what_the_files_declare(graph, seed_dir):
    nodes, rels = declared_counts(seed_dir)
    report = load_bundle(graph, seed_dir, quiet=True)

    assert node_counts(graph) == dict(nodes)
    assert relationship_counts(graph) == dict(rels)
    assert {label: c["created"] for label, c in report.nodes.items()} == dict(nodes)
    assert {type_: c["created"] for type_, c in report.relationships.items()} == dict(rels)


def test_a_second_load_changes_nothing(seeded, seed_dir):
    before = snapshot(seeded)
    report = load_bundle(seeded, seed_dir, quiet=True)

    totals = report.totals()
    assert totals["created"] == 0 and totals["updated"] == 0
    assert totals["unchanged"] == sum(declared_counts(seed_dir)[0].values()) + sum(
        declared_counts(seed_dir)[1].values()
    )
    assert snapshot(seeded) == before


def test_a_changed_record_is_reported_as_updated(seeded, seed_dir, tmp_path):
    bundle = copy_bundle(seed_dir, tmp_path)

    def edit(orgs):
        next(o for o in orgs if o["id"] == "org:actiz")["description"] = "Gewijzigde beschrijving."

    edit_records(bundle / "organisations.yaml", "organisations", edit)
    report = load_bundle(seeded, bundle, quiet=True)

    assert report.totals()["updated"] == 1 and report.totals()["created"] == 0
    assert report.nodes["Organisation"]["updated"] == 1
    records, _, _ = seeded.driver.execute_query(
        "MATCH (o:Organisation {id: 'org:actiz'}) RETURN o.description AS d", database_=seeded.database
    )
    assert records[0]["d"] == "Gewijzigde beschrijving."


def _missing_field(bundle: Path) -> tuple[str, str]:
    def edit(orgs):
        del next(o for o in orgs if o["id"] == "org:actiz")["sector"]

    edit_records(bundle / "organisations.yaml", "organisations", edit)
    return "organisations.yaml", "field 'sector': Field required"


def _bad_id(bundle: Path) -> tuple[str, str]:
    def edit(people):
        people[0]["id"] = "person:Not A Slug"

    edit_records(bundle / "people.yaml", "people", edit)
    return "people.yaml", "field 'id'"


def _dangling_reference(bundle: Path) -> tuple[str, str]:
    def edit(teams):
        teams[0]["members"].append({"person": "person:nobody-we-know"})

    edit_records(bundle / "teams.yaml", "teams", edit)
    return "teams.yaml", "refers to person:nobody-we-know, which is not in this bundle or in the graph"


def _duplicate_alias(bundle: Path) -> tuple[str, str]:
    def edit(orgs):
        orgs.append({"id": "org:vno-ncw-again", "name": "VNO NCW", "kind": "umbrella", "sector": "business"})

    edit_records(bundle / "organisations.yaml", "organisations", edit)
    return (
        "organisations.yaml",
        "(org:vno-ncw-again): field 'name': name or alias 'vno ncw' already belongs to org:vno-ncw",
    )


def _duplicate_id(bundle: Path) -> tuple[str, str]:
    def edit(cities):
        cities.append(dict(cities[0], name="Een andere stad", aliases=[]))

    edit_records(bundle / "cities.yaml", "cities", edit)
    return "cities.yaml", "field 'id': duplicate id"


@pytest.mark.parametrize(
    "break_bundle", [_missing_field, _bad_id, _dangling_reference, _duplicate_alias, _duplicate_id]
)
def test_a_bad_bundle_is_refused_with_its_location_and_changes_nothing(seeded, seed_dir, tmp_path, break_bundle):
    bundle = copy_bundle(seed_dir, tmp_path)
    # Something valid that would be written if the bundle were not refused as a whole.
    (bundle / "zz_extra.yaml").write_text(
        "themes:\n  - id: theme:nieuw-thema\n    name: Nieuw Thema\n", encoding="utf-8"
    )
    file_name, expected = break_bundle(bundle)
    before = snapshot(seeded)

    with pytest.raises(BundleRejected) as refused:
        load_bundle(seeded, bundle, quiet=True)

    messages = [str(p) for p in refused.value.problems]
    assert any(m.startswith(file_name + ":") and expected in m for m in messages), messages
    assert snapshot(seeded) == before


def test_a_new_record_that_takes_an_alias_from_the_graph_is_refused(seeded, tmp_path):
    (tmp_path / "people.yaml").write_text(
        "people:\n  - id: person:gijs-van-hesteren-2\n    name: G. van Hesteren\n    aliases: ['@Gijs8861']\n",
        encoding="utf-8",
    )
    before = snapshot(seeded)

    with pytest.raises(BundleRejected) as refused:
        load_bundle(seeded, tmp_path, quiet=True)

    [problem] = refused.value.problems
    assert str(problem).startswith("people.yaml:2: people[0] (person:gijs-van-hesteren-2): field 'aliases'")
    assert "already belongs to person:gijs-van-hesteren in the graph" in str(problem)
    assert snapshot(seeded) == before


def test_a_bundle_may_refer_to_nodes_already_in_the_graph(seeded, tmp_path):
    """A consortium-style bundle: an organisation takes part as a whole, without a named person."""
    (tmp_path / "extra.json").write_text(
        """{
      "teams": [{"id": "team:consortium", "name": "Consortium", "question": "question:onze-stad-open-data",
                 "partners": [{"organisation": "org:tno", "role": "coordinator"},
                              {"organisation": "org:waag-society"}]}]
    }""",
        encoding="utf-8",
    )
    report = load_bundle(seeded, tmp_path, quiet=True)

    assert report.nodes["Team"]["created"] == 1 and report.relationships["PARTNER_IN"]["created"] == 2
    records, _, _ = seeded.driver.execute_query(
        "MATCH (o:Organisation)-[p:PARTNER_IN]->(:Team {id: 'team:consortium'}) RETURN o.id AS org, p.role AS role "
        "ORDER BY org",
        database_=seeded.database,
    )
    assert [(r["org"], r["role"]) for r in records] == [("org:tno", "coordinator"), ("org:waag-society", "partner")]


def test_unreadable_files_are_named(graph, tmp_path):
    (tmp_path / "broken.yaml").write_text("themes: [\n", encoding="utf-8")
    (tmp_path / "odd.yaml").write_text("sprookjes: []\n", encoding="utf-8")
    with pytest.raises(BundleRejected) as refused:
        load_bundle(graph, tmp_path, quiet=True)
    messages = sorted(str(p) for p in refused.value.problems)
    assert messages[0].startswith("broken.yaml: cannot be parsed")
    assert messages[1].startswith("odd.yaml: sprookjes: unknown section; known are: themes, cities")
    assert node_counts(graph) == {}


def test_the_readme_example_bundle_loads_on_the_seed_graph(seeded):
    report = load_bundle(seeded, PROJECT_ROOT / "docs" / "example-bundle", quiet=True)

    assert report.nodes["Team"]["created"] == 1 and report.nodes["Organisation"]["created"] == 1
    records, _, _ = seeded.driver.execute_query(
        "MATCH (c:City)-[j:JOINS]->(t:Team {id: 'team:thuiszorg-coalitie'})<-[:PARTNER_IN]-(o:Organisation) "
        "RETURN c.id AS city, j.status AS status, o.id AS org",
        database_=seeded.database,
    )
    assert [(r["city"], r["status"], r["org"]) for r in records] == [("city:amersfoort", "interested", "org:portaal")]
