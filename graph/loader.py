"""Validate seed files and load them into Neo4j as statements.

Validation runs over every file first and reports every problem together;
nothing is written unless all files are valid. Each source then loads in one
write transaction:

* what a source states about each entity and relationship is stored as one statement
  (``graph/statements.py``); the entity or relationship the graph shows is derived from every
  statement about it, and its evidence lists each source's quotes;
* re-loading a source replaces its statements: a fact it no longer states loses that source's
  evidence, and disappears when no statement supports it;
* loading the same files twice changes nothing (statements carry a digest of what they say).

The same plan serves a curator's single facts (``Scope`` with the curated origin), deleting a
source (every statement it holds replaced by none) and ``--dry-run`` (planned, never written).
"""

from __future__ import annotations

import asyncio
import collections
import gc
import itertools
import json
import os
import pickle
import tempfile
import zlib
from collections.abc import AsyncIterator, Collection, Iterable, Iterator, Sized
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from neo4j import AsyncDriver, AsyncManagedTransaction, RoutingControl
from neo4j.exceptions import TransientError

from graph import SEED_DIR
from graph.db import cypher, statements
from graph.errors import HonglianError, SeedValidationError, ValidationProblem
from graph.model import NodeRecord, RelRecord, ValidSource, redactions_of, schema, validate_document
from graph.statements import (
    ARTICLE,
    CURATED,
    ENTITY,
    RELATIONSHIP,
    derive,
    entity_statement,
    relationship_ends,
    relationship_statement,
    statements_of,
)

SEED_DATA_DIR = SEED_DIR / "data"
BATCH = 5000
#: Concurrent write transactions of a load (``load_sources``). Two keep Neo4j's writer busy while
#: Python plans the next piece (docs/benchmarks.md).
LANES = 2
#: Attempts of one lane's transaction that Neo4j aborted for a transient reason (a deadlock between
#: two lanes creating relationships on the same node): the driver's own retries stop after seconds.
LANE_ATTEMPTS = 8
#: Sources whose statements a worker process builds ahead of the lanes that write them.
PREFETCH = 1
#: Size of the filter that remembers the subjects a load into an empty graph has stated (16 MiB).
SEEN_BITS = 1 << 27


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

    def problems(self, src: ValidSource) -> list[ValidationProblem]:
        found = []
        if src.id in self.sources:
            found.append(
                ValidationProblem(
                    src.file, "source.id", f"source id {src.id!r} is also used by {self.sources[src.id]}"
                )
            )
        self.sources[src.id] = src.file
        for node in src.nodes:
            shape = (node.type, node.name, node.props.get("kind"), node.props.get("level"))
            other = self.declared.get(node.id)
            if other is None:
                self.declared[node.id] = (src.file, *shape)
            elif other[1:] != shape:
                found.append(
                    ValidationProblem(
                        src.file,
                        f"entities({node.id})",
                        f"declared as {shape[0]} {shape[1]!r} (kind {shape[2]}, level {shape[3]}) but as "
                        f"{other[1]} {other[2]!r} (kind {other[3]}, level {other[4]}) in {other[0]}",
                    )
                )
        return found


def _validate_one(doc: RawDoc) -> tuple[ValidSource | None, list[ValidationProblem]]:
    if doc.error:
        return None, [ValidationProblem(doc.file, "", doc.error)]
    return validate_document(doc.data, doc.file)


def validate(docs: list[RawDoc]) -> list[ValidSource]:
    """Validate every document and their agreement with each other; raise with every problem."""
    problems: list[ValidationProblem] = []
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


def _spooled(spool: Path, index: int) -> Path:
    """Where the ``index``-th file's validated source waits (by position: two files may share a name)."""
    return spool / f"{index:07d}.pickle"


