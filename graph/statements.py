"""Statements: what one source says about one entity or relationship — the unit honglian stores.

A statement is one record per (origin, source, subject): the properties, names and quotes that a
source's article (``origin="article"``) or a curator citing that source (``origin="curated"``)
states about one entity or relationship. Its id is deterministic, so loading the same file twice
writes nothing. In Neo4j each statement is a ``:Statement`` node; the ``:Entity`` nodes and the
relationships between them that every query reads are *derived* from the statements about them by
one pure function, ``derive``. See docs/design/statements.md for the design and its measurements.

    >>> from graph.model import NodeRecord
    >>> a = entity_statement(NodeRecord("mo-xinyong", "person", "Person", "莫新勇", [], {}, ["镇长莫新勇"]),
    ...                      "src-a", "2021-12", "article", [])
    >>> b = entity_statement(NodeRecord("mo-xinyong", "person", "Person", "莫新勇", [], {"note": "x"},
    ...                      ["镇长莫新勇"]), "src-b", "2024-03", "article", [])
    >>> derive([a, b])["sources"]
    ['src-a', 'src-b']
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from typing import Any

from graph.model import NodeRecord, RelRecord, ValidSource, flat_keys, parse_relationship_id, redact, schema

ARTICLE, CURATED = "article", "curated"
ORIGINS = (ARTICLE, CURATED)
ENTITY, RELATIONSHIP = "entity", "relationship"

#: Keys a statement record keeps beside the stated properties (no schema property uses these names).
BOOKKEEPING = frozenset(
    {
        "id",
        "source_id",
        "origin",
        "subject",
        "subject_kind",
        "type",
        "source_date",
        "digest",
        "name",
        "aliases",
        "quotes",
        "quotes_public",
        "start",
        "end",
        "db_type",
        "article_text",
        "article_text_public",
    }
)
#: Stated properties that serve redaction only: kept on the statement, never on the derived item.
REDACTION_KEYS = frozenset({"mentions", "redact_as", "private_mentions"})


def statement_id(origin: str, source_id: str, subject: str) -> str:
    """Deterministic: the same source stating about the same subject always has the same id.

    >>> statement_id("article", "xkb-huguang-greening", "huguang")
    'st-2eac218f78eef5bfc0ec'
    """
    digest = hashlib.sha1(f"{origin}|{source_id}|{subject}".encode()).hexdigest()[:20]
    return f"st-{digest}"


def _finish(record: dict[str, Any]) -> dict[str, Any]:
    """Drop empty values (Neo4j stores no empty list, neo4j-admin import writes none, so both load paths
    store the same), then add id and digest (a hash of everything stated: equal statements, equal digest)."""
    record = {k: v for k, v in record.items() if v is not None and v != [] and v != ""}
    body = json.dumps(record, ensure_ascii=False, sort_keys=True)  # before id and digest join it
    record["id"] = statement_id(record["origin"], record["source_id"], record["subject"])
    record["digest"] = hashlib.sha1(body.encode()).hexdigest()
    return record


def entity_statement(
    node: NodeRecord,
    source_id: str,
    source_date: str | None,
    origin: str,
    redactions: list[tuple[str, str]],
    article_text: str | None = None,
) -> dict[str, Any]:
    """The statement record of one entity as one source states it (plain values, as stored)."""
    record: dict[str, Any] = {
        **node.props,
        "source_id": source_id,
        "origin": origin,
        "subject": node.id,
        "subject_kind": ENTITY,
        "type": node.type,
        "source_date": source_date,
        "name": node.name,
        "aliases": list(node.aliases),
        "quotes": list(node.quotes),
        "quotes_public": [redact(q, redactions) for q in node.quotes],
    }
    if article_text:  # the source's own statement carries its article
        record["article_text"] = article_text
        record["article_text_public"] = redact(article_text, redactions)
    return _finish(record)


def relationship_statement(
    rel: RelRecord, source_id: str, source_date: str | None, origin: str, redactions: list[tuple[str, str]]
) -> dict[str, Any]:
    """The statement record of one relationship as one source states it."""
    return _finish(
        {
            **rel.props,
            "source_id": source_id,
            "origin": origin,
            "subject": rel.id,
            "subject_kind": RELATIONSHIP,
            "type": rel.type,
            "db_type": rel.db_type,
            "start": rel.source,
            "end": rel.target,
            "source_date": source_date,
            "quotes": list(rel.quotes),
            "quotes_public": [redact(q, redactions) for q in rel.quotes],
        }
    )


def statements_of(
    src: ValidSource, origin: str = ARTICLE, kind: str | None = None
) -> Iterator[dict[str, Any]]:
    """Every statement a validated source makes: its entities first (its own node first), then its
    relationships (``kind``: only those about entities, or only those about relationships). With
    ``origin="curated"`` the source's own node is not restated."""
    for node in src.nodes if kind != RELATIONSHIP else ():
        if node.id == src.id:
            if origin == ARTICLE:
                yield entity_statement(node, src.id, src.date, origin, src.redactions, src.article_text)
            continue
        yield entity_statement(node, src.id, src.date, origin, src.redactions)
    for rel in src.rels if kind != ENTITY else ():
        yield relationship_statement(rel, src.id, src.date, origin, src.redactions)


