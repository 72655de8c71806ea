"""Data access for the API: named Cypher run in read transactions (async).

Every read is one auto-commit query in a READ session (routed to a reader in a cluster) with a
server-side timeout (``Settings.query_timeout``), retried on retryable failures. One statement per
request needs no explicit transaction: BEGIN and COMMIT would add two Bolt exchanges and, on this
2-core machine, halve the requests per second the API can serve (docs/benchmarks.md). Writes keep
managed transactions. Driver failures become domain errors (``DatabaseUnavailable``,
``QueryTimeout``) that ``api/errors.py`` maps to HTTP.
"""

from __future__ import annotations

import asyncio
from typing import Any, NoReturn

from neo4j import READ_ACCESS, AsyncDriver, Query
from neo4j.exceptions import (
    AuthError,
    ClientError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)
from neo4j.graph import Node, Path, Relationship

from graph import views
from graph.db import cypher
from graph.errors import Ambiguous, DatabaseUnavailable, NotFound, QueryTimeout
from graph.statements import ARTICLE, statement_id

TIMEOUT_CODES = (
    "Neo.ClientError.Transaction.TransactionTimedOut",
    "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
    "Neo.TransientError.Transaction.TransactionTimedOut",
)
READ_ATTEMPTS = 3  # a read that failed for a retryable reason (leader switch, lost connection) is tried again
RETRY_DELAY = 0.2  # seconds before the second attempt; doubled for the third


def fulltext_finds_all(q: str) -> bool:
    """True when the cjk full-text index alone finds every name containing ``q``: two or more Chinese
    characters and nothing else (the analyzer indexes them as overlapping bigrams, and a phrase of
    bigrams matches exactly where the characters stand together). One character, or letters, digits
    and spaces, need the substring scan as well.

    >>> fulltext_finds_all("雄业"), fulltext_finds_all("村"), fulltext_finds_all("TCL集团")
    (True, False, False)
    """
    return len(q) >= 2 and all("\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf" for c in q)


def plain(value: Any) -> Any:
    """A record's value as plain dicts and lists, as ``Record.data()`` gives it (a node becomes its
    properties, a relationship ``(start, type, end)``, a path its nodes and relationships' types), at a
    fraction of its cost: the API's queries return maps and lists, which this checks by exact type
    where ``data()`` tests every value against the abstract collection classes.

    >>> plain({"n": {"name": "太保镇", "aliases": ["太保"]}, "degree": 3})
    {'n': {'name': '太保镇', 'aliases': ['太保']}, 'degree': 3}
    """
    kind = type(value)
    if kind is dict:
        return {k: plain(v) for k, v in value.items()}
    if kind is list:
        return [plain(v) for v in value]
    if kind is str or kind is int or kind is float or kind is bool or value is None:
        return value
    if isinstance(value, Node):
        return plain(dict(value))
    if isinstance(value, Relationship):
        return (plain(value.start_node), value.type, plain(value.end_node))
    if isinstance(value, Path):
        out = [plain(value.start_node)]
        for rel, node in zip(value.relationships, value.nodes[1:], strict=True):
            out += [rel.type, plain(node)]
        return out
    return value


def domain_error(exc: Exception, timeout: float) -> DatabaseUnavailable | QueryTimeout | None:
    """The domain error for a driver failure (None: not one of ours to translate, re-raise it)."""
    if isinstance(exc, AuthError):  # a ClientError: checked first
        return DatabaseUnavailable("Neo4j refused the configured credentials.")
    if isinstance(exc, (ClientError, TransientError)):
        if exc.code in TIMEOUT_CODES:
            return QueryTimeout(f"The query ran longer than {timeout:g}s and was stopped.")
        if isinstance(exc, TransientError):
            return DatabaseUnavailable(f"Neo4j is busy: {exc.message}")
        return None
    if isinstance(exc, (ServiceUnavailable, SessionExpired, DriverError, OSError)):
        return DatabaseUnavailable("Neo4j is not reachable right now.")
    return None


