"""The matcher as the API and the pages use it: fitted once, refitted when the graph changes, and
answering one team at a time."""

from __future__ import annotations

import datetime as dt
import logging
import threading

import numpy as np

from graph.handle import Graph
from graph.repositories import matching as q
from matcher.cities import city_suggestions
from matcher.partners import NAMED_FIRST, PartnerMatcher
from matcher.query import team_query
from matcher.readiness import readiness
from matcher.reasons import explain, ranked_by_model
from matcher.signals import TeamSignals
from matcher.snapshot import Snapshot, read_snapshot

log = logging.getLogger(__name__)


class UnknownTeam(LookupError):
    def __init__(self, team_id: str):
        super().__init__(f"no team with id {team_id!r}")
        self.team_id = team_id


class MatcherService:
    """Serves suggestions from the last fit while a new one is made in the background.

    A fit reads the whole graph (a minute on the largest graphs we measured), so it must not stand
    between a team's answer and its next question. What an answer changes at once (who is in the
    team, what it rejected) is read live for each question; the learned weights and the network
    around the team catch up when the background refit is done.
    """

    # Partner answers kept per fit: a team's ranking and reasons depend only on the fit and on what
    # the team answered since, so concurrent and repeated requests need not compute them again.
    MAX_CACHED_ANSWERS = 4096

    def __init__(self, graph: Graph):
        self.graph = graph
        self._lock = threading.Lock()  # guards the fields below; never held while ranking
        self._fit_lock = threading.Lock()  # one fit at a time
        self._matcher: PartnerMatcher | None = None
        self._stale = False
        self._refit_thread: threading.Thread | None = None
        self._answers: dict[tuple, dict] = {}  # for the fit in self._answers_fit
        self._answers_fit: PartnerMatcher | None = None
        self.rankings_computed = 0  # how often a ranking was not in the cache (for tests and benchmarks)

    def matcher(self, wait: bool = False, stamp: tuple[int, int] | None = None) -> PartnerMatcher:
        """The fitted matcher. When the graph changed since the fit, a refit starts in the background
        and the old fit answers meanwhile; with `wait`, or when there is no fit yet, the refit is
        waited for. `stamp` is the graph's fingerprint when the caller has just read it."""
        if stamp is None:
            stamp = q.fingerprint(self.graph)
        with self._lock:
            current = self._matcher
            stale = current is None or self._stale or current.snapshot_.fingerprint != stamp
        if current is None or (stale and wait):
            return self._refit()
        if stale:
            self._refit_in_background()
        return current

    def invalidate(self) -> None:
        """For changes the fingerprint cannot see (a property edited in place)."""
        with self._lock:
            self._stale = True

    def wait_for_refit(self) -> None:
        """Returns when no background refit is running (for tests and benchmarks)."""
        thread = self._refit_thread
        if thread is not None:
            thread.join()

    def _refit(self) -> PartnerMatcher:
        with self._fit_lock:
            stamp = q.fingerprint(self.graph)
            with self._lock:
                if self._matcher is not None and not self._stale and self._matcher.snapshot_.fingerprint == stamp:
                    return self._matcher  # another thread refitted while this one waited
                # Cleared before reading: a change made during the fit marks the new fit stale again.
                self._stale = False
            fitted = PartnerMatcher().fit(read_snapshot(self.graph))
            with self._lock:
                self._matcher = fitted
            return fitted

    def _refit_in_background(self) -> None:
        with self._lock:
            if self._refit_thread is not None and self._refit_thread.is_alive():
                return
            self._refit_thread = threading.Thread(target=self._refit_logged, name="matcher-refit", daemon=True)
            self._refit_thread.start()

    def _refit_logged(self) -> None:
        try:
            self._refit()
        except Exception:  # the old fit keeps answering; the next question tries again
            log.exception("background refit of the matcher failed")
            self.invalidate()

    def _fit_with_team(self, team_id: str) -> tuple[PartnerMatcher, dict]:
        """A fit that knows the team, and the team as it is now. A team made after the last fit
        waits for a refit; a team deleted since is unknown, whatever the old fit says."""
        live, stamp = q.team_now_and_fingerprint(self.graph, team_id)
        if live is None:
            raise UnknownTeam(team_id)
        matcher = self.matcher(stamp=stamp)
        if team_id not in matcher.snapshot_.team_row:
            matcher = self.matcher(wait=True)
        if team_id not in matcher.snapshot_.team_row:
            raise UnknownTeam(team_id)
        return matcher, live

    def partner_suggestions(self, team_id: str, limit: int = 10, blind: bool = False) -> dict:
        """The team's partner suggestions (a dict shared with other callers: read it, do not change it)."""
        return self.partner_suggestions_with_fit(team_id, limit, blind)[0]

    def partner_suggestions_with_fit(self, team_id: str, limit: int = 10,
                                     blind: bool = False) -> tuple[dict, PartnerMatcher, dict]:
        """As `partner_suggestions`, with the fit that made them and the team's live state they
        follow, for callers that build on them (readiness) without reading them again."""
        matcher, live = self._fit_with_team(team_id)
        # The key holds everything the answer depends on besides the fit: an answer the team gave
        # changes its live state, so the next request misses the cache and follows the answer.
        key = (team_id, limit, blind, frozenset(live["rejected"]), frozenset(live["organisations"]))
        with self._lock:
            if self._answers_fit is not matcher:  # a new fit: the old answers no longer hold
                self._answers_fit, self._answers = matcher, {}
            answers = self._answers
            cached = answers.get(key)
        if cached is None:
            cached = self._rank_partners(matcher, live, team_id, limit, blind)  # outside the lock
            with self._lock:
                self.rankings_computed += 1
                if len(answers) >= self.MAX_CACHED_ANSWERS:
                    answers.clear()
                answers[key] = cached
        return cached, matcher, live

    def _rank_partners(self, matcher: PartnerMatcher, live: dict, team_id: str, limit: int, blind: bool) -> dict:
        snapshot = matcher.snapshot_
        team = snapshot.team_row[team_id]
        query = team_query(snapshot, team, blind=blind)
        # What the team answered since the fit: its rejections and the partners it has accepted.
        gone = set(live["rejected"]) | set(live["organisations"])
        exclude = {snapshot.org_row[o] for o in gone if o in snapshot.org_row}
        ranking = matcher.rank(query, exclude=exclude)
        orgs, scores, X = ranking.orgs[:limit], ranking.scores[:limit], ranking.signals[:limit]
        contributions = matcher.contributions(X)  # one call for the rows shown
        signals = ranking.context
        text = snapshot.teams[team].text
        partners = [self._partner(matcher, signals, int(org), float(score), X[i], contributions[i], text)
                    for i, (org, score) in enumerate(zip(orgs, scores))]
        return {"team": team_id, "blind": blind, "partners": partners, "model": model_info(matcher),
                "kinds": [] if blind else unfilled_kinds(snapshot, team, rejected=set(live["rejected"]),
                                                         in_team=set(live["organisations"]))}

    @staticmethod
    def _partner(matcher: PartnerMatcher, signals: TeamSignals, org: int, score: float, X_row: np.ndarray,
                 contributions_row: np.ndarray, team_text: str) -> dict:
        snapshot, named = matcher.snapshot_, signals.query.named_wants
        terms = matcher.text_.model.shared_terms(team_text, org)
        reasons = explain(signals, org, X_row, contributions_row, terms) or [ranked_by_model(matcher.info_.kind)]
        return {
            "organisation": snapshot.org_ids[org], "name": snapshot.org_names[org],
            "score": round(score - NAMED_FIRST if org in named else score, 4),
            "named_in_partners_line": org in named,
            "reasons": [r.as_dict() for r in reasons],
        }

    def city_suggestions(self, team_id: str, as_of: dt.date, limit: int = 10) -> dict:
        result = city_suggestions(self.graph, team_id, as_of, limit)
        if result is None:
            raise UnknownTeam(team_id)
        return result

    def readiness(self, team_id: str, as_of: dt.date) -> dict:
        partners, matcher, live = self.partner_suggestions_with_fit(team_id, limit=3)
        return readiness(matcher.snapshot_, team_id, as_of, partners, live, self.city_suggestions(team_id, as_of, limit=2))


