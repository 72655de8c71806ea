"""The extraction rules on the sentences the genre is made of (no server)."""

from __future__ import annotations

from graph.intake import prepare
from graph.intake.numbers import find_money


def rels(text: str, rtype: str | None = None):
    prep = prepare("测试标题\n\n" + text)
    return [
        (r.type, r.source.name, r.target.name, r.props) for r in prep.rels if rtype is None or r.type == rtype
    ], prep


def test_money_qualifiers_and_numerals():
    got = {
        m.text: (m.value, m.qualifier)
        for m in find_money("捐赠近30万元、140余万元、20.5万元、二十万元、5万余元和约100万元")
    }
    assert got == {
        "近30万元": (300000, "近"),
        "140余万元": (1400000, "余"),
        "20.5万元": (205000, "exact"),
        "二十万元": (200000, "exact"),
        "5万余元": (50000, "余"),
        "约100万元": (1000000, "约"),
    }


def test_position_chains_with_several_people_and_posts():
    found, _ = rels(
        "3月5日，由番禺区农业农村局副局长李明、草坝镇镇长陈志强、番禺区慈善会会长黄文华等领导带队，"
        "到草坝镇寨坝村开展帮扶活动。",
        "holds_position",
    )
    assert {(a, b, p["title"]) for _, a, b, p in found} == {
        ("李明", "番禺区农业农村局", "副局长"),
        ("陈志强", "草坝镇", "镇长"),
        ("黄文华", "番禺区慈善会", "会长"),
    }


def test_a_post_chain_folds_party_bodies_and_expands_short_forms():
    found, _ = rels(
        "广州市花都区委两新工委副书记、区工商联党组书记、区非公党委书记袁辉明，"
        "清远连山县委统战部副部长、工商联党组书记、工商联常务副主席蒋耀庭参加了活动。",
        "holds_position",
    )
    got = {(a, b, p["title"]) for _, a, b, p in found}
    assert ("袁辉明", "花都区工商联", "党组书记") in got
    assert ("袁辉明", "花都区非公党委", "书记") in got
    assert ("蒋耀庭", "连山壮族瑶族自治县工商联", "党组书记、常务副主席") in got


def test_private_people_are_never_recorded():
    found, prep = rels("农户朱艳红辛勤种植着十几亩中药材。驻镇工作队队长郭景祥告诉记者，将帮她扩大销售。")
    assert all("朱艳红" not in e.name for e in prep.entities)
    assert all("朱艳红" not in (a, b) for _, a, b, _ in found)


def test_donations_respectively_goods_and_short_forms():
    found, _ = rels(
        "番禺区慈善会、广州市番禺区工商联分别捐赠10万元，用于寨坝村道路建设。"
        "区慈善会还向草坝镇中心小学捐赠价值5000元的图书。",
        "donates_to",
    )
    got = {(a, b, p["amount"]["value"], p["form"], p["amount_scope"]) for _, a, b, p in found}
    assert got == {
        ("番禺区慈善会", "寨坝村", 100000, "money", "gift"),
        ("广州市番禺区工商联", "寨坝村", 100000, "money", "gift"),
        ("番禺区慈善会", "草坝镇中心小学", 5000, "goods", "gift"),
    }


def test_joint_and_cumulative_amounts():
    found, _ = rels(
        "广州市恒通实业有限公司、广州市宏达建设集团有限公司共捐赠50万元，支持草坝镇产业发展。"
        "截至目前，番禺区工商联累计向草坝镇捐赠资金达1200余万元。",
        "donates_to",
    )
    scopes = {(a, p["amount_scope"], p.get("gift_key") is not None) for _, a, _, p in found}
    assert scopes == {
        ("广州市恒通实业有限公司", "joint", True),
        ("广州市宏达建设集团有限公司", "joint", True),
        ("番禺区工商联", "cumulative", False),
    }
    cumulative = next(p for _, a, _, p in found if a == "番禺区工商联")
    assert cumulative["amount"] == {"value": 12000000, "qualifier": "余", "text": "1200余万元"}


