"""The source page: the article's text with every recorded fact highlighted where it is stated; a
click on a highlight shows the fact. And the list of articles."""

from __future__ import annotations

import asyncio
import re
from typing import Annotated, Any

from fastapi import Path, Request

from api.deps import PrivateDep, StoreDep
from api.web import page_router, render
from graph import views

router = page_router()


def readable(text: str) -> str:
    """The stored article as a page shows it: no Markdown heading marks, no runs of blank lines."""
    text = re.sub(r"(?m)^#{1,6}[ \t]*", "", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def facts_of(source_id: str, entities: list[dict], rels: list[dict]) -> list[dict[str, Any]]:
    """The facts this source states, each with its quotes from this source only (the Store redacts
    quotes and article text alike for anonymous readers, so the quotes are found in the text)."""
    facts = []
    for kind, items in (("relationship", rels), ("entity", entities)):
        for item in items:
            quotes = [ev["quote"] for ev in item["evidence"] if ev["source_id"] == source_id]
            if quotes:
                key = item["id"] if kind == "relationship" else f"entity-{item['id']}"
                facts.append({"key": key, "kind": kind, "item": item, "quotes": list(dict.fromkeys(quotes))})
    return facts


@router.get("/source")
async def sources_page(request: Request, store: StoreDep):
    return render(request, "sources.html", title="报道", sources=await store.sources())


@router.get("/source/{source_id}")
async def source_page(
    request: Request,
    source_id: Annotated[str, Path(max_length=120)],
    store: StoreDep,
    private: PrivateDep,
):
    detail, entities = await asyncio.gather(
        store.source(source_id, private), store.source_entities(source_id, private)
    )
    facts = facts_of(source_id, entities, detail["relationships"])
    segments = views.highlight(readable(detail["article_text"] or ""), {f["key"]: f["quotes"] for f in facts})
    marked = {k for _, keys in segments for k in keys}
    s = detail["source"]
    return render(
        request,
        "source.html",
        title=s["properties"].get("title") or s["name"],
        s=s,
        segments=segments,
        facts=facts,
        unmarked=[f for f in facts if f["key"] not in marked],
        sources={s["id"]: {"id": s["id"], **s["properties"], "name": s["name"]}},
    )
