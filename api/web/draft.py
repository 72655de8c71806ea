"""The draft review page (for curators): paste an article → the draft from POST /drafts → accept,
reject or edit each fact on its sentence, link or split entities flagged ``possible_match`` → save
with POST /sources. The page is static; its script calls the JSON API with the curator's key, which it
keeps in sessionStorage only (never a cookie, never the URL)."""

from __future__ import annotations

from fastapi import Request

from api.web import page_router, render
from graph import views
from graph.model import schema

router = page_router()


@router.get("/review")
async def review_page(request: Request):
    labels = {
        "types": views.TYPE_LABELS,
        "kinds": views.KIND_LABELS,
        "relationships": {
            name: views.REL_LABELS.get(name, (name,))[0] for name in schema().relationship_types
        },
    }
    return render(request, "review.html", title="审核草稿", labels=labels)
