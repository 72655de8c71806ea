"""Benchmarks at a chosen size: loading (online and bulk), queries under load, analytics.

    python -m bench.run --size small|medium|province [--clients 32] [--seconds 10] [--stages ...]
    make bench SIZE=medium

Everything runs on a Neo4j of its own (``build/bench/SIZE/neo4j``, free loopback ports), never on the
one `make run` uses. Stages, in order:

generate   the synthetic programme (bench/generate.py), seeded: same seed, same files
online     a fresh database, schema, then `honglian seed DIR` as a subprocess (its peak RSS is the
           loader's memory; CPU seconds of the loader and of Neo4j beside the wall time)
bulk       `honglian bulk-import`'s path: CSVs, neo4j-admin database import, start, indexes; the graph
           must come out identical in counts to the online load
queries    search, entity, relationships, ego network and shortest path from --clients concurrent
           clients, through the API and through the bare driver running the same Cypher, side by side
           (with the server side's CPU per request); then the API in open loop at 50% and 80% of the
           driver's saturation rate; entity lookups through `neo4j://` beside `bolt://`
analytics  the projection (columns, and the NetworkX graph), degree, PageRank and sampled betweenness in
           NetworkX and in igraph (same numbers checked), the yardstick (bench/yardstick.py: fastest
           edge read + igraph or NetworKit, NetworKit checked too), and the API's analytics calls
pages      the explorer's home, entity and town pages: server time one request at a time, and the bytes
           a first visit transfers (bench/pages.py; budgets p95 ≤ 200 ms, first page ≤ 300 KB)
intake     bench/intake_speed.py (articles/s and peak memory of `honglian draft`), when it exists

The table goes to stdout; every figure also goes to ``build/bench/SIZE/results.json``, whose
``summary`` holds the headline figures with the date, the machine, its load and the Neo4j memory.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import Any

import aiohttp
import httpx
from neo4j import RoutingControl

from bench.generate import ROOT, SIZES, write_sources

READ = RoutingControl.READ

STAGES = ("generate", "online", "bulk", "queries", "analytics", "pages", "intake")
#: Neo4j memory per size (heap, page cache): the province store is ~3.2 GiB with statements.
MEMORY = {"small": ("1g", "512m"), "medium": ("2g", "1g"), "province": ("4g", "4g")}
API_WORKERS = os.cpu_count() or 1
#: igraph stands in for NetworkX only while their results agree this closely (checked on every run).
PAGERANK_TOLERANCE = 1e-6
BETWEENNESS_TOLERANCE = 1e-9
KINDS = ("search", "entity", "relationships", "network", "paths")
#: Open-loop arrival rates, in percent of the bare driver's saturation rate for the same kind.
OPEN_LOOP_SHARES = (50, 80)
OPEN_LOOP_MAX_IN_FLIGHT = 1000
#: Warm-up rounds before each kind's measured runs: until the server CPU per request of both paths
#: moves by at most WARMUP_TOLERANCE between rounds, and at most WARMUP_ROUNDS.
WARMUP_ROUNDS = 5
WARMUP_TOLERANCE = 0.15


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, round(q / 100 * (len(values) - 1)))]


# ------------------------------------------------------------------ set-up
class Bench:
    def __init__(self, size: str, seed: int, workdir: Path):
        from graph.runtime.neo4j import free_port
        from graph.settings import Settings

        self.size, self.seed, self.workdir = size, seed, workdir
        self.seed_dir = workdir / "seed" / "data"
        heap, pagecache = MEMORY[size]
        # A shared machine may need less (the figures record what was used).
        heap = os.environ.get("HONGLIAN_BENCH_HEAP", heap)
        pagecache = os.environ.get("HONGLIAN_BENCH_PAGECACHE", pagecache)
        self.env = {
            "HONGLIAN_DATA_DIR": str(workdir / "server"),
            "HONGLIAN_NEO4J_BOLT_PORT": str(free_port()),
            "HONGLIAN_NEO4J_HTTP_PORT": str(free_port()),
            "API_PORT": str(free_port()),
            "NEO4J_PASSWORD": _password(workdir),
            "HONGLIAN_NEO4J_HEAP": heap,
            "HONGLIAN_NEO4J_PAGECACHE": pagecache,
            "HONGLIAN_QUERY_TIMEOUT": "30",
        }
        self.settings = Settings(_env_file=None, NEO4J_URI=None, **self.env)
        self.results: dict[str, Any] = {
            "size": size,
            "seed": seed,
            "date": date.today().isoformat(),
            "machine": f"{os.cpu_count()} cores, {_mem_gib():.0f} GiB, {platform.platform()}, "
            f"Python {platform.python_version()}",
            "neo4j_memory": {"heap": heap, "pagecache": pagecache},
            "load_average_at_start": os.getloadavg(),
            "stage_dates": {},
        }

    def keep_earlier(self, path: Path, stages: list[str]) -> None:
        """Carry over figures of stages not run this time from an earlier run of the same size and seed."""
        if not path.exists():
            return
        earlier = json.loads(path.read_text())
        if (earlier.get("size"), earlier.get("seed")) != (self.size, self.seed):
            return
        dates = earlier.get("stage_dates", {})
        for stage in STAGES:
            if stage not in stages and stage in earlier and stage in dates:
                self.results[stage] = earlier[stage]
                self.results["stage_dates"][stage] = dates[stage]

    def done(self, stage: str) -> None:
        self.results["stage_dates"][stage] = date.today().isoformat()

    def child_env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k != "NEO4J_URI"}
        return {**env, **self.env}

    def runtime(self):
        from graph.runtime.neo4j import LocalNeo4j

        return LocalNeo4j(self.settings)

    def driver(self):
        from graph.db import sync_driver

        return sync_driver(self.settings)

    def counts(self) -> dict[str, int]:
        from graph.db import cypher

        with self.driver() as d:
            row = d.execute_query(cypher("bench/counts"), routing_=READ).records[0]
        return {"entities": row["entities"], "relationships": row["relationships"]}

    def store_mib(self) -> float:
        db = Path(self.env["HONGLIAN_DATA_DIR"]) / "neo4j" / "data" / "databases" / "neo4j"
        return sum(p.stat().st_size for p in db.rglob("*") if p.is_file()) / 2**20

    # ------------------------------------------------------------- stages
    def generate(self) -> None:
        marker = self.workdir / "seed" / "generated.json"
        wanted = {"size": self.size, "seed": self.seed, "generator": _digest(ROOT / "bench" / "generate.py")}
        if marker.exists() and json.loads(marker.read_text()) == wanted:
            log(f"synthetic data already at {self.seed_dir}")
            counts = json.loads((self.workdir / "seed" / "counts.json").read_text())
        else:
            log(f"generating {self.size} (seed {self.seed})")
            started = time.perf_counter()
            counts = write_sources(self.workdir, SIZES[self.size], self.seed, progress=False)
            counts["seconds"] = round(time.perf_counter() - started, 1)
            (self.workdir / "seed" / "counts.json").write_text(json.dumps(counts))
            marker.write_text(json.dumps(wanted))
        self.results["data"] = counts

    def fresh_server(self) -> None:
        rt = self.runtime()
        rt.install()
        rt.stop()
        shutil.rmtree(Path(self.env["HONGLIAN_DATA_DIR"]) / "neo4j" / "data", ignore_errors=True)
        rt.start()

    async def apply_schema(self) -> None:
        from graph.db import connected
        from graph.loader import apply_schema

        async with connected(self.settings) as driver:
            await apply_schema(driver, self.settings.neo4j_database)

    def online(self) -> None:
        log("online load: fresh database")
        self.fresh_server()
        asyncio.run(self.apply_schema())
        log(f"online load: honglian seed {self.seed_dir}")
        cmd = [sys.executable, "-m", "cli", "seed", str(self.seed_dir)]
        neo4j_cpu = _cpu_seconds(self.runtime().pid())
        started = time.perf_counter()
        proc = subprocess.Popen(
            cmd, env=self.child_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT
        )
        out = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        took = time.perf_counter() - started
        neo4j_cpu = _cpu_seconds(self.runtime().pid()) - neo4j_cpu
        if status != 0:
            raise SystemExit(f"online load failed:\n{out[-3000:]}")
        m = re.search(r"loading ([\d.]+) s", out)
        loading = float(m.group(1)) if m else took
        counts = self.counts()
        self.results["online"] = {
            **counts,
            "seconds_total": round(took, 1),
            "seconds_loading": loading,
            "rels_per_s_total": round(counts["relationships"] / took),
            "rels_per_s_loading": round(counts["relationships"] / loading),
            "loader_peak_rss_mib": round(usage.ru_maxrss / 1024),
            # CPU seconds spent, which a busy shared machine changes far less than it changes wall time.
            "cpu_seconds_loader": round(usage.ru_utime + usage.ru_stime, 1),
            "cpu_seconds_neo4j": round(neo4j_cpu, 1),
            "load_average": os.getloadavg()[0],
            "store_mib": round(self.store_mib()),
            "command": f"honglian seed {self._rel(self.seed_dir)}",
        }
        log(f"online: {self.results['online']}")

    def bulk(self) -> None:
        from graph.bulk import bulk_import

        log("bulk import: CSVs, neo4j-admin database import, start, indexes")
        started = time.perf_counter()
        cpu = _own_cpu_seconds()
        result = bulk_import(self.settings, [self.seed_dir], self.workdir / "import", progress=False)
        took = time.perf_counter() - started
        cpu = _own_cpu_seconds() - cpu
        counts = self.counts()
        online = self.results.get("online")
        if online and (online["entities"], online["relationships"]) != (
            counts["entities"],
            counts["relationships"],
        ):
            raise SystemExit(f"bulk import and online load differ: {counts} vs {online}")
        rels = counts["relationships"]
        self.results["bulk"] = {
            **counts,
            "seconds_csv": round(result.csv.seconds, 1),
            "seconds_import": round(result.import_seconds, 1),
            "seconds_start": round(result.start_seconds, 1),
            "seconds_indexes": round(result.schema_seconds, 1),
            "seconds_total": round(took, 1),
            # CPU of this process and its children: validation and CSV workers, neo4j-admin.
            "cpu_seconds_csv_and_import": round(cpu, 1),
            "load_average": os.getloadavg()[0],
            "rels_per_s_import": round(rels / result.import_seconds),
            "rels_per_s_import_and_indexes": round(rels / (result.import_seconds + result.schema_seconds)),
            "rels_per_s_total": round(rels / took),
            "store_mib": round(self.store_mib()),
            "command": f"honglian bulk-import {self._rel(self.seed_dir)} --yes",
        }
        if online:
            self.results["bulk"]["ratio_import_to_online"] = round(
                self.results["bulk"]["rels_per_s_import"] / online["rels_per_s_loading"], 1
            )
            self.results["bulk"]["ratio_total_to_online_total"] = round(
                self.results["bulk"]["rels_per_s_total"] / online["rels_per_s_total"], 1
            )
        log(f"bulk: {self.results['bulk']}")

    def _rel(self, p: Path) -> str:
        try:
            return str(p.relative_to(ROOT))
        except ValueError:
            return str(p)

    # ------------------------------------------------------------ serving
    def start_api(self, workers: int = 1, env: dict[str, str] | None = None) -> subprocess.Popen:
        port = self.env["API_PORT"]
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "cli",
                "serve",
                "--port",
                port,
                "--workers",
                str(workers),
                "--no-access-log",
            ],
            env={**self.child_env(), **(env or {})},
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=(self.workdir / "api.log").open("w"),
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/ready", timeout=2).status_code == 200:
                    return proc
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        proc.kill()
        raise SystemExit(f"the API did not become ready; see {self.workdir / 'api.log'}")

    def samples(self, n: int = 400) -> dict[str, list]:
        rnd = random.Random(self.seed)
        from graph.db import cypher

        with self.driver() as d:

            def rows(label: str, kind: str | None = None, level: str | None = None, limit: int = 20000):
                params = {"label": label, "kind": kind, "level": level, "limit": limit}
                return d.execute_query(cypher("bench/sample_ids"), params, routing_=READ).records

            people = [r["id"] for r in rows("Person")]
            ents = [r["id"] for r in rows("Organization", kind="enterprise")]
            village_rows = rows("Place", level="village")
            villages = [r["id"] for r in village_rows]
            towns = [r["id"] for r in rows("Place", level="town", limit=5000)]
            names = [r["name"] for r in village_rows]
        pick = lambda xs, k: [rnd.choice(xs) for _ in range(k)]  # noqa: E731
        focus = pick(people, n // 4) + pick(ents, n // 4) + pick(villages, n // 4) + pick(towns, n // 4)
        rnd.shuffle(focus)
        return {
            "ids": focus,
            "names": pick(names, n) + [rnd.choice(names)[:2] for _ in range(n // 4)],
            "pairs": list(zip(pick(ents, n), pick(villages, n), strict=False)),
            "towns": pick(towns, n),
        }

    def queries(self, clients: int, seconds: float) -> None:
        from graph import views
        from graph.store import fulltext_finds_all

        samples = self.samples()
        # As deployed: one API worker per core. The bare-driver reference is one Python process.
        api = self.start_api(workers=API_WORKERS)
        base = f"http://127.0.0.1:{self.env['API_PORT']}"
        try:

            def api_call(kind: str, i: int) -> str:
                if kind == "search":
                    return f"/entities?q={samples['names'][i % len(samples['names'])]}&limit=20"
                if kind == "paths":
                    s, t = samples["pairs"][i % len(samples["pairs"])]
                    return f"/paths/shortest?source={s}&target={t}&max_hops=4"
                eid = samples["ids"][i % len(samples["ids"])]
                return {
                    "entity": f"/entities/{eid}",
                    "relationships": f"/entities/{eid}/relationships?limit=50",
                    "network": f"/entities/{eid}/network?depth=1&limit=100",
                }[kind]

            def driver_call(kind: str, i: int) -> tuple[str, dict]:
                base_p = {"include_private": False}
                if kind == "search":
                    q = samples["names"][i % len(samples["names"])]
                    return "api/entity_search", {
                        **base_p,
                        "q": q,
                        "lucene": views.lucene_phrase(q),
                        "contains": None if fulltext_finds_all(q) else q,
                        "type": None,
                        "kind": None,
                        "level": None,
                        "since": None,
                        "until": None,
                        "town": None,
                        "offset": 0,
                        "limit": 20,
                    }
                if kind == "paths":
                    s, t = samples["pairs"][i % len(samples["pairs"])]
                    return "api/shortest_paths", {
                        **base_p,
                        "source": s,
                        "target": t,
                        "max_hops": 4,
                        "limit": 25,
                    }
                eid = samples["ids"][i % len(samples["ids"])]
                return {
                    "entity": ("api/entity_get", {**base_p, "id": eid}),
                    "relationships": (
                        "api/entity_relationships",
                        {**base_p, "id": eid, "db_type": None, "direction": "both", "offset": 0, "limit": 50},
                    ),
                    "network": ("api/network", {**base_p, "id": eid, "depth": 1, "limit": 100}),
                }[kind]

            out = asyncio.run(
                _side_by_side(
                    base,
                    self.settings,
                    api_call,
                    driver_call,
                    clients,
                    seconds,
                    warmup=min(seconds, 5.0),
                    pids={"neo4j": self.runtime().pid(), "api": api.pid},
                )
            )
            out["api_rss_mib"] = _rss_mib(api.pid)
        finally:
            api.terminate()
            api.wait(10)
        out["clients"] = clients
        out["api_workers"] = API_WORKERS
        out["seconds_per_run"] = seconds
        out["routing"] = self.routing(api_call, clients, seconds)
        self.results["queries"] = out
        log(f"queries: {json.dumps(out)}")

    def routing(self, api_call, clients: int, seconds: float) -> dict[str, Any]:
        """Entity lookups through an API that reaches Neo4j by a ``neo4j://`` routing URI (the driver
        asks the server for a routing table and sends reads to readers), beside ``bolt://``."""
        out: dict[str, Any] = {}
        port = self.env["HONGLIAN_NEO4J_BOLT_PORT"]
        # bolt, neo4j, bolt again: the machine's state drifts between runs, so the order shows too.
        for key, scheme in (("bolt", "bolt"), ("neo4j", "neo4j"), ("bolt_again", "bolt")):
            api = self.start_api(workers=API_WORKERS, env={"NEO4J_URI": f"{scheme}://127.0.0.1:{port}"})
            base = f"http://127.0.0.1:{self.env['API_PORT']}"
            try:

                async def run(base=base) -> tuple[list[float], int, float]:
                    async with aiohttp.ClientSession(base) as http:

                        async def call(i: int) -> None:
                            async with http.get(api_call("entity", i)) as r:
                                await r.read()
                                if r.status != 200:
                                    raise RuntimeError(f"{r.status}")

                        await _load(call, clients, min(seconds, 5.0))
                        return await _load(call, clients, seconds)

                lat, errors, took = asyncio.run(run())
            finally:
                api.terminate()
                api.wait(10)
            out[key] = {
                "per_s": round(len(lat) / took, 1),
                "p50_ms": round(pct(lat, 50), 1),
                "p99_ms": round(pct(lat, 99), 1),
                "errors": errors,
            }
        log(f"routing: {out}")
        return out

    def pages(self) -> None:
        from bench.pages import measure

        samples = self.samples()
        towns = samples["towns"]
        api = self.start_api(workers=1)
        try:
            out = measure(f"http://127.0.0.1:{self.env['API_PORT']}", towns, samples["ids"], seed=self.seed)
        finally:
            api.terminate()
            api.wait(10)
        self.results["pages"] = out
        log(f"pages: {json.dumps(out)}")

    # ---------------------------------------------------------- analytics
    def yardstick(self, s, pagerank_reference: dict[str, float]) -> dict:
        """Ours (the service's path: a fresh view, its projection and metric, as the analytics worker
        runs them) beside the fastest read and library (bench/yardstick.py)."""
        from bench import yardstick as Y
        from graph import projection as P

        with self.driver() as d:
            src, dst, n, read_seconds = Y.read_edges(d, self.settings.neo4j_database)
        out: dict[str, Any] = {"edge_read_seconds": round(read_seconds, 3), "edges": len(src), "vertices": n}
        for metric in ("pagerank", "betweenness"):
            with self.driver() as d:
                started = time.perf_counter()
                answer = P.centrality(
                    P.open_view(d, self.settings.neo4j_database, version=0), metric, None, 20, False
                )
                ours = time.perf_counter() - started
            k = answer["k"]
            libraries = Y.metrics(src, dst, n, metric, k)
            fastest = min(libraries, key=libraries.get)
            yard = read_seconds + libraries[fastest]
            out[metric] = {
                "k": k,
                "ours_seconds": round(ours, 2),
                "library_seconds": {name: round(t, 3) for name, t in libraries.items()},
                "fastest_library": fastest,
                "yardstick_seconds": round(yard, 2),
                "ratio": round(ours / yard, 2),
            }
            log(f"yardstick {metric}: {out[metric]}")
        out["agreement"] = Y.agreement(s, pagerank_reference)
        # The driver's Rust codec (neo4j-rust-ext, a dependency) against its pure-Python fallback.
        for codec, flag in (("rust", []), ("python", ["--no-rust"])):
            done = subprocess.run(
                [sys.executable, "-m", "bench.yardstick", *flag],
                env=self.child_env(),
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=1800,
            )
            if done.returncode != 0:
                raise SystemExit(f"bench.yardstick {flag} failed:\n{done.stderr[-2000:]}")
            out[f"edge_read_seconds_{codec}_codec"] = round(json.loads(done.stdout)["seconds"], 3)
        out["ratio"] = max(out["pagerank"]["ratio"], out["betweenness"]["ratio"])
        a = out["agreement"]
        if not (
            a["networkit_pagerank_max_abs_diff"] < PAGERANK_TOLERANCE
            and a["networkit_betweenness_max_abs_diff"] < BETWEENNESS_TOLERANCE
        ):
            raise SystemExit(f"NetworKit and NetworkX disagree beyond tolerance: {a}")
        return out

    def analytics(self, k_nx: int, k_ig: int) -> None:
        import networkx as nx

        from graph import analytics as A
        from graph.projection import build_projection, read_arrays

        res: dict[str, Any] = {}
        with self.driver() as d:
            # The service's projection for centrality: columns (first, on a cold Neo4j); then the
            # NetworkX graph the answers that walk the graph build.
            started = time.perf_counter()
            arrays = read_arrays(d, self.settings.neo4j_database)
            t_columns = time.perf_counter() - started
            started = time.perf_counter()
            g = build_projection(d, self.settings.neo4j_database)
            t = time.perf_counter() - started
        res["projection"] = {
            "nodes": len(arrays.ids),
            "edges": len(arrays.src),
            "seconds": round(t_columns, 2),
            "edges_per_s": round(len(arrays.src) / t_columns),
            "networkx_seconds": round(t, 2),
            "networkx_edges_per_s": round(g.number_of_edges() / t),
        }
        if (g.number_of_nodes(), g.number_of_edges()) != (len(arrays.ids), len(arrays.src)):
            raise SystemExit(f"the columns and the NetworkX graph differ: {res['projection']}")
        del arrays
        log(f"projection: {res['projection']}")

        def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
            started = time.perf_counter()
            value = fn()
            return value, round(time.perf_counter() - started, 3)

        # One call of each on a toy graph first: igraph's first call loads its internals (~0.2 s).
        toy = nx.path_graph(["a", "b", "c", "d"])
        nx.pagerank(toy), A.igraph_pagerank(toy), A.igraph_betweenness(toy, k=2)
        s, res["simple_graph_seconds"] = timed(lambda: A.simple(g))
        _, res["degree_seconds"] = timed(lambda: nx.degree_centrality(s))
        pr_nx, t_nx = timed(lambda: nx.pagerank(s, weight=None))
        pr_ig, t_ig = timed(lambda: A.igraph_pagerank(s))
        # NetworkX stops at an L1 change below n·tol: n·1e-6 by default, n·1e-15 for the reference (a
        # province has n ≈ 4e5, so 1e-10 would still leave 4e-5 of slack, more than the values differ by).
        pr_tight = nx.pagerank(s, weight=None, tol=1e-15, max_iter=10_000)
        res["pagerank"] = {
            "networkx_seconds": t_nx,
            "igraph_seconds": t_ig,
            "speedup": round(t_nx / t_ig, 1),
            "max_abs_diff": max(abs(pr_tight[n] - pr_ig[n]) for n in s),
            "l1_diff_networkx_default": sum(abs(pr_nx[n] - pr_ig[n]) for n in s),
            "networkx_l1_tolerance": s.number_of_nodes() * 1e-6,
            "same_top20": [n for n, *_ in A.ranked(pr_tight, 20)] == [n for n, *_ in A.ranked(pr_ig, 20)],
        }
        log(f"pagerank: {res['pagerank']}")
        res["yardstick"] = self.yardstick(s, pr_tight)
        del pr_tight
        b_nx, t_nx = timed(lambda: nx.betweenness_centrality(s, k=k_nx, seed=42))
        b_ig, t_ig = timed(lambda: A.igraph_betweenness(s, k=k_nx, seed=42))
        _, t_ig_default = timed(lambda: A.igraph_betweenness(s, k=min(k_ig, s.number_of_nodes()), seed=42))
        res["betweenness"] = {
            "k": k_nx,
            "networkx_seconds": t_nx,
            "igraph_seconds": t_ig,
            "speedup": round(t_nx / t_ig, 1),
            "max_abs_diff": max(abs(b_nx[n] - b_ig[n]) for n in s),
            "service_k": min(k_ig, s.number_of_nodes()),
            "igraph_seconds_service_k": t_ig_default,
        }
        log(f"betweenness: {res['betweenness']}")
        g = s = pr_nx = pr_ig = b_nx = b_ig = None  # free the province graph before the next stage
        self.results["analytics"] = res
        pr, bc = res["pagerank"], res["betweenness"]
        if not (
            pr["max_abs_diff"] < PAGERANK_TOLERANCE
            and pr["same_top20"]
            and bc["max_abs_diff"] < BETWEENNESS_TOLERANCE
        ):
            raise SystemExit(
                f"igraph and NetworkX disagree beyond tolerance: PageRank {pr}, betweenness {bc}"
            )

        # The API: first call builds the projection and the scores; later calls hit the warm cache.
        api = self.start_api()
        base = f"http://127.0.0.1:{self.env['API_PORT']}"
        try:
            with httpx.Client(base_url=base, timeout=3600) as c:
                calls = {
                    "pagerank": "/analytics/centrality?metric=pagerank&limit=20",
                    "degree": "/analytics/centrality?metric=degree&type=organization&limit=20",
                    "betweenness": "/analytics/centrality?metric=betweenness&limit=20",
                }
                cold, warm = {}, {}
                for name, url in calls.items():
                    started = time.perf_counter()
                    r = c.get(url)
                    while r.status_code == 503:  # past the API's time limit: the retry joins the work
                        r = c.get(url)
                    r.raise_for_status()
                    cold[name] = round(time.perf_counter() - started, 2)
                    times = []
                    for _ in range(20):
                        started = time.perf_counter()
                        r = c.get(url)
                        times.append((time.perf_counter() - started) * 1000)
                        if not r.json().get("cached"):
                            raise SystemExit(f"{url} was not served from the cache")
                    warm[name] = {"p50_ms": round(pct(times, 50), 1), "max_ms": round(max(times), 1)}
            res["api_cold_seconds"] = cold
            res["api_warm"] = warm
            res["api_rss_mib_with_projection"] = _rss_mib(api.pid)
        finally:
            api.terminate()
            api.wait(10)
        self.results["analytics"] = res
        log(f"analytics API: cold {cold}, warm {warm}")

    # ------------------------------------------------- other helpers' slots
    def intake(self) -> bool:
        """`bench/intake_speed.py` (articles/s and peak memory of `honglian draft`), when it exists."""
        if not (ROOT / "bench" / "intake_speed.py").exists():
            log("intake: bench/intake_speed.py is not there (the intake work is not merged): skipped")
            return False
        n = {"small": 100, "medium": 500, "province": 1000}[self.size]
        cmd = [sys.executable, "-m", "bench.intake_speed", "-n", str(n)]
        done = subprocess.run(
            cmd, env=self.child_env(), cwd=ROOT, capture_output=True, text=True, timeout=3600
        )
        if done.returncode != 0:
            raise SystemExit(f"bench/intake_speed.py failed:\n{(done.stdout + done.stderr)[-3000:]}")
        rate = re.search(r"([\d.]+) articles/s", done.stdout)
        peak = re.search(r"peak ([\d.]+) MiB", done.stdout)
        self.results["intake"] = {
            "articles": n,
            "articles_per_s": float(rate.group(1)) if rate else None,
            "peak_rss_mib": float(peak.group(1)) if peak else None,
            "output": done.stdout.strip(),
            "command": " ".join(cmd[1:]),
        }
        log(f"intake: {self.results['intake']}")
        return True


