"""python -m graph.analysis [--as-of DATE] [--limit N] [--json]

Prints the network analysis of the graph (the embedded server, or the one NEO4J_URI names): its
communities, brokers, isolated teams, the G4/G32 cities no team reaches, and the coverage table of
themes by cities; as text, or with --json as GET /analysis gives it."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import sys

from graph.analysis.summary import Broker, Summary, summarise


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m graph.analysis", description=__doc__.split("\n\n")[1])
    parser.add_argument("--as-of", type=_date, metavar="DATE", help="the network as it stood on DATE (default today)")
    parser.add_argument("--limit", type=int, default=10, metavar="N", help="communities and brokers shown (10)")
    parser.add_argument("--json", action="store_true", help="print it as JSON, as GET /analysis gives it")
    args = parser.parse_args(argv)
    if args.limit < 1:
        parser.error("--limit takes a number of at least 1")

    from graph.analysis.service import compute
    from graph.connect import open_graph

    print("Reading the network and analysing it...", file=sys.stderr)
    with open_graph(schema=False) as graph:
        summary = summarise(compute(graph, args.as_of or dt.date.today()), args.limit)
    if args.json:
        print(json.dumps(dataclasses.asdict(summary), indent=2, default=str))
    else:
        print(as_text(summary))
    return 0


def _broker(b: Broker, themes: dict[str, str]) -> str:
    named = ", ".join(themes.get(t, t) for t in b.themes) or "no theme"
    return (
        f"  {b.name} ({b.label.lower()}): betweenness {b.betweenness:.4f}, {b.degree} relations, "
        f"in {b.teams} team(s); themes: {named}"
    )


def as_text(s: Summary) -> str:
    themes = {t.id: t.name for t in s.themes}
    how = "exact" if s.betweenness_sources is None else f"sampled from {s.betweenness_sources} nodes"
    lines = [
        (
            f"Network analysis as of {s.as_of}: {s.nodes} nodes (people, organisations, teams), {s.edges} relations; "
            f"{s.seconds:.2f} s, betweenness {how}."
        ),
        "",
        f"Communities: {s.community_count} (Leiden, modularity {s.modularity:.3f}); the largest:",
    ]
    for c in s.communities:
        spread = ", ".join(f"{t.name} {t.count}" for t in c.themes) or "no team"
        central = ", ".join(x.name for x in c.central)
        lines.append(
            f"  {c.number:>3}. {c.size} nodes: {c.people} people, {c.organisations} organisations, {c.teams} teams"
            f" ({spread}); around {central}"
        )
    lines += ["", "Brokers (betweenness):", *(_broker(b, themes) for b in s.brokers)]
    lines += ["", "Brokers between themes (in teams of two themes or more):"]
    lines += [_broker(b, themes) for b in s.theme_brokers] or ["  none"]
    lines += ["", "Isolated teams (no member or organisation shared with another team):"]
    lines += [
        f"  {t.name} ({themes.get(t.theme, 'no theme')}): {t.members} members, "
        f"{t.lone_members} with no link outside the team"
        for t in s.isolated_teams
    ] or ["  none"]
    lines += ["", f"G4/G32 cities no team reaches ({len(s.uncovered_cities)} of {len(s.coverage)}):"]
    lines.append("  " + (", ".join(c.name for c in s.uncovered_cities) or "none"))
    for n in s.networks:
        by_theme = ", ".join(f"{t.name} {n.reached_by_theme.get(t.id, 0)}" for t in s.themes)
        lines.append(f"  {n.network}: {n.reached} of {n.cities} cities reached ({by_theme})")
    lines += ["", "Coverage: teams per theme each city takes part in (joined, pilot, or an organisation there)"]
    width = max((len(c.name) for c in s.coverage), default=4) + 2
    lines.append(" " * width + " ".join(f"{t.name[:14]:>14}" for t in s.themes))
    for row in s.coverage:
        if row.teams:
            cells = " ".join(f"{row.teams_by_theme.get(t.id, 0) or '.':>14}" for t in s.themes)
            lines.append(f"{row.name:<{width}}{cells}")
    lines.append(f"{'cities':<{width}}" + " ".join(f"{t.count:>14}" for t in s.themes))
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
