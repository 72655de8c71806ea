"""Validate seed files and load them into Neo4j.

Validation runs over every file first and reports every problem together;
nothing is written unless all files are valid. Each source then loads in one
write transaction:

* every entity and relationship keeps, per source, what that source states
  (``src_json``); what the graph shows is the merge over all sources, and the
  evidence lists each source's quotes;
* re-loading a source replaces what it stated before: a fact it no longer states
  loses that source's evidence, and disappears when no source supports it;
* loading the same files twice changes nothing.
"""

from __future__ import annotations

import json
import os
import pickle
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from neo4j import Driver, ManagedTransaction

from graph import SEED_DIR
from graph.db import cypher, statements
from graph.errors import HonglianError, Problem, SeedValidationError
from graph.model import NodeRecord, RelRecord, ValidSource, parse_relationship_id, schema, validate_document

SEED_DATA_DIR = SEED_DIR / "data"
BATCH = 1000


# ------------------------------------------------------------------ reading
#: Seed documents are YAML (hand-written) or JSON (generated, e.g. by bench/generate.py); same structure.
SEED_SUFFIXES = (".yaml", ".yml", ".json")


@dataclass
class RawDoc:
    file: str
    data: Any = None
    error: str | None = None


def seed_paths(files: Iterable[Path] | None = None) -> list[Path]:
    """The seed files to read: the given files (directories expand to their seed files, sorted), or
    every seed file in ``seed/data``."""
    given = [Path(f) for f in files] if files else [SEED_DATA_DIR]
    paths: list[Path] = []
    for path in given:
        if path.is_dir():
            paths.extend(sorted(p for p in path.iterdir() if p.suffix in SEED_SUFFIXES))
        else:
            paths.append(path)
    if not paths:
        raise HonglianError(
            f"No seed files ({', '.join(SEED_SUFFIXES)}) found in {', '.join(str(p) for p in given)}"
        )
    return paths


