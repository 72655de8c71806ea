"""graph.towns on hand-made rows: coverage semantics, donations by year, Chinese dates and amounts."""

from __future__ import annotations

import json

import pytest

from graph import towns as T

SOURCES = [
    {"s": {"id": "a1", "title": "报道一", "publisher": "新快报", "date": "2021-12", "date_inferred": True}},
    {"s": {"id": "a2", "title": "报道二", "publisher": "新快报", "date": "2024-03", "date_inferred": True}},
]


def ev(source: str, *quotes: str) -> dict:
    """Evidence as stored: the quotes, and the ones served to anonymous readers (莫新勇 redacted here)."""
    return {
        "ev_sources": [source] * len(quotes),
        "ev_quotes": list(quotes),
        "ev_quotes_public": [q.replace("郭景祥", "某某") for q in quotes],
    }


def node(id: str, name: str, type: str = "organization", kind: str | None = None, **props) -> dict:
    d = {"id": id, "name": name, "type": type, **props}
    if kind:
        d["kind" if type != "place" else "level"] = kind
    return d


def rel(id: str, **props) -> dict:
    return {"id": id, **props}


TOWN = node(
    "tb",
    "太保镇",
    "place",
    "town",
    village_count=7,
    village_count_unit="个村",
    community_count=1,
    community_count_unit="个社区",
    coverage_stated="全覆盖",
    **ev("a1", "到太保镇开展", "实现了行动倡议在太保镇村(社)的全覆盖"),
)
TEAM = node("team", "驻太保镇工作队", kind="work_team")
UNIT = node("unit", "交投集团", kind="enterprise")
ENT = node("ent", "雄业物流", kind="enterprise")
CIRCLE = node("circle", "红友圈", kind="alliance")


def joint(rid: str, donor: dict, town: str) -> dict:
    """One share of a joint gift: the same gift_key and amount on each donor's relationship."""
    r = rel(
        rid,
        amount=300000,
        amount_qualifier="近",
        amount_approximate=True,
        amount_scope="joint",
        gift_key="forest",
        form="money",
        date="2023",
        **ev("a2", "两家单位共同捐赠近30万元"),
    )
    return {"town": town, "r": r, "a": donor, "b": TOWN}


