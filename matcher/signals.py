"""The signals that make an organisation a likely partner for a team.

Each signal is computed from what a History knows (the visible teams) and from the team as it asks
(a TeamQuery: its visible organisations, its text, theme, question, partners line and cities). None
names a team, organisation or city, so a model learnt on one graph means the same on another.
`TeamSignals` computes, for one query, the cheap whole-network vectors once; `matrix(rows)` then
gives the full signal rows for the candidates retrieval handed over.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.preprocessing import normalize

from matcher.history import NO_DATE, History
from matcher.query import TeamQuery
from matcher.text import TextModel

# Signal names, in the column order of TeamSignals.matrix, by group (the ablation drops a group).
SIGNAL_GROUPS = {
    "network": (
        "common_neighbours",
        "adamic_adar",
        "resource_allocation",
        "recent_adamic_adar",
        "paths_of_three",
        "partners_known",
        "strongest_tie",
        "overlap",
        "two_steps",
        "random_walk",
    ),
    "embedding": ("embedding_similarity",),
    "activity": (
        "question_teams",
        "theme_teams",
        "theme_share",
        "theme_recency",
        "recency",
        "teams",
        "recent_teams",
        "led_teams",
    ),
    "location": ("same_city", "country_share", "team_countries", "country_weight"),
    "composition": ("sector_gap", "type_gap", "kind_want"),
    "lead": ("works_with_lead",),
    "size": ("team_size",),
    "text": ("text_fit", "text_history"),
}
SIGNALS = tuple(name for names in SIGNAL_GROUPS.values() for name in names)
COLUMN = {name: i for i, name in enumerate(SIGNALS)}
YEAR = 365.0


@dataclass
class TextViews:
    """The text model and every team's word vector, shared by all histories of one fit."""

    model: TextModel
    team_words: sparse.csr_matrix  # team x vocabulary (TF-IDF words, unit length)

    @classmethod
    def fit(cls, snapshot, teams: list[int]) -> TextViews:
        """Vocabulary and word weights from the organisations' texts and the texts of `teams` only:
        a team hidden from the fit does not even shape the word weights."""
        texts = [snapshot.teams[j].text for j in teams]
        model = TextModel().fit(snapshot.org_texts, texts)
        if model.org_words_ is None:
            words = sparse.csr_matrix((len(snapshot.teams), 1))
        elif not snapshot.teams:  # organisations but no team yet (all deleted, say): nothing to transform
            words = sparse.csr_matrix((0, len(model.vocabulary_)))
        else:
            words = normalize(model.words_.transform([t.text or "" for t in snapshot.teams])).tocsr()
        return cls(model, words)


