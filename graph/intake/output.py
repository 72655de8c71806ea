"""Running drafts for the command line and the benchmark: one driver, one query per article, the next
article analysed while the graph answers for this one; the document rendered as YAML or JSON."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Iterable
from pathlib import Path
from typing import Any, cast

import yaml

from graph.errors import DatabaseUnavailable, HonglianError, QueryTimeout
from graph.intake.decode import IntakeError
from graph.intake.draft import Draft, Meta, Prepared, finish, prepare

UNREACHABLE = "图谱（Neo4j）无法连接：草稿未做链接。"


def render(doc: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    header = (
        "# honglian draft: review every entity and relationship, then `honglian seed FILE --dry-run`.\n"
        "# confidence, rule and possible_match are for review only; the loader drops them.\n"
    )
    return header + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=120)


def _prepare(item: tuple[bytes | str | Exception, Meta]) -> Prepared | IntakeError:
    data, meta = item
    if isinstance(data, Exception):
        return IntakeError(f"无法读取文件：{getattr(data, 'strerror', None) or data}")
    try:
        return prepare(data, meta)
    except IntakeError as exc:
        return exc


async def draft_stream(
    items: Iterable[tuple[bytes | str | Exception, Meta]], store=None, require_link: bool = False
) -> AsyncIterator[Draft | IntakeError]:
    """Draft each (data, meta) in order, linking through ``store``: while the graph answers for one
    article, the next is analysed in a worker thread (Neo4j and Python then use both cores)."""
    from graph.intake import link

    it = iter(items)
    if store is None:  # nothing to wait for: no thread
        while (prep := _next(it)) is not _END:
            yield prep if isinstance(prep, IntakeError) else finish(prep, None)
        return
    pending = asyncio.create_task(asyncio.to_thread(_next, it))
    reachable = store is not None
    while True:
        prep = await pending
        if prep is _END:
            return
        pending = asyncio.create_task(asyncio.to_thread(_next, it))
        if isinstance(prep, IntakeError):
            yield prep
            continue
        rows = None
        if reachable:
            try:
                rows = await link.candidates(store, prep.names(), prep.proposed_ids(), prep.alias_names())
            except (DatabaseUnavailable, QueryTimeout) as exc:
                if require_link:
                    pending.cancel()
                    raise HonglianError(f"需要链接图谱，但 Neo4j 无法连接：{exc}") from exc
                reachable = isinstance(exc, QueryTimeout)  # a slow answer: try the next article again
                if reachable:
                    prep.notes.append(f"链接查询超时（{exc}）：这篇草稿未做链接。")
        if rows is None and store is not None and not reachable:
            prep.notes.append(UNREACHABLE)
        yield finish(prep, rows)


_END = object()


def _next(it) -> Any:
    item = next(it, _END)
    return item if item is _END else _prepare(cast(tuple[bytes | str | Exception, Meta], item))


def _read(path: Path) -> bytes | Exception:
    try:
        return path.read_bytes()
    except OSError as exc:
        return exc


async def run_drafts(
    paths: list[Path], metas: list[Meta], settings, require_link: bool
) -> list[Draft | IntakeError]:
    """Draft each file; with ``settings``, link through one async driver (falling back to no linking
    when Neo4j does not answer, unless ``require_link``)."""
    store, driver = None, None
    if settings is not None:
        from graph.db import async_driver
        from graph.store import Store

        try:
            driver = async_driver(settings)
            store = Store(driver, settings.neo4j_database, settings.query_timeout)
        except HonglianError:
            if require_link:
                raise
            store = None
    try:
        items = ((_read(p), m) for p, m in zip(paths, metas, strict=True))
        out: list[Draft | IntakeError] = []
        async for result in draft_stream(items, store, require_link):
            out.append(result)
        if settings is not None and store is None:
            for r in out:
                if isinstance(r, Draft):
                    r.notes.append(UNREACHABLE)
        return out
    finally:
        if driver is not None:
            await driver.close()
