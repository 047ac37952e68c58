"""Running the viewer for a real browser: the app served by uvicorn in a thread on a free port,
and where Debian's Chromium is. Used by the browser tests and bench.viewer_time."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import uvicorn

from api import pages
from api.deps import Graph
from api.main import create_app
from graph.settings import PROJECT_ROOT


def chromium_path() -> str | None:
    """Debian's `chromium` (the project's set-up installs it), or Ubuntu's name for it."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


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
    pages.install(app)  # harmless once create_app installs the pages itself
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
