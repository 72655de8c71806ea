"""The jar manifest and the downloader, against a Maven-layout repository served from a temp folder.

The repository here is a real HTTP server on 127.0.0.1 (with Range support, as Maven Central has);
nothing leaves the machine. The real Maven Central download is in test_runtime_cold.py.
"""

from __future__ import annotations

import hashlib
import http.server
import os
import re
import subprocess
import sys
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from graph.errors import RuntimeProblem
from graph.runtime import maven
from graph.runtime.maven import Jar, Progress, Unreachable, fetch_jars, read_manifest
from graph.runtime.neo4j import BROWSER_VERSION, NEO4J_VERSION, LocalNeo4j, free_port
from tests.conftest import make_settings

HONGLIAN = str(Path(sys.executable).with_name("honglian"))


def test_manifest_names_every_jar_by_coordinates_size_and_sha256():
    jars = read_manifest()
    assert len(jars) == 225
    assert len({j.file for j in jars}) == len(jars)
    assert len({j.coordinates for j in jars}) == len(jars)
    for jar in jars:
        assert jar.repository_path.endswith("/" + jar.file)
        assert re.fullmatch(r"[0-9a-f]{64}", jar.sha256) and jar.size > 0
    coords = {j.coordinates for j in jars}
    assert f"org.neo4j:neo4j-kernel:{NEO4J_VERSION}" in coords
    assert f"org.neo4j.client:neo4j-browser:{BROWSER_VERSION}" in coords
    assert "io.netty:netty-transport-native-epoll:4.1.137.Final:linux-x86_64" in coords
    assert 100e6 < sum(j.size for j in jars) < 200e6


def test_manifest_lines_round_trip(tmp_path):
    copy = tmp_path / "neo4j-lib.txt"
    copy.write_text(maven.MANIFEST.read_text(encoding="utf-8"), encoding="utf-8")
    maven.write_manifest(read_manifest(copy), copy)
    assert copy.read_text(encoding="utf-8") == maven.MANIFEST.read_text(encoding="utf-8")


def test_a_malformed_manifest_line_is_named(tmp_path):
    bad = tmp_path / "neo4j-lib.txt"
    bad.write_text("# header\nneo4j-kernel-5.26.30.jar org.neo4j:neo4j-kernel 12 abc\n", encoding="utf-8")
    with pytest.raises(RuntimeProblem, match="line 2 is not"):
        read_manifest(bad)


# ----------------------------------------------------------------- a local repository
class _Repository(http.server.SimpleHTTPRequestHandler):
    """Serves a folder in Maven layout; honours ``Range: bytes=N-`` and records each request."""

    requests: list[tuple[str, str | None]]

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.requests.append((self.path, self.headers.get("Range")))
        path = Path(self.translate_path(self.path))
        if not path.is_file():
            self.send_error(404)
            return
        data = path.read_bytes()
        start = 0
        match = re.fullmatch(r"bytes=(\d+)-", self.headers.get("Range") or "")
        if match:
            start = int(match.group(1))
            self.send_response(206)
            self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
        else:
            self.send_response(200)
        self.send_header("Content-Length", str(len(data) - start))
        self.end_headers()
        self.wfile.write(data[start:])


