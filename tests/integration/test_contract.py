"""The API keeps its OpenAPI contract: schemathesis generates requests from the app's own document
and sends them, as a coordinator, to the real app served by uvicorn over the real test Neo4j with
the seed loaded. Every check runs (no 5xx, responses and statuses as documented, content types,
invalid input refused, `Allow` on OPTIONS and 405, ...); any failure fails the test.

The run is bounded and repeatable: a fixed number of examples per operation, deterministic
generation (no randomness between runs), one worker. Its writes land in this test's own graph,
which is wiped afterwards. tests/integration/schemathesis.toml says what the run accepts and why.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from graph.repositories.counts import wipe
from graph.settings import PROJECT_ROOT
from tests.support.app import seeded_site

CONFIG = PROJECT_ROOT / "tests" / "integration" / "schemathesis.toml"
# The bounded run of `make test`: examples from the document, then 15 generated cases for each of
# the 71 operations: about 1,100 requests, 2-4 minutes on 2 cores. STEDENLINK_SCHEMATHESIS_PHASES=
# examples,coverage,fuzzing adds the coverage phase (boundary values of every parameter: ~8,000
# requests, ~8 minutes), STEDENLINK_SCHEMATHESIS_EXAMPLES changes the count.
PHASES = os.environ.get("STEDENLINK_SCHEMATHESIS_PHASES", "examples,fuzzing")
EXAMPLES_PER_OPERATION = int(os.environ.get("STEDENLINK_SCHEMATHESIS_EXAMPLES", "15"))
MIN_REQUESTS = 1_000
SEED = 20261201


def schemathesis_command(origin: str, token: str, report: Path) -> list[str]:
    st = Path(sys.executable).with_name("st")
    return [
        str(st),
        "--config-file",
        str(CONFIG),
        "run",
        f"{origin}/openapi.json",
        "--header",
        f"Authorization: Bearer {token}",
        "--checks",
        "all",
        "--phases",
        PHASES,
        "--max-examples",
        str(EXAMPLES_PER_OPERATION),
        "--seed",
        str(SEED),
        "--generation-deterministic",
        "--workers",
        "1",
        "--request-timeout",
        "60",
        "--no-color",
        "--report",
        "json",
        "--report-json-path",
        str(report),
    ]


def summary(report: dict) -> str:
    cases = report["test_cases"]
    lines = [
        f"operations tested: {report['operations']['tested']}/{report['operations']['total']}",
        (
            f"requests generated: {cases['generated']}, with failures: {cases['with_failures']}, "
            f"errored: {cases['errored']}"
        ),
    ]
    lines += [f"{f['code']} {f['title']}: {f['count']} ({', '.join(f['operations'])})" for f in report["failures"]]
    lines += [f"error: {e}" for e in report["errors"]]
    return "\n".join(lines)


def test_generated_requests_keep_the_documented_contract(neo4j_target, tmp_path):
    report_path = tmp_path / "schemathesis.json"
    with seeded_site(neo4j_target) as site:
        try:
            run = subprocess.run(
                schemathesis_command(site.origin, site.tokens["coordinator"], report_path),
                capture_output=True,
                text=True,
                timeout=1200,
                check=False,
                cwd=tmp_path,
                env={**os.environ, "NO_COLOR": "1"},
            )
        finally:
            wipe(site.graph)
    assert report_path.exists(), run.stdout[-5000:] + run.stderr[-5000:]
    report = json.loads(report_path.read_text(encoding="utf-8"))
    print(summary(report))
    assert report["complete"], summary(report)
    assert not report["failures"] and not report["errors"], summary(report) + "\n" + run.stdout[-20000:]
    assert report["test_cases"]["generated"] >= MIN_REQUESTS, summary(report)
    assert run.returncode == 0, run.stdout[-20000:]
