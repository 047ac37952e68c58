"""Measures partner suggestions by hiding links that exist and asking for them back.

Each query hides one organisation of a test team (or, blind, one partner the team named) and ranks
the organisations the team does not know of yet; the hidden one's rank gives recall@k, the
reciprocal rank and NDCG@10. Every method is fitted without the test teams (k folds, or forward in
time: only teams that started before a date, undated teams left out), and every baseline answers
the very same queries.

Two protocols:
- all: every organisation of a test team is held out and every organisation is a candidate (the
  first matcher's yardstick);
- known: the standard link-prediction protocol. Only organisations known from the training teams
  are held out and ranked; the share of hold-outs that are new organisations, which no method that
  learns from history can find, is reported beside it.
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from matcher.partners import PartnerMatcher, Ranking
from matcher.query import TeamQuery, team_query
from matcher.signals import SIGNAL_GROUPS, SIGNALS, TeamSignals
from matcher.snapshot import Snapshot
from matcher.v1 import PartnerMatcherV1

METHODS = ("matcher", "v1", "random", "popularity", "common_neighbours", "adamic_adar", "resource_allocation", "text")
SETTINGS = ("lines", "blind")
PROTOCOLS = ("all", "known")
CUTS = (5, 10, 20)
BOOTSTRAP = 1000


@dataclass(frozen=True)
class HeldOut:
    team: int
    org: int
    kind: str  # "member": an organisation in the team; "named": a partner the team named


def held_out_links(
    snapshot: Snapshot, teams: list[int], setting: str, min_partners: int, known: np.ndarray | None = None
) -> list[HeldOut]:
    """Every organisation of each team with at least `min_partners`, and blind every partner it
    named; with `known`, only the organisations it marks."""
    links = []
    for team in teams:
        members = snapshot.orgs_of_team(team)
        if len(members) >= min_partners:
            links += [HeldOut(team, int(org), "member") for org in members if known is None or known[org]]
        if setting == "blind":
            named = team_query(snapshot, team).named_wants
            links += [
                HeldOut(team, org, "named")
                for org in sorted(named)
                if org not in set(members.tolist()) and (known is None or known[org])
            ]
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


def candidates_for(snapshot: Snapshot, query: TeamQuery, allowed: np.ndarray) -> np.ndarray:
    """The organisations the team does not know of yet, among `allowed`: not those it visibly has
    and, with its partners line, not the partners it named (the matcher lists those first by rule,
    and the team needs no suggestion to know them)."""
    allowed = allowed.copy()
    allowed[query.orgs] = False
    allowed[list(query.named_wants)] = False
    return np.flatnonzero(allowed)


def matcher_scores(matcher: PartnerMatcher, query: TeamQuery, n: int) -> tuple[np.ndarray, Ranking]:
    """The matcher's order as a score for every organisation (minus infinity for what retrieval
    left out), and its ranking (the retrieved rows, and the signals they were computed from). The
    order, not the scores: those of the candidates the ranker's screen set aside are not on the
    same scale as the others'."""
    ranking = matcher.rank(query)
    scores = np.full(n, -np.inf)
    scores[ranking.orgs] = -np.arange(len(ranking.orgs), dtype=float)
    return scores, ranking


def baseline_scores(
    matcher: PartnerMatcher, v1: PartnerMatcherV1, signals: TeamSignals, rng: np.random.Generator
) -> dict[str, np.ndarray]:
    """The baselines' scores, from the signals the matcher computed for the same query."""
    return {
        "v1": v1.scores(signals.query)[0],
        "random": rng.random(len(signals.common)),
        "popularity": matcher.history_.degree.astype(float),
        "common_neighbours": signals.common,
        "adamic_adar": signals.adamic_adar,
        "resource_allocation": signals.resource,
        "text": signals.text_fit + signals.text_history,
    }


def metrics(ranks: np.ndarray) -> dict[str, float]:
    r = np.asarray(ranks, dtype=float)
    if not len(r):
        return {"queries": 0, **{f"recall@{k}": 0.0 for k in CUTS}, "mrr": 0.0, "ndcg@10": 0.0}
    return {
        "queries": len(r),
        **{f"recall@{k}": round(float(np.mean(r <= k)), 4) for k in CUTS},
        "mrr": round(float(np.mean(1 / r)), 4),
        "ndcg@10": round(float(np.mean(np.where(r <= 10, 1 / np.log2(r + 1), 0.0))), 4),
    }


