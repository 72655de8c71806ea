"""The genre's grammar on short sentences written for these tests (not taken from any dev article).

Each case is a paragraph and every scored relationship (holds_position, pairs_with, signs_agreement,
donates_to) the rules must draft from it, no more: (type, from, to, title or amount in 元 or None).
Names are compared exactly as written.
"""

from __future__ import annotations

import pytest

from graph.intake import prepare

SCORED = ("donates_to", "pairs_with", "signs_agreement", "holds_position")
FILLER = "相关工作正在有序推进之中，各方反响良好。"


def drafted(text: str) -> set[tuple]:
    prep = prepare(f"测试标题\n\n{text}\n\n{FILLER}")
    out = set()
    for r in prep.rels:
        if r.type not in SCORED:
            continue
        if r.type == "holds_position":
            extra = r.props.get("title")
        elif r.type == "donates_to":
            extra = (r.props.get("amount") or {}).get("value")
        else:
            extra = None
        out.add((r.type, r.source.name, r.target.name, extra))
    return out


#: Simplified text keeps its characters (乾塘镇 is not converted to 干塘镇)
SCRIPT = [
    (
        "清远市英德市乾塘镇党委书记黄志坚表示，将持续推进。",
        [("holds_position", "黄志坚", "乾塘镇", "党委书记")],
    ),
    (
        "广州市天河区驻英德市乾塘镇帮镇扶村工作队队长何文。",
        [
            ("holds_position", "何文", "广州市天河区驻英德市乾塘镇帮镇扶村工作队", "队长"),
            ("pairs_with", "广州市天河区驻英德市乾塘镇帮镇扶村工作队", "乾塘镇", None),
        ],
    ),
]

#: towns after county-level cities and verbs keep their first character (连江口镇)
PLACES = [
    ("天河区对口帮扶英德市连江口镇以来，成效明显。", [("pairs_with", "天河区", "连江口镇", None)]),
    (
        "3月2日，天河区调研组走访了连江口镇连樟村。英德市连江口镇党委书记朱家明陪同。",
        [("holds_position", "朱家明", "连江口镇", "党委书记")],
    ),
    (
        "廉江市石岭镇党委副书记、镇长李明出席活动。",
        [("holds_position", "李明", "石岭镇", "党委副书记、镇长")],
    ),
    ("广州市白云区向廉江市石岭镇捐赠30万元。", [("donates_to", "白云区", "石岭镇", 300000)]),
]

#: pairing lists, groups, dashes and headings
PAIRINGS = [
    (
        "广州珠江实业集团有限公司、广州天河城集团有限公司、广州市天河区建筑业协会分别与连樟村、黄竹村、石坑村结对。",
        [
            ("pairs_with", "广州天河城集团有限公司", "黄竹村", None),
            ("pairs_with", "广州市天河区建筑业协会", "石坑村", None),
            ("pairs_with", "广州珠江实业集团有限公司", "连樟村", None),
        ],
    ),
    (
        "广州珠江实业集团有限公司结对石坑村，帮助村里发展产业。",
        [("pairs_with", "广州珠江实业集团有限公司", "石坑村", None)],
    ),
    (
        "由天河区民政局、天河区卫生健康局、广州天河城集团有限公司等3个单位组团帮扶连江口镇。",
        [
            ("pairs_with", "天河区卫生健康局", "连江口镇", None),
            ("pairs_with", "天河区民政局", "连江口镇", None),
            ("pairs_with", "广州天河城集团有限公司", "连江口镇", None),
        ],
    ),
    (
        "天河区—连江口镇：携手三年结硕果\n\n今年以来，两地交流频繁，天河区干部多次到镇里调研。",
        [("pairs_with", "天河区", "连江口镇", None)],
    ),
    ("黄埔—五华对口帮扶工作座谈会在五华县召开。", [("pairs_with", "黄埔区", "五华县", None)]),
    ("海珠区对口帮扶廉江市石岭镇，选派干部驻镇帮扶。", [("pairs_with", "海珠区", "石岭镇", None)]),
]

