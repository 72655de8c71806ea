"""The columnar projection reads the same graph as the NetworkX projection, from the real Neo4j."""

from __future__ import annotations

import math
from collections import Counter

import pytest

from graph.projection import build_projection, read_arrays


@pytest.mark.parametrize("include_private", [False, True])
def test_columns_hold_the_networkx_projections_nodes_and_edges(seeded, driver, settings, include_private):
    g = build_projection(driver, settings.neo4j_database, include_private)
    a = read_arrays(driver, settings.neo4j_database, include_private)
    assert a.ids == list(g.nodes)  # same entities, same order (the pivots of sampled betweenness)
    assert a.types == [d["type"] for _, d in g.nodes(data=True)]
    columns = Counter(
        (a.ids[s], a.ids[t], None if math.isnan(m) else m)
        for s, t, m in zip(a.src.tolist(), a.dst.tolist(), a.amount.tolist(), strict=True)
    )
    graph = Counter((u, v, d["amount"]) for u, v, d in g.edges(data=True))
    assert columns == graph and len(a.src) == g.number_of_edges() > 150
    assert any(m is not None for _, _, m in columns)  # amounts come through
    private = {n for n, d in build_projection(driver, settings.neo4j_database, True).nodes(data=True)} - set(
        a.ids
    )
    assert bool(private) != include_private  # private persons only for a keyed reader
