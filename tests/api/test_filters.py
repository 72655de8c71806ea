"""Filters people asked for: places by level, events and donations by date and town, all towns' coverage."""

from __future__ import annotations


def names(page: dict) -> set[str]:
    return {x["name"] for x in page["items"]}


def test_level_town_lists_exactly_the_towns(client):
    page = client.get("/entities", params={"level": "town", "limit": 500}).json()
    assert names(page) == {"太保镇", "湖光镇"} and page["total"] == 2
    assert all(x["kind"] == "town" for x in page["items"])
    # kind works for places too (a place's kind is its level)
    assert names(client.get("/entities", params={"kind": "town"}).json()) == {"太保镇", "湖光镇"}
    villages = client.get("/entities", params={"level": "village", "q": "村"}).json()
    assert {"上坪村", "沙坪村", "莲塘村"} <= names(villages)
    assert client.get("/entities", params={"level": "hamlet"}).status_code == 422


def test_events_by_town_and_date(client):
    taibao_2024 = client.get(
        "/entities", params={"type": "event", "town": "太保镇", "since": "2024", "until": "2024"}
    ).json()
    assert "太保镇党政代表赴花都区回访交流" in names(taibao_2024)
    assert all(x["properties"]["date"].startswith("2024") for x in taibao_2024["items"])
    huguang = client.get("/entities", params={"type": "event", "town": "huguang"}).json()
    assert names(huguang) == {"湖光镇义务植树活动", "湖光镇绿化乡村工作推进会议", "奋勇新区植树活动"}
    # a month-precision date counts as the whole month
    december = client.get(
        "/entities", params={"type": "event", "since": "2021-12-14", "until": "2021-12-14"}
    ).json()
    assert "12月14日下午走访帮扶" in names(december)


def test_donations_by_town_and_date(client):
    r = client.get(
        "/relationships", params={"type": "donates_to", "town": "太保镇", "since": "2021", "until": "2021"}
    ).json()
    assert r["total"] == 2
    assert {x["target"]["name"] for x in r["items"]} == {"太保镇", "旺洞小学教学点"}
    assert {x["source"]["id"] for x in r["items"]} == {"huadu-17-caring-enterprises"}
    huguang = client.get("/relationships", params={"type": "donates_to", "town": "湖光镇"}).json()
    assert [x["source"]["id"] for x in huguang["items"]] == ["guangzhou-jiaotou"]
    # undated donations count at their article's date (the 2024 story)
    since_2024 = client.get("/relationships", params={"type": "donates_to", "since": "2024-01"}).json()
    assert "huadu-taibao-red-circle" in {x["source"]["id"] for x in since_2024["items"]}
    assert all(x["source"]["id"] != "huadu-17-caring-enterprises" for x in since_2024["items"])


def test_town_filter_must_name_a_place(client):
    r = client.get("/relationships", params={"town": "雄业物流"})
    assert r.status_code == 422
    (error,) = r.json()["detail"]
    assert error["loc"] == ["query", "town"] and "not a place" in error["msg"]
    assert client.get("/entities", params={"since": "21"}).status_code == 422


def test_coverage_of_every_town_in_one_call(client):
    page = client.get("/towns").json()
    by_name = {x["town"]["name"]: x for x in page["items"]}
    assert set(by_name) == {"太保镇", "湖光镇"} and page["total"] == 2
    taibao = by_name["太保镇"]
    assert (taibao["villages"], taibao["covered"], taibao["fully_covered"]) == (3, 2, False)
    assert taibao["village_count_stated"] == 7 and taibao["parent"]["name"] == "连山壮族瑶族自治县"
    assert client.get("/towns", params={"within": "连山县"}).json()["total"] == 1


def test_town_detail(client):
    """GET /towns/{town} is graph.towns.town_data: what the town page and the report show."""
    d = client.get("/towns/太保镇").json()
    assert d["town"]["id"] == "taibao"
    assert [p["name"] for p in d["town"]["above"]] == ["连山壮族瑶族自治县", "清远市", "广东省"]
    assert d["town"]["counts_stated"] == "7个村、1个社区"
    villages = {v["name"]: v for v in d["coverage"]["villages"]}
    assert villages["上坪村"]["partner_named"] and not villages["莲塘村"]["partner_named"]
    assert "全覆盖" in d["coverage"]["stated"]["text"]
    assert any(p["name"].endswith("工作队") for p in d["stationed"]["work_teams"])
    years = {y["year"]: y for y in d["donations"]["years"]}
    assert years["2021"]["money"]["text"] == "20.5万元"
    # the 140余万元 is a running total (累计): listed apart, never added to the gifts
    assert any("140余万元" in (c["text"] or "") for c in d["donations"]["cumulative"])
    assert d["donations"]["money"]["total"] == 205000
    assert any(e["name"].startswith("太保镇党政代表") for e in d["events"])
    r = client.get("/towns/上坪村")
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["path", "town"]
