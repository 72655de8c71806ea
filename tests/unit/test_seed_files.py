"""Reading seed files: every file given is read once, whatever its name (no database needed)."""

from __future__ import annotations

import shutil

import pytest

from graph.errors import SeedValidationError
from graph.loader import SEED_DATA_DIR, checked_sources, seed_paths


def test_two_files_with_one_name_in_two_folders_are_both_loaded(tmp_path):
    for folder, story in (("a", "huguang-greening.yaml"), ("b", "taibao-return-visit.yaml")):
        (tmp_path / folder / "data").mkdir(parents=True)
        shutil.copy(SEED_DATA_DIR / story, tmp_path / folder / "data" / "story.yaml")
    paths = seed_paths([tmp_path / "a" / "data", tmp_path / "b" / "data"])
    assert [p.name for p in paths] == ["story.yaml", "story.yaml"]
    with checked_sources(paths) as sources:
        assert [s.id for s in sources] == ["xkb-huguang-greening", "xkb-taibao-return-visit"]


def test_the_same_source_in_two_folders_is_a_problem_not_a_silent_overwrite(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(SEED_DATA_DIR / "huguang-greening.yaml", tmp_path / folder / "story.yaml")
    with (
        pytest.raises(SeedValidationError, match="also used by"),
        checked_sources(seed_paths([tmp_path / "a", tmp_path / "b"])),
    ):
        pass
