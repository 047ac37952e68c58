"""A small synchronous WebDriver BiDi client, and Debian's firefox-esr started headless for it.

The browser tests drive Firefox this way because Playwright's own Firefox build cannot be
downloaded here, geckodriver is not packaged by Debian, and Playwright's BiDi mode for stock
Firefox (channel "moz-firefox") sends commands that Firefox ESR does not know yet
(emulation.setMediaFeaturesOverride). Firefox speaks BiDi itself; one websocket is enough.

    with firefox() as bidi:
        tab = bidi.command("browsingContext.create", {"type": "tab"})["context"]
        bidi.command("browsingContext.navigate", {"context": tab, "url": url, "wait": "complete"})
        title = bidi.evaluate(tab, "document.title")

Protocol: https://w3c.github.io/webdriver-bidi/
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from websockets.sync.client import connect


class BiDiError(RuntimeError):
    """A command the browser answered with an error, or a script that threw."""


class BiDi:
    """One BiDi session over an open websocket. `command` sends a command and returns its result;
    the events that arrive meanwhile are kept, in order, in `events` (as {"method", "params"})."""

    def __init__(self, websocket, timeout: float = 60.0):
        self.websocket = websocket
        self.timeout = timeout
        self.events: list[dict] = []
        self._last_id = 0

    def command(self, method: str, params: dict | None = None) -> dict:
        self._last_id += 1
        self.websocket.send(json.dumps({"id": self._last_id, "method": method, "params": params or {}}))
        deadline = time.monotonic() + self.timeout
        while True:
            message = json.loads(self.websocket.recv(timeout=max(0.0, deadline - time.monotonic())))
            if message.get("type") == "event":
                self.events.append({"method": message["method"], "params": message["params"]})
            elif message.get("id") == self._last_id:
                if message["type"] == "error":
                    raise BiDiError(f"{method}: {message['error']}: {message.get('message', '')}")
                return message["result"]

    def evaluate(self, context: str, expression: str) -> Any:
        """The value of a JavaScript expression in a browsing context, awaited if it is a promise.
        It travels as JSON, so it must be JSON-serialisable; BiDi's own serialisation of values
        is richer than the tests need."""
        wrapped = f"(async () => JSON.stringify(await ({expression})))()"
        result = self.command(
            "script.evaluate", {"expression": wrapped, "target": {"context": context}, "awaitPromise": True}
        )
        if result["type"] == "exception":
            raise BiDiError(f"{expression!r} threw: {result['exceptionDetails']['text']}")
        value = result["result"]
        return json.loads(value["value"]) if value["type"] == "string" else None


def firefox_path() -> str | None:
    """Debian's `firefox-esr` (`make browser` installs it), or a `firefox` on the PATH."""
    return shutil.which("firefox-esr") or shutil.which("firefox")


# A fresh profile that stays quiet: no first-run pages, no updates, no telemetry or remote
# settings, so that the browser itself sends nothing while a test watches the network.
PREFS = {
    "browser.shell.checkDefaultBrowser": False,
    "browser.startup.homepage_override.mstone": "ignore",
    "app.update.disabledForTesting": True,
    "datareporting.policy.dataSubmissionEnabled": False,
    "toolkit.telemetry.reportingpolicy.firstRun": False,
    "services.settings.server": "data:,no-remote-settings",
    "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False,
}


@contextmanager
def firefox(path: str | None = None, timeout: float = 60.0) -> Iterator[BiDi]:
    """Starts headless Firefox with a temporary profile and yields a BiDi session with it. The
    browser, and every process it started, is killed afterwards, whatever happened."""
    path = path or firefox_path()
    if path is None:
        raise FileNotFoundError("no firefox-esr or firefox on the PATH")
    # ignore_cleanup_errors: a dying content process may still be writing to the profile.
    with tempfile.TemporaryDirectory(prefix="stedenlink-firefox-", ignore_cleanup_errors=True) as profile:
        Path(profile, "user.js").write_text(
            "".join(f"user_pref({json.dumps(k)}, {json.dumps(v)});\n" for k, v in PREFS.items())
        )
        # Firefox writes the websocket's address (port 0: one it picked) to stderr. A file, not a
        # pipe: nobody has to keep reading it for the browser not to block.
        log = Path(profile, "stderr.log")
        with log.open("w") as stderr:
            # Its own process group, so that its content processes can be killed with it.
            process = subprocess.Popen(
                [path, "--headless", "--no-remote", "--remote-debugging-port", "0", "--profile", profile],
                stdout=subprocess.DEVNULL,
                stderr=stderr,
                start_new_session=True,
            )
        try:
            url = _websocket_url(process, log, timeout)
            with connect(url + "/session", max_size=None, open_timeout=timeout) as websocket:
                bidi = BiDi(websocket, timeout)
                bidi.command("session.new", {"capabilities": {}})
                yield bidi
        finally:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            process.wait(timeout=30)


def _websocket_url(process: subprocess.Popen, log: Path, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while True:
        found = re.search(r"WebDriver BiDi listening on (ws://\S+)", log.read_text())
        if found:
            return found.group(1)
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"Firefox did not start its BiDi server:\n{log.read_text()[-2000:]}")
        time.sleep(0.1)
