"""graph/loader.py's pure planner: what replacing a scope's statements writes."""

from __future__ import annotations

from graph.loader import Scope, change_rows, plan_write, property_changes
from graph.model import NodeRecord, RelRecord
from graph.statements import ARTICLE, entity_statement, relationship_statement


def town(source: str, name="太保镇", note=None) -> dict:
    props = {"level": "town", **({"note": note} if note else {})}
    return entity_statement(
        NodeRecord("taibao", "place", "Place", name, [], props, [name]), source, "2024", ARTICLE, []
    )


def pairing(source: str, basis: str = "对口帮扶") -> dict:
    rel = RelRecord(
        "pairs_with--huadu--taibao",
        "pairs_with",
        "PAIRS_WITH",
        "huadu",
        "taibao",
        {"basis": basis},
        ["花都区对口帮扶太保镇"],
    )
    return relationship_statement(rel, source, "2024", ARTICLE, [])


def previous(*records, full=False) -> list[dict]:
    return [
        {
            "id": r["id"],
            "subject": r["subject"],
            "subject_kind": r["subject_kind"],
            "digest": r["digest"],
            "st": r if full else None,
        }
        for r in records
    ]


def test_a_new_source_creates_everything_without_reading_items():
    plan = plan_write(Scope("s1"), [town("s1"), pairing("s1")], [], {})
    assert [r["id"] for r in plan.node_creates] == ["taibao"]
    assert [r["id"] for r in plan.rel_creates] == ["pairs_with--huadu--taibao"]
    assert plan.rel_creates[0]["db_type"] == "PAIRS_WITH" and plan.rel_creates[0]["source"] == "huadu"
    assert len(plan.statement_creates) == 2 and not plan.statement_writes
    assert (plan.report.entities.created, plan.report.relationships.created) == (1, 1)


def test_the_same_statements_again_write_nothing():
    new = [town("s1"), pairing("s1")]
    plan = plan_write(Scope("s1"), new, previous(*new), {})
    assert (
        not plan.changed and plan.report.entities.unchanged == 1 and plan.report.relationships.unchanged == 1
    )
    assert not any([plan.statement_creates, plan.statement_writes, plan.node_writes, plan.rel_writes])


def test_a_changed_statement_is_replaced_and_its_item_rederived():
    plan = plan_write(Scope("s1"), [pairing("s1", "结对帮扶")], previous(pairing("s1")), {})
    assert plan.report.relationships.updated == 1
    assert plan.rel_writes[0]["props"]["basis"] == "结对帮扶" and len(plan.statement_writes) == 1


def test_a_fact_no_longer_stated_disappears_unless_another_source_states_it():
    gone = plan_write(Scope("s1"), [], previous(pairing("s1")), {})
    assert gone.report.relationships.removed == 1 and gone.rel_deletes[0]["id"] == "pairs_with--huadu--taibao"
    assert gone.statement_deletes == [pairing("s1")["id"]]
    kept = plan_write(
        Scope("s1"), [], previous(pairing("s1")), {"pairs_with--huadu--taibao": [pairing("s2")]}
    )
    assert not kept.rel_deletes and kept.rel_writes[0]["props"]["sources"] == ["s2"]


def test_an_entity_other_sources_state_is_linked_not_created():
    plan = plan_write(Scope("new"), [town("new")], [], {"taibao": [town("old")]})
    assert not plan.node_creates and plan.node_writes[0]["props"]["sources"] == ["new", "old"]
    assert plan.changes[0].linked and change_rows(plan)[0][0] == "linked"


def test_entities_are_written_before_relationships():
    plan = plan_write(Scope("s1"), [pairing("s1"), town("s1")], [], {})
    assert [c.kind for c in plan.changes] == ["entity", "relationship"]


def test_a_dry_run_plan_shows_before_and_after():
    plan = plan_write(
        Scope("s1"), [town("s1", note="百千万工程典型镇")], previous(town("s1"), full=True), {}, full=True
    )
    change = plan.changes[0]
    assert change.before["name"] == "太保镇" and "note" not in change.before
    assert change.after["note"] == "百千万工程典型镇"
    assert "note: — → 百千万工程典型镇" in change_rows(plan)[0][4]


def test_property_changes_in_words():
    assert property_changes(None, {"title": "队长", "ev_quotes": ["a"], "sources": ["s"]}) == [
        "title: — → 队长",
        "sources: + s",
        "quotes: 0 → 1",
    ]
    assert property_changes({"title": "队长"}, {"title": "队长"}) == []