#: donors that are places or offices, 分别, 共, numerals, numbering, passive, 投入
DONATIONS = [
    ("天河区投入帮扶资金500万元，支持连江口镇建设产业园。", [("donates_to", "天河区", "连江口镇", 5000000)]),
    ("北京街道向石岭镇捐赠20万元，用于村道硬化。", [("donates_to", "北京街道", "石岭镇", 200000)]),
    (
        "广州交通投资集团有限公司党委向石坑村捐赠5万元。",
        [("donates_to", "广州交通投资集团有限公司党委", "石坑村", 50000)],
    ),
    (
        "广州市天河区慈善会向连樟村、黄竹村分别捐赠2万元。",
        [
            ("donates_to", "广州市天河区慈善会", "连樟村", 20000),
            ("donates_to", "广州市天河区慈善会", "黄竹村", 20000),
        ],
    ),
    (
        "广州珠江实业集团有限公司和广州天河城集团有限公司共捐赠三十万元，支持石坑村建设。",
        [
            ("donates_to", "广州天河城集团有限公司", "石坑村", 300000),
            ("donates_to", "广州珠江实业集团有限公司", "石坑村", 300000),
        ],
    ),
    (
        "广州市天河区建筑业协会向黄竹村捐赠一百二十万元。",
        [("donates_to", "广州市天河区建筑业协会", "黄竹村", 1200000)],
    ),
    (
        "广州市天河区建筑业协会向黄竹村捐赠12.5万元。",
        [("donates_to", "广州市天河区建筑业协会", "黄竹村", 125000)],
    ),
    ("（二）北京街道：向石岭镇捐赠物资价值3万元。", [("donates_to", "北京街道", "石岭镇", 30000)]),
    (
        "连江口镇位于英德市南部。镇党委书记朱家明介绍，全镇有17个村。",
        [("holds_position", "朱家明", "连江口镇", "党委书记")],
    ),
    (
        "会后，花都区向太保镇中心学校捐赠价值8万元的物资。",
        [("donates_to", "花都区", "太保镇中心学校", 80000)],
    ),
    (
        "三年来，白云区共向东陂镇投入帮扶资金6850万元，实施项目43个。",
        [("donates_to", "白云区", "东陂镇", 68500000)],
    ),
    ("东涌镇向乌石镇中心小学捐赠书包、文具等学习用品。", [("donates_to", "东涌镇", "乌石镇中心小学", None)]),
    (
        "石坑村收到广州珠江实业集团有限公司捐赠的5万元帮扶资金。",
        [("donates_to", "广州珠江实业集团有限公司", "石坑村", 50000)],
    ),
    (
        "广州珠江实业集团有限公司捐赠5万元给石坑村，用于修建文化室。",
        [("donates_to", "广州珠江实业集团有限公司", "石坑村", 50000)],
    ),
    (
        "5月20日，天河区委统战部组织辖区企业到连江口镇开展慰问活动，广州天河城集团有限公司为连樟村捐赠10万元。",
        [("donates_to", "广州天河城集团有限公司", "连樟村", 100000)],
    ),
    ("广州天河城集团有限公司计划投入300万元在连樟村建设产业园。", []),
    ("广州天河城集团有限公司投入300万元在连樟村建设茶叶加工厂。", []),
    ("连江口镇投入50万元修缮村道。", []),
    (
        "广州市天河区慈善会向连江口镇中心小学捐赠1.2万元助学金，资助30名困难学生。",
        [("donates_to", "广州市天河区慈善会", "连江口镇中心小学", 12000)],
    ),
    ("天河区向英德市连江口镇捐赠帮扶资金120万元。", [("donates_to", "天河区", "连江口镇", 1200000)]),
]

