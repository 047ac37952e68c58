"""python -m graph.stats: node counts per label and relationship counts per type."""

from __future__ import annotations

import argparse
import json
import sys

from graph.connect import open_graph
from graph.repositories.stats import node_counts, relationship_counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m graph.stats",
                                     description="Print node counts per label and relationship counts per type.")
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")
    args = parser.parse_args(argv)
    with open_graph(schema=False) as (driver, database):
        counts = {"nodes": node_counts(driver, database), "relationships": relationship_counts(driver, database)}
    if args.json:
        print(json.dumps(counts, indent=2))
        return 0
    for title, section in (("Nodes", "nodes"), ("Relationships", "relationships")):
        print(f"{title} ({sum(counts[section].values())}):")
        for name, n in counts[section].items():
            print(f"  {name:<16} {n:>8}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
