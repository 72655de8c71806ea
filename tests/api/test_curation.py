"""Curator writes behind API keys, the audit log, and the request guards."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.security import hash_key
from graph.model import raw_article
from tests.conftest import load, run_cypher

CURATOR, READER = "hl_test_curator_key", "hl_test_reader_key"
ARTICLE = raw_article("001_9c78a84fc0b24326.txt")

NEW_SOURCE = {
    "article_text": ARTICLE,
    "source": {
        "id": "test-curated-story",
        "name": "测试：旺洞教学点",
        "properties": {"title": "测试：旺洞教学点", "publisher": "新快报"},
        "evidence": ["太保镇旺洞教学点保留着幼儿班、一至三年级四个班级"],
    },
    "entities": [
        {
            "id": "taibao",
            "type": "place",
            "level": "town",
            "name": "太保镇",
            "evidence": ["太保镇旺洞教学点保留着幼儿班"],
        },
        {
            "id": "wangdong-kindergarten-class",
            "type": "organization",
            "kind": "school",
            "name": "旺洞教学点幼儿班",
            "evidence": ["太保镇旺洞教学点保留着幼儿班、一至三年级四个班级"],
        },
    ],
    "relationships": [
        {
            "type": "located_in",
            "from": "wangdong-kindergarten-class",
            "to": "taibao",
            "evidence": ["太保镇旺洞教学点保留着幼儿班"],
        },
    ],
}


@pytest.fixture(scope="module")
def keyed(settings, seeded):
    keyed_settings = settings.model_copy(
        update={
            "api_keys": f"curator-test:curator:{hash_key(CURATOR)},reader-test:reader:{hash_key(READER)}",
            "max_body_bytes": 200_000,
        }
    )
    with TestClient(create_app(keyed_settings)) as c:
        yield c


def _snapshot(driver, settings):
    nodes = run_cypher(driver, settings, "MATCH (n:Entity) RETURN n.id AS id, properties(n) AS p ORDER BY id")
    rels = run_cypher(
        driver,
        settings,
        "MATCH ()-[r]->() WHERE r.id IS NOT NULL RETURN r.id AS id, properties(r) AS p ORDER BY id",
    )
    return nodes, rels


def test_anonymous_and_read_only_writes_are_refused(keyed):
    r = keyed.post("/sources", json=NEW_SOURCE)
    assert r.status_code == 401 and r.headers["WWW-Authenticate"] == "Bearer"
    assert keyed.post("/sources", json=NEW_SOURCE, headers={"X-API-Key": READER}).status_code == 403
    assert keyed.post("/sources", json=NEW_SOURCE, headers={"X-API-Key": "hl_wrong"}).status_code == 401
    assert keyed.delete("/sources/xkb-huguang-greening").status_code == 401
    assert keyed.get("/audit", headers={"X-API-Key": READER}).status_code == 403


def test_curator_posts_a_source_and_deletes_it_leaving_the_graph_as_it_was(keyed, driver, settings):
    before = _snapshot(driver, settings)
    r = keyed.post("/sources", json=NEW_SOURCE, headers={"X-API-Key": CURATOR})
    assert r.status_code == 201, r.text
    assert r.json()["entities"]["created"] == 2 and r.json()["relationships"]["created"] == 1
    e = keyed.get("/entities/wangdong-kindergarten-class").json()
    assert e["evidence"][0]["source_id"] == "test-curated-story"
    taibao = keyed.get("/entities/taibao").json()
    assert "test-curated-story" in {ev["source_id"] for ev in taibao["evidence"]}
    again = keyed.post("/sources", json=NEW_SOURCE, headers={"Authorization": f"Bearer {CURATOR}"})
    assert again.json()["entities"]["unchanged"] == 3  # the same post twice changes nothing

    gone = keyed.delete("/sources/test-curated-story", headers={"X-API-Key": CURATOR})
    assert gone.status_code == 200 and gone.json()["entities"]["removed"] == 2
    assert keyed.get("/entities/wangdong-kindergarten-class").status_code == 404
    assert _snapshot(driver, settings) == before
    audit = keyed.get("/audit", headers={"X-API-Key": CURATOR}).json()["items"]
    assert [a["action"] for a in audit[:3]] == ["delete_source", "post_source", "post_source"]
    assert audit[0]["who"] == "curator-test" and audit[0]["target"] == "test-curated-story"


def test_invalid_post_lists_problems_and_writes_nothing(keyed, driver, settings):
    before = _snapshot(driver, settings)
    bad = {
        **NEW_SOURCE,
        "relationships": [
            {
                "type": "located_in",
                "from": "wangdong-kindergarten-class",
                "to": "nowhere",
                "evidence": ["编造"],
            }
        ],
    }
    r = keyed.post("/sources", json=bad, headers={"X-API-Key": CURATOR})
    assert r.status_code == 422
    msgs = " ".join(p["msg"] for p in r.json()["detail"])
    assert "unknown id 'nowhere'" in msgs and "quote not found" in msgs
    clash = {
        **NEW_SOURCE,
        "entities": [
            {**NEW_SOURCE["entities"][0], "type": "organization", "kind": "enterprise", "level": None}
        ],
        "relationships": [],
    }
    r = keyed.post("/sources", json=clash, headers={"X-API-Key": CURATOR})
    assert r.status_code == 422 and "already a place" in r.text
    assert _snapshot(driver, settings) == before


def test_delete_relationship_then_restore(keyed, driver, settings):
    rid = "visits--taibao-return-visit-2024--dongfeng-nissan"
    assert keyed.delete(f"/relationships/{rid}", headers={"X-API-Key": CURATOR}).json() == {"deleted": rid}
    assert keyed.delete(f"/relationships/{rid}", headers={"X-API-Key": CURATOR}).status_code == 404
    assert keyed.delete("/relationships/not-an-id", headers={"X-API-Key": CURATOR}).status_code == 404
    report = load(settings)
    assert report.total("relationships", "created") == 1


def test_unknown_source_delete_is_404(keyed):
    assert keyed.delete("/sources/nope", headers={"X-API-Key": CURATOR}).status_code == 404


def test_body_size_limit(keyed):
    huge = {**NEW_SOURCE, "article_text": "太" * 150_000}
    r = keyed.post("/sources", json=huge, headers={"X-API-Key": CURATOR})
    assert r.status_code == 413 and "bytes" in r.json()["detail"]


def test_keys_see_private_persons_anonymous_callers_do_not(keyed):
    assert keyed.get("/entities/zhu-yanhong").status_code == 404
    r = keyed.get("/entities/zhu-yanhong", headers={"X-API-Key": READER})
    assert r.status_code == 200 and r.json()["properties"]["private"] is True


def test_cors_is_closed_by_default_and_configurable(settings, seeded, keyed):
    r = keyed.get("/health", headers={"Origin": "http://example.org"})
    assert "access-control-allow-origin" not in r.headers
    open_settings = settings.model_copy(update={"cors_origins": "http://tools.example.org"})
    with TestClient(create_app(open_settings)) as c:
        r = c.get("/health", headers={"Origin": "http://tools.example.org"})
        assert r.headers["access-control-allow-origin"] == "http://tools.example.org"
        r = c.get("/health", headers={"Origin": "http://evil.example.org"})
        assert "access-control-allow-origin" not in r.headers


def test_malformed_key_configuration_is_refused(settings):
    with pytest.raises(ValueError, match="name:curator"):
        create_app(settings.model_copy(update={"api_keys": "bob:admin:abc"}))


DEC14 = "xkb-taibao-dec14-activity"
ENTITY = {
    "id": "wangdong-kindergarten-class",
    "type": "organization",
    "kind": "school",
    "name": "旺洞教学点幼儿班",
    "evidence": [{"source_id": DEC14, "quote": "太保镇旺洞教学点保留着幼儿班、一至三年级四个班级"}],
}
REL = {
    "type": "part_of",
    "from": "wangdong-kindergarten-class",
    "to": "wangdong-teaching-point",
    "evidence": [{"source_id": DEC14, "quote": "太保镇旺洞教学点保留着幼儿班"}],
}


def test_single_facts_need_a_curator(keyed):
    assert keyed.post("/entities", json=ENTITY).status_code == 401
    assert keyed.post("/relationships", json=REL, headers={"X-API-Key": READER}).status_code == 403


def test_curated_facts_survive_reseeding_and_go_with_their_source(keyed, driver, settings):
    before = _snapshot(driver, settings)
    cur = {"X-API-Key": CURATOR}
    r = keyed.post("/entities", json=ENTITY, headers=cur)
    assert r.status_code == 201 and r.json() == {
        "id": ENTITY["id"],
        "source_id": DEC14,
        "created": 1,
        "updated": 0,
    }
    r = keyed.post("/relationships", json=REL, headers=cur)
    assert r.status_code == 201, r.text
    rid = "part_of--wangdong-kindergarten-class--wangdong-teaching-point"
    assert r.json()["id"] == rid
    rels = keyed.get("/entities/wangdong-teaching-point/relationships", params={"type": "part_of"}).json()
    rel = next(x for x in rels["items"] if x["id"] == rid)
    assert rel["evidence"] == [{"source_id": DEC14, "quote": "太保镇旺洞教学点保留着幼儿班"}]

    assert not load(settings).changed  # re-seeding keeps curated facts
    assert keyed.get(f"/entities/{ENTITY['id']}").status_code == 200

    gone = keyed.delete(f"/sources/{DEC14}", headers=cur)
    assert gone.status_code == 200
    assert keyed.get(f"/entities/{ENTITY['id']}").status_code == 404  # went with its source
    load(settings)
    assert _snapshot(driver, settings) == before
    actions = [a["action"] for a in keyed.get("/audit", headers=cur).json()["items"][:3]]
    assert actions == ["delete_source", "post_relationship", "post_entity"]


@pytest.mark.parametrize(
    "change,expected",
    [
        ({"evidence": [{"source_id": DEC14, "quote": "这句话不在文章里"}]}, "quote not found"),
        ({"evidence": [{"source_id": "nope", "quote": "太保镇"}]}, "unknown source"),
        (
            {
                "evidence": [
                    {"source_id": DEC14, "quote": "太保镇"},
                    {"source_id": "xkb-huguang-greening", "quote": "湖光镇"},
                ]
            },
            "exactly one source",
        ),
        ({"to": "atlantis"}, "unknown id 'atlantis'"),
        ({"type": "loves"}, "unknown relationship type"),
    ],
)
def test_bad_relationship_posts_are_422(keyed, driver, settings, change, expected):
    before = _snapshot(driver, settings)
    r = keyed.post(
        "/relationships",
        json={**REL, "from": "wangdong-teaching-point", "to": "taibao", **change},
        headers={"X-API-Key": CURATOR},
    )
    assert r.status_code == 422 and expected in r.text
    assert _snapshot(driver, settings) == before


def test_entity_post_cannot_redefine_an_existing_entity(keyed):
    r = keyed.post("/entities", json={**ENTITY, "id": "taibao"}, headers={"X-API-Key": CURATOR})
    assert r.status_code == 422 and "already a place" in r.text
