"""No published password, and no cross-origin way around it, against real Neo4j servers."""

from __future__ import annotations

import base64
import http.server
import json
import shutil
import stat
import threading
import urllib.error
import urllib.request

import pytest
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError

from graph.errors import RuntimeProblem
from graph.runtime.neo4j import LocalNeo4j
from graph.settings import LEGACY_LOCAL_PASSWORD
from tests.browser import chromium as launch_chromium
from tests.conftest import make_settings

EVIL = "http://evil.example"


def _query_over_http(settings, password: str, origin: str | None = None) -> int:
    """POST RETURN 1 to Neo4j's HTTP query API as neo4j/password; the HTTP status."""
    headers = {
        "Content-Type": "application/json",
        "Authorization": "Basic " + base64.b64encode(f"neo4j:{password}".encode()).decode(),
    }
    if origin:
        headers["Origin"] = origin
    request = urllib.request.Request(
        f"http://127.0.0.1:{settings.http_port}/db/neo4j/query/v2",
        data=json.dumps({"statement": "RETURN 1"}).encode(),
        headers=headers,
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as resp:
            return resp.status
    except urllib.error.HTTPError as exc:
        return exc.code


def _refused_by_bolt(settings, password: str) -> bool:
    with GraphDatabase.driver(settings.uri, auth=("neo4j", password)) as drv:
        try:
            drv.verify_connectivity()
        except AuthError:
            return True
    return False


def test_the_old_default_is_refused_by_bolt_and_http(runtime, settings):
    # The right password first: it also resets Neo4j's count of failed logins (3 lock it for 5 s).
    assert _query_over_http(settings, settings.password()) == 202
    assert _refused_by_bolt(settings, LEGACY_LOCAL_PASSWORD)
    assert _query_over_http(settings, LEGACY_LOCAL_PASSWORD) == 401
    assert not _refused_by_bolt(settings, settings.password())


def test_a_preflight_from_another_origin_is_not_allowed(runtime, settings):
    request = urllib.request.Request(
        f"http://127.0.0.1:{settings.http_port}/db/neo4j/query/v2",
        headers={
            "Origin": EVIL,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization,content-type",
        },
        method="OPTIONS",
    )
    with urllib.request.urlopen(request, timeout=10) as resp:
        allowed = resp.headers.get("Access-Control-Allow-Origin")
    # Neo4j always names its configured origin; a browser lets only that origin read the answer.
    assert allowed == f"http://127.0.0.1:{settings.http_port}"
    assert allowed not in ("*", EVIL)


@pytest.fixture(scope="module")
def chromium():
    with launch_chromium() as browser:
        yield browser


@pytest.fixture
def other_origin(tmp_path):
    """A blank page served from 127.0.0.1 on another port: a web page of another origin."""
    (tmp_path / "index.html").write_text("<!doctype html><title>another site</title>")
    handler = type("Quiet", (http.server.SimpleHTTPRequestHandler,), {"log_message": lambda *a: None})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), lambda *a: handler(*a, directory=str(tmp_path))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    server.shutdown()


FETCH = """async ([url, auth]) => {
  try {
    const r = await fetch(url, {method: 'POST', headers: {'Authorization': auth,
      'Content-Type': 'application/json'}, body: JSON.stringify({statement: 'RETURN 1'})});
    return 'status ' + r.status;
  } catch (e) { return 'blocked: ' + e.message; }
}"""


def test_a_page_of_another_origin_cannot_use_neo4j_http(runtime, settings, chromium, other_origin):
    """Even knowing the password, a script on another origin gets nothing; Neo4j's own origin does."""
    url = f"http://127.0.0.1:{settings.http_port}/db/neo4j/query/v2"
    auth = "Basic " + base64.b64encode(f"neo4j:{settings.password()}".encode()).decode()
    page = chromium.new_page()
    try:
        page.goto(other_origin)
        assert page.evaluate(FETCH, [url, auth]).startswith("blocked: ")
        page.goto(f"http://127.0.0.1:{settings.http_port}/browser/")
        assert page.evaluate(FETCH, [url, auth]) == "status 202"
    finally:
        page.close()


@pytest.mark.slow
def test_an_old_data_dir_is_moved_off_the_old_default(tmp_path, runtime):
    """A data dir made before generated passwords (the old default, no password file) is migrated on
    start; one whose owner chose their own password is left alone, with a message saying so."""
    first = make_settings(tmp_path)  # NEO4J_PASSWORD set: no password file
    rt = LocalNeo4j(first)
    rt.start()
    try:
        with GraphDatabase.driver(first.uri, auth=first.auth) as drv:  # as an old honglian left it
            drv.execute_query(
                "ALTER CURRENT USER SET PASSWORD FROM $old TO $new",
                old=first.password(),
                new=LEGACY_LOCAL_PASSWORD,
                database_="system",
            )
        rt.stop()
        assert not first.password_file.exists()

        later = make_settings(tmp_path, NEO4J_PASSWORD=None)
        rt = LocalNeo4j(later)
        rt.start()
        assert rt.moved_off_legacy
        assert stat.S_IMODE(later.password_file.stat().st_mode) == 0o600
        password = later.password()
        assert password != LEGACY_LOCAL_PASSWORD and len(password) >= 32
        assert not list(later.password_file.parent.glob("password.*"))
        assert _refused_by_bolt(later, LEGACY_LOCAL_PASSWORD)
        assert _query_over_http(later, LEGACY_LOCAL_PASSWORD) == 401
        assert not _refused_by_bolt(later, password)

        # The owner had chosen a password of their own: nothing is changed, and the error says why.
        # (Checked on the running server, which `start` meets with the same password plan.)
        with GraphDatabase.driver(later.uri, auth=later.auth) as drv:
            drv.execute_query(
                "ALTER CURRENT USER SET PASSWORD FROM $old TO $new",
                old=password,
                new="the-owners-own",
                database_="system",
            )
        later.password_file.unlink()
        rt = LocalNeo4j(later)
        with pytest.raises(RuntimeProblem, match="a password of your own") as info:
            rt.start()
        assert "NEO4J_PASSWORD" in str(info.value)
        assert not later.password_file.exists()
        assert not list(later.password_file.parent.glob("password.*"))
        assert not _refused_by_bolt(later, "the-owners-own")
    finally:
        rt.stop()
        shutil.rmtree(tmp_path / "neo4j" / "data", ignore_errors=True)
