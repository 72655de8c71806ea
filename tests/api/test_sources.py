"""/sources: the articles and what each supports."""

from __future__ import annotations


def test_sources(client):
    body = client.get("/sources").json()
    assert {s["id"] for s in body["items"]} == {
        "xkb-taibao-return-visit",
        "xkb-huguang-greening",
        "xkb-taibao-dec14-activity",
    }
    assert all(s["entities"] > 0 and s["relationships"] > 0 for s in body["items"])


def test_source_detail_lists_what_it_supports(client):
    body = client.get("/sources/xkb-huguang-greening").json()
    assert body["source"]["properties"]["publisher"] == "新快报"
    assert "guangzhou-jiaotou" in {e["id"] for e in body["entities"]}
    assert "donates_to--guangzhou-jiaotou--huguang" in {r["id"] for r in body["relationships"]}
    assert client.get("/sources/nope").status_code == 404


def test_source_detail_hides_private_people(client):
    body = client.get("/sources/xkb-taibao-dec14-activity").json()
    assert "zhu-yanhong" not in {e["id"] for e in body["entities"]}
