"""Warm introductions: the shortest chains of real relations from a team to an organisation it
wants, through people who sat together in a team or work at one organisation, each step said in
Dutch ("Anne van Kuijk en Monique Roosen werken allebei bij Provincie Noord-Brabant; Monique Roosen
(Provincie Noord-Brabant) zat samen met Wolfgang Ebbers (Novay) in Team Onze Stad / Open data;
Wolfgang Ebbers werkt bij Novay").

A chain starts at one of the team's own: a member, or an organisation that is a partner in it. It
is found on the collaboration network of graph.analysis.network (people, organisations, teams):
one breadth-first search from the team gives every node's distance to it, and each chain is
walked back from the target, each step to a neighbour one nearer the team, in id order, so that
the same graph always gives the same chains.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.analysis.network import ORGANISATION, PERSON, TEAM, Network

MAX_STEPS = 4  # the longest chain given; a step is one sentence, most link two people
MAX_CHAINS = 5
KEPT_BRIEFS = 4096  # teams' short forms kept per network (see briefs)


@dataclass(frozen=True)
class Step:
    kind: str  # teammates, colleagues, works_at, member_of, partner_in
    text: str  # the step in Dutch
    people: tuple[str, ...]  # ids of the people it names


@dataclass(frozen=True)
class Introduction:
    path: tuple[str, ...]  # node ids, from the team to the target
    steps: tuple[Step, ...]

    @property
    def text(self) -> str:
        return "; ".join(step.text for step in self.steps)

    @property
    def people(self) -> tuple[str, ...]:
        """The people in the chain, in order, each once."""
        return tuple(dict.fromkeys(p for step in self.steps for p in step.people))


@dataclass(frozen=True)
class Introductions:
    team: str
    target: str
    already_in_team: bool  # the target is a partner in the team, or one of its members works there
    chains: tuple[Introduction, ...]  # shortest first; empty when no chain of MAX_STEPS or fewer exists


@dataclass(frozen=True)
class Brief:
    """The shortest chain to an organisation, in short."""

    steps: int
    text: str
    via: str  # the name of the team's member or partner it starts with


def briefs(network: Network | None, team: str, targets: list[str]) -> dict[str, Brief]:
    """The shortest chain to each of `targets` that has one; none without a network, or for a team
    or organisation newer than it."""
    if network is None or team not in network.index:
        return {}
    # Kept with the network (so until the next analysis): a team's suggestions are asked again and
    # again, by the API, its page and the viewer, and each answer costs a search of the network.
    key = (team, tuple(targets))
    kept = network.kept_briefs.get(key)
    if kept is None:
        found = introductions_to(network, team, [t for t in targets if t in network.index], limit=1)
        kept = {
            target: Brief(len(chain.steps), chain.text, network.names[network.index[chain.path[1]]])
            for target, result in found.items()
            for chain in result.chains
        }
        if len(network.kept_briefs) >= KEPT_BRIEFS:
            network.kept_briefs.clear()
        network.kept_briefs[key] = kept
    return kept


def introductions(
    network: Network, team: str, target: str, max_steps: int = MAX_STEPS, limit: int = MAX_CHAINS
) -> Introductions:
    """Up to `limit` shortest chains from `team` to `target`. KeyError for a team or organisation
    the network does not hold (a team that starts after its date, say)."""
    return introductions_to(network, team, [target], max_steps, limit)[target]


def introductions_to(
    network: Network, team: str, targets: list[str], max_steps: int = MAX_STEPS, limit: int = MAX_CHAINS
) -> dict[str, Introductions]:
    """`introductions` for several targets of one team, with one search from the team."""
    index = network.index
    source = index[team]
    # One search from the team: every chain to any target is then walked back from the target,
    # each step to a neighbour one nearer the team. A chain of s steps has at most 2s
    # relationships after the team's own first one.
    longest = 1 + 2 * max_steps
    from_team = network.distances_from([source], longest)
    found = {}
    for target in targets:
        v = index[target]
        length = from_team[v]
        if 0 <= length <= 2 and _joined(network, source, v):
            found[target] = Introductions(team, target, True, ())
            continue
        if length < 0:
            found[target] = Introductions(team, target, False, ())
            continue
        chains = []
        for path in _walk_back(network, v, from_team, limit * 4):
            steps = _steps(network, path)
            if len(steps) <= max_steps:
                chains.append(Introduction(tuple(network.ids[u] for u in path), steps))
            if len(chains) == limit:
                break
        found[target] = Introductions(team, target, False, tuple(chains))
    return found


def introductions_to_city(
    network: Network, city: str, teams: list[str], max_steps: int = MAX_STEPS
) -> dict[str, Introduction]:
    """For each of `teams` that has one, the shortest chain to someone at an organisation located
    in `city`: one search from all of them at once, then each team's chain walked towards them as
    `_walk_back` walks, the first by id."""
    rows = [network.index[t] for t in teams if t in network.index]
    there = [network.index[o] for o in network.city_organisations.get(city, [])]
    if not rows or not there:
        return {}
    to_city = network.distances_from(there, 1 + 2 * max_steps)
    ids = network.ids
    found = {}
    for v in rows:
        if to_city[v] < 0:
            continue
        # The walk back towards the city's organisations, from the team: its first path, reversed.
        path = _walk_back(network, v, to_city, 1)[0][::-1]
        steps = _steps(network, path)
        if steps and len(steps) <= max_steps:
            found[ids[v]] = Introduction(tuple(ids[u] for u in path), steps)
    return found


def _joined(network: Network, team: int, target: int) -> bool:
    """Whether the organisation is a partner in the team, or employs one of its members."""
    graph = network.graph
    around = set(graph.neighbors(team))
    return target in around or any(u in around for u in graph.neighbors(target))


def _walk_back(network: Network, target: int, from_team, limit: int) -> list[list[int]]:
    """Shortest paths from the sources of `from_team` (distance 0: the team, or a city's
    organisations) to `target`, at most `limit` of them, found from the target backwards in id
    order; each from the source to the target."""
    graph, ids = network.graph, network.ids
    found: list[list[int]] = []

    def back(path: list[int]) -> None:
        here = path[-1]
        if from_team[here] == 0:
            found.append(path[::-1])
            return
        nearer = [u for u in graph.neighbors(here) if from_team[u] == from_team[here] - 1]
        for u in sorted(nearer, key=ids.__getitem__):
            if len(found) >= limit:
                return
            path.append(u)
            back(path)
            path.pop()

    back([target])
    return found


def _who(network: Network, person: int, beside: int | None = None) -> str:
    """A person's name with their organisation: the one beside them in the chain if they work
    there, else the first they work at."""
    graph, labels = network.graph, network.labels
    employers = sorted((u for u in graph.neighbors(person) if labels[u] == ORGANISATION), key=network.ids.__getitem__)
    if beside in employers:
        employers = [beside]
    name = network.names[person]
    return f"{name} ({network.names[employers[0]]})" if employers else name


def _steps(network: Network, path: list[int]) -> tuple[Step, ...]:
    labels, names, ids = network.labels, network.names, network.ids
    steps = []
    i = 1  # path[0] is the team; path[1] one of its members or partners
    while i < len(path) - 1:
        a, b = path[i], path[i + 1]
        c = path[i + 2] if i + 2 < len(path) else None
        if labels[a] == PERSON and c is not None and labels[c] == PERSON:
            after = path[i + 3] if i + 3 < len(path) else None
            if labels[b] == TEAM:
                text = f"{_who(network, a, path[i - 1])} zat samen met {_who(network, c, after)} in {names[b]}"
                steps.append(Step("teammates", text, (ids[a], ids[c])))
            else:
                text = f"{names[a]} en {names[c]} werken allebei bij {names[b]}"
                steps.append(Step("colleagues", text, (ids[a], ids[c])))
            i += 2
            continue
        steps.append(_single(network, a, b))
        i += 1
    return tuple(steps)


def _single(network: Network, a: int, b: int) -> Step:
    labels, names, ids = network.labels, network.names, network.ids
    pair = {labels[a]: a, labels[b]: b}
    if PERSON in pair and ORGANISATION in pair:
        p, o = pair[PERSON], pair[ORGANISATION]
        return Step("works_at", f"{names[p]} werkt bij {names[o]}", (ids[p],))
    if PERSON in pair and TEAM in pair:
        p, t = pair[PERSON], pair[TEAM]
        return Step("member_of", f"{names[p]} zit in {names[t]}", (ids[p],))
    o, t = pair[ORGANISATION], pair[TEAM]
    return Step("partner_in", f"{names[o]} is partner in {names[t]}", ())
