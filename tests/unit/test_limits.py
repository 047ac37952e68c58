"""Limits that hold before anything reaches the graph: a bundle file's limits name the file, record
and field; a few YAML aliases still load; a body declared too large is refused unread.
(tests/integration/test_limits.py sends hostile input through the app over Neo4j.)"""

from __future__ import annotations

import asyncio

from api.limits import BodyLimit
from graph.files import read_text
from graph.validate import MAX_LIST, MAX_TEXT, check_bundle

# --- YAML aliases --------------------------------------------------------------------------------


def test_a_few_yaml_aliases_still_load():
    # PyYAML writes aliases itself for a value used twice (tests/integration/test_loader.py's bundles have them).
    raw = read_text(
        "organisations:\n  - id: org:portaal\n    name: Portaal\n    kind: company\n"
        "    sector: business\n    keywords: &words [wonen, zorg]\n  - id: org:ander\n    name: Ander\n"
        "    kind: company\n    sector: business\n    keywords: *words\n",
        "body.yaml",
        "yaml",
    )
    assert not raw.problems and raw.records[1].data["keywords"] == ["wonen", "zorg"]


# --- text, list and nesting limits ---------------------------------------------------------------


def test_bundle_files_get_the_same_limits_with_file_record_and_field():
    text = (
        "organisations:\n  - id: org:lang\n    name: Lang\n    kind: company\n    sector: business\n"
        f"    description: {'x' * (MAX_TEXT + 5)}\n    keywords: [{', '.join(['k'] * (MAX_LIST + 1))}]\n"
    )
    checked = check_bundle(read_text(text, "organisations.yaml", "yaml"))
    lines = sorted(str(p) for p in checked.problems)
    assert lines == [
        (
            f"organisations.yaml:2: organisations[0] (org:lang): field 'description': is {MAX_TEXT + 5} characters "
            f"long; the limit is {MAX_TEXT}"
        ),
        (
            f"organisations.yaml:2: organisations[0] (org:lang): field 'keywords': has {MAX_LIST + 1} items; the "
            f"limit is {MAX_LIST}"
        ),
    ]


# --- body size -----------------------------------------------------------------------------------


def test_a_declared_length_past_the_limit_is_refused_without_reading_the_body():
    async def app(scope, receive, send):
        raise AssertionError("the app must not be reached")

    async def receive():
        raise AssertionError("the body must not be read")

    sent = []

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/organisations", "headers": [(b"content-length", b"52428800")]}
    asyncio.run(BodyLimit(app, 2_000_000, 20_000_000)(scope, receive, send))
    assert sent[0]["status"] == 413
