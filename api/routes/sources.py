from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from api.deps import PrivateDep, StoreDep
from api.schemas import ErrorBody, Page, SourceDetail, SourceItem

router = APIRouter(prefix="/sources", tags=["sources"])


@router.get("", response_model=Page[SourceItem], summary="The articles")
async def sources(store: StoreDep):
    return await store.sources()


@router.get(
    "/{source_id}",
    response_model=SourceDetail,
    responses={404: {"model": ErrorBody, "description": "unknown source"}},
    summary="One article and every fact it supports",
)
async def source(
    source_id: Annotated[str, Path(max_length=120, examples=["xkb-taibao-dec14-activity"])],
    store: StoreDep,
    private: PrivateDep,
):
    return await store.source(source_id, private)
