from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import PrivateDep, StoreDep
from api.routes.entities import DateBound, TownRef, place_id
from api.schemas import RESOLVE_RESPONSES, Page, Paths, Relationship, RelType

router = APIRouter(tags=["relationships"])


@router.get(
    "/relationships",
    response_model=Page[Relationship],
    responses=RESOLVE_RESPONSES,
    summary="Relationships by type, ends, town and date (e.g. 2021年太保镇的捐赠: ?type=donates_to&town=太保镇&since=2021&until=2021)",
)
async def relationships(
    store: StoreDep,
    private: PrivateDep,
    type: Annotated[RelType | None, Query()] = None,
    source: Annotated[
        str | None, Query(max_length=300, description="start: id, name or alias", examples=["雄业物流"])
    ] = None,
    target: Annotated[
        str | None, Query(max_length=300, description="end: id, name or alias", examples=["上坪村"])
    ] = None,
    town: TownRef = None,
    since: DateBound = None,
    until: DateBound = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
):
    source_id = (await store.resolve(source, private))["id"] if source else None
    target_id = (await store.resolve(target, private))["id"] if target else None
    return await store.relationships(
        type.value if type else None,
        source_id,
        target_id,
        limit,
        offset,
        private,
        town=await place_id(store, town, private),
        since=since,
        until=until,
    )


@router.get(
    "/paths/shortest",
    response_model=Paths,
    responses=RESOLVE_RESPONSES,
    summary="All shortest paths, e.g. 国光电器 → 雄业物流, every hop with its evidence",
)
async def shortest_paths(
    store: StoreDep,
    private: PrivateDep,
    source: Annotated[str, Query(max_length=300, description="实体的 id、名称或别名", examples=["国光电器"])],
    target: Annotated[str, Query(max_length=300, description="实体的 id、名称或别名", examples=["雄业物流"])],
    max_hops: Annotated[int, Query(ge=1, le=6)] = 4,
):
    source_id, target_id = await store.resolve_all(source, target, include_private=private)
    return await store.shortest_paths(source_id, target_id, max_hops, private)