#: totals and gifts as the genre tells them: a running total of the town the team is stationed in, a
#: value in the clause after, a place's collective (各界) and an official handing over are no donors
TOTALS = [
    (
        "截至目前，驻石岭镇工作队党支部已牵头组织30家单位加入“石岭同心圈”，筹资捐款捐物价值达80余万元。",
        [("donates_to", "石岭同心圈", "石岭镇", 800000), ("pairs_with", "驻石岭镇工作队", "石岭镇", None)],
    ),
    (
        "海珠区工商联向石岭镇中心卫生院捐赠一批医疗设备，价值12.6万元。",
        [("donates_to", "海珠区工商联", "石岭镇中心卫生院", 126000)],
    ),
    ("截至目前，海珠区各界累计向石岭镇捐资捐物1560余万元。", []),
    ("调研组一行到龙湾村小学，罗晓东与企业代表为他们送上了书包、文具等学习用品。", []),
    (
        "广州黄埔文化旅游投资有限公司、广州开发区交通投资集团有限公司共捐赠80万元，支持岐岭镇新联村、华城镇塘湖村发展乡村旅游。",
        [
            ("donates_to", "广州开发区交通投资集团有限公司", "塘湖村", 800000),
            ("donates_to", "广州开发区交通投资集团有限公司", "新联村", 800000),
            ("donates_to", "广州黄埔文化旅游投资有限公司", "塘湖村", 800000),
            ("donates_to", "广州黄埔文化旅游投资有限公司", "新联村", 800000),
        ],
    ),
]

#: more of the forms briefings, year-end summaries and county notices use
FORMS = [
    (
        "组团单位今年以来共计捐赠资金和物资60万元，其中黄花镇35万元、广州天河城集团有限公司25万元。"
        "天河区驻英德市黄花镇帮镇扶村工作队将继续做好对接。",
        [  # the town's own share is no gift to itself
            ("donates_to", "广州天河城集团有限公司", "黄花镇", 250000),
            ("pairs_with", "天河区驻英德市黄花镇帮镇扶村工作队", "黄花镇", None),
        ],
    ),
    (
        "天河区卫生健康局组织区人民医院专家到黄花镇卫生院义诊，并向卫生院捐赠药品一批，折合人民币3.6万元。",
        [("donates_to", "天河区卫生健康局", "黄花镇卫生院", 36000)],
    ),
    ("石岭街道向石岭镇捐赠人民币壹拾伍万元。", [("donates_to", "石岭街道", "石岭镇", 150000)]),
    (
        "广州鲜达冷链物流有限公司董事长黄锦辉代表公司向根子镇捐赠15万元。",
        [
            ("donates_to", "广州鲜达冷链物流有限公司", "根子镇", 150000),
            ("holds_position", "黄锦辉", "广州鲜达冷链物流有限公司", "董事长"),
        ],
    ),
    ("荔城街道还为叶塘镇86户困难群众每户送去慰问金300元。", []),
    (
        "广州市荔盛建材有限公司捐资10万元，在叶塘镇中心小学设立奖教金。",
        [("donates_to", "广州市荔盛建材有限公司", "叶塘镇中心小学", 100000)],
    ),
    (
        "浛洸镇的组团帮扶由区卫健局牵头，由天河区卫生健康局、区教育局、沙河街道等5个单位组成。",
        [
            ("pairs_with", "天河区卫生健康局", "浛洸镇", None),
            ("pairs_with", "天河区教育局", "浛洸镇", None),
            ("pairs_with", "沙河街道", "浛洸镇", None),
        ],
    ),
    (
        "佛山市粤味食品有限公司、佛山市华陶建材有限公司两家企业分别结对连滩镇西坝村、兰寨村，并签订村企结对协议。",
        [
            ("pairs_with", "佛山市粤味食品有限公司", "西坝村", None),
            ("pairs_with", "佛山市华陶建材有限公司", "兰寨村", None),
            ("signs_agreement", "佛山市粤味食品有限公司", "西坝村", None),
            ("signs_agreement", "佛山市华陶建材有限公司", "兰寨村", None),
        ],
    ),
    (
        "作为花都区帮扶太保镇的牵头单位，花城街道持续发动辖区企业参与帮扶。",
        [("pairs_with", "花城街道", "太保镇", None), ("pairs_with", "花都区", "太保镇", None)],
    ),
    (
        "5月29日，广州市白云区京溪街道一行到连州市保安镇开展活动。京溪街道党工委与保安镇党委签订《党建结对共建协议》。",
        [
            ("pairs_with", "京溪街道党工委", "保安镇党委", None),
            ("signs_agreement", "京溪街道党工委", "保安镇党委", None),
        ],
    ),
    ("双方将共建华城镇丝苗米数字化种植示范基地。", []),
    (
        "广州市白云区京溪街道党工委书记陈永明（兼任白云区对口帮扶连州市工作组副组长）带队。",
        [
            ("holds_position", "陈永明", "广州市白云区京溪街道", "党工委书记"),
            ("holds_position", "陈永明", "白云区对口帮扶连州市工作组", "副组长"),
            ("pairs_with", "白云区", "连州市", None),
        ],
    ),
]

