"""A built wheel carries everything the command needs (Cypher files, seed data, schema, runtime files):
installed outside the source tree, it validates and loads the seed into a real Neo4j."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from graph import PROJECT_ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """The project's wheel, built and installed (without dependencies: those of this venv serve) into a
    folder outside the source tree."""
    root = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(root / "dist"),
            str(PROJECT_ROOT),
        ],
        check=True,
        timeout=300,
    )
    wheel = next((root / "dist").glob("honglian-*.whl"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(root / "site"),
            str(wheel),
        ],
        check=True,
        timeout=300,
    )
    return root


def run(installed, settings, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "HONGLIAN_"))}
    env.update(
        {
            "PYTHONPATH": str(installed / "site"),
            "HONGLIAN_DATA_DIR": str(settings.data_dir),
            "HONGLIAN_NEO4J_BOLT_PORT": str(settings.bolt_port),
            "NEO4J_PASSWORD": settings.neo4j_password.get_secret_value(),
        }
    )
    return subprocess.run(
        [sys.executable, "-m", "cli", *args],
        cwd=installed,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_installed_package_is_the_wheel_not_the_source_tree(installed, settings):
    out = subprocess.run(
        [sys.executable, "-c", "import graph, cypher; print(graph.__file__)"],
        cwd=installed,
        env={**os.environ, "PYTHONPATH": str(installed / "site")},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.stdout.strip().startswith(str(installed / "site")), out.stdout + out.stderr


def test_the_wheel_validates_and_loads_the_seed(installed, settings, seeded):
    checked = run(installed, settings, "seed", "--check")
    assert checked.returncode == 0 and "3 seed file(s) are valid" in checked.stdout, checked.stderr
    schema = run(installed, settings, "schema", "apply")
    assert schema.returncode == 0, schema.stderr
    loaded = run(installed, settings, "seed")
    assert loaded.returncode == 0 and "No changes." in loaded.stdout, loaded.stdout + loaded.stderr