def read_seed_file(path: Path) -> RawDoc:
    """Parse one seed file; a file that cannot be read becomes a RawDoc with an error."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
        return RawDoc(name, json.loads(text) if path.suffix == ".json" else yaml.safe_load(text))
    except FileNotFoundError:
        return RawDoc(name, error="file not found")
    except (yaml.YAMLError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        kind = "JSON" if path.suffix == ".json" else "YAML"
        return RawDoc(name, error=f"not valid {kind}/UTF-8: {exc}".replace("\n", " "))


def read_seed_files(files: Iterable[Path] | None = None) -> list[RawDoc]:
    """Parse seed files (default: every seed file in ``seed/data``)."""
    return [read_seed_file(p) for p in seed_paths(files)]


class CrossCheck:
    """What files must agree on: one file per source id; one type, name, kind and level per entity id.

    Keeps only one small tuple per entity id, so a province of files is checked in a stream.
    """

    def __init__(self) -> None:
        self.sources: dict[str, str] = {}
        self.declared: dict[str, tuple[str, str, str, str | None, str | None]] = {}

    def problems(self, src: ValidSource) -> list[Problem]:
        found = []
        if src.id in self.sources:
            found.append(
                Problem(src.file, "source.id", f"source id {src.id!r} is also used by {self.sources[src.id]}")
            )
        self.sources[src.id] = src.file
        for node in src.nodes:
            shape = (node.type, node.name, node.props.get("kind"), node.props.get("level"))
            other = self.declared.get(node.id)
            if other is None:
                self.declared[node.id] = (src.file, *shape)
            elif other[1:] != shape:
                found.append(
                    Problem(
                        src.file,
                        f"entities({node.id})",
                        f"declared as {shape[0]} {shape[1]!r} (kind {shape[2]}, level {shape[3]}) but as "
                        f"{other[1]} {other[2]!r} (kind {other[3]}, level {other[4]}) in {other[0]}",
                    )
                )
        return found


def _validate_one(doc: RawDoc) -> tuple[ValidSource | None, list[Problem]]:
    if doc.error:
        return None, [Problem(doc.file, "", doc.error)]
    return validate_document(doc.data, doc.file)


def validate(docs: list[RawDoc]) -> list[ValidSource]:
    """Validate every document and their agreement with each other; raise with every problem."""
    problems: list[Problem] = []
    valid: list[ValidSource] = []
    cross = CrossCheck()
    for doc in docs:
        source, found = _validate_one(doc)
        problems.extend(found)
        if source:
            valid.append(source)
            problems.extend(cross.problems(source))
    if problems:
        raise SeedValidationError(problems)
    return valid


def _progress(items, total: int, description: str, enabled: bool):
    if not enabled:
        return items
    from rich.progress import track

    return track(items, total=total, description=description, transient=False)


def _check_one(path: Path, spool: Path | None) -> tuple[ValidSource | None, list[Problem]]:
    """Read and validate one file; with ``spool``, keep the validated source there (pickled) and
    return it without its records (the cross-check needs only ids and shapes)."""
    source, found = _validate_one(read_seed_file(path))
    if source is not None and spool is not None:
        with (spool / f"{path.name}.pickle").open("wb") as fh:
            pickle.dump(source, fh, protocol=pickle.HIGHEST_PROTOCOL)
        source = ValidSource(
            source.id,
            source.file,
            nodes=[
                NodeRecord(
                    n.id,
                    n.type,
                    n.label,
                    n.name,
                    [],
                    {k: n.props[k] for k in ("kind", "level") if k in n.props},
                    [],
                )
                for n in source.nodes
            ],
        )
    return source, found


def check_files(
    paths: list[Path], progress: bool = False, spool: Path | None = None, workers: int = 1
) -> int:
    """Validate seed files one at a time, holding none of them; raise with every problem. Returns the count.

    ``spool``: a directory that keeps each validated source (so loading need not validate again);
    ``workers`` > 1 validates files in that many processes.
    """
    problems: list[Problem] = []
    cross = CrossCheck()
    if workers > 1 and len(paths) > 1:
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(workers)
        results = pool.map(_check_one, paths, [spool] * len(paths))
    else:
        pool, results = None, (_check_one(p, spool) for p in paths)
    try:
        for source, found in _progress(results, len(paths), "Validating", progress):
            problems.extend(found)
            if source:
                problems.extend(cross.problems(source))
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    if problems:
        raise SeedValidationError(problems)
    return len(paths)


def iter_sources(paths: list[Path], spool: Path | None = None) -> Iterator[ValidSource]:
    """The validated sources, one at a time, after ``check_files`` passed: from its spool when given,
    else by reading and validating the files again."""
    for path in paths:
        if spool is not None:
            with (spool / f"{path.name}.pickle").open("rb") as fh:
                yield pickle.load(fh)
            continue
        source, found = _validate_one(read_seed_file(path))
        if found:  # the file changed since it was checked
            raise SeedValidationError(found)
        yield source


# ------------------------------------------------------------------ merging
def _statement(record: NodeRecord | RelRecord) -> dict[str, Any]:
    if isinstance(record, NodeRecord):
        return {
            "name": record.name,
            "aliases": record.aliases,
            "props": record.props,
            "quotes": record.quotes,
        }
    return {"props": record.props, "quotes": record.quotes}


def merged_node(node_id: str, label: str, etype: str, src: dict[str, dict]) -> dict[str, Any]:
    """The properties an entity shows: the merge of every source's statement about it."""
    order = sorted(src)
    props: dict[str, Any] = {}
    aliases: set[str] = set()
    for sid in order:
        props.update(src[sid]["props"])
        aliases.update(src[sid].get("aliases", []))
    name = src[order[0]]["name"]
    aliases.discard(name)
    if etype == "person":
        props["private"] = any(src[s]["props"].get("private", False) for s in order)
    out = {
        **props,
        "id": node_id,
        "type": etype,
        "name": name,
        "aliases": sorted(aliases),
        "search_text": " ".join([name, *sorted(aliases)]),
    }
    out.update(_evidence(src))
    return out


