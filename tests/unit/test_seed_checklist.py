"""The check list names only ids that the seed data holds, and names every fact the seed records."""

import re

from graph import PROJECT_ROOT
from graph.loader import read_seed_files, validate

CHECKLIST = (PROJECT_ROOT / "docs" / "seed-checklist.md").read_text(encoding="utf-8")
SOURCES = validate(read_seed_files())
ENTITY_IDS = {n.id for s in SOURCES for n in s.nodes}
REL_IDS = {r.id for s in SOURCES for r in s.rels}
NAMED_ENTITIES = set(re.findall(r"`([a-z0-9]+(?:-[a-z0-9]+)*)`", CHECKLIST))
NAMED_RELS = set(re.findall(r"`([a-z_]+--[a-z0-9-]+--[a-z0-9-]+(?:--[a-z0-9-]+)?)`", CHECKLIST))


def test_every_id_in_the_checklist_is_in_the_seed():
    assert len(NAMED_ENTITIES) > 100
    unknown_entities, unknown_rels = NAMED_ENTITIES - ENTITY_IDS, NAMED_RELS - REL_IDS
    assert unknown_entities == set() and unknown_rels == set()


def test_every_fact_of_the_seed_is_in_the_checklist():
    """Checked the other way: nothing is recorded that the list does not trace to a sentence."""
    unlisted_entities, unlisted_rels = ENTITY_IDS - NAMED_ENTITIES, REL_IDS - NAMED_RELS
    assert unlisted_entities == set() and unlisted_rels == set()


def test_checklist_covers_every_source_and_names_the_omissions():
    for source in ("xkb-taibao-return-visit", "xkb-huguang-greening", "xkb-taibao-dec14-activity"):
        assert f"`{source}`" in CHECKLIST
    assert "黄丽珠" in CHECKLIST and "Deliberately not recorded" in CHECKLIST


def test_checklist_rows_are_in_article_order():
    numbers = [tuple(map(int, m)) for m in re.findall(r"^\| (\d+)\.(\d+) \|", CHECKLIST, re.M)]
    assert numbers == sorted(numbers) and len({n[0] for n in numbers}) == 3
