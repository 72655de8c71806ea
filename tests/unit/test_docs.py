"""The docs hold to the code: every type of schema.yaml is documented."""

from graph import PROJECT_ROOT
from graph.model import schema

DATA_MODEL = (PROJECT_ROOT / "docs" / "data-model.md").read_text(encoding="utf-8")
API = (PROJECT_ROOT / "docs" / "api.md").read_text(encoding="utf-8")


def test_every_entity_type_is_documented():
    for name, t in schema().entity_types.items():
        assert f"`{name}`" in DATA_MODEL and t.label in DATA_MODEL, name
        for kind in t.kinds + t.levels:
            assert kind in DATA_MODEL, (name, kind)


def test_every_relationship_type_is_documented():
    for name, t in schema().relationship_types.items():
        assert f"`{name}`" in DATA_MODEL and t.db_type in DATA_MODEL, name


def test_api_doc_shows_every_endpoint():
    for path in (
        "/health",
        "/ready",
        "/entities?q=",
        "/entities/xiongye-logistics",
        "/relationships",
        "/network",
        "/paths/shortest",
        "/sources",
        "/donations/summary",
        "/partnerships",
    ):
        assert path in API, path
