"""Many clients at once, through uvicorn over the real Neo4j: the same answers as one client, and an
answer given between two reads shows in the next read. No timings here (speed is measured by
bench.concurrency): what is checked is that the shared, cached work stays correct."""

from __future__ import annotations

import http.client
import json
import threading
from urllib.parse import urlsplit

import pytest

from matcher.partners import PartnerMatcher
from tests.support.app import TEAM, seeded_site

AS_OF = "2011-06-16"
CLIENTS = 16


def _paths(teams: list[str]) -> list[str]:
    return [
        path
        for team in teams
        for path in (
            f"/teams/{team}/partner-suggestions?limit=20",
            f"/teams/{team}/partner-suggestions?blind=true",
            f"/teams/{team}/city-suggestions?as_of={AS_OF}",
            f"/teams/{team}/readiness?as_of={AS_OF}",
            f"/teams/{team}",
        )
    ]


def _comparable(body: dict) -> dict:
    body = dict(body)
    body.pop("model", None)  # the fit's time only: the same fit answers both
    return body


class Client:
    """One keep-alive connection, as a browser or script holds it."""

    def __init__(self, origin: str, token: str):
        self.host, self.port = urlsplit(origin).hostname, urlsplit(origin).port
        self.connection = http.client.HTTPConnection(self.host, self.port, timeout=120)
        self.headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}

    def call(self, method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
        self.connection.request(method, path, body=json.dumps(body) if body is not None else None, headers=self.headers)
        response = self.connection.getresponse()
        return response.status, json.loads(response.read())

    def get(self, path: str) -> dict:
        status, body = self.call("GET", path)
        assert status == 200, (path, status, body)
        return _comparable(body)


def _in_parallel(origin: str, token: str, paths: list[str], clients: int = CLIENTS) -> list[dict[str, dict]]:
    """Every client asks for every path (each starting elsewhere in the list), all at once; what each got."""
    results: list[dict[str, dict]] = [{} for _ in range(clients)]
    failures: list[BaseException] = []
    start = threading.Barrier(clients)

    def run(k: int) -> None:
        try:
            client = Client(origin, token)
            start.wait()
            for i in range(len(paths)):
                path = paths[(i + k * len(paths) // clients) % len(paths)]
                results[k][path] = client.get(path)
        except BaseException as error:  # noqa: BLE001 - reported below, in the test's thread
            failures.append(error)

    threads = [threading.Thread(target=run, args=(k,)) for k in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(300)
    assert not failures, failures
    return results


@pytest.fixture
def site(neo4j_target):
    with seeded_site(neo4j_target) as site:
        yield site


def test_sixteen_parallel_clients_get_what_one_client_gets_and_an_answer_shows_in_the_next_read(site):
    token = site.tokens["coordinator"]
    one = Client(site.origin, token)
    teams = sorted(t["id"] for t in one.get("/teams?limit=500")["items"])
    paths = _paths(teams)
    alone = {path: one.get(path) for path in paths}
    for got in _in_parallel(site.origin, token, paths):
        assert got == alone

    # An answer between two reads: every client's next read follows it, none gets the cached one.
    one = Client(site.origin, token)  # a new connection: uvicorn closed the idle one meanwhile
    suggested = alone[f"/teams/{TEAM}/partner-suggestions?limit=20"]["partners"]
    first = suggested[0]["organisation"]
    status, body = one.call("POST", f"/teams/{TEAM}/answers", {"target": first, "answer": "reject"})
    assert status == 201, body
    after = _in_parallel(
        site.origin, token, [f"/teams/{TEAM}/partner-suggestions?limit=20", f"/teams/{TEAM}/readiness?as_of={AS_OF}"]
    )
    for got in after:
        partners = [p["organisation"] for p in got[f"/teams/{TEAM}/partner-suggestions?limit=20"]["partners"]]
        assert first not in partners and partners[:-1] == [p["organisation"] for p in suggested[1:]]
        assert first not in [a["id"] for a in got[f"/teams/{TEAM}/readiness?as_of={AS_OF}"]["actions"]]
    # ...and an accept after the reject lifts it again, at once.
    one = Client(site.origin, token)
    status, body = one.call("POST", f"/teams/{TEAM}/answers", {"target": first, "answer": "accept"})
    assert status == 201, body
    assert first not in [p["organisation"] for p in one.get(f"/teams/{TEAM}/partner-suggestions?limit=20")["partners"]]
    assert first in one.get(f"/teams/{TEAM}/readiness?as_of={AS_OF}")["wanted_partners"]["found"]


def test_a_team_s_ranking_is_made_once_per_fit_and_answer_not_per_request(callers, monkeypatch):
    """The matcher's ranking is the CPU-bound part of a request: many requests for the same team in
    the same state reuse it, while an answer (a new state) gets a fresh one."""
    rankings = []
    rank = PartnerMatcher.rank
    monkeypatch.setattr(PartnerMatcher, "rank", lambda self, *a, **kw: rankings.append(1) or rank(self, *a, **kw))
    path = f"/teams/{TEAM}/partner-suggestions"
    first = callers.coordinator.get(path).json()
    for _ in range(5):
        assert callers.team.get(path).json()["partners"] == first["partners"]
    callers.liaison.get(f"/teams/{TEAM}/readiness", params={"as_of": AS_OF})  # the top 3: a ranking of its own
    callers.liaison.get(f"/teams/{TEAM}/readiness", params={"as_of": AS_OF})
    assert len(rankings) == 2
    top = first["partners"][0]["organisation"]
    assert callers.team.post(f"/teams/{TEAM}/answers", json={"target": top, "answer": "reject"}).status_code == 201
    assert top not in [p["organisation"] for p in callers.team.get(path).json()["partners"]]
    assert len(rankings) == 3


def test_a_team_s_city_list_is_made_once_per_state_of_the_graph(callers):
    """City suggestions are read live from the team's neighbourhood and theme: repeated requests
    and pages that ask for many teams reuse them until the team answers or the graph changes, also
    by an edit in place, which the fingerprint (counts) cannot see."""
    service = callers.app.state.matcher
    path = f"/teams/{TEAM}/city-suggestions"
    first = callers.coordinator.get(path, params={"as_of": AS_OF}).json()
    computed = service.city_lists_computed
    for _ in range(3):
        assert callers.team.get(path, params={"as_of": AS_OF}).json() == first
    assert service.city_lists_computed == computed
    city = first["suggestions"][0]["city"]
    assert callers.liaison.get(f"/p/city/{city}", params={"peildatum": AS_OF}).status_code == 200
    after_page = service.city_lists_computed
    assert callers.liaison.get(f"/p/city/{city}", params={"peildatum": AS_OF}).status_code == 200
    assert service.city_lists_computed == after_page  # the second visit asks no team again

    # An answer is a new state of the team: a new list, without the city.
    assert callers.team.post(f"/teams/{TEAM}/answers", json={"target": city, "answer": "reject"}).status_code == 201
    second = callers.team.get(path, params={"as_of": AS_OF}).json()
    assert city not in [s["city"] for s in second["suggestions"]]
    assert service.city_lists_computed == after_page + 1
    # An edit in place (no count changes) is a new state of the graph as well.
    other = second["suggestions"][0]["city"]
    assert callers.coordinator.patch(f"/cities/{other}", json={"population": 123456}).status_code == 200
    assert callers.team.get(path, params={"as_of": AS_OF}).json()["suggestions"][0]["city"] == other
    assert service.city_lists_computed == after_page + 2
