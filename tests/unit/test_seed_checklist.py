"""The independent check list names only ids that the seed data holds, and covers every source."""

import re

from graph import PROJECT_ROOT
from graph.loader import read_seed_files, validate

CHECKLIST = (PROJECT_ROOT / "docs" / "seed-checklist.md").read_text(encoding="utf-8")


def test_every_id_in_the_checklist_is_in_the_seed():
    ids = {n.id for s in validate(read_seed_files()) for n in s.nodes}
    named = set(re.findall(r"`([a-z0-9]+(?:-[a-z0-9]+)*)`", CHECKLIST))
    assert len(named) > 100
    assert named - ids == set()


def test_checklist_covers_every_source_and_names_the_omissions():
    for source in ("xkb-taibao-return-visit", "xkb-huguang-greening", "xkb-taibao-dec14-activity"):
        assert f"`{source}`" in CHECKLIST
    assert "黄丽珠" in CHECKLIST and "Deliberately not recorded" in CHECKLIST
