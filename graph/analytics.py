"""Network analytics over a NetworkX projection of the graph (pure functions).

``build_graph`` turns the rows of ``cypher/analytics/projection_*.cypher`` into a
``networkx.MultiDiGraph`` (nodes: type, kind, name; edges: rel, weight = amount
in CNY when stated). Every metric takes a graph and returns a fresh dict; none
changes its input. Anything random takes ``seed=``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from graph.errors import NotATown
from graph.towns import NAMED, NOT_NAMED, PARTNER_KINDS, coverage_note

METRICS = ("degree", "betweenness", "closeness", "eigenvector", "pagerank")
EXACT_BETWEENNESS_MAX_NODES = 5000
BETWEENNESS_SAMPLE = 500


def build_graph(
    nodes: Iterable[dict[str, Any]], edges: Iterable[tuple[str, list[list[Any]]]]
) -> nx.MultiDiGraph:
    """A MultiDiGraph from the projection's rows; streams, never holds the rows.

    ``nodes``: {id, type, kind, name, aliases} (``cypher/analytics/projection_nodes.cypher``);
    ``edges``: (source id, [[relationship id, target id, type, amount], ...]) per start node
    (``projection_edges.cypher``). Edges to ids that are not nodes are left out.
    """
    g = nx.MultiDiGraph()
    add_nodes(g, nodes)
    add_edges(g, edges)
    return g


def add_nodes(g: nx.MultiDiGraph, rows: Iterable[dict[str, Any]]) -> None:
    g.add_nodes_from(
        (
            r["id"],
            {
                "type": r["type"],
                "kind": r["kind"],
                "name": r["name"],
                "aliases": list(r.get("aliases") or []),
            },
        )
        for r in rows
    )


def add_edges(g: nx.MultiDiGraph, rows: Iterable[tuple[str, list[list[Any]]]]) -> None:
    """Edges grouped by start node: (source id, [[relationship id, target id, type, amount or None], ...])."""
    g.add_edges_from(
        (source, target, rid, {"rel": rel, "amount": None if amount is None else float(amount)})
        for source, out in rows
        if source in g
        for rid, target, rel, amount in out
        if target in g
    )


def filtered(
    g: nx.MultiDiGraph, types: Iterable[str] | None = None, rels: Iterable[str] | None = None
) -> nx.MultiDiGraph:
    """A copy keeping only the given entity types and relationship types (None keeps all)."""
    types, rels = (set(types) if types else None), (set(rels) if rels else None)
    keep = [n for n, d in g.nodes(data=True) if types is None or d.get("type") in types]
    sub = g.subgraph(keep).copy()
    if rels is not None:
        sub.remove_edges_from(
            [(u, v, k) for u, v, k, d in sub.edges(keys=True, data=True) if d.get("rel") not in rels]
        )
    return sub


def simple(g: nx.MultiDiGraph, weight: str | None = None) -> nx.Graph:
    """Undirected simple graph: parallel edges merged; ``weight`` summed (missing counts as 1)."""
    out = nx.Graph()
    out.add_nodes_from(g.nodes(data=True))
    for u, v, d in g.edges(data=True):
        if u == v:
            continue
        w = d.get(weight) if weight else None
        w = 1.0 if w is None else float(w)
        if out.has_edge(u, v):
            out[u][v]["weight"] += w
        else:
            out.add_edge(u, v, weight=w)
    return out


@dataclass
class Centrality:
    metric: str
    scores: dict[str, float]
    k: int | None = None  # betweenness: sampled pivots (None = exact)


def centrality(
    g: nx.MultiDiGraph, metric: str = "degree", weighted: bool = False, seed: int = 42, k: int | None = None
) -> Centrality:
    """One centrality measure over the undirected simple view of ``g``.

    Parameters
    ----------
    g : networkx.MultiDiGraph
        The projection (see ``build_graph``).
    metric : {"degree", "betweenness", "closeness", "eigenvector", "pagerank"}
    weighted : bool
        PageRank only: weight edges by donation amounts (other edges weigh 1).
    seed : int
        Seed for sampled betweenness.
    k : int, optional
        Betweenness pivots; by default exact up to 5,000 nodes, else 500 sampled.

    Returns
    -------
    Centrality
        ``scores`` maps node id to score; ``k`` tells whether betweenness was sampled.

    Notes
    -----
    Degree, closeness and eigenvector use NetworkX's normalised definitions. Eigenvector
    centrality is computed per connected component (it is undefined across components) and
    scaled by component size. Betweenness is Brandes' algorithm, O(nm); sampled with ``k``
    pivots on large graphs.

    Examples
    --------
    >>> g = build_graph([{"id": i, "type": "place", "kind": None, "name": i} for i in "abc"],
    ...                 [("a", [["ab", "b", "part_of", None]])])
    >>> centrality(g, "degree").scores["a"]
    0.5
    """
    if metric not in METRICS:
        raise ValueError(f"unknown metric {metric!r}; choose one of {', '.join(METRICS)}")
    s = simple(g, weight="amount" if weighted else None)
    if s.number_of_nodes() == 0:
        return Centrality(metric, {})
    if metric == "degree":
        return Centrality(metric, nx.degree_centrality(s))
    if metric == "betweenness":
        n = s.number_of_nodes()
        if k is None and n > EXACT_BETWEENNESS_MAX_NODES:
            k = BETWEENNESS_SAMPLE
        k = min(k, n) if k else None
        if fast_backend(s):
            return Centrality(metric, igraph_betweenness(s, k=k, seed=seed), k)
        return Centrality(metric, nx.betweenness_centrality(s, k=k, seed=seed), k)
    if metric == "closeness":
        return Centrality(metric, nx.closeness_centrality(s))
    if metric == "eigenvector":
        scores: dict[str, float] = {}
        for comp in nx.connected_components(s):
            sub = s.subgraph(comp)
            if sub.number_of_nodes() == 1:
                scores.update(dict.fromkeys(comp, 0.0))
                continue
            part = nx.eigenvector_centrality_numpy(sub)
            share = sub.number_of_nodes() / s.number_of_nodes()
            scores.update({n: abs(v) * share for n, v in part.items()})
        return Centrality(metric, scores)
    if fast_backend(s):
        return Centrality(metric, igraph_pagerank(s, weighted))
    return Centrality(metric, nx.pagerank(s, weight="weight" if weighted else None))


# ---------------------------------------------------------------- igraph backend
#: From this many nodes, PageRank and betweenness run in igraph (C) instead of pure-Python NetworkX.
#: Both give NetworkX's numbers: tests/unit/test_analytics_backend.py holds them equal (PageRank within
#: 1e-8 of NetworkX's tight solve, betweenness to 1e-9 with the same sampled pivots); docs/benchmarks.md has the speed-up.
FAST_BACKEND_MIN_NODES = 2000


def fast_backend(s: nx.Graph) -> bool:
    if s.number_of_nodes() < FAST_BACKEND_MIN_NODES:
        return False
    try:
        import igraph  # noqa: F401
    except ImportError:  # an optional speed-up: NetworkX answers the same without it
        return False
    return True


def to_igraph(s: nx.Graph, weight: str | None = None):
    """``s`` as an undirected igraph Graph; vertex i is ``list(s.nodes)[i]``."""
    import igraph

    index = {n: i for i, n in enumerate(s.nodes)}
    edges = [(index[u], index[v]) for u, v in s.edges()]
    g = igraph.Graph(n=len(index), edges=edges, directed=False)
    if weight:
        g.es["weight"] = [d.get(weight, 1.0) for _, _, d in s.edges(data=True)]
    return g


def igraph_pagerank(s: nx.Graph, weighted: bool = False, alpha: float = 0.85) -> dict[str, float]:
    """PageRank of the simple graph by igraph's PRPACK (an exact solve; NetworkX iterates to 1e-6)."""
    g = to_igraph(s, "weight" if weighted else None)
    scores = g.pagerank(directed=False, damping=alpha, weights="weight" if weighted else None)
    return dict(zip(s.nodes, scores, strict=True))


