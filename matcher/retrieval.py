"""Retrieval: a few hundred candidates per team, gathered cheaply, for the ranker to order.

Each source is a whole-network vector from TeamSignals, so gathering costs a handful of sparse
products; the ranker then computes every signal for these candidates only. What retrieval misses
the ranker can never find, so the evaluation reports the share of hold-outs it keeps.
"""

from __future__ import annotations

import numpy as np

from matcher.signals import TeamSignals

# How many candidates each source hands over, at most.
SOURCES = {
    "network": 250,  # shared teams with the team's organisations (Adamic-Adar)
    "two_steps": 250,  # partners of the team's partners
    "embedding": 150,  # neighbours in the low-rank embedding of organisation x team
    "question": 60,  # most active in the team's question
    "theme": 150,  # most active, and recently, in the team's theme
    "popular": 60,  # most active overall
    "text_history": 100,  # earlier teams' words like the team's text
    "text": 60,  # description like the team's text
    "wanted_kinds": 60,  # of a kind the partners line asks for
    "country": 60,  # most active in the team's countries and lacking sectors
}


def top(values: np.ndarray, k: int) -> np.ndarray:
    """Rows of the k largest positive values (ties to the lower row: deterministic)."""
    positive = np.flatnonzero(values > 0)
    if len(positive) > k:
        # The k-th largest value, then every row above it and the lowest rows that tie with it.
        kth = np.partition(values[positive], len(positive) - k)[len(positive) - k]
        above, tied = positive[values[positive] > kth], positive[values[positive] == kth]
        positive = np.concatenate([above, tied[: k - len(above)]])
    return positive


def retrieve(signals: TeamSignals, sizes: dict[str, int] = SOURCES) -> np.ndarray:
    """Candidate rows: the union of every source's best, the partners the team named, without the
    team's own organisations. Sorted by row, so the result never depends on source order."""
    h, q = signals.history, signals.query
    s = h.snapshot
    if len(s.org_ids) <= sum(sizes.values()):
        # A network no larger than what the sources would hand over: every organisation is a
        # candidate, and retrieval can lose none.
        return np.setdiff1d(np.arange(len(s.org_ids)), q.orgs)
    degree = h.degree + 1e-3 * h.recent_degree()
    picks = [
        top(signals.adamic_adar, sizes["network"]),
        top(signals.two_steps, sizes["two_steps"]),
        top(np.where(h.known, signals.embedding, 0), sizes["embedding"]),
        top(signals.question_teams + 1e-3 * degree, sizes["question"]) if signals.question_teams.any() else [],
        top(signals.theme_teams * (1 + np.where(signals.theme_last > h.today - 365, 1, 0)), sizes["theme"]),
        top(signals.text_history, sizes["text_history"]),
        top(degree, sizes["popular"]),
        top(signals.text_fit, sizes["text"]),
        np.array(sorted(q.named_wants), dtype=int),
    ]
    if q.kind_wants:
        wanted = np.zeros(len(s.org_ids))
        for kind in q.kind_wants:
            wanted[s.kind_members.get(kind, [])] = 1
        picks.append(top(wanted * (1 + degree), sizes["wanted_kinds"]))
    if signals.country_members.any():
        in_country = (s.country_code >= 0) & (signals.country_members[s.country_code] > 0)
        lacking = np.isin(s.org_sectors, signals.missing_sectors) if signals.missing_sectors else True
        picks.append(top(in_country * (1 + lacking) * degree * h.known, sizes["country"]))
    candidates = np.unique(np.concatenate([np.asarray(p, dtype=int) for p in picks]))
    return np.setdiff1d(candidates, q.orgs, assume_unique=False)
