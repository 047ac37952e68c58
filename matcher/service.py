"""The matcher as the API and the pages use it: fitted once, refitted when the graph changes, and
answering one team at a time."""

from __future__ import annotations

import datetime as dt
import threading

import numpy as np
from neo4j import Driver

from matcher.cities import city_suggestions
from matcher.features import team_query
from matcher.partners import NAMED_FIRST, PartnerMatcher
from matcher.readiness import readiness
from matcher.reasons import explain
from matcher.snapshot import Snapshot, read_snapshot
from graph.repositories import matching as q


class UnknownTeam(LookupError):
    def __init__(self, team_id: str):
        super().__init__(f"no team with id {team_id!r}")
        self.team_id = team_id


class MatcherService:
    def __init__(self, driver: Driver, database: str):
        self.driver = driver
        self.database = database
        self._lock = threading.Lock()
        self._matcher: PartnerMatcher | None = None

    def matcher(self) -> PartnerMatcher:
        """The fitted matcher, refitted first if nodes or relationships were added or removed since."""
        stamp = q.fingerprint(self.driver, self.database)
        with self._lock:
            if self._matcher is None or self._matcher.snapshot_.fingerprint != stamp:
                self._matcher = PartnerMatcher().fit(read_snapshot(self.driver, self.database))
            return self._matcher

    def invalidate(self) -> None:
        """For changes the fingerprint cannot see (a property edited in place)."""
        with self._lock:
            self._matcher = None

    def partner_suggestions(self, team_id: str, limit: int = 10, blind: bool = False) -> dict:
        matcher = self.matcher()
        snapshot = matcher.snapshot_
        if team_id not in snapshot.team_row:
            raise UnknownTeam(team_id)
        team = snapshot.team_row[team_id]
        query = team_query(snapshot, team, blind=blind)
        info = snapshot.teams[team]
        rejected = {snapshot.org_row[r] for r in info.rejected if r in snapshot.org_row}
        order, score, X = matcher.rank(query, exclude=rejected)
        partners = [self._partner(matcher, query, org, score[org], X[org]) for org in order[:limit]]
        return {"team": team_id, "blind": blind, "partners": partners,
                "kinds": [] if blind else unfilled_kinds(snapshot, team, rejected=info.rejected)}

    def _partner(self, matcher: PartnerMatcher, query, org: int, score: float, X_row: np.ndarray) -> dict:
        snapshot = matcher.snapshot_
        terms = matcher.text_.shared_terms(snapshot.teams[query.team].text, org)
        reasons = explain(snapshot, query, org, X_row, matcher.contributions(X_row), terms)
        return {
            "organisation": snapshot.org_ids[org], "name": snapshot.org_names[org],
            "score": round(float(score - NAMED_FIRST if org in query.named_wants else score), 4),
            "named_in_partners_line": org in query.named_wants,
            "reasons": [r.as_dict() for r in reasons],
        }

    def city_suggestions(self, team_id: str, as_of: dt.date, limit: int = 10) -> dict:
        result = city_suggestions(self.driver, self.database, team_id, as_of, limit)
        if result is None:
            raise UnknownTeam(team_id)
        return result

    def readiness(self, team_id: str, as_of: dt.date) -> dict:
        return readiness(self, team_id, as_of)


def unfilled_kinds(snapshot: Snapshot, team: int, rejected: set[str] = frozenset()) -> list[dict]:
    """Kinds of partner the team asks for that no organisation in the team is yet, with whether
    the network holds any organisation of that kind outside the team."""
    info = snapshot.teams[team]
    in_team = set(snapshot.orgs_of_team(team).tolist())
    result = []
    for kind, text in sorted(info.kind_wants.items()):
        if kind in rejected:
            continue
        members = snapshot.kind_members.get(kind, [])
        if any(i in in_team for i in members):
            continue
        candidates = [i for i in members if i not in in_team]
        result.append({
            "kind": kind, "name": snapshot.kind_names.get(kind, kind), "text": text,
            "organisations_in_network": len(candidates),
            "reason": {"code": "wanted_kind_unfilled",
                       "text": (f"jullie zoeken {text}; er is nog geen {snapshot.kind_names.get(kind, kind).lower()} "
                                "in het netwerk" if not candidates else
                                f"jullie zoeken {text}; {len(candidates)} in het netwerk, zie de voorgestelde partners"),
                       "paths": [{"nodes": [info.id, kind], "relationships": [{"type": "WANTS", "forward": True}]}]},
        })
    return result

