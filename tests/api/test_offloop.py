"""Heavy work runs off the event loop: reports must not stall the API's cheap reads.

Real HTTP (the ``api_server`` fixture: uvicorn serving the app with its analytics worker process).
Twenty report requests of mixed formats and scopes run at once while one client reads
``/entities/taibao`` in a loop; the loop's latencies are printed (run with ``-s``). The worst one is
the figure to watch (≤ 500 ms on the seed graph). The assertion is looser, so that a busy machine
does not fail it while an event loop blocked by report work still does: the worst read must stay
under 1 s, or under twice the worst read of a 5 s control phase before the reports (this machine's
own noise) when that is more. With the reports computed in the event loop, the worst read took
1.1–31 s in eight runs on the 2-core build machine with the earlier report, and 7.1 s with the
current one (its PDF is printed by a Chromium subprocess; without PDF in the mix, 0.4–0.7 s).
The graph version is bumped first, so that the burst always starts cold.

The other tests use an app of their own (a fresh worker, short time limits) through ``TestClient``.
"""

from __future__ import annotations

import os
import shutil
import signal
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.db import cypher
from graph.report import CHROMIUM_NAMES

SCOPES = [None, "taibao", "huguang", "shangping", "guangzhou"]
#: PDF is printed by headless Chromium (installed by `make test`, as for the Browser tests): a
#: subprocess of seconds, which must not run in the event loop either.
FORMATS = ["html", "markdown", "json"] + (["pdf"] if any(map(shutil.which, CHROMIUM_NAMES)) else [])
#: 20 requests of mixed formats and scopes (with PDF, 20 distinct pairs; without, 15 and 5 repeated).
REQUESTS = [(FORMATS[i % len(FORMATS)], SCOPES[i % 5]) for i in range(20)]
MEDIA = {
    "html": "text/html",
    "markdown": "text/markdown",
    "json": "application/json",
    "pdf": "application/pdf",
}
#: A loop blocked by report work waits a second or more; a free one waits milliseconds. On a loaded
#: machine the bound is twice the worst read of the control phase, when that is more.
BLOCKED_SECONDS = 1.0
CONTROL_SECONDS = 5.0


def _report(c: httpx.Client, fmt: str, scope: str | None) -> httpx.Response:
    """One report, retried as its 503 answer says (Retry-After) while the worker is still computing."""
    params = {"format": fmt} | ({"scope": scope} if scope else {})
    for _ in range(30):
        r = c.get("/reports/network", params=params)
        if r.status_code != 503:
            return r
        time.sleep(float(r.headers["retry-after"]))
    return r


def test_twenty_reports_do_not_stall_entity_reads(api_server, driver, settings):
    stop, reporting = threading.Event(), threading.Event()
    control: list[float] = []  # reads before the reports: this machine's own noise
    latencies: list[float] = []  # reads while the reports run
    when: list[float] = []  # seconds after the reports started, per read
    statuses: set[int] = set()
    reports_started = 0.0

    def read_loop() -> None:
        with httpx.Client(base_url=api_server, timeout=120) as c:
            c.get("/entities/taibao")  # the connection and the route, warm
            while not stop.is_set():
                started = time.perf_counter()
                r = c.get("/entities/taibao")
                took = time.perf_counter() - started
                if reporting.is_set():
                    latencies.append(took)
                    when.append(started - reports_started)
                else:
                    control.append(took)
                statuses.add(r.status_code)

    # One client made beforehand: twenty made at once would hold this process's GIL (their SSL
    # contexts) while the server, a thread of the same process, tries to answer.
    limits = httpx.Limits(max_connections=len(REQUESTS))
    with httpx.Client(base_url=api_server, timeout=120, limits=limits) as client:
        reader = threading.Thread(target=read_loop)
        reader.start()
        try:
            time.sleep(CONTROL_SECONDS)
            # A new graph version (no data changes): every cache is out of date, so the burst
            # rebuilds the projection and computes every report, whatever ran before this test.
            driver.execute_query(cypher("load/bump_version"), database_=settings.neo4j_database)
            started = reports_started = time.perf_counter()
            reporting.set()
            with ThreadPoolExecutor(len(REQUESTS)) as pool:
                reports = list(pool.map(lambda a: _report(client, *a), REQUESTS))
            took = time.perf_counter() - started
        finally:
            stop.set()
            reader.join()

    worst, noise = max(latencies), max(control)
    ms = sorted(x * 1000 for x in latencies)
    print(
        f"\n/entities/taibao during 20 reports ({took:.1f} s): {len(ms)} reads, "
        f"p50 {statistics.median(ms):.1f} ms, p99 {ms[int(len(ms) * 0.99)]:.1f} ms, worst {worst * 1000:.1f} ms "
        f"(before the reports: {len(control)} reads, worst {noise * 1000:.1f} ms); slowest at "
        + ", ".join(
            f"{t:.1f} s: {x * 1000:.0f} ms" for x, t in sorted(zip(latencies, when, strict=True))[-3:]
        )
    )
    for (fmt, scope), r in zip(REQUESTS, reports, strict=True):
        assert r.status_code == 200, (fmt, scope, r.status_code, r.text[:200])
        assert MEDIA[fmt] in r.headers["content-type"]
        if fmt == "pdf":
            assert r.content.startswith(b"%PDF")
        elif scope == "taibao":
            assert "太保镇" in r.text
    assert statuses == {200}
    assert len(latencies) >= 10  # the loop really ran alongside the reports
    bound = max(BLOCKED_SECONDS, 2 * noise)
    assert worst < bound, (
        f"the event loop was blocked: an entity read took {worst:.2f} s (bound {bound:.2f} s)"
    )


