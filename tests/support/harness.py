"""Running the viewer for a real browser: the app served by uvicorn in a thread on a free port,
where Debian's Chromium is, and what a page in it requests and logs. Used by the browser tests and the benchmarks."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn

from api.main import create_app
from graph.handle import Graph
from graph.settings import PROJECT_ROOT


def chromium_path() -> str | None:
    """Debian's `chromium` (the project's set-up installs it), or Ubuntu's name for it."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def require(missing: list[str]) -> None:
    """Skips the browser tests for what is `missing` on a developer's machine; with CI set they
    must run, so there it fails them instead."""
    if missing:
        message = "browser tests need " + " and ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(message + "; in CI they must run")
        pytest.skip(message)


def screenshot_dir() -> Path:
    """Where browser tests put their screenshots: var/screenshots/, or the folder named by
    STEDENLINK_SCREENSHOTS (`make screenshots` points it at docs/screenshots/, which the README shows),
    so that an ordinary test run leaves the committed pictures alone."""
    return Path(os.environ.get("STEDENLINK_SCREENSHOTS", PROJECT_ROOT / "var" / "screenshots"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(graph: Graph, timeout: float = 30.0):
    """Yields the origin (http://127.0.0.1:PORT) of the app, with its pages, over `graph`."""
    app = create_app(graph)
    # `api serve` starts the network analysis as it starts; here it is waited for, so that every
    # page shows it from the first request.
    app.state.analysis.get()
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, name="viewer-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the viewer's server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(15)


class Recorder:
    """Every URL the page requests, and every console error (a CSP violation shows up here)."""

    def __init__(self, page):
        self.urls: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda request: self.urls.append(request.url))
        page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def assert_stayed_on(self, origin: str) -> None:
        """Nothing was fetched from anywhere but `origin`, and the page logged no error."""
        outside = [u for u in self.urls if not u.startswith((origin + "/", "data:"))]
        assert not outside, f"requests outside the server: {outside}"
        assert self.urls, "no request was recorded"
        assert not self.errors, f"errors in the page: {self.errors}"
