"""Analytics and exports over HTTP on the seeded graph; the cache and its invalidation."""

from __future__ import annotations

import io
import json

import networkx as nx
import pytest

from graph.loader import SEED_DATA_DIR
from tests.conftest import load


@pytest.mark.parametrize("metric", ["degree", "betweenness", "closeness", "eigenvector", "pagerank"])
def test_centrality_ranks_the_network(client, metric):
    body = client.get("/analytics/centrality", params={"metric": metric, "limit": 10}).json()
    assert body["metric"] == metric and len(body["items"]) == 10
    assert [i["rank"] for i in body["items"]] == list(range(1, 11))
    scores = [i["score"] for i in body["items"]]
    assert scores == sorted(scores, reverse=True)
    assert body["k"] is None  # exact on the seed graph


def test_taibao_holds_the_network_together(client):
    body = client.get("/analytics/centrality", params={"metric": "betweenness", "limit": 3}).json()
    assert body["items"][0]["entity"]["name"] == "太保镇"


def test_centrality_by_type_and_aliases(client):
    body = client.get("/analytics/centrality", params={"metric": "degree", "type": "organization"}).json()
    assert all(i["entity"]["type"] == "organization" for i in body["items"])
    xiongye = [i for i in body["items"] if i["entity"]["id"] == "xiongye-logistics"]
    assert xiongye and "雄业物流" in xiongye[0]["entity"]["aliases"]


def test_repeated_call_is_served_from_the_cache(client):
    client.get("/analytics/centrality", params={"metric": "closeness"})
    again = client.get("/analytics/centrality", params={"metric": "closeness"}).json()
    assert again["cached"] is True


def test_cache_is_invalidated_by_a_load(client, driver, settings, tmp_path):
    import yaml

    first = client.get("/analytics/brokers").json()
    assert client.get("/analytics/brokers").json()["cached"] is True
    doc = yaml.safe_load((SEED_DATA_DIR / "huguang-greening.yaml").read_text(encoding="utf-8"))
    doc["relationships"] = [r for r in doc["relationships"] if r["type"] != "holds_position"]
    edited = tmp_path / "huguang-greening.yaml"
    edited.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    try:
        load(settings, [edited])
        after = client.get("/analytics/brokers").json()
        assert after["cached"] is False and after["graph_version"] > first["graph_version"]
    finally:
        load(settings, [SEED_DATA_DIR / "huguang-greening.yaml"])


def test_communities(client):
    body = client.get("/analytics/communities").json()
    assert body["algorithm"] == "louvain" and 0 < body["modularity"] < 1
    sizes = [c["size"] for c in body["communities"]]
    assert sizes == sorted(sizes, reverse=True) and sum(sizes) > 100
    # 湖光镇 and 太保镇 are in different communities
    where = {m["id"]: c["id"] for c in body["communities"] for m in c["members"]}
    assert where["huguang"] != where["taibao"]


def test_brokers(client):
    body = client.get("/analytics/brokers").json()
    ids = {e["id"] for e in body["articulation_points"]}
    assert "taibao" in ids
    assert body["bridges"] and all({"source", "target"} <= set(b) for b in body["bridges"])


def test_coverage_of_taibao_names_the_partners(client):
    body = client.get("/analytics/coverage", params={"town": "taibao"}).json()
    villages = {v["village"]["name"]: [p["name"] for p in v["partners"]] for v in body["villages"]}
    assert villages["上坪村"] == ["广州市雄业物流有限公司"]
    assert villages["沙坪村"] == ["广州市泰和混凝土有限公司"]
    # recorded: the articles name partners for 2 of the 3 villages they name; 莲塘村's is not named
    assert villages["莲塘村"] == []
    assert body["covered"] == 2 and body["total"] == 3
    # stated: the article says 太保镇's 7 villages and 1 community are all covered (全覆盖), so 莲塘村 is
    # a village whose partner is not named, not one without a partner
    assert "全覆盖" in json.dumps(body, ensure_ascii=False)
    assert {"国光电器股份有限公司", "雄业物流牵头的19家企业党组织"} <= {
        p["name"] for p in body["town_partners"]
    }


def test_coverage_errors(client):
    assert client.get("/analytics/coverage", params={"town": "nowhere"}).status_code == 404
    r = client.get("/analytics/coverage", params={"town": "shangping"})
    assert r.status_code == 422 and "not a town" in r.json()["detail"][0]["msg"]
    assert r.json()["detail"][0]["loc"] == ["query", "town"]
    assert client.get("/analytics/centrality", params={"metric": "fame"}).status_code == 422


@pytest.mark.parametrize("fmt,reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_exports_parse_back(client, fmt, reader):
    r = client.get(f"/export/{fmt}")
    assert r.status_code == 200 and fmt in r.headers["content-type"]
    g = reader(io.BytesIO(r.content))
    assert g.number_of_nodes() > 100 and g.number_of_edges() > 150
    names = nx.get_node_attributes(g, "name") if fmt == "graphml" else nx.get_node_attributes(g, "label")
    assert "太保镇" in set(names.values()) | set(nx.get_node_attributes(g, "name").values())


def test_json_export(client):
    data = client.get("/export/json").json()
    g = nx.node_link_graph(data, edges="edges")
    assert g.nodes["taibao"]["name"] == "太保镇"
    assert "zhu-yanhong" not in g  # private persons stay out
    assert client.get("/export/xls").status_code == 422


def test_public_and_keyed_views_are_cached_side_by_side(settings, seeded):
    """Switching between anonymous and keyed callers rebuilds nothing: the worker keeps both views
    and their results (a new slice of a kept ranking is ``cached``)."""
    from fastapi.testclient import TestClient

    from api.app import create_app
    from api.security import hash_key

    keyed = settings.model_copy(update={"api_keys": f"analyst:reader:{hash_key('hl_test_analyst')}"})
    key = {"X-API-Key": "hl_test_analyst"}
    url = "/analytics/centrality?metric=pagerank&limit="
    with TestClient(create_app(keyed)) as c:
        public, private = c.get(url + "500").json(), c.get(url + "500", headers=key).json()
        assert public["cached"] is False and private["cached"] is False
        assert c.get(url + "499").json()["cached"] is True
        assert c.get(url + "499", headers=key).json()["cached"] is True
        assert c.get(url + "500").json()["cached"] is True  # kept by the API too
        ids = {i["entity"]["id"] for i in public["items"]}
        assert "zhu-yanhong" not in ids and "zhu-yanhong" in {i["entity"]["id"] for i in private["items"]}
        assert "zhu-yanhong" in c.get("/export/json", headers=key).text
        assert "zhu-yanhong" not in c.get("/export/json").text


@pytest.mark.parametrize(
    "path,model",
    [
        ("/analytics/centrality?metric=betweenness&type=place", "CentralityOut"),
        ("/analytics/communities", "CommunitiesOut"),
        ("/analytics/brokers", "BrokersOut"),
        ("/analytics/coverage?town=huguang", "CoverageOut"),
    ],
)
def test_answers_are_exactly_their_documented_shape(client, path, model):
    """The worker encodes the JSON; it must be what the response model would have sent."""
    from api import schemas

    r = client.get(path)
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    body = r.json()
    assert getattr(schemas, model).model_validate(body).model_dump(mode="json") == body
