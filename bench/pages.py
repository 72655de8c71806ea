"""The explorer's pages under measurement: server time and bytes a browser transfers.

Used by ``bench/run.py``'s ``pages`` stage (``make bench SIZE=province BENCH_ARGS='--stages pages'``).
Server time is the time to the last byte of the HTML, one request at a time on a warm keep-alive
connection over loopback (no other load), so it is the server's time; budgets: p95 ≤ 200 ms for the home,
entity and town pages. Bytes are what a browser downloads for a first visit (the HTML and every
stylesheet and script it names, compressed as the server sends them to a browser); budget: ≤ 300 KB
for the first page.
"""

from __future__ import annotations

import random
import re
import statistics
import time
from typing import Any

import httpx

#: Budgets from the issue (item 6).
SERVER_P95_MS = 200
FIRST_PAGE_BYTES = 300_000
ASSET = re.compile(r'<(?:script|link)[^>]+(?:src|href)="(/static/[^"]+)"')


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q / 100 * (len(values) - 1)))]


def page_bytes(client: httpx.Client, path: str) -> dict[str, Any]:
    """Bytes on the wire for ``path`` and the assets it names (as a browser asking for gzip gets them)."""
    html = client.get(path)
    html.raise_for_status()
    total = html.num_bytes_downloaded
    assets = {}
    for asset in dict.fromkeys(ASSET.findall(html.text)):
        r = client.get(asset)
        r.raise_for_status()
        assets[asset] = r.num_bytes_downloaded
    return {"html": html.num_bytes_downloaded, "assets": assets, "total": total + sum(assets.values())}


def measure(base: str, towns: list[str], entities: list[str], requests: int = 200, seed: int = 7) -> dict:
    """p50/p95/max server time of the home, entity and town pages, and the first visit's bytes."""
    rnd = random.Random(seed)
    paths = {
        "home": lambda: "/",
        "entity": lambda: f"/entity/{rnd.choice(entities)}",
        "town": lambda: f"/town/{rnd.choice(towns)}",
    }
    out: dict[str, Any] = {"requests_per_page": requests}
    with httpx.Client(base_url=base, timeout=60, headers={"Accept-Encoding": "gzip"}) as client:
        for name, path in paths.items():
            for _ in range(10):  # warm-up: connection, query plans, Jinja templates
                client.get(path()).raise_for_status()
            times = []
            sizes = []
            for _ in range(requests):
                started = time.perf_counter()
                r = client.get(path())
                r.raise_for_status()
                times.append((time.perf_counter() - started) * 1000)
                sizes.append(r.num_bytes_downloaded)
            out[name] = {
                "p50_ms": round(statistics.median(times), 1),
                "p95_ms": round(pct(times, 95), 1),
                "max_ms": round(max(times), 1),
                "html_kb_median": round(statistics.median(sizes) / 1000, 1),
                "within_budget": pct(times, 95) <= SERVER_P95_MS,
            }
        first = page_bytes(client, "/")
        out["first_page_bytes"] = first["total"]
        out["first_page_within_budget"] = first["total"] <= FIRST_PAGE_BYTES
        out["entity_page_bytes"] = page_bytes(client, f"/entity/{entities[0]}")["total"]
    return out
