"""The API's command line, `python -m api COMMAND`:

    python -m api serve                                              what `make run` runs
    python -m api tokens create --role coordinator --name "Marieke (DSA)"
    python -m api tokens create --role liaison --name "Stephan" --days 30
    python -m api tokens create --role team --team team:zorg-thuis --name "Team zorg thuis"
    python -m api tokens list
    python -m api tokens revoke tok_3f9a...

`serve` starts Neo4j if needed (unless NEO4J_URI names a server), applies the schema, loads seed_data/
into a new graph (never over what coordinators changed: see graph.seed), and serves the API on
http://127.0.0.1:8000 until Ctrl-C, then stops Neo4j cleanly. An embedded Neo4j that dies meanwhile
is started again (graph.watch).
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
import time
from pathlib import Path

import uvicorn

from api.deps import ROLES
from api.main import create_app
from api.tokens import DEFAULT_DAYS, MAX_DAYS, new_token, revoke_token, token_state
from graph import journal
from graph.connect import open_graph, open_watched_graph
from graph.handle import Graph
from graph.loader import BundleRejected
from graph.repositories import tokens as token_store
from graph.seed import seed_new_graph
from graph.settings import get_settings


def prepare_graph(graph: Graph, seed_dir: Path) -> str:
    """What the start does to the graph before serving; returns the lines it prints about it: a
    load that a process which died left unfinished is undone first (graph.journal), then a new
    graph gets the seed. Raises BundleRejected when the seed has problems."""
    said = journal.recover(graph)
    report = seed_new_graph(graph, seed_dir)
    if report is None:
        said.append(
            f"Seed data {seed_dir} not loaded: the graph is not new, and the seed never overwrites it "
            "(make reset-seed goes back to the seed)"
        )
    else:
        said.append(f"Seed data {seed_dir} loaded into a new graph: created {report.totals()['created']}")
    return "\n".join(said)


def serve(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = get_settings()
    started = time.monotonic()
    with open_watched_graph(settings) as (graph, watch):
        try:
            print(prepare_graph(graph, settings.seed_dir), file=sys.stderr)
        except BundleRejected as rejected:
            print(rejected, file=sys.stderr)
            return 1
        print(
            f"Ready after {time.monotonic() - started:.1f} s: http://{settings.api_host}:{settings.api_port}",
            file=sys.stderr,
            flush=True,
        )
        app = create_app(graph, watch=watch)
        app.state.analysis.get(wait=False)  # the network analysis starts in the background now, not on the first page
        uvicorn.run(app, host=settings.api_host, port=settings.api_port)
    return 0


def _add_tokens(commands) -> None:
    tokens = commands.add_parser(
        "tokens",
        help="create, list and revoke API tokens",
        description="Create, list and revoke API tokens. A new token is printed once; only its SHA-256 hash is stored.",
    )
    tokens.set_defaults(run=manage_tokens)
    commands = tokens.add_subparsers(dest="action", required=True)
    create = commands.add_parser("create", help="make a token and print it once")
    create.add_argument("--role", required=True, choices=ROLES)
    create.add_argument("--name", required=True, help="who holds the token, as the audit log will show it")
    create.add_argument("--team", help="the team id, for a team token")
    create.add_argument(
        "--days",
        type=int,
        default=DEFAULT_DAYS,
        help=f"how long the token works, in days (default {DEFAULT_DAYS}, at most {MAX_DAYS})",
    )
    commands.add_parser("list", help="all tokens, without their secrets")
    revoke = commands.add_parser("revoke", help="stop a token from working")
    revoke.add_argument("token_id")


def manage_tokens(args: argparse.Namespace) -> int:
    with open_graph() as graph:
        if args.action == "create":
            try:
                token_id, token = new_token(graph, args.role, args.name, args.team, args.days)
            except ValueError as error:
                print(f"error: {error}", file=sys.stderr)
                return 2
            expires = (dt.datetime.now(dt.UTC) + dt.timedelta(days=args.days)).date().isoformat()
            print(
                f"Token {token_id} for {args.name} ({args.role}{', ' + args.team if args.team else ''}), "
                f"valid until {expires}.\nKeep it now, it is not shown again:\n{token}"
            )
        elif args.action == "list":
            now = dt.datetime.now(dt.UTC)
            for row in token_store.listing(graph):
                print(
                    f"{row['id']}  {row['role']:<11} {row['team'] or '-':<28} {token_state(row, now):<30} {row['name']}"
                )
        else:
            if not revoke_token(graph, args.token_id):
                print(f"error: no token with id {args.token_id!r}", file=sys.stderr)
                return 2
            print(f"Token {args.token_id} revoked.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m api", description="The API: serving it and its tokens.")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("serve", help="serve the API and the pages (what `make run` runs)").set_defaults(run=serve)
    _add_tokens(commands)
    args = parser.parse_args(argv)
    return args.run(args)