def stated(record: dict[str, Any]) -> dict[str, Any]:
    """The properties a statement states (bookkeeping left out)."""
    return {k: v for k, v in record.items() if k not in BOOKKEEPING}


def _declared(record: dict[str, Any]) -> dict[str, str]:
    sch = schema()
    if record["subject_kind"] == ENTITY:
        return sch.entity_types[record["type"]].properties
    return sch.relationship_types[record["type"]].properties


def _value_of(props: dict[str, Any], keys: tuple[str, ...]) -> str:
    """One declared property with its stored companions (``amount`` with ``amount_qualifier``…)."""
    return json.dumps({k: props[k] for k in keys if k in props}, ensure_ascii=False, sort_keys=True)


def order(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Statements oldest source first (by the source's date, then id; an article before a curator)."""
    return sorted(records, key=lambda r: (r.get("source_date") or "", r["source_id"], r["origin"] != ARTICLE))


def derive(records: Iterable[dict[str, Any]]) -> dict[str, Any] | None:
    """The entity or relationship the graph shows, from every statement about it (None: none left).

    Properties: each declared property takes the value of the latest-dated source that states it;
    ``disputed`` lists the properties whose sources disagree (each source's value stays readable in
    its statement: never one winning silently). Evidence lists every quote with its source, in order
    (``ev_sources``, ``ev_quotes``, and ``ev_quotes_public`` with private mentions redacted). An
    entity's name is the one every source gives (the loader checks they agree), aliases are the
    union; a person is private when any statement says so. Empty lists are left out (Neo4j stores
    none, and neo4j-admin import cannot write one).
    """
    ordered = order(records)
    if not ordered:
        return None
    first = ordered[0]
    props: dict[str, Any] = {}
    for record in ordered:
        props.update({k: v for k, v in stated(record).items() if k not in REDACTION_KEYS})
    disputed = []
    for name, kind in _declared(first).items() if len(ordered) > 1 else ():  # one source never disagrees
        keys = flat_keys(name, kind)
        values = {_value_of(r, keys) for r in ordered if any(k in r for k in keys)}
        if len(values) > 1:
            disputed.append(name)
    out: dict[str, Any] = {**props, "id": first["subject"], "type": first["type"]}
    if first["subject_kind"] == ENTITY:
        aliases = sorted({a for r in ordered for a in r.get("aliases") or []} - {first["name"]})
        out.update(name=first["name"], aliases=aliases, search_text=" ".join([first["name"], *aliases]))
        if first["type"] == "person":
            out["private"] = any(r.get("private", False) for r in ordered)
    out.update(
        sources=sorted({r["source_id"] for r in ordered}),
        ev_sources=[r["source_id"] for r in ordered for _ in r.get("quotes") or []],
        ev_quotes=[q for r in ordered for q in r.get("quotes") or []],
        ev_quotes_public=[q for r in ordered for q in r.get("quotes_public") or []],
        disputed=disputed,
    )
    return {k: v for k, v in out.items() if v != [] and v is not None}


def relationship_ends(subject: str) -> tuple[str, str, str]:
    """(db_type, start id, end id) of a relationship subject id."""
    parsed = parse_relationship_id(subject)
    if parsed is None:
        raise ValueError(f"{subject!r} is not a relationship id (type--from--to[--key])")
    rtype, start, end = parsed
    return schema().relationship_types[rtype].db_type, start, end
