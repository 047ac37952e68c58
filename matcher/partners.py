"""Partner suggestions: which organisations a team is still missing.

Two stages. Retrieval (matcher.retrieval) gathers a few hundred candidates per team; a ranker
orders them on the signals of matcher.signals. PartnerMatcher follows scikit-learn's estimator
style: `fit(snapshot)` learns, `rank(query)` answers.

The ranker learns from the graph itself, forward in time: the most recent teams are hidden as if
they were the future, in a few consecutive windows; for each window the signals are computed from
the teams that started before it only (a rolling cut-off, so that training sees a history about as
long as answering does). Each training query hides one organisation of such a team; its negatives
are drawn from what retrieval hands the ranker for that query, so the ranker learns to order
exactly the lists it will be given. LightGBM's lambdarank optimises that order (NDCG).

Answering, the first `screen_trees` trees score every retrieved candidate and only the
`screen_keep` best of them get the other trees: scoring every candidate with every tree was most of
a question's time, and the screen sets aside only what would rank far below anything shown.

A graph too small to learn from (fewer than MIN_TRAINING_QUERIES such queries) is ranked with
DEFAULT_WEIGHTS, a documented linear score, and the answer says so.
"""

from __future__ import annotations

import datetime as dt
import math
import sys
import time
from dataclasses import dataclass

import numpy as np

from matcher.history import History
from matcher.query import TeamQuery, team_query
from matcher.retrieval import SOURCES, retrieve
from matcher.signals import COLUMN, SIGNALS, TeamSignals, TextViews
from matcher.snapshot import Snapshot

NAMED_FIRST = 1e6  # added to a partner the team named itself: those lead, by rule
MIN_TRAINING_QUERIES = 300  # below this many training queries the ranker is not fitted
# What each signal is worth when the graph is too small to learn from, in the signal's own units:
# the best text fit for a team (1.0) is worth 3, a wanted kind up to 2 (less for broad kinds), a
# shared team of two about 1.4, a shared city 0.5, a filled sector gap or work in the same theme
# 0.25 (the weights the first matcher started from, which served the report's graph well).
DEFAULT_WEIGHTS = {
    "text_fit": 3.0,
    "kind_want": 2.0,
    "adamic_adar": 1.0,
    "same_city": 0.5,
    "sector_gap": 0.25,
    "theme_teams": 0.25,
}
# Measured: 400 trees serve the H2020 consortia (2,000 training queries) best; on a generated graph
# of 250 teams (450 queries) 400 trees overfit and about 100 serve best.
TRAINING_QUERIES_PER_TREE = 5
MIN_TREES = 50
LEARNED_PARAMS = {
    "objective": "lambdarank",
    "n_estimators": 400,
    "learning_rate": 0.03,
    "num_leaves": 15,
    "min_child_samples": 100,
    "subsample": 0.8,
    "subsample_freq": 1,
    "colsample_bytree": 0.8,
    "reg_lambda": 5.0,
    "label_gain": [0, 1],
}
# Measured on the H2020 consortia (300 teams, 300 to 700 candidates each): with 100 screening trees
# and 150 kept, every team's top 20 was the one all 400 trees over every candidate give; keeping 100
# changed one team's top 20 in 300, screening with 50 trees a fifth of the top 10s. The API shows at
# most 100 suggestions, so everything it shows carries its full score. Scoring takes 3 ms instead of 7.
SCREEN_TREES = 100
# Text fits (one float per organisation, 200 KB each on 25,000 organisations) kept for answering.
# The fit keeps every training team's while it trains, then lets them go: on 100,000 people they
# were 800 MB of a fitted matcher that answers other teams.
ANSWER_TEXT_FITS = 1024
SCREEN_KEEP = 150


