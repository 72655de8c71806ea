"""API keys: who is calling, and may they write?

Keys are configured only as SHA-256 hashes (``HONGLIAN_API_KEYS``); a presented key is hashed and
compared with every configured hash in constant time. Anonymous callers read public data; any key
also sees private persons; only ``curator`` keys may write.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Request


@dataclass(frozen=True)
class Principal:
    name: str
    role: str  # "curator" | "reader"


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def new_key() -> str:
    return "hl_" + secrets.token_urlsafe(32)


def _presented(request: Request) -> str | None:
    key = request.headers.get("x-api-key")
    auth = request.headers.get("authorization", "")
    if not key and auth.lower().startswith("bearer "):
        key = auth[7:].strip()
    return key or None


async def principal(request: Request) -> Principal | None:
    key = _presented(request)
    if key is None:
        return None
    digest = hash_key(key)
    found = None
    for name, role, expected in request.app.state.keys:
        if hmac.compare_digest(digest, expected):  # every entry is compared: no early exit
            found = Principal(name, role)
    if found is None:
        raise HTTPException(401, "Unknown API key.", headers={"WWW-Authenticate": "Bearer"})
    return found


PrincipalDep = Annotated[Principal | None, Depends(principal)]


async def require_curator(who: PrincipalDep) -> Principal:
    if who is None:
        raise HTTPException(
            401, "Writing needs a curator API key (X-API-Key header).", headers={"WWW-Authenticate": "Bearer"}
        )
    if who.role != "curator":
        raise HTTPException(403, f"The key {who.name!r} is read-only.")
    return who


CuratorDep = Annotated[Principal, Depends(require_curator)]
