"""The matcher against the report's graph in a real Neo4j."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from graph.repositories import rel_type
from graph.repositories.counts import wipe
from graph.schema import apply_schema
from matcher.partners import MIN_TRAINING_QUERIES
from matcher.results import PartnerSuggestions
from matcher.service import MatcherService, UnknownTeam
from tests.support import answers

THUISZORG = "team:onze-stad-informele-thuiszorg"
INFRA = "team:bedrijvige-stad-ondergrondse-infra-planning"
AS_OF = dt.date(2011, 6, 16)
NOW = dt.datetime(2011, 6, 20, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def service(seeded) -> MatcherService:
    return MatcherService(seeded)


def organisations(result: PartnerSuggestions) -> list[str]:
    return [p.organisation for p in result.partners]


def test_named_wanted_partners_lead_the_list(service):
    assert "org:actiz" in organisations(service.partner_suggestions(THUISZORG, limit=5))
    assert "org:vno-ncw" in organisations(service.partner_suggestions(INFRA, limit=5))
    top = service.partner_suggestions(INFRA, limit=3).partners
    assert all(p.named_in_partners_line for p in top)
    assert top[0].reasons[0].code == "named_in_partners_line"


def test_blind_the_matcher_still_finds_them_from_text_and_kinds(service):
    assert "org:actiz" in organisations(service.partner_suggestions(THUISZORG, limit=10, blind=True))
    assert "org:vno-ncw" in organisations(service.partner_suggestions(INFRA, limit=10, blind=True))


def test_suggestions_leave_out_the_team_s_own_organisations(service, seeded):
    records, _, _ = seeded.driver.execute_query(
        "MATCH (o:Organisation)<-[:WORKS_AT]-(:Person)-[:MEMBER_OF]->(:Team {id: $t}) RETURN o.id AS id",
        t=INFRA,
        database_=seeded.database,
    )
    own = {r["id"] for r in records}
    assert own and not own & set(organisations(service.partner_suggestions(INFRA, limit=60)))


def test_a_rejected_suggestion_never_returns_and_an_accepted_one_becomes_a_link(service, seeded):
    assert answers.reject(seeded, INFRA, "org:vno-ncw", "Organisation", "team:infra", NOW, "al benaderd via MKB")
    assert "org:vno-ncw" not in organisations(service.partner_suggestions(INFRA, limit=60))
    assert "org:vno-ncw" not in organisations(service.partner_suggestions(INFRA, limit=60, blind=True))

    assert answers.accept_partner(seeded, INFRA, "org:tno", "team:infra", NOW)
    assert "org:tno" not in organisations(service.partner_suggestions(INFRA, limit=60))
    readiness = service.readiness(INFRA, AS_OF)
    assert "knowledge" in readiness.sectors.covered  # TNO filled the knowledge gap
    assert "kind:onderzoeksbureau-mkba" in readiness.wanted_kinds.found


def test_every_reason_names_paths_that_exist_in_the_graph(service, seeded):
    def assert_path_exists(path):
        for i, rel in enumerate(path.relationships):
            a, b = path.nodes[i], path.nodes[i + 1]
            start, end = (a, b) if rel.forward else (b, a)
            records, _, _ = seeded.driver.execute_query(
                f"MATCH ({{id: $start}})-[:{rel_type(rel.type)}]->({{id: $end}}) RETURN count(*) AS n",
                start=start,
                end=end,
                database_=seeded.database,
            )
            assert records[0]["n"] >= 1, (path, rel)

    checked = 0
    teams, _, _ = seeded.driver.execute_query("MATCH (t:Team) RETURN t.id AS id", database_=seeded.database)
    for team in (r["id"] for r in teams):
        for blind in (False, True):
            for partner in service.partner_suggestions(team, limit=10, blind=blind).partners:
                assert partner.reasons, partner
                for reason in partner.reasons:
                    assert reason.text
                    for path in reason.paths:
                        assert_path_exists(path)
                        checked += 1
        for city in service.city_suggestions(team, AS_OF).suggestions:
            for reason in city.reasons:
                for path in reason.paths:
                    assert_path_exists(path)
                    checked += 1
    assert checked > 100


def test_the_seed_graph_is_too_small_to_learn_from_and_the_answer_says_so(service):
    for team in (THUISZORG, INFRA):
        for blind in (False, True):
            model = service.partner_suggestions(team, limit=5, blind=blind).model
            assert model.kind == "default-weights"
            assert model.training_queries < MIN_TRAINING_QUERIES
            assert f"{MIN_TRAINING_QUERIES} nodig" in model.note and "te klein" in model.note
            assert model.fitted_at.tzinfo is not None


def test_reasons_come_most_weight_first_and_never_count_against_the_suggestion(service, seeded):
    teams, _, _ = seeded.driver.execute_query("MATCH (t:Team) RETURN t.id AS id", database_=seeded.database)
    shown = 0
    for team in (r["id"] for r in teams):
        for blind in (False, True):
            for partner in service.partner_suggestions(team, limit=60, blind=blind).partners:
                reasons = partner.reasons
                assert reasons, partner
                weights = [math.inf if r.weight is None else r.weight for r in reasons]
                assert weights == sorted(weights, reverse=True), partner
                for reason in reasons:
                    if reason.weight is None:  # named on the partners line: first, by rule
                        assert reason.code == "named_in_partners_line" and partner.named_in_partners_line
                    elif reason.code == "ranked_by_model":  # no single signal stood out
                        assert reason.weight == 0 and len(reasons) == 1
                    else:
                        assert reason.weight > 0, (partner.organisation, reason)
                        shown += 1
                # With the default weights the score is the sum of the signals' terms: a reason never
                # claims more than the score holds.
                assert sum(w for w in weights if math.isfinite(w)) <= partner.score + 1e-3, partner
    assert shown > 100


def test_actiz_is_suggested_for_its_text_and_the_sector_it_brings(service):
    for blind in (False, True):
        partners = service.partner_suggestions(THUISZORG, limit=5, blind=blind).partners
        actiz = next(p for p in partners if p.organisation == "org:actiz")
        codes = [r.code for r in actiz.reasons]
        assert codes[:1] == (["text_fit"] if blind else ["named_in_partners_line"])
        assert "text_fit" in codes and "fills_sector_gap" in codes
        text_fit = next(r for r in actiz.reasons if r.code == "text_fit")
        assert "thuiszorg" in text_fit.data["terms"]


def test_city_suggestions_name_pilots_the_deadline_and_the_liaison(service):
    result = service.city_suggestions(INFRA, AS_OF, limit=5)
    assert [s.city for s in result.suggestions[:2]] == ["city:rotterdam", "city:venlo"]
    assert result.plan_deadline == dt.date(2011, 11, 30)
    assert result.invite_by == dt.date(2011, 10, 19)  # six weeks before the deadline
    assert result.liaison.id == "person:frederieke-wolter"
    late = service.city_suggestions(INFRA, dt.date(2011, 11, 1))
    assert late.invite_by == dt.date(2011, 11, 1)  # past the six weeks: as soon as possible


def test_a_committed_or_declined_city_is_never_suggested(service, seeded):
    answers.city_status(seeded, INFRA, "city:rotterdam", "committed", "team:infra", NOW)
    answers.city_status(seeded, INFRA, "city:amsterdam", "declined", "team:infra", NOW)
    cities = [s.city for s in service.city_suggestions(INFRA, AS_OF, limit=100).suggestions]
    assert "city:venlo" in cities and "city:rotterdam" not in cities and "city:amsterdam" not in cities
    # Rotterdam now asked by this team: another team sees the load.
    other = service.city_suggestions(THUISZORG, AS_OF, limit=100).suggestions
    assert next(s for s in other if s.city == "city:rotterdam").load == 1


def test_many_teams_at_once_get_what_each_gets_alone_in_the_same_few_reads(service, seeded):
    ids = [r["id"] for r in seeded.read("MATCH (t:Team) RETURN t.id AS id ORDER BY id")]
    asked = ids + ["team:bestaat-niet"]
    cities = service.city_suggestions_of(asked, AS_OF, limit=5)
    partners = service.partner_suggestions_of(asked, limit=5)
    assert list(cities) == list(partners) == ids  # the unknown team is left out
    assert service.city_lists_computed == len(ids)
    alone = MatcherService(seeded)
    for team_id in ids:
        assert cities[team_id] == alone.city_suggestions(team_id, AS_OF, limit=5)
        assert partners[team_id].partners == alone.partner_suggestions(team_id, limit=5).partners
    # Asked again, every list is kept; an answer counts at once.
    service.city_suggestions_of(ids, AS_OF, limit=5)
    assert service.city_lists_computed == len(ids)
    answers.city_status(seeded, INFRA, "city:venlo", "declined", "team:infra", NOW)
    again = service.city_suggestions_of(ids, AS_OF, limit=5)
    assert "city:venlo" not in [s.city for s in again[INFRA].suggestions]
    assert service.city_suggestions_of([], AS_OF) == {} and service.partner_suggestions_of([]) == {}


def test_readiness_counts_what_the_team_has_and_lacks(service):
    ready = service.readiness(THUISZORG, AS_OF)
    assert ready.days_left == 167
    assert "org:actiz" in ready.wanted_partners.missing and ready.wanted_partners.found == ()
    assert "kind:woningcorporatie" in ready.wanted_kinds.missing
    assert set(ready.sectors.missing) == {"knowledge", "civil_society"}
    assert ready.liaison.id == "person:stephan-verveen"
    assert ready.actions[0].kind == "partner" and any(a.kind == "city" for a in ready.actions)
    assert all("vóór 19 oktober 2011" in a.text for a in ready.actions if a.kind == "city")


def test_unknown_team_empty_team_and_empty_graph_give_clear_answers(service, seeded, tmp_path):
    with pytest.raises(UnknownTeam, match="no team with id 'team:bestaat-niet'"):
        service.partner_suggestions("team:bestaat-niet")
    with pytest.raises(UnknownTeam):
        service.city_suggestions("team:bestaat-niet", AS_OF)

    from graph.loader import load_bundle

    (tmp_path / "t.yaml").write_text(
        "teams:\n  - id: team:leeg\n    name: Leeg team\n    question: question:onze-stad-open-data\n", encoding="utf-8"
    )
    load_bundle(seeded, tmp_path, quiet=True)
    empty = service.partner_suggestions("team:leeg", limit=5)
    assert len(empty.partners) == 5 and all(p.reasons for p in empty.partners)
    assert service.readiness("team:leeg", AS_OF).organisations == 0

    wipe(seeded)
    apply_schema(seeded)
    with pytest.raises(UnknownTeam):
        service.partner_suggestions(THUISZORG)


def test_a_graph_with_organisations_but_no_team_can_be_fitted(graph, tmp_path):
    # What a cascade delete of every theme leaves: organisations, no team. The refit must not fail.
    from graph.loader import load_bundle
    from matcher.partners import PartnerMatcher
    from matcher.snapshot import read_snapshot

    (tmp_path / "o.yaml").write_text(
        "organisations:\n  - id: org:alleen\n    name: Alleen Netwerk\n"
        "    kind: city_network\n    sector: government\n"
        "    description: zorg en wonen in de wijk\n",
        encoding="utf-8",
    )
    load_bundle(graph, tmp_path, quiet=True)
    fitted = PartnerMatcher().fit(read_snapshot(graph))
    assert fitted.info_.kind == "default-weights" and fitted.text_.team_words.shape[0] == 0


def test_the_fit_s_theme_city_table_gives_what_walking_the_theme_in_the_graph_gives(seeded):
    """The other teams of a team's theme per city (the `in_theme` reason) come from the fit's
    snapshot; for every team of the seed they are those a walk of the graph finds."""
    from matcher.snapshot import read_snapshot
    from matcher.theme_cities import SHOWN, ThemeCities

    snapshot = read_snapshot(seeded)
    table = ThemeCities.of(snapshot)
    walked = seeded.read("""
        MATCH (t:Team)-[:WORKS_ON]->(:Question)-[:IN_THEME]->(th:Theme)
        MATCH (other:Team)-[:WORKS_ON]->(:Question)-[:IN_THEME]->(th) WHERE other <> t
        MATCH (c:City)<-[:LOCATED_IN]-(o:Organisation)
        WHERE EXISTS { (o)-[:PARTNER_IN]->(other) } OR EXISTS { (o)<-[:WORKS_AT]-(:Person)-[:MEMBER_OF]->(other) }
        WITH t, th, c, other ORDER BY other.id
        RETURN t.id AS team, th.id AS theme, c.id AS city, collect(DISTINCT other.id) AS others""")
    assert len(walked) > 10
    expected = {}
    for row in walked:
        expected.setdefault(row["team"], {})[row["city"]] = (len(row["others"]), row["others"][:SHOWN])
    for team in snapshot.teams:
        found = table.for_team(team.theme, snapshot.team_row[team.id])
        assert {r["city"]: (r["team_count"], r["teams"]) for r in found} == expected.get(team.id, {}), team.id