def _check_one(
    index: int, path: Path, spool: Path | None
) -> tuple[ValidSource | None, list[ValidationProblem]]:
    """Read and validate one file; with ``spool``, keep the validated source there (pickled) and
    return it without its records (the cross-check needs only ids and shapes)."""
    source, found = _validate_one(read_seed_file(path))
    if source is not None and spool is not None:
        with _spooled(spool, index).open("wb") as fh:
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
    problems: list[ValidationProblem] = []
    cross = CrossCheck()
    if workers > 1 and len(paths) > 1:
        pool = ProcessPoolExecutor(workers)
        results = pool.map(_check_one, range(len(paths)), paths, [spool] * len(paths))
    else:
        pool, results = None, (_check_one(i, p, spool) for i, p in enumerate(paths))
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
    for index, path in enumerate(paths):
        if spool is not None:
            with _spooled(spool, index).open("rb") as fh:
                yield pickle.load(fh)
            continue
        source, found = _validate_one(read_seed_file(path))
        if found or source is None:  # the file changed since it was checked
            raise SeedValidationError(found)
        yield source


# ------------------------------------------------------------------ loading
@dataclass
class ChangeCounts:
    """How many entities (or relationships) a write created, updated, removed or left unchanged."""

    created: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.removed)

    def add(self, other: ChangeCounts) -> None:
        for name in ("created", "updated", "removed", "unchanged"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class SourceReport:
    source_id: str
    entities: ChangeCounts = field(default_factory=ChangeCounts)
    relationships: ChangeCounts = field(default_factory=ChangeCounts)

    def counts(self, kind: str) -> ChangeCounts:
        return self.entities if kind == ENTITY else self.relationships


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


@dataclass(frozen=True)
class Scope:
    """The statements a write replaces: ``source_id``'s statements of ``origins`` about ``subjects``
    (every subject when None) of one ``kind`` (both when None). A source's load replaces all its article statements; a curator's post
    replaces its curated statements about the posted subjects; a deletion replaces everything with nothing."""

    source_id: str
    origins: tuple[str, ...] = (ARTICLE,)
    subjects: tuple[str, ...] | None = None
    kind: str | None = None  # ENTITY or RELATIONSHIP: only statements about that kind of subject

    def params(self) -> dict[str, Any]:
        return {
            "source_id": self.source_id,
            "origins": list(self.origins),
            "subjects": None if self.subjects is None else list(self.subjects),
            "kind": self.kind,
        }


@dataclass
class Change:
    """One subject whose derived entity or relationship a write changes (for reports and dry runs)."""

    subject: str
    kind: str  # ENTITY or RELATIONSHIP
    action: str  # created | updated | removed
    before: dict[str, Any] | None  # derived properties before (dry runs only; None otherwise)
    after: dict[str, Any] | None  # derived properties after (None: removed)
    linked: bool = False  # stated by other sources already, and newly by this one


@dataclass
class Plan:
    """What one write changes: counts, the statement writes and the derived items to write or delete."""

    report: SourceReport
    changes: list[Change] = field(default_factory=list)
    statement_creates: list[dict] = field(default_factory=list)
    statement_writes: list[dict] = field(default_factory=list)
    statement_deletes: list[str] = field(default_factory=list)
    node_creates: list[dict] = field(default_factory=list)
    node_writes: list[dict] = field(default_factory=list)
    node_deletes: list[str] = field(default_factory=list)
    rel_creates: list[dict] = field(default_factory=list)
    rel_writes: list[dict] = field(default_factory=list)
    rel_deletes: list[dict] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.report.entities.changed or self.report.relationships.changed


def _item_row(kind: str, subject: str, props: dict[str, Any]) -> dict[str, Any]:
    if kind == ENTITY:
        return {"id": subject, "label": schema().entity_types[props["type"]].label, "props": props}
    db_type, start, end = relationship_ends(subject)
    return {"id": subject, "db_type": db_type, "source": start, "target": end, "props": props}


def plan_write(
    scope: Scope,
    new: list[dict[str, Any]],
    previous: list[dict[str, Any]],
    others: dict[str, list[dict[str, Any]]],
    full: bool = False,
) -> Plan:
    """Pure: the writes that replace the statements in ``scope`` by ``new``.

    ``previous`` are the rows of ``load/scope_statements`` (id, subject, subject_kind, digest, and the
    full statement ``st`` in a dry run); ``others`` maps each subject whose statement changes to every
    other statement about it (``load/other_statements``). A subject whose statement is unchanged (same
    digest) is not written at all; a subject no statement supports any more is deleted. With ``full``
    (``previous`` rows hold whole statements) every change carries its item before and after.
    """
    plan = Plan(SourceReport(scope.source_id))
    before = {row["subject"]: row for row in previous}
    after = {st["subject"]: st for st in new}
    touched = []
    for subject, st in after.items():
        old = before.get(subject)
        if old is not None and old["digest"] == st["digest"]:
            plan.report.counts(st["subject_kind"]).unchanged += 1
            continue
        (plan.statement_writes if old else plan.statement_creates).append(st)
        touched.append(subject)
    plan.statement_deletes = [row["id"] for s, row in before.items() if s not in after]
    touched += [s for s in before if s not in after]
    # Entities before relationships, so that a relationship's ends exist when it is written.
    kinds = {s: (after.get(s) or before[s])["subject_kind"] != ENTITY for s in touched}
    touched.sort(key=lambda s: (kinds[s], s))
    for subject in touched:
        rest = others.get(subject, [])
        kind = (after.get(subject) or before[subject])["subject_kind"]
        existed = subject in before or bool(rest)
        derived = derive([*rest, after[subject]] if subject in after else rest)
        was = None
        if full and existed:
            was = derive([*rest, before[subject]["st"]] if subject in before else rest)
        linked = bool(rest) and subject not in before
        counts = plan.report.counts(kind)
        if derived is None:
            counts.removed += 1
            plan.changes.append(Change(subject, kind, "removed", was, None))
            if kind == ENTITY:
                plan.node_deletes.append(subject)
            else:
                plan.rel_deletes.append(_item_row(kind, subject, {}))
            continue
        action = "updated" if existed else "created"
        setattr(counts, action, getattr(counts, action) + 1)
        plan.changes.append(Change(subject, kind, action, was, derived, linked))
        row = _item_row(kind, subject, derived)
        if kind == ENTITY:
            (plan.node_writes if existed else plan.node_creates).append(row)
        else:
            (plan.rel_writes if existed else plan.rel_creates).append(row)
    return plan


def property_changes(before: dict[str, Any] | None, after: dict[str, Any] | None) -> list[str]:
    """What a write changes in one derived item, in words: ``title: 镇长 → 党委副书记、镇长``, new
    sources and quotes. Pure; used by ``honglian seed --dry-run``.

    >>> property_changes({"title": "镇长", "ev_quotes": ["a"], "sources": ["s1"]},
    ...                  {"title": "党委副书记、镇长", "ev_quotes": ["a", "b"], "sources": ["s1", "s2"]})
    ['title: 镇长 → 党委副书记、镇长', 'sources: + s2', 'quotes: 1 → 2']
    """
    from graph.views import public_properties

    old, new = public_properties(before or {}), public_properties(after or {})
    out = []
    for key in sorted(set(old) | set(new)):
        if old.get(key) != new.get(key):
            out.append(f"{key}: {_shown(old.get(key))} → {_shown(new.get(key))}")
    added = sorted(set((after or {}).get("sources", [])) - set((before or {}).get("sources", [])))
    if added:
        out.append("sources: + " + ", ".join(added))
    quotes = [len((x or {}).get("ev_quotes", [])) for x in (before, after)]
    if quotes[0] != quotes[1]:
        out.append(f"quotes: {quotes[0]} → {quotes[1]}")
    if after and after.get("disputed"):
        out.append("disputed: " + ", ".join(after["disputed"]))
    return out


def _shown(value: Any) -> str:
    return "—" if value is None else "、".join(map(str, value)) if isinstance(value, list) else str(value)


def change_rows(plan: Plan) -> list[tuple[str, str, str, str, str]]:
    """(action, kind, id, what, changes) per changed entity and relationship, for a dry run's table.

    ``action``: new, linked (an entity already in the graph that this source states too), updated,
    removed. ``what``: an entity's type and name, or a relationship's type and ends.
    """
    rows = []
    for c in plan.changes:
        item = c.after or c.before or {}
        if c.kind == ENTITY:
            action = "new" if c.action == "created" else "linked" if c.linked else c.action
            what = f"{item.get('type', '')} {item.get('name', '')}".strip()
        else:
            action = "new" if c.action == "created" else c.action
            _, start, end = relationship_ends(c.subject)
            what = f"{item.get('type', c.subject.split('--')[0])} {start} → {end}"
        rows.append((action, c.kind, c.subject, what, "; ".join(property_changes(c.before, c.after))))
    return rows


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
    ("load/delete_statements", "statement_deletes", "ids"),
    ("load/create_statements", "statement_creates", "rows"),
    ("load/write_statements", "statement_writes", "rows"),
)