def rows(town: str = "tb", override: dict | None = None) -> dict:  # override: replace a query's rows
    base = {
        "town": [
            {
                "town": town,
                "t": {**TOWN, "id": town},
                "above": [
                    {"id": "ls", "name": "连山县", "level": "county"},
                    {"id": "qy", "name": "清远市", "level": "city"},
                ],
            }
        ],
        "parties": [
            {
                "town": town,
                "a": node("hd", "花都区", "place", "district"),
                "rel": "PAIRS_WITH",
                "r": rel("p1", basis="对口帮扶", **ev("a1", "对口帮扶太保镇")),
                "via": None,
            },
            {
                "town": town,
                "a": TEAM,
                "rel": "LOCATED_IN",
                "r": rel("l1", role="驻镇帮扶", **ev("a1", "驻太保镇工作队")),
                "via": None,
            },
            {
                "town": town,
                "a": UNIT,
                "rel": "MEMBER_OF",
                "r": rel("m1", role="组团牵头单位", **ev("a2", "组团牵头单位交投集团")),
                "via": TEAM,
            },
            {
                "town": town,
                "a": node("gz", "广州市", "place", "city"),
                "rel": "PAIRS_WITH",
                "r": rel("p2", basis="对口帮扶", **ev("a2", "广清对口帮扶")),
                "via": node("qy", "清远市", "place", "city"),
            },
            {
                "town": town,
                "a": node("gg", "国光电器", kind="enterprise"),
                "rel": "PAIRS_WITH",
                "r": rel(
                    "p3",
                    basis="协议书",
                    since="2021-12-14",
                    since_inferred=True,
                    **ev("a1", "三方签下协议书"),
                ),
                "via": None,
            },
        ],
        "villages": [
            {
                "town": town,
                "v": node("sp", "上坪村", "place", "village", **ev("a1", "上坪村")),
                "partners": [{"a": ENT, "r": rel("p4", basis="协议书", **ev("a1", "与上坪村签署"))}],
                "groups": [],
                "events": [],
            },
            {
                "town": town,
                "v": node("lt", "莲塘村", "place", "village", **ev("a1", "莲塘村的农户")),
                "partners": [],
                "groups": [{"g": node("grp", "莲塘小组", kind="working_group"), "members": ["汽车城公司"]}],
                "events": ["走访"],
            },
        ],
        "donations": [
            {  # one gift of money, dated (inferred)
                "town": town,
                "r": rel(
                    "d1",
                    amount=205000,
                    amount_qualifier="exact",
                    amount_text="20.5万元",
                    date="2021-12-14",
                    date_inferred=True,
                    **ev("a1", "爱心企业捐赠20.5万元"),
                ),
                "a": node("g17", "17家爱心企业", kind="enterprise_group"),
                "b": TOWN,
            },
            {  # goods, same day
                "town": town,
                "r": rel(
                    "d2",
                    goods="保温杯、雨伞等物品",
                    date="2021-12-14",
                    date_inferred=True,
                    **ev("a1", "送上保温杯"),
                ),
                "a": node("g17", "17家爱心企业", kind="enterprise_group"),
                "b": node("school", "旺洞教学点", kind="school"),
            },
            *(
                joint(rid, donor, town) for rid, donor in (("d3", UNIT), ("d4", ENT))
            ),  # one gift, counted once
            {  # a running total: shown apart, never added
                "town": town,
                "r": rel(
                    "d5",
                    amount=1400000,
                    amount_qualifier="余",
                    amount_approximate=True,
                    amount_scope="cumulative",
                    form="money_and_goods",
                    since="2023",
                    **ev("a2", "筹资捐款捐物价值达140余万元"),
                ),
                "a": CIRCLE,
                "b": TOWN,
            },
            {  # money and goods with no amount and no date
                "town": town,
                "r": rel("d6", form="money_and_goods", goods="捐资捐物", **ev("a2", "积极捐资捐物")),
                "a": ENT,
                "b": TOWN,
            },
        ],
        "events": [
            {
                "town": town,
                "e": node(
                    "e2",
                    "回访",
                    "event",
                    "visit",
                    date="2024-03-18",
                    date_inferred=True,
                    end_date="2024-03-19",
                    end_date_inferred=True,
                    **ev("a2", "3月18日至19日回访"),
                ),
                "part_of": None,
                "hosts": [],
                "participants": [
                    {
                        "id": "mo",
                        "name": "莫新勇",
                        "type": "person",
                        "rel": "PARTICIPATES_IN",
                        "role": "介绍",
                        "positions": [{"title": "镇长", "org": "太保镇"}],
                    }
                ],
                "places": ["花都区"],
                "visits": [],
            },
            {
                "town": town,
                "e": node(
                    "e1",
                    "主题活动",
                    "event",
                    "ceremony",
                    date="2021-12-14",
                    date_inferred=True,
                    **ev("a1", "12月14日主题活动"),
                ),
                "part_of": None,
                "hosts": [{"name": "非公党委", "role": "host"}],
                "participants": [],
                "places": ["太保镇"],
                "visits": [],
            },
            {
                "town": town,
                "e": node("e0", "签约", "event", "signing", **ev("a1", "此前已共同签署")),
                "part_of": None,
                "hosts": [],
                "participants": [],
                "places": [],
                "visits": [],
            },
        ],
        "people": [
            {
                "town": town,
                "p": node("guo", "郭景祥", "person"),
                "positions": [
                    {
                        "h": rel("h1", title="队长", **ev("a1", "队长郭景祥")),
                        "o": {"id": "team", "name": TEAM["name"]},
                    }
                ],
            }
        ],
        "awards": [
            {
                "town": town,
                "a": node("lt", "莲塘村", "place", "village"),
                "r": rel("aw", **ev("a2", "莲塘村入选典型村")),
                "b": node("award", "首批典型村", "award", level="省级", year="2023"),
            }
        ],
        "sources": SOURCES,
    }
    base.update(override or {})
    return base


