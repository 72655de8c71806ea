"""How fast `honglian draft` runs: articles per second after start-up, with linking, and memory over time.

    python -m bench.intake_speed                 # 1,000 drafts of the dev-set articles, linked if Neo4j answers
    python -m bench.intake_speed -n 200 --no-link

Linking runs one query per article (cypher/intake/candidates.cypher) against whatever Neo4j is
configured (NEO4J_URI, or the local server); `make bench SIZE=province` leaves a province-size graph
to link against. Prints articles/s, the time per article (p50/p95) and the resident memory after 10%
of the drafts and at the end: flat memory means the two agree.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import statistics
import sys
import time

from bench.intake_eval import DEVSET_B, SEED_ARTICLES
from graph.errors import HonglianError
from graph.intake import Meta
from graph.intake.draft import slug
from graph.intake.mentions import warm_up
from graph.intake.output import draft_stream


def rss_mib() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def articles() -> list[tuple[str, bytes]]:
    files = sorted(SEED_ARTICLES.glob("*.txt")) + sorted(DEVSET_B.glob("*.txt"))
    return [(p.name, p.read_bytes()) for p in files]


async def run(n: int, use_link: bool) -> dict:
    store, driver = None, None
    if use_link:
        from graph.db import async_driver
        from graph.settings import get_settings
        from graph.store import Store

        settings = get_settings()
        try:
            driver = async_driver(settings)
            store = Store(driver, settings.neo4j_database, settings.query_timeout)
            await store.read("api/ready")
        except (HonglianError, OSError) as exc:
            print(f"Neo4j not reachable ({exc}); timing without linking.", file=sys.stderr)
            store = None
    docs = articles()
    warm_up()
    times: list[float] = []
    rss_early = None
    linked = 0
    started = time.perf_counter()

    def items():
        for i in range(n):
            name, data = docs[i % len(docs)]
            slug.cache_clear()  # the dev set repeats: no credit for names drafted before
            yield data, Meta(article_file=name)

    last = time.perf_counter()
    try:
        async for draft in draft_stream(items(), store):
            now = time.perf_counter()
            times.append(now - last)
            last = now
            linked += draft.linked
            if len(times) == max(2, n // 10):
                rss_early = rss_mib()
    finally:
        if driver is not None:
            await driver.close()
    total = time.perf_counter() - started
    return {
        "articles": n,
        "linked": linked,
        "seconds": total,
        "per_second": n / total,
        "p50_ms": statistics.median(times) * 1000,  # time between two finished drafts
        "p95_ms": statistics.quantiles(times, n=20)[-1] * 1000 if len(times) >= 20 else max(times) * 1000,
        "rss_early_mib": rss_early or rss_mib(),
        "rss_end_mib": rss_mib(),
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "chars": sum(len(d) for _, d in docs) / len(docs),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=1000, help="how many drafts (the dev-set articles, repeated)")
    ap.add_argument("--no-link", action="store_true", help="do not link against Neo4j")
    args = ap.parse_args(argv)
    r = asyncio.run(run(args.n, not args.no_link))
    print(
        f"honglian draft: {r['articles']} articles ({r['chars']:.0f} bytes on average), "
        f"{r['linked']} linked against Neo4j\n"
        f"  {r['per_second']:.1f} articles/s after start-up; per article p50 {r['p50_ms']:.1f} ms, "
        f"p95 {r['p95_ms']:.1f} ms\n"
        f"  resident memory {r['rss_early_mib']:.0f} MiB after 10% of the drafts, {r['rss_end_mib']:.0f} MiB "
        f"at the end (peak {r['peak_rss_mib']:.0f} MiB)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
