"""What was known of the network at one moment: the links of the teams visible then, and what the
signals derive from them (degrees, co-membership weights, a low-rank embedding, text profiles).

A History is built for a set of visible teams. The matcher builds one per training cut-off (the
teams that started before it) and one for answering (every team in the snapshot). Nothing in it is
computed from a team that is not visible, so a team hidden as "the future" cannot leak into a
signal through it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse
from sklearn.decomposition import TruncatedSVD
from sklearn.preprocessing import normalize

from matcher.snapshot import Snapshot

EMBEDDING_DIMENSIONS = 48
NO_DATE = np.iinfo(np.int32).min  # "never": an organisation with no dated team


def day_number(date: dt.date | None) -> int:
    return date.toordinal() if date else NO_DATE


@dataclass
class History:
    snapshot: Snapshot
    visible: np.ndarray  # bool per team: its links are known
    today: int  # day number of the moment this history stands for (recency is counted from it)
    team_orgs: sparse.csr_matrix = field(init=False)  # organisation x team, visible teams only
    orgs_team: sparse.csr_matrix = field(init=False)  # team x organisation
    degree: np.ndarray = field(init=False)  # visible teams per organisation
    team_size: np.ndarray = field(init=False)  # organisations per visible team
    known: np.ndarray = field(init=False)  # bool per organisation: in at least one visible team

    def __post_init__(self):
        s = self.snapshot
        keep = sparse.diags(self.visible.astype(float))
        self.team_orgs = (s.team_orgs @ keep).tocsr()
        self.team_orgs.eliminate_zeros()
        self.orgs_team = self.team_orgs.T.tocsr()
        self.degree = np.asarray(self.team_orgs.sum(axis=1)).ravel()
        self.team_size = np.asarray(self.team_orgs.sum(axis=0)).ravel()
        self.known = self.degree > 0
        size = np.maximum(self.team_size, 1)
        self.aa_weight = np.where(self.team_size > 0, 1 / np.log(np.maximum(self.team_size, 2)), 0.0)
        self.ra_weight = np.where(self.team_size > 0, 1 / size, 0.0)
        self.team_start = np.array([day_number(t.start_date) for t in s.teams])
        self.last_active = self._last_active(np.ones(len(s.teams), dtype=bool))
        lead_rows = [(o, t) for o, t in s.leads if self.visible[t]]
        self.lead_count = np.bincount([o for o, _ in lead_rows], minlength=len(s.org_ids)).astype(float)
        self.team_leads: dict[int, list[int]] = {}
        for o, t in s.leads:
            self.team_leads.setdefault(t, []).append(o)
        self._cache: dict = {}

    @classmethod
    def before(cls, snapshot: Snapshot, cutoff: dt.date, teams: list[int] | None = None) -> History:
        """The teams (of `teams`, default all) that started before `cutoff`; undated teams are left
        out, since they may have started after it."""
        allowed = np.zeros(len(snapshot.teams), dtype=bool)
        allowed[list(range(len(snapshot.teams))) if teams is None else list(teams)] = True
        visible = np.array(
            [bool(allowed[j] and t.start_date and t.start_date < cutoff) for j, t in enumerate(snapshot.teams)]
        )
        return cls(snapshot, visible, cutoff.toordinal())

    @classmethod
    def of(cls, snapshot: Snapshot, teams: list[int] | None = None, today: dt.date | None = None) -> History:
        """Every link of `teams` (default all) is known: the graph as it is now."""
        visible = np.zeros(len(snapshot.teams), dtype=bool)
        visible[list(range(len(snapshot.teams))) if teams is None else list(teams)] = True
        dates = [t.start_date for j, t in enumerate(snapshot.teams) if visible[j] and t.start_date]
        today = today or (max(dates) if dates else dt.date.today())
        return cls(snapshot, visible, today.toordinal())

    def teams_of(self, org: int) -> np.ndarray:
        """The visible teams `org` is in."""
        return self.team_orgs.indices[self.team_orgs.indptr[org] : self.team_orgs.indptr[org + 1]]

    def orgs_of(self, team: int) -> np.ndarray:
        """The organisations of a visible team (none for a team that is not)."""
        return self.orgs_team.indices[self.orgs_team.indptr[team] : self.orgs_team.indptr[team + 1]]

    # -- per organisation, cached ------------------------------------------------------------
    def _last_active(self, teams: np.ndarray) -> np.ndarray:
        """Per organisation, the latest start (day number) of its visible teams among `teams`."""
        rows = np.flatnonzero(teams & self.visible)
        last = np.full(len(self.snapshot.org_ids), NO_DATE, dtype=np.int64)
        sub = self.orgs_team[rows].tocoo()  # rows of the team x organisation matrix: a cheap slice
        if sub.nnz:
            np.maximum.at(last, sub.col, self.team_start[rows][sub.row])
        return last

    def _memberships(self, teams: np.ndarray) -> np.ndarray:
        """Per organisation, how many of the visible teams among `teams` (bool per team) it is in."""
        return np.asarray(self.orgs_team[np.flatnonzero(teams & self.visible)].sum(axis=0)).ravel()

    def group_activity(self, kind: str, key: str | None) -> tuple[np.ndarray, np.ndarray]:
        """(visible teams per organisation, latest start) within the theme or question `key`."""
        cached = self._cache.get((kind, key))
        if cached is not None:
            return cached
        in_group = np.zeros(len(self.snapshot.teams), dtype=bool)
        in_group[self.teams_by(kind).get(key, [])] = True
        activity = (self._memberships(in_group), self._last_active(in_group))
        # Kept for a theme only: there are few, each with many teams. A question is mostly one
        # team's (every H2020 project its own), and keeping two vectors per question would grow
        # with every team asked about.
        if kind == "theme":
            self._cache[(kind, key)] = activity
        return activity

    def teams_by(self, kind: str) -> dict[str, np.ndarray]:
        """Per theme (kind "theme") or question (kind "question"), the rows of its teams."""
        if ("index", kind) not in self._cache:
            groups: dict[str, list[int]] = {}
            for j, t in enumerate(self.snapshot.teams):
                group = t.theme if kind == "theme" else t.question
                if group is not None:
                    groups.setdefault(group, []).append(j)
            self._cache[("index", kind)] = {k: np.array(v, dtype=int) for k, v in groups.items()}
        return self._cache[("index", kind)]

    def comparable_type_shares(self, theme: str | None) -> np.ndarray:
        """Per organisation type, its share of the memberships of the visible teams in `theme` (all
        visible teams when the theme has none): what comparable teams are made of."""
        cache_key = ("types", theme)
        if cache_key not in self._cache:
            s = self.snapshot
            in_theme = np.zeros(len(s.teams), dtype=bool)
            in_theme[self.teams_by("theme").get(theme, [])] = True
            in_theme &= self.visible
            if theme is None or not in_theme.any():
                in_theme = self.visible
            per_org = self._memberships(in_theme)
            shares = np.bincount(s.org_types, weights=per_org, minlength=len(s.org_type_names))
            self._cache[cache_key] = shares / max(shares.sum(), 1)
        return self._cache[cache_key]

    # -- learned structure, built on first use -------------------------------------------------
    def warm(self, team_words: sparse.csr_matrix) -> History:
        """Builds now what questions would build on first use (the embedding's SVD takes most of
        it), so that the first question after a fit costs what every other one costs."""
        _ = self.embedding
        self.text_profiles(team_words)
        self.country_share()
        self.recent_degree()
        self.teams_by("question")
        for theme in self.teams_by("theme"):  # few themes, some with thousands of teams
            self.group_activity("theme", theme)
            self.comparable_type_shares(theme)
        self.comparable_type_shares(None)
        return self

    @property
    def embedding(self) -> np.ndarray:
        """Organisation vectors (unit length) from a truncated SVD of the degree-normalised
        organisation x team matrix; zero for organisations with no visible team."""
        if "embedding" not in self._cache:
            n_orgs, n_teams = self.team_orgs.shape
            k = min(EMBEDDING_DIMENSIONS, n_orgs - 1, n_teams - 1)
            vectors = np.zeros((n_orgs, max(k, 1)))
            if k >= 2 and self.team_orgs.nnz:
                left = sparse.diags(1 / np.sqrt(np.maximum(self.degree, 1)))
                right = sparse.diags(1 / np.sqrt(np.maximum(self.team_size, 1)))
                svd = TruncatedSVD(n_components=k, algorithm="randomized", n_iter=4, random_state=0)
                vectors = svd.fit_transform(left @ self.team_orgs @ right)
            self._cache["embedding"] = normalize(vectors)
        return self._cache["embedding"]

    def text_profiles(self, team_words: sparse.csr_matrix) -> sparse.csr_matrix:
        """Per organisation, the (unit-length) sum of the word vectors of the visible teams it was
        in: what it has worked on before, in the words of those teams."""
        if "profiles" not in self._cache:
            self._cache["profiles"] = normalize(self.team_orgs @ team_words).tocsr()
        return self._cache["profiles"]

    def country_share(self) -> np.ndarray:
        """Per organisation, the share of all visible memberships held by organisations of its
        country (0 where it has none): how much of the network its country is."""
        if "countries" not in self._cache:
            countries = self.snapshot.org_countries
            totals: dict[str, float] = {}
            for org in np.flatnonzero(self.degree):
                if countries[org]:
                    totals[countries[org]] = totals.get(countries[org], 0.0) + self.degree[org]
            whole = max(sum(totals.values()), 1.0)
            self._cache["countries"] = np.array([totals.get(c, 0.0) / whole if c else 0.0 for c in countries])
        return self._cache["countries"]

    def recent_degree(self, days: int = 365) -> np.ndarray:
        """Visible teams per organisation that started in the `days` before today."""
        if "recent" not in self._cache:
            recent = (self.team_start >= self.today - days) & (self.team_start < self.today + 1)
            self._cache["recent"] = self._memberships(recent)
        return self._cache["recent"]
