"""The network analysis as the service uses it: computed once per graph version and date, kept, and
made again in the background when the graph changes, never while a request waits for it (except
the very first one of a date, which has nothing older to be given).

    service = AnalysisService(graph)
    service.get()                      # today's, waiting for it the first time
    service.get(as_of, wait=False)     # None when it is not there yet (and it is started)
    service.invalidate()               # a change the graph's counts do not show
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from graph.analysis.metrics import analyse
from graph.analysis.network import build_network
from graph.analysis.results import Analysis
from graph.handle import Graph
from graph.repositories.analysis import read_network
from graph.repositories.matching import fingerprint

log = logging.getLogger(__name__)


@dataclass
class _Kept:
    analysis: Analysis
    epoch: int


def compute(graph: Graph, as_of: dt.date) -> Analysis:
    """The analysis of the graph as it stands now, as of `as_of` (read, built and analysed at once)."""
    stamp = fingerprint(graph)
    return analyse(build_network(read_network(graph), as_of), stamp)


class AnalysisService:
    KEPT_DATES = 8  # analyses kept, one per date asked; the oldest asked is dropped first

    def __init__(self, graph: Graph, check_every: float = 1.0):
        """`check_every`: how many seconds the graph's fingerprint read last is trusted. Every
        detail answer asks for the analysis; reading the counts for each cost one more round trip
        to Neo4j per request (a third of team details' throughput under 16 clients)."""
        self.graph = graph
        self.check_every = check_every
        self._checked: tuple[float, tuple[int, int]] | None = None
        self.computed = 0  # how many analyses were made (for tests and benchmarks)
        self._kept: OrderedDict[dt.date, _Kept] = OrderedDict()
        self._epoch = 0
        self._lock = threading.Lock()  # guards the fields above; never held while analysing
        self._running: dict[dt.date, threading.Thread] = {}
        self._compute_lock = threading.Lock()  # one analysis at a time: each takes a core

    def get(self, as_of: dt.date | None = None, wait: bool = True, fresh: bool = False) -> Analysis | None:
        """The analysis as of `as_of` (default today). One made before the graph last changed is
        given while a new one is made in the background; without any, `wait` makes it now. `fresh`
        makes a new one now when the graph changed (for a node that may be newer than the last)."""
        as_of = as_of or dt.date.today()
        stamp = self._fingerprint()
        with self._lock:
            kept = self._kept.get(as_of)
            if kept is not None:
                self._kept.move_to_end(as_of)
            current = kept is not None and kept.analysis.fingerprint == stamp and kept.epoch == self._epoch
        if current:
            return kept.analysis
        if (kept is None and wait) or fresh:
            return self._make(as_of)
        self._make_in_background(as_of)
        return kept.analysis if kept is not None else None

    def invalidate(self) -> None:
        with self._lock:
            self._epoch += 1
            self._checked = None

    def _fingerprint(self) -> tuple[int, int]:
        now = time.monotonic()
        checked = self._checked
        if checked is not None and now - checked[0] < self.check_every:
            return checked[1]
        stamp = fingerprint(self.graph)
        self._checked = (now, stamp)
        return stamp

    def wait(self) -> None:
        """Returns when no background analysis is running (for tests and benchmarks)."""
        for thread in list(self._running.values()):
            thread.join()

    def _make(self, as_of: dt.date) -> Analysis:
        with self._compute_lock:
            with self._lock:
                epoch = self._epoch
                kept = self._kept.get(as_of)
            if kept is not None and kept.epoch == epoch and kept.analysis.fingerprint == fingerprint(self.graph):
                return kept.analysis  # made by another thread while this one waited
            analysis = compute(self.graph, as_of)
            with self._lock:
                self.computed += 1
                self._kept[as_of] = _Kept(analysis, epoch)
                self._kept.move_to_end(as_of)
                while len(self._kept) > self.KEPT_DATES:
                    self._kept.popitem(last=False)
            log.info("network analysis as of %s: %d nodes in %.1f s", as_of, analysis.nodes, analysis.seconds)
            return analysis

    def _make_in_background(self, as_of: dt.date) -> None:
        with self._lock:
            running = self._running.get(as_of)
            if running is not None and running.is_alive():
                return
            thread = threading.Thread(target=self._make_logged, args=(as_of,), name="network-analysis", daemon=True)
            self._running[as_of] = thread
            thread.start()

    def _make_logged(self, as_of: dt.date) -> None:
        try:
            self._make(as_of)
        except Exception:  # the analysis kept goes on answering; the next request tries again
            log.exception("network analysis as of %s failed", as_of)
