"""Linking: does a drafted entity already exist in the graph?

``candidates`` runs one named query per article (``cypher/intake/candidates.cypher``) through the
store; ``decide`` is a pure function of the drafted entities and the rows it returned:

* an organisation or place whose name or alias is a graph entity's name or alias links to it, unless
  several entities carry the name and the article's places do not tell which (then ``possible_match``);
  a place whose stated parent (太保镇的上坪村) differs from the graph's is never linked silently;
* a person links to the one graph person of that name whose known posts agree with the article's (the
  same organisation), or who holds no post that contradicts it; a same-name person with another
  organisation or title gets ``possible_match`` for the curator and a fresh id;
* private people in the graph are never linked to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.intake.mentions import Entity

QUERY = "intake/candidates"


@dataclass
class LinkResult:
    taken_ids: set[str] = field(default_factory=set)
    linked: int = 0
    possible: int = 0


async def candidates(
    store, names: list[str], ids: list[str], aliases: list[str] | None = None
) -> list[dict[str, Any]]:
    """The graph's rows for these names (exact), aliases (also looked up as aliases) and proposed ids."""
    names = sorted(set(names))
    aliases = sorted(set(names if aliases is None else aliases))
    return await store.read(
        QUERY, names=names, aliases=[n for n in aliases if len(n) >= 3], ids=sorted(set(ids))
    )


def decide(entities: list[Entity], rows: list[dict[str, Any]], positions: dict[int, set[str]]) -> LinkResult:
    """Link each entity (sets ``id``, ``linked``, ``possible_match``); ``positions`` maps id(person
    entity) to the names of the organisations the article gives them posts in."""
    result = LinkResult(taken_ids={r["id"] for r in rows})  # taken ids, and every candidate's
    cands = [r for r in rows if r["row"] == "candidate" and not r.get("private")]
    by_name: dict[str, list[dict]] = {}
    for r in cands:
        for n in {r["name"], *r["aliases"]}:
            by_name.setdefault(n, []).append(r)
    article_places = {n for e in entities if e.type == "place" for n in e.names}
    linked_ids: set[str] = set()
    for ent in entities:
        found: dict[str, dict] = {}
        for n in ent.names:
            for r in by_name.get(n, []):
                found[r["id"]] = r
        if not found:
            continue
        same_type = [r for r in found.values() if r["type"] == ent.type]
        if ent.type == "person":
            _link_person(ent, same_type, positions.get(id(ent), set()), article_places, result)
        elif ent.type == "place":
            _link_place(ent, same_type or list(found.values()), article_places, result)
        else:
            pool = same_type or (
                [r for r in found.values() if r["type"] in ("organization", "place")]
                if ent.type in ("organization", "place")
                else []  # an event or initiative links only to one of its own type
            )
            exact = [r for r in pool if r["name"] == ent.name] or pool
            if not exact:
                continue
            if len(exact) == 1:
                _set(ent, exact[0], result)
            else:
                ent.possible_match = sorted(r["id"] for r in exact)
                result.possible += 1
        if ent.linked:
            linked_ids.add(ent.id or "")
            # 东风日产 (a short form the rules made for 东风日产融资租赁公司) names another graph entity
            ent.aliases -= {n for n in ent.aliases if any(r["id"] != ent.id for r in by_name.get(n, []))}
    return result


def _set(ent: Entity, row: dict, result: LinkResult) -> None:
    ent.id = row["id"]
    ent.linked = True
    if row["name"] != ent.name:
        ent.aliases.add(ent.name)
    ent.aliases.discard(row["name"])
    ent.name = row["name"]
    ent.type = row["type"]
    ent.kind = row.get("kind")
    ent.level = row.get("level")
    ent.confidence = max(ent.confidence, 0.9)
    ent.rule = "link-name" if row["name"] in ent.names else "link-alias"
    result.linked += 1


def _link_place(ent: Entity, rows: list[dict], article_places: set[str], result: LinkResult) -> None:
    stated_parent = ent.parent.names if ent.parent is not None else set()
    fitting = [r for r in rows if not stated_parent or stated_parent & set(r["parents"])]
    if len(fitting) > 1:
        fitting = [r for r in fitting if article_places & set(r["parents"])] or fitting
    if len(fitting) == 1 and (not stated_parent or not rows[0]["parents"] or fitting):
        _set(ent, fitting[0], result)
    else:
        ent.possible_match = sorted(r["id"] for r in rows)
        result.possible += 1


def _link_person(
    ent: Entity, rows: list[dict], orgs: set[str], article_places: set[str], result: LinkResult
) -> None:
    agreeing, silent = [], []
    for r in rows:
        held = {n for p in r["positions"] for n in (p["name"], *p["aliases"])}
        if orgs and held & orgs:
            agreeing.append(r)
        elif not r["positions"]:
            silent.append(r)
        elif not orgs and r["near"]:
            agreeing.append(r)
    if len(agreeing) == 1:
        _set(ent, agreeing[0], result)
    elif not agreeing and len(silent) == 1 and len(rows) == 1:
        _set(ent, silent[0], result)
    else:
        ent.possible_match = sorted(r["id"] for r in rows)
        result.possible += 1
