"""`honglian seed FILE --dry-run`: what loading would change, as a table; nothing written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from graph.loader import SEED_DATA_DIR, change_rows, checked_sources, dry_run, seed_paths
from tests.conftest import graph_version, with_driver

HONGLIAN = str(Path(sys.executable).with_name("honglian"))


def edited_copy(tmp_path: Path) -> Path:
    """The 湖光镇 story with one property changed and one relationship more."""
    text = (SEED_DATA_DIR / "huguang-greening.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "relationships:\n",
        "relationships:\n  - {type: part_of, from: jinniu-island, to: huguang, "
        'evidence: ["湖光镇拟在世乔村金牛岛沿途种植一片“广湛同心林”"]}\n',
        1,
    )
    text = text.replace(
        "    name: 钟洪国\n", "    name: 钟洪国\n    properties: {note: 驻湖光镇工作队队长}\n", 1
    )
    path = tmp_path / "huguang-edited.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_dry_run_plans_the_changes_and_writes_nothing(seeded, settings, tmp_path):
    path = edited_copy(tmp_path)
    version = graph_version(settings)
    with checked_sources(seed_paths([path])) as sources:
        plans = with_driver(settings, lambda d: dry_run(d, settings.neo4j_database, sources))
    rows = {row[2]: row for row in change_rows(plans[0])}
    assert rows["part_of--jinniu-island--huguang"][0] == "new"
    assert (
        rows["zhong-hongguo"][0] == "updated" and "note: — → 驻湖光镇工作队队长" in rows["zhong-hongguo"][4]
    )
    assert plans[0].report.relationships.unchanged > 30
    assert graph_version(settings) == version


def test_the_command_prints_the_table(seeded, settings, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "HONGLIAN_"))}
    env.update(
        {
            "HONGLIAN_DATA_DIR": str(settings.data_dir),
            "HONGLIAN_NEO4J_BOLT_PORT": str(settings.bolt_port),
            "NEO4J_PASSWORD": settings.neo4j_password.get_secret_value(),
            "COLUMNS": "200",
        }
    )
    out = subprocess.run(
        [HONGLIAN, "seed", str(edited_copy(tmp_path)), "--dry-run"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert "part_of--jinniu-island--huguang" in out.stdout and "驻湖光镇工作队队长" in out.stdout
    assert "nothing was written" in out.stdout
