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
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.errors import HonglianError
from graph.loader import checked_sources, seed_paths
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


class _Table:
    """One CSV file whose columns are known before its first row is written."""

    def __init__(self, path: Path, fixed: list[str], columns: dict[str, set[type]]):
        self.path = path
        self.keys = sorted(columns)
        self.fh = path.open("w", encoding="utf-8", newline="")
        self.out = csv.writer(self.fh)
        self.out.writerow(fixed + [f"{k}:{_csv_type(columns[k])}" for k in self.keys])
        self.rows = 0

    def write(self, fixed: list[Any], props: dict[str, Any]) -> None:
        self.out.writerow(fixed + [_cell(props.get(k)) for k in self.keys])
        self.rows += 1

    def close(self) -> None:
        self.fh.close()


def _types(props: dict[str, Any], into: dict[str, set[type]]) -> None:
    for k, v in props.items():
        if v is not None:
            into[k].add(type(v))


def _statement_file(st: dict[str, Any]) -> str:
    """Statements go to one CSV per kind of subject (their columns differ): entities of one type, or
    relationships of one type."""
    return f"statements-{st['subject_kind']}-{st['type']}"


def write_import_csvs(files: Iterable[Path], out: Path, progress: bool = False) -> ImportStats:
    """Validate seed files and write neo4j-admin CSVs under ``out``: ``nodes.csv`` (the derived
    entities), one ``rels-TYPE.csv`` per relationship type (derived relationships) and the statements
    (``statements-*.csv``), all built by the functions the online loader uses."""
    started = time.perf_counter()
    paths = seed_paths(files)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.csv"):
        old.unlink()
    stats = ImportStats()
    with checked_sources(paths, progress=progress) as sources:
        # Pass A: entity statements (held: entities are far fewer than relationships), which
        # relationships several sources state, and the columns (with their types) of every file.
        entity_statements: dict[str, list[dict[str, Any]]] = defaultdict(list)
        rel_seen: set[str] = set()
        rel_multi: set[str] = set()
        rel_cols: dict[str, dict[str, set[type]]] = defaultdict(lambda: defaultdict(set))
        st_cols: dict[str, dict[str, set[type]]] = defaultdict(lambda: defaultdict(set))
        for src in sources:
            for st in statements_of(src):
                _types(st, st_cols[_statement_file(st)])
                if st["subject_kind"] == ENTITY:
                    entity_statements[st["subject"]].append(st)
                    continue
                _types(derive([st]) or {}, rel_cols[st["db_type"]])
                if st["subject"] in rel_seen:
                    rel_multi.add(st["subject"])
                rel_seen.add(st["subject"])
        del rel_seen
        for cols in rel_cols.values():  # a merge of several sources can add these
            cols["disputed"].add(list)
        tables = {
            db_type: _Table(out / f"rels-{db_type}.csv", [":START_ID(Entity)", ":END_ID(Entity)"], cols)
            for db_type, cols in rel_cols.items()
        }
        st_tables = {
            name: _Table(
                out / f"{name}.csv",
                ["id:ID(Statement)", ":LABEL"],
                {k: v for k, v in cols.items() if k != "id"},
            )
            for name, cols in st_cols.items()
        }

        # Pass B, a second stream over the spool: statements; single-source relationships as they come.
        multi: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for src in sources:
            for st in statements_of(src):
                st_tables[_statement_file(st)].write([st["id"], "Statement"], st)
                if st["subject_kind"] == ENTITY:
                    continue
                if st["subject"] in rel_multi:
                    multi[st["subject"]].append(st)
                else:
                    tables[st["db_type"]].write([st["start"], st["end"]], derive([st]) or {})
        for subject in sorted(multi):
            first = multi[subject][0]
            tables[first["db_type"]].write([first["start"], first["end"]], derive(multi[subject]) or {})
    for table in [*tables.values(), *st_tables.values()]:
        table.close()
        stats.files.append(table.path)
    stats.relationships = sum(t.rows for t in tables.values())
    stats.statements = sum(t.rows for t in st_tables.values())

    # Entities: derived from every statement about them, exactly as the online loader does.
    node_rows = []
    node_cols: dict[str, set[type]] = defaultdict(set)
    for records in entity_statements.values():
        props = derive(records) or {}
        _types(props, node_cols)
        node_rows.append((schema().entity_types[props["type"]].label, props))
    nodes = _Table(
        out / "nodes.csv", ["id:ID(Entity)", ":LABEL"], {k: v for k, v in node_cols.items() if k != "id"}
    )
    for label, props in node_rows:
        nodes.write([props["id"], f"Entity{ARRAY_DELIMITER}{label}"], props)
    nodes.close()
    stats.nodes = nodes.rows
    stats.files.insert(0, nodes.path)
    stats.seconds = time.perf_counter() - started
    return stats


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
        *(f"--nodes={p}" for p in sorted(csv_dir.glob("statements-*.csv"))),
    ]
    args += [
        f"--relationships={p.name[len('rels-') : -len('.csv')]}={p}"
        for p in sorted(csv_dir.glob("rels-*.csv"))
    ]
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
