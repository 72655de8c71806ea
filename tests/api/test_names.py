"""Names wherever ids are asked: exact names and aliases resolve; ambiguous → 300 with candidates;
unknown → 404 with suggestions; private persons stay hidden from anonymous callers."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.security import hash_key

CURATOR = "hl_test_names_curator"
TWINS_TEXT = "测试报道：甲方测试公司简称同名测试公司。乙方测试公司也简称同名测试公司。"
TWINS = {
    "article_text": TWINS_TEXT,
    "source": {
        "id": "test-names-twins",
        "name": "测试：同名",
        "properties": {"title": "测试：同名", "publisher": "测试"},
        "evidence": ["测试报道"],
    },
    "entities": [
        {
            "id": f"test-twin-{x}",
            "type": "organization",
            "kind": "enterprise",
            "name": f"{c}方测试公司",
            "aliases": ["同名测试公司"],
            "evidence": [f"{c}方测试公司"],
        }
        for x, c in (("a", "甲"), ("b", "乙"))
    ],
}


@pytest.fixture(scope="module")
def keyed(settings, seeded):
    keyed_settings = settings.model_copy(update={"api_keys": f"names-test:curator:{hash_key(CURATOR)}"})
    with TestClient(create_app(keyed_settings)) as c:
        c.headers["X-API-Key"] = CURATOR
        yield c


@pytest.fixture(scope="module")
def twins(keyed):
    r = keyed.post("/sources", json=TWINS)
    assert r.status_code == 201, r.text
    yield
    assert keyed.delete("/sources/test-names-twins").status_code == 200


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        ("taibao", "taibao"),
        ("太保镇", "taibao"),
        ("雄业物流", "xiongye-logistics"),
        (" 上坪村\u200b", "shangping"),
    ],
)
def test_an_id_a_name_or_an_alias_resolves(client, ref, expected):
    r = client.get(f"/entities/{ref}")
    assert r.status_code == 200, r.text
    assert r.json()["id"] == expected


def test_names_resolve_on_every_entity_route(client):
    assert client.get("/entities/上坪村/relationships", params={"type": "pairs_with"}).json()["total"] >= 1
    network = client.get("/entities/太保镇/network").json()
    assert network["nodes"][0]["id"] == "taibao"
    r = client.get("/relationships", params={"source": "雄业物流", "type": "pairs_with"}).json()
    assert {x["target"]["id"] for x in r["items"]} >= {"shangping"}
    assert all(x["source"]["id"] == "xiongye-logistics" for x in r["items"])


def test_shortest_path_by_names(client):
    r = client.get("/paths/shortest", params={"source": "国光电器", "target": "雄业物流"})
    assert r.status_code == 200, r.text
    paths = r.json()["paths"]
    assert paths and all(p["nodes"][0]["id"] == "guoguang-electric" for p in paths)
    assert all(p["nodes"][-1]["id"] == "xiongye-logistics" for p in paths)


def test_unknown_name_is_404_with_suggestions(client):
    r = client.get("/entities/太保")
    assert r.status_code == 404
    body = r.json()
    assert "太保" in body["detail"]
    assert body["suggestions"][0]["id"] == "taibao" and body["suggestions"][0]["kind"] == "town"
    assert len(body["suggestions"]) <= 5
    r = client.get("/paths/shortest", params={"source": "国光电器", "target": "无此公司xyz"})
    assert r.status_code == 404 and r.json()["suggestions"] == []


def test_ambiguous_alias_is_300_with_candidates(client, twins):
    r = client.get("/entities/同名测试公司")
    assert r.status_code == 300
    body = r.json()
    assert {c["id"] for c in body["candidates"]} == {"test-twin-a", "test-twin-b"}
    assert "同名测试公司" in body["detail"] and "location" not in r.headers
    # the exact name still picks one
    assert client.get("/entities/甲方测试公司").json()["id"] == "test-twin-a"
    r = client.get("/paths/shortest", params={"source": "同名测试公司", "target": "太保镇"})
    assert r.status_code == 300


def test_private_person_is_unknown_to_anonymous_callers(client, keyed):
    r = client.get("/entities/朱艳红")
    assert r.status_code == 404
    assert all(s["id"] != "zhu-yanhong" for s in r.json()["suggestions"])
    assert "朱艳红" not in str(client.get("/entities", params={"q": "朱艳"}).json())
    assert keyed.get("/entities/朱艳红").json()["id"] == "zhu-yanhong"


def test_openapi_documents_the_ambiguous_and_unknown_answers(client):
    spec = client.get("/openapi.json").json()
    for path in ("/entities/{entity_id}", "/paths/shortest", "/towns/{town}"):
        op = spec["paths"][path]["get"]
        assert {"300", "404"} <= set(op["responses"]), path
    schemas = spec["components"]["schemas"]
    assert "candidates" in schemas["Candidates"]["properties"]
    assert "suggestions" in schemas["NameNotFound"]["properties"]