def model_info(matcher: PartnerMatcher) -> dict:
    """Which model ranked the suggestions, and, when the graph is too small to learn from, a Dutch
    note that says so: the default weights (matcher.partners.DEFAULT_WEIGHTS) rank instead."""
    info = matcher.info_
    note = None
    if info.reason is not None:
        note = (f"Het netwerk is nog te klein om van te leren ({info.training_queries} "
                f"{'voorbeeld' if info.training_queries == 1 else 'voorbeelden'}, {matcher.min_training_queries} nodig): "
                "de volgorde komt van vaste, gedocumenteerde gewichten.")
    return {"kind": info.kind, "fitted_at": info.fitted_at, "training_teams": info.training_teams,
            "training_queries": info.training_queries, "note": note}


def unfilled_kinds(snapshot: Snapshot, team: int, rejected: set[str] = frozenset(),
                   in_team: set[str] = frozenset()) -> list[dict]:
    """Kinds of partner the team asks for that no organisation in the team is yet, with whether
    the network holds any organisation of that kind outside the team. `in_team` adds organisation
    ids that joined since the snapshot was read."""
    info = snapshot.teams[team]
    in_team = set(snapshot.orgs_of_team(team).tolist()) | {snapshot.org_row[o] for o in in_team if o in snapshot.org_row}
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
                       "text": (f"jullie zoeken {text}; het netwerk heeft er nog geen" if not candidates else
                                f"jullie zoeken {text}; {len(candidates)} in het netwerk, zie de voorgestelde partners"),
                       "paths": [{"nodes": [info.id, kind], "relationships": [{"type": "WANTS", "forward": True}]}]},
        })
    return result

