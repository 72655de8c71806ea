"""The seed dataset and its validation (no server needed)."""

from __future__ import annotations

import re

import pytest
import yaml

from graph.errors import SeedValidationError
from graph.loader import SEED_DATA_DIR, read_seed_files, validate
from graph.model import ARTICLES_DIR, flatten_property, schema

SEED_FILES = sorted(SEED_DATA_DIR.glob("*.yaml"))


def _all_quotes():
    for path in SEED_FILES:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        article = (ARTICLES_DIR / doc["source"]["properties"]["article_file"]).read_text(encoding="utf-8")
        items = [("source", doc["source"])]
        items += [(f"entity {e['id']}", e) for e in doc.get("entities", [])]
        items += [(f"{r['type']} {r['from']}->{r['to']}", r) for r in doc.get("relationships", [])]
        for what, item in items:
            for quote in item["evidence"]:
                yield path.name, what, quote, article


ALL_QUOTES = list(_all_quotes())


def test_there_is_one_seed_file_per_story():
    assert [p.name for p in SEED_FILES] == [
        "huguang-greening.yaml",
        "taibao-dec14-activity.yaml",
        "taibao-return-visit.yaml",
    ]


@pytest.mark.parametrize(
    "file,what,quote,article", ALL_QUOTES, ids=[f"{f}:{w}:{i}" for i, (f, w, _, _) in enumerate(ALL_QUOTES)]
)
def test_every_quote_is_verbatim(file, what, quote, article):
    """Independent of the loader: the quote, whitespace removed, is in the article."""
    squeeze = lambda s: re.sub(r"\s+", "", s)  # noqa: E731
    assert len(squeeze(quote)) >= 4, f"{what}: quote too short to be evidence"
    assert squeeze(quote) in squeeze(article), f"{file} {what}: {quote!r}"


def test_every_fact_has_evidence():
    for path in SEED_FILES:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in [doc["source"], *doc["entities"], *doc["relationships"]]:
            assert item.get("evidence"), (path.name, item.get("id") or item.get("type"))


def test_seed_files_are_valid_and_cover_every_type():
    sources = validate(read_seed_files())
    types = {n.type for s in sources for n in s.nodes}
    assert types == set(schema().entity_types)
    rel_types = {r.type for s in sources for r in s.rels}
    assert {
        "pairs_with",
        "donates_to",
        "hosts_event",
        "holds_position",
        "part_of",
        "received_award",
        "signs_agreement",
        "supports",
    } <= rel_types


def test_children_are_not_recorded():
    """The children appear only in their source's private_mentions: no entity, no quote, no property."""
    docs = {p.name: yaml.safe_load(p.read_text(encoding="utf-8")) for p in SEED_FILES}
    dec14 = docs["taibao-dec14-activity.yaml"]
    assert dec14["source"]["properties"]["private_mentions"] == ["黄丽珠", "梁嘉欣"]
    for doc in docs.values():
        rest = {k: v for k, v in doc["source"].items() if k != "properties"}
        props = {k: v for k, v in doc["source"]["properties"].items() if k != "private_mentions"}
        text = str([rest, props, doc["entities"], doc["relationships"]])
        for child in ("黄丽珠", "梁嘉欣"):
            assert child not in text


def test_farmers_are_private():
    sources = validate(read_seed_files())
    people = {n.id: n for s in sources for n in s.nodes if n.type == "person"}
    assert people["zhu-yanhong"].props["private"] is True
    assert people["zheng-shu"].props["private"] is True
    assert people["mo-xinyong"].props["private"] is False


def test_the_articles_key_figures_are_in_the_data():
    sources = validate(read_seed_files())
    rels = {r.id: r for s in sources for r in s.rels}
    dec14 = rels["donates_to--huadu-17-caring-enterprises--taibao"].props
    assert dec14["amount"] == 205000 and dec14["amount_approximate"] is False
    jiaotou = rels["donates_to--guangzhou-jiaotou--huguang"].props
    assert (jiaotou["amount"], jiaotou["amount_qualifier"], jiaotou["amount_max"]) == (300000, "近", 300000)
    assert "amount_min" not in jiaotou
    circle = rels["donates_to--huadu-taibao-red-circle--taibao"].props
    assert (circle["amount"], circle["amount_min"], circle["amount_approximate"]) == (1400000, 1400000, True)
    assert circle["amount_scope"] == "cumulative"
    nodes = {n.id: n for s in sources for n in s.nodes}
    assert nodes["huadu-taibao-red-circle"].props["member_count"] == 54
    assert nodes["huadu-taibao-red-circle"].props["people_covered"] == 562
    assert nodes["liantang-lion-dance-project"].props["planned_investment"] == 15000000


