"""The Neo4j Browser guide and style, served for ``:play`` and ``:style``."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, PlainTextResponse

from graph.browser import guide_html, style_grass

router = APIRouter(prefix="/browser", tags=["neo4j browser"])
# Neo4j Browser fetches these from its own origin (port 7474): allow any origin for this public,
# read-only content only. The rest of the API sends no CORS headers.
PUBLIC = {"Access-Control-Allow-Origin": "*", "Cache-Control": "no-cache"}


@router.get(
    "/guide",
    response_class=HTMLResponse,
    summary="The Browser guide: :play http://127.0.0.1:8000/browser/guide",
)
async def guide(request: Request):
    base = str(request.base_url).rstrip("/")
    return HTMLResponse(guide_html(base), headers=PUBLIC)


@router.get("/style.grass", response_class=PlainTextResponse, summary="The Browser style (:style URL)")
async def style():
    return PlainTextResponse(style_grass(), headers=PUBLIC)


@router.options("/{resource}", include_in_schema=False)
async def preflight(resource: str, request: Request):
    """CORS preflight from Neo4j Browser (it sends custom headers with :play)."""
    from fastapi.responses import Response

    if resource not in ("guide", "style.grass"):
        return Response(status_code=404)
    asked = request.headers.get("access-control-request-headers", "")
    return Response(
        status_code=204,
        headers={
            **PUBLIC,
            "Access-Control-Allow-Methods": "GET, OPTIONS",
            "Access-Control-Allow-Headers": asked or "*",
            "Access-Control-Max-Age": "600",
        },
    )