# ------------------------------------------------------------- load driver
async def _load(
    call: Callable[[int], Awaitable[None]], clients: int, seconds: float, max_requests: int = 100_000
) -> tuple[list[float], int, float]:
    """Run ``call(i)`` from ``clients`` concurrent workers for ``seconds``; latencies in ms."""
    latencies: list[float] = []
    errors = 0
    counter = iter(range(max_requests))
    deadline = time.perf_counter() + seconds

    async def worker() -> None:
        nonlocal errors
        for i in counter:
            if time.perf_counter() >= deadline:
                return
            started = time.perf_counter()
            try:
                await call(i)
            except Exception as exc:
                errors += 1
                if errors == 1:
                    log(f"first error: {exc!r}"[:300])
                continue
            latencies.append((time.perf_counter() - started) * 1000)

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(clients)))
    return latencies, errors, time.perf_counter() - started


async def _open_loop(
    call: Callable[[int], Awaitable[None]], rate: float, seconds: float, seed: int = 7
) -> tuple[list[float], int, int]:
    """Send ``call(i)`` at Poisson arrivals of mean ``rate``/s for ``seconds``, never waiting for
    answers (at most ``OPEN_LOOP_MAX_IN_FLIGHT`` outstanding; more count as errors). Latencies in ms
    from each request's scheduled arrival. Returns (latencies, errors, requests sent)."""
    rnd = random.Random(seed)
    latencies: list[float] = []
    errors = 0
    in_flight: set[asyncio.Task] = set()

    async def one(i: int, scheduled: float) -> None:
        nonlocal errors
        try:
            await call(i)
        except Exception as exc:
            errors += 1
            if errors == 1:
                log(f"first open-loop error: {exc!r}"[:300])
            return
        latencies.append((time.perf_counter() - scheduled) * 1000)

    start = time.perf_counter()
    at, i = start, 0
    while at < start + seconds:
        wait = at - time.perf_counter()
        if wait > 0:
            await asyncio.sleep(wait)
        if len(in_flight) >= OPEN_LOOP_MAX_IN_FLIGHT:
            errors += 1
        else:
            task = asyncio.create_task(one(i, at))
            in_flight.add(task)
            task.add_done_callback(in_flight.discard)
        i += 1
        at += rnd.expovariate(rate)
    await asyncio.gather(*in_flight)
    return latencies, errors, i


