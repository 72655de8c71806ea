"""Events, initiatives and the relationships they take part in, on sentences written for these tests."""

from __future__ import annotations

from graph.intake import Meta, finish, prepare

FILLER = "相关工作正在有序推进之中，各方反响良好。"


def drafted(text: str, date: str | None = "2024-06-18"):
    prep = prepare(f"测试标题\n\n{text}\n\n{FILLER}", Meta(date=date))
    events = {e.name: e for e in prep.entities if e.type == "event"}
    initiatives = {e.name: e.kind for e in prep.entities if e.type == "initiative"}
    rels = {
        (r.type, r.source.name, r.target.name, r.props.get("role"))
        for r in prep.rels
        if r.type in ("hosts_event", "organizes", "participates_in", "visits")
    }
    return events, initiatives, rels, prep


def test_a_meeting_said_to_take_place_is_an_event_dated_with_the_articles_year():
    events, _, _, _ = drafted("6月17日，天河区帮扶英德市连江口镇工作推进会在连江口镇召开。")
    ev = events["天河区帮扶英德市连江口镇工作推进会"]
    assert ev.kind == "meeting"
    assert ev.props["date"]["value"] == "2024-06-17" and ev.props["date"]["inferred"] is True


def test_a_date_later_in_the_year_than_the_article_is_of_the_year_before():
    events, _, _, _ = drafted("12月20日，乾塘镇2024年驻镇帮扶工作总结会在镇政府召开。", date="2025-01-05")
    assert events["乾塘镇2024年驻镇帮扶工作总结会"].props["date"]["value"] == "2024-12-20"


def test_a_full_date_in_the_text_is_not_inferred():
    events, _, _, _ = drafted("2023年9月20日，荔湾区—阳山县对口帮扶工作联席会议在阳山县召开。")
    date = events["荔湾区—阳山县对口帮扶工作联席会议"].props["date"]
    assert date == {"value": "2023-09-20", "inferred": False}


def test_activities_need_a_date_and_repeated_or_generic_ones_are_no_event():
    events, _, _, _ = drafted(
        "街道、社区与镇、村开展交流活动300余次。工作队开展了系列活动。5月29日，京溪街道到保安镇开展结对共建活动。"
    )
    assert set(events) == {"结对共建活动"}


def test_a_ceremony_at_the_meeting_takes_the_meetings_date():
    events, _, _, _ = drafted(
        "9月20日，荔湾区—阳山县对口帮扶工作联席会议在阳山县召开。会上举行了爱心捐赠仪式。", date="2024-09-21"
    )
    assert events["爱心捐赠仪式"].props["date"]["value"] == "2024-09-20"


def test_attendees_hosts_chairs_and_organisers():
    _, _, rels, _ = drafted(
        "12月14日，广州市花都区非公党委牵头组织17家爱心企业，到太保镇开展“红联共建 镇村企同兴”主题活动。"
        "这次主题活动由广州市花都区委两新工委、太保镇党委主办，国光电器股份有限公司协办。"
        "太保镇镇长莫新勇，驻镇工作队队长郭景祥等参加了主题活动。活动由太保镇党委副书记韦志坚主持。"
    )
    event = "“红联共建 镇村企同兴”主题活动"
    assert rels == {
        ("organizes", "广州市花都区非公党委", event, "牵头组织"),
        ("hosts_event", "广州市花都区委两新工委", event, "host"),
        ("hosts_event", "太保镇党委", event, "host"),
        ("hosts_event", "国光电器股份有限公司", event, "co_host"),
        ("participates_in", "莫新勇", event, "参加"),
        ("participates_in", "郭景祥", event, "参加"),
        ("organizes", "韦志坚", event, "主持"),
    }


def test_attendees_listed_after_the_event_and_across_a_semicolon():
    _, _, rels, _ = drafted(
        "9月11日，南山区—陆丰市教育医疗帮扶签约活动在甲子镇举行。出席活动的有：吴慧玲（南山区副区长）、蔡丽娜（甲子镇党委书记）。"
        "11月7日，浛洸镇组团帮扶工作推进会在浛洸镇召开。天河区委常委、副区长刘振华；浛洸镇党委书记温建新等参加会议。"
    )
    people = {(a, b) for t, a, b, _ in rels if t == "participates_in"}
    assert people == {
        ("吴慧玲", "南山区—陆丰市教育医疗帮扶签约活动"),
        ("蔡丽娜", "南山区—陆丰市教育医疗帮扶签约活动"),
        ("刘振华", "浛洸镇组团帮扶工作推进会"),
        ("温建新", "浛洸镇组团帮扶工作推进会"),
    }


def test_visits_are_a_named_visitor_going_to_a_named_place_for_a_purpose():
    _, _, rels, _ = drafted(
        "6月10日，海珠区委常委、统战部部长罗晓东一行到石岭镇调研，走访了龙湾村。"
        "大沥镇选派干部关志明到罗镜镇挂职。"
    )
    assert {(t, a, b) for t, a, b, _ in rels} == {("visits", "罗晓东", "石岭镇")}


def test_initiatives_named_in_quotes_with_their_kind():
    _, initiatives, _, _ = drafted(
        "由王正跃牵头创建的“红联共建 五链融合”机关党建类工作创新项目获奖。"
        "下一步将持续聚焦“百千万工程”。坚持“梅县所需、越秀所能”，开展“六一”慰问活动，推动“一对一”结对。"
    )
    assert initiatives == {"红联共建 五链融合": "project", "百千万工程": "programme"}


def test_events_and_initiatives_reach_the_draft_and_pass_the_loaders_checks():
    _, _, _, prep = drafted(
        "6月17日，天河区帮扶连江口镇工作推进会在连江口镇召开。天河区副区长陈志远出席会议。下一步将聚焦“百千万工程”。"
    )
    doc = finish(prep, None).document
    kinds = {e["name"]: (e["type"], e.get("kind")) for e in doc["entities"]}
    assert kinds["天河区帮扶连江口镇工作推进会"] == ("event", "meeting")
    assert kinds["百千万工程"] == ("initiative", "programme")
    assert any(r["type"] == "participates_in" for r in doc["relationships"])
