"""/health and /ready, and how Neo4j being down is answered."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.app import create_app
from graph.runtime.neo4j import free_port
from tests.conftest import make_settings


def test_health(client):
    assert client.get("/health").json() == {"status": "ok"}


def test_ready(client):
    r = client.get("/ready")
    assert r.status_code == 200 and r.json()["status"] == "ready"


def test_neo4j_down_gives_503_json_with_retry_after(tmp_path):
    settings = make_settings(tmp_path, HONGLIAN_NEO4J_BOLT_PORT=free_port())
    with TestClient(create_app(settings)) as c:
        ready = c.get("/ready")
        assert ready.status_code == 503 and ready.json()["status"] == "unavailable"
        assert ready.headers["Retry-After"]
        r = c.get("/entities/taibao")
        assert r.status_code == 503 and r.headers["Retry-After"] and "detail" in r.json()
        assert c.get("/health").status_code == 200
