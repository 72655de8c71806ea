"""API keys: who is calling, and may they write?

Keys are configured only as SHA-256 hashes (``HONGLIAN_API_KEYS``); a presented key is hashed and
compared with every configured hash in constant time. Anonymous callers read public data; any key
also sees private persons; only ``curator`` keys may write, and ``WriteGate`` checks that before a
write's body is read. This module is the one place that knows keys.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.responses import JSONResponse
from starlette.datastructures import Headers


@dataclass(frozen=True)
class Principal:
    name: str
    role: str  # "curator" | "reader"


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def new_key() -> str:
    return "hl_" + secrets.token_urlsafe(32)


def _presented(headers: Headers) -> str | None:
    key = headers.get("x-api-key")
    auth = headers.get("authorization", "")
    if not key and auth.lower().startswith("bearer "):
        key = auth[7:].strip()
    return key or None


def identify(keys: list[tuple[str, str, str]], headers: Headers) -> Principal | None:
    """Who presents these headers: None without a key, 401 for an unknown one."""
    key = _presented(headers)
    if key is None:
        return None
    digest = hash_key(key)
    found = None
    for name, role, expected in keys:
        if hmac.compare_digest(digest, expected):  # every entry is compared: no early exit
            found = Principal(name, role)
    if found is None:
        raise HTTPException(401, "Unknown API key.", headers={"WWW-Authenticate": "Bearer"})
    return found


def curator(who: Principal | None) -> Principal:
    """``who`` if it may write: 401 without a key, 403 for a read-only one."""
    if who is None:
        raise HTTPException(
            401, "Writing needs a curator API key (X-API-Key header).", headers={"WWW-Authenticate": "Bearer"}
        )
    if who.role != "curator":
        raise HTTPException(403, f"The key {who.name!r} is read-only.")
    return who


async def principal(request: Request) -> Principal | None:
    return identify(request.app.state.keys, request.headers)


PrincipalDep = Annotated[Principal | None, Depends(principal)]


async def require_curator(who: PrincipalDep) -> Principal:
    return curator(who)


CuratorDep = Annotated[Principal, Depends(require_curator)]

#: Methods that only read. Every other route writes and needs a curator key.
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class WriteGate:
    """Check the curator key of a write before any byte of its body is read (401, 403).

    A plain ASGI middleware in front of ``BodyLimit``: an anonymous or read-only caller is refused on
    its headers alone, so a malformed or huge body is never parsed, nor even received. The routes
    keep ``CuratorDep``, which names the curator for the audit log and documents the need in OpenAPI.
    """

    def __init__(self, app, keys: list[tuple[str, str, str]]):
        self.app, self.keys = app, keys

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["method"] not in READ_METHODS:
            try:
                curator(identify(self.keys, Headers(scope=scope)))
            except HTTPException as exc:
                response = JSONResponse({"detail": exc.detail}, exc.status_code, headers=exc.headers)
                return await response(scope, receive, send)
        return await self.app(scope, receive, send)
