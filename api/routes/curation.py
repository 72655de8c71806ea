"""Curator writes (a curator API key is required) and the audit log."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, Field

from api.deps import StoreDep
from api.schemas import ErrorBody, HTTPValidationError
from api.security import CuratorDep
from graph import writes
from graph.loader import ChangeCounts

router = APIRouter(tags=["curation"])
AUTH: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorBody, "description": "no or unknown key"},
    403: {"model": ErrorBody, "description": "read-only key"},
}


class PostSource(BaseModel):
    """A whole source in the seed-file format, plus the article's text (quotes are checked against it)."""

    article_text: str = Field(min_length=1, max_length=500_000)
    source: dict[str, Any]
    entities: list[dict[str, Any]] = Field(default_factory=list)
    relationships: list[dict[str, Any]] = Field(default_factory=list)


class WriteResult(BaseModel):
    source_id: str
    entities: ChangeCounts
    relationships: ChangeCounts


@router.post(
    "/sources",
    status_code=201,
    response_model=WriteResult,
    responses={**AUTH, 422: {"model": HTTPValidationError, "description": "every problem, located"}},
    summary="Load a whole source (replacing what it stated before)",
)
async def post_source(body: PostSource, who: CuratorDep, store: StoreDep):
    return await writes.post_source(
        store, body.model_dump(exclude={"article_text"}), body.article_text, who.name
    )


class EvidenceIn(BaseModel):
    source_id: str = Field(max_length=120, examples=["xkb-taibao-dec14-activity"])
    quote: str = Field(min_length=1, max_length=2000, examples=["太保镇旺洞教学点保留着幼儿班"])


class PostEntity(BaseModel):
    """One entity, as in a seed file, with evidence quoting an existing source's article."""

    id: str = Field(max_length=120, examples=["wangdong-kindergarten-class"])
    type: str = Field(examples=["organization"])
    name: str = Field(max_length=300, examples=["旺洞教学点幼儿班"])
    aliases: list[str] = Field(default_factory=list)
    kind: str | None = None
    level: str | None = None
    properties: dict[str, Any] = Field(default_factory=dict)
    evidence: list[EvidenceIn] = Field(min_length=1)


class PostRelationship(BaseModel):
    """One relationship between entities already in the graph, with evidence."""

    type: str = Field(examples=["located_in"])
    from_: str = Field(alias="from", max_length=120, examples=["wangdong-teaching-point"])
    to: str = Field(max_length=120, examples=["taibao"])
    key: str | None = Field(None, max_length=60)
    properties: dict[str, Any] = Field(default_factory=dict)
    evidence: list[EvidenceIn] = Field(min_length=1)


class FactResult(BaseModel):
    id: str
    source_id: str
    created: int
    updated: int


@router.post(
    "/entities",
    status_code=201,
    response_model=FactResult,
    responses={**AUTH, 422: {"model": HTTPValidationError}},
    summary="Add one entity (evidence required)",
)
async def post_entity(body: PostEntity, who: CuratorDep, store: StoreDep):
    fact = body.model_dump(exclude={"evidence"}, exclude_none=True)
    return await writes.post_fact(store, "entities", fact, [e.model_dump() for e in body.evidence], who.name)


@router.post(
    "/relationships",
    status_code=201,
    response_model=FactResult,
    responses={**AUTH, 422: {"model": HTTPValidationError}},
    summary="Add one relationship (evidence required)",
)
async def post_relationship(body: PostRelationship, who: CuratorDep, store: StoreDep):
    fact = body.model_dump(by_alias=True, exclude={"evidence"}, exclude_none=True)
    return await writes.post_fact(
        store, "relationships", fact, [e.model_dump() for e in body.evidence], who.name
    )


@router.delete(
    "/sources/{source_id}",
    response_model=WriteResult,
    responses={**AUTH, 404: {"model": ErrorBody}},
    summary="Remove a source and what only it supports",
)
async def delete_source(source_id: Annotated[str, Path(max_length=120)], who: CuratorDep, store: StoreDep):
    return await writes.delete_source(store, source_id, who.name)


@router.delete(
    "/relationships/{rel_id}",
    responses={**AUTH, 404: {"model": ErrorBody}},
    summary="Delete one relationship",
)
async def delete_relationship(rel_id: Annotated[str, Path(max_length=400)], who: CuratorDep, store: StoreDep):
    return await writes.delete_relationship(store, rel_id, who.name)


@router.get("/audit", responses=AUTH, summary="Recent writes: who, when, what")
async def audit(who: CuratorDep, store: StoreDep, limit: Annotated[int, Query(ge=1, le=500)] = 50):
    return {"items": await writes.audit_log(store, limit)}