def test_agreements_signed_not_drafted_and_pairwise():
    found, _ = rels(
        "广州市番禺区大石街道与英德市草坝镇签订结对帮扶协议书，双方还草拟了合作意向书。"
        "广州市雄业物流有限公司、广州市泰和混凝土有限公司分别与太保镇的上坪村、沙坪村签署“红联共建 村企同兴”协议书。"
        "广州市某某科技有限公司拟与草坝镇签订合作协议。",
        "signs_agreement",
    )
    assert {(a, b) for _, a, b, _ in found} == {
        ("广州市番禺区大石街道", "草坝镇"),
        ("广州市雄业物流有限公司", "上坪村"),
        ("广州市泰和混凝土有限公司", "沙坪村"),
    }


def test_pairings_stated_and_stationed():
    found, _ = rels(
        "广州市番禺区驻英德市草坝镇帮镇扶村工作队积极开展帮扶。广州市番禺区石楼镇结对帮扶草坝镇寨坝村，"
        "驻草坝镇工作队组团牵头单位广州市番禺交通集团有限公司捐赠20万元。",
        "pairs_with",
    )
    got = {(a, b) for _, a, b, _ in found}
    assert ("广州市番禺区驻英德市草坝镇帮镇扶村工作队", "草坝镇") in got
    assert ("石楼镇", "寨坝村") in got
    assert ("广州市番禺交通集团有限公司", "草坝镇") in got


def test_place_hierarchy_from_a_chain():
    _, prep = rels("清远市英德市草坝镇寨坝村的党员群众参加了活动，场面热烈，大家都很高兴。")
    parents = {e.name: e.parent.name for e in prep.entities if e.type == "place" and e.parent}
    assert parents == {"英德市": "清远市", "草坝镇": "英德市", "寨坝村": "草坝镇"}


def test_couples_signing_respectively_and_governments_signing_for_their_place():
    found, _ = rels(
        "增城区人民政府与平远县人民政府签订《对口帮扶合作框架协议》。"
        "增城区新塘镇与平远县仁居镇、增城区荔城街道与平远县差干镇分别签署镇街结对帮扶协议书。",
    )
    signed = {(a, b) for t, a, b, _ in found if t == "signs_agreement"}
    paired = {(a, b) for t, a, b, _ in found if t == "pairs_with"}
    assert signed == {("增城区", "平远县"), ("新塘镇", "仁居镇"), ("增城区荔城街道", "差干镇")}
    assert paired == signed  # 帮扶 agreements pair, from the Guangzhou side


def test_titles_after_names_and_from_context():
    found, _ = rels(
        "连山县召开帮扶工作会议，连山县各镇、连山县各部门参加。出席会议的有:梁浩然(黄埔区政协副主席)、曾志宏(五华县委常委、常务副县长)。"
        "副县长黄丽萍,太保镇党委书记郑思维,工作队队长郭景祥、队员王正跃和黄坦参加。",
        "holds_position",
    )
    got = {(a, b, p["title"]) for _, a, b, p in found}
    assert ("梁浩然", "黄埔区政协", "副主席") in got
    assert ("曾志宏", "五华县", "县委常委、常务副县长") in got
    assert ("黄丽萍", "连山壮族瑶族自治县", "副县长") in got
    assert ("郑思维", "太保镇", "党委书记") in got
    assert {("王正跃", "队员"), ("黄坦", "队员")} <= {
        (a, p["title"]) for _, a, b, p in found if b != "太保镇"
    }


def test_a_post_after_the_name_and_a_comma_keeps_every_title():
    found, _ = rels(
        "白云区派出的干部邓立新，现任东陂镇党委委员、副镇长，主要负责产业工作。", "holds_position"
    )
    assert {(a, b, p["title"]) for _, a, b, p in found} == {("邓立新", "东陂镇", "党委委员、副镇长")}


def test_a_bracketed_post_after_a_name_joined_by_he():
    found, _ = rels("出席仪式的有：冯嘉豪（大坪镇党委副书记）和温少卿（大坪镇党委书记）。", "holds_position")
    assert {(a, b, p["title"]) for _, a, b, p in found} == {
        ("冯嘉豪", "大坪镇", "党委副书记"),
        ("温少卿", "大坪镇", "党委书记"),
    }


