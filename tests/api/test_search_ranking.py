"""Search: the full-text-only path finds what the substring scan finds, ranking, privacy."""

from __future__ import annotations

import pytest

from graph import views
from graph.db import cypher
from graph.store import fulltext_finds_all
from tests.conftest import run_cypher

QUERIES = ["太保", "太保镇", "雄业", "上坪村", "工作队", "花都区", "湖光", "红联共建", "国光电器"]
PRIVATE_NAME = "朱艳红"  # a private person of the seed: found only with a key


def _search(driver, settings, q: str, fulltext_only: bool, include_private: bool = True) -> dict:
    rows = run_cypher(
        driver,
        settings,
        cypher("api/entity_search"),
        q=q,
        lucene=views.lucene_phrase(q),
        contains=None if fulltext_only else q,
        type=None,
        kind=None,
        level=None,
        since=None,
        until=None,
        town=None,
        include_private=include_private,
        offset=0,
        limit=500,
    )
    return rows[0]


def _rank(item: dict, q: str) -> int:
    name, aliases = item["name"], item.get("aliases") or []
    if name == q:
        return 4
    if q in aliases:
        return 3
    if name.startswith(q) or any(a.startswith(q) for a in aliases):
        return 2
    return 1 if any(q in text for text in [name, *aliases]) else 0


@pytest.mark.parametrize("q", [*QUERIES, PRIVATE_NAME])
def test_fulltext_alone_finds_every_name_that_contains_the_text(seeded, driver, settings, q):
    assert fulltext_finds_all(q)
    fast = _search(driver, settings, q, fulltext_only=True)
    scan = _search(driver, settings, q, fulltext_only=False)
    assert fast["total"] == scan["total"] > 0
    assert [x["n"]["id"] for x in fast["page"]] == [x["n"]["id"] for x in scan["page"]]


@pytest.mark.parametrize("q", [*QUERIES, "坪", "镇"])
def test_exact_name_then_alias_then_prefix_then_substring(client, q):
    items = client.get("/entities", params={"q": q, "limit": 200}).json()["items"]
    ranks = [_rank(item, q) for item in items]
    assert ranks and ranks == sorted(ranks, reverse=True), list(
        zip(ranks, [i["name"] for i in items], strict=True)
    )
    assert min(ranks) >= 1  # every hit contains the text


def test_prefix_ranks_above_substring(client):
    items = client.get("/entities", params={"q": "太保", "limit": 200}).json()["items"]
    ranks = [_rank(item, "太保") for item in items]
    assert 2 in ranks and 1 in ranks  # both kinds are there, and (above) in that order


def test_private_person_never_found_anonymously(client, driver, settings):
    private = run_cypher(driver, settings, "MATCH (p:Person {private: true}) RETURN p.name AS name")
    assert private
    for row in private:
        for fulltext_only in (True, False):
            hits = _search(driver, settings, row["name"], fulltext_only, include_private=False)
            assert all(not x["n"].get("private") for x in hits["page"])
        body = client.get("/entities", params={"q": row["name"]}).json()
        assert all(item["type"] != "person" or item["name"] != row["name"] for item in body["items"])
