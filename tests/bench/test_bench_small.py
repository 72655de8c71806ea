"""`make bench SIZE=small`, end to end, as CI runs it: it catches gross regressions, never times them.

The whole benchmark runs as a subprocess on a Neo4j of its own in a temporary work dir: generate,
online load, bulk import, queries through the API and the bare driver, analytics. What is asserted
is what must hold at any speed: it finishes, both load paths store the same graph, no query fails,
igraph and NetworkX agree, the API's analytics come from its cache on the second call, and the
table shows every figure.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.run import KINDS

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bench(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("bench-small")
    env = {k: v for k, v in os.environ.items() if k != "NEO4J_URI"}
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.run",
            "--size",
            "small",
            "--clients",
            "8",
            "--seconds",
            "1",
            "--betweenness-k",
            "50",
            "--workdir",
            str(workdir),
            # pages and intake have tests of their own (tests/web, tests/intake)
            "--stages",
            "generate",
            "online",
            "bulk",
            "queries",
            "analytics",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, f"bench failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-5000:]}"
    return proc.stdout, json.loads((workdir / "results.json").read_text())


def test_both_load_paths_store_the_whole_generated_graph(bench):
    _, res = bench
    data, online, bulk = res["data"], res["online"], res["bulk"]
    assert online["relationships"] == bulk["relationships"] == data["relationships"]
    assert online["entities"] == bulk["entities"] == data["entities"]
    assert online["loader_peak_rss_mib"] > 0 and bulk["seconds_import"] > 0


def test_every_query_kind_ran_without_errors_through_api_and_driver(bench):
    _, res = bench
    q = res["queries"]
    for kind in KINDS:
        for side in ("api", "driver"):
            assert q[kind][side]["errors"] == 0, (kind, side, q[kind][side])
            assert q[kind][side]["requests"] > 0, (kind, side)
        assert q[kind]["ratio_p50"] > 0
        for share in ("50pct", "80pct"):  # open loop at fixed shares of the driver's saturation rate
            o = q[kind]["open_loop"][share]
            # Past the API's own saturation an open loop is refused some requests: a figure, not a fault.
            assert o["sent"] > o["errors"] >= 0 and o["p99_ms"] >= o["p50_ms"] > 0, (kind, o)
    assert q["routing"]["neo4j"]["errors"] == 0 and q["routing"]["neo4j"]["per_s"] > 0


def test_fast_library_gives_networkx_numbers(bench):
    _, res = bench
    a = res["analytics"]
    assert a["projection"]["edges"] > 0
    assert a["pagerank"]["max_abs_diff"] < 1e-6
    assert a["pagerank"]["same_top20"] is True
    assert a["betweenness"]["max_abs_diff"] < 1e-9
    assert set(a["api_warm"]) == {"pagerank", "degree", "betweenness"}
    y = a["yardstick"]  # NetworKit agrees with NetworkX (else the bench exits non-zero)
    assert y["agreement"]["networkit_pagerank_max_abs_diff"] < 1e-6
    assert y["agreement"]["networkit_betweenness_max_abs_diff"] < 1e-9
    assert y["pagerank"]["ratio"] > 0 and y["betweenness"]["ratio"] > 0
    assert y["edge_read_seconds_rust_codec"] > 0 and y["edge_read_seconds_python_codec"] > 0


def test_summary_has_every_headline_figure(bench):
    _, res = bench
    summary = res["summary"]
    for key in (
        "online_rels_per_s",
        "bulk_import_speedup",
        "bulk_end_to_end_speedup",
        "projection_edges_per_s",
        "yardstick_end_to_end_ratio",
        "entity_p99_ms_at_50pct",
        "relationships_p99_ms_at_50pct",
        "search_p50_ms",
        "search_p99_ms",
        "entity_api_driver_throughput_ratio",
    ):
        assert isinstance(summary[key], int | float) and summary[key] > 0, key
    assert summary["date"] and summary["machine"] and summary["neo4j"]["heap"]


def test_table_shows_every_figure(bench):
    out, res = bench
    assert f"size small (seed {res['seed']})" in out
    for row in [
        "online load",
        "bulk (neo4j-admin import)",
        *[f"{k} (8 clients)" for k in KINDS],
        "projection → NetworkX",
        "PageRank",
        "betweenness (k=50)",
        "API pagerank, warm cache",
        "yardstick pagerank",
        "entity open loop 50%",
    ]:
        assert row in out, row