def test_a_group_list_runs_past_a_defined_short_form():
    found, _ = rels(
        "5月8日，广州市荔湾区驻惠来县神泉镇帮镇扶村工作队组团单位广州荔湾恒通建设有限公司"
        "（以下简称“恒通建设”）和荔湾区冲口街道到神泉镇开展活动。",
        "pairs_with",
    )
    got = {(a, b) for _, a, b, _ in found}
    assert ("广州荔湾恒通建设有限公司", "神泉镇") in got
    assert ("荔湾区冲口街道", "神泉镇") in got


def test_the_signer_after_bing_yu_is_the_giver_not_the_recipient():
    found, _ = rels(
        "海珠区妇幼保健院向坪石镇卫生院捐赠价值8万元的B超机一台，并与卫生院签订技术帮扶合作协议。",
        "signs_agreement",
    )
    assert {(a, b) for _, a, b, _ in found} == {("海珠区妇幼保健院", "坪石镇卫生院")}


def test_a_party_secretary_giving_on_behalf_of_the_company_makes_the_company_the_donor():
    found, _ = rels(
        "广州鹏程电子科技有限公司党委书记魏新华代表公司，通过区慈善会向沙田镇捐赠6万元。", "donates_to"
    )
    assert {(a, b, p["amount"]["value"]) for _, a, b, p in found} == {
        ("广州鹏程电子科技有限公司", "沙田镇", 60000)
    }


def test_gifts_to_the_paired_villages_named_after_jiedui_de_state_the_pairings():
    found, _ = rels(
        "广州市南沙区永兴五金制品有限公司、广州南沙德润食品有限公司分别向结对的坑口村、大塘村捐赠二万元。"
    )
    got = {(t, a, b, (p.get("amount") or {}).get("value")) for t, a, b, p in found}
    assert ("donates_to", "广州市南沙区永兴五金制品有限公司", "坑口村", 20000) in got
    assert ("donates_to", "广州南沙德润食品有限公司", "大塘村", 20000) in got
    assert ("pairs_with", "广州市南沙区永兴五金制品有限公司", "坑口村", None) in got
    assert ("pairs_with", "广州南沙德润食品有限公司", "大塘村", None) in got


def test_gifts_to_the_paired_villages_the_sentence_named_before():
    found, _ = rels(
        "佛山市顺德区华信陶瓷有限公司、佛山市顺德区粤美家具有限公司分别与水口镇石塘村、凤岗村结对，"
        "并分别向结对村捐赠6万元。",
        "donates_to",
    )
    assert {(a, b, p["amount"]["value"]) for _, a, b, p in found} == {
        ("佛山市顺德区华信陶瓷有限公司", "石塘村", 60000),
        ("佛山市顺德区粤美家具有限公司", "凤岗村", 60000),
    }


def test_a_total_of_a_districts_unnamed_units_is_no_gift_of_the_district():
    found, _ = rels(
        "三年来，番禺区各结对帮扶单位累计向大麻镇投入帮扶资金1500万元，实施项目20个。", "donates_to"
    )
    assert found == []


def test_an_enterprise_named_after_a_development_zone_is_found_by_its_short_name():
    found, _ = rels(
        "广州开发区明康医疗器械有限公司与龙岗镇签订帮扶协议。龙岗镇中心小学收到明康医疗捐赠的5万元。",
        "donates_to",
    )
    assert {(a, b) for _, a, b, _ in found} == {("广州开发区明康医疗器械有限公司", "龙岗镇中心小学")}


def test_cunqi_after_a_verb_names_no_village():
    _, prep = rels("广州市增城区兴达建材有限公司与下洞村签订村企结对协议，双方将共同发展特色产业。")
    assert {e.name for e in prep.entities if e.type == "place" and e.name.endswith("村")} == {"下洞村"}


