"""Generated bundles (bench.generate) for the tests: made by the command line in a fresh process,
read back as records."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from graph.settings import PROJECT_ROOT

PEOPLE = 300


def generate(out: Path, *args: str, hash_seed: str = "0") -> None:
    """Runs the command line in a fresh process; PYTHONHASHSEED differs between calls on purpose,
    so that output depending on set or hash order would show up as a difference."""
    subprocess.run(
        [sys.executable, "-m", "bench.generate", str(out), "--people", str(PEOPLE), *args],
        cwd=PROJECT_ROOT,
        check=True,
        capture_output=True,
        env=dict(os.environ, PYTHONHASHSEED=hash_seed),
    )


def read(out: Path) -> dict[str, list[dict]]:
    """The bundle's records per section (one JSON file per section, named after it)."""
    bundle = {}
    for path in sorted(out.glob("*.json")):
        content = json.loads(path.read_text(encoding="utf-8"))
        assert list(content) == [path.stem]
        bundle[path.stem] = content[path.stem]
    return bundle
