"""The NetworkX projection of the graph and the analytics answers computed on it (blocking code).

``build_projection`` reads the whole graph with the blocking driver, in keyset pages. ``Projections``
keeps one projection per (graph version, include_private): the public and the keyed view side by
side, each with the results computed on it; a newer version drops the older ones. The answers
(``centrality``, ``communities``, ``brokers``, ``coverage``, ``export``, ``report``) take a ``View``.

There is one implementation of each: the API runs them in its analytics worker process
(``graph/worker.py``), off the event loop; ``honglian report`` runs ``gather_report`` in-process.
"""

from __future__ import annotations

import io
import json
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from neo4j import READ_ACCESS, Driver, Query, unit_of_work

from graph import analytics as A
from graph.db import cypher
from graph.errors import InvalidInput, NotFound

#: Seconds a whole-graph read may take (the projection, a report's rows): a province has ~1.5M edges.
PROJECTION_TIMEOUT = 900.0
#: Entities per projection page (one Bolt row each way): few rows, each a few hundred KiB.
PROJECTION_PAGE = 5000
#: Reports kept per view (any entity can scope one, so they are kept most recently used first).
REPORTS_KEPT = 32

NODES, EDGES = "analytics/projection_nodes", "analytics/projection_edges"


def _page(after: str, include_private: bool) -> dict[str, Any]:
    """Parameters of one keyset page of ``NODES`` or ``EDGES`` (``after``: the previous page's last id)."""
    return {"after": after, "page": PROJECTION_PAGE, "include_private": include_private}


def build_projection(driver: Driver, database: str, include_private: bool = False) -> nx.MultiDiGraph:
    """The graph as a NetworkX ``MultiDiGraph``, read in one read transaction.

    Entities come in keyset pages of ``PROJECTION_PAGE`` (``cypher/analytics/projection_*.cypher``),
    then their outgoing relationships, page by page; private persons only when ``include_private``.
    """

    @unit_of_work(timeout=PROJECTION_TIMEOUT)
    def work(tx) -> nx.MultiDiGraph:
        def pages(name: str):
            result = tx.run(cypher(name), _page("", include_private))
            while (row := result.single(strict=True))["last"] is not None:
                result = tx.run(cypher(name), _page(row["last"], include_private))
                yield row

        return A.build_graph(
            (n for row in pages(NODES) for n in row["nodes"]),
            (e for row in pages(EDGES) for e in row["rows"]),
        )

    with driver.session(database=database, default_access_mode=READ_ACCESS) as session:
        return session.execute_read(work)


COLUMN_NODES, COLUMN_EDGES = "analytics/projection_columns_nodes", "analytics/projection_columns_edges"
#: Entities per page of the columnar read: each page is a handful of lists, so pages can be large.
COLUMN_PAGE = 20000


def read_arrays(driver: Driver, database: str, include_private: bool = False) -> A.Arrays:
    """The projection as columns (``A.Arrays``), read in one read transaction: entities, then the
    relationships of each page of start entities, as lists of internal ids mapped to positions once
    (NumPy). No NetworkX graph is built: the centrality metrics run on the arrays."""
    import numpy as np

    @unit_of_work(timeout=PROJECTION_TIMEOUT)
    def work(tx) -> A.Arrays:
        def pages(name: str):
            params = {"after": "", "page": COLUMN_PAGE, "include_private": include_private}
            while (row := tx.run(cypher(name), params).single(strict=True))["last"] is not None:
                params["after"] = row["last"]
                yield row

        ids: list[str] = []
        types: list[str] = []
        refs: list[int] = []
        for row in pages(COLUMN_NODES):
            ids += row["ids"]
            types += row["types"]
            refs += row["refs"]
        src, dst, amount = [], [], []
        for row in pages(COLUMN_EDGES):
            src.append(np.asarray(row["src"], dtype=np.int64))
            dst.append(np.asarray(row["dst"], dtype=np.int64))
            amount.append(np.asarray(row["amount"], dtype=np.float64))
        return _positions(ids, types, np.asarray(refs, dtype=np.int64), src, dst, amount)

    with driver.session(database=database, default_access_mode=READ_ACCESS) as session:
        return session.execute_read(work)