@pytest.fixture
def d():
    return T.town_data(rows())


def test_dates_and_amounts_are_written_as_people_write_them():
    assert T.date_text("2021-12-14", inferred=True) == "2021年12月14日（推定）"
    assert T.date_text("2024-03") == "2024年3月" and T.date_text("2023") == "2023年"
    assert T.yuan_text(205000) == "20.5万元"
    assert T.yuan_text(300000, "近") == "近30万元"
    assert T.yuan_text(1400000, "余") == "140余万元" and T.yuan_text(300000, "多") == "30多万元"
    assert T.yuan_text(15000000) == "1500万元" and T.yuan_text(250000000) == "2.5亿元"
    assert T.yuan_text(850, "约") == "约850元"


def test_a_village_without_a_named_partner_is_not_said_to_have_none(d):
    c = d["coverage"]
    by_name = {v["name"]: v for v in c["villages"]}
    assert by_name["上坪村"]["status"] == "文中载有结对企业" and by_name["上坪村"]["partner_named"]
    assert [p["name"] for p in by_name["上坪村"]["partners"]] == ["雄业物流"]
    assert by_name["莲塘村"]["status"] == "文中未载结对企业" and not by_name["莲塘村"]["partner_named"]
    assert "尚无结对" not in json.dumps(d, ensure_ascii=False)
    # what the article states stands beside what is recorded, with its quote
    assert c["stated"]["text"] == "全覆盖"
    assert [q["quote"] for q in c["stated"]["quotes"]] == ["实现了行动倡议在太保镇村(社)的全覆盖"]
    assert (
        c["stated"]["quotes"][0]["source_title"] == "报道一"
        and c["stated"]["quotes"][0]["publisher"] == "新快报"
    )
    assert c["counts_stated"] == "7个村、1个社区" and c["unrecorded"] == 6
    assert c["recorded"] == 2 and c["partner_named"] == 1 and c["without_named_partner"] == ["莲塘村"]
    assert c["note"].startswith("文中称：全覆盖；该镇有7个村、1个社区，文中具名2个")
    assert "莲塘村文中未载结对企业" in c["note"]


def test_stated_coverage_is_none_when_the_articles_say_nothing():
    t = {**TOWN}
    del t["coverage_stated"]
    d = T.town_data(rows(override={"town": [{"town": "tb", "t": t, "above": []}]}))
    assert d["coverage"]["stated"] is None
    assert d["coverage"]["note"].startswith("文中未说明结对覆盖情况")


def test_donations_keep_money_goods_and_running_totals_apart(d):
    don = d["donations"]
    years = {y["year"]: y for y in don["years"]}
    assert list(years) == ["2021", "2023", None]
    y21 = years["2021"]
    assert y21["label"] == "2021年（推定）"
    assert y21["money"]["total"] == 205000 and y21["money"]["text"] == "20.5万元"
    assert y21["goods"] == ["保温杯、雨伞等物品"]
    # the joint gift counts once, with both donors
    y23 = years["2023"]
    assert y23["money"]["total"] == 300000 and y23["money"]["text"] == "近30万元"
    assert len(y23["items"]) == 1 and y23["items"][0]["donors"] == ["交投集团", "雄业物流"]
    # the undated gift is dated by its article; its amount is unstated, not zero
    assert years[None]["label"] == "年份未载（报道于2024年3月，推定）"
    assert years[None]["money_and_goods"]["text"] == "金额未载"
    # the cumulative figure is never added to the gifts
    assert don["money"]["total"] == 505000 and don["money"]["approximate"]
    assert don["money"]["text"] == "50.5万元（含约数）"
    [cum] = don["cumulative"]
    assert cum["amount"] == 1400000
    assert cum["text"] == "截至2024年3月（推定），2023年以来红友圈累计捐赠款物140余万元"
    assert all(i["id"] != "d5" for y in don["years"] for i in y["items"])