def test_a_kind_of_pairing_after_a_verb_names_no_place():
    _, prep = rels(
        "越秀区与梅县区石扇镇举行区镇结对签约仪式。会上，越秀区某商会出资三万元，为石扇镇修建村民活动中心。"
    )
    places = {e.name for e in prep.entities if e.type == "place"}
    assert "行区镇" not in places and "修建村" not in places
    assert "石扇镇" in places


def test_both_sides_of_a_signing_take_the_town_of_a_district_and_town_chain():
    found, _ = rels(
        "7月3日，广州市白云区与连州市东陂镇在东陂镇举行结对仪式，双方签订《区镇结对帮扶协议》。",
        "signs_agreement",
    )
    assert {(a, b) for _, a, b, _ in found} == {("白云区", "东陂镇")}


def test_the_group_units_of_a_town_named_before_de():
    found, _ = rels(
        "广州市增城区驻龙门县永汉镇帮镇扶村工作队和驻龙门县龙华镇帮镇扶村工作队同期进驻。"
        "永汉镇的组团单位还有增城区应急管理局、增城区城市管理和综合执法局。",
        "pairs_with",
    )
    got = {(a, b) for _, a, b, _ in found}
    assert ("增城区应急管理局", "永汉镇") in got
    assert ("增城区城市管理和综合执法局", "永汉镇") in got
    assert not any(b == "龙华镇" and a.startswith("增城区") and "局" in a for a, b in got)


def test_a_unit_named_before_or_after_zuowei_leads_the_group():
    found, _ = rels(
        "广州白云国际机场集团作为驻东陂镇工作队组团牵头单位，持续为东陂镇引入资源。",
        "pairs_with",
    )
    assert ("广州白云国际机场集团", "东陂镇") in {(a, b) for _, a, b, _ in found}
    found, _ = rels(
        "广州市白云区驻连州市东陂镇帮镇扶村工作队召开会议。作为组团帮扶牵头单位的白云区京溪街道"
        "向东陂镇捐赠帮扶资金20万元。",
        "pairs_with",
    )
    assert ("白云区京溪街道", "东陂镇") in {(a, b) for _, a, b, _ in found}


def test_a_town_named_by_its_side_is_a_place_and_starts_a_school_name():
    found, _ = rels(
        "北头镇中心小学与水口镇中心小学今年5月签订了校校结对协议。北头镇今年向水口镇捐赠了30万元。"
    )
    got = {(t, a, b) for t, a, b, _ in found}
    assert ("signs_agreement", "北头镇中心小学", "水口镇中心小学") in got
    assert ("donates_to", "北头镇", "水口镇") in got


def test_jiecheng_duizi_is_a_pairing():
    found, _ = rels("东莞市清溪镇与梅州市五华县华城镇结成“镇镇对子”，两镇来往日益密切。", "pairs_with")
    assert {(a, b) for _, a, b, _ in found} == {("清溪镇", "华城镇")}


def test_a_seat_written_before_xianei_de_is_not_one_of_the_parties():
    found, _ = rels(
        "京溪街道辖内的广州穗丰食品有限公司、广州粤兴电器有限公司分别与保安镇三江村、团结村签订村企结对协议。",
        "signs_agreement",
    )
    assert {(a, b) for _, a, b, _ in found} == {
        ("广州穗丰食品有限公司", "三江村"),
        ("广州粤兴电器有限公司", "团结村"),
    }


def test_a_second_post_after_jian_in_brackets_names_the_body_without_jian():
    found, _ = rels(
        "出席会议的有：温晓东（乳源县委常委、副县长，挂职；兼白云区驻乳源县工作组组长）。", "holds_position"
    )
    assert ("温晓东", "白云区驻乳源县工作组", "组长") in {(a, b, p["title"]) for _, a, b, p in found}


def test_a_town_congress_chair_is_a_post_of_the_town():
    found, _ = rels(
        "大麻镇党委书记、人大主席邱志刚，镇长曾卫东参加。光德镇党委书记林海、镇人大主席赖小军陪同。",
        "holds_position",
    )
    got = {(a, b, p["title"]) for _, a, b, p in found}
    assert ("邱志刚", "大麻镇", "党委书记、人大主席") in got
    assert ("赖小军", "光德镇", "人大主席") in got


