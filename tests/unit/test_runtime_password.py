"""No published password: where the Neo4j password comes from, and what is refused (no server here).

The servers' side (the old default refused by Bolt and HTTP, the migration of an old data dir,
cross-origin requests) is in tests/integration/test_runtime_password.py.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from graph.bulk import import_args
from graph.runtime.neo4j import LocalNeo4j
from graph.settings import LEGACY_LOCAL_PASSWORD, PasswordProblem, Settings
from tests.conftest import make_settings

HONGLIAN = str(Path(sys.executable).with_name("honglian"))


def local(tmp_path, **extra) -> Settings:
    """Settings of a local server in tmp_path with no NEO4J_PASSWORD."""
    return make_settings(tmp_path, NEO4J_PASSWORD=None, **extra)


def test_a_new_data_dir_gets_a_random_private_password(tmp_path):
    settings = local(tmp_path)
    rt = LocalNeo4j(settings)
    made = rt.ensure_password()
    assert made == settings.password_file == tmp_path / "neo4j" / "password"
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    password = settings.password()
    assert len(password) >= 32 and password != LEGACY_LOCAL_PASSWORD
    assert settings.auth == ("neo4j", password)
    assert rt.ensure_password() is None and settings.password() == password  # made once
    other = local(tmp_path / "other")
    LocalNeo4j(other).ensure_password()
    assert other.password() != password


def test_no_password_file_for_an_initialised_dir_or_with_neo4j_password(tmp_path):
    old = local(tmp_path / "old")
    (old.data_dir / "neo4j" / "data" / "databases" / "system").mkdir(parents=True)
    assert LocalNeo4j(old).ensure_password() is None  # start migrates it instead
    with pytest.raises(PasswordProblem, match="`honglian neo4j start` makes one"):
        old.password()
    given = make_settings(tmp_path / "given", NEO4J_PASSWORD="chosen-by-the-user")
    assert LocalNeo4j(given).ensure_password() is None
    assert given.password() == "chosen-by-the-user" and not given.password_file.exists()


def test_neo4j_password_overrides_the_file(tmp_path):
    LocalNeo4j(local(tmp_path)).ensure_password()
    assert make_settings(tmp_path, NEO4J_PASSWORD="override").auth[1] == "override"


def test_a_remote_server_needs_a_password(tmp_path):
    remote = local(tmp_path, NEO4J_URI="neo4j://graph.example.org:7687")
    with pytest.raises(PasswordProblem, match=r"NEO4J_URI is set .* but NEO4J_PASSWORD is not"):
        remote.check_secrets()
    with pytest.raises(ValueError, match="NEO4J_PASSWORD is not"):
        remote.auth  # noqa: B018


def test_the_old_default_is_refused_everywhere(tmp_path):
    for uri in (None, "neo4j://graph.example.org:7687"):
        settings = make_settings(tmp_path, NEO4J_PASSWORD=LEGACY_LOCAL_PASSWORD, NEO4J_URI=uri)
        with pytest.raises(PasswordProblem, match="old published default"):
            settings.check_secrets()
        with pytest.raises(PasswordProblem):
            LocalNeo4j(settings).start()


def _cli(tmp_path, *args, **env_extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "HONGLIAN_"))}
    env.update(HONGLIAN_DATA_DIR=str(tmp_path), **env_extra)
    return subprocess.run([HONGLIAN, *args], env=env, capture_output=True, text=True, timeout=60)


def test_password_command_prints_only_the_password(tmp_path):
    out = _cli(tmp_path, "neo4j", "password")
    assert out.returncode == 0, out.stderr
    assert out.stdout == local(tmp_path).password() + "\n"
    assert str(tmp_path / "neo4j" / "password") in out.stderr
    again = _cli(tmp_path, "neo4j", "password")
    assert again.stdout == out.stdout
    given = _cli(tmp_path, "neo4j", "password", NEO4J_PASSWORD="chosen-by-the-user")
    assert given.stdout == "chosen-by-the-user\n" and "NEO4J_PASSWORD" in given.stderr


def test_password_command_refuses_the_old_default_without_traceback(tmp_path):
    out = _cli(tmp_path, "neo4j", "password", NEO4J_PASSWORD=LEGACY_LOCAL_PASSWORD)
    assert out.returncode == 1
    assert "old published default" in out.stderr and "Traceback" not in out.stderr
    assert out.stdout == ""


def test_http_cors_is_the_servers_own_origin(tmp_path):
    settings = local(tmp_path)
    conf = LocalNeo4j(settings).write_config().read_text(encoding="utf-8")
    assert f"dbms.security.http_access_control_allow_origin=http://127.0.0.1:{settings.http_port}\n" in conf


def test_no_document_names_a_usable_password():
    from graph import PROJECT_ROOT

    for path in [PROJECT_ROOT / "README.md", PROJECT_ROOT / "SECURITY.md", *PROJECT_ROOT.glob("docs/*.md")]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if LEGACY_LOCAL_PASSWORD in line:
                assert "refused" in line, (path.name, line)
    example = (PROJECT_ROOT / ".env.example").read_text(encoding="utf-8").splitlines()
    assert not [
        line for line in example if line.startswith("NEO4J_PASSWORD=") and line.strip() != "NEO4J_PASSWORD="
    ]


def test_the_import_report_goes_to_the_data_dir(tmp_path):
    args = import_args(tmp_path / "csv", tmp_path / "neo4j" / "logs" / "import.report")
    assert f"--report-file={tmp_path / 'neo4j' / 'logs' / 'import.report'}" in args
