"""The bulk path: seed files → ``neo4j-admin database import`` CSVs → a fresh database.

The CSVs hold exactly what the online loader would write (the same ``merged_node`` / ``merged_rel``
functions build every property), so the API, the named queries and the analytics cannot tell the two
apart. Writing them streams: validated sources wait in a spool; relationships stated by one source
(nearly all) are written as they come, the few stated by several are merged at the end; entities
(far fewer than relationships) are merged in memory.

    honglian bulk-import DIR        # stops the local Neo4j, imports, starts it, applies the schema
"""

from __future__ import annotations

import asyncio
import csv
import os
import shutil
import time
from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.errors import HonglianError
from graph.loader import SourceSpool, checked_sources, seed_paths
from graph.model import schema
from graph.statements import ENTITY, derive, statements_of

#: Array separator in the CSVs: a control character, which clean_text never lets into any value.
ARRAY_DELIMITER = "\x1f"
ID_SPACE = "Entity"


@dataclass
class ImportStats:
    nodes: int = 0
    relationships: int = 0
    statements: int = 0
    files: list[Path] = field(default_factory=list)
    seconds: float = 0.0


def _csv_type(values: set[type]) -> str:
    """The neo4j-admin column type for the Python types seen in one property."""
    if values <= {bool}:
        return "boolean"
    if values <= {int}:
        return "long"
    if values <= {int, float}:
        return "double"
    if values <= {list}:
        return "string[]"
    if list in values:
        raise HonglianError(f"a property holds lists and single values ({values}); the CSVs cannot say both")
    return "string"


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ARRAY_DELIMITER.join(str(v) for v in value)
    return value


def _types(props: dict[str, Any], into: dict[str, set[type]]) -> None:
    for k, v in props.items():
        if v is not None:
            into[k].add(type(v))


def _statement_file(st: dict[str, Any]) -> str:
    """Statements go to one CSV per kind of subject (their columns differ): entities of one type, or
    relationships of one type."""
    return f"statements-{st['subject_kind']}-{st['type']}"


def _part(out: Path, name: str, index: int) -> Path:
    """One source's rows of the CSV ``name`` (no header: ``name.csv`` holds it, see ``import_args``)."""
    return out / f"{name}.part-{index:05d}.csv"


Columns = dict[str, dict[str, set[type]]]


def _survey(spool: SourceSpool, index: int) -> tuple[Columns, Columns, list[dict[str, Any]], list[str]]:
    """Pass A over one source (in a worker process): the columns (with their types) of every file it
    writes to, its entity statements, and the ids of the relationships it states."""
    st_cols: Columns = defaultdict(lambda: defaultdict(set))
    rel_cols: Columns = defaultdict(lambda: defaultdict(set))
    entities, rels = [], []
    for st in statements_of(spool.source(index)):
        _types(st, st_cols[_statement_file(st)])
        if st["subject_kind"] == ENTITY:
            entities.append(st)
            continue
        _types(derive([st]) or {}, rel_cols[st["db_type"]])
        rels.append(st["subject"])
    return _plain(st_cols), _plain(rel_cols), entities, rels


def _plain(cols: Columns) -> Columns:
    return {name: dict(keys) for name, keys in cols.items()}


def _merge(into: Columns, cols: Columns) -> None:
    for name, keys in cols.items():
        for key, types in keys.items():
            into.setdefault(name, {}).setdefault(key, set()).update(types)


def _write_part(
    spool: SourceSpool, index: int, out: Path, keys: dict[str, list[str]], multi: frozenset[str]
) -> tuple[dict[str, int], list[dict[str, Any]]]:
    """Pass B over one source (in a worker process): its statements and the relationships only it
    states, into part files with the columns ``keys`` fixed in pass A. Returns the rows written per
    file and the statements of relationships several sources state (merged by the caller)."""
    tables: dict[str, _Part] = {}
    held = []

    def table(name: str) -> _Part:
        if name not in tables:
            tables[name] = _Part(_part(out, name, index), keys[name])
        return tables[name]

    try:
        for st in statements_of(spool.source(index)):
            table(_statement_file(st)).write([st["id"], "Statement"], st)
            if st["subject_kind"] == ENTITY:
                continue
            if st["subject"] in multi:
                held.append(st)
            else:
                table(f"rels-{st['db_type']}").write([st["start"], st["end"]], derive([st]) or {})
    finally:
        for t in tables.values():
            t.close()
    return {name: t.rows for name, t in tables.items()}, held


