"""Curator writes through the API's async driver: each write and its audit entry in one transaction."""

from __future__ import annotations

import json
from typing import Any

from neo4j import AsyncManagedTransaction

from graph.db import cypher
from graph.errors import NotFound, Problem, SeedValidationError
from graph.loader import CURATED, load_one_async
from graph.model import ValidSource, parse_relationship_id, schema, validate_document
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


async def post_source(store: Store, document: dict, article_text: str, who: str) -> dict:
    """Validate a whole source (the seed format plus its article's text) and load it atomically."""
    valid, problems = validate_document(document, "POST /sources", article=article_text)
    if valid is None:
        raise SeedValidationError(problems)
    existing = {
        r["id"]: r["props"] for r in await store.read("load/read_nodes", ids=[n.id for n in valid.nodes])
    }
    clashes = [
        Problem(
            "POST /sources",
            f"entities({n.id})",
            f"id {n.id!r} is already a {existing[n.id]['type']} named {existing[n.id]['name']!r}; "
            f"this source declares a {n.type} named {n.name!r}",
        )
        for n in valid.nodes
        if n.id in existing and (existing[n.id]["type"], existing[n.id]["name"]) != (n.type, n.name)
    ]
    if clashes:
        raise SeedValidationError(clashes)

    async def work(tx: AsyncManagedTransaction):
        plan = await load_one_async(tx, valid)
        await _audit(
            tx,
            who,
            "post_source",
            valid.id,
            {
                "entities": len(valid.nodes) - 1,
                "relationships": len(valid.rels),
                "created": plan.report.entities.created + plan.report.relationships.created,
                "removed": plan.report.entities.removed + plan.report.relationships.removed,
            },
        )
        return plan.report

    report = await store.write(work)
    return {
        "source_id": valid.id,
        "entities": vars(report.entities),
        "relationships": vars(report.relationships),
    }


async def delete_source(store: Store, source_id: str, who: str) -> dict:
    """Remove a source and every fact only it supports (curated facts citing it included);
    facts other sources state stay."""
    if not await store.read("api/source_get", id=source_id, include_private=True):
        raise NotFound(f"No source with id {source_id!r}.")
    gone = ValidSource(id=source_id, file="DELETE /sources")
    curated = ValidSource(id=CURATED + source_id, file="DELETE /sources")

    async def work(tx: AsyncManagedTransaction):
        plan = await load_one_async(tx, gone)
        cited = [r async for r in await tx.run(cypher("write/cited_by"), source=source_id)]
        extra = await load_one_async(
            tx,
            curated,
            [r["id"] for r in cited if r["kind"] == "node"],
            [r["id"] for r in cited if r["kind"] == "rel"],
        )
        for kind in ("entities", "relationships"):
            mine, theirs = getattr(plan.report, kind), getattr(extra.report, kind)
            mine.removed += theirs.removed
            mine.updated += theirs.updated
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
        return plan.report

    report = await store.write(work)
    return {
        "source_id": source_id,
        "entities": vars(report.entities),
        "relationships": vars(report.relationships),
    }


async def post_fact(store: Store, kind: str, fact: dict, evidence: list[dict], who: str) -> dict:
    """Add one curated entity or relationship, its evidence quoting an existing source's article.

    The statement is kept under ``curated:<source>``: re-loading that source keeps it; deleting the
    source removes it. Posting the same fact again replaces the earlier curated statement.
    """
    source_ids = {e["source_id"] for e in evidence}
    if len(source_ids) != 1:
        raise SeedValidationError(
            [
                Problem(
                    f"POST /{kind}",
                    "evidence",
                    "cite exactly one source per post (all evidence items share source_id)",
                )
            ]
        )
    sid = source_ids.pop()
    stored = {r["id"]: r["props"] for r in await store.read("load/read_nodes", ids=[sid])}
    source = stored.get(sid)
    if source is None or source.get("type") != "source":
        raise SeedValidationError([Problem(f"POST /{kind}", "evidence.source_id", f"unknown source {sid!r}")])
    ends = [fact.get("from"), fact.get("to")] if kind == "relationships" else [fact.get("id")]
    existing = {r["id"]: r["props"] for r in await store.read("load/read_nodes", ids=[e for e in ends if e])}
    document = {
        "source": {"id": sid, "name": source["name"], "evidence": [evidence[0]["quote"]]},
        "entities": [],
        "relationships": [],
    }
    document[kind].append({**fact, "evidence": [e["quote"] for e in evidence]})
    known = {i: p["type"] for i, p in existing.items()} if kind == "relationships" else {}
    valid, problems = validate_document(
        document, f"POST /{kind}", article=source.get("article_text") or "", known=known
    )
    if valid is None:
        raise SeedValidationError(problems)
    nodes = [n for n in valid.nodes if n.type != "source"]
    for n in nodes:
        old = existing.get(n.id)
        if old and (old["type"], old["name"]) != (n.type, n.name):
            raise SeedValidationError(
                [
                    Problem(
                        f"POST /{kind}",
                        "id",
                        f"id {n.id!r} is already a {old['type']} "
                        f"named {old['name']!r}; this post declares a {n.type} named {n.name!r}",
                    )
                ]
            )
    curated = ValidSource(id=CURATED + sid, file=f"POST /{kind}", nodes=nodes, rels=valid.rels)
    target = nodes[0].id if nodes else valid.rels[0].id

    async def work(tx: AsyncManagedTransaction):
        plan = await load_one_async(tx, curated)
        await _audit(
            tx, who, f"post_{kind[:-1] if kind == 'relationships' else 'entity'}", target, {"source_id": sid}
        )
        return plan.report

    report = await store.write(work)
    counts = report.entities if nodes else report.relationships
    return {"id": target, "source_id": sid, "created": counts.created, "updated": counts.updated}


async def delete_relationship(store: Store, rel_id: str, who: str) -> dict:
    parsed = parse_relationship_id(rel_id)
    if parsed is None:
        raise NotFound(f"No relationship with id {rel_id!r}.")
    rtype, source, target = parsed

    async def work(tx: AsyncManagedTransaction):
        rec = await (
            await tx.run(
                cypher("write/delete_relationship"),
                id=rel_id,
                source=source,
                target=target,
                db_type=schema().relationship_types[rtype].db_type,
            )
        ).single()
        if rec["deleted"]:
            await _audit(tx, who, "delete_relationship", rel_id, {})
        return rec["deleted"]

    if not await store.write(work):
        raise NotFound(f"No relationship with id {rel_id!r}.")
    return {"deleted": rel_id}


async def audit_log(store: Store, limit: int) -> list[dict]:
    return await store.read("write/audit_list", limit=limit)
