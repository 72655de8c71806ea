"""The pages over HTTP without a browser: one data function, two renderings; errors as pages in
Chinese; private persons never shown to anonymous readers; nothing loaded from another host."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.security import hash_key
from graph.runtime.neo4j import free_port
from tests.api.test_names import TWINS
from tests.conftest import make_settings

PAGES = [
    "/",
    "/search?q=太保",
    "/entity/太保镇",
    "/entity/xiongye-logistics",
    "/town/太保镇",
    "/town",
    "/path?from=国光电器&to=雄业物流",
    "/network",
    "/source",
    "/source/xkb-taibao-dec14-activity",
    "/review",
]
PRIVATE_NAMES = ("朱艳红", "政叔")


@pytest.mark.parametrize("url", PAGES)
def test_every_page_is_chinese_html_with_local_assets_only(client, url):
    r = client.get(url)
    assert r.status_code == 200, r.text[:300]
    assert r.headers["content-type"].startswith("text/html")
    html = r.text
    assert '<html lang="zh-CN">' in html and '<meta name="viewport"' in html
    external = re.findall(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(https?:)?//', html)
    assert external == [], url
    for name in PRIVATE_NAMES:
        assert name not in html, (url, name)


def test_pages_stay_out_of_the_openapi_description(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert not {"/", "/entity/{ref}", "/town/{ref}", "/review", "/docs", "/redoc"} & set(paths)


def test_town_page_renders_what_the_town_endpoint_answers(client):
    data = client.get("/towns/taibao").json()
    html = client.get("/town/taibao").text
    for v in data["coverage"]["villages"]:
        assert v["name"] in html
        for p in v["partners"]:
            assert p["name"] in html
    for y in data["donations"]["years"]:
        assert y["label"] in html and (y["money"]["text"] or "—") in html
    for c in data["donations"]["cumulative"]:
        assert c["text"] in html
    for e in data["events"]:
        assert e["name"] in html
    for f in data["findings"]:
        assert f["text"] in html
    assert data["coverage"]["recorded_note"] in html


def test_entity_page_renders_what_the_entity_endpoints_answer(client):
    rels = client.get("/entities/xiongye-logistics/relationships", params={"limit": 500}).json()
    html = client.get("/entity/雄业物流").text
    assert f"关系（{rels['total']} 条）" in html
    for r in rels["items"]:
        assert f'id="rel-{r["id"]}"' in html
        for ev in r["evidence"]:
            assert ev["quote"] in html


def test_where_sources_differ_each_source_is_shown(client):
    rel = client.get("/relationships", params={"source": "莫新勇", "type": "holds_position"}).json()["items"]
    disputed = [r for r in rel if r["disputed"]]
    assert disputed and disputed[0]["disputed"] == ["title"]
    for url in ("/entity/莫新勇", "/entity/太保镇"):
        html = client.get(url).text
        assert "各报道说法不一" in html, url
        for st in disputed[0]["statements"]:
            assert f"“{st['properties']['title']}”——" in html, url


def test_unknown_name_is_a_404_page_with_suggestions(client):
    r = client.get("/entity/太保")
    assert r.status_code == 404 and "text/html" in r.headers["content-type"]
    assert "您要找的是不是" in r.text and 'href="/entity/taibao"' in r.text
    r = client.get("/entity/朱艳红")  # private: unknown to anonymous readers, not even suggested
    assert r.status_code == 404 and '朱艳红"' not in r.text.replace("“<strong>朱艳红</strong>”", "")
    assert "zhu-yanhong" not in r.text


def test_ambiguous_name_is_a_page_listing_the_candidates(settings, seeded):
    key = "hl_test_pages_curator"
    with TestClient(create_app(settings.model_copy(update={"api_keys": f"p:curator:{hash_key(key)}"}))) as c:
        assert c.post("/sources", json=TWINS, headers={"X-API-Key": key}).status_code == 201
        try:
            r = c.get("/entity/同名测试公司")
            assert r.status_code == 300 and "请选择" in r.text
            assert 'href="/entity/test-twin-a"' in r.text and 'href="/entity/test-twin-b"' in r.text
            r = c.get("/path", params={"from": "同名测试公司", "to": "太保镇"})
            assert r.status_code == 300 and "test-twin-b" in r.text
        finally:
            assert c.delete("/sources/test-names-twins", headers={"X-API-Key": key}).status_code == 200


def test_search_opens_an_exact_name(client):
    r = client.get("/search", params={"q": "雄业物流"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/entity/xiongye-logistics"


def test_a_village_page_request_at_the_town_url_goes_to_its_entity_page(client):
    r = client.get("/town/上坪村", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/entity/shangping"


def test_unreachable_database_is_a_503_page(tmp_path):
    settings = make_settings(tmp_path, HONGLIAN_NEO4J_BOLT_PORT=free_port())
    with TestClient(create_app(settings)) as c:
        r = c.get("/town/太保镇")
        assert r.status_code == 503 and "暂时无法访问" in r.text and "Traceback" not in r.text


def test_static_files_are_compressed_for_browsers_and_ship_their_licences(client):
    r = client.get("/static/vendor/cytoscape-3.35.0/cytoscape.min.js", headers={"Accept-Encoding": "gzip"})
    assert r.status_code == 200 and r.headers["content-encoding"] == "gzip"
    assert r.num_bytes_downloaded < 200_000 < len(r.content)
    for licence in (
        "cytoscape-3.35.0/LICENSE",
        "swagger-ui-dist-5.35.0/LICENSE",
        "swagger-ui-dist-5.35.0/NOTICE",
        "redoc-2.5.4/LICENSE",
    ):
        assert client.get(f"/static/vendor/{licence}").status_code == 200, licence
    # JSON answers are not compressed (CPU per request)
    assert "content-encoding" not in client.get("/entities", headers={"Accept-Encoding": "gzip"}).headers
