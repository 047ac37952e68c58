"""Tokens expire; the pages' cookie holds a login session, not the token; logging out ends the
session on the server; the cookie is Secure behind https."""

import datetime as dt

from fastapi.testclient import TestClient

from api.deps import SESSION_COOKIE, hash_token
from api.tokens import new_token
from graph.settings import Settings, get_settings
from tests.support.app import run_command as run

TEAM_PATH = "/teams/team:onze-stad-informele-thuiszorg"


def _log_in(app, token: str, **client_args) -> tuple[TestClient, str]:
    client = TestClient(app, **client_args)
    response = client.post("/login", data={"token": token, "next": "/viewer"}, follow_redirects=False)
    assert response.status_code == 303, response.text
    return client, response.headers["set-cookie"]


def _cookie_value(set_cookie: str) -> str:
    return set_cookie.split(";")[0].split("=", 1)[1]


def _age(graph, token_id: str, days: float) -> None:
    """Moves a token's expiry `days` into the past, as if that much time had gone by."""
    graph.driver.execute_query(
        "MATCH (t:ApiToken {id: $id}) SET t.expires_at = datetime() - duration({days: $days})",
        id=token_id,
        days=days,
        database_=graph.database,
    )


def test_the_login_cookie_holds_a_session_id_not_the_token(callers):
    token = callers.tokens["liaison"]
    client, set_cookie = _log_in(callers.app, token)
    assert set_cookie.startswith(f"{SESSION_COOKIE}=") and token not in set_cookie
    graph = callers.app.state.graph
    stored = graph.driver.execute_query(
        "MATCH (s:LoginSession {hash: $hash}) RETURN s.token AS token",
        hash=hash_token(_cookie_value(set_cookie)),
        database_=graph.database,
    ).records
    assert len(stored) == 1 and stored[0]["token"].startswith("tok_")
    assert client.get("/viewer", follow_redirects=False).status_code == 200
    assert client.get(TEAM_PATH).status_code == 200  # the API takes the cookie too
    assert "LoginSession" not in callers.anonymous.get("/health").json()["nodes"]


def test_logout_ends_the_session_so_a_copied_cookie_no_longer_works(callers):
    client, set_cookie = _log_in(callers.app, callers.tokens["liaison"])
    copy = TestClient(callers.app, cookies={SESSION_COOKIE: _cookie_value(set_cookie)})
    assert copy.get("/viewer", follow_redirects=False).status_code == 200
    assert client.post("/logout", follow_redirects=False).status_code == 303

    assert copy.get("/viewer", follow_redirects=False).status_code == 303  # back to the login form
    refused = copy.get(TEAM_PATH)
    assert refused.status_code == 401 and "logged out" in refused.json()["detail"]
    assert callers.liaison.get(TEAM_PATH).status_code == 200  # the token itself still works


def test_the_cookie_is_secure_behind_https(callers):
    token = callers.tokens["liaison"]
    assert "Secure" not in _log_in(callers.app, token)[1]  # plain http, as `make run` serves
    assert "Secure" in _log_in(callers.app, token, base_url="https://testserver")[1]
    assert "Secure" in _log_in(callers.app, token, headers={"X-Forwarded-Proto": "https"})[1]
    callers.app.dependency_overrides[get_settings] = lambda: Settings(cookie_secure=True)
    try:
        assert "Secure" in _log_in(callers.app, token)[1]
    finally:
        callers.app.dependency_overrides.clear()


def test_an_expired_token_is_refused_naming_its_expiry(callers, seeded):
    token_id, token = new_token(seeded, "liaison", "Short-lived", days=1)
    client = TestClient(callers.app, headers={"Authorization": f"Bearer {token}"})
    assert client.get(TEAM_PATH).status_code == 200
    cookie_client, _ = _log_in(callers.app, token)

    _age(seeded, token_id, 1)
    refused = client.get(TEAM_PATH)
    assert refused.status_code == 401
    assert f"API token {token_id} expired on {dt.date.today() - dt.timedelta(days=1)}" in refused.json()["detail"]
    assert cookie_client.get("/viewer", follow_redirects=False).status_code == 303  # its session ends with it
    login = TestClient(callers.app).post("/login", data={"token": token}, follow_redirects=False)
    assert login.status_code == 401 and "verlopen" in login.text


def test_a_token_made_before_expiry_existed_expires_90_days_after_it_was_made(callers, seeded):
    token_id, token = new_token(seeded, "liaison", "Old token")
    seeded.driver.execute_query(
        "MATCH (t:ApiToken {id: $id}) REMOVE t.expires_at SET t.created_at = datetime() - duration({days: 91})",
        id=token_id,
        database_=seeded.database,
    )
    refused = TestClient(callers.app, headers={"Authorization": f"Bearer {token}"}).get(TEAM_PATH)
    assert refused.status_code == 401 and "expired on" in refused.json()["detail"]


def test_the_cli_sets_the_expiry_at_creation_and_lists_it(seeded, neo4j_target):
    made = run(["api", "tokens", "create", "--role", "liaison", "--name", "Liaison kort", "--days", "30"], neo4j_target)
    assert made.returncode == 0, made.stderr
    expires = (dt.datetime.now(dt.UTC) + dt.timedelta(days=30)).date().isoformat()
    assert f"valid until {expires}" in made.stdout
    default = run(["api", "tokens", "create", "--role", "liaison", "--name", "Liaison lang"], neo4j_target)
    listed = run(["api", "tokens", "list"], neo4j_target).stdout
    assert f"active, expires {expires}" in listed
    ninety = (dt.datetime.now(dt.UTC) + dt.timedelta(days=90)).date().isoformat()
    assert default.returncode == 0 and f"active, expires {ninety}" in listed

    token_id = made.stdout.split()[1]
    _age(seeded, token_id, 2)
    assert "expired " in next(
        line for line in run(["api", "tokens", "list"], neo4j_target).stdout.splitlines() if token_id in line
    )
    refused = run(["api", "tokens", "create", "--role", "liaison", "--name", "x", "--days", "0"], neo4j_target)
    assert refused.returncode == 2 and "--days" in refused.stderr


def test_expired_sessions_are_cleared_away_at_the_next_login(callers, seeded):
    _log_in(callers.app, callers.tokens["liaison"])
    seeded.driver.execute_query(
        "MATCH (s:LoginSession) SET s.expires_at = datetime() - duration({days: 1})", database_=seeded.database
    )
    _log_in(callers.app, callers.tokens["team"])
    left = seeded.driver.execute_query("MATCH (s:LoginSession) RETURN count(s) AS n", database_=seeded.database)
    assert left.records[0]["n"] == 1
