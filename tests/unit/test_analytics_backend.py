"""The igraph backend gives NetworkX's numbers, so the service may use it on large graphs."""

import networkx as nx
import pytest

from graph import analytics as A


@pytest.fixture(scope="module")
def graph() -> nx.Graph:
    g = nx.gnm_random_graph(2100, 6000, seed=11)
    g = nx.relabel_nodes(g, {i: f"n{i:04d}" for i in g})
    g.add_nodes_from(["isolated-a", "isolated-b"])
    for i, (u, v) in enumerate(g.edges()):
        g[u][v]["weight"] = 1.0 + (i % 7) * 1000.0
    return g


@pytest.mark.parametrize("k", [None, 40])
def test_betweenness_matches_networkx(graph, k):
    g = graph if k else graph.subgraph([*list(graph)[:700], "isolated-a"])  # exact: a smaller graph
    expected = nx.betweenness_centrality(g, k=k, seed=42)
    got = A.igraph_betweenness(g, k=k, seed=42)
    assert got.keys() == expected.keys()
    assert max(abs(got[n] - expected[n]) for n in g) < 1e-9
    assert max(expected.values()) > 0.001  # a real signal, not all zeros


@pytest.mark.parametrize("weighted", [False, True])
def test_pagerank_matches_networkx(graph, weighted):
    expected = nx.pagerank(graph, weight="weight" if weighted else None, tol=1e-12)
    got = A.igraph_pagerank(graph, weighted)
    assert max(abs(got[n] - expected[n]) for n in graph) < 1e-8
    top = [n for n, _, _ in A.ranked(expected, 20)]
    assert [n for n, _, _ in A.ranked(got, 20)] == top


def test_centrality_uses_the_backend_on_large_graphs_only(graph):
    multi = nx.MultiDiGraph(graph)
    assert A.fast_backend(A.simple(multi))
    small = nx.MultiDiGraph(graph.subgraph(list(graph)[:100]))
    assert not A.fast_backend(A.simple(small))
    result = A.centrality(multi, "betweenness", k=30)
    assert result.k == 30
    reference = nx.betweenness_centrality(A.simple(multi), k=30, seed=42)
    assert max(abs(result.scores[n] - reference[n]) for n in graph) < 1e-9
    pr = A.centrality(multi, "pagerank").scores
    ref = nx.pagerank(A.simple(multi), tol=1e-12)
    assert max(abs(pr[n] - ref[n]) for n in graph) < 1e-8
    # NetworkX's default stops when the L1 change is below n × 1e-6; the exact solve is within that.
    loose = nx.pagerank(A.simple(multi))
    assert sum(abs(pr[n] - loose[n]) for n in graph) < len(graph) * 1e-6