def test_inferred_dates_are_marked():
    sources = validate(read_seed_files())
    nodes = {n.id: n for s in sources for n in s.nodes}
    ev = nodes["taibao-theme-activity-2021-12-14"].props
    assert (ev["date"], ev["date_precision"], ev["date_inferred"]) == ("2021-12-14", "day", True)
    src = nodes["xkb-taibao-return-visit"].props
    assert (src["date_precision"], src["date_inferred"]) == ("month", True)


@pytest.mark.parametrize(
    "kind,value,expected",
    [
        ("money", {"value": 205000}, {"amount": 205000, "amount_min": 205000, "amount_max": 205000}),
        ("money", {"value": 1400000, "qualifier": "余"}, {"amount_min": 1400000, "amount_approximate": True}),
        ("money", {"value": 300000, "qualifier": "近"}, {"amount_max": 300000, "amount_qualifier": "近"}),
        ("money", {"value": 300000, "qualifier": "约"}, {"amount_approximate": True}),
    ],
)
def test_money_keeps_the_qualifier_and_its_bound(kind, value, expected):
    flat = flatten_property("amount", kind, value)
    assert flat["amount_currency"] == "CNY"
    for key, val in expected.items():
        assert flat[key] == val
    if value.get("qualifier") == "约":
        assert "amount_min" not in flat and "amount_max" not in flat


BROKEN = """
source:
  id: broken-source
  name: 坏文件
  properties: {article_file: 000_cc065a1ba74b6c23.txt, date: "2024-13"}
  evidence: [回访交流促提升]
entities:
  - {id: taibao, type: place, level: town, name: 太保镇, evidence: [携手推进太保镇高质量发展]}
  - {id: ghost, type: spaceship, name: 飞船, evidence: [太保镇]}
  - {id: nobody, type: person, name: 无名, evidence: []}
  - {id: made-up, type: organization, kind: enterprise, name: 编造公司, evidence: [这句话不在文章里]}
relationships:
  - {type: donates_to, from: made-up, to: taibao, properties: {amount: {value: -5}}, evidence: [携手推进太保镇高质量发展]}
  - {type: pairs_with, from: unknown-company, to: taibao, evidence: [携手推进太保镇高质量发展]}
"""


def test_validation_reports_every_problem_with_file_and_path(tmp_path):
    bad = tmp_path / "broken.yaml"
    bad.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(SeedValidationError) as info:
        validate(read_seed_files([bad]))
    text = str(info.value)
    problems = info.value.problems
    assert all(p.file == str(bad) for p in problems)
    assert "nothing was written" in text
    # pydantic-level problems are reported before the semantic pass: the empty evidence list
    assert any("entities.2.evidence" in p.path for p in problems), text


def test_semantic_problems_are_all_reported(tmp_path):
    bad = tmp_path / "broken.yaml"
    bad.write_text(BROKEN.replace("evidence: []", "evidence: [太保镇党政代表]"), encoding="utf-8")
    with pytest.raises(SeedValidationError) as info:
        validate(read_seed_files([bad]))
    msgs = [f"{p.path}: {p.message}" for p in info.value.problems]
    joined = "\n".join(msgs)
    assert "unknown entity type 'spaceship'" in joined
    assert "quote not found in the article" in joined and "这句话不在文章里" in joined
    assert "reference to an unknown id 'unknown-company'" in joined
    assert "bad money" in joined and "greater than or equal to 0" in joined
    assert "bad date" in joined and "month must be 01-12" in joined
    assert len(msgs) >= 5


