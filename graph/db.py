"""Named Cypher from ``cypher/`` and the Neo4j drivers (one per process).

Every statement the project runs lives in a ``.cypher`` file; code refers to it
by name (``cypher("entity_get")`` reads ``cypher/entity_get.cypher``). Values
always travel as ``$parameters``; nothing is ever pasted into query text.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import cache
from pathlib import Path

from neo4j import AsyncDriver, AsyncGraphDatabase, Driver, GraphDatabase

from graph import CYPHER_DIR
from graph.errors import HonglianError
from graph.settings import Settings


@cache
def cypher(name: str) -> str:
    """The text of ``cypher/<name>.cypher``."""
    path = CYPHER_DIR / f"{name}.cypher"
    if not path.is_file():
        raise HonglianError(f"No Cypher file {path.relative_to(CYPHER_DIR.parent)}")
    return path.read_text(encoding="utf-8")


def statements(name: str) -> list[str]:
    """The statements of a multi-statement file (``;``-separated, comments dropped)."""
    body = "\n".join(line for line in cypher(name).splitlines() if not line.lstrip().startswith("//"))
    return [s.strip() for s in body.split(";") if s.strip()]


def header_lines(text: str) -> list[str]:
    """The leading ``//`` comment block of Cypher text, one line each, without the slashes."""
    lines = []
    for line in text.splitlines():
        if not line.startswith("//"):
            break
        lines.append(line[2:].strip())
    return lines


def header(path: Path) -> str:
    """The header comment of a Cypher file."""
    return "\n".join(header_lines(path.read_text(encoding="utf-8")))


def sync_driver(settings: Settings) -> Driver:
    """A blocking driver, for the CLI, the loader and tests."""
    settings.check_secrets()
    return GraphDatabase.driver(
        settings.uri, auth=settings.auth, connection_timeout=5.0, notifications_min_severity="OFF"
    )


@asynccontextmanager
async def connected(settings: Settings) -> AsyncIterator[AsyncDriver]:
    """An async driver for one command-line run (``asyncio.run``), closed afterwards."""
    driver = async_driver(settings)
    try:
        yield driver
    finally:
        await driver.close()


def async_driver(settings: Settings) -> AsyncDriver:
    """The API's driver: created once in the app's lifespan, closed at shutdown."""
    settings.check_secrets()
    return AsyncGraphDatabase.driver(
        settings.uri,
        auth=settings.auth,
        connection_timeout=3.0,
        connection_acquisition_timeout=5.0,
        max_connection_pool_size=50,
        max_transaction_retry_time=3.0,
        notifications_min_severity="OFF",
    )