@pytest.fixture
def repository(tmp_path):
    """(base URL, folder, requests) of a repository with two small jars; returns their Jar lines."""
    root = tmp_path / "repo"
    jars = []
    for artifact, classifier, body in (
        ("alpha", None, os.urandom(300_000)),
        ("beta", "linux-x86_64", os.urandom(5_000)),
    ):
        tail = f"-{classifier}" if classifier else ""
        jar = Jar(
            f"{artifact}-1.0{tail}.jar",
            "org.example.honglian",
            artifact,
            "1.0",
            classifier,
            len(body),
            hashlib.sha256(body).hexdigest(),
        )
        path = root / jar.repository_path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body)
        Path(str(path) + ".sha1").write_text(f"{hashlib.sha1(body).hexdigest()}  {path.name}\n")
        jars.append(jar)
    requests: list = []
    handler = type("Handler", (_Repository,), {"requests": requests})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), lambda *a: handler(*a, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", root, requests, jars
    server.shutdown()


def test_fetch_downloads_checks_and_reports_progress(tmp_path, repository):
    url, _root, requests, jars = repository
    seen = []
    progress = Progress(start=lambda n, total: seen.append(("start", n, total)), advance=seen.append)
    result = fetch_jars(jars, tmp_path / "lib", url, progress)
    assert (result.downloaded, result.kept, result.bytes) == (2, 0, 305_000)
    for jar in jars:
        data = (tmp_path / "lib" / jar.file).read_bytes()
        assert hashlib.sha256(data).hexdigest() == jar.sha256
    assert seen[0] == ("start", 2, 305_000)
    assert sum(n for n in seen[1:] if isinstance(n, int)) == 305_000
    assert {p for p, _ in requests} >= {f"/{j.repository_path}.sha1" for j in jars}
    assert not (tmp_path / "partial").exists()
    # A second run downloads nothing: what is in the cache is checked against the manifest.
    requests.clear()
    again = fetch_jars(jars, tmp_path / "lib", url)
    assert (again.downloaded, again.kept) == (0, 2) and requests == []


def test_an_interrupted_download_resumes(tmp_path, repository):
    url, root, requests, jars = repository
    alpha = jars[0]
    partial = tmp_path / "partial"
    partial.mkdir()
    body = (root / alpha.repository_path).read_bytes()
    (partial / f"{alpha.file}.part").write_bytes(body[:100_000])
    result = fetch_jars([alpha], tmp_path / "lib", url)
    assert ("/" + alpha.repository_path, "bytes=100000-") in requests
    assert result.bytes == 200_000
    assert (tmp_path / "lib" / alpha.file).read_bytes() == body


def test_a_file_that_does_not_match_the_published_sha1_is_not_kept(tmp_path, repository):
    url, root, _requests, jars = repository
    sha1 = root / (jars[1].repository_path + ".sha1")
    sha1.write_text("0" * 40 + "\n")
    with pytest.raises(RuntimeProblem, match=r"does not match the SHA-1 the repository publishes"):
        fetch_jars(jars, tmp_path / "lib", url)
    assert not (tmp_path / "lib" / jars[1].file).exists()


def test_a_file_that_does_not_match_the_manifest_is_not_kept(tmp_path, repository):
    url, _root, _requests, jars = repository
    wrong = replace(jars[1], sha256="1" * 64)
    with pytest.raises(RuntimeProblem, match=r"not graph/runtime/neo4j-lib\.txt"):
        fetch_jars([wrong], tmp_path / "lib", url)
    assert not (tmp_path / "lib" / wrong.file).exists()


def test_a_missing_artifact_names_the_url(tmp_path, repository):
    url, _root, _requests, jars = repository
    missing = replace(jars[0], version="9.9", file="alpha-9.9.jar")
    with pytest.raises(Unreachable, match=r"alpha/9\.9/alpha-9\.9\.jar answered HTTP 404"):
        fetch_jars([missing], tmp_path / "lib", url)


def test_an_unreachable_repository_is_one_clear_message(tmp_path):
    url = f"http://127.0.0.1:{free_port()}/maven2"  # nothing listens there
    with pytest.raises(Unreachable) as info:
        fetch_jars(read_manifest()[:3], tmp_path / "lib", url)
    text = str(info.value)
    assert f"Could not fetch Neo4j's jars from the Maven repository {url}" in text
    assert "HONGLIAN_MAVEN_REPOSITORY" in text and "run `honglian neo4j install` again" in text


def test_cli_install_without_the_registry_exits_non_zero_without_traceback(tmp_path):
    settings = make_settings(tmp_path / "data", HONGLIAN_CACHE_DIR=str(tmp_path / "cache"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "HONGLIAN_"))}
    env.update(
        HONGLIAN_DATA_DIR=str(settings.data_dir),
        HONGLIAN_CACHE_DIR=str(settings.cache_dir),
        HONGLIAN_MAVEN_REPOSITORY=f"http://127.0.0.1:{free_port()}/maven2",
        HONGLIAN_JAVA_INSTALL="none",
    )
    out = subprocess.run([HONGLIAN, "neo4j", "install"], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 1
    assert "Could not fetch Neo4j's jars" in out.stderr and "install` again" in out.stderr
    assert "Traceback" not in out.stdout + out.stderr
    assert not LocalNeo4j(settings).installed()