class TeamSignals:
    """The signals of one query, for any candidate rows."""

    def __init__(self, history: History, text: TextViews, query: TeamQuery, text_fit: np.ndarray):
        s = history.snapshot
        self.history, self.query = history, query
        team = s.teams[query.team]
        self.team = team
        n = len(s.org_ids)
        B = history.team_orgs
        V = query.orgs
        # Recency counts from the moment the history stands for, not from the team's start: a team
        # asking months after the last known team must look like one asking right after it, as in
        # training (where each window's teams are asked about from its cut-off).
        self.today = history.today

        # Network: per visible team, how many of the team's organisations are in it (the team
        # itself never counts: in the service it is visible, its links are what we complete).
        T = history.orgs_team  # every step below is a sparse product with a vector, nothing more
        in_team = np.zeros(n)
        in_team[V] = 1.0
        held = T @ in_team
        held[query.team] = 0
        self.common = B @ held
        self.adamic_adar = B @ (held * history.aa_weight)
        self.resource = B @ (held * history.ra_weight)
        age = np.maximum(self.today - history.team_start, 0)
        self.recent_adamic_adar = B @ (held * history.aa_weight * np.exp(-age / YEAR))
        through = T @ (in_team / np.sqrt(np.maximum(history.degree, 1)))
        through[query.team] = 0
        self.paths3 = B @ (through / np.sqrt(np.maximum(history.team_size, 1)))
        first = (self.common > 0).astype(float)
        first[V] = 1.0
        reach = T @ (first / np.maximum(history.degree, 1))
        reach[query.team] = 0
        self.two_steps = B @ (reach * history.ra_weight)
        self.random_walk = self._random_walk(history, in_team, query.team)

        self.leads = [o for o in history.team_leads.get(query.team, []) if in_team[o]]  # visible leads
        if self.leads:
            lead = np.zeros(n)
            lead[self.leads] = 1.0
            lead_held = T @ lead
            lead_held[query.team] = 0
            self.with_lead = B @ lead_held
        else:
            self.with_lead = np.zeros(n)

        # Embedding: the team as the mean of its organisations' vectors.
        emb = history.embedding
        centre = emb[V].sum(axis=0) if len(V) else np.zeros(emb.shape[1])
        norm = np.linalg.norm(centre)
        self.embedding = emb @ (centre / norm) if norm > 0 else np.zeros(n)

        # Activity in the team's question and theme, counted over visible teams only.
        self.question_teams, self.question_last = history.group_activity("question", team.question)
        self.theme_teams, self.theme_last = history.group_activity("theme", team.theme)

        # Text: the team's text against the organisation's own description, and against the words
        # of the teams it was in before.
        self.text_fit = text_fit / text_fit.max() if len(text_fit) and text_fit.max() > 0 else np.zeros(n)
        words = text.team_words[query.team]
        # (A product with the team's words as a dense vector: one pass over the profiles, no sparse result.)
        self.text_history = (
            history.text_profiles(text.team_words) @ words.toarray().ravel() if words.nnz else np.zeros(n)
        )

        # Composition: which sectors the team has, and each type's share in it and in comparable teams.
        sectors = s.org_sectors[V]
        self.missing_sectors = [k for k in range(4) if k not in set(sectors[sectors >= 0].tolist())]
        types = (
            np.bincount(s.org_types[V], minlength=len(s.org_type_names)) if len(V) else np.zeros(len(s.org_type_names))
        )
        self.type_gap = history.comparable_type_shares(team.theme) - types / max(len(V), 1)
        cities = {s.org_cities[o] for o in V} | query.cities
        cities.discard(None)
        self.cities = cities
        codes = s.country_code[V]
        codes = codes[codes >= 0]
        # Per country code, how many of the team's organisations come from it.
        self.country_members = np.bincount(codes, minlength=int(s.country_code.max()) + 2).astype(float)

    @staticmethod
    def _random_walk(
        history: History, in_team: np.ndarray, team: int, steps: int = 3, restart: float = 0.3
    ) -> np.ndarray:
        """Personalised PageRank from the team's organisations over organisation-team links: where
        a walker who keeps going back to the team ends up, `steps` round trips deep."""
        total = np.zeros(len(in_team))
        if not in_team.any():
            return total
        start = in_team / in_team.sum()
        degree, size = np.maximum(history.degree, 1), np.maximum(history.team_size, 1)
        walker = start
        for _ in range(steps):
            on_teams = history.orgs_team @ (walker / degree)
            on_teams[team] = 0
            walker = (1 - restart) * (history.team_orgs @ (on_teams / size))
            total += walker
            walker = walker + restart * start * walker.sum()
        return total

    def _recency(self, last: np.ndarray) -> np.ndarray:
        """1 for a team that started today, falling by e each year; 0 for never."""
        days = np.maximum(self.today - last, 0)
        return np.where(last == NO_DATE, 0.0, np.exp(-days / YEAR))

    def matrix(self, rows: np.ndarray) -> np.ndarray:
        s, h, q = self.history.snapshot, self.history, self.query
        rows = np.asarray(rows, dtype=int)
        X = np.zeros((len(rows), len(SIGNALS)))
        c = COLUMN
        X[:, c["common_neighbours"]] = self.common[rows]
        X[:, c["adamic_adar"]] = self.adamic_adar[rows]
        X[:, c["resource_allocation"]] = self.resource[rows]
        X[:, c["paths_of_three"]] = self.paths3[rows]
        X[:, c["two_steps"]] = self.two_steps[rows]
        X[:, c["overlap"]] = self.common[rows] / np.maximum(h.degree[rows], 1)
        X[:, c["random_walk"]] = self.random_walk[rows]
        X[:, c["recent_adamic_adar"]] = self.recent_adamic_adar[rows]
        X[:, c["partners_known"]], X[:, c["strongest_tie"]] = self.ties(rows)
        X[:, c["embedding_similarity"]] = self.embedding[rows]
        X[:, c["question_teams"]] = np.log1p(self.question_teams[rows])
        X[:, c["theme_teams"]] = np.log1p(self.theme_teams[rows])
        X[:, c["theme_share"]] = self.theme_teams[rows] / np.maximum(h.degree[rows], 1)
        X[:, c["theme_recency"]] = self._recency(self.theme_last[rows])
        X[:, c["recency"]] = self._recency(h.last_active[rows])
        X[:, c["teams"]] = np.log1p(h.degree[rows])
        X[:, c["recent_teams"]] = np.log1p(h.recent_degree()[rows])
        X[:, c["led_teams"]] = np.log1p(h.lead_count[rows])
        X[:, c["same_city"]] = [s.org_cities[o] in self.cities for o in rows]
        X[:, c["country_share"]] = (
            self.country_members[s.country_code[rows]] * (s.country_code[rows] >= 0) / max(len(q.orgs), 1)
        )
        X[:, c["team_countries"]] = np.count_nonzero(self.country_members)
        X[:, c["country_weight"]] = h.country_share()[rows]
        X[:, c["sector_gap"]] = np.isin(s.org_sectors[rows], self.missing_sectors) & (s.org_sectors[rows] >= 0)
        X[:, c["type_gap"]] = self.type_gap[s.org_types[rows]]
        X[:, c["kind_want"]] = self.kind_want(rows)
        X[:, c["works_with_lead"]] = np.log1p(self.with_lead[rows])
        X[:, c["team_size"]] = np.log1p(len(q.orgs))
        X[:, c["text_fit"]] = self.text_fit[rows]
        X[:, c["text_history"]] = self.text_history[rows]
        return X

    def ties(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """How many of the team's organisations each candidate has been in a team with, and the
        most teams it shared with any one of them."""
        V = self.query.orgs
        if not len(V):
            return np.zeros(len(rows)), np.zeros(len(rows))
        B = self.history.team_orgs
        keep = np.ones(B.shape[1])
        keep[self.query.team] = 0
        shared = (B[rows] @ sparse.diags(keep) @ B[V].T).tocsr()
        shared.eliminate_zeros()
        strongest = shared.max(axis=1).toarray().ravel() if shared.shape[1] else np.zeros(len(rows))
        return np.diff(shared.indptr).astype(float), strongest

    def kind_want(self, rows: np.ndarray) -> np.ndarray:
        """A wanted kind says more the fewer organisations are of it ('onderzoeksbureau' over
        'overheid'): log(n / k) / log(n) for the most specific wanted kind the candidate is."""
        s = self.history.snapshot
        n = len(s.org_ids)
        best = np.zeros(n)
        for kind in self.query.kind_wants:
            members = s.kind_members.get(kind, [])
            if members:
                best[members] = np.maximum(best[members], np.log(n / len(members)) / np.log(max(n, 2)))
        return best[rows]
