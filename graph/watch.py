"""Keeps the embedded Neo4j running while the service serves: a background thread notices when its
JVM has died (a crash, an out-of-memory exit, `kill -9`) and starts it again, with a bounded number
of attempts and a growing pause between them.

Only the embedded server is watched: one named by NEO4J_URI belongs to someone else, and the
driver reconnects to it by itself once it is back.

    watch = Neo4jWatch(LocalNeo4j.from_settings(settings))
    watch.start()          # after the server itself has started
    watch.status()         # {"state": "up" | "restarting" | "failed", "attempts": ..., ...}
    watch.stop()           # before the server is stopped on purpose
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from dataclasses import dataclass, field

from graph.server import LauncherError, LocalNeo4j

log = logging.getLogger("stedenlink.neo4j")

UP, RESTARTING, FAILED = "up", "restarting", "failed"


@dataclass(frozen=True)
class RestartPolicy:
    """How often and how patiently a crashed server is started again: `max_attempts` per crash,
    pausing `first_pause` seconds before the first, doubling up to `max_pause`."""

    max_attempts: int = 5
    first_pause: float = 1.0
    max_pause: float = 30.0
    check_every: float = 1.0

    def pause_before(self, attempt: int) -> float:
        return min(self.max_pause, self.first_pause * 2 ** (attempt - 1))


@dataclass
class WatchState:
    state: str = UP
    attempts: int = 0  # attempts made for the current crash
    restarts: int = 0  # successful restarts since the service started
    last_error: str | None = None
    last_crash_at: dt.datetime | None = None
    next_attempt_at: dt.datetime | None = None
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)


class Neo4jWatch:
    """The one owner of the embedded server's restarts: its thread is the only one that starts the
    server again, so two requests can never race to launch two JVMs on one store."""

    def __init__(self, server: LocalNeo4j, policy: RestartPolicy | None = None):
        self.server = server
        self.policy = policy or RestartPolicy()
        self._state = WatchState()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> Neo4jWatch:
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, name="neo4j-watch", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stops watching (the server itself is left as it is; stop it afterwards)."""
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(timeout=self.server.startup_timeout + 10)
            self._thread = None

    @property
    def available(self) -> bool:
        return self._state.state == UP

    def retry_after(self) -> int:
        """Seconds a client had best wait before asking again: the time to the next attempt plus
        a typical start-up, at least a few seconds."""
        with self._state.lock:
            wait = 0.0
            if self._state.next_attempt_at is not None:
                wait = (self._state.next_attempt_at - _now()).total_seconds()
        return max(5, int(wait) + 10)

    def status(self) -> dict:
        with self._state.lock:
            s = self._state
            return {
                "state": s.state,
                "attempts": s.attempts,
                "max_attempts": self.policy.max_attempts,
                "restarts": s.restarts,
                "last_error": s.last_error,
                "last_crash_at": s.last_crash_at.isoformat() if s.last_crash_at else None,
            }

    def _set(self, **changes) -> None:
        with self._state.lock:
            for key, value in changes.items():
                setattr(self._state, key, value)

    def _run(self) -> None:
        while not self._stopping.wait(self.policy.check_every):
            if self._state.state == UP and self.server.has_exited():
                self._recover()

    def _recover(self) -> None:
        code = self.server.forget_exited()
        log.error("embedded Neo4j on port %s stopped unexpectedly (exit %s); restarting it", self.server.port, code)
        self._set(
            state=RESTARTING, attempts=0, last_crash_at=_now(), last_error=f"Neo4j stopped unexpectedly (exit {code})"
        )
        for attempt in range(1, self.policy.max_attempts + 1):
            pause = self.policy.pause_before(attempt)
            self._set(next_attempt_at=_now() + dt.timedelta(seconds=pause))
            if self._stopping.wait(pause):
                return
            self._set(attempts=attempt, next_attempt_at=None)
            log.warning("restarting embedded Neo4j: attempt %d of %d", attempt, self.policy.max_attempts)
            try:
                self.server.start()
            except (LauncherError, OSError) as error:
                message = str(error).splitlines()[0] if str(error) else type(error).__name__
                log.error("restart attempt %d of %d failed: %s", attempt, self.policy.max_attempts, message)
                self._set(last_error=message)
                self.server.stop()
                continue
            log.warning("embedded Neo4j is back after %d attempt(s)", attempt)
            with self._state.lock:
                self._state.state, self._state.restarts = UP, self._state.restarts + 1
            return
        log.critical(
            "embedded Neo4j did not come back after %d attempts; giving up (restart the service)",
            self.policy.max_attempts,
        )
        self._set(state=FAILED, next_attempt_at=None)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
