"""A team's partner suggestions from a fit and the team as it is now: the ranking, each
suggestion's reasons, the model that ranked them, and the kinds of partner still unfilled.

No graph reads here: matcher.service reads the team now and keeps a fit; this only calculates.
"""

from __future__ import annotations

import numpy as np

from matcher.now import TeamNow
from matcher.partners import NAMED_FIRST, PartnerMatcher
from matcher.query import team_query
from matcher.reasons import explain, ranked_by_model
from matcher.results import (
    KindReason,
    PartnerSuggestion,
    PartnerSuggestions,
    Path,
    RankingModel,
    UnfilledKind,
)
from matcher.signals import TeamSignals
from matcher.snapshot import Snapshot


def partner_suggestions(
    matcher: PartnerMatcher, team: TeamNow, limit: int = 10, blind: bool = False
) -> PartnerSuggestions:
    """The best `limit` organisations for the team, leaving out those it has rejected or taken in
    since the fit (`team`, read now) as well as those the fit already knows are in it."""
    snapshot = matcher.snapshot_
    row = snapshot.team_row[team.id]
    query = team_query(snapshot, row, blind=blind)
    ranking = matcher.rank(query, exclude=snapshot.org_rows(team.rejected | team.organisations))
    orgs, scores, X = ranking.orgs[:limit], ranking.scores[:limit], ranking.signals[:limit]
    contributions = matcher.contributions(X)  # one call for the rows shown
    text = snapshot.teams[row].text
    partners = tuple(
        _partner(matcher, ranking.context, int(org), float(score), X[i], contributions[i], text)
        for i, (org, score) in enumerate(zip(orgs, scores))
    )
    kinds = () if blind else unfilled_kinds(snapshot, row, rejected=team.rejected, in_team=team.organisations)
    return PartnerSuggestions(team=team.id, blind=blind, partners=partners, model=ranking_model(matcher), kinds=kinds)


def _partner(
    matcher: PartnerMatcher,
    signals: TeamSignals,
    org: int,
    score: float,
    X_row: np.ndarray,
    contributions_row: np.ndarray,
    team_text: str,
) -> PartnerSuggestion:
    snapshot, named = matcher.snapshot_, signals.query.named_wants
    terms = matcher.text_.model.shared_terms(team_text, org)
    reasons = explain(signals, org, X_row, contributions_row, terms) or [ranked_by_model(matcher.info_.kind)]
    return PartnerSuggestion(
        organisation=snapshot.org_ids[org],
        name=snapshot.org_names[org],
        # A named partner's score carries NAMED_FIRST only to lead the order; shown is what it scored.
        score=round(score - NAMED_FIRST if org in named else score, 4),
        named_in_partners_line=org in named,
        reasons=tuple(reasons),
    )


def ranking_model(matcher: PartnerMatcher) -> RankingModel:
    """Which model ranked the suggestions, and, when the graph is too small to learn from, a Dutch
    note that says so: the default weights (matcher.partners.DEFAULT_WEIGHTS) rank instead."""
    info = matcher.info_
    note = None
    if info.reason is not None:
        note = (
            f"Het netwerk is nog te klein om van te leren ({info.training_queries} "
            f"{'voorbeeld' if info.training_queries == 1 else 'voorbeelden'}, {matcher.min_training_queries} nodig): "
            "de volgorde komt van vaste, gedocumenteerde gewichten."
        )
    return RankingModel(
        kind=info.kind,
        fitted_at=info.fitted_at,
        training_teams=info.training_teams,
        training_queries=info.training_queries,
        note=note,
    )


def unfilled_kinds(
    snapshot: Snapshot, team: int, rejected: frozenset[str] = frozenset(), in_team: frozenset[str] = frozenset()
) -> tuple[UnfilledKind, ...]:
    """Kinds of partner the team asks for that no organisation in the team is yet, with whether
    the network holds any organisation of that kind outside the team. `in_team` adds organisation
    ids that joined since the snapshot was read."""
    info = snapshot.teams[team]
    in_team = snapshot.orgs_of_team_now(team, in_team)
    result = []
    for kind, text in sorted(info.kind_wants.items()):
        if kind in rejected:
            continue
        members = snapshot.kind_members.get(kind, [])
        if any(i in in_team for i in members):
            continue
        candidates = [i for i in members if i not in in_team]
        result.append(
            UnfilledKind(
                kind=kind,
                name=snapshot.kind_names.get(kind, kind),
                text=text,
                organisations_in_network=len(candidates),
                reason=KindReason(
                    "wanted_kind_unfilled",
                    f"jullie zoeken {text}; het netwerk heeft er nog geen"
                    if not candidates
                    else f"jullie zoeken {text}; {len(candidates)} in het netwerk, zie de voorgestelde partners",
                    (Path.at(info.id).step("WANTS", kind),),
                ),
            )
        )
    return tuple(result)
