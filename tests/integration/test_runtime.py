"""The local Neo4j runtime, against real servers."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError

from graph.errors import RuntimeProblem
from graph.runtime.neo4j import NEO4J_VERSION, LocalNeo4j, expected_jars, port_in_use
from tests.conftest import make_settings

HONGLIAN = str(Path(sys.executable).with_name("honglian"))


def _env_for(settings) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "HONGLIAN_"))}
    env.update(
        {
            "HONGLIAN_DATA_DIR": str(settings.data_dir),
            "HONGLIAN_CACHE_DIR": str(settings.cache_dir),
            "HONGLIAN_NEO4J_BOLT_PORT": str(settings.bolt_port),
            "HONGLIAN_NEO4J_HTTP_PORT": str(settings.http_port),
            "NEO4J_PASSWORD": settings.neo4j_password.get_secret_value(),
        }
    )
    return env


def test_cypher_round_trip(driver, settings):
    records, _, _ = driver.execute_query(
        "CREATE (n:RoundTrip {word: $w}) WITH n MATCH (m:RoundTrip {word: $w}) "
        "WITH m, m.word AS word DELETE m RETURN word",
        {"w": "红联共建"},
        database_=settings.neo4j_database,
    )
    assert records[0]["word"] == "红联共建"


def test_server_is_the_pinned_version(driver):
    records, _, _ = driver.execute_query(
        "CALL dbms.components() YIELD name, versions, edition RETURN name, versions[0] AS v, edition",
        database_="system",
    )
    assert records[0]["v"] == NEO4J_VERSION
    assert records[0]["edition"] == "community"


def test_second_start_does_nothing(runtime):
    pid = runtime.pid()
    result = runtime.start()
    assert result.already is True
    assert result.pid == pid


def test_status_command_reports_up(runtime, settings):
    out = subprocess.run(
        [HONGLIAN, "neo4j", "status", "--json"],
        env=_env_for(settings),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    info = json.loads(out.stdout)
    assert info["running"] is True
    assert info["server_version"] == NEO4J_VERSION
    assert info["bolt"] == f"bolt://127.0.0.1:{settings.bolt_port}"
    assert info["data_dir"] == str(settings.data_dir / "neo4j")


def test_wrong_password_is_refused_by_the_server(runtime, settings):
    with (
        GraphDatabase.driver(settings.uri, auth=(settings.neo4j_user, "not-the-password")) as drv,
        pytest.raises(AuthError),
    ):
        drv.verify_connectivity()


def test_stock_password_is_not_in_use(runtime, settings):
    with GraphDatabase.driver(settings.uri, auth=("neo4j", "neo4j")) as drv, pytest.raises(AuthError):
        drv.verify_connectivity()


def test_listens_on_loopback_only(runtime, settings):
    conf = (runtime.conf_dir / "neo4j.conf").read_text()
    assert f"server.bolt.listen_address=127.0.0.1:{settings.bolt_port}" in conf
    assert "server.default_listen_address=127.0.0.1" in conf
    assert "dbms.usage_report.enabled=false" in conf


def test_jvm_gets_the_distribution_flags(runtime):
    cmdline = Path(f"/proc/{runtime.pid()}/cmdline").read_bytes().split(b"\0")
    args = [a.decode() for a in cmdline]
    for flag in (
        "--add-opens=java.base/java.nio=ALL-UNNAMED",
        "--add-opens=java.base/java.io=ALL-UNNAMED",
        "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
        "--enable-native-access=ALL-UNNAMED",
        "-XX:+UseG1GC",
        "-Dio.netty.tryReflectionSetAccessible=true",
        "-Dfile.encoding=UTF-8",
        "-Xmx384m",
        "org.neo4j.server.CommunityEntryPoint",
    ):
        assert flag in args, flag


def test_browser_is_served(runtime, settings):
    import urllib.request

    with urllib.request.urlopen(f"http://127.0.0.1:{settings.http_port}/browser/", timeout=10) as resp:
        assert resp.status == 200
        assert b"Neo4j" in resp.read()


def test_port_already_taken_is_a_clear_error(tmp_path, runtime):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        taken = sock.getsockname()[1]
        rt = LocalNeo4j(make_settings(tmp_path, HONGLIAN_NEO4J_BOLT_PORT=taken))
        with pytest.raises(RuntimeProblem, match=f"Port {taken} .*Bolt.* already in use"):
            rt.start()
    assert rt.pid() is None


def test_missing_module_is_a_clear_start_error(tmp_path, runtime):
    settings = make_settings(tmp_path / "data", HONGLIAN_CACHE_DIR=str(tmp_path / "cache"))
    rt = LocalNeo4j(settings)
    rt.lib_dir.mkdir(parents=True)
    for jar in expected_jars():
        if jar != "neo4j-bootcheck-5.26.30.jar":
            (rt.lib_dir / jar).symlink_to(runtime.lib_dir / jar)
    with pytest.raises(RuntimeProblem, match=r"lacks 1 module.*neo4j-bootcheck-5\.26\.30\.jar"):
        rt.start()


def test_a_java_home_without_java_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("JAVA_HOME", str(tmp_path / "no-jdk"))
    rt = LocalNeo4j(make_settings(tmp_path))
    with pytest.raises(RuntimeProblem, match=r"JAVA_HOME is .*no-jdk, which has no bin/java"):
        rt.java()


def test_cli_without_java_prints_one_message_and_no_traceback(tmp_path, runtime):
    settings = make_settings(tmp_path)
    env = _env_for(settings)
    env["PATH"] = str(Path(sys.executable).parent)
    env["HONGLIAN_JAVA_SEARCH"] = ""  # none of this machine's JVM folders
    env["HONGLIAN_JAVA_INSTALL"] = "none"
    env.pop("JAVA_HOME", None)
    out = subprocess.run([HONGLIAN, "neo4j", "start"], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 1
    assert "Neo4j needs Java 17 or 21, and none was found" in out.stderr
    assert "apt-get install openjdk-17-jre-headless" in out.stderr
    assert "Traceback" not in out.stderr + out.stdout


def test_start_stop_keeps_data(tmp_path, runtime):
    """A second server: start → write → stop → start → the data is still there → stop."""
    settings = make_settings(tmp_path)
    rt = LocalNeo4j(settings)
    rt.start()
    try:
        with GraphDatabase.driver(settings.uri, auth=settings.auth) as drv:
            drv.execute_query("CREATE (:Kept {name: '太保镇'})", database_="neo4j")
        assert rt.stop() == "stopped"
        assert rt.pid() is None
        assert not port_in_use(settings.bolt_port)
        rt.start()
        with GraphDatabase.driver(settings.uri, auth=settings.auth) as drv:
            records, _, _ = drv.execute_query("MATCH (n:Kept) RETURN n.name AS name", database_="neo4j")
        assert [r["name"] for r in records] == ["太保镇"]
    finally:
        rt.stop()
    assert rt.stop() == "not running"