def merged_rel(rel_id: str, rtype: str, src: dict[str, dict]) -> dict[str, Any]:
    props: dict[str, Any] = {}
    for sid in sorted(src):
        props.update(src[sid]["props"])
    return {**props, "id": rel_id, "type": rtype, **_evidence(src)}


def stored(props: dict[str, Any]) -> dict[str, Any]:
    """The properties as Neo4j keeps them: no empty lists (an absent property reads the same, and
    neo4j-admin import cannot write an empty list, so both load paths store identical graphs)."""
    return {k: v for k, v in props.items() if v != []}


#: Statements a curator adds to an item, citing source S, are kept under the key "curated:S", so that
#: re-loading S (which replaces S's own statements) keeps them.
CURATED = "curated:"


def source_of(key: str) -> str:
    """The source id a statement key cites (``curated:S`` and ``S`` both cite S)."""
    return key[len(CURATED) :] if key.startswith(CURATED) else key


def _evidence(src: dict[str, dict]) -> dict[str, Any]:
    ev_sources, ev_quotes = [], []
    for key in sorted(src):
        for quote in src[key]["quotes"]:
            ev_sources.append(source_of(key))
            ev_quotes.append(quote)
    return {
        "ev_sources": ev_sources,
        "ev_quotes": ev_quotes,
        "sources": sorted({source_of(k) for k in src}),
        "src_json": json.dumps(src, ensure_ascii=False, sort_keys=True),
    }


# ------------------------------------------------------------------ loading
@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.removed)

    def needs_write(self, old: dict | None, new: dict) -> bool:
        """Count ``new`` against the stored ``old`` (created/updated/unchanged); True if it must be written."""
        if old is None:
            self.created += 1
        elif old == new:
            self.unchanged += 1
            return False
        else:
            self.updated += 1
        return True


def _sources_of(old: dict | None, source_id: str) -> dict[str, dict]:
    """The per-source statements stored on an item, without ``source_id``'s (it is being replaced)."""
    src_map = json.loads(old["src_json"]) if old and old.get("src_json") else {}
    src_map.pop(source_id, None)
    return src_map


@dataclass
class SourceReport:
    source_id: str
    entities: Counts = field(default_factory=Counts)
    relationships: Counts = field(default_factory=Counts)


@dataclass
class LoadReport:
    sources: list[SourceReport] = field(default_factory=list)
    version: int | None = None

    @property
    def changed(self) -> bool:
        return any(s.entities.changed or s.relationships.changed for s in self.sources)

    def rows(self) -> list[tuple]:
        out = []
        for s in self.sources:
            for kind, c in (("entities", s.entities), ("relationships", s.relationships)):
                out.append((s.source_id, kind, c.created, c.updated, c.removed, c.unchanged))
        return out

    def total(self, kind: str, what: str) -> int:
        return sum(getattr(getattr(s, kind), what) for s in self.sources)


def apply_schema(driver: Driver, database: str) -> int:
    """Run every statement of ``cypher/schema.cypher``; returns how many."""
    stmts = statements("schema")
    for stmt in stmts:
        driver.execute_query(stmt, database_=database)
    driver.execute_query("CALL db.awaitIndexes(300)", database_=database)
    return len(stmts)


def _batches(rows: list, size: int = BATCH):
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def _rel_row(rel_id: str) -> dict[str, str]:
    parsed = parse_relationship_id(rel_id)
    if parsed is None:
        raise HonglianError(f"Stored relationship id {rel_id!r} is not of the form type--from--to")
    rtype, source, target = parsed
    return {
        "id": rel_id,
        "db_type": schema().relationship_types[rtype].db_type,
        "source": source,
        "target": target,
    }