#: posts in 人大/政协, 党委委员、副镇长, a town named before, a post in another clause
POSTS = [
    (
        "广州天河城集团有限公司党支部书记、董事长陈海表示，将继续支持。",
        [("holds_position", "陈海", "广州天河城集团有限公司", "党支部书记、董事长")],
    ),
    ("二、北京街道向石岭镇捐赠3万元。", [("donates_to", "北京街道", "石岭镇", 30000)]),
    ("石岭镇党委委员、副镇长陈红出席。", [("holds_position", "陈红", "石岭镇", "党委委员、副镇长")]),
    ("天河区人大常委会副主任王建国带队调研。", [("holds_position", "王建国", "天河区人大常委会", "副主任")]),
    ("英德市政协副主席刘芳陪同。", [("holds_position", "刘芳", "英德市政协", "副主席")]),
    (
        "天河区民政局局长刘伟一行到连江口镇调研，并向连江口镇敬老院捐赠价值2万元的棉被。",
        [
            ("donates_to", "天河区民政局", "连江口镇敬老院", 20000),
            ("holds_position", "刘伟", "天河区民政局", "局长"),
        ],
    ),
    (
        "天河区帮扶连江口镇和黄花镇。在连江口镇，镇党委书记朱家明介绍了情况。",
        [
            ("holds_position", "朱家明", "连江口镇", "党委书记"),
            ("pairs_with", "天河区", "连江口镇", None),
            ("pairs_with", "天河区", "黄花镇", None),
        ],
    ),
    ("朱家明是连江口镇党委书记，他介绍了情况。", [("holds_position", "朱家明", "连江口镇", "党委书记")]),
    ("朱家明，连江口镇党委书记，长期关注产业发展。", [("holds_position", "朱家明", "连江口镇", "党委书记")]),
    ("石坑村驻村第一书记李华带领村民发展茶产业。", [("holds_position", "李华", "石坑村", "驻村第一书记")]),
    (
        "广州天河城集团有限公司董事长、总经理陈海带队，与连樟村党支部书记、村委会主任黄伟座谈。",
        [
            ("holds_position", "陈海", "广州天河城集团有限公司", "董事长、总经理"),
            ("holds_position", "黄伟", "连樟村", "党支部书记、村委会主任"),
        ],
    ),
    ("英德市委常委、副市长周平出席活动并讲话。", [("holds_position", "周平", "英德市", "市委常委、副市长")]),
    (
        "天河区委常委、区委组织部部长林涛，英德市副市长周平出席。",
        [
            ("holds_position", "周平", "英德市", "副市长"),
            ("holds_position", "林涛", "天河区", "区委常委"),
            ("holds_position", "林涛", "天河区委组织部", "部长"),
        ],
    ),
    (
        "会议由连江口镇党委副书记、镇长黎永坚主持，镇党委委员、副镇长陈红汇报工作。",
        [
            ("holds_position", "陈红", "连江口镇", "党委委员、副镇长"),
            ("holds_position", "黎永坚", "连江口镇", "党委副书记、镇长"),
        ],
    ),
    (
        "天河区驻连江口镇帮镇扶村工作队队长、天河区民政局副局长何文介绍。",
        [
            ("holds_position", "何文", "天河区民政局", "副局长"),
            ("holds_position", "何文", "天河区驻连江口镇帮镇扶村工作队", "队长"),
            ("pairs_with", "天河区驻连江口镇帮镇扶村工作队", "连江口镇", None),
        ],
    ),
]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        *(pytest.param(t, w, id=f"script-{i}") for i, (t, w) in enumerate(SCRIPT)),
        *(pytest.param(t, w, id=f"places-{i}") for i, (t, w) in enumerate(PLACES)),
        *(pytest.param(t, w, id=f"pairings-{i}") for i, (t, w) in enumerate(PAIRINGS)),
        *(pytest.param(t, w, id=f"donations-{i}") for i, (t, w) in enumerate(DONATIONS)),
        *(pytest.param(t, w, id=f"totals-{i}") for i, (t, w) in enumerate(TOTALS)),
        *(pytest.param(t, w, id=f"forms-{i}") for i, (t, w) in enumerate(FORMS)),
        *(pytest.param(t, w, id=f"posts-{i}") for i, (t, w) in enumerate(POSTS)),
    ],
)
def test_the_rules_draft_exactly_what_the_sentence_states(text, want):
    assert drafted(text) == set(want)


