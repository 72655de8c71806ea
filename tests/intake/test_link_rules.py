"""Linking decisions (graph/intake/link.py) on rows shaped like cypher/intake/candidates.cypher's."""

from __future__ import annotations

from graph.intake import finish, prepare


def row(
    id_, name, type_, aliases=(), parents=(), positions=(), near=(), kind=None, level=None, private=False
):
    return {
        "row": "candidate",
        "id": id_,
        "name": name,
        "type": type_,
        "kind": kind,
        "level": level,
        "aliases": list(aliases),
        "private": private,
        "parents": list(parents),
        "positions": list(positions),
        "near": list(near),
    }


TEXT = (
    "测试标题\n\n清远市连山县太保镇党委书记郑思维、梅州市大埔县大麻镇上坪村党支部书记张丽到会。"
    "国光电器股份有限公司与太保镇签订结对协议，国光电气股份有限公司党委书记李明出席。"
)


def by_name(doc):
    return {n: e for e in doc["entities"] for n in [e["name"], *e.get("aliases", [])]}


def test_links_places_by_their_parents_and_people_by_their_posts():
    rows = [
        row("taibao", "太保镇", "place", parents=["连山壮族瑶族自治县", "清远市"], level="town"),
        row("shangping", "上坪村", "place", parents=["太保镇"], level="village"),
        row("shangping-dama", "上坪村", "place", parents=["大麻镇"], level="village"),
        row("zheng-siwei", "郑思维", "person"),
        row(
            "zhang-li",
            "张丽",
            "person",
            positions=[{"id": "huacheng", "name": "花城街道", "aliases": [], "title": "主任"}],
        ),
        row("ghost", "张丽", "person", private=True),
        row(
            "guoguang-electric",
            "国光电器股份有限公司",
            "organization",
            aliases=["国光电气股份有限公司"],
            kind="enterprise",
        ),
        {
            "row": "taken",
            "id": "zhang-li-2",
            "name": None,
            "type": None,
            "kind": None,
            "level": None,
            "aliases": [],
            "private": False,
            "parents": [],
            "positions": [],
            "near": [],
        },
    ]
    doc = finish(prepare(TEXT), rows).document
    names = by_name(doc)
    assert names["太保镇"]["id"] == "taibao" and names["太保镇"]["rule"].startswith("link")
    assert names["上坪村"]["id"] == "shangping-dama"  # the article puts it in 大麻镇
    assert names["郑思维"]["id"] == "zheng-siwei"  # no post known: the new one does not contradict
    assert names["张丽"]["id"] != "zhang-li" and names["张丽"]["possible_match"] == ["zhang-li"]
    # the typo and the real name link to one id, declared once, with both names
    company = [e for e in doc["entities"] if e["id"] == "guoguang-electric"]
    assert len(company) == 1 and "国光电气股份有限公司" in company[0]["aliases"]
    assert any(
        r["from"] == "guoguang-electric" and r["type"] == "signs_agreement" for r in doc["relationships"]
    )
    assert len({e["id"] for e in doc["entities"]}) == len(doc["entities"])


def test_a_former_post_in_brackets_tells_which_graph_person_it_is():
    text = (
        "测试标题\n\n从化区农业农村局局长陈国栋（原从化区驻蕉岭县长潭镇帮镇扶村工作队队长），"
        "从化区委组织部副部长冯立新，蕉岭县某中学校长陈志远参加活动。"
    )
    team = {
        "id": "conghua-team",
        "name": "从化区驻蕉岭县长潭镇帮镇扶村工作队",
        "aliases": [],
        "title": "队长",
    }
    rows = [
        row("chen-guodong", "陈国栋", "person", positions=[team]),
        row("chen-zhiyuan", "陈志远", "person", positions=[team]),
        row("conghua-org", "从化区组织部", "organization", aliases=["组织部"], kind="party_organisation"),
    ]
    names = by_name(finish(prepare(text), rows).document)
    assert names["陈国栋"]["id"] == "chen-guodong"  # his former post is the graph person's post
    assert names["陈志远"]["id"] != "chen-zhiyuan"  # a headmaster of another body: not silently merged
    assert names["陈志远"]["possible_match"] == ["chen-zhiyuan"]
    assert names["从化区委组织部"]["id"] == "conghua-org"  # 区委组织部 and 区组织部 are one body
    assert "从化区驻蕉岭县长潭镇帮镇扶村工作队" in names  # 原 is not part of the team's name
