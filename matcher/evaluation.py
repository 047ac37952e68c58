"""Measures partner suggestions by hiding links that exist and asking for them back.

Each query hides one organisation of a team (or, blind, one partner the team named) and ranks
every organisation the team does not know of yet (see candidates_for); the hidden one's rank gives recall@5, recall@10 and
the reciprocal rank. The matcher is fitted without the teams it is tested on (k folds, or only on
teams that started before a date), and baselines are measured on the very same queries.
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from matcher.features import FEATURES, TeamQuery, team_query
from matcher.partners import PartnerMatcher
from matcher.snapshot import Snapshot

METHODS = ("matcher", "random", "popularity", "text", "network")
SETTINGS = ("lines", "blind")


@dataclass(frozen=True)
class HeldOut:
    team: int
    org: int
    kind: str  # "member": an organisation in the team; "named": a partner the team named


def held_out_links(snapshot: Snapshot, teams: list[int], setting: str, min_partners: int) -> list[HeldOut]:
    links = []
    for team in teams:
        members = snapshot.orgs_of_team(team)
        if len(members) >= min_partners:
            links += [HeldOut(team, int(org), "member") for org in members]
        if setting == "blind":
            named = team_query(snapshot, team).named_wants
            links += [HeldOut(team, org, "named") for org in sorted(named) if org not in set(members.tolist())]
    return links


def query_for(snapshot: Snapshot, link: HeldOut, setting: str) -> TeamQuery:
    hidden = frozenset([link.org]) if link.kind == "member" else frozenset()
    return team_query(snapshot, link.team, hidden=hidden, blind=setting == "blind")


def rank_of(scores: np.ndarray, candidates: np.ndarray, target: int, tie_break: np.ndarray) -> int:
    """1-based rank of `target` among `candidates`; ties broken by a fixed random order, so that a
    method that cannot tell organisations apart gets no credit for it."""
    s, t = scores[candidates], scores[target]
    better = np.sum(s > t) + np.sum((s == t) & (tie_break[candidates] < tie_break[target]))
    return int(better) + 1


def candidates_for(snapshot: Snapshot, query: TeamQuery) -> np.ndarray:
    """The organisations the team does not know of yet: not those it visibly has and, with its
    partners line, not the partners it named (the matcher lists those first by rule, and the team
    needs no suggestion to know them)."""
    allowed = np.ones(len(snapshot.org_ids), dtype=bool)
    allowed[query.orgs] = False
    allowed[list(query.named_wants)] = False
    return np.flatnonzero(allowed)


def method_scores(matcher: PartnerMatcher, snapshot: Snapshot, query: TeamQuery, rng: np.random.Generator) -> dict:
    score, X = matcher.scores(query)
    column = {name: X[:, i] for i, name in enumerate(FEATURES)}
    return {
        "matcher": score,
        "random": rng.random(len(score)),
        "popularity": column["popularity"],
        "text": column["text_fit"],
        "network": column["network"],
    }


def summarise(ranks: dict[str, list[int]]) -> dict[str, dict[str, float]]:
    table = {}
    for method, values in ranks.items():
        r = np.array(values, dtype=float)
        table[method] = {
            "queries": len(r),
            "recall@5": round(float(np.mean(r <= 5)), 4) if len(r) else 0.0,
            "recall@10": round(float(np.mean(r <= 10)), 4) if len(r) else 0.0,
            "mrr": round(float(np.mean(1 / r)), 4) if len(r) else 0.0,
        }
    return table


class Progress:
    def __init__(self, total: int, label: str, quiet: bool):
        self.total, self.label, self.quiet = total, label, quiet
        self.started = self.last = time.monotonic()

    def tick(self, done: int) -> None:
        now = time.monotonic()
        if self.quiet or (now - self.last < 2 and done != self.total):
            return
        self.last = now
        rate = done / max(now - self.started, 1e-9)
        eta = (self.total - done) / rate if rate else 0
        print(f"  {self.label}: {done}/{self.total} queries, {rate:.0f}/s, about {eta:.0f} s left",
              file=sys.stderr, flush=True)


def evaluate(snapshot: Snapshot, settings=SETTINGS, folds: int = 5, min_partners: int = 2,
             max_queries: int | None = None, split_date=None, seed: int = 0, quiet: bool = False) -> dict:
    """{setting: {method: {queries, recall@5, recall@10, mrr}}}, plus timings."""
    rng = np.random.default_rng(seed)
    tie_break = rng.permutation(len(snapshot.org_ids))
    splits = _splits(snapshot, folds, split_date, rng)
    result: dict = {"organisations": len(snapshot.org_ids), "teams": len(snapshot.teams), "settings": {}}
    seconds_per_query = []
    for setting in settings:
        ranks: dict[str, list[int]] = defaultdict(list)
        work = []
        for train, test in splits:
            work += [(train, test, link) for link in held_out_links(snapshot, test, setting, min_partners)]
        if max_queries and len(work) > max_queries:
            work = [work[i] for i in sorted(rng.choice(len(work), max_queries, replace=False))]
        progress = Progress(len(work), setting, quiet)
        fitted: dict[tuple, tuple[PartnerMatcher, Snapshot]] = {}
        for done, (train, test, link) in enumerate(work, start=1):
            key = (tuple(train), tuple(test))
            if key not in fitted:
                known = snapshot.without_links_of(test) if split_date else snapshot
                fitted[key] = (PartnerMatcher(random_state=seed, teams=train).fit(known), known)
            matcher, known = fitted[key]
            query = query_for(snapshot, link, setting)  # the team as it is, minus the hidden link
            started = time.perf_counter()
            by_method = method_scores(matcher, known, query, rng)
            seconds_per_query.append(time.perf_counter() - started)
            candidates = candidates_for(snapshot, query)
            for method, scores in by_method.items():
                ranks[method].append(rank_of(scores, candidates, link.org, tie_break))
            progress.tick(done)
        result["settings"][setting] = summarise({m: ranks[m] for m in METHODS})
    result["ms_per_query"] = round(1000 * float(np.median(seconds_per_query)), 2) if seconds_per_query else None
    return result


def _splits(snapshot: Snapshot, folds: int, split_date, rng: np.random.Generator) -> list[tuple[list[int], list[int]]]:
    teams = list(range(len(snapshot.teams)))
    if split_date is not None:
        before = [t for t in teams if snapshot.teams[t].start_date and snapshot.teams[t].start_date < split_date]
        after = [t for t in teams if snapshot.teams[t].start_date and snapshot.teams[t].start_date >= split_date]
        return [(before, after)]
    order = rng.permutation(teams)
    folds = max(2, min(folds, len(teams))) if len(teams) > 1 else 1
    parts = [sorted(order[i::folds].tolist()) for i in range(folds)]
    if folds == 1:
        return [(teams, teams)]
    return [(sorted(set(teams) - set(part)), part) for part in parts]
