"""The path page: two names (with suggestions) → every shortest path, each hop with its quote."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query, Request

from api.deps import PrivateDep, StoreDep
from api.web import page_router, render
from api.web.entity import evidence_sources

router = page_router()
Name = Annotated[str, Query(max_length=300)]


@router.get("/path")
async def path_page(
    request: Request,
    store: StoreDep,
    private: PrivateDep,
    from_: Annotated[str, Query(alias="from", max_length=300)] = "",
    to: Name = "",
    max_hops: Annotated[int, Query(ge=1, le=6)] = 4,
):
    context: dict[str, Any] = {"from_": from_.strip(), "to": to.strip(), "max_hops": max_hops, "result": None}
    if context["from_"] and context["to"]:
        source_id, target_id = await store.resolve_all(
            context["from_"], context["to"], include_private=private
        )
        result = await store.shortest_paths(source_id, target_id, max_hops, private)
        hops = [r for p in result["paths"] for r in p["relationships"]]
        context["result"] = result
        context["sources"] = await store.source_refs(evidence_sources(*hops))
        context["ends"] = (source_id, target_id)
    title = f"{context['from_']} → {context['to']}" if context["result"] is not None else "关系路径"
    return render(request, "path.html", title=title, **context)