def _batches(rows: list, size: int = BATCH):
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


async def _rows(tx: AsyncManagedTransaction, name: str, **params: Any) -> list[dict[str, Any]]:
    return await (await tx.run(cypher(name), params)).data()


async def read_plan(
    tx: AsyncManagedTransaction, scope: Scope, new: list[dict[str, Any]], full: bool = False
) -> Plan:
    """Read what ``scope`` holds now and every other statement about the subjects that change, then
    plan the write (``full``: read whole statements too, so the plan shows before and after)."""
    previous = await _rows(tx, "load/scope_statements", **scope.params(), full=full)
    return await plan_against(tx, scope, new, previous, full)


async def plan_against(
    tx: AsyncManagedTransaction,
    scope: Scope,
    new: list[dict[str, Any]],
    previous: list[dict[str, Any]],
    full: bool = False,
    stated_elsewhere: Collection[str] | None = None,
) -> Plan:
    """Plan replacing ``previous`` (rows of ``load/scope_statements``) by ``new``: reads every other
    statement about the subjects that change, in ``tx`` (``stated_elsewhere``: only about these
    subjects, when the caller knows that no other statement is about the rest)."""
    digests = {row["subject"]: row["digest"] for row in previous}
    touched_set = {st["subject"] for st in new if digests.get(st["subject"]) != st["digest"]} | (
        set(digests) - {st["subject"] for st in new}
    )
    if stated_elsewhere is not None:
        touched_set &= set(stated_elsewhere)
    touched = sorted(touched_set)
    others: dict[str, list[dict[str, Any]]] = {}
    for batch in _batches(touched):
        for row in await _rows(
            tx, "load/other_statements", ids=batch, source_id=scope.source_id, origins=list(scope.origins)
        ):
            others.setdefault(row["st"]["subject"], []).append(row["st"])
    return plan_write(scope, new, previous, others, full)


