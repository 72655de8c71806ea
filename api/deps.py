"""Dependencies injected into the routes.

All are ``async def``: FastAPI runs a plain ``def`` dependency in a worker thread, a hop per request
that cost a third of the API's throughput under load (docs/benchmarks.md).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from api.security import PrincipalDep
from graph.store import Store


async def get_store(request: Request) -> Store:
    return request.app.state.store


async def include_private(who: PrincipalDep) -> bool:
    """Private persons are shown to callers with an API key, never to anonymous ones."""
    return who is not None


StoreDep = Annotated[Store, Depends(get_store)]
PrivateDep = Annotated[bool, Depends(include_private)]
