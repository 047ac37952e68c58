"""The embedded server: authentication on, loopback only, password kept private."""

import os
import stat
from pathlib import Path

import pytest
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError

from graph.settings import PROJECT_ROOT

TEST_HOME = Path(os.environ.get("STEDENLINK_TEST_HOME", PROJECT_ROOT / "var" / "test-neo4j"))


def test_wrong_password_is_refused(neo4j_target):
    with GraphDatabase.driver(neo4j_target.uri, auth=("neo4j", "not-the-password")) as driver, pytest.raises(AuthError):
        driver.verify_connectivity()


def test_password_file_is_private_and_not_in_git():
    password_file = TEST_HOME / "password"
    if not password_file.exists():
        pytest.skip("tests run against an external server")
    assert stat.S_IMODE(password_file.stat().st_mode) == 0o600
    assert "var/" in (PROJECT_ROOT / ".gitignore").read_text().splitlines()


def test_server_listens_on_loopback_only(neo4j_target):
    if not neo4j_target.uri.startswith("bolt://127.0.0.1"):
        pytest.skip("tests run against an external server")
    with GraphDatabase.driver(neo4j_target.uri, auth=(neo4j_target.username, neo4j_target.password)) as driver:
        records, _, _ = driver.execute_query(
            "CALL dbms.listConfig('server.bolt.listen_address') YIELD value RETURN value",
            database_=neo4j_target.database,
        )
    assert records[0]["value"].startswith("127.0.0.1:")


def test_a_second_server_on_the_same_data_fails_clearly(neo4j_target):
    """Two servers cannot share a store: the second stops at start-up and says why."""
    from graph.server import LauncherError, LocalNeo4j

    home = TEST_HOME
    if not (home / "password").exists():
        pytest.skip("tests run against an external server")
    second = LocalNeo4j(home, 7698, heap="256m", pagecache="16m", startup_timeout=120)
    with pytest.raises(LauncherError, match="stopped during start-up"):
        second.start()


def test_store_files_and_folders_are_the_owner_s_only(neo4j_target):
    """The store holds contact data: nothing under the server's home is readable by group or others,
    neither what existed before the start (closed at start) nor what the JVM wrote since (umask)."""
    if not (TEST_HOME / "password").exists():
        pytest.skip("tests run against an external server")
    with GraphDatabase.driver(neo4j_target.uri, auth=(neo4j_target.username, neo4j_target.password)) as driver:
        driver.execute_query(
            "CREATE (:PermissionProbe) WITH 1 AS x MATCH (p:PermissionProbe) DELETE p", database_=neo4j_target.database
        )
    paths = [TEST_HOME, *TEST_HOME.rglob("*")]
    assert len(paths) > 20 and any(p.name.startswith("neostore") for p in paths)
    open_to_others = [
        f"{p} {stat.S_IMODE(p.lstat().st_mode):o}"
        for p in paths
        if not p.is_symlink() and stat.S_IMODE(p.lstat().st_mode) & 0o077
    ]
    assert open_to_others == []
    assert stat.S_IMODE(TEST_HOME.stat().st_mode) == 0o700
