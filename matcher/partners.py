"""Partner suggestions: which organisations a team is still missing.

PartnerMatcher follows scikit-learn's estimator style: `fit(snapshot)` learns, `rank(...)` answers.
It learns how to weigh the signals in matcher.features from the graph itself: it hides links that
exist (an organisation in a team, and, blind, a partner a team named) and learns to find them again
among organisations drawn at random.
"""

from __future__ import annotations

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from matcher.features import FEATURES, TeamQuery, features, team_query
from matcher.snapshot import Snapshot
from matcher.text import TextModel

# Used when the graph holds no link to learn from: every signal counts, popularity least.
PRIOR_WEIGHTS = np.array([1.0, 1.0, 1.0, 1.0, 0.5, 0.5, 0.25])


class PartnerMatcher:
    def __init__(self, negatives_per_positive: int = 10, max_training_teams: int = 2000,
                 positives_per_team: int = 5, random_state: int = 0, teams: list[int] | None = None):
        self.negatives_per_positive = negatives_per_positive
        self.max_training_teams = max_training_teams
        self.positives_per_team = positives_per_team
        self.random_state = random_state
        self.teams = teams  # rows of the teams to learn from; None: all of them

    # -- learning -----------------------------------------------------------------------------
    def fit(self, snapshot: Snapshot) -> "PartnerMatcher":
        self.snapshot_ = snapshot
        self.text_ = TextModel().fit(snapshot.org_texts)
        self._text_cache: dict[int, np.ndarray] = {}
        X, y = self._training_rows(np.random.default_rng(self.random_state))
        if y.sum() == 0 or y.sum() == len(y):
            self.model_ = None
        else:
            self.model_ = make_pipeline(
                StandardScaler(),
                LogisticRegression(class_weight="balanced", max_iter=1000, random_state=self.random_state),
            ).fit(X, y)
        self.n_training_rows_ = len(y)
        return self

    def _training_rows(self, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
        snapshot = self.snapshot_
        n_orgs = len(snapshot.org_ids)
        teams = list(range(len(snapshot.teams))) if self.teams is None else list(self.teams)
        if len(teams) > self.max_training_teams:
            teams = sorted(rng.choice(teams, self.max_training_teams, replace=False).tolist())
        rows, labels = [], []

        def add(query: TeamQuery, positive: int) -> None:
            X = features(snapshot, self.text_fit(query.team), query)
            exclude = set(query.orgs.tolist()) | set(query.hidden)
            pool = rng.choice(n_orgs, min(n_orgs, self.negatives_per_positive * 2), replace=False)
            negatives = [i for i in pool if i not in exclude][: self.negatives_per_positive]
            rows.append(X[[positive, *negatives]])
            labels.extend([1] + [0] * len(negatives))

        for team in teams:
            members = snapshot.orgs_of_team(team)
            for org in rng.permutation(members)[: self.positives_per_team]:
                add(team_query(snapshot, team, hidden=frozenset([int(org)])), int(org))
            blind = team_query(snapshot, team, blind=True)
            for org in team_query(snapshot, team).named_wants:
                if org not in set(members.tolist()):
                    add(blind, org)
        if not rows:
            return np.zeros((0, len(FEATURES))), np.zeros(0)
        return np.vstack(rows), np.array(labels)

    # -- answering ----------------------------------------------------------------------------
    def text_fit(self, team: int) -> np.ndarray:
        if team not in self._text_cache:
            self._text_cache[team] = self.text_.similarity(self.snapshot_.teams[team].text)
        return self._text_cache[team]

    def scores(self, query: TeamQuery) -> tuple[np.ndarray, np.ndarray]:
        """(score per organisation, feature matrix). Named partners get +1 so that they lead."""
        X = features(self.snapshot_, self.text_fit(query.team), query)
        if self.model_ is not None:
            score = self.model_.predict_proba(X)[:, 1]
        else:
            score = 1 / (1 + np.exp(-(X @ PRIOR_WEIGHTS - 1)))
        named = np.zeros(len(score))
        named[list(query.named_wants)] = 1.0
        return score + named, X

    def contributions(self, X_row: np.ndarray) -> np.ndarray:
        """How much each signal added to one organisation's score (in the model's log-odds)."""
        if self.model_ is None:
            return X_row * PRIOR_WEIGHTS
        scaler, regression = self.model_[0], self.model_[-1]
        return (X_row - scaler.mean_) / scaler.scale_ * regression.coef_[0]

    def rank(self, query: TeamQuery, exclude: set[int] = frozenset()) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Organisation rows from best to worst, without the team's own organisations and `exclude`,
        with their scores and features."""
        score, X = self.scores(query)
        allowed = np.ones(len(score), dtype=bool)
        allowed[query.orgs] = False
        allowed[list(exclude)] = False
        candidates = np.flatnonzero(allowed)
        # Ties break on the row number, i.e. on the organisation id: the same answer every time.
        order = candidates[np.lexsort((candidates, -score[candidates]))]
        return order, score, X

    @property
    def weights(self) -> dict[str, float]:
        """The learned weight of each signal (on standardised features)."""
        coef = PRIOR_WEIGHTS if self.model_ is None else self.model_[-1].coef_[0]
        return {name: round(float(w), 4) for name, w in zip(FEATURES, coef)}
