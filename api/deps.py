"""Dependencies injected into the routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from api.security import PrincipalDep
from graph.store import Store


def get_store(request: Request) -> Store:
    return request.app.state.store


def include_private(who: PrincipalDep) -> bool:
    """Private persons are shown to callers with an API key, never to anonymous ones."""
    return who is not None


StoreDep = Annotated[Store, Depends(get_store)]
PrivateDep = Annotated[bool, Depends(include_private)]
