"""Dependencies injected into the routes.

All are ``async def``: FastAPI runs a plain ``def`` dependency in a worker thread, a hop per request
that cost a third of the API's throughput under load (docs/benchmarks.md).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from api.security import principal
from graph.store import Store


async def get_store(request: Request) -> Store:
    return request.app.state.store


async def include_private(request: Request) -> bool:
    """Private persons are shown to callers with an API key, never to anonymous ones (an unknown key
    is refused with 401). The key is checked here directly rather than through ``PrincipalDep``: one
    dependency fewer to resolve on every read."""
    return await principal(request) is not None


StoreDep = Annotated[Store, Depends(get_store)]
PrivateDep = Annotated[bool, Depends(include_private)]
