"""The NetworkX projection, cached per process and rebuilt only when the graph version changes.

The loader (and every write) bumps ``GraphMeta.version``; each analytics call reads that version
(one index lookup) and reuses the cached graph and results while it is unchanged.
"""

from __future__ import annotations

import asyncio
import io
import json
import time
from collections.abc import Callable
from typing import Any

import networkx as nx
from neo4j import AsyncManagedTransaction, Driver, unit_of_work

from graph import analytics as A
from graph.db import cypher
from graph.errors import InvalidInput, NotFound
from graph.store import Store

#: Seconds the projection's read may take: it streams the whole graph (a province: ~1.5M edges).
PROJECTION_TIMEOUT = 900.0
#: Entities per projection page (one Bolt row each way): few rows, each a few hundred KiB.
PROJECTION_PAGE = 5000


class ProjectionCache:
    """One graph per (version, include_private), with the results computed on it."""

    def __init__(self) -> None:
        self.key: tuple[int, bool] | None = None
        self.graph: nx.MultiDiGraph | None = None
        self.results: dict[Any, Any] = {}
        self.builds = 0
        self.hits = 0
        self.last_build_seconds = 0.0
        self._lock = asyncio.Lock()

    async def get(self, store: Store, include_private: bool) -> tuple[nx.MultiDiGraph, int]:
        version = (await store.read("graph_version"))[0]["version"]
        key = (version, include_private)
        if key == self.key and self.graph is not None:
            return self.graph, version
        async with self._lock:
            if key != self.key or self.graph is None:
                started = time.perf_counter()
                self.graph = await _build_async(store, include_private)
                self.last_build_seconds = time.perf_counter() - started
                self.key, self.results = key, {}
                self.builds += 1
        return self.graph, version

    def memo(self, name: Any, compute: Callable[[], Any]) -> tuple[Any, bool]:
        """The cached result for ``name`` on the current graph, computing it once."""
        if name in self.results:
            self.hits += 1
            return self.results[name], True
        self.results[name] = compute()
        return self.results[name], False


NODES, EDGES = "analytics/projection_nodes", "analytics/projection_edges"


def _page(after: str, include_private: bool) -> dict[str, Any]:
    """Parameters of one keyset page of ``NODES`` or ``EDGES`` (``after``: the previous page's last id)."""
    return {"after": after, "page": PROJECTION_PAGE, "include_private": include_private}


async def _build_async(store: Store, include_private: bool) -> nx.MultiDiGraph:
    @unit_of_work(timeout=max(store.timeout, PROJECTION_TIMEOUT))
    async def work(tx: AsyncManagedTransaction) -> nx.MultiDiGraph:
        async def pages(name: str):
            # The next page is requested before this one is added to the graph, so Neo4j reads it
            # while Python builds (each side is about half of the time).
            result = await tx.run(cypher(name), _page("", include_private))
            while (row := await result.single(strict=True))["last"] is not None:
                result = await tx.run(cypher(name), _page(row["last"], include_private))
                yield row

        g = nx.MultiDiGraph()
        async for row in pages(NODES):
            A.add_nodes(g, row["nodes"])
        async for row in pages(EDGES):
            A.add_edges(g, row["rows"])
        return g

    async with store.driver.session(database=store.database) as session:
        return await session.execute_read(work)


def build_sync(driver: Driver, database: str, include_private: bool = False) -> nx.MultiDiGraph:
    """The same projection with the blocking driver (CLI, reports, benchmarks)."""

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

    with driver.session(database=database) as session:
        return session.execute_read(work)


def report_sync(
    driver: Driver, database: str, fmt: str, scope: str | None = None, include_private: bool = False
) -> str | bytes:
    """A report with the blocking driver (the CLI): the same data function as the API's."""
    from graph.report import REPORT_QUERIES, query_params, render, report_data

    g = build_sync(driver, database, include_private)
    if scope is not None and scope not in g:
        raise NotFound(f"No entity with id {scope!r}.")
    rows = {
        key: [
            r.data()
            for r in driver.execute_query(
                cypher(name), query_params(include_private), database_=database
            ).records
        ]
        for key, name in REPORT_QUERIES.items()
    }
    return render(
        report_data(
            g,
            rows,
            driver.execute_query(cypher("graph_version"), database_=database).records[0]["version"],
            scope=scope,
            private=include_private,
        ),
        fmt,
    )