def test_a_bare_work_team_is_the_team_named_last_before_it():
    found, _ = rels(
        "白云区驻连州市东陂镇帮镇扶村工作队与白云区驻连州市西岸镇帮镇扶村工作队召开联席会。\n\n"
        "白云区驻连州市西岸镇帮镇扶村工作队进驻以来，修建道路12公里。"
        "白云区驻连州市西岸镇帮镇扶村工作队还建成了冷库。\n\n"
        "白云区驻连州市东陂镇帮镇扶村工作队进驻以来，建成茶园300亩。工作队队长苏文杰说，还要继续努力。",
        "holds_position",
    )
    assert {(a, b) for _, a, b, _ in found} == {("苏文杰", "白云区驻连州市东陂镇帮镇扶村工作队")}


def test_a_bare_company_or_subdistrict_office_is_the_one_named_just_before():
    found, _ = rels(
        "广州市从化区绿源农业有限公司与良口镇签订结对协议，公司总经理方志远表示将长期帮扶。"
        "江埔街道党工委书记黄立华带队，街道办事处副主任卢美玲等一行到良口镇调研。",
        "holds_position",
    )
    got = {(a, b, p["title"]) for _, a, b, p in found}
    assert ("方志远", "广州市从化区绿源农业有限公司", "总经理") in got
    assert ("卢美玲", "江埔街道", "副主任") in got
    assert not any(b in ("公司", "街道办事处") for _, b, _ in got)


def test_the_lead_unit_of_a_group_is_the_subdistrict_not_its_party_committee():
    found, _ = rels(
        "广州市黄埔区驻紫金县龙窝镇帮镇扶村工作队报道：组团牵头单位大沙街道党工委书记叶华带队到龙窝镇开展活动。",
        "pairs_with",
    )
    got = {(a, b) for _, a, b, _ in found}
    assert ("大沙街道", "龙窝镇") in got
    assert ("大沙街道党工委", "龙窝镇") not in got


def test_a_person_giving_in_their_own_name_is_the_donor():
    found, _ = rels("清溪镇商会会长李振兴以个人名义向华城镇塘湖村捐赠3万元。")
    got = {(t, a, b) for t, a, b, _ in found}
    assert ("holds_position", "李振兴", "清溪镇商会") in got
    assert ("donates_to", "李振兴", "塘湖村") in got
    assert not any(t == "donates_to" and a == "清溪镇商会" for t, a, _ in got)


def test_a_giver_named_by_its_kind_is_the_body_named_before():
    found, _ = rels(
        "广州市增城区丰源米业有限公司与正果镇签订结对协议。该公司还向兰溪村捐赠价值约4万元的农机。",
        "donates_to",
    )
    assert {(a, b, p["amount"]["value"]) for _, a, b, p in found} == {
        ("广州市增城区丰源米业有限公司", "兰溪村", 40000)
    }
    assert len(found) == 1


def test_shares_of_a_total_named_by_town_are_gifts_to_those_towns():
    found, _ = rels(
        "三年来，番禺区累计向三镇投入帮扶资金9000万元，其中大麻镇4000万元、光德镇3000万元、高陂镇2000万元。",
        "donates_to",
    )
    assert {(a, b, p["amount"]["value"]) for _, a, b, p in found} == {
        ("番禺区", "大麻镇", 40000000),
        ("番禺区", "光德镇", 30000000),
        ("番禺区", "高陂镇", 20000000),
    }


def test_funds_put_into_a_place_written_right_after_touru():
    found, _ = rels("2024年全年，荔湾区投入阳山县帮扶资金3500万元，实施项目40个。", "donates_to")
    assert {(a, b, p["amount"]["value"]) for _, a, b, p in found} == {("荔湾区", "阳山县", 35000000)}


