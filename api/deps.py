"""Dependencies injected into the routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from graph.store import Store


def get_store(request: Request) -> Store:
    return request.app.state.store


def include_private(request: Request) -> bool:
    """Private persons are shown only to authenticated curators (none yet: always hidden)."""
    return False


StoreDep = Annotated[Store, Depends(get_store)]
PrivateDep = Annotated[bool, Depends(include_private)]