def igraph_betweenness(s: nx.Graph, k: int | None = None, seed: int = 42) -> dict[str, float]:
    """NetworkX's normalised betweenness (``k`` pivots drawn exactly as NetworkX draws them), by igraph.

    igraph counts each unordered pair once; NetworkX accumulates ordered pairs from each pivot and
    rescales. Scores are converted with NetworkX's own rescaling (endpoints excluded).
    """
    import random

    nodes = list(s.nodes)
    n = len(nodes)
    if n < 3:
        return dict.fromkeys(nodes, 0.0)
    g = to_igraph(s)
    if k is None:
        raw = g.betweenness(directed=False)
        scale = 2 / ((n - 1) * (n - 2))
        return {v: b * scale for v, b in zip(nodes, raw, strict=True)}
    pivots = random.Random(seed).sample(nodes, k)
    index = {v: i for i, v in enumerate(nodes)}
    raw = g.betweenness(directed=False, sources=[index[p] for p in pivots])
    big_n = n - 1
    scale_pivot = 2 / ((k - 1) * (big_n - 1)) if k > 1 else float("nan")
    scale_other = 2 / (k * (big_n - 1))
    chosen = set(pivots)
    return {v: b * (scale_pivot if v in chosen else scale_other) for v, b in zip(nodes, raw, strict=True)}


