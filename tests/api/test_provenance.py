"""Per-source values: where sources disagree, each source's value is kept and shown, none wins silently."""

from __future__ import annotations


def test_a_disputed_title_shows_every_source_with_its_own_value(client):
    rels = client.get("/entities/mo-xinyong/relationships", params={"type": "holds_position"}).json()["items"]
    mayor = next(r for r in rels if r["target"]["id"] == "taibao")
    assert mayor["disputed"] == ["title"]
    by_source = {s["source_id"]: s for s in mayor["statements"]}
    assert by_source["xkb-taibao-dec14-activity"]["properties"]["title"] == "镇长"
    assert by_source["xkb-taibao-return-visit"]["properties"]["title"] == "党委副书记、镇长"
    assert by_source["xkb-taibao-dec14-activity"]["quotes"] == ["太保镇镇长莫新勇"]
    # the merged value is the latest source's (2024), and says so by listing the dispute
    assert mayor["properties"]["title"] == "党委副书记、镇长"
    assert [s["source_date"] for s in mayor["statements"]] == sorted(
        s["source_date"] for s in mayor["statements"]
    )


def test_an_undisputed_relationship_carries_no_statements_in_lists(client):
    rels = client.get("/relationships", params={"type": "pairs_with", "limit": 500}).json()["items"]
    plain = [r for r in rels if not r["disputed"]]
    assert plain and all(r["statements"] == [] for r in plain)
    assert all(r["sources"] for r in rels)


def test_a_single_entity_always_lists_its_statements(client):
    guangzhou = client.get("/entities/guangzhou").json()
    assert {s["source_id"] for s in guangzhou["statements"]} == set(guangzhou["sources"])
    assert len(guangzhou["sources"]) == 3
    assert all(s["origin"] == "article" and s["quotes"] for s in guangzhou["statements"])
