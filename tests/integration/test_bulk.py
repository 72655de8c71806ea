"""The bulk path (neo4j-admin import) stores exactly the graph the online loader stores."""

from pathlib import Path

import pytest

from graph.bulk import bulk_import, write_import_csvs
from graph.db import sync_driver
from graph.loader import SEED_DATA_DIR
from graph.runtime.neo4j import LocalNeo4j
from tests.conftest import apply_schema, load, make_settings

pytestmark = pytest.mark.slow

SNAPSHOT_NODES = "MATCH (n:Entity) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props ORDER BY id"
SNAPSHOT_RELS = (
    "MATCH (a:Entity)-[r]->(b:Entity) RETURN type(r) AS type, a.id AS a, b.id AS b, "
    "properties(r) AS props ORDER BY r.id"
)
SNAPSHOT_STATEMENTS = "MATCH (s:Statement) RETURN labels(s) AS labels, properties(s) AS props ORDER BY s.id"


def snapshot(driver, database):
    nodes = [r.data() for r in driver.execute_query(SNAPSHOT_NODES, database_=database).records]
    rels = [r.data() for r in driver.execute_query(SNAPSHOT_RELS, database_=database).records]
    statements = [r.data() for r in driver.execute_query(SNAPSHOT_STATEMENTS, database_=database).records]
    for n in nodes:
        n["labels"] = sorted(n["labels"])
    return nodes, rels, statements


def test_bulk_import_equals_the_online_load(tmp_path):
    settings = make_settings(tmp_path / "server")
    rt = LocalNeo4j(settings)
    rt.install()
    rt.start()
    try:
        with sync_driver(settings) as driver:
            apply_schema(settings)
            report = load(settings)
            assert report.total("relationships", "created") > 150
            online = snapshot(driver, settings.neo4j_database)
        result = bulk_import(settings, [SEED_DATA_DIR], tmp_path / "csv")
        assert result.csv.nodes == len(online[0]) and result.csv.relationships == len(online[1])
        assert result.csv.statements == len(online[2])
        with sync_driver(settings) as driver:
            bulk = snapshot(driver, settings.neo4j_database)
            # Loading the same files online over the imported graph changes nothing.
            again = load(settings)
            assert not again.changed, again.rows()
            constraints = driver.execute_query(
                "SHOW CONSTRAINTS YIELD name RETURN count(*) AS c", database_=settings.neo4j_database
            ).records[0]["c"]
    finally:
        rt.stop()
    assert bulk[0] == online[0]
    assert bulk[1] == online[1]
    assert bulk[2] == online[2] and len(online[2]) > len(online[0])
    assert constraints >= 20
    # neo4j-admin's import report stays in the data dir, never in the working directory.
    assert (rt.logs_dir / "import.report").is_file() and not Path("import.report").exists()


def test_csvs_name_every_column_type_and_split_arrays_safely(tmp_path):
    stats = write_import_csvs([SEED_DATA_DIR], tmp_path)
    header = (tmp_path / "nodes.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("id:ID(Entity),:LABEL,")
    assert "aliases:string[]" in header and "private:boolean" in header
    rels = (tmp_path / "rels-DONATES_TO.csv").read_text(encoding="utf-8").splitlines()[0]
    assert ":START_ID(Entity),:END_ID(Entity)" in rels
    assert "amount:long" in rels or "amount:double" in rels
    assert stats.nodes > 100 and stats.relationships > 150
