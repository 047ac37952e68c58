"""How long the graph viewer takes to draw, in headless Chromium.

    python -m bench.viewer_time [BUNDLE ... | --graph] [--people N] [--runs R] [--json]

Without BUNDLE: the seed data, and a generated bundle of about 5,000 nodes (bench.generate with
--people N, default 3420, seed 1). Each bundle is loaded into a scratch Neo4j of its own
(var/scratch-neo4j, Bolt port + 2), served by the app on a free port, and opened in Debian's
Chromium (driven by Playwright) with a coordinator's token.

Per view it prints: the first load (the server reads the graph and lays it out), then the median of
R more loads (the layout is cached), each as the time from navigation start until vis-network's
first drawing, split into the server's answer and the browser's part; then how long one redraw
takes after zooming and one filter change. --screenshots DIR keeps a picture of each view. Views: the whole network as a user first sees it (at
most 1,500 nodes), the whole network uncapped (?max=6000), and a team's ego view. With --graph the
configured graph (NEO4J_*) is measured instead of loading bundles; --json prints the figures as
JSON.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from api.tokens import new_token
from bench.generate import generate, write_bundle
from graph.connect import scratch_graph
from graph.repositories import counts, viewing
from graph.settings import PROJECT_ROOT
from tests.support.harness import chromium_path, serve

SEED = PROJECT_ROOT / "seed_data"
JSON_OUTPUT = False  # --json: the lines go to stderr, the JSON to stdout

# Resolves once vis-network has drawn again after a zoom; returns the time it took.
REDRAW = """() => new Promise(resolve => { const n = window.stedenlink.network, t = performance.now();
    n.once('afterDrawing', () => resolve(performance.now() - t)); n.moveTo({scale: n.getScale() * 1.25}); })"""
# One filter change (the first organisation kind in the list) and back, timed in the page.
FILTER = """() => { const s = document.getElementById('filter-kind'), t = performance.now();
    s.value = s.options[1].value; s.dispatchEvent(new Event('change'));
    s.value = ''; s.dispatchEvent(new Event('change')); return (performance.now() - t) / 2; }"""


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def load_once(page, url: str) -> dict:
    """Opens `url` and waits for the first drawing; times from the browser's navigation timing."""
    page.goto(url, wait_until="commit")
    page.wait_for_selector("body[data-drawn='1']", timeout=300_000)
    return page.evaluate("""() => { const nav = performance.getEntriesByType('navigation')[0];
        return {total: performance.now(), server: nav.responseEnd, draw: window.stedenlink.state.drawnAfterMs,
                nodes: window.stedenlink.nodes.length, edges: window.stedenlink.edges.length}; }""")


def measure_view(
    browser, origin: str, token: str, label: str, path: str, runs: int, screenshot: Path | None = None
) -> dict:
    context = browser.new_context(
        viewport={"width": 1400, "height": 900}, extra_http_headers={"Authorization": f"Bearer {token}"}
    )
    page = context.new_page()
    first = load_once(page, origin + path)
    again = [load_once(page, origin + path) for _ in range(runs)]
    redraw = statistics.median(page.evaluate(REDRAW) for _ in range(5))
    filtering = page.evaluate(FILTER)
    if screenshot:
        page.evaluate("window.stedenlink.network.fit()")
        page.screenshot(path=str(screenshot))
    context.close()

    def med(key: str) -> float:
        return statistics.median(r[key] for r in again) / 1000

    figures = {
        "view": label,
        "nodes": first["nodes"],
        "edges": first["edges"],
        "first_seconds": round(first["total"] / 1000, 2),
        "median_seconds": round(med("total"), 2),
        "server_seconds": round(med("server"), 2),
        "drawing_seconds": round(med("draw"), 2),
        "redraw_ms": round(redraw, 1),
        "filter_ms": round(filtering, 1),
    }
    print(
        f"  {label:<26} {first['nodes']:>5} nodes {first['edges']:>6} edges   "
        f"first {first['total'] / 1000:6.2f} s   then median {med('total'):5.2f} s "
        f"(server {med('server'):5.2f} s, drawing {med('draw'):5.2f} s)   "
        f"redraw {redraw:6.1f} ms   filter {filtering:6.1f} ms",
        file=sys.stderr if JSON_OUTPUT else sys.stdout,
        flush=True,
    )
    return figures


def first_team(graph) -> str | None:
    teams = viewing.choices(graph)["teams"]
    return teams[0]["id"] if teams else None


def bench_bundle(browser, bundle: Path, runs: int, screenshots: Path | None = None) -> list[dict]:
    progress(f"loading {bundle} into a scratch Neo4j...")
    started = time.monotonic()
    with scratch_graph(bundle, quiet=True) as graph:
        progress(f"loaded in {time.monotonic() - started:.0f} s; measuring...")
        return bench_graph(browser, graph, bundle.name, runs, screenshots)


def bench_graph(browser, graph, name: str, runs: int, screenshots: Path | None = None) -> list[dict]:
    nodes = sum(counts.node_counts(graph).values())
    rels = sum(counts.relationship_counts(graph).values())
    print(f"== {name}: {nodes} nodes, {rels} relationships", file=sys.stderr if JSON_OUTPUT else sys.stdout, flush=True)
    token = new_token(graph, "coordinator", "bench.viewer_time")[1]
    results = []
    with serve(graph, timeout=120) as origin:
        views = [("whole network (capped)", "/viewer"), ("whole network, all nodes", "/viewer?max=6000")]
        team = first_team(graph)
        if team:
            views.append(("a team's ego view", f"/viewer?focus={team}"))
        for number, (label, path) in enumerate(views, 1):
            progress(f"  {label}...")
            shot = screenshots / f"viewer-bench-{name}-{number}.png" if screenshots else None
            results.append({"graph": name, **measure_view(browser, origin, token, label, path, runs, shot)})
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.viewer_time", description=__doc__.splitlines()[0])
    parser.add_argument(
        "bundles",
        nargs="*",
        type=Path,
        help="bundles to load (default: the seed data and a generated bundle of about 5,000 nodes)",
    )
    parser.add_argument("--people", type=int, default=3420, help="people in the generated bundle (default 3420)")
    parser.add_argument("--runs", type=int, default=3, help="loads after the first, per view (default 3)")
    parser.add_argument("--screenshots", type=Path, help="save a screenshot of each view into this folder")
    parser.add_argument("--graph", action="store_true", help="measure the configured graph (NEO4J_*), load nothing")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    global JSON_OUTPUT
    JSON_OUTPUT = args.json
    if chromium_path() is None:
        print("error: no chromium; `make setup` installs Debian's", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    if args.screenshots:
        args.screenshots.mkdir(parents=True, exist_ok=True)
    results = []
    with tempfile.TemporaryDirectory(prefix="viewer-bench-") as scratch, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), headless=True)
        try:
            if args.graph:
                from graph.connect import open_graph

                with open_graph(schema=False) as graph:
                    results += bench_graph(browser, graph, "configured graph", args.runs, args.screenshots)
            else:
                bundles = args.bundles
                if not bundles:
                    generated = Path(scratch) / f"generated-{args.people}"
                    progress(f"generating a bundle with {args.people} people (seed 1)...")
                    write_bundle(generated, generate(args.people, 1))
                    bundles = [SEED, generated]
                for bundle in bundles:
                    results += bench_bundle(browser, bundle, args.runs, args.screenshots)
        finally:
            browser.close()
    if args.json:
        print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
