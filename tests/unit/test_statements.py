"""graph/statements.py: statement records and the one function that derives what the graph shows."""

from __future__ import annotations

from graph.model import NodeRecord, RelRecord, redact
from graph.statements import (
    ARTICLE,
    CURATED,
    derive,
    entity_statement,
    relationship_statement,
    stated,
    statement_id,
)

REDACTIONS = [("农户朱艳红", "某农户"), ("朱艳红", "某农户")]


def mo(title: str, source: str, date: str | None) -> dict:
    rel = RelRecord(
        "holds_position--mo-xinyong--taibao",
        "holds_position",
        "HOLDS_POSITION",
        "mo-xinyong",
        "taibao",
        {"title": title},
        [f"{title}莫新勇"],
    )
    return relationship_statement(rel, source, date, ARTICLE, [])


def test_ids_are_deterministic_and_distinguish_origin_and_source():
    a = statement_id(ARTICLE, "s1", "taibao")
    assert a == statement_id(ARTICLE, "s1", "taibao")
    assert len({a, statement_id(CURATED, "s1", "taibao"), statement_id(ARTICLE, "s2", "taibao")}) == 3


def test_digest_changes_with_what_is_stated_and_only_then():
    assert mo("镇长", "s1", "2021").get("digest") == mo("镇长", "s1", "2021")["digest"]
    assert mo("镇长", "s1", "2021")["digest"] != mo("党委副书记、镇长", "s1", "2021")["digest"]


def test_the_latest_source_wins_and_the_disagreement_is_kept():
    item = derive([mo("党委副书记、镇长", "xkb-2024", "2024-03"), mo("镇长", "xkb-2021", "2021-12")])
    assert item["title"] == "党委副书记、镇长"  # the 2024 article is the latest
    assert item["disputed"] == ["title"]
    assert item["sources"] == ["xkb-2021", "xkb-2024"]
    assert item["ev_sources"] == ["xkb-2021", "xkb-2024"]  # evidence in date order


def test_agreeing_sources_are_not_disputed():
    item = derive([mo("镇长", "a", "2021"), mo("镇长", "b", "2024")])
    assert "disputed" not in item and item["title"] == "镇长"


def test_a_quantity_is_compared_whole_not_by_its_companions():
    base = {"amount": 300000, "amount_qualifier": "近", "amount_text": "近30万元"}

    def gift(source, props):
        rel = RelRecord(
            "donates_to--jiaotou--huguang",
            "donates_to",
            "DONATES_TO",
            "jiaotou",
            "huguang",
            props,
            ["捐赠近30万元"],
        )
        return relationship_statement(rel, source, "2024", ARTICLE, [])

    assert "disputed" not in derive([gift("a", base), gift("b", base)])
    other = {**base, "amount_text": "捐赠近30万元"}
    assert derive([gift("a", base), gift("b", other)])["disputed"] == ["amount"]
    # amount_scope is its own property, not a companion of amount
    a, b = {**base, "amount_scope": "gift"}, {**base, "amount_scope": "cumulative"}
    assert derive([gift("a", a), gift("b", b)])["disputed"] == ["amount_scope"]
    assert "disputed" not in derive([gift("a", base), gift("b", a)])  # one source silent is no dispute


def test_no_statement_left_means_no_item():
    assert derive([]) is None


def test_entities_take_the_union_of_aliases_and_are_private_if_any_source_says_so():
    def zhu(source, aliases, props):
        node = NodeRecord("zhu-yanhong", "person", "Person", "朱艳红", aliases, props, ["农户朱艳红辛勤种植"])
        return entity_statement(node, source, "2021", ARTICLE, REDACTIONS)

    item = derive(
        [
            zhu("a", ["艳红"], {"private": True, "redact_as": "某农户", "mentions": ["朱艳红"]}),
            zhu("b", ["朱女士"], {}),
        ]
    )
    assert item["aliases"] == ["朱女士", "艳红"] and item["private"] is True
    assert item["ev_quotes_public"] == ["某农户辛勤种植", "某农户辛勤种植"]
    assert "redact_as" not in item and "mentions" not in item  # redaction data stays on statements


def test_statements_keep_both_quote_forms_and_the_article_only_on_the_source_itself():
    node = NodeRecord("src", "source", "Source", "标题", [], {"title": "标题"}, ["标题"])
    own = entity_statement(node, "src", "2021", ARTICLE, REDACTIONS, "农户朱艳红辛勤种植")
    assert own["article_text_public"] == "某农户辛勤种植" and own["article_text"] == "农户朱艳红辛勤种植"
    assert "article_text" not in derive([own])  # the derived Source node stays small
    assert stated(own) == {"title": "标题"}


def test_redact_replaces_longest_mentions_first():
    assert redact("农户朱艳红和朱艳红", REDACTIONS) == "某农户和某农户"
