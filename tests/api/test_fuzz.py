"""Fuzzing: schemathesis against /openapi.json over real HTTP (bounded)."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings


@pytest.fixture(scope="session")
def api_schema(api_server):
    return schemathesis.openapi.from_url(f"{api_server}/openapi.json")


def test_api_never_fails_and_matches_its_schema(api_schema):
    """For every operation: no 5xx for generated input, and every answer matches the schema.

    Bounded (12 examples per operation) so the suite stays fast; each operation is reported on failure.
    """
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 20
    for op in operations:

        @given(case=op.as_strategy())
        @hsettings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def run(case):
            case.call_and_validate()

        try:
            run()
        except Exception as exc:
            raise AssertionError(f"{op.method.upper()} {op.path}: {exc}") from exc