@dataclass
class Plan:
    """What loading one source changes: the counts and the rows to write and delete."""

    report: SourceReport
    node_creates: list[dict] = field(default_factory=list)  # new: CREATE, no lookup first
    node_writes: list[dict] = field(default_factory=list)  # changed: MERGE and replace properties
    node_deletes: list[str] = field(default_factory=list)
    rel_creates: list[dict] = field(default_factory=list)
    rel_writes: list[dict] = field(default_factory=list)
    rel_deletes: list[dict] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.report.entities.changed or self.report.relationships.changed


def state_ids(src: ValidSource, prev: dict, extra_nodes=(), extra_rels=()) -> tuple[list[str], list[dict]]:
    """The entity ids and relationship rows whose stored state a load of ``src`` must read."""
    node_ids = sorted(set(prev["entity_ids"]) | {n.id for n in src.nodes} | {src.id} | set(extra_nodes))
    rel_ids = sorted(set(prev["relationship_ids"]) | {r.id for r in src.rels} | set(extra_rels))
    return node_ids, [_rel_row(r) for r in rel_ids]


def plan_load(
    src: ValidSource,
    node_ids: list[str],
    rel_rows: list[dict],
    stored_nodes: dict[str, dict],
    stored_rels: dict[str, dict],
) -> Plan:
    """Pure: the writes that make the graph state ``src``'s facts (replacing its earlier ones).

    A source with no nodes at all (not even its own) is a deletion of that source.
    """
    plan = Plan(SourceReport(src.id))
    report = plan.report
    new_nodes = {n.id: n for n in src.nodes}
    new_rels = {r.id: r for r in src.rels}
    sch = schema()
    for node_id in node_ids:
        old = stored_nodes.get(node_id)
        src_map = _sources_of(old, src.id)
        rec = new_nodes.get(node_id)
        if rec is not None:
            src_map[src.id] = _statement(rec)
            etype, label = rec.type, rec.label
        elif old is not None:
            etype = old["type"]
            label = sch.entity_types[etype].label
        else:
            continue
        if not src_map:
            plan.node_deletes.append(node_id)
            report.entities.removed += 1
            continue
        props = merged_node(node_id, label, etype, src_map)
        if etype == "source":
            if node_id == src.id:
                props["supports_entities"] = sorted(n for n in new_nodes if n != src.id)
                props["supports_relationships"] = sorted(new_rels)
                props["article_text"] = src.article_text
            else:
                for key in ("supports_entities", "supports_relationships", "article_text"):
                    props[key] = old.get(key)
        props = stored(props)
        if report.entities.needs_write(old, props):
            (plan.node_writes if old else plan.node_creates).append(
                {"id": node_id, "label": label, "props": props}
            )

    for row in rel_rows:
        rel_id = row["id"]
        old = stored_rels.get(rel_id)
        src_map = _sources_of(old, src.id)
        rec = new_rels.get(rel_id)
        if rec is not None:
            src_map[src.id] = _statement(rec)
        elif old is None:
            continue
        if not src_map:
            plan.rel_deletes.append(row)
            report.relationships.removed += 1
            continue
        props = stored(merged_rel(rel_id, parse_relationship_id(rel_id)[0], src_map))
        if report.relationships.needs_write(old, props):
            (plan.rel_writes if old else plan.rel_creates).append({**row, "props": props})
    return plan


#: The write statements of a plan, in order: (cypher file, plan attribute, parameter name).
#: New items are CREATEd (the plan read their absence in the same transaction; the uniqueness
#: constraints turn a concurrent duplicate into an error, never a second node).
WRITE_STEPS = (
    ("load/delete_rels", "rel_deletes", "rows"),
    ("load/create_nodes", "node_creates", "rows"),
    ("load/write_nodes", "node_writes", "rows"),
    ("load/create_rels", "rel_creates", "rows"),
    ("load/write_rels", "rel_writes", "rows"),
    ("load/delete_nodes", "node_deletes", "ids"),
)


