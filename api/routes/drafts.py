"""Draft a seed document from an article (a curator API key is required); nothing is written."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field, ValidationError
from starlette.concurrency import run_in_threadpool

from api.deps import StoreDep
from api.schemas import ErrorBody, HTTPValidationError
from api.security import CuratorDep
from graph.errors import DatabaseUnavailable, InvalidInput, QueryTimeout
from graph.intake import Meta, finish, link, prepare

router = APIRouter(tags=["curation"])


class DraftIn(BaseModel):
    """An article's text and what the curator knows about it."""

    text: str = Field(
        min_length=1, description="The article, plain text.", examples=["12月14日，广州市花都区非公党委…"]
    )
    source_id: str | None = Field(None, max_length=120, examples=["xkb-2024-03-20-taibao"])
    title: str | None = Field(None, max_length=300)
    publisher: str | None = Field(None, max_length=120, examples=["新快报"])
    date: str | None = Field(
        None, max_length=10, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", examples=["2024-03-20"]
    )
    url: str | None = Field(None, max_length=2000)
    article_file: str | None = Field(None, max_length=300, description="The file name the draft cites.")


class DraftOut(BaseModel):
    draft: dict[str, Any] = Field(description="A seed document (source, entities, relationships) to review.")
    notes: list[str] = Field(description="What the curator should know (linking, dropped items).")
    linked: bool = Field(description="Whether names were linked to the graph.")


@router.post(
    "/drafts",
    response_model=DraftOut,
    responses={
        401: {"model": ErrorBody, "description": "no or unknown key"},
        403: {"model": ErrorBody, "description": "read-only key"},
        422: {"model": HTTPValidationError, "description": "empty, binary, non-Chinese or undecodable text"},
    },
    summary="Draft a seed document from a Chinese news article (nothing is loaded)",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": DraftIn.model_json_schema()},
                "text/plain": {"schema": {"type": "string", "description": "the article alone"}},
            },
        }
    },
)
async def post_draft(request: Request, who: CuratorDep, store: StoreDep):
    raw = await request.body()
    if request.headers.get("content-type", "").startswith("text/plain"):
        body = DraftIn(text="-")  # the article itself is the body (UTF-8 or GB18030); no metadata
        data: bytes | str = raw
    else:
        try:
            body = DraftIn.model_validate_json(raw)
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(map(str, e['loc'])) or 'body'}: {e['msg']}" for e in exc.errors()[:5]
            )
            raise InvalidInput(
                f'请求体须为 JSON {{"text": 文章全文, …}} 或 text/plain 的文章：{problems}'
            ) from None
        data = body.text
    meta = Meta(body.source_id, body.title, body.publisher, body.date, body.url, body.article_file)
    prep = await run_in_threadpool(prepare, data, meta)
    rows = None
    try:
        rows = await link.candidates(store, prep.names(), prep.proposed_ids(), prep.alias_names())
    except (DatabaseUnavailable, QueryTimeout):
        prep.notes.append("图谱（Neo4j）无法连接：草稿未做链接。")
    draft = await run_in_threadpool(finish, prep, rows)
    return {"draft": draft.document, "notes": draft.notes, "linked": draft.linked}
