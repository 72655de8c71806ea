"""Load test of the HTTP API on loopback: a realistic mix, bounded in time and requests.

    python -m bench.load [--duration 20] [--concurrency 16] [--max-requests 50000] [--base URL]

Without --base it starts `honglian serve` on a free loopback port (using the configured Neo4j, e.g. the
one `make run` started), measures that process's memory (RSS) before and after, and stops it.
Only 127.0.0.1 is ever targeted.

A standalone command for the seed graph that `make run` serves (figures in docs/benchmarks.md, "API
load"); nothing imports it. `make bench` (bench/run.py) is the benchmark at scale, on a Neo4j of its own.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import httpx

ENTITIES = [
    "taibao",
    "shangping",
    "xiongye-logistics",
    "guoguang-electric",
    "huguang",
    "huadu-taibao-work-team",
    "liantang",
    "guangzhou-jiaotou",
    "huadu-taibao-red-circle",
    "yuan-huiming",
]
TERMS = ["雄业", "太保", "上坪村", "国光电器", "工作队", "湖光", "红联共建", "村"]
PAIRS = [("guoguang-electric", "xiongye-logistics"), ("shangping", "huguang"), ("taihe-concrete", "liantang")]
MIX = [("search", 30), ("entity", 25), ("relationships", 20), ("paths", 15), ("centrality", 10)]


def request_for(kind: str, rnd: random.Random) -> str:
    if kind == "search":
        return f"/entities?q={rnd.choice(TERMS)}&limit=20"
    if kind == "entity":
        return f"/entities/{rnd.choice(ENTITIES)}"
    if kind == "relationships":
        return f"/entities/{rnd.choice(ENTITIES)}/relationships?limit=50"
    if kind == "paths":
        a, b = rnd.choice(PAIRS)
        return f"/paths/shortest?source={a}&target={b}&max_hops=4"
    return f"/analytics/centrality?metric={rnd.choice(['degree', 'pagerank', 'betweenness'])}&limit=20"


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def run(base: str, duration: float, concurrency: int, max_requests: int, seed: int) -> dict:
    host = urlparse(base).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit(f"refusing to load {host}: only loopback is allowed")
    kinds = [k for k, w in MIX for _ in range(w)]
    results: dict[str, list[float]] = {k: [] for k, _ in MIX}
    errors: dict[str, int] = {k: 0 for k, _ in MIX}
    statuses: dict[int, int] = {}
    sent = 0
    deadline = time.monotonic() + duration

    async def worker(i: int, client: httpx.AsyncClient) -> None:
        nonlocal sent
        rnd = random.Random(seed + i)
        while time.monotonic() < deadline and sent < max_requests:
            sent += 1
            kind = rnd.choice(kinds)
            started = time.perf_counter()
            try:
                r = await client.get(request_for(kind, rnd))
                statuses[r.status_code] = statuses.get(r.status_code, 0) + 1
                if r.status_code >= 400:
                    errors[kind] += 1
            except httpx.HTTPError:
                errors[kind] += 1
            results[kind].append((time.perf_counter() - started) * 1000)

    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as client:
        await client.get("/analytics/centrality?metric=betweenness")  # warm the analytics cache
        started = time.monotonic()
        await asyncio.gather(*(worker(i, client) for i in range(concurrency)))
        elapsed = time.monotonic() - started
    total = sum(len(v) for v in results.values())
    return {
        "elapsed": elapsed,
        "total": total,
        "rps": total / elapsed,
        "statuses": statuses,
        "by_kind": {
            k: {
                "n": len(v),
                "errors": errors[k],
                "p50": statistics.median(v) if v else float("nan"),
                "p99": statistics.quantiles(v, n=100)[98] if len(v) >= 100 else max(v, default=float("nan")),
            }
            for k, v in results.items()
        },
    }


def start_api() -> tuple[subprocess.Popen, str]:
    from graph.runtime.neo4j import free_port

    port = free_port()
    exe = str(Path(sys.executable).with_name("honglian"))
    proc = subprocess.Popen(
        [exe, "serve", "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            if httpx.get(f"{base}/ready", timeout=2).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    proc.kill()
    raise SystemExit("the API did not become ready (is Neo4j running and seeded? try `make run` first)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", help="an API already running on loopback (default: start one)")
    ap.add_argument("--duration", type=float, default=20.0, help="seconds (default 20)")
    ap.add_argument("--concurrency", type=int, default=16, help="concurrent clients (default 16)")
    ap.add_argument("--max-requests", type=int, default=50_000, help="stop after this many (default 50000)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    proc = None
    base = args.base
    if base is None:
        proc, base = start_api()
    try:
        before = rss_mib(proc.pid) if proc else None
        out = asyncio.run(run(base, args.duration, args.concurrency, args.max_requests, args.seed))
        after = rss_mib(proc.pid) if proc else None
    finally:
        if proc:
            proc.terminate()
            proc.wait(timeout=20)
    print(
        f"{out['total']} requests in {out['elapsed']:.1f}s = {out['rps']:.0f} req/s, "
        f"{args.concurrency} clients; statuses {dict(sorted(out['statuses'].items()))}"
    )
    if before is not None:
        print(f"API memory (RSS): {before:.0f} MiB before, {after:.0f} MiB after")
    print(f"{'endpoint':<15}{'n':>8}{'errors':>8}{'p50 ms':>10}{'p99 ms':>10}")
    for k, v in out["by_kind"].items():
        print(f"{k:<15}{v['n']:>8}{v['errors']:>8}{v['p50']:>10.1f}{v['p99']:>10.1f}")
    errors = sum(v["errors"] for v in out["by_kind"].values())
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