def test_a_building_paid_for_by_a_body_is_its_gift_to_the_body_it_houses():
    found, _ = rels("由沙河街道出资200万元援建的浛洸镇卫生院住院楼已投入使用。", "donates_to")
    assert {(a, b, p["amount"]["value"]) for _, a, b, p in found} == {("沙河街道", "浛洸镇卫生院", 2000000)}


def test_who_brings_two_schools_together_is_not_a_party_of_their_pairing():
    found, _ = rels("海珠区教育局推动区内南武小学与大坡镇中心小学结对，两校定期开展同步课堂。", "pairs_with")
    assert {(a, b) for _, a, b, _ in found} == {("南武小学", "大坡镇中心小学")}


def test_a_district_before_qiye_is_no_party_of_a_pairing():
    found, _ = rels("工作队推动番禺区企业与大麻镇英雅村、下寮村开展村企结对。", "pairs_with")
    assert not any(a == "番禺区" for _, a, _, _ in found)


def test_a_count_of_villages_between_the_list_and_jiedui():
    found, _ = rels(
        "广州市白云区穗北食品有限公司与上洞村、下洞村、竹园村三个村结对，助力茶叶产业发展。", "pairs_with"
    )
    assert {b for _, _, b, _ in found} == {"上洞村", "下洞村", "竹园村"}


def test_a_table_of_village_enterprise_pairings_gives_pairings_signings_and_gifts():
    found, _ = rels(
        "序号 企业名称 结对村 签约时间 捐赠（万元）\n"
        "1 广州市荔湾区顺景物流有限公司 坪山村 2024.05 6\n"
        "2 广州荔湾星辰电器有限公司 小都村 2024.07 —\n"
        "合计 6\n\n工作队将持续跟进结对工作。"
    )
    got = {(t, a, b, (p.get("amount") or {}).get("value")) for t, a, b, p in found}
    assert ("pairs_with", "广州市荔湾区顺景物流有限公司", "坪山村", None) in got
    assert ("pairs_with", "广州荔湾星辰电器有限公司", "小都村", None) in got
    assert ("signs_agreement", "广州荔湾星辰电器有限公司", "小都村", None) in got
    assert ("donates_to", "广州市荔湾区顺景物流有限公司", "坪山村", 60000) in got
    assert not any(t == "donates_to" and b == "小都村" for t, _, b, _ in got)


def test_pairs_listed_one_a_line_after_an_introduction():
    found, _ = rels(
        "本次现场签约的其余企业与村如下：\n\n"
        "广州市番禺区永盛五金有限公司——英雅村\n\n"
        "广州番禺华南食品有限公司——下寮村\n\n"
        "签约后，企业代表与村干部座谈交流。"
    )
    got = {(t, a, b) for t, a, b, _ in found}
    assert ("pairs_with", "广州市番禺区永盛五金有限公司", "英雅村") in got
    assert ("signs_agreement", "广州番禺华南食品有限公司", "下寮村") in got


def test_values_given_respectively_in_the_clause_after():
    found, _ = rels(
        "番禺区卫生健康局分别向大麻镇卫生院、英雅村卫生站捐赠医疗设备，价值分别为6万元和1万元。", "donates_to"
    )
    assert {(b, p["amount"]["value"]) for _, _, b, p in found} == {
        ("大麻镇卫生院", 60000),
        ("英雅村卫生站", 10000),
    }


def test_a_dash_pairing_with_a_list_of_towns_before_a_word_of_pairing():
    found, _ = rels("5月9日，番禺区—大埔县大麻镇、光德镇组团帮扶工作推进会在大麻镇召开。", "pairs_with")
    got = {(a, b) for _, a, b, _ in found}
    assert {("番禺区", "大麻镇"), ("番禺区", "光德镇")} <= got


def test_gifts_listed_after_a_town_received_them_go_to_the_town():
    found, _ = rels(
        "广州市荔湾区驻阳山县七拱镇帮镇扶村工作队2024年工作总结\n\n"
        "全年共接收社会捐赠资金折合人民币120万元，其中：荔湾区慈善会捐赠资金50万元，"
        "广州荔湾恒福商会捐赠资金30万元。",
        "donates_to",
    )
    assert {(a, b, p["amount"]["value"]) for _, a, b, p in found} == {
        ("荔湾区慈善会", "七拱镇", 500000),
        ("广州荔湾恒福商会", "七拱镇", 300000),
    }