class _Part:
    """Rows of one CSV whose property columns are fixed beforehand; its header row goes first when
    given (else the header is a file of its own, see ``_header``)."""

    def __init__(self, path: Path, keys: list[str], header: list[str] | None = None):
        self.path = path
        self.keys = keys
        self.fh = path.open("w", encoding="utf-8", newline="")
        self.out = csv.writer(self.fh)
        if header is not None:
            self.out.writerow(header)
        self.rows = 0

    def write(self, fixed: list[Any], props: dict[str, Any]) -> None:
        self.out.writerow(fixed + [_cell(props.get(k)) for k in self.keys])
        self.rows += 1

    def close(self) -> None:
        self.fh.close()


def _header_row(fixed: list[str], columns: dict[str, set[type]]) -> tuple[list[str], list[str]]:
    """A CSV's header row and its property columns in order."""
    keys = sorted(columns)
    return fixed + [f"{k}:{_csv_type(columns[k])}" for k in keys], keys


def _header(path: Path, fixed: list[str], columns: dict[str, set[type]]) -> list[str]:
    """Write the header file of a CSV; returns its property columns in order."""
    row, keys = _header_row(fixed, columns)
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerow(row)
    return keys


def write_import_csvs(
    files: Iterable[Path], out: Path, progress: bool = False, workers: int | None = None
) -> ImportStats:
    """Validate seed files and write neo4j-admin CSVs under ``out``: ``nodes.csv`` (the derived
    entities), one ``rels-TYPE`` group per relationship type (derived relationships) and one
    ``statements-KIND-TYPE`` group per kind of statement, all built by the functions the online loader
    uses. A group is a header file ``NAME.csv`` and its rows, ``NAME.part-all.csv`` (written one part
    per source, then joined).

    Sources are surveyed (pass A: columns, entity statements, relationship ids) and written (pass B)
    in ``workers`` processes (default: one per core), each holding one source at a time; entities and
    the few relationships several sources state are derived here from every statement about them.
    """
    started = time.perf_counter()
    paths = seed_paths(files)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.csv"):
        old.unlink()
    stats = ImportStats()
    workers = workers or os.cpu_count() or 1
    with checked_sources(paths, progress=progress) as spool, ProcessPoolExecutor(workers) as pool:
        indices = range(len(spool))
        # Pass A: entity statements (held: entities are far fewer than relationships), which
        # relationships several sources state, and the columns (with their types) of every file.
        entity_statements: dict[str, list[dict[str, Any]]] = defaultdict(list)
        rel_seen: set[str] = set()
        rel_multi: set[str] = set()
        rel_cols: Columns = {}
        st_cols: Columns = {}
        for cols, rcols, entities, rels in pool.map(_survey, [spool] * len(spool), indices):
            _merge(st_cols, cols)
            _merge(rel_cols, rcols)
            for st in entities:
                entity_statements[st["subject"]].append(st)
            rel_multi.update(r for r in rels if r in rel_seen)
            rel_seen.update(rels)
        del rel_seen
        for columns in rel_cols.values():  # a merge of several sources can add these
            columns.setdefault("disputed", set()).add(list)
        keys = {
            f"rels-{db_type}": _header(
                out / f"rels-{db_type}.csv", [":START_ID(Entity)", ":END_ID(Entity)"], cols
            )
            for db_type, cols in rel_cols.items()
        }
        keys.update(
            {
                name: _header(
                    out / f"{name}.csv",
                    ["id:ID(Statement)", ":LABEL"],
                    {k: v for k, v in cols.items() if k != "id"},
                )
                for name, cols in st_cols.items()
            }
        )

        # Pass B, a second stream over the spool: statements; single-source relationships as they come.
        multi: dict[str, list[dict[str, Any]]] = defaultdict(list)
        rows: dict[str, int] = defaultdict(int)
        frozen = frozenset(rel_multi)
        jobs = pool.map(
            _write_part,
            [spool] * len(spool),
            indices,
            [out] * len(spool),
            [keys] * len(spool),
            [frozen] * len(spool),
        )
        for counts, held in jobs:
            for name, n in counts.items():
                rows[name] += n
            for st in held:
                multi[st["subject"]].append(st)
    merged: dict[str, _Part] = {}
    for subject in sorted(multi):
        first = multi[subject][0]
        name = f"rels-{first['db_type']}"
        if name not in merged:
            merged[name] = _Part(_part(out, name, len(paths)), keys[name])
        merged[name].write([first["start"], first["end"]], derive(multi[subject]) or {})
        rows[name] += 1
    for part in merged.values():
        part.close()
    for name in keys:
        _concatenate(out, name)
    stats.relationships = sum(n for name, n in rows.items() if name.startswith("rels-"))
    stats.statements = sum(n for name, n in rows.items() if name.startswith("statements-"))
    stats.files = sorted(out.glob("*.csv"))

    # Entities: derived from every statement about them, exactly as the online loader does.
    node_rows = []
    node_cols: dict[str, set[type]] = defaultdict(set)
    for records in entity_statements.values():
        props = derive(records) or {}
        _types(props, node_cols)
        node_rows.append((schema().entity_types[props["type"]].label, props))
    header, node_keys = _header_row(
        ["id:ID(Entity)", ":LABEL"], {k: v for k, v in node_cols.items() if k != "id"}
    )
    nodes = _Part(out / "nodes.csv", node_keys, header)
    for label, props in node_rows:
        nodes.write([props["id"], f"Entity{ARRAY_DELIMITER}{label}"], props)
    nodes.close()
    stats.nodes = nodes.rows
    stats.files.insert(0, nodes.path)
    stats.seconds = time.perf_counter() - started
    return stats