class Store:
    """The graph, as the API reads it. One per app; it shares the app's single driver."""

    def __init__(self, driver: AsyncDriver, database: str, timeout: float):
        self.driver = driver
        self.database = database
        self.timeout = timeout

    async def read(self, name: str, /, **params: Any) -> list[dict[str, Any]]:
        """Run ``cypher/<name>.cypher`` as a read query; plain dicts out."""
        query = Query(cypher(name), timeout=self.timeout)

        async def call():
            for attempt in range(READ_ATTEMPTS):
                try:
                    async with self.driver.session(
                        database=self.database, default_access_mode=READ_ACCESS
                    ) as session:
                        return [plain(dict(r)) async for r in await session.run(query, params)]
                except (Neo4jError, DriverError) as exc:
                    if (
                        attempt + 1 == READ_ATTEMPTS
                        or not exc.is_retryable()
                        or getattr(exc, "code", None) in TIMEOUT_CODES
                    ):
                        raise
                    await asyncio.sleep(RETRY_DELAY * 2**attempt)

        return await self.guard(call)

    async def write(self, work, *args: Any) -> Any:
        """Run ``work(tx, *args)`` in a write transaction (curator writes), with the same error mapping."""

        async def call():
            async with self.driver.session(database=self.database) as session:
                return await session.execute_write(work, *args)

        return await self.guard(call)

    async def guard(self, call):
        """Await ``call()``, turning driver failures into domain errors."""
        try:
            return await call()
        except (Neo4jError, DriverError, OSError) as exc:
            mapped = domain_error(exc, self.timeout)
            if mapped is None:
                raise
            raise mapped from exc

    # ------------------------------------------------------------ health
    async def ping(self) -> None:
        await self.read("api/ready")

    # ---------------------------------------------------------- entities
    async def search_entities(
        self,
        q: str | None,
        type_: str | None,
        kind: str | None,
        limit: int,
        offset: int,
        include_private: bool,
        *,
        level: str | None = None,
        since: str | None = None,
        until: str | None = None,
        town: str | None = None,
    ) -> dict[str, Any]:
        """A page of entities matching ``q`` (or all), filtered; ``town`` is a town's id (see
        ``cypher/api/entity_list.cypher`` for what lies in a town and how dates compare)."""
        params = {
            "type": type_,
            "kind": kind,
            "level": level,
            "since": since,
            "until": until,
            "town": town,
            "include_private": include_private,
            "offset": offset,
            "limit": limit,
        }
        if q:
            rows = await self.read(
                "api/entity_search",
                q=q,
                lucene=views.lucene_phrase(q),
                contains=None if fulltext_finds_all(q) else q,
                **params,
            )
        else:
            rows = await self.read("api/entity_list", **params)
        row = rows[0]
        return {
            "items": [
                views.entity(x["n"], x["degree"], include_private, x["statements"]) for x in row["page"]
            ],
            "total": row["total"],
            "limit": limit,
            "offset": offset,
        }

    async def resolve(self, ref: str, include_private: bool) -> dict[str, Any]:
        """The one entity ``ref`` names: an exact id, else an exact name, else an exact alias.

        Returns its ref (``{id, type, name, aliases, kind}``). Raises ``Ambiguous`` (with the
        candidates) when several entities carry that name or alias, and ``NotFound`` (with up to five
        "did you mean" suggestions from the search) when none does. Private entities count only for
        callers who may see them.
        """
        ref = views.clean_ref(ref)
        row = (await self.read("api/entity_resolve", ref=ref, include_private=include_private))[0]
        for key in ("by_id", "by_name", "by_alias"):
            if len(row[key] or []) == 1:
                return views.entity_match(row[key][0])
        return await self.unresolved(ref, row, include_private)

    async def unresolved(self, ref: str, row: dict[str, Any], include_private: bool) -> NoReturn:
        """Raise for a ref that names several entities (``Ambiguous``) or none (``NotFound``, with
        suggestions); ``row`` holds the lookup's ``by_name`` and ``by_alias`` candidates."""
        for key, what in (("by_name", "name"), ("by_alias", "alias")):
            found = row[key] or []
            if found:
                raise Ambiguous(
                    f"{len(found)} entities have the {what} {ref!r}; choose one by id.",
                    [views.entity_match(n) for n in found],
                )
        suggestions = []
        if ref:
            page = await self.search_entities(ref, None, None, 5, 0, include_private)
            suggestions = [views.entity_match(n) for n in page["items"]]
        raise NotFound(f"No entity named {ref!r} (id, name or alias).", suggestions)

    async def resolve_all(self, *refs: str, include_private: bool) -> list[str]:
        """The ids of several refs (see ``resolve``), in order; the first that fails raises."""
        return [(await self.resolve(r, include_private))["id"] for r in refs]

    async def lookup_entity(self, ref: str, include_private: bool) -> dict[str, Any]:
        """The entity ``ref`` names (as ``resolve`` picks it) with its degree and statements, as
        ``get_entity`` shows it: one query, where ``resolve`` and ``get_entity`` are two."""
        ref = views.clean_ref(ref)
        row = (await self.read("api/entity_lookup", ref=ref, include_private=include_private))[0]
        if row["n"] is None:
            return await self.unresolved(ref, row, include_private)
        return views.entity(row["n"], row["degree"], include_private, row["statements"])

    async def get_entity(self, entity_id: str, include_private: bool) -> dict[str, Any]:
        rows = await self.read("api/entity_get", id=entity_id, include_private=include_private)
        if not rows:
            raise NotFound(f"No entity with id {entity_id!r}.")
        return views.entity(rows[0]["n"], rows[0]["degree"], include_private, rows[0]["statements"])

    async def require(self, *ids: str, include_private: bool) -> None:
        rows = await self.read("api/entities_exist", ids=list(ids), include_private=include_private)
        missing = [i for i in ids if i not in {r["id"] for r in rows}]
        if missing:
            raise NotFound("No entity with id " + ", ".join(repr(m) for m in missing) + ".")

    async def entity_relationships(
        self,
        entity_id: str,
        rel_type: str | None,
        direction: str,
        limit: int,
        offset: int,
        include_private: bool,
    ) -> dict[str, Any]:
        rows = await self.read(
            "api/entity_relationships",
            id=entity_id,
            db_type=views.db_type(rel_type),
            direction=direction,
            include_private=include_private,
            offset=offset,
            limit=limit,
        )
        if not rows:
            raise NotFound(f"No entity with id {entity_id!r}.")
        return self._page(rows[0], limit, offset, include_private)

    async def network(self, entity_id: str, depth: int, limit: int, include_private: bool) -> dict[str, Any]:
        rows = await self.read(
            "api/network", id=entity_id, depth=depth, limit=limit, include_private=include_private
        )
        if not rows:
            raise NotFound(f"No entity with id {entity_id!r}.")
        if not include_private and rows[0]["nodes"] and rows[0]["nodes"][0].get("private"):
            raise NotFound(f"No entity with id {entity_id!r}.")
        return {
            "nodes": [views.entity_ref(n) for n in rows[0]["nodes"]],
            "edges": sorted((e for e in rows[0]["edges"] if e), key=lambda e: e["id"]),
        }

    # ----------------------------------------------------- relationships
    async def relationships(
        self,
        rel_type: str | None,
        source: str | None,
        target: str | None,
        limit: int,
        offset: int,
        include_private: bool,
        *,
        town: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> dict[str, Any]:
        rows = await self.read(
            "api/relationships",
            db_type=views.db_type(rel_type),
            source=source,
            target=target,
            town=town,
            since=since,
            until=until,
            include_private=include_private,
            offset=offset,
            limit=limit,
        )
        return self._page(rows[0], limit, offset, include_private)

    async def shortest_paths(
        self, source: str, target: str, max_hops: int, include_private: bool, limit: int = 25
    ) -> dict[str, Any]:
        await self.require(source, target, include_private=include_private)
        if source == target:
            entity = await self.get_entity(source, include_private)
            return {"paths": [{"nodes": [views.entity_ref(entity)], "relationships": []}]}
        rows = await self.read(
            "api/shortest_paths",
            source=source,
            target=target,
            max_hops=max_hops,
            include_private=include_private,
            limit=limit,
        )
        return {
            "paths": [
                {
                    "nodes": [views.entity_ref(n) for n in row["nodes"]],
                    "relationships": [views.relationship(r, include_private) for r in row["rels"]],
                }
                for row in rows
            ]
        }

    # ----------------------------------------------------------- sources
    async def sources(self) -> dict[str, Any]:
        rows = await self.read("api/sources")
        items = [
            {**views.entity(r["s"]), "entities": r["entities"], "relationships": r["relationships"]}
            for r in rows
        ]
        return {"items": items, "total": len(items), "limit": len(items), "offset": 0}

    async def source(self, source_id: str, include_private: bool) -> dict[str, Any]:
        """One article: its text (redacted for anonymous callers) and every fact it supports."""
        rows = await self.read(
            "api/source_get",
            id=source_id,
            include_private=include_private,
            statement_id=statement_id(ARTICLE, source_id, source_id),
        )
        if not rows:
            raise NotFound(f"No source with id {source_id!r}.")
        row = rows[0]
        return {
            "source": views.entity(row["s"], private=include_private),
            "article_text": row["article_text" if include_private else "article_text_public"],
            "entities": sorted((views.entity_ref(e) for e in row["entities"]), key=lambda e: e["id"]),
            "relationships": [views.relationship(r, include_private) for r in row["rels"]],
        }

    # -------------------------------------------------------- aggregates
    async def donations_summary(self, include_private: bool) -> dict[str, Any]:
        return views.donation_summary(
            await self.read("queries/donations", include_private=include_private), include_private
        )

    async def partnerships(self, include_private: bool) -> dict[str, Any]:
        return views.partnerships_by_town(
            await self.read("queries/partnerships_by_town", include_private=include_private), include_private
        )

    @staticmethod
    def _page(row: dict[str, Any], limit: int, offset: int, include_private: bool) -> dict[str, Any]:
        return {
            "items": [views.relationship(r, include_private) for r in row["page"]],
            "total": row["total"],
            "limit": limit,
            "offset": offset,
        }

    # ------------------------------------------------- explorer and towns
    async def overview(self, include_private: bool, latest: int = 8) -> dict[str, Any]:
        """How much the graph holds and the latest articles (the home page)."""
        row = (await self.read("web/overview", limit=latest))[0]
        counts = dict(row["counts"])
        if not include_private:  # the count store cannot tell private persons apart: no figure at all
            counts.pop("person")
        return {"counts": counts, "latest": row["latest"]}

    async def source_refs(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        """Title, publisher and date of each known source id (for the evidence beside a quote)."""
        if not ids:
            return {}
        rows = await self.read("web/source_refs", ids=sorted(set(ids)))
        return {r["s"]["id"]: r["s"] for r in rows}

    async def towns(
        self, within: str | None, limit: int, offset: int, include_private: bool
    ) -> dict[str, Any]:
        """Every town (or those in ``within``) with its pairing coverage, by name."""
        row = (
            await self.read(
                "api/towns", within=within, include_private=include_private, offset=offset, limit=limit
            )
        )[0]
        items = []
        for x in row["page"]:
            t = x["t"]
            items.append(
                {
                    "town": views.entity_match(t),
                    "parent": x["parent"],
                    "villages": x["villages"],
                    "covered": x["covered"],
                    "fully_covered": x["villages"] > 0 and x["covered"] == x["villages"],
                    "town_partners": x["town_partners"],
                    "coverage_stated": t.get("coverage_stated"),
                    "village_count_stated": t.get("village_count"),
                    "community_count_stated": t.get("community_count"),
                }
            )
        return {"items": items, "total": row["total"], "limit": limit, "offset": offset}

    async def town(self, town_id: str, include_private: bool) -> dict[str, Any]:
        """A town's dashboard: ``graph.towns.town_data`` over its named queries (read concurrently)."""
        from graph import towns

        queries = towns.TOWN_QUERIES

        async def rows(key: str, name: str) -> tuple[str, list[dict[str, Any]]]:
            return key, await self.read(name, town=town_id, include_private=include_private)

        found = dict(await asyncio.gather(*(rows(k, n) for k, n in queries.items())))
        if not found["town"]:
            raise NotFound(f"No town with id {town_id!r}.")
        return towns.town_data(found, include_private)

    async def source_entities(self, source_id: str, include_private: bool) -> list[dict[str, Any]]:
        """The entities a source supports, each with its evidence (all sources')."""
        rows = await self.read("web/source_entities", id=source_id, include_private=include_private)
        return [views.entity(r["n"], r["degree"], include_private) for r in rows]
