"""The analytics equal NetworkX's own results on a fixture, and never change their input."""

from __future__ import annotations

import networkx as nx
import pytest

from graph import analytics as A
from graph.errors import NotATown


def _rows():
    nodes = [
        ("t", "place", "town"),
        ("v1", "place", "village"),
        ("v2", "place", "village"),
        ("v3", "place", "village"),
        ("e1", "organization", "enterprise"),
        ("e2", "organization", "enterprise"),
        ("w", "organization", "work_team"),
        ("p", "person", None),
        ("x", "place", "town"),
        ("v4", "place", "village"),
    ]
    rows = [{"id": i, "type": t, "kind": k, "name": i.upper()} for i, t, k in nodes]
    edges = [
        ("v1", "t", "part_of", None),
        ("v2", "t", "part_of", None),
        ("v3", "t", "part_of", None),
        ("e1", "v1", "pairs_with", None),
        ("e2", "v2", "pairs_with", None),
        ("e1", "t", "donates_to", 200000),
        ("e1", "t", "pairs_with", None),
        ("w", "t", "located_in", None),
        ("p", "w", "holds_position", None),
        ("v4", "x", "part_of", None),
        ("e2", "v4", "pairs_with", None),
    ]
    grouped: dict[str, list] = {}
    for a, b, r, w in edges:
        grouped.setdefault(a, []).append([f"{r}--{a}--{b}", b, r, w])
    return rows, list(grouped.items())


@pytest.fixture
def g():
    return A.build_graph(*_rows())


def test_projection_keeps_types_and_weights(g):
    assert g.number_of_nodes() == 10 and g.number_of_edges() == 11
    assert g.nodes["e1"] == {"type": "organization", "kind": "enterprise", "name": "E1", "aliases": []}
    assert g.edges["e1", "t", "donates_to--e1--t"]["amount"] == 200000.0


@pytest.mark.parametrize(
    "metric,reference",
    [
        ("degree", nx.degree_centrality),
        ("betweenness", nx.betweenness_centrality),
        ("closeness", nx.closeness_centrality),
        ("pagerank", lambda s: nx.pagerank(s, weight=None)),
    ],
)
def test_metrics_equal_networkx(g, metric, reference):
    expected = reference(A.simple(g))
    got = A.centrality(g, metric).scores
    assert got.keys() == expected.keys()
    for n in got:
        assert got[n] == pytest.approx(expected[n], abs=1e-9)


def test_eigenvector_on_a_connected_graph_equals_networkx(g):
    connected = A.filtered(g, types=["place", "organization", "person"])
    s = A.simple(connected)
    assert nx.is_connected(s)
    expected = nx.eigenvector_centrality_numpy(s)
    got = A.centrality(connected, "eigenvector").scores
    for n in got:
        assert got[n] == pytest.approx(abs(expected[n]), abs=1e-6)


def test_weighted_pagerank_uses_amounts(g):
    plain = A.centrality(g, "pagerank").scores
    weighted = A.centrality(g, "pagerank", weighted=True).scores
    assert weighted["e1"] > plain["e1"]


def test_sampled_betweenness_reports_k(g):
    result = A.centrality(g, "betweenness", k=3, seed=1)
    assert result.k == 3
    assert result.scores == A.centrality(g, "betweenness", k=3, seed=1).scores


def test_metrics_do_not_change_their_input(g):
    before = (sorted(g.nodes(data=True)), sorted(g.edges(keys=True, data=True), key=str))
    for m in A.METRICS:
        A.centrality(g, m)
    A.communities(g)
    A.brokers(g)
    A.coverage(g, "t")
    assert (sorted(g.nodes(data=True)), sorted(g.edges(keys=True, data=True), key=str)) == before


def test_ranked_orders_and_numbers():
    assert A.ranked({"a": 1, "b": 3, "c": 3}, limit=2) == [("b", 3, 1), ("c", 3, 2)]


def test_communities_are_louvain_with_modularity(g):
    result = A.communities(g, seed=7)
    s = A.simple(g)
    expected = nx.community.louvain_communities(s, seed=7)
    assert sorted(map(sorted, result["communities"])) == sorted(map(sorted, expected))
    assert result["modularity"] == pytest.approx(nx.community.modularity(s, expected))
    assert set().union(*result["communities"]) == set(g.nodes)


def test_brokers(g):
    b = A.brokers(g)
    s = A.simple(g)
    assert b["articulation_points"] == sorted(nx.articulation_points(s))
    assert ("p", "w") in b["bridges"] and "w" in b["articulation_points"]


def test_coverage_names_the_uncovered_village(g):
    c = A.coverage(g, "t")
    assert c["total"] == 3 and c["covered"] == 2 and not c["fully_covered"]
    assert c["uncovered"] == ["v3"]
    assert {r["village"]: r["partners"] for r in c["villages"]}["v1"] == ["e1"]
    assert c["town_partners"] == ["e1"]
    with pytest.raises(NotATown):
        A.coverage(g, "v1")


def test_enterprise_village_projection(g):
    p = A.enterprise_village_projection(g)
    assert set(p.nodes) == {"e1", "e2"}
    assert p["e1"]["e2"]["weight"] == 1  # both pair within town t


def test_filters_and_scope(g):
    only_places = A.filtered(g, types=["place"])
    assert all(d["type"] == "place" for _, d in only_places.nodes(data=True))
    pairing = A.filtered(g, rels=["pairs_with"])
    assert {d["rel"] for *_, d in pairing.edges(data=True)} == {"pairs_with"}
    near = A.scope(g, "v3", radius=1)
    assert set(near.nodes) == {"v3", "t"}