def ranked(
    scores: dict[str, float], limit: int | None = None, keep: Iterable[str] | None = None
) -> list[tuple[str, float, int]]:
    """(id, score, rank) by score, ties broken by id; rank 1 is the highest."""
    keep = set(keep) if keep is not None else None
    items = sorted(
        ((n, v) for n, v in scores.items() if keep is None or n in keep), key=lambda x: (-x[1], x[0])
    )
    return [(n, v, i + 1) for i, (n, v) in enumerate(items[:limit] if limit else items)]


def communities(g: nx.MultiDiGraph, seed: int = 42, resolution: float = 1.0) -> dict[str, Any]:
    """Louvain communities of the undirected simple view, largest first, with modularity.

    Returns ``{"algorithm": "louvain", "seed", "modularity", "communities": [set of ids, ...]}``.
    """
    s = simple(g)
    if s.number_of_edges() == 0:
        return {
            "algorithm": "louvain",
            "seed": seed,
            "modularity": 0.0,
            "communities": [{n} for n in sorted(s.nodes)],
        }
    comms = nx.community.louvain_communities(s, seed=seed, resolution=resolution)
    comms = sorted(comms, key=lambda c: (-len(c), min(c)))
    return {
        "algorithm": "louvain",
        "seed": seed,
        "modularity": nx.community.modularity(s, comms, resolution=resolution),
        "communities": comms,
    }


def brokers(g: nx.MultiDiGraph) -> dict[str, list]:
    """Articulation points (nodes whose removal splits the network) and bridges (such edges)."""
    s = simple(g)
    return {
        "articulation_points": sorted(nx.articulation_points(s)),
        "bridges": sorted(tuple(sorted(e)) for e in nx.bridges(s)),
    }


def enterprise_village_projection(g: nx.MultiDiGraph) -> nx.Graph:
    """Enterprises linked when they pair with villages of the same town (weight = shared towns).

    The bipartite graph is enterprise —PAIRS_WITH→ village; villages are replaced by their town
    (PART_OF), and the enterprise side is projected with ``bipartite.weighted_projected_graph``.
    """
    towns = {
        u: v
        for u, v, d in g.edges(data=True)
        if d.get("rel") == "part_of" and g.nodes[v].get("kind") == "town"
    }
    b = nx.Graph()
    enterprises = set()
    for u, v, d in g.edges(data=True):
        if d.get("rel") != "pairs_with" or g.nodes[u].get("kind") not in ("enterprise", "enterprise_group"):
            continue
        town = v if g.nodes[v].get("kind") == "town" else towns.get(v)
        if town:
            enterprises.add(u)
            b.add_edge(u, ("town", town))
    return nx.bipartite.weighted_projected_graph(b, enterprises) if enterprises else nx.Graph()


