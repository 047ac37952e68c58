"""The matcher as the API and the pages use it: fitted once, refitted when the graph changes, and
answering one team at a time."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections import defaultdict

from graph.handle import Graph
from graph.repositories import matching as q
from matcher import cities, readiness, suggestions
from matcher.city_facts import CityFacts, team_signals
from matcher.now import TeamNow
from matcher.partners import PartnerMatcher
from matcher.results import CitySuggestions, PartnerSuggestions, Readiness
from matcher.snapshot import read_snapshot
from matcher.theme_cities import ThemeCities

log = logging.getLogger(__name__)


class Kept:
    """Answers kept by key, at most `size` of them (all dropped when full, then kept again as they
    are asked for). An answer is made outside the lock, so that a slow one holds up no other key;
    two threads asking the same new key at once may both make it, and the answers are the same."""

    def __init__(self, size: int):
        self.size = size
        self.made = 0  # how often an answer was not kept yet (for tests and benchmarks)
        self._items: dict = {}
        self._lock = threading.Lock()

    def get(self, key, make):
        return self.get_many([key], lambda keys: [make()])[0]

    def get_many(self, keys: list, make_many) -> list:
        """As `get` for several keys at once: the ones not kept are made together, by one call of
        `make_many` with the list of them (which returns their answers in that order)."""
        with self._lock:
            found = {key: self._items.get(key) for key in keys}
        missing = [key for key, answer in found.items() if answer is None]
        if missing:
            made = make_many(missing)
            with self._lock:
                self.made += len(missing)
                if len(self._items) + len(missing) > self.size:
                    self._items.clear()
                self._items.update(zip(missing, made))
            found.update(zip(missing, made))
        return [found[key] for key in keys]

    def clear(self) -> None:
        with self._lock:
            self._items = {}


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
    # City suggestions kept until the graph changes: they are read live from the team's
    # neighbourhood and its theme (the slow part on a large graph), which a page such as a city's or
    # the call list asks for dozens of teams at once.
    MAX_CACHED_CITY_LISTS = 4096

    def __init__(self, graph: Graph):
        self.graph = graph
        self._lock = threading.Lock()  # guards the fields below; never held while ranking
        self._fit_lock = threading.Lock()  # one fit at a time
        self._matcher: PartnerMatcher | None = None
        self._stale = False
        self._refit_thread: threading.Thread | None = None
        self.partner_answers = Kept(self.MAX_CACHED_ANSWERS)  # made by the fit in self._answers_fit
        self._answers_fit: PartnerMatcher | None = None
        # Per (team as it is now, as_of, limit, graph fingerprint, epoch); dropped by changed() (and so by invalidate()).
        self.city_lists = Kept(self.MAX_CACHED_CITY_LISTS)
        self._epoch = 0  # counts the changes the fingerprint cannot see (invalidate)
        self._theme_cities: ThemeCities | None = None  # made from the snapshot of self._theme_cities_fit
        self._theme_cities_fit: PartnerMatcher | None = None
        self.city_lists_computed = 0  # how often a city list was not kept (for tests and benchmarks)
        # Every city's shared facts (matcher.city_facts), per (graph fingerprint, epoch): one read
        # for all teams' lists until the graph changes.
        self.city_facts = Kept(1)
        self.page_reads = Kept(64)  # see kept()

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
        """For changes the fingerprint cannot see (a property edited in place): the next question
        starts a refit, and nothing kept from before is used again."""
        with self._lock:
            self._stale = True
        self.changed()

    def changed(self) -> None:
        """For a change the fit may keep but the kept answers may not (a team's answer): what was
        kept from the graph before is not used again (city lists, city facts, page reads)."""
        with self._lock:
            self._epoch += 1
            self.city_lists.clear()

    def refitting(self) -> bool:
        """Whether a background refit is running."""
        thread = self._refit_thread
        return thread is not None and thread.is_alive()

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
            self._themes_of(fitted)  # made now, so that no question after the refit waits for it
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

    def _teams_now(self, team_ids: list[str]) -> tuple[dict[str, TeamNow], tuple[int, int]]:
        """The teams as they are now by id (those still there), and the graph's fingerprint, in one read."""
        rows, stamp = q.teams_now_and_fingerprint(self.graph, team_ids)
        return {team_id: TeamNow.from_row(row) for team_id, row in rows.items()}, stamp

    def _team_now(self, team_id: str) -> tuple[TeamNow, tuple[int, int]]:
        """The team as it is now, and the graph's fingerprint, in one read; UnknownTeam if it is gone."""
        found, stamp = self._teams_now([team_id])
        if team_id not in found:
            raise UnknownTeam(team_id)
        return found[team_id], stamp

    def _fit_with_team(self, team_id: str) -> tuple[PartnerMatcher, TeamNow, tuple[int, int]]:
        """A fit that knows the team, the team as it is now and the graph's fingerprint. A team made
        after the last fit waits for a refit; a team deleted since is unknown, whatever the old fit says."""
        now, stamp = self._team_now(team_id)
        matcher = self.matcher(stamp=stamp)
        if team_id not in matcher.snapshot_.team_row:
            matcher = self.matcher(wait=True)
        if team_id not in matcher.snapshot_.team_row:
            raise UnknownTeam(team_id)
        return matcher, now, stamp

    def partner_suggestions(self, team_id: str, limit: int = 10, blind: bool = False) -> PartnerSuggestions:
        """The team's partner suggestions (shared with other callers that ask the same: frozen)."""
        matcher, now, _ = self._fit_with_team(team_id)
        return self._partners(matcher, now, limit, blind)

    def _partners(self, matcher: PartnerMatcher, now: TeamNow, limit: int, blind: bool) -> PartnerSuggestions:
        # The key holds everything the answer depends on besides the fit: an answer the team gave
        # changes its live state, so the next request misses the cache and follows the answer.
        key = (now.id, limit, blind, now.rejected, now.organisations)
        with self._lock:
            if self._answers_fit is not matcher:  # a new fit: the old answers no longer hold
                self._answers_fit, self.partner_answers = matcher, Kept(self.MAX_CACHED_ANSWERS)
            answers = self.partner_answers  # a ranking made from an old fit goes into the old one's
        return answers.get(key, lambda: suggestions.partner_suggestions(matcher, now, limit, blind))

    def city_suggestions(self, team_id: str, as_of: dt.date, limit: int = 10) -> CitySuggestions:
        now, stamp = self._team_now(team_id)
        return self._cities(self.matcher(stamp=stamp), [now], as_of, limit, stamp)[0]

    def city_suggestions_of(self, team_ids: list[str], as_of: dt.date, limit: int = 10) -> dict[str, CitySuggestions]:
        """City suggestions for many teams, by id, in two reads of the graph whatever their number
        (for a page about dozens of teams); teams no longer there are left out."""
        found, stamp = self._teams_now(team_ids)
        if not found:
            return {}
        teams = list(found.values())
        return {
            t.id: answer
            for t, answer in zip(teams, self._cities(self.matcher(stamp=stamp), teams, as_of, limit, stamp))
        }

    def partner_suggestions_of(self, team_ids: list[str], limit: int = 10) -> dict[str, PartnerSuggestions]:
        """Partner suggestions for many teams, by id, from one read of them; teams no longer there
        are left out. As for one team, a team made after the last fit waits for a refit."""
        found, stamp = self._teams_now(team_ids)
        if not found:
            return {}
        matcher = self.matcher(stamp=stamp)
        if any(team_id not in matcher.snapshot_.team_row for team_id in found):
            matcher = self.matcher(wait=True)
        return {
            t.id: self._partners(matcher, t, limit, blind=False)
            for t in found.values()
            if t.id in matcher.snapshot_.team_row
        }

    def _themes_of(self, matcher: PartnerMatcher) -> ThemeCities:
        """The theme-city table of a fit's snapshot, made once per fit."""
        with self._lock:
            if self._theme_cities_fit is matcher:
                return self._theme_cities
        made = ThemeCities.of(matcher.snapshot_)
        with self._lock:
            if self._theme_cities_fit is not matcher:
                self._theme_cities_fit, self._theme_cities = matcher, made
                # Lists made from another fit's table no longer hold.
                self.city_lists = Kept(self.MAX_CACHED_CITY_LISTS)
        return made

    def _cities(
        self, matcher: PartnerMatcher, teams: list[TeamNow], as_of: dt.date, limit: int, stamp: tuple[int, int]
    ) -> list[CitySuggestions]:
        themes = self._themes_of(matcher)
        # The key holds all a list depends on: the team as it is now (its cities, answers, theme),
        # the date, and the rest of the graph through its fingerprint (counts) and the epoch (edits
        # in place); the fit's theme table through the keeper, which a new table replaces.
        with self._lock:
            version = (stamp, self._epoch)
            lists = self.city_lists

        def make(keys: list[tuple]) -> list[CitySuggestions]:
            missing = [key[0] for key in keys]
            with self._lock:
                self.city_lists_computed += len(missing)
            facts = self.city_facts.get(version, self._read_city_facts)
            rows = defaultdict(list)
            for row in q.city_signals(self.graph, [team.id for team in missing]):
                rows[row["team"]].append(row)
            return [
                cities.city_suggestions(
                    team,
                    team_signals(
                        team,
                        rows[team.id],
                        themes.for_team(team.theme, matcher.snapshot_.team_row.get(team.id)),
                        facts,
                        as_of,
                    ),
                    as_of,
                    limit,
                )
                for team in missing
            ]

        return lists.get_many([(team, as_of, limit, version) for team in teams], make)

    def kept(self, key, read):
        """`read()`, kept until the graph changes (its fingerprint, or a changed() or invalidate()): for a
        page's read of the whole graph, asked again and again between changes. `key` names the read
        and its arguments."""
        with self._lock:
            epoch = self._epoch
        return self.page_reads.get((key, q.fingerprint(self.graph), epoch), read)

    def _read_city_facts(self) -> dict[str, CityFacts]:
        return {row["city"]: CityFacts.from_row(row) for row in q.city_facts(self.graph)}

    def readiness(self, team_id: str, as_of: dt.date) -> Readiness:
        """From one read of the team now: its top three partners, top two cities, and the counts."""
        matcher, now, stamp = self._fit_with_team(team_id)
        partners = self._partners(matcher, now, limit=3, blind=False)
        return readiness.readiness(
            matcher.snapshot_, now, as_of, partners, self._cities(matcher, [now], as_of, 2, stamp)[0]
        )
