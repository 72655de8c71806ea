"""The analytics yardstick: the fastest way this machine knows to answer the same question.

Neo4j's Graph Data Science library is what a Neo4j user would reach for, but it is not on the
registries this project may use. The yardstick is therefore the fastest pieces available here:

* the fastest read of the same edge list over Bolt (``cypher/bench/edge_ids.cypher``: two columnar
  lists of internal integer ids in one record, the projection's physical limit), and
* the fastest library's metric on the graph built straight from those arrays: igraph (C) or NetworKit
  (parallel C++), whichever is faster, graph construction included.

Ours is the service's path end to end: the projection (``graph.projection.build_sync``) plus the
metric as ``graph.analytics.centrality`` computes it. The bench reports ours ÷ the yardstick.

Both libraries must give NetworkX's numbers: NetworKit's PageRank (rescaled to sum to 1, as NetworkX's
does) within ``PAGERANK_TOLERANCE`` of NetworkX's tight solve, and NetworKit's exact betweenness equal
to igraph's (itself checked against NetworkX) on a neighbourhood of a few thousand nodes.
"""

from __future__ import annotations

import random
import time
from typing import Any

import numpy as np
from neo4j import RoutingControl

from graph.db import cypher


def _timed(fn):
    started = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - started


def read_edges(driver, database: str) -> tuple[np.ndarray, np.ndarray, int, float]:
    """The visible edge list as (src, dst) arrays of dense vertex numbers, the vertex count and the
    seconds the read and the renumbering took."""
    started = time.perf_counter()
    record = driver.execute_query(
        cypher("bench/edge_ids"), database_=database, routing_=RoutingControl.READ
    ).records[0]
    src = np.fromiter(record["src"], dtype=np.int64, count=len(record["src"]))
    dst = np.fromiter(record["dst"], dtype=np.int64, count=len(record["dst"]))
    ids, dense = np.unique(np.concatenate([src, dst]), return_inverse=True)
    dense = dense.astype(np.int64)
    return dense[: len(src)], dense[len(src) :], len(ids), time.perf_counter() - started


def igraph_graph(src: np.ndarray, dst: np.ndarray, n: int):
    import igraph

    g = igraph.Graph(n=n, edges=np.column_stack([src, dst]).tolist(), directed=False)
    g.simplify()
    return g


def networkit_graph(src: np.ndarray, dst: np.ndarray, n: int):
    import networkit as nk

    keep = src != dst
    g = nk.GraphFromCoo((src[keep], dst[keep]), n=n, directed=False)
    g.removeMultiEdges()
    return g


def networkit_pagerank(g, alpha: float = 0.85, tol: float = 1e-12) -> list[float]:
    """NetworKit's PageRank rescaled to sum to 1 (NetworkX's normalisation)."""
    import networkit as nk

    pr = nk.centrality.PageRank(
        g, damp=alpha, tol=tol, distributeSinks=nk.centrality.SinkHandling.DistributeSinks
    )
    pr.maxIterations = 100_000
    pr.run()
    scores = np.asarray(pr.scores())
    return list(scores / scores.sum())


def networkit_betweenness(g, k: int | None) -> list[float]:
    """Betweenness from ``k`` sampled pivots (NetworKit's parallel estimate), or exact when None."""
    import networkit as nk

    if k is None:
        b = nk.centrality.Betweenness(g, normalized=True)
    else:
        b = nk.centrality.EstimateBetweenness(g, min(k, g.numberOfNodes()), normalized=True, parallel=True)
    b.run()
    return b.scores()


def metrics(
    src: np.ndarray, dst: np.ndarray, n: int, metric: str, k: int | None, seed: int = 42
) -> dict[str, float]:
    """Seconds each library takes for ``metric`` (PageRank, or betweenness from ``k`` pivots, all
    when None), graph construction included."""
    out: dict[str, float] = {}
    g, t_build = _timed(lambda: igraph_graph(src, dst, n))
    if metric == "pagerank":
        _, t = _timed(lambda: g.pagerank(directed=False, damping=0.85))
    else:
        pivots = None if k is None else random.Random(seed).sample(range(n), min(k, n))
        _, t = _timed(lambda: g.betweenness(directed=False, sources=pivots))
    out["igraph"] = t_build + t
    g = None
    g, t_build = _timed(lambda: networkit_graph(src, dst, n))
    if metric == "pagerank":
        _, t = _timed(lambda: networkit_pagerank(g))
    else:
        _, t = _timed(lambda: networkit_betweenness(g, k))
    out["networkit"] = t_build + t
    return out


def agreement(s, pagerank_reference: dict[str, float], ball_nodes: int = 3000) -> dict[str, Any]:
    """How far NetworKit is from NetworkX on ``s`` (the service's simple graph): PageRank against
    NetworkX's tight solve, exact betweenness against igraph's on a ``ball_nodes`` neighbourhood."""
    import networkx as nx

    from graph import analytics as A

    nodes = list(s.nodes)
    index = {v: i for i, v in enumerate(nodes)}
    edges = np.array([(index[u], index[v]) for u, v in s.edges()], dtype=np.int64).reshape(-1, 2)
    g = networkit_graph(edges[:, 0], edges[:, 1], len(nodes))
    pr = networkit_pagerank(g, tol=1e-15)
    pagerank_diff = max(abs(pr[index[v]] - pagerank_reference[v]) for v in nodes)

    # A neighbourhood of the best-connected node: big enough to have many shortest paths, small
    # enough for exact betweenness in a second.
    centre = max(s.degree, key=lambda x: x[1])[0]
    ball: list[str] = []
    for layer in nx.bfs_layers(s, [centre]):
        ball.extend(layer)
        if len(ball) >= ball_nodes:
            break
    sub = s.subgraph(ball[:ball_nodes])
    exact_ig = A.igraph_betweenness(sub)
    sub_nodes = list(sub.nodes)
    sub_index = {v: i for i, v in enumerate(sub_nodes)}
    sub_edges = np.array([(sub_index[u], sub_index[v]) for u, v in sub.edges()], dtype=np.int64).reshape(
        -1, 2
    )
    import networkit as nk

    b = nk.centrality.Betweenness(
        networkit_graph(sub_edges[:, 0], sub_edges[:, 1], len(sub_nodes)), normalized=True
    )
    b.run()
    scores = b.scores()
    betweenness_diff = max(abs(scores[sub_index[v]] - exact_ig[v]) for v in sub_nodes)
    return {
        "networkit_pagerank_max_abs_diff": pagerank_diff,
        "networkit_betweenness_max_abs_diff": betweenness_diff,
        "betweenness_check_nodes": len(sub_nodes),
    }


def main(argv: list[str] | None = None) -> int:
    """``python -m bench.yardstick [--no-rust]``: time the columnar edge read of the configured Neo4j
    (the bench's, from its environment) and print it as JSON; ``--no-rust`` hides the driver's Rust
    codec (``neo4j-rust-ext``) so the pure-Python one is measured."""
    import json
    import sys

    argv = sys.argv[1:] if argv is None else argv
    if "--no-rust" in argv:
        sys.modules["neo4j._rust"] = None  # type: ignore[assignment]  # import fails: pure Python
    from graph.db import sync_driver
    from graph.settings import Settings

    settings = Settings()
    with sync_driver(settings) as driver:
        read_edges(driver, settings.neo4j_database)  # warm: plan cached, pages in memory
        src, _, _, seconds = read_edges(driver, settings.neo4j_database)
    from neo4j._codec.packstream import v1

    print(json.dumps({"seconds": seconds, "edges": len(src), "rust": v1._rust_unpack is not None}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