@pytest.fixture()
def fresh(settings, seeded):
    """An app of its own: a new worker process (cold cache) and a 0.05 s time limit for reports."""
    with TestClient(create_app(settings.model_copy(update={"report_timeout": 0.05}))) as c:
        yield c


def test_past_the_time_limit_503_and_the_work_fills_the_cache(fresh):
    r = fresh.get("/reports/network", params={"scope": "huguang"})
    assert r.status_code == 503 and r.headers["retry-after"].isdigit()
    assert "稍后重试" in r.json()["detail"]
    for _ in range(300):  # the job went on: a retry soon finds the report ready
        time.sleep(0.1)
        r = fresh.get("/reports/network", params={"scope": "huguang"})
        if r.status_code == 200:
            break
    assert r.status_code == 200 and "湖光镇" in r.text and r.headers["content-type"].startswith("text/html")


def test_identical_requests_in_flight_share_one_job(fresh):
    analytics = fresh.app.state.analytics
    before = analytics.submitted
    with ThreadPoolExecutor(5) as pool:
        answers = list(pool.map(lambda _: fresh.get("/analytics/communities"), range(5)))
    assert all(a.status_code == 200 for a in answers)
    assert analytics.submitted - before == 1
    assert len({a.json()["modularity"] for a in answers}) == 1


def test_a_dead_worker_is_replaced(fresh):
    analytics = fresh.app.state.analytics
    assert fresh.get("/analytics/brokers").status_code == 200
    (old,) = analytics.pids()
    os.kill(old, signal.SIGKILL)
    for _ in range(50):  # a question the API has not kept an answer to: it needs the worker
        r = fresh.get("/analytics/coverage", params={"town": "taibao"})
        if r.status_code == 200:
            break
        assert r.status_code == 503 and r.headers["retry-after"]
        time.sleep(0.2)
    assert r.status_code == 200 and r.json()["covered"] == 2
    assert analytics.pids() and old not in analytics.pids()


def test_cold_and_warm_analytics_figures(fresh):
    """Figures, not limits: a cold call (projection + metric in a new worker) and warm ones."""
    url = "/analytics/centrality?metric=betweenness&limit=20"
    started = time.perf_counter()
    cold = fresh.get(url)
    cold_ms = (time.perf_counter() - started) * 1000
    assert cold.status_code == 200 and cold.json()["cached"] is False
    warm = []
    for _ in range(20):
        started = time.perf_counter()
        r = fresh.get(url)
        warm.append((time.perf_counter() - started) * 1000)
        assert r.json()["cached"] is True
    print(
        f"\nbetweenness on the seed graph: cold {cold_ms:.0f} ms, warm p50 {statistics.median(warm):.1f} ms"
    )