async def _side_by_side(
    base: str,
    settings,
    api_call,
    driver_call,
    clients: int,
    seconds: float,
    warmup: float,
    pids: dict[str, int | None] | None = None,
) -> dict:
    """Closed loop through the API and through the bare driver, then the API in open loop. Beside the
    wall-clock figures, the CPU each request cost the server side (Neo4j, plus the API's workers or the
    bare driver's process): a shared machine changes throughput, far less the CPU per request."""
    pids = pids or {}

    def cpu(*names: str) -> float:
        total = 0.0
        for name in names:
            if name == "self":
                total += time.process_time()
            elif pids.get(name):
                total += _tree_cpu_seconds(pids[name])
        return total

    from neo4j import AsyncGraphDatabase

    from graph.store import Store

    out: dict[str, Any] = {}
    driver = AsyncGraphDatabase.driver(
        settings.uri, auth=settings.auth, max_connection_pool_size=clients, notifications_min_severity="OFF"
    )
    store = Store(driver, settings.neo4j_database, settings.query_timeout)

    # aiohttp, not httpx, drives the API: httpx spent 5.7 ms of CPU per request on this machine (more
    # than the API itself, 2.3 ms), which made the client the bottleneck; aiohttp spends 0.3 ms.
    connector = aiohttp.TCPConnector(limit=max(clients, OPEN_LOOP_MAX_IN_FLIGHT))
    try:
        async with aiohttp.ClientSession(
            base, connector=connector, timeout=aiohttp.ClientTimeout(total=60)
        ) as http:

            async def get(url: str) -> None:
                async with http.get(url) as r:
                    body = await r.read()
                    if r.status != 200:
                        raise RuntimeError(f"{r.status} {body[:200]!r}")

            for kind in KINDS:

                async def via_api(i: int, kind=kind) -> None:
                    await get(api_call(kind, i))

                # The reference runs the statement through graph/store.py's own read (one auto-commit
                # query in a READ session with the same timeout, records to plain dicts); only HTTP,
                # FastAPI and the shaping of the answer are missing.
                async def via_driver(i: int, kind=kind) -> None:
                    name, params = driver_call(kind, i)
                    await store.read(name, **params)

                # Warm both paths first (connection pools, query plans, Neo4j's JIT): a cold
                # Neo4j spends several times the CPU per query that a warm one does (search, the
                # first kind, 2.6 ms in its first 10 s at province size, then 1.0 ms), so warm-up
                # rounds repeat until neither path's CPU per request moves by more than
                # WARMUP_TOLERANCE (at most WARMUP_ROUNDS); otherwise the API's run, which comes
                # first, pays for the compilation.
                paths = {"api": (via_api, ("neo4j", "api")), "driver": (via_driver, ("neo4j", "self"))}

                async def run(label: str, secs: float, paths=paths) -> tuple[list[float], int, float, float]:
                    fn, server = paths[label]
                    cpu_before = cpu(*server)
                    lat, errors, took = await _load(fn, clients, secs)
                    return lat, errors, took, (cpu(*server) - cpu_before) * 1000 / max(len(lat), 1)

                warm: list[dict[str, float]] = []
                for _ in range(WARMUP_ROUNDS):
                    spent = {label: round((await run(label, warmup))[3], 2) for label in paths}
                    warm.append(spent)
                    if len(warm) > 1 and all(
                        abs(spent[k] - warm[-2][k]) <= WARMUP_TOLERANCE * warm[-2][k] for k in spent
                    ):
                        break
                row: dict[str, Any] = {"warmup_cpu_ms_per_request": warm}
                for label in paths:
                    lat, errors, took, cpu_ms = await run(label, seconds)
                    row[label] = {
                        "server_cpu_ms_per_request": round(cpu_ms, 2),
                        "requests": len(lat),
                        "errors": errors,
                        "per_s": round(len(lat) / took, 1),
                        "p50_ms": round(pct(lat, 50), 1),
                        "p99_ms": round(pct(lat, 99), 1),
                        "mean_ms": round(statistics.fmean(lat), 1) if lat else None,
                    }
                row["ratio_p50"] = round(row["api"]["p50_ms"] / row["driver"]["p50_ms"], 2)
                row["ratio_p99"] = round(row["api"]["p99_ms"] / row["driver"]["p99_ms"], 2)
                row["ratio_throughput"] = round(row["api"]["per_s"] / row["driver"]["per_s"], 2)
                # What the throughput ratio would be with the server side alone on the cores.
                row["ratio_cpu_per_request"] = round(
                    row["driver"]["server_cpu_ms_per_request"]
                    / max(row["api"]["server_cpu_ms_per_request"], 1e-9),
                    2,
                )
                # Open loop: requests arrive at a fixed mean rate (Poisson, seeded) whatever the answers
                # do, at fractions of the bare driver's saturation rate just measured; latency counts
                # from the scheduled arrival, so a request that waits to be sent counts its wait.
                saturation = row["driver"]["per_s"]
                row["open_loop"] = {}
                for share in OPEN_LOOP_SHARES:
                    lat, errors, sent = await _open_loop(via_api, saturation * share / 100, seconds)
                    row["open_loop"][f"{share}pct"] = {
                        "rate_per_s": round(saturation * share / 100, 1),
                        "sent": sent,
                        "errors": errors,
                        "p50_ms": round(pct(lat, 50), 1),
                        "p99_ms": round(pct(lat, 99), 1),
                    }
                out[kind] = row
                log(f"{kind}: {row}")
    finally:
        await driver.close()
    return out


