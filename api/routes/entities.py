from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from api.deps import PrivateDep, StoreDep
from api.schemas import Direction, Entity, EntityType, ErrorBody, Network, Page, Relationship, RelType

router = APIRouter(prefix="/entities", tags=["entities"])
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorBody, "description": "unknown entity"}}
EntityId = Annotated[str, Path(description="实体 id（ASCII）", examples=["shangping"], max_length=120)]
Limit = Annotated[int, Query(ge=1, le=500, description="page size (≤ 500)")]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]


@router.get("", response_model=Page[Entity], summary="Search entities by name or alias (中文子串)")
async def search_entities(
    store: StoreDep,
    private: PrivateDep,
    q: Annotated[
        str | None,
        Query(max_length=100, description="名称或别名的一部分", examples=["雄业", "上坪村", "国光电器"]),
    ] = None,
    type: Annotated[EntityType | None, Query(description="entity type")] = None,
    kind: Annotated[str | None, Query(max_length=40, examples=["enterprise", "work_team"])] = None,
    limit: Limit = 20,
    offset: Offset = 0,
):
    q = q.strip() if q else None
    return await store.search_entities(q or None, type.value if type else None, kind, limit, offset, private)


@router.get(
    "/{entity_id}", response_model=Entity, responses=NOT_FOUND, summary="One entity with its evidence"
)
async def get_entity(entity_id: EntityId, store: StoreDep, private: PrivateDep):
    return await store.get_entity(entity_id, private)


@router.get(
    "/{entity_id}/relationships",
    response_model=Page[Relationship],
    responses=NOT_FOUND,
    summary="An entity's relationships, e.g. 上坪村 的结对企业: ?type=pairs_with&direction=in",
)
async def entity_relationships(
    entity_id: EntityId,
    store: StoreDep,
    private: PrivateDep,
    type: Annotated[RelType | None, Query(description="relationship type (snake_case)")] = None,
    direction: Direction = Direction.both,
    limit: Limit = 50,
    offset: Offset = 0,
):
    return await store.entity_relationships(
        entity_id, type.value if type else None, direction.value, limit, offset, private
    )


@router.get(
    "/{entity_id}/network",
    response_model=Network,
    responses=NOT_FOUND,
    summary="The ego network (1 or 2 hops), for drawing",
)
async def network(
    entity_id: EntityId,
    store: StoreDep,
    private: PrivateDep,
    depth: Annotated[int, Query(ge=1, le=2)] = 1,
    limit: Annotated[int, Query(ge=1, le=500, description="max neighbours")] = 100,
):
    return await store.network(entity_id, depth, limit, private)
