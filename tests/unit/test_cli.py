"""The command-line tools that need no database: checking a bundle, and their help."""

import subprocess
import sys

from graph.settings import PROJECT_ROOT


def test_check_needs_no_database(tmp_path, seed_dir):
    ok = subprocess.run(
        [sys.executable, "-m", "graph", "load", "--check", str(seed_dir)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert ok.returncode == 0 and "no problems" in ok.stdout, ok.stderr
    (tmp_path / "t.yaml").write_text("teams:\n  - id: team:x\n    name: X\n    question: question:nergens\n")
    bad = subprocess.run(
        [sys.executable, "-m", "graph", "load", "--check", str(tmp_path)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert bad.returncode == 1
    assert (
        "t.yaml:2: teams[0] (team:x): field 'question': refers to question:nergens, which is not in this bundle"
        in bad.stderr
    )


def test_help_describes_the_loader():
    result = subprocess.run(
        [sys.executable, "-m", "graph", "load", "--help"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0 and "one transaction" in result.stdout