def ref(g: nx.MultiDiGraph, node: str) -> dict[str, Any]:
    d = g.nodes[node]
    return {"id": node, "type": d.get("type"), "name": d.get("name"), "aliases": list(d.get("aliases", []))}


class Analytics:
    """Analytics answers for the API, over the cached projection."""

    def __init__(self, store: Store, cache: ProjectionCache | None = None):
        self.store = store
        self.cache = cache or ProjectionCache()

    async def centrality(
        self, metric: str, type_: str | None, limit: int, weighted: bool, include_private: bool
    ) -> dict[str, Any]:
        g, version = await self.cache.get(self.store, include_private)
        result, cached = self.cache.memo(
            ("centrality", metric, weighted), lambda: A.centrality(g, metric, weighted)
        )
        # The whole ranking is kept too: on a province a warm call then costs a slice, not a sort
        # of 400k scores.
        ranking, _ = self.cache.memo(
            ("ranking", metric, weighted, type_),
            lambda: A.ranked(
                result.scores,
                None,
                [n for n, d in g.nodes(data=True) if type_ is None or d.get("type") == type_],
            ),
        )
        items = [{"entity": ref(g, n), "score": score, "rank": rank} for n, score, rank in ranking[:limit]]
        return {
            "metric": metric,
            "weighted": weighted,
            "k": result.k,
            "items": items,
            "graph_version": version,
            "cached": cached,
        }

    async def communities(self, include_private: bool) -> dict[str, Any]:
        g, version = await self.cache.get(self.store, include_private)
        result, cached = self.cache.memo("communities", lambda: A.communities(g))
        return {
            "algorithm": result["algorithm"],
            "seed": result["seed"],
            "modularity": result["modularity"],
            "communities": [
                {"id": i, "size": len(c), "members": [ref(g, n) for n in sorted(c)]}
                for i, c in enumerate(result["communities"])
            ],
            "graph_version": version,
            "cached": cached,
        }

    async def brokers(self, include_private: bool) -> dict[str, Any]:
        g, version = await self.cache.get(self.store, include_private)
        result, cached = self.cache.memo("brokers", lambda: A.brokers(g))
        return {
            "articulation_points": [ref(g, n) for n in result["articulation_points"]],
            "bridges": [{"source": ref(g, a), "target": ref(g, b)} for a, b in result["bridges"]],
            "graph_version": version,
            "cached": cached,
        }

    async def coverage(self, town: str, include_private: bool) -> dict[str, Any]:
        g, version = await self.cache.get(self.store, include_private)
        if town not in g:
            raise NotFound(f"No entity with id {town!r}.")
        stated = await self._stated(town, include_private)
        c, cached = self.cache.memo(("coverage", town), lambda: A.coverage(g, town, stated))
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
            "graph_version": version,
            "cached": cached,
        }

    async def _stated(self, town: str, include_private: bool) -> dict[str, Any]:
        """What the articles state about a town's coverage and size (``graph.towns``), for ``A.coverage``."""
        from graph.towns import counts_stated, source_refs, stated_coverage, stated_total

        rows = await self.store.read("towns/towns", town=town, include_private=include_private)
        if not rows:
            return {}
        t = rows[0]["t"]
        sources = source_refs(await self.store.read("api/sources"), include_private)
        return {"coverage": stated_coverage(t, sources), "counts": counts_stated(t), "total": stated_total(t)}

    async def report(self, fmt: str, scope: str | None, include_private: bool) -> str | bytes:
        from graph.report import REPORT_QUERIES, query_params, render, report_data

        g, version = await self.cache.get(self.store, include_private)
        if scope is not None and scope not in g:
            raise NotFound(f"No entity with id {scope!r}.")
        rows = {
            key: await self.store.read(name, **query_params(include_private))
            for key, name in REPORT_QUERIES.items()
        }
        return render(report_data(g, rows, version, scope=scope, private=include_private), fmt)

    async def export(self, fmt: str, include_private: bool) -> str:
        g, _ = await self.cache.get(self.store, include_private)
        text, _ = self.cache.memo(("export", fmt), lambda: export_graph(g, fmt))
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


__all__ = ["Analytics", "ProjectionCache", "build_sync", "export_graph", "report_sync"]