async def write_plan(tx: AsyncManagedTransaction, plan: Plan, bump: bool = True) -> None:
    """Run a plan's writes (``bump``: and record a new graph version when it changes anything)."""
    for name, attr, param in WRITE_STEPS:
        for batch in _batches(getattr(plan, attr)):
            await (await tx.run(cypher(name), {param: batch})).consume()
    if bump and plan.changed:
        await (await tx.run(cypher("load/bump_version"))).consume()


async def replace_statements(tx: AsyncManagedTransaction, scope: Scope, new: list[dict[str, Any]]) -> Plan:
    """Replace the statements in ``scope`` by ``new`` and re-derive what they are about (one transaction)."""
    plan = await read_plan(tx, scope, new)
    await write_plan(tx, plan)
    return plan


async def load_source(tx: AsyncManagedTransaction, src: ValidSource) -> Plan:
    """Load one validated source: its statements replace what it stated before."""
    return await replace_statements(tx, Scope(src.id), list(statements_of(src)))


async def load_sources(
    driver: AsyncDriver,
    database: str,
    sources: Iterable[ValidSource],
    progress: bool = False,
    total: int | None = None,
    lanes: int = LANES,
) -> LoadReport:
    """Load validated sources.

    A collection (a list, the validated spool: anything with a length, so it can be read twice)
    loads in two passes, entities of every source first, then their relationships, each pass in
    ``lanes`` concurrent write transactions (``_load_in_lanes``). A one-shot iterator, or
    ``lanes=1``, loads one source per write transaction, one after the other. Either way memory
    stays flat: one source (or a few, queued for the lanes) at a time.
    """
    with _few_collections():
        if isinstance(sources, Sized):
            total = len(sources)
            if lanes > 1:
                return await _load_in_lanes(driver, database, sources, lanes, progress, total)
        return await _load_one_by_one(driver, database, sources, progress, total)


