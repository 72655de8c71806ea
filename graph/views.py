"""Stored properties → the shapes the API and the reports show (pure functions).

Internal bookkeeping (``search_text``, the evidence arrays, statement bookkeeping, redaction data)
never leaves this module: ``public_properties`` drops it. Every function that shows quotes takes
``private``: whether the caller may see private persons. Anonymous callers (``private=False``) get
the quotes with every private mention redacted (``ev_quotes_public``), never the originals.
"""

from __future__ import annotations

import itertools
import unicodedata
from typing import Any

from graph.model import schema
from graph.statements import REDACTION_KEYS, stated

INTERNAL = (
    frozenset(
        {
            "id",
            "type",
            "name",
            "aliases",
            "kind",
            "search_text",
            "ev_sources",
            "ev_quotes",
            "ev_quotes_public",
            "sources",
            "disputed",
            "supports_entities",
            "supports_relationships",
            "article_text",
            "src_json",
        }
    )
    | REDACTION_KEYS
)


def public_properties(props: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in sorted(props.items()) if k not in INTERNAL}


def quotes(props: dict[str, Any], private: bool) -> list[str]:
    """The quotes a caller may read: the originals with a key, the redacted ones without."""
    return list(props.get("ev_quotes" if private else "ev_quotes_public") or [])


def evidence(props: dict[str, Any], private: bool = False) -> list[dict[str, str]]:
    return [
        {"source_id": s, "quote": q}
        for s, q in zip(props.get("ev_sources") or [], quotes(props, private), strict=True)
    ]


def statement(record: dict[str, Any], private: bool = False) -> dict[str, Any]:
    """One source's statement about an entity or relationship: who says it and what they say."""
    return {
        "source_id": record["source_id"],
        "origin": record["origin"],
        "source_date": record.get("source_date"),
        "properties": {k: v for k, v in sorted(stated(record).items()) if k not in REDACTION_KEYS},
        "quotes": list(record.get("quotes" if private else "quotes_public") or []),
    }


def statements(records: list[dict[str, Any]] | None, private: bool = False) -> list[dict[str, Any]]:
    return [statement(r, private) for r in records or []]


def entity_ref(props: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": props["id"],
        "type": props.get("type"),
        "name": props.get("name"),
        "aliases": list(props.get("aliases") or []),
    }


def entity_match(props: dict[str, Any]) -> dict[str, Any]:
    """``entity_ref`` with the kind (or a place's level): what a name lookup or a suggestion shows."""
    return {**entity_ref(props), "kind": props.get("kind") or props.get("level")}


