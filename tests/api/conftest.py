from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app


@pytest.fixture(scope="session")
def client(settings, seeded):
    with TestClient(create_app(settings)) as c:
        yield c