# ------------------------------------------------------------------ output
def summary(res: dict[str, Any]) -> dict[str, Any]:
    """The headline figures of docs/benchmarks.md (None where a stage has not run at this size)."""

    def get(*path: str) -> Any:
        value: Any = res
        for key in path:
            if not isinstance(value, dict) or key not in value:
                return None
            value = value[key]
        return value

    return {
        "size": res["size"],
        "date": res["date"],
        "stage_dates": res.get("stage_dates", {}),
        "machine": res["machine"],
        "load_average_at_start": res.get("load_average_at_start"),
        "neo4j": res["neo4j_memory"],
        "online_rels_per_s": get("online", "rels_per_s_loading"),
        "bulk_import_speedup": get("bulk", "ratio_import_to_online"),
        "bulk_end_to_end_speedup": get("bulk", "ratio_total_to_online_total"),
        "projection_edges_per_s": get("analytics", "projection", "edges_per_s"),
        "yardstick_end_to_end_ratio": get("analytics", "yardstick", "ratio"),
        "entity_p99_ms_at_50pct": get("queries", "entity", "open_loop", "50pct", "p99_ms"),
        "entity_p99_ms_at_80pct": get("queries", "entity", "open_loop", "80pct", "p99_ms"),
        "relationships_p99_ms_at_50pct": get("queries", "relationships", "open_loop", "50pct", "p99_ms"),
        "relationships_p99_ms_at_80pct": get("queries", "relationships", "open_loop", "80pct", "p99_ms"),
        "network_p99_ms_at_50pct": get("queries", "network", "open_loop", "50pct", "p99_ms"),
        "network_p99_ms_at_80pct": get("queries", "network", "open_loop", "80pct", "p99_ms"),
        "search_p50_ms": get("queries", "search", "open_loop", "50pct", "p50_ms"),
        "search_p99_ms": get("queries", "search", "open_loop", "50pct", "p99_ms"),
        "entity_api_driver_throughput_ratio": get("queries", "entity", "ratio_throughput"),
        "entity_api_driver_cpu_ratio": get("queries", "entity", "ratio_cpu_per_request"),
        "online_cpu_ms_per_relationship": _per_relationship_cpu(res),
    }


