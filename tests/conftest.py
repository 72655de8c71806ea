"""Fixtures: a real Neo4j for the whole test session.

Unless NEO4J_URI is set, the session starts a throwaway Neo4j Community server
(the project's own runtime) on free ports with a temporary data dir, and always
stops it at the end. Jars come from the user cache (installed on first use).
"""

from __future__ import annotations

import asyncio
import os
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import uvicorn
from fastapi.testclient import TestClient

from api.app import create_app
from graph.runtime.neo4j import LocalNeo4j, free_port
from graph.settings import Settings

TEST_PASSWORD = "test-" + secrets.token_hex(8)


def make_settings(data_dir, **extra) -> Settings:
    """Settings for a throwaway local server in ``data_dir`` on free ports."""
    values = {
        "HONGLIAN_DATA_DIR": str(data_dir),
        "HONGLIAN_NEO4J_BOLT_PORT": free_port(),
        "HONGLIAN_NEO4J_HTTP_PORT": free_port(),
        "API_PORT": free_port(),
        "NEO4J_PASSWORD": TEST_PASSWORD,
        "HONGLIAN_NEO4J_HEAP": "384m",
        "HONGLIAN_NEO4J_PAGECACHE": "128m",
        "NEO4J_URI": None,
        **extra,
    }
    return Settings(_env_file=None, **values)


@pytest.fixture(scope="session")
def settings(tmp_path_factory) -> Settings:
    if os.environ.get("NEO4J_URI"):
        return Settings()
    return make_settings(tmp_path_factory.mktemp("neo4j-session"))


@pytest.fixture(scope="session")
def runtime(settings):
    """The session's Neo4j server (None when NEO4J_URI points to an external one)."""
    if not settings.managed:
        yield None
        return
    rt = LocalNeo4j(settings)
    rt.install()
    rt.start()
    try:
        yield rt
    finally:
        rt.stop()


@pytest.fixture(scope="session")
def driver(settings, runtime):
    from graph.db import sync_driver

    with sync_driver(settings) as drv:
        yield drv


def with_driver(settings: Settings, work):
    """``await work(driver)`` with a fresh async driver (the loader is async; tests are not)."""
    from graph.db import connected

    async def run():
        async with connected(settings) as driver:
            return await work(driver)

    return asyncio.run(run())


def load(settings: Settings, files=None):
    """Load seed files (default: all of seed/data) as `honglian seed` does; returns the LoadReport."""
    from graph.loader import load_seed

    return with_driver(settings, lambda d: load_seed(d, settings.neo4j_database, files))


def apply_schema(settings: Settings) -> int:
    from graph.loader import apply_schema as apply

    return with_driver(settings, lambda d: apply(d, settings.neo4j_database))


def graph_version(settings: Settings) -> int:
    from graph.loader import graph_version as version

    return with_driver(settings, lambda d: version(d, settings.neo4j_database))


@pytest.fixture(scope="session")
def seeded(settings, driver):
    """The database with the schema applied and every seed file loaded; returns the load report."""
    apply_schema(settings)
    return load(settings)


def run_cypher(driver, settings, query: str, **params):
    records, _, _ = driver.execute_query(query, params, database_=settings.neo4j_database)
    return [r.data() for r in records]


@pytest.fixture(scope="session")
def client(settings, seeded):
    with TestClient(create_app(settings)) as c:
        yield c


#: API keys configured in ``keyed_client``'s app (only their hashes are configured, as in production).
CURATOR_KEY, READER_KEY = "hl_test_curator_key", "hl_test_reader_key"


@pytest.fixture(scope="session")
def keyed_client(settings, seeded):
    """The API with a curator and a reader key configured (send them as ``X-API-Key``)."""
    from api.security import hash_key

    keyed = settings.model_copy(
        update={
            "api_keys": f"curator-test:curator:{hash_key(CURATOR_KEY)},"
            f"reader-test:reader:{hash_key(READER_KEY)}"
        }
    )
    with TestClient(create_app(keyed)) as c:
        yield c


@contextmanager
def serve_api(settings: Settings) -> Iterator[str]:
    """The app for ``settings`` over real HTTP on settings.api_port, in a thread; yields its base URL."""
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings), host="127.0.0.1", port=settings.api_port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "API did not start"
        time.sleep(0.1)
    try:
        yield f"http://127.0.0.1:{settings.api_port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def api_server(settings, seeded):
    """The API over real HTTP on settings.api_port (where neo4j.conf's guide URL points)."""
    with serve_api(settings) as url:
        yield url
