"""The learning-to-rank matcher on graphs read from a real Neo4j: deterministic, blind to the
period it is tested on, retrieval that keeps the partners a team named, and the default weights
(said so) on a graph too small to learn from."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from bench.generate import main as generate
from graph.loader import load_bundle
from matcher.history import History
from matcher.partners import DEFAULT_WEIGHTS, PartnerMatcher
from matcher.query import team_query
from matcher.retrieval import retrieve
from matcher.signals import SIGNALS
from matcher.snapshot import read_snapshot


@pytest.fixture(scope="module")
def generated_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("generated")
    generate([str(out), "--people", "2000", "--seed", "3", "--quiet"])
    return out


@pytest.fixture
def generated(graph, generated_dir):
    load_bundle(graph, generated_dir, quiet=True)
    return graph


def split(snapshot, share: float = 0.8) -> tuple[dt.date, list[int], list[int]]:
    """A date with `share` of the dated teams before it; the teams before and from it."""
    dates = sorted(t.start_date for t in snapshot.teams if t.start_date)
    cutoff = dates[int(len(dates) * share)]
    before = [j for j, t in enumerate(snapshot.teams) if t.start_date and t.start_date < cutoff]
    after = [j for j, t in enumerate(snapshot.teams) if t.start_date and t.start_date >= cutoff]
    return cutoff, before, after


def test_a_fit_learns_on_a_generated_graph_and_twice_gives_the_same_ranking(generated):
    snapshot = read_snapshot(generated)
    first = PartnerMatcher(random_state=0).fit(snapshot)
    second = PartnerMatcher(random_state=0).fit(snapshot)
    assert first.info_.kind == "lightgbm-lambdarank" and first.info_.training_queries >= 300
    assert first.info_.reason is None and 0 < first.info_.training_teams < len(snapshot.teams)
    compared = 0
    for team in range(0, len(snapshot.teams), 7):
        query = team_query(snapshot, team)
        a, b = first.rank(query), second.rank(query)
        assert np.array_equal(a.orgs, b.orgs) and np.array_equal(a.scores, b.scores)
        compared += len(a.orgs) > 0
    assert compared > 20


def test_contributions_add_up_to_the_score(generated):
    snapshot = read_snapshot(generated)
    matcher = PartnerMatcher(random_state=0).fit(snapshot)
    ranking = matcher.rank(team_query(snapshot, 5, blind=True))  # no named partner's bonus
    contributions = matcher.contributions(ranking.signals[:10])
    assert contributions.shape == (min(10, len(ranking.orgs)), len(SIGNALS))
    bias = matcher.model_.predict(ranking.signals[:1], pred_contrib=True)[0, -1]
    assert np.allclose(contributions.sum(axis=1) + bias, ranking.scores[:10])
    assert np.any(contributions > 0)


def test_the_screen_sets_aside_only_its_lowest_and_every_candidate_kept_carries_its_full_score(generated):
    snapshot = read_snapshot(generated)
    # Few trees screen here (the generated graph's ranker has about 90): the screen at work.
    matcher = PartnerMatcher(random_state=0, screen_trees=20, screen_keep=60).fit(snapshot)
    assert matcher.n_trees_ > 20
    booster, weights = matcher.model_.booster_, matcher.weights_
    teams, same_top = range(0, len(snapshot.teams), 5), 0
    for team in teams:
        query = team_query(snapshot, team, blind=True)  # no named partner's bonus
        ranking = matcher.rank(query)
        assert ranking.scored == min(60, len(ranking.orgs))
        kept, set_aside = ranking.signals[: ranking.scored], ranking.signals[ranking.scored :]
        assert np.allclose(ranking.scores[: ranking.scored], matcher.score(kept))
        assert np.all(np.diff(ranking.scores[: ranking.scored]) <= 0)
        if len(set_aside):
            screen = [
                X @ weights + booster.predict(X[:, matcher.columns_], num_iteration=20) for X in (kept, set_aside)
            ]
            assert screen[1].max() <= screen[0].min()
            assert np.allclose(ranking.scores[ranking.scored :], screen[1])
        matcher.screen_keep = 10**9  # every candidate, every tree
        same_top += np.array_equal(matcher.rank(query).orgs[:10], ranking.orgs[:10])
        matcher.screen_keep = 60
    assert same_top >= 0.9 * len(teams)


def test_a_link_planted_in_the_test_period_changes_no_training_row_or_signal(generated):
    before_plant = read_snapshot(generated)
    _, train, test = split(before_plant)
    # A partner for a team that starts after the cut-off, which it did not have and has never
    # worked with any of the training teams: the planted link lives in the test period only.
    target = next(j for j in test if len(before_plant.orgs_of_team(j)) >= 2)
    outsider = next(i for i in range(len(before_plant.org_ids)) if i not in set(before_plant.orgs_of_team(target)))
    generated.driver.execute_query(
        "MATCH (o:Organisation {id: $org}), (t:Team {id: $team}) MERGE (o)-[:PARTNER_IN {role: 'partner'}]->(t)",
        org=before_plant.org_ids[outsider],
        team=before_plant.teams[target].id,
        database_=generated.database,
    )
    planted = read_snapshot(generated)
    assert planted.team_orgs[outsider, target] == 1 and before_plant.team_orgs[outsider, target] == 0

    fits = [PartnerMatcher(random_state=0).fit(s, train) for s in (before_plant, planted)]
    rows = [m.training_rows(m.snapshot_, train) for m in fits]
    assert rows[0].X.shape[0] > 1000
    assert np.array_equal(rows[0].X, rows[1].X) and np.array_equal(rows[0].y, rows[1].y)
    assert rows[0].groups == rows[1].groups and rows[0].tried == rows[1].tried
    # And what the fitted matchers see of another test team is the same, signal for signal.
    other = next(j for j in test if j != target and len(planted.orgs_of_team(j)) >= 3)
    hidden = frozenset([int(planted.orgs_of_team(other)[0])])
    a, b = (m.rank(team_query(m.snapshot_, other, hidden=hidden)) for m in fits)
    assert np.array_equal(a.orgs, b.orgs) and np.array_equal(a.signals, b.signals)
    # Whereas a history that may see the test period does notice the planted link.
    seen = History.of(planted).degree[outsider] - History.of(before_plant).degree[outsider]
    assert seen == 1


def test_retrieval_always_keeps_the_partners_a_team_named(seeded):
    snapshot = read_snapshot(seeded)
    matcher = PartnerMatcher().fit(snapshot)
    named = 0
    for team in range(len(snapshot.teams)):
        query = team_query(snapshot, team)
        candidates = set(retrieve(matcher.team_signals(query)).tolist())
        wanted = set(query.named_wants) - set(query.orgs.tolist())
        assert wanted <= candidates, snapshot.teams[team].id
        named += len(wanted)
    assert named >= 10


def test_a_graph_too_small_to_learn_from_is_ranked_by_the_default_weights_and_says_so(seeded):
    snapshot = read_snapshot(seeded)
    matcher = PartnerMatcher().fit(snapshot)
    assert matcher.model_ is None and matcher.info_.kind == "default-weights"
    assert "too small to learn from" in matcher.info_.reason
    ranking = matcher.rank(team_query(snapshot, 0, blind=True))
    weights = np.array([DEFAULT_WEIGHTS.get(name, 0.0) for name in SIGNALS])
    assert np.allclose(ranking.scores, ranking.signals @ weights)
    assert np.all(np.diff(ranking.scores) <= 0)
    assert np.allclose(matcher.contributions(ranking.signals), ranking.signals * weights)
