"""Towns (镇): the coverage of every town in one call, and one town's dashboard (the town page's data)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from api.deps import PrivateDep, StoreDep
from api.routes.entities import place_id
from api.schemas import RESOLVE_RESPONSES, Page, TownCoverage, TownPage
from graph.errors import InvalidInput

router = APIRouter(prefix="/towns", tags=["towns"])


@router.get(
    "",
    response_model=Page[TownCoverage],
    responses=RESOLVE_RESPONSES,
    summary="Every town with its pairing coverage (全覆盖?), by name",
)
async def towns(
    store: StoreDep,
    private: PrivateDep,
    within: Annotated[
        str | None,
        Query(
            max_length=300, description="only towns in this place (id, name or alias)", examples=["连山县"]
        ),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=5000)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
):
    return await store.towns(await place_id(store, within, private, "within"), limit, offset, private)


@router.get(
    "/{town}",
    response_model=TownPage,
    responses=RESOLVE_RESPONSES,
    summary="One town: who is stationed there, pairings village by village, donations per year, events, people, awards",
)
async def town(
    town: Annotated[str, Path(max_length=300, description="id, name or alias", examples=["太保镇"])],
    store: StoreDep,
    private: PrivateDep,
):
    found = await store.resolve(town, private)
    if found["kind"] != "town":
        raise InvalidInput(f"{found['name']!r} is not a town.", ("path", "town"))
    return await store.town(found["id"], private)