def test_unreadable_yaml_is_a_problem_not_a_crash(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("source: [unclosed", encoding="utf-8")
    with pytest.raises(SeedValidationError, match="not valid YAML"):
        validate(read_seed_files([bad]))


def test_conflicting_declarations_across_files_are_reported(tmp_path):
    text = (SEED_DATA_DIR / "huguang-greening.yaml").read_text(encoding="utf-8")
    other = tmp_path / "conflict.yaml"
    other.write_text(
        text.replace("id: xkb-huguang-greening", "id: xkb-other").replace(
            "level: town\n    name: 湖光镇", "level: village\n    name: 湖光镇"
        ),
        encoding="utf-8",
    )
    with pytest.raises(SeedValidationError, match=r"huguang.*declared as place"):
        validate(read_seed_files([SEED_DATA_DIR / "huguang-greening.yaml", other]))


# ------------------------------------------------------------------ the audited facts
def _docs() -> dict[str, dict]:
    return {p.name: yaml.safe_load(p.read_text(encoding="utf-8")) for p in SEED_FILES}


def _article(doc: dict) -> str:
    return (ARTICLES_DIR / doc["source"]["properties"]["article_file"]).read_text(encoding="utf-8")


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _rels(rtype: str | None = None):
    for name, doc in _docs().items():
        for r in doc["relationships"]:
            if rtype is None or r["type"] == rtype:
                yield name, r


def _valid_rels() -> dict:
    return {r.id: r for s in validate(read_seed_files()) for r in s.rels}


def test_yuan_huiming_handed_the_gift_over_and_gave_nothing():
    assert [r for _, r in _rels("donates_to") if r["from"] == "yuan-huiming"] == []
    to_school = [r for _, r in _rels("donates_to") if r["to"] == "wangdong-teaching-point"]
    assert len(to_school) == 1, "one gift of goods, not one per person who handed it over"
    gift = to_school[0]
    assert gift["from"] == "huadu-17-caring-enterprises"
    assert gift["properties"]["form"] == "goods"
    assert "袁辉明" in gift["properties"]["handed_over_by"]
    assert any("爱心企业送来" in q for q in gift["evidence"])


def test_the_running_total_is_cumulative_and_never_a_gift():
    rels = _valid_rels()
    circle = rels["donates_to--huadu-taibao-red-circle--taibao"].props
    assert (circle["amount_scope"], circle["form"]) == ("cumulative", "money_and_goods")
    assert "since" not in circle, "the article gives no start for the 140余万元"
    assert any("截至目前" in q for q in rels["donates_to--huadu-taibao-red-circle--taibao"].quotes)
    dec14 = rels["donates_to--huadu-17-caring-enterprises--taibao"].props
    assert (dec14["amount_scope"], dec14["form"]) == ("gift", "money")
    gifts_to_taibao = [
        r.props.get("amount", 0)
        for r in rels.values()
        if r.type == "donates_to" and r.target == "taibao" and r.props.get("amount_scope", "gift") == "gift"
    ]
    assert sum(gifts_to_taibao) == 205000


def test_every_donation_states_form_and_scope_and_since_only_where_the_text_gives_it():
    for name, r in _rels("donates_to"):
        props = r["properties"]
        assert props.get("form") in ("money", "goods", "money_and_goods"), (name, r["from"])
        if "amount" in props:
            assert props.get("amount_scope") in ("gift", "joint", "cumulative"), (name, r["from"])
        assert ("gift_key" in props) == (props.get("amount_scope") == "joint"), (name, r["from"])
        if "since" in props:
            assert props["amount_scope"] == "cumulative"
            assert any(f"{props['since']}年以来" in q for q in r["evidence"]), (name, r["from"])
    since = [r for _, r in _rels("donates_to") if "since" in r["properties"]]
    assert [(r["from"], r["properties"]["since"]) for r in since] == [("huacheng-area-enterprises", "2023")]


def test_the_lead_units_pairing_has_no_since():
    """ "2023年以来" dates 花城街道's fund-raising, not its pairing with 太保镇."""
    pairs = [r for _, r in _rels("pairs_with") if r["from"] == "huacheng-subdistrict"]
    assert len(pairs) == 1 and "since" not in pairs[0]["properties"]
    assert pairs[0]["properties"]["role"] == "牵头单位"


def test_the_4_0_brand_grew_out_of_wulian_ronghe():
    between = {"honglian-gongjian", "honglian-wulian-ronghe"}
    assert [r for _, r in _rels("part_of") if {r["from"], r["to"]} == between] == []
    derived = [r for _, r in _rels("derived_from") if {r["from"], r["to"]} == between]
    assert len(derived) == 1
    assert (derived[0]["from"], derived[0]["to"]) == ("honglian-gongjian", "honglian-wulian-ronghe")
    assert "4.0" in derived[0]["properties"]["version"]
    assert any("这个品牌的4.0版本即乡村振兴版" in q for q in derived[0]["evidence"])


def test_taibao_coverage_is_stated_with_its_quote():
    docs = _docs()
    dec14 = docs["taibao-dec14-activity.yaml"]
    taibao = next(e for e in dec14["entities"] if e["id"] == "taibao")
    stated = taibao["properties"]["coverage_stated"]
    assert "全覆盖" in stated and "太保镇村(社)" in stated
    assert _squeeze(stated) in _squeeze(_article(dec14))
    assert any(_squeeze(stated) in _squeeze(q) for q in taibao["evidence"])
    # the other stories state nothing about pairing coverage (湖光镇's 全覆盖 is its greening)
    for name, doc in docs.items():
        for e in doc["entities"]:
            if name != "taibao-dec14-activity.yaml" or e["id"] != "taibao":
                assert "coverage_stated" not in e.get("properties", {}), (name, e["id"])


def test_private_people_have_mentions_and_a_neutral_word():
    docs = _docs()
    private = [
        (name, e)
        for name, doc in docs.items()
        for e in doc["entities"]
        if e["type"] == "person" and e.get("properties", {}).get("private")
    ]
    assert {e["id"] for _, e in private} == {"zhu-yanhong", "zheng-shu"}
    for name, person in private:
        props = person["properties"]
        mentions, word = props["mentions"], props["redact_as"]
        assert person["name"] in mentions
        assert mentions == sorted(mentions, key=len, reverse=True), "longest first"
        assert word and person["name"] not in word
        article = _squeeze(_article(docs[name]))
        assert all(_squeeze(m) in article for m in mentions)
        assert all(any(m in q for m in mentions) for q in person["evidence"])
        # every quote anywhere, redacted, no longer names the person
        for doc in docs.values():
            for item in [doc["source"], *doc["entities"], *doc["relationships"]]:
                for q in item["evidence"]:
                    for m in mentions:
                        q = q.replace(m, word)
                    assert person["name"] not in q


def test_private_mentions_are_not_served_as_source_properties():
    from graph.views import public_properties

    nodes = {n.id: n for s in validate(read_seed_files()) for n in s.nodes}
    source = nodes["xkb-taibao-dec14-activity"].props
    assert source["private_mentions"] == ["黄丽珠", "梁嘉欣"]
    assert "private_mentions" not in public_properties(source)


def test_private_mentions_of_a_source_are_in_its_article():
    found = 0
    for doc in _docs().values():
        article = _squeeze(_article(doc))
        for name in doc["source"]["properties"].get("private_mentions", []):
            assert name in article
            found += 1
    assert found == 2


def test_each_source_keeps_its_own_title_for_mo_xinyong():
    titles = {
        name: r["properties"]["title"]
        for name, r in _rels("holds_position")
        if (r["from"], r["to"]) == ("mo-xinyong", "taibao")
    }
    assert titles == {"taibao-return-visit.yaml": "党委副书记、镇长", "taibao-dec14-activity.yaml": "镇长"}


def test_every_title_is_in_its_quote():
    for name, r in _rels("holds_position"):
        quotes = _squeeze("".join(r["evidence"]))
        for part in r["properties"]["title"].split("、"):
            assert part in quotes, (name, r["from"], part)


def test_every_written_amount_and_count_is_in_the_article():
    for doc in _docs().values():
        article = _squeeze(_article(doc))
        for item in [*doc["entities"], *doc["relationships"]]:
            for value in item.get("properties", {}).values():
                if isinstance(value, dict) and "text" in value:
                    assert _squeeze(value["text"]) in article, value


def test_associations_are_not_government_bodies():
    nodes = {n.id: n for s in validate(read_seed_files()) for n in s.nodes}
    assert nodes["huadu-fic"].props["kind"] == "association"
    assert nodes["lianshan-fic"].props["kind"] == "association"
    assert "association" in schema().entity_types["organization"].kinds


def test_plans_are_credited_to_who_states_them():
    """ "花都区对口帮扶单位" and 张丽's "帮扶单位" are Huadu's paired units, not the work team or 花城街道."""
    planned = {
        (r["from"], r["to"])
        for name, r in _rels("supports")
        if name == "taibao-return-visit.yaml" and r.get("properties", {}).get("status") == "planned"
    }
    for target in ("baiqianwan", "lvmei-guangdong", "nanyue-jiazheng", "shangping-chenpi-industry"):
        assert ("huadu", target) in planned
    assert not {f for f, _ in planned} & {"huadu-taibao-work-team", "huacheng-subdistrict"}
    zhuzhen = [r for _, r in _rels("supports") if r["to"] == "zhuzhen-bangzhen-fucun"]
    assert [r["from"] for r in zhuzhen] == ["honglian-gongjian"]
    campaign = [r for _, r in _rels("supports") if r["to"] == "wei-qunzhong-ban-shishi"]
    assert [r["from"] for r in campaign] == ["huadu-nonpublic-party-committee"]


def test_the_three_party_agreement_and_the_enterprise_signings():
    rels = _valid_rels()
    for a, b in (("guoguang-electric", "taibao"), ("guoguang-electric", "huadu-taibao-work-team")):
        assert f"signs_agreement--{a}--{b}" in rels
    assert "signs_agreement--taibao--huadu-taibao-work-team" in rels
    signers = {r.source for r in rels.values() if r.target == "guoguang-signing-2021-12-14"}
    assert signers >= {"guoguang-electric", "taibao", "huadu-taibao-work-team"}
    assert "part_of--guoguang-signing-2021-12-14--taibao-theme-activity-2021-12-14" in rels
    assert "signs_agreement--taibao-19-enterprises--taibao" in rels
    nov17 = {r.source for r in rels.values() if r.target == "shangping-shaping-signing-2021-11-17"}
    assert nov17 == {"xiongye-logistics", "taihe-concrete", "shangping", "shaping"}
    helpers = {r.source for r in rels.values() if r.target == "xiongye-taihe-five-aid-items"}
    assert helpers == {"xiongye-logistics", "taihe-concrete"}
