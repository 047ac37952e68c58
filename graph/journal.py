"""A load too large for one transaction, still all or nothing.

A batched load (graph.loader) writes in bounded transactions. Before its first batch it puts an
Import node in the graph; each batch's transaction also writes an ImportStep saying what that
batch created and what it changed, with the properties before. The load stands from the moment
one last transaction marks its Import committed. Until then, undoing its steps latest first gives
back exactly the graph as it was: a failed or interrupted load does that before it gives up, and
the next load or server start does it for a load whose process died (killed, or its machine
gone).

While a load is running, every other write is refused (graph.repositories.locks checks for it):
nothing comes between a load's checks and its batches, and undoing a load never undoes anybody
else's edit.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import sys
import uuid

from neo4j import ManagedTransaction

from graph.handle import Graph, native
from graph.repositories import journal as q
from graph.repositories import locks
from graph.repositories.journal import ImportRunning

__all__ = ["ImportRunning", "begin", "commit", "decode", "encode", "recover", "undo"]

# A running import whose process this machine cannot see is taken for dead when it has written no
# batch for this long (a batch takes seconds).
STALE_AFTER = dt.timedelta(minutes=15)
CLEAR_BATCH = 200  # journal steps deleted per transaction once a load has committed

_running_here: set[str] = set()  # the imports this process is writing now


# -- properties as text: what a step keeps of a node or relationship before it changed ---------
def encode(props: dict) -> str:
    """Properties as JSON, dates and times tagged so that `decode` gives back the same types."""
    return json.dumps({key: _tagged(native(value)) for key, value in props.items()}, sort_keys=True)


def decode(text: str) -> dict:
    return {key: _untagged(value) for key, value in json.loads(text).items()}


def _tagged(value):
    if isinstance(value, list):
        return [_tagged(v) for v in value]
    if isinstance(value, dt.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, dt.time):
        return {"$time": value.isoformat()}
    return value


def _untagged(value):
    if isinstance(value, list):
        return [_untagged(v) for v in value]
    if isinstance(value, dict):
        (tag, text), *_ = value.items()
        return {"$datetime": dt.datetime, "$date": dt.date, "$time": dt.time}[tag].fromisoformat(text)
    return value


# -- a load's life -----------------------------------------------------------------------------
def begin(graph: Graph, origin: str, labels) -> str:
    """Puts the load on record, after the write locks of `labels` (the labels it writes): a write
    of those labels that started earlier finishes first, and every later one is refused until the
    load is done. Raises ImportRunning when another load is."""
    import_id = f"import:{uuid.uuid4()}"

    def work(tx: ManagedTransaction) -> None:
        locks.lock_kinds(tx, labels, importing=True)
        running = q.imports(tx)
        if running:
            raise ImportRunning(running[0])
        q.begin(tx, import_id, origin, os.getpid(), socket.gethostname())

    graph.write(work)
    _running_here.add(import_id)
    return import_id


def commit(graph: Graph, import_id: str, after=None) -> None:
    """The load's commit point, with `after(tx)` (its audit entry) in the same transaction; then its
    steps are cleared, in transactions of their own (what is left of them is cleared by `recover`)."""

    def work(tx: ManagedTransaction) -> None:
        if not q.mark_committed(tx, import_id):
            raise RuntimeError(f"{import_id} is no longer on record: it was undone while it ran")
        if after is not None:
            after(tx)

    graph.write(work)
    _running_here.discard(import_id)
    _clear(graph, import_id)


def undo(graph: Graph, import_id: str, quiet: bool = True) -> int:
    """Undoes what a load wrote, step by step from its latest, one transaction a step (so that an
    undo that is itself interrupted goes on where it stopped); how many steps were undone."""
    undone = 0
    while True:
        done = graph.write(lambda tx: _undo_latest(tx, import_id))
        if not done:
            break
        undone += 1
        if not quiet and undone % 20 == 0:
            print(f"  undone {undone} batch(es) of {import_id}", file=sys.stderr, flush=True)
    graph.write(lambda tx: q.delete_import(tx, import_id))
    _running_here.discard(import_id)
    return undone


def recover(graph: Graph, quiet: bool = True) -> list[str]:
    """Finishes what loads left behind: a committed load's leftover steps are cleared, and a load
    whose process is gone is undone. A load still being written is left alone. Says what it did."""
    said = []
    for running in graph.read_transaction(q.imports):
        if running["status"] == "committed":
            _clear(graph, running["id"])
        elif _abandoned(running):
            steps = undo(graph, running["id"])
            said.append(
                f"undid an unfinished load of {running['origin']} (process {running['pid']} on "
                f"{running['host']}): {steps} batch(es) taken back"
            )
    for line in said if not quiet else ():
        print(line, file=sys.stderr, flush=True)
    return said


def _abandoned(running: dict) -> bool:
    if running["id"] in _running_here:
        return False
    if running["host"] == socket.gethostname():
        return running["pid"] == os.getpid() or not _alive(running["pid"])
    heartbeat = native(running["heartbeat"])
    return heartbeat is None or dt.datetime.now(dt.UTC) - heartbeat > STALE_AFTER


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def _clear(graph: Graph, import_id: str) -> None:
    while graph.write(lambda tx: q.delete_steps(tx, import_id, CLEAR_BATCH)):
        pass
    graph.write(lambda tx: q.delete_import(tx, import_id))


def _undo_latest(tx: ManagedTransaction, import_id: str) -> bool:
    steps = q.last_steps(tx, import_id, 1)
    if not steps:
        return False
    step = steps[0]
    if step["kind"] == "nodes":
        label = step["label"]
        q.remove_nodes(tx, label, step["created"])
        q.restore_nodes(tx, label, [{"id": i, "props": decode(b)} for i, b in zip(step["updated"], step["before"])])
    else:
        kind = (step["type"], step["start_label"], step["end_label"])
        created = [{"start": s, "end": e} for s, e in zip(step["created_starts"], step["created_ends"])]
        q.remove_relationships(tx, *kind, created)
        restored = [
            {"start": s, "end": e, "props": decode(b)}
            for s, e, b in zip(step["updated_starts"], step["updated_ends"], step["before"])
        ]
        q.restore_relationships(tx, *kind, restored)
    q.delete_step(tx, import_id, step["seq"])
    return True
