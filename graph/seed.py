"""The seed (seed_data/) is the graph's starting point, not its master copy.

`make run` loads it into a new graph only: one that holds no node of the network and was never
seeded. Loading it at every start, as an upsert, would silently put the seed's values back over
what coordinators changed since, and bring back what they deleted. Loading only the records the
graph lacks would still bring back deleted ones (the graph keeps no record of a deletion), and a
seed record referring to a deleted node would stop the service from starting; so it is all or
nothing. Going back to the seed on purpose is `python -m graph load --reset` (`make reset-seed`),
one transaction with its entry in the audit log.
"""

from __future__ import annotations

import getpass
from pathlib import Path

from graph.files import read_bundle
from graph.handle import Graph
from graph.loader import LoadReport, load_raw
from graph.repositories import audit
from graph.repositories.loading import is_new_graph, remove_network

SEED = "seed"  # the audit action of the first load; its entry marks the graph as seeded
RESET = "seed:reset"


def actor(tool: str) -> dict:
    """Who the audit log names for a seed load: the account running the command."""
    return {"id": "cli", "name": f"{getpass.getuser()} ({tool})", "role": "cli"}


class _NotNew(Exception):
    """Raised inside the load's transaction to leave a graph that is not new untouched."""


def seed_new_graph(graph: Graph, seed_dir: Path, tool: str = "make run") -> LoadReport | None:
    """Loads the seed when the graph is new, in one transaction with a `seed` audit entry; None
    (and nothing written) otherwise. Raises BundleRejected when the seed has problems."""

    def only_if_new(tx):
        # Inside the load's transaction: two starts at once cannot both find the graph new.
        if not is_new_graph(tx, SEED):
            raise _NotNew

    def record(tx, report: LoadReport):
        audit.record(tx, actor(tool), SEED, None, {"source": str(seed_dir), "totals": dict(report.totals())})

    if not graph.read_transaction(lambda tx: is_new_graph(tx, SEED)):
        return None  # without reading the seed: a broken seed file does not stop a running graph
    try:
        return load_raw(graph, read_bundle(Path(seed_dir)), str(seed_dir), quiet=True, before=only_if_new, after=record)
    except _NotNew:
        return None


def reset_to_seed(
    graph: Graph, seed_dir: Path, tool: str = "python -m graph load --reset", quiet: bool = True
) -> LoadReport:
    """Replaces the whole network by the seed: every node of the network goes (tokens and the audit
    log stay), the seed is loaded, and an audit entry says what was removed. One transaction:
    a seed with problems (BundleRejected) leaves the graph as it was."""
    removed: dict[str, int] = {}

    def clear(tx):
        removed.clear()  # execute_write may run the transaction again
        removed.update(remove_network(tx))

    def record(tx, report: LoadReport):
        audit.record(
            tx,
            actor(tool),
            RESET,
            None,
            {"source": str(seed_dir), "removed": dict(removed), "totals": dict(report.totals())},
        )

    return load_raw(graph, read_bundle(Path(seed_dir)), str(seed_dir), quiet=quiet, before=clear, after=record)
