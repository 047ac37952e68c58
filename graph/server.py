"""Starts and stops the embedded Neo4j (graph/launcher, a Java program) for local use and tests.

The launcher is a JVM of its own: Python starts it, waits for its readiness line and a working
Bolt login, and stops it with SIGTERM. Its stdin is a pipe held by this process, so the JVM also
shuts down cleanly when this process dies without stopping it.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, ServiceUnavailable

from graph.driver import Neo4jTarget
from graph.settings import PROJECT_ROOT, Settings

LAUNCHER_DIR = PROJECT_ROOT / "graph" / "launcher"
READY_LINE = "STEDENLINK NEO4J READY"
# Java 17 refuses Neo4j's reflective access to these without the flags (see shared notes).
JVM_FLAGS = [
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-XX:+UseG1GC",
    "-XX:+ExitOnOutOfMemoryError",
]


class LauncherError(RuntimeError):
    pass


def launcher_is_built() -> bool:
    return (LAUNCHER_DIR / "target" / "classes" / "nl" / "stedenlink" / "server" / "Main.class").exists()


def build_launcher() -> None:
    """Compiles the launcher and copies Neo4j's jars next to it (Maven caches the downloads)."""
    mvn = shutil.which("mvn")
    if mvn is None:
        raise LauncherError("Maven (mvn) is not installed; it builds the Neo4j launcher")
    subprocess.run([mvn, "-B", "-q", "-f", str(LAUNCHER_DIR / "pom.xml"), "package"], check=True)


def make_private(home: Path) -> None:
    """Creates `home` if needed and makes it and everything in it the owner's only (folders 700,
    files 600): the store holds the network's contact data. Run at every start, so that a store
    made before this rule (or copied in) is closed too."""
    home.mkdir(parents=True, exist_ok=True)
    for folder in (home.parent, home) if home.parent.name == "var" else (home,):
        folder.chmod(0o700)
    for path in home.rglob("*"):
        if path.is_symlink():
            continue
        path.chmod(0o700 if path.is_dir() else 0o600)


def read_or_create_password(path: Path) -> str:
    """The local server's password: generated once, kept only in var/ (never committed)."""
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    password = secrets.token_urlsafe(24)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(password)
    return password


def _login_works(target: Neo4jTarget) -> bool:
    try:
        with GraphDatabase.driver(target.uri, auth=(target.username, target.password)) as driver:
            driver.verify_connectivity()
        return True
    except (ServiceUnavailable, AuthError, OSError):
        return False


class LocalNeo4j:
    """One embedded Neo4j with its home folder (data, logs, password) and its Bolt port."""

    def __init__(
        self, home: Path, port: int, heap: str = "1g", pagecache: str = "512m", startup_timeout: float = 180.0
    ):
        self.home = Path(home)
        self.port = port
        self.heap = heap
        self.pagecache = pagecache
        self.startup_timeout = startup_timeout
        self.process: subprocess.Popen | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> LocalNeo4j:
        return cls(
            settings.var_dir / "neo4j",
            settings.bolt_port,
            settings.neo4j_heap,
            settings.neo4j_pagecache,
            settings.neo4j_startup_timeout,
        )

    @property
    def password_file(self) -> Path:
        return self.home / "password"

    @property
    def log_file(self) -> Path:
        return self.home / "launcher.log"

    @property
    def target(self) -> Neo4jTarget:
        return Neo4jTarget(f"bolt://127.0.0.1:{self.port}", "neo4j", read_or_create_password(self.password_file))

    def is_answering(self) -> bool:
        """True when a server on our port accepts our password (e.g. started by another `make run`)."""
        if not self.password_file.exists():
            return False
        return _login_works(self.target)

    def start(self) -> Neo4jTarget:
        """Starts the server unless one of ours already answers on the port; waits until ready."""
        if self.is_answering():
            print(f"Neo4j already runs on bolt://127.0.0.1:{self.port}; using it", file=sys.stderr)
            return self.target
        if not launcher_is_built():
            build_launcher()
        make_private(self.home)
        target = self.target  # creates the password file before the JVM reads it
        target_dir = LAUNCHER_DIR / "target"
        command = [
            shutil.which("java") or "java",
            f"-Xmx{self.heap}",
            f"-Xms{self.heap}",
            *JVM_FLAGS,
            "-cp",
            f"{target_dir / 'classes'}{os.pathsep}{target_dir / 'lib' / '*'}",
            "nl.stedenlink.server.Main",
            "--home",
            str(self.home),
            "--port",
            str(self.port),
            "--password-file",
            str(self.password_file),
            "--pagecache",
            self.pagecache,
            "--exit-on-stdin-eof",
        ]
        log = os.fdopen(os.open(self.log_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w")
        # umask 077: what the JVM creates (store, transaction logs, Neo4j's logs) is the owner's only.
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, umask=0o077
        )
        log.close()
        print(f"Starting Neo4j on bolt://127.0.0.1:{self.port} (log: {self.log_file})", file=sys.stderr)
        self._wait_until_ready(target)
        return target

    def _wait_until_ready(self, target: Neo4jTarget) -> None:
        started = time.monotonic()
        while time.monotonic() - started < self.startup_timeout:
            if self.process.poll() is not None:
                raise LauncherError(
                    f"Neo4j stopped during start-up (exit {self.process.returncode}):\n" + self._log_tail()
                )
            log = self.log_file.read_text(encoding="utf-8", errors="replace")
            if READY_LINE in log and _login_works(target):
                print(f"Neo4j ready after {time.monotonic() - started:.1f} s", file=sys.stderr)
                return
            time.sleep(0.2)
        self.stop()
        raise LauncherError(f"Neo4j was not ready within {self.startup_timeout:.0f} s:\n" + self._log_tail())

    def _log_tail(self, lines: int = 30) -> str:
        text = self.log_file.read_text(encoding="utf-8", errors="replace") if self.log_file.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def has_exited(self) -> bool:
        """True when the server this object started is no longer running (it crashed or was killed)."""
        return self.process is not None and self.process.poll() is not None

    def forget_exited(self) -> int | None:
        """Lets go of a server that has exited, so that `start` launches a new one; its exit code."""
        process, self.process = self.process, None
        if process is None:
            return None
        if process.stdin:
            process.stdin.close()
        return process.poll()

    def stop(self, timeout: float = 60.0) -> None:
        """Stops a server this object started (SIGTERM, then a clean shutdown); others are left running."""
        process, self.process = self.process, None
        if process is None:
            return
        if process.poll() is not None:
            if process.stdin:
                process.stdin.close()
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        finally:
            if process.stdin:
                process.stdin.close()

    def __enter__(self) -> Neo4jTarget:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def target_from_settings(settings: Settings) -> Neo4jTarget | None:
    """The external server named by NEO4J_URI, or None when the embedded one is to be used."""
    if not settings.neo4j_uri:
        return None
    if settings.neo4j_password is None:
        raise LauncherError("NEO4J_URI is set but NEO4J_PASSWORD is not")
    return Neo4jTarget(settings.neo4j_uri, settings.neo4j_username, settings.neo4j_password, settings.neo4j_database)
