"""A built wheel carries the explorer: every template, stylesheet, script and vendored file with its licence."""

from __future__ import annotations

import subprocess
import sys
import zipfile

from graph import PROJECT_ROOT


def test_wheel_ships_templates_and_static_files(tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(PROJECT_ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    (wheel,) = tmp_path.glob("honglian-*.whl")
    shipped = set(zipfile.ZipFile(wheel).namelist())
    api = PROJECT_ROOT / "api"
    wanted = {
        p.relative_to(PROJECT_ROOT).as_posix()
        for folder in ("templates", "static")
        for p in (api / folder).rglob("*")
        if p.is_file()
    }
    assert len(wanted) > 25
    assert wanted <= shipped, sorted(wanted - shipped)
    assert {f"api/static/vendor/{v}/LICENSE" for v in ("cytoscape-3.35.0", "redoc-2.5.4")} <= shipped
