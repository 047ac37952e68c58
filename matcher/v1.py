"""Today's matcher as it was before the learning-to-rank matcher (issue 9), frozen as `v1` so that
every evaluation table shows the gain: a logistic regression over seven signals, fitted against
random negatives and shrunk towards prior weights. Only matcher.evaluation uses it.
"""

from __future__ import annotations

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from matcher.query import TeamQuery, shared_teams, team_query
from matcher.snapshot import Snapshot
from matcher.text import TextModel

# The signals the model weighs. A partner the team named itself is not among them: it leads the
# list by rule (see matcher.partners), since the team already said it wants it.
FEATURES = ("kind_want", "sector_gap", "text_fit", "network", "theme_network", "same_city", "popularity")


def network_scores(snapshot: Snapshot, query: TeamQuery) -> np.ndarray:
    """Adamic-Adar between each organisation and the team's organisations: a shared team counts
    more the smaller it is. Touches only the teams the team's organisations are in."""
    scores = np.zeros(len(snapshot.org_ids))
    for other, held in shared_teams(snapshot, query).items():
        scores[snapshot.orgs_of_team(other)] += held / np.log(max(snapshot.team_size[other], 2))
    return scores


def features(snapshot: Snapshot, text_fit: np.ndarray, query: TeamQuery) -> np.ndarray:
    """One row per organisation, one column per name in FEATURES."""
    n = len(snapshot.org_ids)
    X = np.zeros((n, len(FEATURES)))
    in_team = np.zeros(n, dtype=bool)
    in_team[snapshot.orgs_of_team(query.team)] = True  # every link of the team, hidden ones too

    # A wanted kind says more the fewer organisations are of that kind ('onderzoeksbureau' over
    # 'overheid'): its weight is the kind's share-of-organisations surprise, log(n / k) / log(n).
    for kind in query.kind_wants:
        members = snapshot.kind_members.get(kind, [])
        if members:
            specificity = np.log(n / len(members)) / np.log(max(n, 2))
            X[members, 0] = np.maximum(X[members, 0], specificity)

    covered = {int(s) for s in snapshot.org_sectors[query.orgs] if s >= 0}
    missing = [s for s in range(4) if s not in covered]
    X[:, 1] = np.isin(snapshot.org_sectors, missing)

    # Relative to the best fit for this team: how well texts match differs a lot between teams
    # (a long project text against short descriptions), the order within a team is what counts.
    if len(text_fit) and text_fit.max() > 0:
        X[:, 2] = text_fit / text_fit.max()

    X[:, 3] = network_scores(snapshot, query)

    theme = snapshot.teams[query.team].theme
    if theme:
        theme_count = snapshot.theme_org_counts(theme).copy()
        theme_count[in_team] -= 1  # the team itself is not "another team in the theme"
        X[:, 4] = np.log1p(np.maximum(theme_count, 0))

    cities = {snapshot.org_cities[o] for o in query.orgs} | query.cities
    cities.discard(None)
    if cities:
        X[:, 5] = [c in cities for c in snapshot.org_cities]

    # A hidden link must not make its organisation look more popular.
    X[:, 6] = np.log1p(snapshot.org_degree - in_team)

    return X


# What each signal is worth, in its own units, before the graph has taught us anything: the best
# text fit for a team (1.0) is worth 3, a wanted kind up to 2 (less for broad kinds), one shared
# team of two about 1.4, a shared city 0.5, a filled sector gap or work in the same theme 0.25.
# Popularity starts at 0: being in many teams says nothing about fitting this one until the graph
# shows that it does (in real consortia it does, and the learned weight takes over).
# The learned weights are shrunk towards these by PRIOR_STRENGTH: a small graph (the report's 7
# teams, a few dozen links) cannot outvote them, one of thousands of consortia can.
PRIOR_WEIGHTS = np.array([2.0, 0.25, 3.0, 1.0, 0.25, 0.5, 0.0])
PRIOR_STRENGTH = 300  # the prior counts as much as this many hidden links found again
NAMED_FIRST = 1e6  # added to a partner the team named itself: those lead, by rule


class PartnerMatcherV1:
    def __init__(
        self,
        negatives_per_positive: int = 10,
        max_training_teams: int = 2000,
        positives_per_team: int = 20,
        random_state: int = 0,
        teams: list[int] | None = None,
    ):
        self.negatives_per_positive = negatives_per_positive
        self.max_training_teams = max_training_teams
        self.positives_per_team = positives_per_team
        self.random_state = random_state
        self.teams = teams  # rows of the teams to learn from; None: all of them

    # -- learning -----------------------------------------------------------------------------
    def fit(self, snapshot: Snapshot) -> PartnerMatcherV1:
        self.snapshot_ = snapshot
        self.text_ = TextModel().fit(snapshot.org_texts, [team.text for team in snapshot.teams])
        self._text_cache: dict[int, np.ndarray] = {}
        X, y = self._training_rows(np.random.default_rng(self.random_state))
        positives = int(y.sum())
        self.learned_coef_ = PRIOR_WEIGHTS.copy()
        if 0 < positives < len(y):
            model = make_pipeline(
                StandardScaler(),
                LogisticRegression(class_weight="balanced", max_iter=1000, random_state=self.random_state),
            ).fit(X, y)
            scaler, regression = model[0], model[-1]
            # Back to each signal's own units. Every signal is built as evidence for a link; where
            # the graph says one does not help (a negative weight), it is ignored, not turned into
            # evidence against: on a small graph that is noise, and a suggestion's reasons must
            # never count against it.
            self.learned_coef_ = np.maximum(regression.coef_[0] / scaler.scale_, 0.0)
        share = positives / (positives + PRIOR_STRENGTH)
        self.coef_ = share * self.learned_coef_ + (1 - share) * PRIOR_WEIGHTS
        self.n_training_rows_, self.n_positives_ = len(y), positives
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
            in_team = set(members.tolist())
            for org in team_query(snapshot, team).named_wants:
                if org not in in_team:
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
        """(score per organisation, feature matrix). The score is the weighted sum of the signals;
        a partner the team named gets NAMED_FIRST on top, so that it leads."""
        X = features(self.snapshot_, self.text_fit(query.team), query)
        score = X @ self.coef_
        score[list(query.named_wants)] += NAMED_FIRST
        return score, X

    def contributions(self, X_row: np.ndarray) -> np.ndarray:
        """How much each signal added to one organisation's score."""
        return X_row * self.coef_

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
    def weights(self) -> dict[str, dict[str, float]]:
        """Per signal: the weight used, the one learned from the graph, and the prior."""
        return {
            name: {"used": round(float(u), 4), "learned": round(float(l), 4), "prior": float(p)}
            for name, u, l, p in zip(FEATURES, self.coef_, self.learned_coef_, PRIOR_WEIGHTS)
        }