def _per_relationship_cpu(res: dict[str, Any]) -> float | None:
    online = res.get("online") or {}
    if "cpu_seconds_neo4j" not in online:
        return None
    cpu = online["cpu_seconds_neo4j"] + online["cpu_seconds_loader"]
    return round(cpu * 1000 / online["relationships"], 3)


def table(res: dict[str, Any]) -> str:
    dates = sorted(set(res.get("stage_dates", {}).values())) or [res["date"]]
    when = dates[0] if len(dates) == 1 else f"{dates[0]} to {dates[-1]}"
    lines = [
        f"honglian benchmarks — size {res['size']} (seed {res['seed']}), {when}, {res['machine']}",
        f"Neo4j heap {res['neo4j_memory']['heap']}, page cache {res['neo4j_memory']['pagecache']}",
    ]
    rows: list[tuple[str, str, str]] = []
    if "data" in res:
        d = res["data"]
        rows.append(
            ("data", f"{d['sources']} sources, {d['entities']:,} entities, {d['relationships']:,} rels", "")
        )
    if "online" in res:
        o = res["online"]
        rows.append(
            (
                "online load (honglian seed)",
                f"{o['rels_per_s_loading']:,} rels/s writing; "
                f"{o['rels_per_s_total']:,} rels/s incl. validation",
                f"{o['seconds_total']} s, CPU {o.get('cpu_seconds_loader')} s loader + "
                f"{o.get('cpu_seconds_neo4j')} s Neo4j, "
                f"loader peak RSS {o['loader_peak_rss_mib']} MiB, store {o['store_mib']} MiB",
            )
        )
    if "bulk" in res:
        b = res["bulk"]
        ratio = f" = {b['ratio_import_to_online']}× online" if "ratio_import_to_online" in b else ""
        rows.append(
            (
                "bulk (neo4j-admin import)",
                f"{b['rels_per_s_import']:,} rels/s import{ratio}",
                f"CSV {b['seconds_csv']} s + import {b['seconds_import']} s + start {b['seconds_start']} s"
                f" + indexes {b['seconds_indexes']} s = {b['seconds_total']} s",
            )
        )
    if "queries" in res:
        q = res["queries"]
        for kind in KINDS:
            if kind in q:
                a, dr = q[kind]["api"], q[kind]["driver"]
                rows.append(
                    (
                        f"{kind} ({q['clients']} clients)",
                        f"API p50 {a['p50_ms']} / p99 {a['p99_ms']} ms, {a['per_s']}/s, {a['errors']} errors",
                        f"driver p50 {dr['p50_ms']} / p99 {dr['p99_ms']} ms, {dr['per_s']}/s; "
                        f"API÷driver p50 {q[kind]['ratio_p50']}×, p99 {q[kind]['ratio_p99']}×, "
                        f"req/s {q[kind].get('ratio_throughput')}×; server CPU/request "
                        f"API {a.get('server_cpu_ms_per_request')} ms, driver {dr.get('server_cpu_ms_per_request')} ms",
                    )
                )
        for scheme, r in q.get("routing", {}).items():
            rows.append(
                (
                    f"entity via {scheme.replace('_again', ' (again)')}:// ({q['clients']} clients)",
                    f"API p50 {r['p50_ms']} / p99 {r['p99_ms']} ms, {r['per_s']}/s",
                    f"{r['errors']} errors",
                )
            )
        for kind in KINDS:
            for share, o in q.get(kind, {}).get("open_loop", {}).items():
                rows.append(
                    (
                        f"{kind} open loop {share.replace('pct', '%')}",
                        f"API p50 {o['p50_ms']} / p99 {o['p99_ms']} ms at {o['rate_per_s']}/s",
                        f"{o['sent']} sent, {o['errors']} errors",
                    )
                )
    if "analytics" in res:
        a = res["analytics"]
        p = a["projection"]
        rows.append(
            (
                "projection, columns (centrality)",
                f"{p['edges_per_s']:,} edges/s",
                f"{p['edges']:,} edges in {p['seconds']} s",
            )
        )
        if "networkx_seconds" in p:
            rows.append(
                (
                    "projection → NetworkX",
                    f"{p['networkx_edges_per_s']:,} edges/s",
                    f"{p['edges']:,} edges in {p['networkx_seconds']} s",
                )
            )
        rows.append(("degree", f"{a['degree_seconds']} s", f"simple graph {a['simple_graph_seconds']} s"))
        pr = a["pagerank"]
        rows.append(
            (
                "PageRank",
                f"igraph {pr['igraph_seconds']} s, NetworkX {pr['networkx_seconds']} s",
                f"{pr['speedup']}× faster; max |Δ| {pr['max_abs_diff']:.1e}, same top 20: {pr['same_top20']}",
            )
        )
        b = a["betweenness"]
        rows.append(
            (
                f"betweenness (k={b['k']})",
                f"igraph {b['igraph_seconds']} s, NetworkX {b['networkx_seconds']} s",
                f"{b['speedup']}× faster; max |Δ| {b['max_abs_diff']:.1e}; k={b['service_k']}: "
                f"{b['igraph_seconds_service_k']} s",
            )
        )
        y = a.get("yardstick")
        for metric in ("pagerank", "betweenness") if y else ():
            m = y[metric]
            libs = ", ".join(f"{k} {v} s" for k, v in m["library_seconds"].items())
            rows.append(
                (
                    f"yardstick {metric}",
                    f"ours {m['ours_seconds']} s ÷ yardstick {m['yardstick_seconds']} s = {m['ratio']}×",
                    f"edge read {y['edge_read_seconds']} s + {m['fastest_library']} ({libs})",
                )
            )
        if y and "edge_read_seconds_python_codec" in y:
            rows.append(
                (
                    "columnar edge read, warm",
                    f"Rust codec {y['edge_read_seconds_rust_codec']} s",
                    f"pure-Python codec {y['edge_read_seconds_python_codec']} s ({y['edges']:,} edges)",
                )
            )
        for name, w in a["api_warm"].items():
            rows.append(
                (
                    f"API {name}, warm cache",
                    f"p50 {w['p50_ms']} ms (max {w['max_ms']})",
                    f"cold {a['api_cold_seconds'][name]} s",
                )
            )
    if res.get("intake"):
        i = res["intake"]
        rows.append(
            (
                "intake (honglian draft)",
                f"{i['articles_per_s']} articles/s",
                f"peak RSS {i['peak_rss_mib']} MiB",
            )
        )
    if "pages" in res:
        pg = res["pages"]
        for name in ("home", "entity", "town"):
            t = pg[name]
            rows.append(
                (
                    f"{name} page (one client)",
                    f"p50 {t['p50_ms']} / p95 {t['p95_ms']} ms (max {t['max_ms']})",
                    f"HTML {t['html_kb_median']} KB; p95 within 200 ms: {t['within_budget']}",
                )
            )
        rows.append(
            (
                "first visit (home, all assets)",
                f"{pg['first_page_bytes']:,} bytes",
                f"within 300 KB: {pg['first_page_within_budget']}; entity page with the network library "
                f"{pg['entity_page_bytes']:,} bytes",
            )
        )
    width = [max(len(r[i]) for r in rows) for i in range(2)]
    lines += [f"{r[0]:<{width[0]}}  {r[1]:<{width[1]}}  {r[2]}" for r in rows]
    return "\n".join(lines)