async def _load_one_by_one(
    driver: AsyncDriver, database: str, sources: Iterable[ValidSource], progress: bool, total: int | None
) -> LoadReport:
    report = LoadReport()
    async with driver.session(database=database) as session:
        for src in _progress(sources, total or 0, "Loading sources", progress):
            plan = await session.execute_write(load_source, src)
            report.sources.append(plan.report)
    report.version = await graph_version(driver, database)
    return report


def lane_of(subject: str, lanes: int) -> int:
    """The lane that writes ``subject``'s statements and derived item: the same in every pass and run.

    >>> lane_of("taibao", 2), lane_of("taibao", 2) == lane_of("taibao", 2)
    (1, True)
    """
    return zlib.crc32(subject.encode()) % lanes


def split_statements(src: ValidSource, kind: str, lanes: int) -> tuple[str, list[list[dict[str, Any]]]]:
    """(source id, its statements about ``kind`` of subject, one list per lane by ``lane_of``)."""
    split: list[list[dict[str, Any]]] = [[] for _ in range(lanes)]
    for st in statements_of(src, kind=kind):
        split[lane_of(st["subject"], lanes)].append(st)
    return src.id, split


def _split_spooled(spool: SourceSpool, index: int, kind: str, lanes: int) -> tuple[str, list[list[dict]]]:
    return split_statements(spool.source(index), kind, lanes)


class _Splitter:
    """The sources' statements, split by lane, one source at a time in source order. From a spool
    they are built in a worker process, ``PREFETCH`` sources ahead, while the lanes write: Python's
    statements and digests then run on the core Neo4j leaves free (docs/benchmarks.md)."""

    def __init__(self, sources: Iterable[ValidSource], lanes: int):
        self.sources, self.lanes = sources, lanes
        self.pool: ProcessPoolExecutor | None = None
        if isinstance(sources, SourceSpool):
            self.pool = ProcessPoolExecutor(1)

    async def split(self, kind: str) -> AsyncIterator[tuple[str, list[list[dict[str, Any]]]]]:
        if self.pool is None or not isinstance(self.sources, SourceSpool):
            for src in self.sources:
                yield split_statements(src, kind, self.lanes)
            return
        pool, spool = self.pool, self.sources
        ahead: collections.deque[asyncio.Future] = collections.deque()
        indexes = iter(range(len(spool)))
        for index in itertools.islice(indexes, PREFETCH):
            ahead.append(asyncio.wrap_future(pool.submit(_split_spooled, spool, index, kind, self.lanes)))
        while ahead:
            result = await ahead.popleft()
            for index in itertools.islice(indexes, 1):
                ahead.append(asyncio.wrap_future(pool.submit(_split_spooled, spool, index, kind, self.lanes)))
            yield result

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)


