"""docker-compose.yml, the Makefile and CI (they cannot run here, so they are read and checked)."""

from __future__ import annotations

import yaml

from graph import PROJECT_ROOT
from graph.runtime.neo4j import NEO4J_VERSION, expected_jars

COMPOSE = yaml.safe_load((PROJECT_ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def test_compose_runs_the_same_neo4j_patch():
    assert COMPOSE["services"]["neo4j"]["image"] == f"neo4j:{NEO4J_VERSION}-community"


def test_compose_neo4j_has_healthcheck_volume_and_ports():
    neo4j = COMPOSE["services"]["neo4j"]
    assert neo4j["healthcheck"]["test"]
    assert "neo4j-data:/data" in neo4j["volumes"] and "neo4j-data" in COMPOSE["volumes"]
    assert {"7474:7474", "7687:7687"} <= set(neo4j["ports"])


def test_compose_takes_secrets_from_the_environment_only():
    neo4j_auth = COMPOSE["services"]["neo4j"]["environment"]["NEO4J_AUTH"]
    assert neo4j_auth == "neo4j/${NEO4J_PASSWORD:?set NEO4J_PASSWORD}"
    assert COMPOSE["services"]["api"]["environment"]["NEO4J_PASSWORD"].startswith("${NEO4J_PASSWORD:?")


def test_compose_api_waits_for_healthy_neo4j_and_the_seed():
    api = COMPOSE["services"]["api"]
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert api["depends_on"]["seed"]["condition"] == "service_completed_successfully"
    assert "8000:8000" in api["ports"]
    assert "honglian seed" in " ".join(COMPOSE["services"]["seed"]["command"])
    assert (PROJECT_ROOT / "Dockerfile").is_file()


def test_compose_neo4j_allows_the_browser_guide():
    env = COMPOSE["services"]["neo4j"]["environment"]
    assert "8000" in env["NEO4J_browser_remote__content__hostname__whitelist"]
    assert env["NEO4J_browser_post__connect__cmd"].endswith("/browser/guide")


def test_ci_runs_the_readme_test_command():
    ci = (PROJECT_ROOT / ".ci" / "run").read_text()
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert "make test" in ci and "make test" in readme and "make run" in readme


def test_manifest_holds_the_distribution_core():
    jars = expected_jars()
    for needed in (
        f"neo4j-server-{NEO4J_VERSION}.jar",
        f"neo4j-bootcheck-{NEO4J_VERSION}.jar",
        f"neo4j-command-line-{NEO4J_VERSION}.jar",
        f"cypher-shell-{NEO4J_VERSION}.jar",
        "neo4j-browser-5.24.0.jar",
    ):
        assert needed in jars
    assert len(jars) > 200
