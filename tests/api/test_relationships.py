"""/relationships and /paths/shortest over the seeded Neo4j."""

from __future__ import annotations

from tests.api.helpers import assert_evidence


def test_all_donations(client):
    body = client.get("/relationships", params={"type": "donates_to", "limit": 100}).json()
    assert body["total"] == len(body["items"]) >= 5
    for r in body["items"]:
        assert r["type"] == "donates_to"
        assert_evidence(r)


def test_relationships_by_source_and_target(client):
    body = client.get("/relationships", params={"source": "taihe-concrete", "target": "shaping"}).json()
    assert {r["type"] for r in body["items"]} == {"pairs_with", "signs_agreement"}


def test_limit_over_500_is_422(client):
    r = client.get("/relationships", params={"limit": 501})
    assert r.status_code == 422 and "500" in r.text


def test_how_guoguang_connects_to_xiongye(client):
    body = client.get(
        "/paths/shortest", params={"source": "guoguang-electric", "target": "xiongye-logistics"}
    ).json()
    assert body["paths"]
    lengths = {len(p["relationships"]) for p in body["paths"]}
    assert len(lengths) == 1, "all paths are shortest, so of one length"
    for p in body["paths"]:
        assert p["nodes"][0]["id"] == "guoguang-electric" and p["nodes"][-1]["id"] == "xiongye-logistics"
        assert len(p["nodes"]) == len(p["relationships"]) + 1
        for r in p["relationships"]:
            assert_evidence(r)


def test_paths_respect_max_hops(client):
    short = client.get(
        "/paths/shortest", params={"source": "xiongye-logistics", "target": "huguang", "max_hops": 1}
    ).json()
    assert short == {"paths": []}
    assert (
        client.get("/paths/shortest", params={"source": "a", "target": "b", "max_hops": 7}).status_code == 422
    )


def test_paths_unknown_end_is_404(client):
    r = client.get("/paths/shortest", params={"source": "guoguang-electric", "target": "atlantis"})
    assert r.status_code == 404 and "atlantis" in r.json()["detail"]


def test_paths_to_a_private_person_is_404(client):
    r = client.get("/paths/shortest", params={"source": "taibao", "target": "zhu-yanhong"})
    assert r.status_code == 404
