"""Linking drafts to the seeded graph (real Neo4j), and POST /drafts."""

from __future__ import annotations

import asyncio

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.security import hash_key
from graph.db import async_driver
from graph.intake import Meta, draft
from graph.model import ARTICLES_DIR
from graph.store import Store

CURATOR, READER = "hl_intake_curator", "hl_intake_reader"
TEAM_BRIEFING = (
    "太保镇工作简报\n\n"
    "3月2日，太保镇党委书记郑思维、花都区驻太保镇工作队队长郭景祥到莲塘村调研。"
    "广州市雄业物流有限公司总经理张健章表示将继续支持上坪村。"
    "大埔县某小学校长张丽介绍了学校情况。"
)


def _draft(settings, text, **meta):
    async def go():
        driver = async_driver(settings)
        try:
            store = Store(driver, settings.neo4j_database, settings.query_timeout)
            return await draft(text, Meta(**meta), store=store, require_link=True)
        finally:
            await driver.close()

    return asyncio.run(go())


def _by_name(doc):
    return {n: e for e in doc["entities"] for n in [e["name"], *e.get("aliases", [])]}


@pytest.fixture(scope="module")
def linked_seed_article(settings, seeded):
    return _draft(settings, (ARTICLES_DIR / "001_9c78a84fc0b24326.txt").read_bytes())


def test_names_in_the_graph_link_to_their_ids(linked_seed_article):
    d = linked_seed_article
    assert d.linked
    names = _by_name(d.document)
    for name, want in {
        "郭景祥": "guo-jingxiang",
        "袁辉明": "yuan-huiming",
        "国光电器股份有限公司": "guoguang-electric",
        "太保镇": "taibao",
        "花都区驻太保镇工作队": "huadu-taibao-work-team",
        "上坪村": "shangping",
        "广州市花都区非公党委": "huadu-nonpublic-party-committee",
    }.items():
        assert names[name]["id"] == want, name
    team = names["花都区驻太保镇工作队"]
    assert team["name"] == "花都区驻太保镇帮扶镇扶村工作队" and team["kind"] == "work_team"
    assert team["rule"].startswith("link")


def test_a_linked_draft_passes_the_loaders_cross_check(linked_seed_article, tmp_path):
    import yaml

    from graph.loader import RawDoc, read_seed_files, validate

    seed = read_seed_files()
    doc = RawDoc(str(tmp_path / "draft.yaml"), linked_seed_article.document)
    doc.data["source"]["id"] = "xkb-draft-copy"
    doc.data["source"]["properties"]["article_file"] = "001_9c78a84fc0b24326.txt"
    assert validate([*seed, doc])
    assert yaml.safe_dump(doc.data, allow_unicode=True)


def test_a_known_person_with_a_new_title_links_and_a_namesake_does_not(settings, seeded):
    d = _draft(settings, TEAM_BRIEFING)
    names = _by_name(d.document)
    assert names["郑思维"]["id"] == "zheng-siwei"  # known without a post: the new post does not contradict
    assert names["郭景祥"]["id"] == "guo-jingxiang"
    assert names["张健章"]["id"] == "zhang-jianzhang"
    zhang_li = names["张丽"]
    assert zhang_li["id"] != "zhang-li" and zhang_li["possible_match"] == ["zhang-li"]


def test_post_drafts_needs_a_curator_and_refuses_bad_text(settings, seeded):
    keyed = settings.model_copy(
        update={"api_keys": f"c:curator:{hash_key(CURATOR)},r:reader:{hash_key(READER)}"}
    )
    with TestClient(create_app(keyed)) as c:
        assert c.post("/drafts", json={"text": TEAM_BRIEFING}).status_code == 401
        assert (
            c.post("/drafts", json={"text": TEAM_BRIEFING}, headers={"X-API-Key": READER}).status_code == 403
        )
        ok = c.post(
            "/drafts",
            json={"text": TEAM_BRIEFING, "source_id": "brief-2025-03", "publisher": "太保镇"},
            headers={"X-API-Key": CURATOR},
        )
        assert ok.status_code == 200, ok.text
        body = ok.json()
        assert body["linked"] is True
        assert body["draft"]["source"]["id"] == "brief-2025-03"
        assert _by_name(body["draft"])["郑思维"]["id"] == "zheng-siwei"
        for bad, words in (
            (" ", "为空"),
            ("Hello world, no Chinese here at all." * 3, "汉字太少"),
            ("太保镇\x00" * 30, "空字符"),
        ):
            r = c.post("/drafts", json={"text": bad}, headers={"X-API-Key": CURATOR})
            assert r.status_code == 422 and words in r.json()["detail"][0]["msg"], (bad[:10], r.text)
            assert r.json()["detail"][0]["loc"] == ["body", "text"]
        plain = c.post(
            "/drafts",
            content=TEAM_BRIEFING.encode("gb18030"),
            headers={"X-API-Key": CURATOR, "Content-Type": "text/plain"},
        )
        assert plain.status_code == 200 and _by_name(plain.json()["draft"])["郭景祥"]["id"] == "guo-jingxiang"
        assert c.post("/drafts", json={"text": 42}, headers={"X-API-Key": CURATOR}).status_code == 422
        assert c.post("/drafts", content=b"\x89PNG", headers={"X-API-Key": CURATOR}).status_code == 422
