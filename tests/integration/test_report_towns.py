"""graph.towns on the seeded graph: one query set for the report (blocking driver) and the API (Store)."""

from __future__ import annotations

import asyncio
import json

import pytest

from graph.db import cypher
from graph.towns import TOWN_QUERIES, split_by_town, town_data, towns_overview


def _rows(driver, settings, town: str | None, include_private: bool = False) -> dict:
    return {
        key: [
            r.data()
            for r in driver.execute_query(
                cypher(name),
                {"town": town, "include_private": include_private},
                database_=settings.neo4j_database,
            ).records
        ]
        for key, name in TOWN_QUERIES.items()
    }


@pytest.fixture(scope="module")
def taibao(seeded, driver, settings):
    return town_data(_rows(driver, settings, "taibao"))


def test_taibao_pairings_village_by_village(taibao):
    c = taibao["coverage"]
    villages = {v["name"]: v for v in c["villages"]}
    assert [p["name"] for p in villages["上坪村"]["partners"]] == ["广州市雄业物流有限公司"]
    assert [p["name"] for p in villages["沙坪村"]["partners"]] == ["广州市泰和混凝土有限公司"]
    assert villages["莲塘村"]["status"] == "文中未载结对企业" and villages["莲塘村"]["partners"] == []
    assert villages["莲塘村"]["groups"][0]["name"] == "莲塘“红联共建”小组"
    assert c["counts_stated"] == "7个村、1个社区" and c["unrecorded"] == 5
    assert "尚无结对" not in json.dumps(taibao, ensure_ascii=False)
    # what the article states stands beside the record, with the quote that says it
    stated = c["stated"]
    assert stated["text"] == "实现了“千企帮千镇 万企兴万村”行动倡议在太保镇村(社)的全覆盖"
    assert [q["source_id"] for q in stated["quotes"]] == ["xkb-taibao-dec14-activity"]
    assert stated["text"] in stated["quotes"][0]["quote"] and stated["quotes"][0]["publisher"] == "新快报"
    assert c["note"].startswith(f"文中称：{stated['text']}；该镇有7个村、1个社区，文中具名3个")
    assert {p["name"] for p in c["town_partners"]} == {"国光电器股份有限公司", "雄业物流牵头的19家企业党组织"}


def test_taibao_who_is_stationed(taibao):
    s = taibao["stationed"]
    team = next(p for p in s["work_teams"] if p["id"] == "huadu-taibao-work-team")
    assert "队长郭景祥" in team["leaders"]
    assert [p["name"] for p in s["helping_places"]] == ["花都区"]
    assert "广州市花都区花城街道办事处" in [p["name"] for p in s["district_bodies"]]


def test_taibao_donations_by_year(taibao):
    years = {y["year"]: y for y in taibao["donations"]["years"]}
    y21 = years["2021"]
    assert y21["label"] == "2021年（推定）" and y21["money"]["text"] == "20.5万元"
    assert "保温杯、雨伞等物品" in y21["goods"]
    # running totals (截至…累计, 2023年以来) are shown apart and never inside a year's gifts
    gifts = [i for y in taibao["donations"]["years"] for i in y["items"] if i["scope"] == "cumulative"]
    assert gifts == []
    texts = sorted(c["text"] for c in taibao["donations"]["cumulative"])
    assert len(texts) == 2
    assert any(
        t.startswith("截至2024年3月（推定），花都-太保共建“红友圈”累计捐赠款物140余万元") for t in texts
    )
    assert any("2023年以来" in t and "金额未载" in t for t in texts)
    money = taibao["donations"]["money"]
    assert money["total"] == 205000 and money["text"] == "20.5万元"


def test_timeline_people_and_awards(taibao):
    dated = [e["date"]["value"] for e in taibao["events"] if e["date"]]
    assert dated == sorted(dated) and dated[0] == "2021-11-17" and "2021-12-14" in dated
    names = [e["name"] for e in taibao["events"]]
    assert "太保镇党政代表赴花都区回访交流" in names and "“红联共建 牵手乡村”主题活动" in names
    visit = next(e for e in taibao["events"] if e["name"] == "太保镇党政代表赴花都区回访交流")
    assert visit["date_text"] == "2024年3月18日至19日（推定）"
    people = {p["name"]: p for p in taibao["people"]}
    assert "花都区驻太保镇帮扶镇扶村工作队队长" in people["郭景祥"]["positions_text"]
    awards = {a["award"] for a in taibao["awards"]}
    assert {"广东省乡村治理示范镇", "广东“百千万工程”首批典型村"} <= awards


def test_private_people_stay_out_unless_asked(seeded, driver, settings, taibao):
    private = {"朱艳红", "政叔"}
    names = {p["name"] for p in taibao["people"]} | {n for e in taibao["events"] for n in e["participants"]}
    assert not names & private
    donors = {n for y in taibao["donations"]["years"] for i in y["items"] for n in i["donors"]}
    assert not donors & private
    full = town_data(_rows(driver, settings, "taibao", include_private=True))
    assert private <= {n for e in full["events"] for n in e["participants"]}


def test_every_town_at_once_equals_one_at_a_time(seeded, driver, settings, taibao):
    every = _rows(driver, settings, None)
    parts = split_by_town(every)
    assert {"taibao", "huguang"} <= set(parts)
    assert town_data(parts["taibao"]) == taibao
    huguang = town_data(parts["huguang"])
    assert {v["status"] for v in huguang["coverage"]["villages"]} == {"文中未载结对企业"}
    assert huguang["stationed"]["group_units"][0]["name"] == "广州交投集团"
    assert huguang["donations"]["years"][0]["money"]["text"] == "近30万元"
    overview = {o["town"]["id"]: o for o in towns_overview(every)}
    assert overview["taibao"]["villages_recorded"] == 3 and overview["taibao"]["villages_partner_named"] == 2


def test_the_async_store_reads_the_same_rows(seeded, settings, taibao):
    from graph.db import async_driver
    from graph.store import Store

    async def read():
        drv = async_driver(settings)
        try:
            store = Store(drv, settings.neo4j_database, timeout=10)
            return {
                k: await store.read(n, town="taibao", include_private=False) for k, n in TOWN_QUERIES.items()
            }
        finally:
            await drv.close()

    assert town_data(asyncio.run(read())) == taibao


def test_a_non_town_has_no_town_data(seeded, driver, settings):
    with pytest.raises(KeyError):
        town_data(_rows(driver, settings, "shangping"))
