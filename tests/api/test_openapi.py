"""The OpenAPI document: every endpoint documented, with Chinese examples."""

from __future__ import annotations


def test_openapi_documents_every_endpoint_with_chinese_examples(client):
    spec = client.get("/openapi.json").json()
    for path in (
        "/health",
        "/ready",
        "/entities",
        "/entities/{entity_id}",
        "/entities/{entity_id}/relationships",
        "/entities/{entity_id}/network",
        "/relationships",
        "/paths/shortest",
        "/sources",
        "/sources/{source_id}",
        "/donations/summary",
        "/partnerships",
    ):
        assert path in spec["paths"], path
    assert "雄业" in client.get("/openapi.json").text
    assert client.get("/docs").status_code == 200
