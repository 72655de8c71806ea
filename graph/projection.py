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


@dataclass
class View:
    """One projection (a graph version, public or keyed) and the results computed on it, with the
    database it was read from (coverage and reports read a few rows more)."""

    driver: Driver
    database: str
    graph: nx.MultiDiGraph
    version: int
    include_private: bool
    build_seconds: float = 0.0
    results: dict[Any, Any] = field(default_factory=dict)
    reports: OrderedDict[Any, Any] = field(default_factory=OrderedDict)
    hits: int = 0

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
        version = driver.execute_query(cypher("graph_version"), database_=database).records[0]["version"]
    started = time.perf_counter()
    g = build_projection(driver, database, include_private)
    return View(driver, database, g, version, include_private, time.perf_counter() - started)


# ------------------------------------------------------------------ answers
def ref(g: nx.MultiDiGraph, node: str) -> dict[str, Any]:
    d = g.nodes[node]
    return {"id": node, "type": d.get("type"), "name": d.get("name"), "aliases": list(d.get("aliases", []))}


def centrality(view: View, metric: str, type_: str | None, limit: int, weighted: bool) -> dict[str, Any]:
    g = view.graph
    result, cached = view.memo(("centrality", metric, weighted), lambda: A.centrality(g, metric, weighted))
    # The whole ranking is kept too: on a province a warm call then costs a slice, not a sort of
    # 400k scores.
    ranking, _ = view.memo(
        ("ranking", metric, weighted, type_),
        lambda: A.ranked(
            result.scores, None, [n for n, d in g.nodes(data=True) if type_ is None or d.get("type") == type_]
        ),
    )
    items = [{"entity": ref(g, n), "score": score, "rank": rank} for n, score, rank in ranking[:limit]]
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
    "report",
]
