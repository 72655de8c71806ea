"""The town page (a dashboard per 镇) and the list of towns with their coverage.

Both render what GET /towns/{town} and GET /towns answer: ``Store.town`` (``graph.towns.town_data``, the
report's data function) and ``Store.towns``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query, Request
from fastapi.responses import RedirectResponse

from api.deps import PrivateDep, StoreDep
from api.web import page_router, render

router = page_router()
TOWNS_PAGE = 120


@router.get("/town")
async def towns_page(
    request: Request,
    store: StoreDep,
    private: PrivateDep,
    within: Annotated[str, Query(max_length=300)] = "",
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
):
    place = await store.resolve(within, private) if within.strip() else None
    towns = await store.towns(place["id"] if place else None, TOWNS_PAGE, (page - 1) * TOWNS_PAGE, private)
    title = f"{place['name']}的镇" if place else "各镇"
    return render(
        request, "towns.html", title=title, towns=towns, place=place, page=page, page_size=TOWNS_PAGE
    )


@router.get("/town/{ref}")
async def town_page(
    request: Request,
    ref: Annotated[str, Path(max_length=300, description="id, name or alias")],
    store: StoreDep,
    private: PrivateDep,
):
    found = await store.resolve(ref, private)
    if found["kind"] != "town":  # a village or anything else: its own page says more
        return RedirectResponse(f"/entity/{found['id']}", status_code=303)
    d = await store.town(found["id"], private)
    return render(request, "town.html", title=d["town"]["name"], d=d)