def entity(
    props: dict[str, Any],
    degree: int | None = None,
    private: bool = False,
    records: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """An entity; ``records`` are the statements about it (shown as ``statements``)."""
    return {
        **entity_ref(props),
        "kind": props.get("kind") or props.get("level"),
        "level": props.get("level"),
        "properties": public_properties(props),
        "evidence": evidence(props, private),
        "sources": list(props.get("sources") or []),
        "disputed": list(props.get("disputed") or []),
        "statements": statements(records, private),
        "degree": degree,
    }


def relationship(row: dict[str, Any], private: bool = False) -> dict[str, Any]:
    """``row`` = {r, a, b, statements?}: relationship, start and end node properties, and the statements
    about it (the queries return them where its sources disagree)."""
    r = row["r"]
    return {
        "id": r["id"],
        "type": r.get("type"),
        "source": entity_ref(row["a"]),
        "target": entity_ref(row["b"]),
        "properties": public_properties(r),
        "evidence": evidence(r, private),
        "sources": list(r.get("sources") or []),
        "disputed": list(r.get("disputed") or []),
        "statements": statements(row.get("statements"), private),
    }


def db_type(rel_type: str | None) -> str | None:
    """``pairs_with`` → ``PAIRS_WITH`` (None stays None)."""
    return None if rel_type is None else schema().relationship_types[rel_type].db_type


def amount_scope(props: dict[str, Any]) -> str:
    """What a donation's amount counts: ``gift`` (default), ``joint`` or ``cumulative`` (schema.yaml)."""
    return props.get("amount_scope") or "gift"


def donation_summary(rows: list[dict[str, Any]], private: bool = False) -> dict[str, Any]:
    """Totals by donor and by recipient; approximate amounts flagged, goods and running totals apart.

    ``total_cny`` adds the stated gifts: each ``gift`` once, each ``joint`` gift (several donors, one
    ``gift_key``) once — in a donor's total it counts as ``joint_cny`` instead, since the text does not
    say who gave what share. A ``cumulative`` amount (a running total, 累计/截至目前…达) is never added:
    it is reported as ``cumulative_cny`` (the largest stated) beside the gifts it may include.
    ``approximate`` is true when an added amount carries a qualifier (余/多/近/约); ``without_amount``
    counts gifts of goods or money with no stated sum.
    """
    donations = [relationship(row, private) for row in rows]

    def blank(entity: dict[str, Any]) -> dict[str, Any]:
        return {
            "entity": entity,
            "total_cny": 0,
            "approximate": False,
            "donations": 0,
            "without_amount": 0,
            "joint_cny": 0,
            "cumulative_cny": None,
            "cumulative_text": None,
        }

    def add(g: dict[str, Any], d: dict[str, Any], joint_counts: bool) -> None:
        props = d["properties"]
        amount, scope = props.get("amount"), amount_scope(props)
        g["donations"] += 1
        if scope == "cumulative":  # a running total, with or without a stated sum: never a gift
            if amount is not None and (g["cumulative_cny"] is None or amount > g["cumulative_cny"]):
                g["cumulative_cny"], g["cumulative_text"] = amount, props.get("amount_text")
        elif amount is None:
            g["without_amount"] += 1
        elif scope == "joint" and not joint_counts:
            g["joint_cny"] += amount
        else:
            g["total_cny"] += amount
            g["approximate"] = g["approximate"] or bool(props.get("amount_approximate"))

    def group(side: str) -> list[dict[str, Any]]:
        acc: dict[str, dict[str, Any]] = {}
        seen: set[tuple[str, str]] = set()
        for d in donations:
            g = acc.setdefault(d[side]["id"], blank(d[side]))
            key = d["properties"].get("gift_key")
            if side == "target" and amount_scope(d["properties"]) == "joint" and key:
                if (d[side]["id"], key) in seen:  # one joint gift, several donor relationships
                    continue
                seen.add((d[side]["id"], key))
            add(g, d, joint_counts=side == "target")
        return sorted(acc.values(), key=lambda g: (-g["total_cny"], g["entity"]["id"]))

    by_recipient = group("target")
    return {
        "total_cny": sum(g["total_cny"] for g in by_recipient),
        "approximate": any(g["approximate"] for g in by_recipient),
        "cumulative": [
            {
                "entity": g["entity"],
                "cumulative_cny": g["cumulative_cny"],
                "cumulative_text": g["cumulative_text"],
            }
            for g in by_recipient
            if g["cumulative_cny"] is not None
        ],
        "by_donor": group("source"),
        "by_recipient": by_recipient,
        "donations": donations,
    }


def partnerships_by_town(rows: list[dict[str, Any]], private: bool = False) -> dict[str, Any]:
    groups: dict[str | None, dict[str, Any]] = {}
    for row in rows:
        town = row.get("town")
        key = town["id"] if town else None
        g = groups.setdefault(key, {"town": entity_ref(town) if town else None, "partnerships": []})
        g["partnerships"].append(relationship(row, private))
    ordered = sorted(
        groups.values(), key=lambda g: (g["town"] is None, g["town"]["name"] if g["town"] else "")
    )
    return {"towns": ordered, "total": len(rows)}


def lucene_phrase(text: str) -> str:
    """User input as quoted Lucene phrases (one per word, all required): searched as text, never parsed as query syntax
    (``AND``, ``*``, ``(`` and the like lose their meaning inside a phrase)."""
    words = text.split() or [text]
    return " AND ".join('"' + w.replace("\\", "\\\\").replace('"', '\\"') + '"' for w in words)


def clean_ref(text: str) -> str:
    """What a person typed for an entity, as names are stored: NFC, no zero-width characters, no
    surrounding spaces (``太保镇\\u200b `` → ``太保镇``)."""
    return unicodedata.normalize("NFC", text).replace("\u200b", "").replace("\ufeff", "").strip()


# ------------------------------------------------------------ Chinese labels (pages)
#: Entity types as readers name them.
TYPE_LABELS = {
    "organization": "组织",
    "person": "人物",
    "place": "地点",
    "initiative": "项目",
    "event": "活动",
    "award": "荣誉",
    "source": "报道",
}

#: Kinds of organisations, initiatives and events, and levels of places.
KIND_LABELS = {
    "government_body": "政府机构",
    "party_organisation": "党组织",
    "work_team": "驻镇工作队",
    "enterprise": "企业",
    "enterprise_group": "企业群体",
    "cooperative": "合作社",
    "school": "学校",
    "media": "媒体",
    "alliance": "联盟",
    "working_group": "工作组",
    "exhibition": "展会",
    "association": "社团",
    "programme": "计划",
    "mechanism": "机制",
    "project": "项目",
    "campaign": "行动",
    "industry": "产业",
    "training": "培训",
    "festival": "节庆",
    "visit": "走访",
    "meeting": "会议",
    "ceremony": "仪式",
    "activity": "活动",
    "planting": "植树",
    "signing": "签约",
    "province": "省",
    "city": "市",
    "district": "区",
    "county": "县",
    "town": "镇",
    "village": "村",
    "community": "社区",
    "site": "地点",
}

#: Each relationship type: (what it is, what the far end is called seen from the start, ... from the end).
REL_LABELS = {
    "pairs_with": ("结对", "结对帮扶", "帮扶方"),
    "donates_to": ("捐赠", "捐赠给", "受赠自"),
    "holds_position": ("任职", "任职于", "任职人员"),
    "hosts_event": ("主办", "主办", "主办方"),
    "organizes": ("组织", "牵头组织", "牵头方"),
    "participates_in": ("参与", "参与", "参与者"),
    "received_award": ("获奖", "获得", "获奖者"),
    "confers": ("授予", "授予", "授予方"),
    "member_of": ("成员", "加入", "成员"),
    "part_of": ("隶属", "隶属于", "下辖"),
    "located_in": ("位于", "位于", "驻在此处"),
    "signs_agreement": ("签约", "签约对象", "签约方"),
    "supports": ("支持", "支持", "支持方"),
    "visits": ("走访", "走访", "来访"),
    "derived_from": ("衍生", "衍生自", "衍生出"),
}

#: Roles written in English in the data, in Chinese.
ROLE_LABELS = {"host": "主办", "co_host": "协办", "venue": "承办地"}


def rel_label(rel_type: str, outgoing: bool) -> str:
    """What the far end of a relationship is, seen from one end: 上坪村's pairing in → 帮扶方."""
    labels = REL_LABELS.get(rel_type)
    if labels is None:
        return rel_type
    return labels[1] if outgoing else labels[2]


def highlight(text: str, quotes: dict[str, list[str]]) -> list[tuple[str, list[str]]]:
    """The article cut into segments, each with the facts whose quotes cover it.

    ``quotes`` maps a fact's id to its quotes. A quote is found as the loader checks it: ignoring
    whitespace (articles break lines mid-sentence), so a highlight may span a line break; every
    occurrence is marked. Returns ``[(segment text, [fact ids])]`` in order; unquoted text has ``[]``.

    >>> highlight("甲乙\\n丙丁。", {"f": ["乙丙"]})
    [('甲', []), ('乙\\n丙', ['f']), ('丁。', [])]
    """
    raw = unicodedata.normalize("NFC", text)
    keep = [i for i, ch in enumerate(raw) if not ch.isspace()]
    flat = "".join(raw[i] for i in keep)
    starts: dict[int, set[str]] = {}
    ends: dict[int, set[str]] = {}
    for fact, qs in quotes.items():
        for q in qs:
            needle = "".join(unicodedata.normalize("NFC", q).split())
            if not needle:
                continue
            at = flat.find(needle)
            while at >= 0:
                start, end = keep[at], keep[at + len(needle) - 1] + 1
                starts.setdefault(start, set()).add(fact)
                ends.setdefault(end, set()).add(fact)
                at = flat.find(needle, at + 1)
    cuts = sorted({0, len(raw), *starts, *ends})
    out: list[tuple[str, list[str]]] = []
    active: dict[str, int] = {}
    for a, b in itertools.pairwise(cuts):
        for f in ends.get(a, ()):
            active[f] -= 1
            if not active[f]:
                del active[f]
        for f in starts.get(a, ()):
            active[f] = active.get(f, 0) + 1
        out.append((raw[a:b], sorted(active)))
    return out
