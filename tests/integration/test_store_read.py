"""Store.read turns records into what Record.data() gives, nodes, relationships and paths included."""

from __future__ import annotations

import pytest

from graph.browser import named_queries
from graph.store import Store
from tests.conftest import with_driver

QUERIES = named_queries()


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_read_gives_what_record_data_gives(query, seeded, driver, settings):
    records, _, _ = driver.execute_query(query.text, query.params, database_=settings.neo4j_database)
    expected = [r.data() for r in records]

    async def read(d):
        return await Store(d, settings.neo4j_database, settings.query_timeout).read(
            f"queries/{query.name}", **query.params
        )

    got = with_driver(settings, read)
    assert got == expected
    assert got, f"{query.name} returned no rows"


def test_graph_values_are_converted(seeded, settings):
    """The queries that draw return nodes and paths: they come out as dicts and lists, never driver objects."""
    from neo4j.graph import Node, Path, Relationship

    drawn = [q for q in QUERIES if q.draws_graph]
    assert drawn

    def walk(value):
        assert not isinstance(value, (Node, Relationship, Path)), value
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, (list, tuple)):
            for v in value:
                walk(v)

    async def read_all(d):
        store = Store(d, settings.neo4j_database, settings.query_timeout)
        return [await store.read(f"queries/{q.name}", **q.params) for q in drawn]

    rows = with_driver(settings, read_all)
    walk(rows)
    assert all(rows)
