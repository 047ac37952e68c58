"""The health endpoint against the real app and the real Neo4j."""

from fastapi.testclient import TestClient

from api.main import create_app
from graph.driver import Neo4jTarget, get_driver
from graph.handle import Graph


def test_health_reports_neo4j_up_with_the_seed_graph(seeded):
    response = TestClient(create_app(seeded)).get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["neo4j"] == "up"
    assert body["nodes"]["Team"] == 7 and body["nodes"]["Theme"] == 6


def test_health_is_503_when_neo4j_is_unreachable():
    # A port where nothing listens: the driver cannot connect.
    driver = get_driver(Neo4jTarget("bolt://127.0.0.1:1", "neo4j", "whatever1"))
    response = TestClient(create_app(Graph(driver, "neo4j"))).get("/health")
    assert response.status_code == 503
    assert response.json()["neo4j"] == "unreachable"
