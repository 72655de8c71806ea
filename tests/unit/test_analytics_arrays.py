"""Centrality on the projection's columns gives the numbers centrality gives on its NetworkX graph."""

from __future__ import annotations

import random

import numpy as np
import pytest

from graph import analytics as A


@pytest.fixture(scope="module")
def rows():
    """Projection rows with what the real graph has: parallel edges both ways, self-loops, amounts on
    some edges (0 among them), isolated nodes, and edges to ids that are not nodes (sources)."""
    rnd = random.Random(5)
    ids = sorted(f"e{i:05d}" for i in range(2600))
    nodes = [{"id": i, "type": rnd.choice(["place", "person"]), "kind": None, "name": i} for i in ids]
    out: dict[str, list] = {}
    for j in range(9000):
        a, b = rnd.choice(ids[:2400]), rnd.choice(ids[:2400])  # the last 200 stay isolated
        if j % 97 == 0:
            b = "src-article"  # not a node: left out by both
        amount = rnd.choice([None, None, 0, 5000, 123.5])
        out.setdefault(a, []).append([f"r{j}", b, "pairs_with", amount])
        if j % 50 == 0:
            out[a].append([f"r{j}-loop", a, "visits", None])
    return nodes, sorted(out.items())


def _arrays(nodes, edges) -> A.Arrays:
    position = {n["id"]: i for i, n in enumerate(nodes)}
    src, dst, amount = [], [], []
    for a, out in edges:
        for _, b, _, value in out:
            if a in position and b in position:
                src.append(position[a])
                dst.append(position[b])
                amount.append(np.nan if value is None else float(value))
    return A.Arrays(
        [n["id"] for n in nodes], [n["type"] for n in nodes], np.array(src), np.array(dst), np.array(amount)
    )


@pytest.mark.parametrize(
    ("metric", "weighted", "k", "tolerance"),
    [
        ("degree", False, None, 0.0),
        ("pagerank", False, None, 1e-9),  # the project holds PageRank to 1e-6 of NetworkX
        ("pagerank", True, None, 1e-9),  # weights summed in another order: ~1e-13 apart
        ("betweenness", False, 60, 1e-12),
        ("betweenness", False, None, 1e-12),
    ],
)
def test_columns_give_the_networkx_projections_numbers(rows, metric, weighted, k, tolerance):
    nodes, edges = rows
    g = A.build_graph(nodes, edges)
    expected = A.centrality(g, metric, weighted, k=k)
    got = A.centrality_arrays(_arrays(nodes, edges), metric, weighted, k=k)
    assert got.k == expected.k
    assert got.scores.keys() == expected.scores.keys()
    assert max(abs(got.scores[n] - expected.scores[n]) for n in got.scores) <= tolerance
    assert max(got.scores.values()) > 0  # a real signal
    assert [n for n, *_ in A.ranked(got.scores, 20)] == [n for n, *_ in A.ranked(expected.scores, 20)]


def test_other_metrics_need_the_graph(rows):
    with pytest.raises(ValueError, match="NetworkX"):
        A.centrality_arrays(_arrays(*rows), "closeness")
