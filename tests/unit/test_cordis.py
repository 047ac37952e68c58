"""The CORDIS Horizon 2020 converter (bench.cordis) on the real data, without a database: its bundle
passes the loader's checks and holds exactly the teams, partners, organisations and cities the CSV
files hold. The expected figures are counted here from the CSV files, not taken from the converter.
(tests/integration/test_cordis.py loads it into Neo4j.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import cordis
from graph.bundle import name_key
from graph.loader import check_only
from tests.support.cordis import DATA, LIMIT, needs_cordis_data, rows

pytestmark = needs_cordis_data


def records(bundle: Path, section: str) -> list[dict]:
    return json.loads((bundle / f"{section}.json").read_text(encoding="utf-8"))[section]


@pytest.fixture(scope="module")
def subset(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("cordis") / "bundle"
    assert cordis.main([str(out), "--limit-projects", str(LIMIT)]) == 0
    return out


@pytest.fixture(scope="module")
def full(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("cordis-full") / "bundle"
    cordis.convert(DATA, out)
    return out


def test_the_subset_passes_the_loaders_checks(subset):
    count, problems = check_only(subset)
    assert [str(p) for p in problems] == []
    assert count == sum(len(records(subset, s)) for s in cordis.SECTION_FILES)


def test_namesakes_get_their_place_or_participant_code(full):
    orgs = {o["id"]: o for o in records(full, "organisations")}
    # Two different companies called CYBERNETICA AS, in Trondheim and in Tallinn.
    assert orgs["org:cordis-974420485"]["name"] == "CYBERNETICA AS (Trondheim, NO)"
    assert orgs["org:cordis-999754363"]["name"] == "CYBERNETICA AS (Tallinn, EE)"
    # Two SERVICIUL DE TELECOMUNICATII SPECIALE in Bucharest: only their codes tell them apart.
    assert orgs["org:cordis-936947348"]["name"].endswith("(Bucuresti, RO) [936947348]")
    assert orgs["org:cordis-984286161"]["name"].endswith("(Bucuresti, RO) [984286161]")
    # No name or alias key is shared, which is what the loader demands.
    keys = [name_key(n) for o in orgs.values() for n in [o["name"], *o.get("aliases", [])]]
    assert len(keys) == len(set(keys))


def test_the_full_bundle_holds_every_record_and_passes_the_checks(full):
    assert len(records(full, "teams")) == len(rows("projects.csv"))
    assert len(records(full, "organisations")) == len(rows("organisations.csv"))
    assert sum(len(t["partners"]) for t in records(full, "teams")) == len(
        {(m["project_id"], m["org_id"]) for m in rows("memberships.csv")}
    )
    _, problems = check_only(full)
    assert [str(p) for p in problems] == []


def test_na_is_namibia_and_spoilt_accents_are_repaired(full):
    orgs = {o["id"]: o for o in records(full, "organisations")}
    assert orgs["org:cordis-999596738"]["country"] == "NA"
    assert orgs["org:cordis-999596738"]["city"] == "city:cordis-na-windhoek"
    names = {o["name"] for o in orgs.values()}
    assert "JOT INTERNET MEDIA ESPAÑA SL" in names and not any("√" in name for name in names)


def test_min_partners_leaves_out_smaller_projects(tmp_path):
    cordis.convert(DATA, tmp_path, limit_projects=LIMIT, min_partners=2)
    teams = records(tmp_path, "teams")
    assert len(teams) == LIMIT
    assert min(len(t["partners"]) for t in teams) >= 2


def test_an_organisation_listed_twice_is_one_partner_and_coordinator_wins():
    # The real data repeats no (project, organisation) pair, so this rule is shown on three rows.
    memberships = [
        {"project_id": "1", "org_id": "a", "role": "participant"},
        {"project_id": "1", "org_id": "a", "role": "coordinator"},
        {"project_id": "1", "org_id": "a", "role": "participant"},
        {"project_id": "1", "org_id": "gone", "role": "participant"},
    ]
    partners, missing = cordis.partners_by_project(memberships, {"a"})
    assert partners == {"1": {"a": "coordinator"}}
    assert missing == 1
