"""首页 (counts, towns at a glance, latest articles, a search box with suggestions) and search results."""

from __future__ import annotations

import asyncio
from typing import Annotated

from fastapi import Query, Request
from fastapi.responses import RedirectResponse

from api.deps import PrivateDep, StoreDep
from api.web import page_router, render
from graph.errors import Ambiguous, NotFound

router = page_router()
#: Towns on the home page; the rest are one click away (/towns).
HOME_TOWNS = 12
SEARCH_PAGE = 30


@router.get("/")
async def home(request: Request, store: StoreDep, private: PrivateDep):
    overview, towns = await asyncio.gather(store.overview(private), store.towns(None, HOME_TOWNS, 0, private))
    return render(request, "home.html", title="首页", overview=overview, towns=towns)


@router.get("/search")
async def search(
    request: Request,
    store: StoreDep,
    private: PrivateDep,
    q: Annotated[str, Query(max_length=100)] = "",
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
):
    """An exact name, alias or id opens its page; anything else lists what the search finds."""
    q = q.strip()
    if q and page == 1:
        try:
            found = await store.resolve(q, private)
            return RedirectResponse(f"/entity/{found['id']}", status_code=303)
        except (NotFound, Ambiguous):
            pass
    results = (
        await store.search_entities(q, None, None, SEARCH_PAGE, (page - 1) * SEARCH_PAGE, private)
        if q
        else None
    )
    return render(
        request, "search.html", title=f"搜索：{q}" if q else "搜索", q=q, results=results, page=page
    )