def test_the_signature_of_a_report_gives_its_posts():
    found, _ = rels(
        "全年各项帮扶任务顺利完成，群众满意度明显提升。\n\n"
        "广州市番禺区驻大埔县大麻镇帮镇扶村工作队\n"
        "队长、大麻镇党委副书记（挂职）：何子健\n"
        "2024年12月20日",
        "holds_position",
    )
    assert {(a, b, p["title"]) for _, a, b, p in found} == {
        ("何子健", "广州市番禺区驻大埔县大麻镇帮镇扶村工作队", "队长"),
        ("何子健", "大麻镇", "党委副书记"),
    }


def test_a_verb_before_cunmin_or_zhenji_names_no_place():
    _, prep = rels(
        "合作社带动村民增收，项目用于建设镇级冷链中心，乡贤常回村里看看。团结村村民代表参加了会议。"
    )
    places = {e.name for e in prep.entities if e.type == "place"}
    assert not places & {"带动村", "建设镇", "常回村"}
    assert "团结村" in places


def test_jian_or_ren_before_a_place_is_not_part_of_a_body_name():
    _, prep = rels(
        "林志强（兼任白云区对口帮扶连州市工作组副组长）参加活动，邓海峰同时兼任陆丰市人民医院执行院长。"
    )
    orgs = {e.name for e in prep.entities if e.type == "organization"}
    assert "陆丰市人民医院" in orgs
    assert not any(o.startswith(("兼", "任", "帮扶")) for o in orgs)


def test_zuowei_qiantou_danwei_before_a_body_pairs_it_with_the_town_the_sentence_names():
    found, _ = rels(
        "广州市海珠区驻遂溪县洋青镇帮镇扶村工作队。\n\n"
        "2023年以来，作为牵头单位，南洲街道积极发动辖区企业，共同为乌石镇产业发展添砖加瓦。",
        "pairs_with",
    )
    got = {(a, b) for _, a, b, _ in found}
    assert ("南洲街道", "乌石镇") in got
    assert ("南洲街道", "洋青镇") not in got


def test_an_official_leading_a_visit_gives_for_the_body_of_the_post():
    found, _ = rels(
        "4月8日，番禺区委常委、副区长吴建新带队到大麻镇调研，向大麻镇捐赠帮扶资金15万元。", "donates_to"
    )
    assert {(a, b, p["amount"]["value"]) for _, a, b, p in found} == {("番禺区", "大麻镇", 150000)}


def test_a_chain_after_huanyou_starts_at_its_body():
    found, _ = rels("出席活动的还有大埔县委常委、副县长（挂职）周文博。", "holds_position")
    assert [r for r in found if r[1] == "周文博"]
    _, prep = rels("出席活动的还有大埔县委常委、副县长（挂职）周文博。")
    rel = next(r for r in prep.rels if r.type == "holds_position")
    assert not rel.evidence[0].startswith("有")


def test_a_body_described_before_de_is_the_body_named_after_it():
    found, _ = rels(
        "石下村的结对企业广州天河骏达物流有限公司负责人林东来表示，将继续加大帮扶力度。", "holds_position"
    )
    assert {(a, b, p["title"]) for _, a, b, p in found} == {("林东来", "广州天河骏达物流有限公司", "负责人")}


def test_a_bare_qianyue_between_two_parties_is_a_signing():
    found, _ = rels(
        "会上，广州黄埔城市建设有限公司与古竹镇签约，双方将共建产业园区。另有两家企业拟与古竹镇签约。",
        "signs_agreement",
    )
    assert {(a, b) for _, a, b, _ in found} == {("广州黄埔城市建设有限公司", "古竹镇")}


def test_two_places_joined_by_yu_before_a_pairing_meeting_pair():
    found, _ = rels("6月11日，南沙区与湛江市坡头区对口帮扶工作联席会议在坡头区召开。", "pairs_with")
    assert ("南沙区", "坡头区") in {(a, b) for _, a, b, _ in found}