def _rss_mib(pid: int) -> float:
    """Resident memory of a process and its children (uvicorn's workers), MiB."""
    kib = 0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            kib = int(line.split()[1])
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return round(kib / 1024 + sum(_rss_mib(int(c)) for c in children))


def _tree_cpu_seconds(pid: int) -> float:
    """CPU seconds of a running process and of its running children (uvicorn's workers)."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        return _cpu_seconds(pid) + sum(_tree_cpu_seconds(int(c)) for c in children)
    except FileNotFoundError:
        return 0.0


def _cpu_seconds(pid: int | None) -> float:
    """CPU time (user + system) a running process has used so far, in seconds."""
    if pid is None:
        return float("nan")
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _own_cpu_seconds() -> float:
    """CPU seconds of this process and of its children that have finished."""
    import resource

    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _password(workdir: Path) -> str:
    """The bench server's password, made once per work dir (a later run reuses the data dir)."""
    path = workdir / "neo4j-password"
    if not path.exists():
        path.write_text("bench-" + secrets.token_hex(8))
        path.chmod(0o600)
    return path.read_text().strip()


def _mem_gib() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) / 2**20
    return float("nan")


def _digest(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument(
        "--size",
        choices=sorted(SIZES),
        default="small",
        help="small ~10k relationships (default), medium ~150k, province ~1.5M",
    )
    ap.add_argument("--seed", type=int, default=7, help="generator seed: same seed, same data (default 7)")
    ap.add_argument("--clients", type=int, default=32, help="concurrent clients in the query stage")
    ap.add_argument(
        "--seconds", type=float, default=10.0, help="seconds per query run (each kind, API and driver)"
    )
    ap.add_argument("--stages", nargs="+", choices=STAGES, default=list(STAGES))
    ap.add_argument(
        "--betweenness-k",
        type=int,
        default=None,
        help="pivots for the NetworkX-vs-igraph betweenness comparison (default by size)",
    )
    ap.add_argument("--workdir", type=Path, help="default build/bench/SIZE")
    ap.add_argument("--keep-running", action="store_true", help="leave the bench Neo4j running at the end")
    args = ap.parse_args(argv)

    workdir = (args.workdir or ROOT / "build" / "bench" / args.size).resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    bench = Bench(args.size, args.seed, workdir)
    bench.keep_earlier(workdir / "results.json", args.stages)
    k_nx = args.betweenness_k or {"small": 200, "medium": 50, "province": 20}[args.size]
    try:
        bench.generate()
        if "online" in args.stages:
            bench.online()
            bench.done("online")
        if "bulk" in args.stages:
            bench.bulk()
            bench.done("bulk")
        elif not bench.runtime().running():
            bench.runtime().start()
        if "queries" in args.stages:
            bench.queries(args.clients, args.seconds)
            bench.done("queries")
        if "analytics" in args.stages:
            bench.analytics(k_nx, k_ig=500)
            bench.done("analytics")
        if "pages" in args.stages:
            bench.pages()
            bench.done("pages")
        if "intake" in args.stages and bench.intake():
            bench.done("intake")
    finally:
        if not args.keep_running:
            bench.runtime().stop()
        out = workdir / "results.json"
        bench.results["summary"] = summary(bench.results)
        out.write_text(json.dumps(bench.results, indent=2, ensure_ascii=False))
    print(table(bench.results))
    print("\nsummary: " + json.dumps(bench.results["summary"], ensure_ascii=False))
    print(f"\n(all figures: {out})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
