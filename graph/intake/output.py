"""Running drafts for the command line and the benchmark: one driver, one query per article; the
document rendered as YAML (curators) or JSON (tools)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from graph.errors import DatabaseUnavailable, HonglianError
from graph.intake.decode import IntakeError
from graph.intake.draft import Draft, Meta, finish, prepare


def render(doc: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    header = (
        "# honglian draft: review every entity and relationship, then `honglian seed FILE --dry-run`.\n"
        "# confidence, rule and possible_match are for review only; the loader drops them.\n"
    )
    return header + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=120)


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
    out: list[Draft | IntakeError] = []
    reachable = store is not None
    try:
        for path, meta in zip(paths, metas, strict=True):
            try:
                data = path.read_bytes()
            except OSError as exc:
                out.append(IntakeError(f"无法读取文件：{exc.strerror or exc}"))
                continue
            try:
                prep = prepare(data, meta)
            except IntakeError as exc:
                out.append(exc)
                continue
            rows = None
            if reachable:
                from graph.intake import link

                try:
                    rows = await link.candidates(store, prep.names(), prep.proposed_ids())
                except DatabaseUnavailable as exc:
                    if require_link:
                        raise HonglianError(f"需要链接图谱，但 Neo4j 无法连接：{exc}") from exc
                    reachable = False
                    prep.notes.append("图谱（Neo4j）无法连接：草稿未做链接。")
            elif settings is not None:
                prep.notes.append("图谱（Neo4j）无法连接：草稿未做链接。")
            out.append(finish(prep, rows))
    finally:
        if driver is not None:
            await driver.close()
    return out
