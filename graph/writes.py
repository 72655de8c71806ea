"""Curator writes through the API's async driver: each write and its audit entry in one transaction.

Every write is a replacement of statements (``graph/loader.py``): a whole source (its article
statements), one curated fact (the curator's statements citing a source about one subject), or a
source's deletion (every statement it holds, replaced by none).
"""

from __future__ import annotations

import json
from typing import Any

from neo4j import AsyncManagedTransaction

from graph.db import cypher
from graph.errors import NotFound, SeedValidationError, ValidationProblem
from graph.loader import Plan, Scope, load_source, replace_statements
from graph.model import parse_relationship_id, redactions_of, schema, validate_document
from graph.statements import CURATED, ORIGINS, entity_statement, relationship_statement, statement_id
from graph.store import Store


async def _audit(tx: AsyncManagedTransaction, who: str, action: str, target: str, detail: Any) -> None:
    await (
        await tx.run(
            cypher("write/audit"),
            who=who,
            action=action,
            target=target,
            detail=json.dumps(detail, ensure_ascii=False),
        )
    ).consume()


def _counts(plan: Plan) -> dict[str, Any]:
    return {"entities": vars(plan.report.entities), "relationships": vars(plan.report.relationships)}


async def _clashes(store: Store, where: str, nodes) -> list[ValidationProblem]:
    """Entities a write declares whose id is already another type or name in the graph."""
    existing = {r["id"]: r["props"] for r in await store.read("load/read_nodes", ids=[n.id for n in nodes])}
    return [
        ValidationProblem(
            where,
            f"entities({n.id})",
            f"id {n.id!r} is already a {existing[n.id]['type']} named {existing[n.id]['name']!r}; "
            f"this declares a {n.type} named {n.name!r}",
        )
        for n in nodes
        if n.id in existing and (existing[n.id]["type"], existing[n.id]["name"]) != (n.type, n.name)
    ]


async def post_source(store: Store, document: dict, article_text: str, who: str) -> dict:
    """Validate a whole source (the seed format plus its article's text) and load it atomically."""
    valid, problems = validate_document(document, "POST /sources", article=article_text)
    if valid is None:
        raise SeedValidationError(problems)
    clashes = await _clashes(store, "POST /sources", valid.nodes)
    if clashes:
        raise SeedValidationError(clashes)

    async def work(tx: AsyncManagedTransaction) -> Plan:
        plan = await load_source(tx, valid)
        report = plan.report
        await _audit(
            tx,
            who,
            "post_source",
            valid.id,
            {
                "entities": len(valid.nodes) - 1,
                "relationships": len(valid.rels),
                "created": report.entities.created + report.relationships.created,
                "removed": report.entities.removed + report.relationships.removed,
            },
        )
        return plan

    return {"source_id": valid.id, **_counts(await store.write(work))}


async def delete_source(store: Store, source_id: str, who: str) -> dict:
    """Remove a source and every fact only it supports (curated facts citing it included);
    facts other sources state stay."""
    found = await store.read("load/read_nodes", ids=[source_id])
    if not found or found[0]["props"].get("type") != "source":
        raise NotFound(f"No source with id {source_id!r}.")

    async def work(tx: AsyncManagedTransaction) -> Plan:
        plan = await replace_statements(tx, Scope(source_id, ORIGINS), [])
        await _audit(
            tx,
            who,
            "delete_source",
            source_id,
            {
                "entities_removed": plan.report.entities.removed,
                "relationships_removed": plan.report.relationships.removed,
            },
        )
        return plan

    return {"source_id": source_id, **_counts(await store.write(work))}


async def post_fact(store: Store, kind: str, fact: dict, evidence: list[dict], who: str) -> dict:
    """Add one curated entity or relationship, its evidence quoting an existing source's article.

    The curator's statement cites that source (origin ``curated``): re-loading the source keeps it;
    deleting the source removes it. Posting the same fact again replaces the earlier curated statement.
    """
    where = f"POST /{kind}"
    source_ids = {e["source_id"] for e in evidence}
    if len(source_ids) != 1:
        raise SeedValidationError(
            [
                ValidationProblem(
                    where, "evidence", "cite exactly one source per post (all evidence items share source_id)"
                )
            ]
        )
    sid = source_ids.pop()
    rows = await store.read(
        "write/source_context", source_id=sid, statement_id=statement_id("article", sid, sid)
    )
    if not rows:
        raise SeedValidationError([ValidationProblem(where, "evidence.source_id", f"unknown source {sid!r}")])
    context = rows[0]
    ends = [fact.get("from"), fact.get("to")] if kind == "relationships" else []
    existing = {r["id"]: r["props"] for r in await store.read("load/read_nodes", ids=[e for e in ends if e])}
    document: dict[str, Any] = {
        "source": {"id": sid, "name": context["name"], "evidence": [evidence[0]["quote"]]},
        "entities": [],
        "relationships": [],
    }
    document[kind].append({**fact, "evidence": [e["quote"] for e in evidence]})
    valid, problems = validate_document(
        document,
        where,
        article=context["article_text"] or "",
        known={i: p["type"] for i, p in existing.items()},
    )
    if valid is None:
        raise SeedValidationError(problems)
    nodes = [n for n in valid.nodes if n.type != "source"]
    clashes = await _clashes(store, where, nodes)
    if clashes:
        raise SeedValidationError(clashes)
    redactions = redactions_of(
        ((p["name"], p.get("aliases") or [], p) for p in context["people"]), context["private_mentions"] or []
    )
    date = context["date"]
    if nodes:
        new = [entity_statement(nodes[0], sid, date, CURATED, redactions)]
    else:
        new = [relationship_statement(valid.rels[0], sid, date, CURATED, redactions)]
    target = new[0]["subject"]

    async def work(tx: AsyncManagedTransaction) -> Plan:
        plan = await replace_statements(tx, Scope(sid, (CURATED,), (target,)), new)
        action = "post_entity" if nodes else "post_relationship"
        await _audit(tx, who, action, target, {"source_id": sid})
        return plan

    report = (await store.write(work)).report
    counts = report.entities if nodes else report.relationships
    return {"id": target, "source_id": sid, "created": counts.created, "updated": counts.updated}


async def delete_relationship(store: Store, rel_id: str, who: str) -> dict:
    """Delete one relationship and every statement about it (a later load of an article that states
    it brings it back, citing that article)."""
    parsed = parse_relationship_id(rel_id)
    if parsed is None:
        raise NotFound(f"No relationship with id {rel_id!r}.")
    rtype, source, target = parsed

    async def work(tx: AsyncManagedTransaction) -> bool:
        rec = await (
            await tx.run(
                cypher("write/delete_relationship"),
                id=rel_id,
                source=source,
                target=target,
                db_type=schema().relationship_types[rtype].db_type,
            )
        ).single(strict=True)
        if rec["deleted"]:
            await _audit(tx, who, "delete_relationship", rel_id, {"statements": rec["statements"]})
        return bool(rec["deleted"])

    if not await store.write(work):
        raise NotFound(f"No relationship with id {rel_id!r}.")
    return {"deleted": rel_id}


async def audit_log(store: Store, limit: int) -> list[dict]:
    return await store.read("write/audit_list", limit=limit)