def test_who_is_stationed_and_who_helps(d):
    s = d["stationed"]
    assert [p["name"] for p in s["work_teams"]] == ["驻太保镇工作队"]
    assert s["work_teams"][0]["leaders"] == ["队长郭景祥"]
    assert [p["name"] for p in s["group_units"]] == ["交投集团"] and s["group_units"][0]["team"][
        "name"
    ] == "驻太保镇工作队"
    assert [p["name"] for p in s["helping_places"]] == ["花都区", "广州市"]  # the town's own first
    assert s["helping_places"][1]["via"]["name"] == "清远市"
    assert [p["name"] for p in s["town_partners"]] == ["国光电器"]
    assert "2021年12月14日（推定）以来" in s["town_partners"][0]["roles"]
    assert d["town"]["place"] == "清远市连山县"


def test_events_are_a_timeline_and_people_keep_their_posts(d):
    assert [e["name"] for e in d["events"]] == ["主题活动", "回访", "签约"]
    assert d["events"][1]["date_text"] == "2024年3月18日至19日（推定）"
    assert d["events"][2]["date_text"] == "日期未载"
    people = {p["name"]: p for p in d["people"]}
    assert people["郭景祥"]["positions_text"] == "驻太保镇工作队队长"
    assert people["莫新勇"]["positions_text"] == "太保镇镇长" and people["莫新勇"]["roles"] == [
        "回访（介绍）"
    ]
    assert d["awards"][0]["date_text"] == "2023年" and d["awards"][0]["level"] == "省级"


def test_findings_speak_plain_chinese(d):
    f = {x["topic"]: x["text"] for x in d["findings"]}
    assert list(f) == ["谁在帮扶", "结对", "覆盖", "捐赠", "缺口"]
    assert "驻太保镇工作队（队长郭景祥）" in f["谁在帮扶"]
    assert "上坪村—雄业物流" in f["结对"] and "与全镇结对：国光电器" in f["结对"]
    assert "原文：“实现了行动倡议在太保镇村(社)的全覆盖”（《报道一》）" in f["覆盖"]
    assert "2021年（推定），资金20.5万元" in f["捐赠"] and "累计数，不与单笔相加" in f["捐赠"]
    assert "6个村（社区）文中未具名" in f["缺口"]
    assert "莲塘村文中未载结对企业（与汽车城公司同在莲塘小组；见于走访）" in f["缺口"]
    assert "1项活动未载日期" in f["缺口"]
    # sources are cited by title and publisher, oldest first
    assert [s["label"] for s in d["sources"]] == [
        "《报道一》（新快报，2021年12月（推定））",
        "《报道二》（新快报，2024年3月（推定））",
    ]


def test_quotes_are_what_the_caller_may_read(d):
    # graph.views.evidence serves the redacted quotes unless the caller may read private persons
    anonymous = {q["quote"] for q in _quotes(d)}
    keyed = {q["quote"] for q in _quotes(T.town_data(rows(), private=True))}
    assert "队长某某" in anonymous and "队长郭景祥" not in anonymous
    assert "队长郭景祥" in keyed and "队长某某" not in keyed
    assert len(anonymous) > 10


def _quotes(data) -> list[dict]:
    if isinstance(data, dict):
        found = [data] if "quote" in data and "source_id" in data else []
        return found + [q for v in data.values() for q in _quotes(v)]
    if isinstance(data, list):
        return [q for v in data for q in _quotes(v)]
    return []


def test_every_town_split_and_summarised():
    both = rows()
    other = rows("hg")
    for key in both:
        if key != "sources":
            both[key] = both[key] + other[key]
    parts = T.split_by_town(both)
    assert list(parts) == ["tb", "hg"]
    assert T.town_data(parts["tb"]) == T.town_data(rows())
    overview = T.towns_overview(both)
    assert [o["town"]["id"] for o in overview] == ["tb", "hg"]
    assert overview[0]["coverage_stated"] == "全覆盖" and overview[0]["villages_partner_named"] == 1
    assert overview[0]["latest_event"] == "2024-03-18"


def test_an_unknown_town_has_no_data():
    with pytest.raises(KeyError):
        T.town_data(rows(override={"town": []}))