class _Seen:
    """The subjects a load has stated so far, in a Bloom filter of fixed size (``SEEN_BITS``), so
    memory stays flat however large the load. ``add`` says whether the subject may have been added
    before; a false "maybe" (about one in a thousand at province size) costs one read, never a
    wrong plan."""

    def __init__(self, bits: int = SEEN_BITS):
        self.bits = bytearray(bits // 8)
        self.mask, self.shift = bits - 1, bits.bit_length() - 1

    def add(self, subject: str) -> bool:
        h = hash(subject)
        seen = True
        for i in (h & self.mask, (h >> self.shift) & self.mask):
            byte, bit = i >> 3, 1 << (i & 7)
            if not self.bits[byte] & bit:
                seen = False
                self.bits[byte] |= bit
        return seen


async def _progress_async(items: AsyncIterator, total: int, description: str, enabled: bool):
    if not enabled:
        async for item in items:
            yield item
        return
    from rich.progress import Progress

    with Progress(transient=False) as bar:
        task = bar.add_task(description, total=total)
        async for item in items:
            yield item
            bar.advance(task)


@contextmanager
def _few_collections() -> Iterator[None]:
    """Collect cyclic garbage rarely while loading: the loader allocates millions of small dicts and
    lists that form no cycles, and Python's default (a collection every 700 allocations) cost a third
    of its CPU (docs/benchmarks.md)."""
    before = gc.get_threshold()
    gc.set_threshold(50_000, 20, 10)  # a full collection every 10 million allocations, not never
    try:
        yield
    finally:
        gc.set_threshold(*before)


async def _load_in_lanes(
    driver: AsyncDriver,
    database: str,
    sources: Iterable[ValidSource],
    lanes: int,
    progress: bool,
    total: int,
) -> LoadReport:
    """Two passes over ``sources``: entities, then relationships (whose ends then exist). In each
    pass a source's statements are split by ``lane_of`` their subject and each lane writes its share
    in its own transaction, lanes concurrently. A subject always falls in the same lane, so no two
    transactions ever derive or write the same entity or relationship (their statements included),
    whichever sources state it: the derived items are those a one-transaction-per-source load writes.

    Every (source, pass, lane) is one transaction, planned against what is committed: a failure
    midway leaves whole pieces written, and running the load again writes exactly what is missing
    (statements carry digests). The graph version is bumped after each pass that changed anything.
    """
    reports: dict[str, SourceReport] = {}
    records = await driver.execute_query(
        cypher("load/statement_count"), database_=database, routing_=RoutingControl.READ
    )
    # Loading into a graph without statements: a subject not stated earlier in this load has no other
    # statement to read, and no source has statements to replace.
    seen = _Seen() if records.records[0]["statements"] == 0 else None
    builder = _Splitter(sources, lanes)
    try:
        await _load_passes(driver, database, builder, seen, reports, lanes, progress, total)
    finally:
        builder.close()
    report = LoadReport([reports[k] for k in reports])
    report.version = await graph_version(driver, database)
    return report


async def _load_passes(
    driver: AsyncDriver,
    database: str,
    builder: _Splitter,
    seen: _Seen | None,
    reports: dict[str, SourceReport],
    lanes: int,
    progress: bool,
    total: int,
) -> None:
    for kind in (ENTITY, RELATIONSHIP):
        changed = False
        queues: list[asyncio.Queue] = [asyncio.Queue(maxsize=2) for _ in range(lanes)]

        async def lane(queue: asyncio.Queue) -> None:
            nonlocal changed
            async with driver.session(database=database) as session:
                while (piece := await queue.get()) is not None:
                    scope, new, previous, stated_elsewhere = piece
                    plan = await _write_piece(session, scope, new, previous, stated_elsewhere)
                    counts = reports[scope.source_id].counts(scope.kind)
                    counts.add(plan.report.counts(scope.kind))
                    changed = changed or plan.changed

        tasks = [asyncio.create_task(lane(q)) for q in queues]
        try:
            async for source_id, new in _progress_async(
                builder.split(kind), total, f"Loading {kind} statements", progress
            ):
                reports.setdefault(source_id, SourceReport(source_id))
                scope = Scope(source_id, kind=kind)
                previous: list[list[dict[str, Any]]] = [[] for _ in range(lanes)]
                if seen is None:  # (in a graph that held no statement, no source stated anything)
                    records = await driver.execute_query(
                        cypher("load/scope_statements"),
                        scope.params(),
                        full=False,
                        database_=database,
                        routing_=RoutingControl.READ,
                    )
                    for record in records.records:
                        previous[lane_of(record["subject"], lanes)].append(record.data())
                for i, queue in enumerate(queues):
                    if new[i] or previous[i]:
                        elsewhere = (
                            None
                            if seen is None
                            else [st["subject"] for st in new[i] if seen.add(st["subject"])]
                        )
                        await _put(queue, (scope, new[i], previous[i], elsewhere), tasks)
            for queue in queues:
                await _put(queue, None, tasks)
            await asyncio.gather(*tasks)
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
        if changed:
            await driver.execute_query(cypher("load/bump_version"), database_=database)


async def _put(queue: asyncio.Queue, item: Any, tasks: list[asyncio.Task]) -> None:
    """Queue a piece for a lane; a lane that failed fails the load now (not after every source)."""
    while True:
        for task in tasks:
            failure = task.exception() if task.done() else None
            if failure is not None:
                raise failure
        try:
            await asyncio.wait_for(queue.put(item), timeout=1.0)
            return
        except TimeoutError:
            continue


async def _write_piece(
    session, scope: Scope, new: list[dict], previous: list[dict], stated_elsewhere: list[str] | None
) -> Plan:
    async def work(tx: AsyncManagedTransaction) -> Plan:
        plan = await plan_against(tx, scope, new, previous, stated_elsewhere=stated_elsewhere)
        await write_plan(tx, plan, bump=False)
        return plan

    for attempt in range(LANE_ATTEMPTS):
        try:
            return await session.execute_write(work)
        except TransientError:
            if attempt + 1 == LANE_ATTEMPTS:
                raise
            await asyncio.sleep(0.1 * 2**attempt)
    raise AssertionError("unreachable")


async def dry_run(driver: AsyncDriver, database: str, sources: Iterable[ValidSource]) -> list[Plan]:
    """What loading ``sources`` would change (before and after of every entity and relationship),
    read in read transactions: nothing is written. Each source is planned against the graph as it is."""
    plans = []
    async with driver.session(database=database) as session:
        for src in sources:
            new = list(statements_of(src))
            plans.append(await session.execute_read(read_plan, Scope(src.id), new, True))
    return plans


async def apply_schema(driver: AsyncDriver, database: str) -> int:
    """Run every statement of ``cypher/schema.cypher``, then wait for the indexes; returns how many."""
    stmts = statements("schema")
    for stmt in stmts:
        await driver.execute_query(stmt, database_=database)
    await driver.execute_query(cypher("load/await_indexes"), database_=database)
    await migrate_blobs(driver, database)
    return len(stmts)


async def migrate_blobs(driver: AsyncDriver, database: str, batch: int = BATCH) -> int:
    """Convert a graph stored before statements (each item's per-source values in a ``src_json`` blob,
    curated ones under ``curated:S`` keys) into statements, and re-derive the items from them.

    Idempotent (items without ``src_json`` are left alone); run by ``honglian schema apply``, so an
    existing data directory keeps its curated facts. Quotes of private persons are redacted with the
    names the graph holds (their ``mentions`` did not exist then). Returns how many items it converted.
    """
    context = (
        await driver.execute_query(
            cypher("load/legacy_context"), database_=database, routing_=RoutingControl.READ
        )
    ).records[0]
    dates = dict(context["dates"])
    redactions = redactions_of((p["name"], p.get("aliases") or [], p) for p in context["people"])
    sch = schema()
    converted = 0

    def statements_from(
        subject: str, rtype: str, blob: str, article_text: str | None
    ) -> list[dict[str, Any]]:
        out = []
        for key, value in json.loads(blob).items():
            origin, sid = (CURATED, key[len("curated:") :]) if key.startswith("curated:") else (ARTICLE, key)
            quotes = value.get("quotes") or []
            if rtype in sch.relationship_types:
                rt = sch.relationship_types[rtype]
                _, start, end = relationship_ends(subject)
                rec = RelRecord(subject, rtype, rt.db_type, start, end, value.get("props") or {}, quotes)
                out.append(relationship_statement(rec, sid, dates.get(sid), origin, redactions))
            else:
                node = NodeRecord(
                    subject,
                    rtype,
                    sch.entity_types[rtype].label,
                    value["name"],
                    value.get("aliases") or [],
                    value.get("props") or {},
                    quotes,
                )
                own = article_text if subject == sid and origin == ARTICLE else None
                out.append(entity_statement(node, sid, dates.get(sid), origin, redactions, own))
        return out

    for query, kind in (("load/legacy_entities", ENTITY), ("load/legacy_relationships", "relationship")):
        while True:
            rows = (await driver.execute_query(cypher(query), batch=batch, database_=database)).records
            if not rows:
                break
            plan = Plan(SourceReport("migration"))
            for row in rows:
                records = statements_from(row["id"], row["type"], row["src_json"], row.get("article_text"))
                plan.statement_writes.extend(records)
                item = _item_row(kind, row["id"], derive(records) or {})
                (plan.node_writes if kind == ENTITY else plan.rel_writes).append(item)
            async with driver.session(database=database) as session:
                await session.execute_write(write_plan, plan)
            converted += len(rows)
    if converted:
        await driver.execute_query(cypher("load/bump_version"), database_=database)
    return converted


async def graph_version(driver: AsyncDriver, database: str) -> int:
    records, _, _ = await driver.execute_query(
        cypher("graph_version"), database_=database, routing_=RoutingControl.READ
    )
    return records[0]["version"]


class SourceSpool:
    """Validated sources waiting on disk; iterate as often as needed, one source in memory at a time."""

    def __init__(self, paths: list[Path], folder: Path):
        self.paths, self.folder = paths, folder

    def __iter__(self) -> Iterator[ValidSource]:
        return iter_sources(self.paths, self.folder)

    def __len__(self) -> int:
        return len(self.paths)

    def source(self, index: int) -> ValidSource:
        """The ``index``-th validated source (any process can read it: the spool is files)."""
        with _spooled(self.folder, index).open("rb") as fh:
            return pickle.load(fh)


@contextmanager
def checked_sources(paths: list[Path], progress: bool = False) -> Iterator[SourceSpool]:
    """Validate every file (in parallel processes when there are many), raising with every problem;
    then yield the validated sources, which wait in a temporary spool (deleted afterwards)."""
    with tempfile.TemporaryDirectory(prefix="honglian-load-") as spool:
        workers = 1 if len(paths) < 4 else max(1, min(os.cpu_count() or 1, len(paths)))
        check_files(paths, progress=progress, spool=Path(spool), workers=workers)
        yield SourceSpool(paths, Path(spool))


async def load_seed(
    driver: AsyncDriver, database: str, files: Iterable[Path] | None = None, progress: bool = False
) -> LoadReport:
    """Check, then load seed files (default: all of ``seed/data``); directories expand to their files.

    Nothing is written if any file has a problem. Sources then load one at a time (each in its own
    transaction), so memory stays flat however many files there are.
    """
    paths = seed_paths(files)
    with checked_sources(paths, progress) as sources:
        return await load_sources(driver, database, sources, progress=progress, total=len(paths))
