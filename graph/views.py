"""Stored properties → the shapes the API and the reports show (pure functions).

Internal bookkeeping (``src_json``, ``search_text``, the evidence arrays, ...)
never leaves this module: ``public_properties`` drops it.
"""

from __future__ import annotations

from typing import Any

from graph.model import schema

INTERNAL = frozenset(
    {
        "id",
        "type",
        "name",
        "aliases",
        "kind",
        "search_text",
        "ev_sources",
        "ev_quotes",
        "sources",
        "src_json",
        "supports_entities",
        "supports_relationships",
        "article_text",
        "private_mentions",  # names of private people (children): never served as such
    }
)


def public_properties(props: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in sorted(props.items()) if k not in INTERNAL}


def evidence(props: dict[str, Any]) -> list[dict[str, str]]:
    return [
        {"source_id": s, "quote": q}
        for s, q in zip(props.get("ev_sources", []), props.get("ev_quotes", []), strict=True)
    ]


def entity_ref(props: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": props["id"],
        "type": props.get("type"),
        "name": props.get("name"),
        "aliases": list(props.get("aliases") or []),
    }


def entity(props: dict[str, Any], degree: int | None = None) -> dict[str, Any]:
    return {
        **entity_ref(props),
        "kind": props.get("kind") or props.get("level"),
        "properties": public_properties(props),
        "evidence": evidence(props),
        "degree": degree,
    }


def relationship(row: dict[str, Any]) -> dict[str, Any]:
    """``row`` = {r, a, b}: relationship, start and end node properties."""
    r = row["r"]
    return {
        "id": r["id"],
        "type": r.get("type"),
        "source": entity_ref(row["a"]),
        "target": entity_ref(row["b"]),
        "properties": public_properties(r),
        "evidence": evidence(r),
    }


def db_type(rel_type: str | None) -> str | None:
    """``pairs_with`` → ``PAIRS_WITH`` (None stays None)."""
    return None if rel_type is None else schema().relationship_types[rel_type].db_type


def donation_summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Totals by donor and by recipient; approximate amounts are flagged, goods counted apart.

    ``total_cny`` adds the stated amounts; ``approximate`` is true when any of them
    carries a qualifier (余/多/近/约); ``without_amount`` counts gifts of goods or of
    money with no stated sum.
    """
    donations = [relationship(row) for row in rows]

    def group(side: str) -> list[dict[str, Any]]:
        acc: dict[str, dict[str, Any]] = {}
        for d in donations:
            key = d[side]["id"]
            g = acc.setdefault(
                key,
                {
                    "entity": d[side],
                    "total_cny": 0,
                    "approximate": False,
                    "donations": 0,
                    "without_amount": 0,
                },
            )
            g["donations"] += 1
            amount = d["properties"].get("amount")
            if amount is None:
                g["without_amount"] += 1
            else:
                g["total_cny"] += amount
                g["approximate"] = g["approximate"] or bool(d["properties"].get("amount_approximate"))
        return sorted(acc.values(), key=lambda g: (-g["total_cny"], g["entity"]["id"]))

    stated = [d["properties"]["amount"] for d in donations if "amount" in d["properties"]]
    return {
        "total_cny": sum(stated),
        "approximate": any(
            d["properties"].get("amount_approximate") for d in donations if "amount" in d["properties"]
        ),
        "by_donor": group("source"),
        "by_recipient": group("target"),
        "donations": donations,
    }


def partnerships_by_town(rows: list[dict[str, Any]]) -> dict[str, Any]:
    groups: dict[str | None, dict[str, Any]] = {}
    for row in rows:
        town = row.get("town")
        key = town["id"] if town else None
        g = groups.setdefault(key, {"town": entity_ref(town) if town else None, "partnerships": []})
        g["partnerships"].append(relationship(row))
    ordered = sorted(
        groups.values(), key=lambda g: (g["town"] is None, g["town"]["name"] if g["town"] else "")
    )
    return {"towns": ordered, "total": len(rows)}


def lucene_phrase(text: str) -> str:
    """User input as quoted Lucene phrases (one per word, all required): searched as text, never parsed as query syntax
    (``AND``, ``*``, ``(`` and the like lose their meaning inside a phrase)."""
    words = text.split() or [text]
    return " AND ".join('"' + w.replace("\\", "\\\\").replace('"', '\\"') + '"' for w in words)
