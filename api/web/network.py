"""The network page: an interactive graph (cytoscape.js, vendored) — filters by entity and relationship
type, expand a node, search to focus, export PNG. It draws what GET /entities/{id}/network answers."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Request

from api.deps import PrivateDep, StoreDep
from api.web import page_router, render
from graph import views
from graph.model import schema

router = page_router()


@router.get("/network")
async def network_page(
    request: Request,
    store: StoreDep,
    private: PrivateDep,
    focus: Annotated[str, Query(max_length=300, description="id, name or alias")] = "",
):
    if focus.strip():
        start = await store.resolve(focus, private)
    else:  # the first town, else anything at all
        towns = await store.towns(None, 1, 0, private)
        start = (
            towns["items"][0]["town"]
            if towns["items"]
            else (await store.search_entities(None, None, None, 1, 0, private))["items"][0]
        )
    rel_types = [
        (t.db_type, views.REL_LABELS.get(name, (name,))[0]) for name, t in schema().relationship_types.items()
    ]
    entity_types = [(t, views.TYPE_LABELS.get(t, t)) for t in schema().entity_types if t != "source"]
    return render(
        request,
        "network.html",
        title=f"网络图：{start['name']}",
        start=start,
        rel_types=rel_types,
        entity_types=entity_types,
    )