def test_a_table_of_gifts_gives_one_gift_a_row_in_the_header_unit():
    table = (
        "九月份爱心捐赠明细\n\n"
        "序号\u3000捐赠单位\u3000\u3000\u3000\u3000受赠单位\u3000\u3000\u3000捐赠内容\u3000\u3000金额（万元）\n"
        "1\u3000\u3000广州天河城集团有限公司\u3000\u3000黄花镇\u3000\u3000资金\u3000\u3000\u300015\n"
        "2\u3000\u3000天河区卫生健康局\u3000\u3000黄花镇卫生院\u3000\u3000医用耗材\u3000\u30004.2\n"
        "合计\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u300019.2\n"
    )
    prep = prepare(f"测试标题\n\n{FILLER}\n\n{table}")
    rows = {
        (r.source.name, r.target.name, r.props["amount"]["value"], r.props["form"])
        for r in prep.rels
        if r.rule == "donate-table"
    }
    assert rows == {
        ("广州天河城集团有限公司", "黄花镇", 150000, "money"),
        ("天河区卫生健康局", "黄花镇卫生院", 42000, "goods"),
    }


def test_a_name_known_from_before_at_the_very_end_of_a_line_is_cut_inside_it():
    prep = prepare(f"测试标题\n\n通讯员陈敏表示，工作有序推进。{FILLER}\n\n南方+ 记者 李晓峰 通讯员 陈敏")
    for e in prep.entities:
        for m in e.mentions:
            assert 0 <= m.start < m.end <= len(m.unit.text), (e, m)


#: What the genre says that is no gift, pairing or signing: planned money, purchases, income, coordinated or
#: unattributed funds, private recipients, talks, co-operation (协作).
NOT_FACTS = [
    "广州天河城集团有限公司将向连江口镇捐赠50万元，用于产业园建设。",
    "下一步，天河区计划向连江口镇捐赠帮扶资金100万元。",
    "广州天河城集团有限公司拟捐资30万元支持石坑村建设。",
    "天河区干部职工踊跃参与消费帮扶，购买连江口镇农产品50万元。",
    "广州天河城集团有限公司采购连樟村茶叶20万元。",
    "连樟村党支部书记黄伟说，今年村集体收入增加了20万元。",
    "天河区民政局为连江口镇困难群众送去慰问金5万元。",
    "工作队协调帮扶资金300万元，用于连江口镇道路建设。",
    "各组团单位累计捐赠资金和物资达316万元。",
    "广州天河城集团有限公司与连樟村开展座谈交流。",
    "双方将在产业、人才等方面深化合作。",
    "天河区与英德市深化协作，共同推动产业发展。",
    "连江口镇党委书记朱家明表示，将用好每一笔帮扶资金。",
]


@pytest.mark.parametrize("text", NOT_FACTS)
def test_sentences_that_state_no_gift_pairing_or_signing(text):
    assert {r for r in drafted(text) if r[0] != "holds_position"} == set()