def bootstrap(
    ranks: dict[str, np.ndarray],
    teams: np.ndarray,
    seed: int,
    method: str = "matcher",
    against: str = "adamic_adar",
    rounds: int = BOOTSTRAP,
) -> dict:
    """95% intervals for `method`'s recall@10 and for its ratio to `against`'s, resampling whole
    teams (the hold-outs of one team are not independent of each other)."""
    rng = np.random.default_rng(seed)
    unique, index = np.unique(teams, return_inverse=True)
    hits = {
        m: np.bincount(index, weights=(ranks[m] <= 10).astype(float), minlength=len(unique)) for m in (method, against)
    }
    sizes = np.bincount(index, minlength=len(unique)).astype(float)
    recall, ratio = [], []
    for _ in range(rounds):
        pick = np.bincount(rng.integers(0, len(unique), len(unique)), minlength=len(unique))
        total = pick @ sizes
        a, b = pick @ hits[method] / total, pick @ hits[against] / total
        recall.append(a)
        ratio.append(a / b if b > 0 else np.inf)
    low, high = np.percentile(recall, [2.5, 97.5])
    # Nearest rank, not interpolated: a resample where `against` finds nothing has no finite ratio.
    # A bound or ratio that is not finite is None (null in JSON): the ratio is unbounded there.
    ratio_low, ratio_high = np.percentile(ratio, [2.5, 97.5], method="nearest")
    finite = lambda x: round(float(x), 4) if np.isfinite(x) else None
    base = np.mean(ranks[against] <= 10)
    point = np.mean(ranks[method] <= 10) / base if base > 0 else np.inf
    return {
        "recall@10": [round(float(low), 4), round(float(high), 4)],
        f"ratio_to_{against}": finite(point),
        f"ratio_to_{against}_interval": [finite(ratio_low), finite(ratio_high)],
    }


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
        print(
            f"  {self.label}: {done}/{self.total} queries, {rate:.0f}/s, about {eta:.0f} s left",
            file=sys.stderr,
            flush=True,
        )


def say(message: str, quiet: bool) -> None:
    if not quiet:
        print(message, file=sys.stderr, flush=True)