def _positions(ids, types, refs, src, dst, amount) -> A.Arrays:
    """Internal ids → positions in ``ids``; edges whose ends are not entities of the projection (a
    source, a private person) are left out, as ``A.add_edges`` leaves them out."""
    import numpy as np

    src = np.concatenate(src) if src else np.zeros(0, dtype=np.int64)
    dst = np.concatenate(dst) if dst else np.zeros(0, dtype=np.int64)
    amount = np.concatenate(amount) if amount else np.zeros(0)
    order = np.argsort(refs)
    sorted_refs = refs[order]

    def position(x: np.ndarray) -> np.ndarray:
        at = np.clip(np.searchsorted(sorted_refs, x), 0, max(len(refs) - 1, 0))
        found = sorted_refs[at] == x if len(refs) else np.zeros(len(x), dtype=bool)
        return np.where(found, order[at] if len(refs) else -1, -1)

    s, d = position(src), position(dst)
    keep = (s >= 0) & (d >= 0)
    amount = np.where(amount[keep] < 0, np.nan, amount[keep])
    return A.Arrays(ids, types, s[keep], d[keep], amount)


@dataclass
class View:
    """One projection (a graph version, public or keyed) and the results computed on it, with the
    database it was read from (coverage and reports read a few rows more).

    Both forms of the projection are read on first use: ``arrays`` (columns, for the centrality
    metrics: a province in seconds) and ``graph`` (the NetworkX graph, for the answers that walk it:
    communities, brokers, coverage, exports, reports). Either is read when first needed, so it shows
    the graph as it is then; a view is replaced as soon as a newer version is asked for."""

    driver: Driver
    database: str
    version: int
    include_private: bool
    build_seconds: float = 0.0
    results: dict[Any, Any] = field(default_factory=dict)
    reports: OrderedDict[Any, Any] = field(default_factory=OrderedDict)
    hits: int = 0
    _graph: nx.MultiDiGraph | None = None
    _arrays: A.Arrays | None = None
    _refs: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def graph(self) -> nx.MultiDiGraph:
        if self._graph is None:
            started = time.perf_counter()
            self._graph = build_projection(self.driver, self.database, self.include_private)
            self.build_seconds += time.perf_counter() - started
        return self._graph

    @property
    def arrays(self) -> A.Arrays:
        if self._arrays is None:
            started = time.perf_counter()
            self._arrays = read_arrays(self.driver, self.database, self.include_private)
            self.build_seconds += time.perf_counter() - started
        return self._arrays

    def refs(self, ids: list[str]) -> list[dict[str, Any]]:
        """``ref`` of each id: from the NetworkX graph when it is built, else read (and kept)."""
        if self._graph is not None:
            return [ref(self._graph, i) for i in ids]
        missing = [i for i in ids if i not in self._refs]
        if missing:
            for row in self.rows("analytics/entity_refs", ids=missing):
                self._refs[row["id"]] = row
        return [dict(self._refs[i]) for i in ids]

    def memo(self, name: Any, compute: Callable[[], Any]) -> tuple[Any, bool]:
        """The result ``name`` on this view, computed once; and whether it was already there."""
        if name in self.results:
            self.hits += 1
            return self.results[name], True
        self.results[name] = compute()
        return self.results[name], False

    def rows(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """The rows of ``cypher/<name>.cypher`` (a read, with the whole-graph timeout)."""
        records = self.driver.execute_query(
            Query(cypher(name), timeout=PROJECTION_TIMEOUT), params, database_=self.database, routing_="r"
        ).records
        return [r.data() for r in records]

    def report_memo(self, name: Any, compute: Callable[[], Any]) -> Any:
        """Like ``memo`` for reports, keeping the ``REPORTS_KEPT`` most recently used."""
        if name in self.reports:
            self.reports.move_to_end(name)
            return self.reports[name]
        value = self.reports[name] = compute()
        while len(self.reports) > REPORTS_KEPT:
            self.reports.popitem(last=False)
        return value


class Projections:
    """The projections of one process, one per (graph version, include_private), built on demand."""

    def __init__(self, driver: Driver, database: str):
        self.driver, self.database = driver, database
        self.views: dict[tuple[int, bool], View] = {}
        self.builds = 0

    def view(self, version: int, include_private: bool) -> View:
        """The view for ``version``, built if missing; building a newer version drops older ones.

        A caller that read the version before a newer view was built gets the newer one: the graph
        has moved on, and a rebuild would read the newer graph anyway.
        """
        version = max([version, *(v for v, _ in self.views)])
        key = (version, include_private)
        if key not in self.views:
            view = open_view(self.driver, self.database, include_private, version)
            self.views = {k: v for k, v in self.views.items() if k[0] >= version}
            self.views[key] = view
            self.builds += 1
        return self.views[key]


def open_view(
    driver: Driver, database: str, include_private: bool = False, version: int | None = None
) -> View:
    """A new view: the projection, labelled with ``version`` (read first when None)."""
    if version is None:
        version = driver.execute_query(cypher("graph_version"), database_=database, routing_="r").records[0][
            "version"
        ]
    return View(driver, database, version, include_private)


# ------------------------------------------------------------------ answers
def ref(g: nx.MultiDiGraph, node: str) -> dict[str, Any]:
    d = g.nodes[node]
    return {"id": node, "type": d.get("type"), "name": d.get("name"), "aliases": list(d.get("aliases", []))}


def centrality(view: View, metric: str, type_: str | None, limit: int, weighted: bool) -> dict[str, Any]:
    """A centrality ranking. Degree, PageRank and betweenness on a graph large enough for igraph run on
    the columns (``A.centrality_arrays``: the same numbers, no NetworkX graph); the rest on the graph."""
    a = view.arrays
    on_columns = metric in A.ARRAY_METRICS and len(a.ids) >= A.FAST_BACKEND_MIN_NODES and A.igraph_available()

    def compute() -> A.Centrality:
        if on_columns:
            return A.centrality_arrays(a, metric, weighted)
        return A.centrality(view.graph, metric, weighted)

    result, cached = view.memo(("centrality", metric, weighted), compute)
    # The whole ranking is kept too: on a province a warm call then costs a slice, not a sort of
    # 400k scores.
    ranking, _ = view.memo(
        ("ranking", metric, weighted, type_),
        lambda: A.ranked(
            result.scores, None, [i for i, t in zip(a.ids, a.types, strict=True) if type_ in (None, t)]
        ),
    )
    top = ranking[:limit]
    items = [
        {"entity": entity, "score": score, "rank": rank}
        for entity, (_, score, rank) in zip(view.refs([n for n, _, _ in top]), top, strict=True)
    ]
    return {
        "metric": metric,
        "weighted": weighted,
        "k": result.k,
        "items": items,
        "graph_version": view.version,
        "cached": cached,
    }


def communities(view: View) -> dict[str, Any]:
    g = view.graph
    result, cached = view.memo("communities", lambda: A.communities(g))
    return {
        "algorithm": result["algorithm"],
        "seed": result["seed"],
        "modularity": result["modularity"],
        "communities": [
            {"id": i, "size": len(c), "members": [ref(g, n) for n in sorted(c)]}
            for i, c in enumerate(result["communities"])
        ],
        "graph_version": view.version,
        "cached": cached,
    }


def brokers(view: View) -> dict[str, Any]:
    g = view.graph
    result, cached = view.memo("brokers", lambda: A.brokers(g))
    return {
        "articulation_points": [ref(g, n) for n in result["articulation_points"]],
        "bridges": [{"source": ref(g, a), "target": ref(g, b)} for a, b in result["bridges"]],
        "graph_version": view.version,
        "cached": cached,
    }


def coverage(view: View, town: str) -> dict[str, Any]:
    g = view.graph
    if town not in g:
        raise NotFound(f"No entity with id {town!r}.")
    # NotATown for a non-town
    c, cached = view.memo(("coverage", town), lambda: A.coverage(g, town, stated(view, town)))
    return {
        "town": ref(g, town),
        "villages": [
            {
                "village": ref(g, r["village"]),
                "partners": [ref(g, p) for p in r["partners"]],
                "partner_named": r["partner_named"],
                "status": r["status"],
            }
            for r in c["villages"]
        ],
        "covered": c["covered"],
        "total": c["total"],
        "fully_covered": c["fully_covered"],
        "uncovered": [ref(g, v) for v in c["uncovered"]],
        "without_named_partner": [ref(g, v) for v in c["without_named_partner"]],
        "town_partners": [ref(g, p) for p in c["town_partners"]],
        "stated": c["stated"],
        "counts_stated": c["counts_stated"],
        "note": c["note"],
        "graph_version": view.version,
        "cached": cached,
    }


def stated(view: View, town: str) -> dict[str, Any]:
    """What the articles state about a town's coverage and size (``graph.towns``), for ``A.coverage``."""
    from graph.towns import counts_stated, source_refs, stated_coverage, stated_total

    rows = view.rows("towns/towns", town=town, include_private=view.include_private)
    if not rows:
        return {}
    t = rows[0]["t"]
    sources = source_refs(view.rows("api/sources"), view.include_private)
    return {"coverage": stated_coverage(t, sources), "counts": counts_stated(t), "total": stated_total(t)}


def export(view: View, fmt: str) -> str:
    text, _ = view.memo(("export", fmt), lambda: export_graph(view.graph, fmt))
    return text


#: Export formats and their media types (the API's ``ExportFormat`` lists these).
EXPORT_FORMATS = {
    "graphml": "application/graphml+xml",
    "gexf": "application/gexf+xml",
    "json": "application/json",
}


def export_graph(g: nx.MultiDiGraph, fmt: str) -> str:
    """GraphML, GEXF (Gephi) or JSON node-link text of the projection."""
    clean = nx.MultiDiGraph()
    for n, d in g.nodes(data=True):
        attrs = {k: v for k, v in d.items() if v is not None}
        if fmt != "json":
            attrs["aliases"] = "|".join(attrs.get("aliases", []))  # GraphML/GEXF hold no lists
        clean.add_node(n, **attrs)
    for u, v, k, d in g.edges(keys=True, data=True):
        clean.add_edge(u, v, key=k, id=k, **{a: b for a, b in d.items() if b is not None})
    if fmt == "json":
        data = nx.node_link_data(clean, edges="edges")
        return json.dumps(data, ensure_ascii=False)
    buf = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(clean, buf, encoding="utf-8")
    elif fmt == "gexf":
        nx.write_gexf(clean, buf, encoding="utf-8")
    else:
        raise InvalidInput(f"unknown export format {fmt!r}")
    return buf.getvalue().decode("utf-8")


def gather_report(view: View, scope: str | None = None) -> dict[str, Any]:
    """The report's data (``graph.report.report_data``) on ``view``, kept on it per scope: the one
    data path of the API's reports (in the worker) and of ``honglian report``."""
    from graph.report import REPORT_QUERIES, query_params, report_data

    if scope is not None and scope not in view.graph:
        raise NotFound(f"No entity with id {scope!r}.")

    def data() -> dict[str, Any]:
        params = query_params(view.include_private)
        rows = {key: view.rows(name, **params) for key, name in REPORT_QUERIES.items()}
        return report_data(view.graph, rows, view.version, scope=scope, private=view.include_private)

    return view.report_memo(("data", scope), data)


def report(view: View, fmt: str, scope: str | None = None) -> str | bytes:
    """The report rendered as ``fmt`` (``graph.report.FORMATS``; bytes for pdf), kept on ``view``
    per scope and format."""
    from graph.report import render

    data = gather_report(view, scope)
    return view.report_memo(("text", scope, fmt), lambda: render(data, fmt))


__all__ = [
    "Projections",
    "View",
    "brokers",
    "build_projection",
    "centrality",
    "communities",
    "coverage",
    "export",
    "export_graph",
    "gather_report",
    "open_view",
    "read_arrays",
    "report",
]