def _concatenate(out: Path, name: str) -> None:
    """Join a group's per-source parts into one file: neo4j-admin samples every input file before it
    imports (a read-ahead thread and buffer each), which costs seconds per hundred files; one part per
    source made a province's import several times slower than the same rows in one file."""
    parts = sorted(out.glob(f"{name}.part-*.csv"))
    with _part_all(out, name).open("wb") as joined:
        for part in parts:
            with part.open("rb") as fh:
                shutil.copyfileobj(fh, joined, 1 << 20)
            part.unlink()


def _part_all(out: Path, name: str) -> Path:
    return out / f"{name}.part-all.csv"


def _groups(csv_dir: Path, prefix: str) -> list[tuple[str, str]]:
    """(group name, comma-separated files: header first, then its parts) of every CSV group."""
    out = []
    for header in sorted(csv_dir.glob(f"{prefix}*.csv")):
        if ".part-" in header.name:
            continue
        name = header.name[: -len(".csv")]
        parts = sorted(csv_dir.glob(f"{name}.part-*.csv"))
        out.append((name, ",".join(str(p) for p in [header, *parts])))
    return out


def import_args(csv_dir: Path, report_file: Path, database: str = "neo4j") -> list[str]:
    """The AdminTool arguments that import the CSVs of ``csv_dir`` into ``database`` (replacing it).

    ``report_file`` receives neo4j-admin's import report (by default it lands in the working directory).
    """
    args = [
        "database",
        "import",
        "full",
        database,
        "--overwrite-destination=true",
        f"--report-file={report_file}",
        "--multiline-fields=true",
        "--array-delimiter=U+001F",
        "--strict=true",
        f"--nodes={csv_dir / 'nodes.csv'}",
        *(f"--nodes={files}" for _, files in _groups(csv_dir, "statements-")),
    ]
    args += [f"--relationships={name[len('rels-') :]}={files}" for name, files in _groups(csv_dir, "rels-")]
    return args


@dataclass
class ImportResult:
    csv: ImportStats
    import_seconds: float
    schema_seconds: float
    start_seconds: float
    output: str


def bulk_import(settings, files: Iterable[Path], csv_dir: Path, progress: bool = False) -> ImportResult:
    """Replace the local server's database with the seed files' graph, through neo4j-admin import.

    Stops the local Neo4j (the import needs it offline), writes the CSVs, imports them, starts the
    server again and applies the schema (constraints and indexes are built on the imported data).
    """
    from graph.db import connected, cypher
    from graph.loader import apply_schema
    from graph.runtime.neo4j import LocalNeo4j

    if not settings.managed:
        raise HonglianError(
            "bulk import needs the local Neo4j (unset NEO4J_URI): neo4j-admin writes the "
            "store files offline; for a remote server run the online loader (`honglian seed`)."
        )
    stats = write_import_csvs(files, csv_dir, progress=progress)
    rt = LocalNeo4j(settings)
    rt.install()
    rt.stop()
    rt.write_config()  # a data dir that never ran a server gets its home and conf
    started = time.perf_counter()
    report_file = rt.logs_dir / "import.report"
    done = rt.admin(*import_args(csv_dir, report_file, settings.neo4j_database), timeout=6 * 3600)
    import_seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise HonglianError(
            f"neo4j-admin database import failed (exit {done.returncode}):\n"
            f"{(done.stdout + done.stderr)[-3000:]}"
        )
    started = time.perf_counter()
    rt.start()
    start_seconds = time.perf_counter() - started
    started = time.perf_counter()

    async def finish() -> None:
        async with connected(settings) as driver:
            await apply_schema(driver, settings.neo4j_database)
            await driver.execute_query(cypher("load/bump_version"), database_=settings.neo4j_database)

    asyncio.run(finish())
    return ImportResult(stats, import_seconds, time.perf_counter() - started, start_seconds, done.stdout)
