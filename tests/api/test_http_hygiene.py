"""HTTP hygiene over real HTTP (the ``api_server`` fixture): keys before bodies, headers, redirects.

Writes are refused on their headers alone (``WriteGate``), before any byte of the body is read: the
raw-socket tests send the headers of a request and no body at all, and still get their answer.
"""

from __future__ import annotations

import json
import socket
from urllib.parse import urlsplit

import httpx
import pytest

from api.app import relative


def _raw(base: str, head: str, body: bytes = b"", timeout: float = 10.0) -> tuple[int, dict, bytes]:
    """Send ``head`` (request line and headers) and ``body`` on a socket; the parsed response."""
    url = urlsplit(base)
    with socket.create_connection((url.hostname, url.port), timeout=timeout) as s:
        s.sendall(head.replace("\n", "\r\n").encode() + b"\r\n" + body)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = s.recv(65536)
            assert chunk, f"connection closed without an answer: {data!r}"
            data += chunk
        top, rest = data.split(b"\r\n\r\n", 1)
        lines = top.decode("latin-1").split("\r\n")
        headers = {k.lower(): v.strip() for k, v in (line.split(":", 1) for line in lines[1:])}
        length = int(headers.get("content-length", 0))
        while len(rest) < length:
            chunk = s.recv(65536)
            if not chunk:
                break
            rest += chunk
    return int(lines[0].split()[1]), headers, rest


def test_no_key_and_a_malformed_body_is_401(api_server):
    r = httpx.post(
        f"{api_server}/entities", content=b'{"id": "x", "type":', headers={"Content-Type": "application/json"}
    )
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    assert "curator" in r.json()["detail"]
    r = httpx.post(f"{api_server}/entities", content=b"{", headers={"X-API-Key": "hl_not_a_key"})
    assert r.status_code == 401 and r.json()["detail"] == "Unknown API key."


@pytest.mark.parametrize("size", [1_800_000, 3_000_000])
def test_anonymous_bodies_are_refused_before_they_are_sent(api_server, size):
    """The headers alone get the answer: 401 both under and over the 2 MB body limit (the key is
    checked first, so an anonymous caller learns nothing about limits and no byte is read)."""
    head = (
        f"POST /sources HTTP/1.1\nHost: 127.0.0.1\nContent-Type: application/json\n"
        f"Content-Length: {size}\nConnection: close\n"
    )
    status, headers, body = _raw(api_server, head)  # no body sent: an answer means none was awaited
    assert status == 401 and json.loads(body)["detail"].startswith("Writing needs a curator API key")
    assert headers["x-content-type-options"] == "nosniff"


def test_a_real_anonymous_1_8_mb_body_is_answered_401(api_server):
    r = httpx.post(
        f"{api_server}/sources",
        content=b'{"article_text": "' + b"x" * 1_800_000 + b'"}',
        headers={"Content-Type": "application/json"},
        timeout=30,
    )
    assert r.status_code == 401


def test_trailing_slash_redirect_never_names_a_foreign_host(api_server):
    r = httpx.get(f"{api_server}/entities/?q=雄业", headers={"Host": "evil.example"}, follow_redirects=False)
    assert r.status_code in (301, 307, 308)
    assert r.headers["location"] == "/entities?q=%E9%9B%84%E4%B8%9A"
    assert "evil.example" not in r.headers["location"]
    followed = httpx.get(f"{api_server}/entities/", params={"q": "雄业"}, follow_redirects=True)
    assert followed.status_code == 200 and followed.json()["total"] >= 1


@pytest.mark.parametrize(
    "location,expected",
    [
        ("http://evil.example/entities?q=1", "/entities?q=1"),
        ("http://evil.example//evil.example/x", "/evil.example/x"),  # never protocol-relative
        ("/entities", "/entities"),
        ("https://h", "/"),
    ],
)
def test_locations_are_made_relative(location, expected):
    assert relative(location) == expected


@pytest.mark.parametrize(
    "method,path,status",
    [
        ("GET", "/health", 200),
        ("GET", "/entities/taibao", 200),
        ("GET", "/entities/atlantis", 404),
        ("GET", "/entities?limit=9999", 422),
        ("GET", "/entities/", 307),
        ("GET", "/openapi.json", 200),
        ("GET", "/docs", 200),
        ("GET", "/browser/guide", 200),
        ("GET", "/reports/network?format=html&scope=taibao", 200),
        ("GET", "/reports/network?format=json&scope=taibao", 200),
        ("POST", "/sources", 401),
        ("DELETE", "/sources/xkb-huguang-greening", 401),
    ],
)
def test_every_response_says_nosniff(api_server, method, path, status):
    r = httpx.request(method, api_server + path, follow_redirects=False, timeout=60)
    assert r.status_code == status
    assert r.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("path", ["/reports/network?format=html", "/browser/guide", "/docs"])
def test_html_pages_cannot_be_framed(api_server, path):
    r = httpx.get(api_server + path, timeout=60)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert r.headers["content-security-policy"] == "frame-ancestors 'none'"
    assert r.headers["x-frame-options"] == "DENY"


def test_json_is_not_given_a_page_policy(api_server):
    r = httpx.get(f"{api_server}/entities/taibao")
    assert "content-security-policy" not in r.headers and r.headers["x-content-type-options"] == "nosniff"


def test_the_guide_still_answers_neo4j_browser_cross_origin(api_server):
    """Neo4j Browser fetches the guide from its own origin (port 7474); it does not frame it."""
    origin = {"Origin": "http://127.0.0.1:7474"}
    pre = httpx.options(
        f"{api_server}/browser/guide",
        headers={
            **origin,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "x-ajax",
        },
    )
    assert pre.status_code == 204 and pre.headers["access-control-allow-origin"] == "*"
    r = httpx.get(f"{api_server}/browser/guide", headers=origin)
    assert r.status_code == 200 and r.headers["access-control-allow-origin"] == "*"
    assert "红联共建" in r.text
