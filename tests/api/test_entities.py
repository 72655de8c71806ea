"""/entities: search, lists, one entity, its relationships and its network."""

from __future__ import annotations

from tests.api.helpers import assert_evidence


def test_search_finds_a_chinese_substring_and_ranks_it_first(client):
    body = client.get("/entities", params={"q": "雄业"}).json()
    assert body["items"][0]["id"] == "xiongye-logistics"
    assert body["total"] >= 1 and body["limit"] == 20 and body["offset"] == 0
    assert set(body["items"][0]) >= {
        "id",
        "type",
        "name",
        "aliases",
        "kind",
        "properties",
        "evidence",
        "degree",
    }


def test_search_exact_alias_ranks_first(client):
    body = client.get("/entities", params={"q": "国光电器"}).json()
    assert body["items"][0]["id"] == "guoguang-electric"


def test_search_one_character(client):
    ids = [e["id"] for e in client.get("/entities", params={"q": "坪", "limit": 50}).json()["items"]]
    assert {"shangping", "shaping"} <= set(ids)


def test_search_with_lucene_syntax_is_text(client):
    r = client.get("/entities", params={"q": 'AND OR "(*'})
    assert r.status_code == 200 and r.json()["items"] == []


def test_list_filters_by_type_and_kind(client):
    body = client.get("/entities", params={"type": "organization", "kind": "enterprise", "limit": 100}).json()
    assert body["total"] == len(body["items"])
    assert all(e["type"] == "organization" and e["kind"] == "enterprise" for e in body["items"])
    assert {e["name"] for e in body["items"]} == {
        "广州市雄业物流有限公司",
        "广州市泰和混凝土有限公司",
        "国光电器股份有限公司",
        "广州交投集团",
        "东风日产",
        "东风日产融资租赁公司",
        "汽车城发展有限公司",
    }


def test_pagination_is_consistent(client):
    first = client.get("/entities", params={"limit": 5, "offset": 0}).json()
    second = client.get("/entities", params={"limit": 5, "offset": 5}).json()
    assert first["total"] == second["total"]
    assert not {e["id"] for e in first["items"]} & {e["id"] for e in second["items"]}


def test_entity_with_evidence(client):
    e = client.get("/entities/huadu-taibao-red-circle").json()
    assert e["name"] == "花都-太保共建“红友圈”" and e["kind"] == "alliance"
    assert e["properties"]["member_count"] == 54
    assert e["properties"]["donations_raised_qualifier"] == "余"
    assert e["evidence"] and e["degree"] >= 3
    assert "src_json" not in e["properties"] and "search_text" not in e["properties"]


def test_unknown_entity_is_404(client):
    r = client.get("/entities/no-such-thing")
    assert r.status_code == 404 and "no-such-thing" in r.json()["detail"]


def test_private_person_is_hidden(client):
    assert client.get("/entities/zhu-yanhong").status_code == 404
    body = client.get("/entities", params={"q": "朱艳红"}).json()
    assert body["items"] == []
    rels = client.get("/entities/taibao-field-visits-2021-12-14/relationships", params={"limit": 100}).json()
    ends = {r["source"]["id"] for r in rels["items"]} | {r["target"]["id"] for r in rels["items"]}
    assert "zhu-yanhong" not in ends and "zheng-shu" not in ends and "yuan-huiming" in ends


def test_which_enterprise_pairs_with_shangping(client):
    body = client.get(
        "/entities/shangping/relationships", params={"type": "pairs_with", "direction": "in"}
    ).json()
    assert [r["source"]["name"] for r in body["items"]] == ["广州市雄业物流有限公司"]
    rel = body["items"][0]
    assert rel["type"] == "pairs_with" and rel["target"]["id"] == "shangping"
    assert_evidence(rel)


def test_relationship_directions(client):
    out = client.get(
        "/entities/xiongye-logistics/relationships", params={"direction": "out", "limit": 500}
    ).json()
    inn = client.get(
        "/entities/xiongye-logistics/relationships", params={"direction": "in", "limit": 500}
    ).json()
    both = client.get("/entities/xiongye-logistics/relationships", params={"limit": 500}).json()
    assert all(r["source"]["id"] == "xiongye-logistics" for r in out["items"])
    assert all(r["target"]["id"] == "xiongye-logistics" for r in inn["items"])
    assert both["total"] == out["total"] + inn["total"]
    for r in both["items"]:
        assert_evidence(r)


def test_relationships_of_unknown_entity_is_404(client):
    assert client.get("/entities/nowhere/relationships").status_code == 404


def test_bad_direction_and_type_are_422(client):
    assert client.get("/entities/taibao/relationships", params={"direction": "sideways"}).status_code == 422
    r = client.get("/entities/taibao/relationships", params={"type": "loves"})
    assert r.status_code == 422 and "pairs_with" in r.text


def test_ego_network(client):
    body = client.get("/entities/shangping/network", params={"depth": 1}).json()
    ids = {n["id"] for n in body["nodes"]}
    assert body["nodes"][0]["id"] == "shangping"
    assert {"xiongye-logistics", "taibao"} <= ids
    assert all(e["source"] in ids and e["target"] in ids for e in body["edges"])
    assert any(e["type"] == "PAIRS_WITH" and e["source"] == "xiongye-logistics" for e in body["edges"])
    two = client.get("/entities/shangping/network", params={"depth": 2}).json()
    assert len(two["nodes"]) > len(body["nodes"])


def test_network_bounds(client):
    assert client.get("/entities/taibao/network", params={"depth": 3}).status_code == 422
    assert client.get("/entities/nowhere/network").status_code == 404
    body = client.get("/entities/taibao/network", params={"depth": 2, "limit": 3}).json()
    assert len(body["nodes"]) == 4


def test_search_several_words_requires_all(client):
    ids = [e["id"] for e in client.get("/entities", params={"q": "雄业 物流"}).json()["items"]]
    assert ids[0] == "xiongye-logistics"