def _load_one(tx: ManagedTransaction, src: ValidSource) -> SourceReport:
    prev = tx.run(cypher("load/read_source"), source_id=src.id).single()
    node_ids, rel_rows = state_ids(src, prev)
    stored_nodes = {
        r["id"]: r["props"] for b in _batches(node_ids) for r in tx.run(cypher("load/read_nodes"), ids=b)
    }
    stored_rels = {
        r["id"]: r["props"] for b in _batches(rel_rows) for r in tx.run(cypher("load/read_rels"), rows=b)
    }
    plan = plan_load(src, node_ids, rel_rows, stored_nodes, stored_rels)
    for name, attr, param in WRITE_STEPS:
        for batch in _batches(getattr(plan, attr)):
            tx.run(cypher(name), {param: batch}).consume()
    if plan.changed:
        tx.run(cypher("load/bump_version")).consume()
    return plan.report


async def load_one_async(tx, src: ValidSource, extra_nodes=(), extra_rels=()) -> Plan:
    """The same load in an async transaction (the API's curator writes).

    ``extra_nodes`` / ``extra_rels``: further ids whose ``src.id`` statements are replaced too.
    """
    prev = await (await tx.run(cypher("load/read_source"), source_id=src.id)).single()
    node_ids, rel_rows = state_ids(src, prev, extra_nodes, extra_rels)
    stored_nodes, stored_rels = {}, {}
    for b in _batches(node_ids):
        async for r in await tx.run(cypher("load/read_nodes"), ids=b):
            stored_nodes[r["id"]] = r["props"]
    for b in _batches(rel_rows):
        async for r in await tx.run(cypher("load/read_rels"), rows=b):
            stored_rels[r["id"]] = r["props"]
    plan = plan_load(src, node_ids, rel_rows, stored_nodes, stored_rels)
    for name, attr, param in WRITE_STEPS:
        for batch in _batches(getattr(plan, attr)):
            await (await tx.run(cypher(name), {param: batch})).consume()
    if plan.changed:
        await (await tx.run(cypher("load/bump_version"))).consume()
    return plan


def load_sources(
    driver: Driver,
    database: str,
    sources: Iterable[ValidSource],
    progress: bool = False,
    total: int | None = None,
) -> LoadReport:
    """Load validated sources, each in its own write transaction, one at a time (a stream)."""
    report = LoadReport()
    if hasattr(sources, "__len__"):
        total = len(sources)
    with driver.session(database=database) as session:
        for src in _progress(sources, total, "Loading sources", progress):
            report.sources.append(session.execute_write(_load_one, src))
    report.version = graph_version(driver, database)
    return report


def graph_version(driver: Driver, database: str) -> int:
    records, _, _ = driver.execute_query(cypher("graph_version"), database_=database)
    return records[0]["version"]


class SourceSpool:
    """Validated sources waiting on disk; iterate as often as needed, one source in memory at a time."""

    def __init__(self, paths: list[Path], folder: Path):
        self.paths, self.folder = paths, folder

    def __iter__(self) -> Iterator[ValidSource]:
        return iter_sources(self.paths, self.folder)

    def __len__(self) -> int:
        return len(self.paths)


@contextmanager
def checked_sources(paths: list[Path], progress: bool = False) -> Iterator[SourceSpool]:
    """Validate every file (in parallel processes when there are many), raising with every problem;
    then yield the validated sources, which wait in a temporary spool (deleted afterwards)."""
    with tempfile.TemporaryDirectory(prefix="honglian-load-") as spool:
        workers = 1 if len(paths) < 4 else max(1, min(os.cpu_count() or 1, len(paths)))
        check_files(paths, progress=progress, spool=Path(spool), workers=workers)
        yield SourceSpool(paths, Path(spool))


def load_seed(
    driver: Driver, database: str, files: Iterable[Path] | None = None, progress: bool = False
) -> LoadReport:
    """Check, then load seed files (default: all of ``seed/data``); directories expand to their files.

    Nothing is written if any file has a problem. Sources then load one at a time (each in its own
    transaction), so memory stays flat however many files there are.
    """
    paths = seed_paths(files)
    with checked_sources(paths, progress) as sources:
        return load_sources(driver, database, sources, progress=progress, total=len(paths))