def test_a_total_after_gifts_to_each_is_no_ones_amount():
    found, _ = rels(
        "活动中，三灶镇分别为春湾镇中心小学、河口村小学捐赠学习用品一批，价值共计1.8万元。", "donates_to"
    )
    assert {(b, (p.get("amount") or {}).get("value"), p["form"]) for _, _, b, p in found} == {
        ("春湾镇中心小学", None, "goods"),
        ("河口村小学", None, "goods"),
    }


def test_a_defined_short_form_of_a_name_with_places_inside_is_found_again():
    found, _ = rels(
        "广州荔湾城市建设集团有限公司（以下简称“荔湾城建”）与七拱镇签订合作协议。荔湾城建还向七拱村捐赠6万元。",
        "donates_to",
    )
    assert {(a, b) for _, a, b, _ in found} == {("广州荔湾城市建设集团有限公司", "七拱村")}


def test_team_members_after_a_comma_belong_to_the_team_of_the_leader_before():
    found, _ = rels("荔湾区驻七拱镇帮镇扶村工作队队长黎志华，队员陈晓明、冯家乐参加调研。", "holds_position")
    assert {(a, p["title"]) for _, a, b, p in found if b == "荔湾区驻七拱镇帮镇扶村工作队"} == {
        ("黎志华", "队长"),
        ("陈晓明", "队员"),
        ("冯家乐", "队员"),
    }


def test_a_gift_told_right_after_a_pairing_goes_to_the_partner():
    found, _ = rels(
        "广州番禺智联科技有限公司与大麻镇英雅村签订结对帮扶协议书，并现场捐赠帮扶资金4万元。"
        "甲公司、乙公司分别与下寮村、英雅村结对，并捐赠物资一批。",
        "donates_to",
    )
    assert {(a, b, (p.get("amount") or {}).get("value")) for _, a, b, p in found} == {
        ("广州番禺智联科技有限公司", "英雅村", 40000)
    }


def test_a_village_after_its_town_before_a_first_secretary():
    found, _ = rels("七拱镇新屋村驻村第一书记温嘉明出席会议。", "holds_position")
    assert {(a, b, p["title"]) for _, a, b, p in found} == {("温嘉明", "新屋村", "驻村第一书记")}


def test_dui_names_the_helped_side_of_a_pairing():
    found, _ = rels("广州番禺交通投资有限公司对大麻镇英雅村开展结对帮扶，助力茶产业发展。", "pairs_with")
    assert {(a, b) for _, a, b, _ in found} == {("广州番禺交通投资有限公司", "英雅村")}


def test_counted_unnamed_bodies_of_a_place_are_not_the_place():
    found, _ = rels(
        "2024年，顺德区勒流街道12家企业与六祖镇12个村开展结对，累计捐赠资金和物资折合人民币150万元。"
        "广州市某某食品有限公司与下六村、上六村、石门村三村结对。"
    )
    got = {(t, a, b) for t, a, b, _ in found}
    assert not any(a == "顺德区勒流街道" for _, a, _ in got)
    assert ("pairs_with", "广州市某某食品有限公司", "石门村") in got


def test_a_heading_dashes_a_districts_short_form_with_a_towns_name():
    found, _ = rels(
        "荔湾—七拱村企结对再添新成员\n\n广州市荔湾区驻阳山县七拱镇帮镇扶村工作队组织企业到七拱镇开展活动。",
        "pairs_with",
    )
    assert ("荔湾区", "七拱镇") in {(a, b) for _, a, b, _ in found}


def test_a_heading_that_says_jiedui_names_the_pair_after_its_colon():
    found, _ = rels(
        "（三）街镇结对：蛇口街道—鹅埠镇\n\n全年组织辖区企业到鹅埠镇对接12批次，成效明显。", "pairs_with"
    )
    assert {(a, b) for _, a, b, _ in found} == {("蛇口街道", "鹅埠镇")}