def coverage(g: nx.MultiDiGraph, town: str, stated: dict[str, Any] | None = None) -> dict[str, Any]:
    """A town's villages and communities with the enterprise partners the articles name.

    Parameters
    ----------
    g : networkx.MultiDiGraph
        The projection.
    town : str
        A town's id.
    stated : dict, optional
        What the articles state about the town (``graph.towns.stated_coverage`` and
        ``counts_stated``): ``{"coverage": {text, quotes} or None, "counts": "7个村、1个社区" or None,
        "total": 8 or None}``. Passed through, and used in ``note``.

    Returns
    -------
    dict
        ``{"town", "villages": [{"village", "partners": [ids], "partner_named", "status"}], "covered",
        "total", "fully_covered", "uncovered": [ids], "without_named_partner": [ids], "town_partners":
        [ids], "stated", "counts_stated", "note"}``.

    Notes
    -----
    Coverage is what the articles record, not the programme's reach: ``covered`` counts the villages
    whose enterprise partner an article names, and ``uncovered`` (the same list as
    ``without_named_partner``) those whose partner no article names — 文中未载结对企业, which is not
    the same as having no partner. ``fully_covered`` is true when every recorded village has a named
    partner; ``stated`` is what an article says (e.g. 全覆盖), shown beside the record, never merged
    with it. ``town_partners`` are enterprises (or groups of them) paired with the town as a whole.
    """
    if town not in g or g.nodes[town].get("kind") != "town":
        raise NotATown(town)
    stated = stated or {}
    villages = sorted(
        u
        for u, v, d in g.in_edges(town, data=True)
        if d.get("rel") == "part_of" and g.nodes[u].get("kind") in ("village", "community")
    )
    rows = []
    for v in villages:
        partners = sorted(
            {
                u
                for u, _, d in g.in_edges(v, data=True)
                if d.get("rel") == "pairs_with" and g.nodes[u].get("kind") in PARTNER_KINDS
            }
        )
        rows.append(
            {
                "village": v,
                "partners": partners,
                "partner_named": bool(partners),
                "status": NAMED if partners else NOT_NAMED,
            }
        )
    covered = sum(1 for r in rows if r["partners"])
    unnamed = [r["village"] for r in rows if not r["partners"]]
    name = lambda n: g.nodes[n].get("name") or n  # noqa: E731
    return {
        "town": town,
        "villages": rows,
        "covered": covered,
        "total": len(rows),
        "fully_covered": bool(rows) and covered == len(rows),
        "uncovered": unnamed,
        "without_named_partner": unnamed,
        "town_partners": sorted(
            {
                u
                for u, _, d in g.in_edges(town, data=True)
                if d.get("rel") == "pairs_with" and g.nodes[u].get("kind") in PARTNER_KINDS
            }
        ),
        "stated": stated.get("coverage"),
        "counts_stated": stated.get("counts"),
        "note": coverage_note(
            len(rows),
            [name(r["village"]) for r in rows if r["partners"]],
            [name(v) for v in unnamed],
            stated.get("coverage"),
            stated.get("counts"),
            stated.get("total"),
        ),
    }


def scope(g: nx.MultiDiGraph, center: str, radius: int = 2) -> nx.MultiDiGraph:
    """The ``radius``-hop neighbourhood of ``center`` (edges in either direction)."""
    if center not in g:
        raise KeyError(center)
    keep = nx.single_source_shortest_path_length(g.to_undirected(as_view=True), center, cutoff=radius)
    return g.subgraph(keep).copy()
