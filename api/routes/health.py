from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from api.deps import StoreDep
from api.errors import RETRY_AFTER
from api.schemas import ErrorBody, Status
from graph.errors import DatabaseUnavailable, QueryTimeout

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Status, summary="The process is up")
async def health():
    return {"status": "ok"}


@router.get(
    "/ready",
    response_model=Status,
    summary="Neo4j answers",
    responses={503: {"model": ErrorBody, "description": "Neo4j is not reachable"}},
)
async def ready(store: StoreDep):
    try:
        await store.ping()
    except (DatabaseUnavailable, QueryTimeout) as exc:
        return JSONResponse(
            {"status": "unavailable", "detail": str(exc)},
            status_code=503,
            headers={"Retry-After": RETRY_AFTER},
        )
    return {"status": "ready"}
