"""The entity page: name, type, aliases, properties, relationships grouped under Chinese labels with
their quotes and articles, and a small network of its neighbourhood."""

from __future__ import annotations

import asyncio
from typing import Annotated, Any

from fastapi import Path, Query, Request
from fastapi.responses import RedirectResponse

from api.deps import PrivateDep, StoreDep
from api.web import page_router, render
from graph import views

router = page_router()
#: Relationships per page (the JSON API's largest page); a hub's others are one click away.
REL_PAGE = 500
#: Neighbours drawn in the small network (the network page draws more).
NET_LIMIT = 40
Ref = Annotated[str, Path(max_length=300, description="id, name or alias")]


def evidence_sources(*items: dict[str, Any]) -> list[str]:
    """Every source an item cites: its quotes' and its statements'."""
    return [
        *(ev["source_id"] for item in items for ev in item.get("evidence", [])),
        *(st["source_id"] for item in items for st in item.get("statements") or []),
    ]


def grouped(rels: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """Relationships under their Chinese labels, in the order readers ask about them (结对 first)."""
    order = list(views.REL_LABELS)
    groups: dict[str, list[dict[str, Any]]] = {}
    for r in rels:
        groups.setdefault(r["type"], []).append(r)
    return [
        (views.REL_LABELS.get(t, (t,))[0], groups[t])
        for t in sorted(groups, key=lambda t: order.index(t) if t in order else len(order))
    ]


@router.get("/entity/{ref}")
async def entity_page(
    request: Request,
    ref: Ref,
    store: StoreDep,
    private: PrivateDep,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
):
    entity = await store.lookup_entity(ref, private)
    if entity["type"] == "source":
        return RedirectResponse(f"/source/{entity['id']}", status_code=303)
    eid = entity["id"]
    rels, network = await asyncio.gather(
        store.entity_relationships(eid, None, "both", REL_PAGE, offset, private),
        store.network(eid, 1, NET_LIMIT, private),
    )
    sources = await store.source_refs(evidence_sources(entity, *rels["items"]))
    return render(
        request,
        "entity.html",
        title=entity["name"],
        e=entity,
        rels=rels,
        groups=grouped(rels["items"]),
        network=network,
        sources=sources,
        offset=offset,
        page_size=REL_PAGE,
    )
