from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from api.deps import PrivateDep, StoreDep
from api.schemas import (
    DATE_PATTERN,
    RESOLVE_RESPONSES,
    Direction,
    Entity,
    EntityType,
    Network,
    Page,
    PlaceLevel,
    Relationship,
    RelType,
)
from graph.errors import InvalidInput
from graph.store import Store

router = APIRouter(prefix="/entities", tags=["entities"])
EntityRef = Annotated[
    str,
    Path(
        description="实体的 id、名称或别名（exact）: taibao、太保镇 and 雄业物流 all work",
        examples=["太保镇", "shangping", "雄业物流"],
        max_length=300,
    ),
]
Limit = Annotated[int, Query(ge=1, le=500, description="page size (≤ 500)")]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]
DateBound = Annotated[
    str | None,
    Query(
        pattern=DATE_PATTERN,
        description="YYYY, YYYY-MM or YYYY-MM-DD; a date of month or year precision counts whole",
        examples=["2021", "2024-03"],
    ),
]
TownRef = Annotated[
    str | None,
    Query(
        max_length=300,
        description="a town (id, name or alias): what lies in it, or what it or its villages host or join",
        examples=["太保镇", "huguang"],
    ),
]


async def place_id(store: Store, ref: str | None, private: bool, param: str = "town") -> str | None:
    """The id of the place ``ref`` names (None stays None); 422 when it names something else."""
    if ref is None or not ref.strip():
        return None
    found = await store.resolve(ref, private)
    if found["type"] != "place":
        raise InvalidInput(f"{found['name']!r} is not a place ({param}=… takes a place).", ("query", param))
    return found["id"]


@router.get(
    "",
    response_model=Page[Entity],
    responses=RESOLVE_RESPONSES,
    summary="Search and list entities: by name or alias (中文子串), type, kind, place level, date, town",
)
async def search_entities(
    store: StoreDep,
    private: PrivateDep,
    q: Annotated[
        str | None,
        Query(max_length=100, description="名称或别名的一部分", examples=["雄业", "上坪村", "国光电器"]),
    ] = None,
    type: Annotated[EntityType | None, Query(description="entity type")] = None,
    kind: Annotated[
        str | None,
        Query(
            max_length=40,
            description="an organisation's, initiative's or event's kind, or a place's level",
            examples=["enterprise", "work_team", "town"],
        ),
    ] = None,
    level: Annotated[PlaceLevel | None, Query(description="places of this level only")] = None,
    since: DateBound = None,
    until: DateBound = None,
    town: TownRef = None,
    limit: Limit = 20,
    offset: Offset = 0,
):
    q = q.strip() if q else None
    return await store.search_entities(
        q or None,
        type.value if type else None,
        kind,
        limit,
        offset,
        private,
        level=level.value if level else None,
        since=since,
        until=until,
        town=await place_id(store, town, private),
    )


@router.get(
    "/{entity_id}",
    response_model=Entity,
    responses=RESOLVE_RESPONSES,
    summary="One entity with its evidence, by id, name or alias (/entities/太保镇)",
)
async def get_entity(entity_id: EntityRef, store: StoreDep, private: PrivateDep):
    return await store.lookup_entity(entity_id, private)


@router.get(
    "/{entity_id}/relationships",
    response_model=Page[Relationship],
    responses=RESOLVE_RESPONSES,
    summary="An entity's relationships, e.g. 上坪村 的结对企业: ?type=pairs_with&direction=in",
)
async def entity_relationships(
    entity_id: EntityRef,
    store: StoreDep,
    private: PrivateDep,
    type: Annotated[RelType | None, Query(description="relationship type (snake_case)")] = None,
    direction: Direction = Direction.both,
    limit: Limit = 50,
    offset: Offset = 0,
):
    found = await store.resolve(entity_id, private)
    return await store.entity_relationships(
        found["id"], type.value if type else None, direction.value, limit, offset, private
    )


@router.get(
    "/{entity_id}/network",
    response_model=Network,
    responses=RESOLVE_RESPONSES,
    summary="The ego network (1 or 2 hops), for drawing",
)
async def network(
    entity_id: EntityRef,
    store: StoreDep,
    private: PrivateDep,
    depth: Annotated[int, Query(ge=1, le=2)] = 1,
    limit: Annotated[int, Query(ge=1, le=500, description="max neighbours")] = 100,
):
    found = await store.resolve(entity_id, private)
    return await store.network(found["id"], depth, limit, private)
