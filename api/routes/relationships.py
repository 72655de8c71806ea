from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import PrivateDep, StoreDep
from api.schemas import ErrorBody, Page, Paths, Relationship, RelType

router = APIRouter(tags=["relationships"])
Id = Annotated[str | None, Query(max_length=120)]


@router.get(
    "/relationships",
    response_model=Page[Relationship],
    summary="Relationships by type and ends (e.g. 所有捐赠: ?type=donates_to)",
)
async def relationships(
    store: StoreDep,
    private: PrivateDep,
    type: Annotated[RelType | None, Query()] = None,
    source: Annotated[str | None, Query(max_length=120, examples=["xiongye-logistics"])] = None,
    target: Annotated[str | None, Query(max_length=120, examples=["shangping"])] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
):
    return await store.relationships(type.value if type else None, source, target, limit, offset, private)


@router.get(
    "/paths/shortest",
    response_model=Paths,
    responses={404: {"model": ErrorBody, "description": "unknown end"}},
    summary="All shortest paths, e.g. 国光电器 → 雄业物流, every hop with its evidence",
)
async def shortest_paths(
    store: StoreDep,
    private: PrivateDep,
    source: Annotated[str, Query(max_length=120, examples=["guoguang-electric"])],
    target: Annotated[str, Query(max_length=120, examples=["xiongye-logistics"])],
    max_hops: Annotated[int, Query(ge=1, le=6)] = 4,
):
    return await store.shortest_paths(source, target, max_hops, private)