@dataclass
class Ranking:
    """One team's candidates, best first."""

    orgs: np.ndarray  # organisation rows, best first
    scores: np.ndarray  # the ranker's score of each, in the same order
    signals: np.ndarray  # the signal rows of each (len(orgs) x len(SIGNALS))
    context: TeamSignals  # what the signals were computed from (the reasons read their paths there)
    # The first `scored` carry the score of every tree; after them come the candidates the screen
    # set aside, in the screen's order, with the screen's score (from its trees only).
    scored: int


@dataclass
class TrainingSet:
    X: np.ndarray  # signal rows, every signal
    y: np.ndarray  # 1 for the hidden organisation, 0 for the negatives drawn beside it
    groups: list[int]  # rows per training query, in order
    tried: list[tuple[int, int]]  # (team, organisation) of every hold-out, kept by retrieval or not


@dataclass(frozen=True)
class ModelInfo:
    kind: str  # "lightgbm-lambdarank" or "default-weights"
    fitted_at: dt.datetime
    training_teams: int  # teams hidden as the future to learn from
    training_queries: int
    reason: str | None = None  # why the default weights rank, when they do


class PartnerMatcher:
    def __init__(
        self,
        random_state: int = 0,
        windows: int = 6,
        recent_share: float = 0.6,
        positives_per_team: int = 10,
        negatives_per_query: int = 60,
        min_partners: int = 2,
        max_training_queries: int = 6000,
        min_training_queries: int = MIN_TRAINING_QUERIES,
        signals: tuple[str, ...] = SIGNALS,
        sources: dict[str, int] | None = None,
        params: dict | None = None,
        screen_trees: int = SCREEN_TREES,
        screen_keep: int = SCREEN_KEEP,
        quiet: bool = True,
    ):
        self.random_state = random_state
        self.windows = windows
        self.recent_share = recent_share
        self.positives_per_team = positives_per_team
        self.negatives_per_query = negatives_per_query
        self.min_partners = min_partners
        self.max_training_queries = max_training_queries
        self.min_training_queries = min_training_queries
        self.signals = signals  # the signal columns the ranker may use (the ablation drops some)
        self.sources = sources
        self.params = params
        self.screen_trees = screen_trees
        self.screen_keep = screen_keep
        self.quiet = quiet

    # -- learning -----------------------------------------------------------------------------
    def fit(self, snapshot: Snapshot, teams: list[int] | None = None) -> PartnerMatcher:
        """Learns from `teams` (rows; default all): only their links and texts are seen."""
        teams = list(range(len(snapshot.teams))) if teams is None else sorted(teams)
        self.snapshot_ = snapshot
        self.text_ = TextViews.fit(snapshot, teams)
        self.history_ = History.of(snapshot, teams).warm(self.text_.team_words)
        self.columns_ = np.array([COLUMN[name] for name in self.signals])
        self._text_cache: dict[int, np.ndarray] = {}
        self._text_cache_size = math.inf
        training = self.training_rows(snapshot, teams)
        self._text_cache, self._text_cache_size = {}, ANSWER_TEXT_FITS
        self.training_teams_ = len({team for team, _ in training.tried})
        self.training_queries_ = len(training.groups)
        # The share of training hold-outs that retrieval kept (the rest cannot teach the ranker).
        self.retrieval_kept_ = len(training.groups) / len(training.tried) if training.tried else None
        # The default weights, over the signals this matcher may use, are where the ranker starts:
        # it boosts from their score (LightGBM's init_score), so that a graph with little to teach
        # moves the order little, and one with much to teach as far as it shows.
        self.weights_ = np.array([DEFAULT_WEIGHTS.get(name, 0.0) if name in self.signals else 0.0 for name in SIGNALS])
        self.model_ = None
        reason = None
        if self.training_queries_ >= self.min_training_queries:
            self.model_ = self._fit_ranker(training)
        else:
            reason = (
                f"too small to learn from: {self.training_queries_} training queries from the most recent teams, "
                f"{self.min_training_queries} needed"
            )
        self.info_ = ModelInfo(
            "lightgbm-lambdarank" if self.model_ is not None else "default-weights",
            dt.datetime.now(dt.UTC),
            self.training_teams_,
            self.training_queries_,
            reason,
        )
        return self

    def _windows(self, snapshot: Snapshot, teams: list[int]) -> list[tuple[dt.date, list[int]]]:
        """(cut-off, teams hidden as its future): the most recent `recent_share` of the dated teams
        in `windows` consecutive windows of about equal size."""
        dated = sorted((snapshot.teams[j].start_date, j) for j in teams if snapshot.teams[j].start_date)
        recent = dated[int(len(dated) * (1 - self.recent_share)) :]
        if not recent:
            return []
        result = []
        for part in np.array_split(np.arange(len(recent)), min(self.windows, len(recent))):
            if not len(part):
                continue
            cutoff = recent[part[0]][0]
            members = [j for date, j in recent if date >= cutoff]
            result.append((cutoff, members))
        # A team belongs to the latest window whose cut-off is on or before its start, and to no other.
        windows, taken = [], set()
        for cutoff, members in reversed(result):
            fresh = [j for j in members if j not in taken]
            taken.update(fresh)
            windows.append((cutoff, fresh))
        return [w for w in reversed(windows) if w[1]]

    def training_rows(self, snapshot: Snapshot, teams: list[int]) -> TrainingSet:
        """The training queries of `fit`: one group per hold-out that retrieval kept. At most
        `max_training_queries` hold-outs are tried, drawn evenly from all windows."""
        rng = np.random.default_rng(self.random_state)
        windows = self._windows(snapshot, teams)
        histories = [History.before(snapshot, cutoff, teams) for cutoff, _ in windows]
        planned = []  # (window, team, organisation)
        for k, (_, window) in enumerate(windows):
            for team in window:
                members = snapshot.orgs_of_team(team)
                if len(members) < self.min_partners:
                    continue
                known = [int(o) for o in members if histories[k].known[o]]
                planned += [(k, team, int(org)) for org in rng.permutation(known)[: self.positives_per_team]]
        if len(planned) > self.max_training_queries:
            planned = [planned[i] for i in sorted(rng.choice(len(planned), self.max_training_queries, replace=False))]
        rows, labels, groups, tried = [], [], [], []
        progress = time.monotonic()
        for done, (k, team, org) in enumerate(planned, start=1):
            query = team_query(snapshot, team, hidden=frozenset([org]), blind=True)
            signals = TeamSignals(histories[k], self.text_, query, self.text_fit(team))
            candidates = retrieve(signals, self.sources or SOURCES)
            tried.append((team, org))
            if org in candidates:
                others = candidates[candidates != org]
                negatives = rng.choice(others, min(len(others), self.negatives_per_query), replace=False)
                rows.append(signals.matrix(np.concatenate([[org], negatives])))
                labels.append(np.r_[1, np.zeros(len(negatives))])
                groups.append(len(negatives) + 1)
            if not self.quiet and (time.monotonic() - progress > 5 or done == len(planned)):
                progress = time.monotonic()
                print(
                    f"  training queries: {done}/{len(planned)} tried over {len(windows)} windows, "
                    f"{len(groups)} kept by retrieval",
                    file=sys.stderr,
                    flush=True,
                )
        if not rows:
            return TrainingSet(np.zeros((0, len(SIGNALS))), np.zeros(0), [], tried)
        return TrainingSet(np.vstack(rows), np.concatenate(labels), groups, tried)

    def _fit_ranker(self, training: TrainingSet):
        """LightGBM's lambdarank, boosting from the default weights' score, with one tree for every
        TRAINING_QUERIES_PER_TREE training queries (between MIN_TREES and n_estimators): a graph
        with little to teach gets few trees and stays near the default weights' order."""
        import lightgbm

        params = {**LEARNED_PARAMS, **(self.params or {})}
        self.n_trees_ = int(
            np.clip(len(training.groups) // TRAINING_QUERIES_PER_TREE, MIN_TREES, params["n_estimators"])
        )
        ranker = lightgbm.LGBMRanker(
            **{**params, "n_estimators": self.n_trees_},
            random_state=self.random_state,
            deterministic=True,
            n_jobs=2,
            verbose=-1,
        )
        return ranker.fit(
            training.X[:, self.columns_], training.y, group=training.groups, init_score=training.X @ self.weights_
        )

    # -- answering ----------------------------------------------------------------------------
    def text_fit(self, team: int) -> np.ndarray:
        found = self._text_cache.get(team)
        if found is None:
            if len(self._text_cache) >= self._text_cache_size:
                self._text_cache = {}  # all at once: the next teams asked about fill it again
            found = self._text_cache[team] = self.text_.model.similarity(self.snapshot_.teams[team].text)
        return found

    def team_signals(self, query: TeamQuery) -> TeamSignals:
        return TeamSignals(self.history_, self.text_, query, self.text_fit(query.team))

    def rank(self, query: TeamQuery, exclude: set[int] = frozenset()) -> Ranking:
        """The retrieved candidates from best to worst, without the team's own organisations and
        `exclude`. A partner the team named leads, by rule."""
        signals = self.team_signals(query)
        candidates = retrieve(signals, self.sources or SOURCES)
        candidates = candidates[~np.isin(candidates, list(exclude))]
        X = signals.matrix(candidates)
        named = np.where(np.isin(candidates, list(query.named_wants)), NAMED_FIRST, 0.0)
        screening = self.model_ is not None and self.n_trees_ > self.screen_trees and len(X) > self.screen_keep
        if not screening:
            score = self.score(X) + named
            order = _best_first(candidates, score)
            return Ranking(candidates[order], score[order], X[order], signals, len(order))
        screen = X @ self.weights_ + self._trees(X, 0, self.screen_trees) + named
        by_screen = _best_first(candidates, screen)
        kept, set_aside = by_screen[: self.screen_keep], by_screen[self.screen_keep :]
        full = screen[kept] + self._trees(X[kept], self.screen_trees, None)
        best = _best_first(candidates[kept], full)
        order = np.concatenate([kept[best], set_aside])
        scores = np.concatenate([full[best], screen[set_aside]])
        return Ranking(candidates[order], scores, X[order], signals, len(kept))

    def score(self, X: np.ndarray) -> np.ndarray:
        """Each row's score with every tree: the default weights' prior plus the ranker's output."""
        if not len(X):
            return np.zeros(0)
        return X @ self.weights_ + self._trees(X, 0, None)

    def _trees(self, X: np.ndarray, first: int, count: int | None) -> np.ndarray:
        """The sum of `count` trees from tree `first` (None: all after it) for each row; 0 without a ranker."""
        if self.model_ is None or not len(X):
            return np.zeros(len(X))
        # The booster itself, not the scikit-learn wrapper: a team's few hundred rows need no input checks.
        return self.model_.booster_.predict(
            X[:, self.columns_], start_iteration=first, num_iteration=count or -1, num_threads=1
        )

    def contributions(self, X: np.ndarray) -> np.ndarray:
        """How much each signal added to each row's score (rows x len(SIGNALS)): the terms of the
        default weighted sum plus, when a ranker was fitted, its SHAP values (pred_contrib). With
        the ranker's expected value (its last column) they add up to the score exactly."""
        full = X * self.weights_
        if self.model_ is not None and len(X):
            full[:, self.columns_] += self.model_.booster_.predict(
                X[:, self.columns_], pred_contrib=True, num_threads=1
            )[:, :-1]
        return full


def _best_first(candidates: np.ndarray, score: np.ndarray) -> np.ndarray:
    """Positions from the highest score down; ties break on the row number, i.e. on the
    organisation id: the same answer every time."""
    return np.lexsort((candidates, -score))
