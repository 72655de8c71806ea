"""Curator writes (a curator API key is required) and the audit log."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from pydantic import BaseModel, Field

from api.security import CuratorDep
from api.schemas import Problem
from graph import writes

router = APIRouter(tags=["curation"])
AUTH = {401: {"model": Problem, "description": "no or unknown key"},
        403: {"model": Problem, "description": "read-only key"}}


class PostSource(BaseModel):
    """A whole source in the seed-file format, plus the article's text (quotes are checked against it)."""

    article_text: str = Field(min_length=1, max_length=500_000)
    source: dict[str, Any]
    entities: list[dict[str, Any]] = Field(default_factory=list)
    relationships: list[dict[str, Any]] = Field(default_factory=list)


class Counts(BaseModel):
    created: int
    updated: int
    removed: int
    unchanged: int


class WriteResult(BaseModel):
    source_id: str
    entities: Counts
    relationships: Counts


def _store(request: Request):
    return request.app.state.store


@router.post("/sources", status_code=201, response_model=WriteResult,
             responses={**AUTH, 422: {"model": Problem, "description": "every problem, located"}},
             summary="Load a whole source (replacing what it stated before)")
async def post_source(body: PostSource, who: CuratorDep, request: Request):
    document = body.model_dump(exclude={"article_text"})
    result = await writes.post_source(_store(request), document, body.article_text, who.name)
    request.app.state.analytics.cache.key = None   # the version changed anyway; free memory early
    return result


@router.delete("/sources/{source_id}", response_model=WriteResult, responses={**AUTH, 404: {"model": Problem}},
               summary="Remove a source and what only it supports")
async def delete_source(source_id: Annotated[str, Path(max_length=120)], who: CuratorDep, request: Request):
    return await writes.delete_source(_store(request), source_id, who.name)


@router.delete("/relationships/{rel_id}", responses={**AUTH, 404: {"model": Problem}},
               summary="Delete one relationship")
async def delete_relationship(rel_id: Annotated[str, Path(max_length=400)], who: CuratorDep, request: Request):
    return await writes.delete_relationship(_store(request), rel_id, who.name)


@router.get("/audit", responses=AUTH, summary="Recent writes: who, when, what")
async def audit(who: CuratorDep, request: Request, limit: Annotated[int, Query(ge=1, le=500)] = 50):
    return {"items": await writes.audit_log(_store(request), limit)}