def evaluate(
    snapshot: Snapshot,
    settings=SETTINGS,
    protocols=("all",),
    folds: int = 5,
    min_partners: int = 2,
    max_queries: int | None = None,
    split_date=None,
    seed: int = 0,
    ablation: bool = False,
    quiet: bool = False,
) -> dict:
    """{protocol: {setting: {methods: {method: metrics}, retrieval_kept, ...}}}, plus timings."""
    rng = np.random.default_rng(seed)
    tie_break = rng.permutation(len(snapshot.org_ids))
    n = len(snapshot.org_ids)
    result: dict = {"organisations": n, "teams": len(snapshot.teams), "protocols": {}, "fits": []}
    splits = _splits(snapshot, folds, split_date, rng)
    fitted = []
    for train, test in splits:
        started = time.monotonic()
        say(f"fitting on {len(train)} teams (testing {len(test)})", quiet)
        matcher = PartnerMatcher(random_state=seed, quiet=quiet).fit(snapshot, train)
        fit_seconds = time.monotonic() - started
        known_graph = snapshot.without_links_of(sorted(set(range(len(snapshot.teams))) - set(train)))
        v1 = PartnerMatcherV1(random_state=seed, teams=train).fit(known_graph)
        result["fits"].append(
            {
                "teams": len(train),
                "seconds": round(fit_seconds, 1),
                "model": matcher.info_.kind,
                "training_queries": matcher.training_queries_,
                "training_retrieval_kept": matcher.retrieval_kept_ and round(matcher.retrieval_kept_, 4),
            }
        )
        fitted.append((train, test, matcher, v1))
    seconds_per_query = []
    for protocol in protocols:
        result["protocols"][protocol] = {}
        for setting in settings:
            work, all_members, new_members = [], 0, 0
            for k, (train, test, matcher, v1) in enumerate(fitted):
                known = matcher.history_.known if protocol == "known" else None
                links = held_out_links(snapshot, test, setting, min_partners, known)
                everyone = [x for x in held_out_links(snapshot, test, setting, min_partners) if x.kind == "member"]
                all_members += len(everyone)
                new_members += sum(1 for x in everyone if not matcher.history_.known[x.org])
                work += [(k, link) for link in links]
            if max_queries and len(work) > max_queries:
                work = [work[i] for i in sorted(rng.choice(len(work), max_queries, replace=False))]
            ranks: dict[str, list[int]] = defaultdict(list)
            kept, teams_of_query = 0, []
            progress = Progress(len(work), f"{protocol}/{setting}", quiet)
            for done, (k, link) in enumerate(work, start=1):
                train, test, matcher, v1 = fitted[k]
                query = query_for(snapshot, link, setting)  # the team as it is, minus the hidden link
                allowed = matcher.history_.known if protocol == "known" else np.ones(n, dtype=bool)
                candidates = candidates_for(snapshot, query, allowed)
                began = time.perf_counter()
                scores, ranking = matcher_scores(matcher, query, n)
                seconds_per_query.append(time.perf_counter() - began)
                kept += int(link.org in set(ranking.orgs.tolist()))
                by_method = {"matcher": scores, **baseline_scores(matcher, v1, ranking.context, rng)}
                for method, values in by_method.items():
                    ranks[method].append(rank_of(values, candidates, link.org, tie_break))
                teams_of_query.append(link.team)
                progress.tick(done)
            arrays = {m: np.array(ranks[m]) for m in METHODS}
            table = {
                "queries": len(work),
                "methods": {m: metrics(arrays[m]) for m in METHODS},
                "retrieval_kept": round(kept / len(work), 4) if work else None,
            }
            if protocol == "known" and all_members:
                table["new_organisation_share"] = round(new_members / all_members, 4)
            if work:
                table["bootstrap"] = bootstrap(arrays, np.array(teams_of_query), seed)
            if ablation and work:
                table["ablation"] = _ablation(snapshot, fitted, work, setting, protocol, seed, tie_break, quiet)
            result["protocols"][protocol][setting] = table
    result["ms_per_query"] = round(1000 * float(np.median(seconds_per_query)), 2) if seconds_per_query else None
    return result


def _ablation(snapshot: Snapshot, fitted, work, setting: str, protocol: str, seed: int, tie_break, quiet: bool) -> dict:
    """recall@10 of the matcher refitted without each signal group, on the same queries."""
    n = len(snapshot.org_ids)
    table = {}
    for group, names in SIGNAL_GROUPS.items():
        kept = tuple(s for s in SIGNALS if s not in names)
        say(f"ablation: without {group}", quiet)
        refits = [PartnerMatcher(random_state=seed, signals=kept).fit(snapshot, train) for train, *_ in fitted]
        ranks = []
        for k, link in work:
            matcher = refits[k]
            query = query_for(snapshot, link, setting)
            allowed = matcher.history_.known if protocol == "known" else np.ones(n, dtype=bool)
            scores, _ = matcher_scores(matcher, query, n)
            ranks.append(rank_of(scores, candidates_for(snapshot, query, allowed), link.org, tie_break))
        table[group] = metrics(np.array(ranks))
    return table


def _splits(snapshot: Snapshot, folds: int, split_date, rng: np.random.Generator) -> list[tuple[list[int], list[int]]]:
    teams = list(range(len(snapshot.teams)))
    if split_date is not None:
        # Undated teams are in neither: they may have started after the split.
        before = [t for t in teams if snapshot.teams[t].start_date and snapshot.teams[t].start_date < split_date]
        after = [t for t in teams if snapshot.teams[t].start_date and snapshot.teams[t].start_date >= split_date]
        return [(before, after)]
    order = rng.permutation(teams)
    folds = max(2, min(folds, len(teams))) if len(teams) > 1 else 1
    parts = [sorted(order[i::folds].tolist()) for i in range(folds)]
    if folds == 1:
        return [(teams, teams)]
    return [(sorted(set(teams) - set(part)), part) for part in parts]
