from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app


@pytest.fixture(scope="session")
def client(settings, seeded):
    with TestClient(create_app(settings)) as c:
        yield c


@pytest.fixture(scope="session")
def api_server(settings, seeded):
    """The API over real HTTP on settings.api_port (where neo4j.conf's guide URL points)."""
    import threading
    import time

    import uvicorn

    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=settings.api_port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "API did not start"
        time.sleep(0.1)
    yield f"http://127.0.0.1:{settings.api_port}"
    server.should_exit = True
    thread.join(timeout=10)
