"""The loader and the seeded graph, on the real Neo4j."""

from __future__ import annotations

import pytest
import yaml

from graph.errors import SeedValidationError
from graph.loader import SEED_DATA_DIR
from graph.model import schema
from tests.conftest import graph_version, load, run_cypher

RETURN_VISIT = SEED_DATA_DIR / "taibao-return-visit.yaml"


def _counts(driver, settings):
    rows = run_cypher(
        driver,
        settings,
        """
        MATCH (n:Entity) WITH count(n) AS nodes
        OPTIONAL MATCH (:Entity)-[r]->(:Entity) RETURN nodes, count(r) AS rels""",
    )
    return rows[0]["nodes"], rows[0]["rels"]


def test_every_entity_type_is_in_the_graph(seeded, driver, settings):
    rows = run_cypher(driver, settings, "MATCH (n:Entity) RETURN n.type AS type, count(*) AS n")
    assert {r["type"] for r in rows} == set(schema().entity_types)
    labels = run_cypher(
        driver, settings, "MATCH (n:Entity) UNWIND labels(n) AS l RETURN collect(DISTINCT l) AS ls"
    )
    assert set(schema().labels) <= set(labels[0]["ls"])


def test_every_node_and_relationship_carries_evidence(seeded, driver, settings):
    bad = run_cypher(
        driver,
        settings,
        """
        MATCH (n:Entity) WHERE size(coalesce(n.ev_quotes, [])) = 0 RETURN n.id AS id
        UNION
        MATCH ()-[r]->() WHERE size(coalesce(r.ev_quotes, [])) = 0 RETURN r.id AS id""",
    )
    assert bad == []


def test_loading_twice_changes_nothing(seeded, driver, settings):
    before = _counts(driver, settings)
    version = graph_version(settings)
    report = load(settings)
    assert not report.changed
    assert report.total("entities", "created") == 0 and report.total("relationships", "updated") == 0
    assert _counts(driver, settings) == before
    assert graph_version(settings) == version


def test_first_load_created_everything(seeded):
    assert seeded.total("entities", "created") > 100
    assert seeded.total("relationships", "created") > 150


def test_aliases_resolve_to_one_node(seeded, driver, settings):
    for alias, expected in [
        ("国光电气股份有限公司", "guoguang-electric"),
        ("国光电器", "guoguang-electric"),
        ("广州雄业物流有限公司", "xiongye-logistics"),
        ("雄业物流", "xiongye-logistics"),
        ("花城街", "huacheng-subdistrict"),
        ("花都区驻太保镇工作队", "huadu-taibao-work-team"),
    ]:
        rows = run_cypher(
            driver,
            settings,
            "MATCH (n:Entity) WHERE n.name = $a OR $a IN n.aliases RETURN n.id AS id",
            a=alias,
        )
        assert [r["id"] for r in rows] == [expected], alias
    dupes = run_cypher(
        driver, settings, "MATCH (n:Entity) WITH n.name AS name, count(*) AS c WHERE c > 1 RETURN name"
    )
    assert dupes == []


def test_entities_named_by_two_sources_cite_both(seeded, driver, settings):
    rows = run_cypher(driver, settings, "MATCH (n:Entity {id: 'xiongye-logistics'}) RETURN n.sources AS s")
    assert rows[0]["s"] == ["xkb-taibao-dec14-activity", "xkb-taibao-return-visit"]


@pytest.mark.parametrize(
    "term,expected",
    [
        ("雄业", "xiongye-logistics"),
        ("上坪", "shangping"),
        ("国光", "guoguang-electric"),
        ("交投", "guangzhou-jiaotou"),
    ],
)
def test_fulltext_finds_chinese_substrings(seeded, driver, settings, term, expected):
    rows = run_cypher(
        driver,
        settings,
        """
        CALL db.index.fulltext.queryNodes('entity_search', $q) YIELD node, score
        RETURN node.id AS id ORDER BY score DESC LIMIT 5""",
        q=term,
    )
    assert expected in [r["id"] for r in rows]


def test_broken_file_writes_nothing(seeded, driver, settings, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        RETURN_VISIT.read_text(encoding="utf-8").replace(
            "携手推进太保镇高质量发展", "携手推进太保镇别的发展"
        ),
        encoding="utf-8",
    )
    before = _counts(driver, settings)
    version = graph_version(settings)
    with pytest.raises(SeedValidationError, match="quote not found"):
        load(settings, [SEED_DATA_DIR / "huguang-greening.yaml", broken])
    assert _counts(driver, settings) == before
    assert graph_version(settings) == version


def test_reloading_an_edited_source_replaces_its_facts(seeded, driver, settings, tmp_path):
    doc = yaml.safe_load(RETURN_VISIT.read_text(encoding="utf-8"))
    # Drop an entity only this source names (with its relationship), and a relationship
    # that another source also states.
    doc["entities"] = [e for e in doc["entities"] if e["id"] != "dongfeng-nissan"]
    before = len(doc["relationships"])
    doc["relationships"] = [
        r
        for r in doc["relationships"]
        if r["to"] != "dongfeng-nissan" and not (r["type"] == "part_of" and r["from"] == "huadu")
    ]
    assert len(doc["relationships"]) == before - 2
    path = tmp_path / "taibao-return-visit.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    version = graph_version(settings)
    try:
        report = load(settings, [path])
        assert report.sources[0].entities.removed == 1
        assert report.sources[0].relationships.removed == 1  # the visit; part_of stays (other source)
        assert graph_version(settings) > version
        assert run_cypher(driver, settings, "MATCH (n:Entity {id: 'dongfeng-nissan'}) RETURN n") == []
        rows = run_cypher(
            driver,
            settings,
            """
            MATCH (:Entity {id: 'huadu'})-[r:PART_OF]->(:Entity {id: 'guangzhou'})
            RETURN r.sources AS s, r.ev_sources AS evs""",
        )
        assert rows == [{"s": ["xkb-taibao-dec14-activity"], "evs": ["xkb-taibao-dec14-activity"]}]
    finally:
        restore = load(settings, [RETURN_VISIT])
    assert restore.sources[0].entities.created == 1
    rows = run_cypher(
        driver,
        settings,
        """
        MATCH (:Entity {id: 'huadu'})-[r:PART_OF]->(:Entity {id: 'guangzhou'}) RETURN r.sources AS s""",
    )
    assert rows[0]["s"] == ["xkb-taibao-dec14-activity", "xkb-taibao-return-visit"]
    assert not load(settings).changed
