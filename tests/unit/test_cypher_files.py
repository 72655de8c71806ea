"""The Cypher files: schema.cypher covers the model; every file documents itself and uses parameters."""

import re

from graph import CYPHER_DIR
from graph.db import header, statements
from graph.model import schema

SCHEMA = (CYPHER_DIR / "schema.cypher").read_text(encoding="utf-8")


def test_every_label_has_a_uniqueness_constraint():
    for label in [*schema().labels, "Entity"]:
        assert re.search(rf"FOR \(n:{label}\) REQUIRE n\.id IS UNIQUE", SCHEMA), label


def test_every_relationship_type_has_a_unique_id():
    for t in schema().relationship_types.values():
        assert re.search(rf"FOR \(\)-\[r:{t.db_type}\]-\(\) REQUIRE r\.id IS UNIQUE", SCHEMA), t.db_type


def test_fulltext_index_uses_cjk():
    assert "FULLTEXT INDEX entity_search" in SCHEMA and "'cjk'" in SCHEMA


def test_schema_statements_are_idempotent():
    stmts = statements("schema")
    assert len(stmts) > 20
    assert all("IF NOT EXISTS" in s for s in stmts)


def test_every_query_file_has_a_header_comment():
    for path in CYPHER_DIR.rglob("*.cypher"):
        assert header(path), f"{path} needs a header comment"


def test_no_query_file_builds_text_from_values():
    # Parameters only: no string concatenation feeding a procedure that runs text.
    for path in CYPHER_DIR.rglob("*.cypher"):
        text = path.read_text(encoding="utf-8")
        assert "apoc.cypher.run" not in text and "db.cypher" not in text, path
