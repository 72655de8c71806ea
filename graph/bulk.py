"""The bulk path: seed files → ``neo4j-admin database import`` CSVs → a fresh database.

The CSVs hold exactly what the online loader would write (the same ``merged_node`` / ``merged_rel``
functions build every property), so the API, the named queries and the analytics cannot tell the two
apart. Writing them streams: validated sources wait in a spool; relationships stated by one source
(nearly all) are written as they come, the few stated by several are merged at the end; entities
(far fewer than relationships) are merged in memory.

    honglian bulk-import DIR        # stops the local Neo4j, imports, starts it, applies the schema
"""

from __future__ import annotations

import csv
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.errors import HonglianError
from graph.loader import _statement, checked_sources, merged_node, merged_rel, seed_paths

#: Array separator in the CSVs: a control character, which clean_text never lets into any value.
ARRAY_DELIMITER = "\x1f"
ID_SPACE = "Entity"


@dataclass
class ImportStats:
    nodes: int = 0
    relationships: int = 0
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


def write_import_csvs(files: Iterable[Path], out: Path, progress: bool = False) -> ImportStats:
    """Validate seed files and write ``nodes.csv`` and one ``rels-TYPE.csv`` per type under ``out``."""
    started = time.perf_counter()
    paths = seed_paths(files)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.csv"):
        old.unlink()
    stats = ImportStats()
    with checked_sources(paths, progress=progress) as sources:
        # Pass A: statements of entities (merged in memory), which relationships several sources
        # state, and the columns (with their types) of every relationship type.
        node_src: dict[str, dict[str, dict]] = defaultdict(dict)
        node_meta: dict[str, tuple[str, str]] = {}
        supports: dict[str, tuple[list[str], list[str], str | None]] = {}
        rel_seen: set[str] = set()
        rel_multi: set[str] = set()
        rel_cols: dict[str, dict[str, set[type]]] = defaultdict(lambda: defaultdict(set))
        for src in sources:
            for n in src.nodes:
                node_src[n.id][src.id] = _statement(n)
                node_meta[n.id] = (n.type, n.label)
            supports[src.id] = (
                sorted(n.id for n in src.nodes if n.id != src.id),
                sorted(r.id for r in src.rels),
                src.article_text,
            )
            for r in src.rels:
                if r.id in rel_seen:
                    rel_multi.add(r.id)
                rel_seen.add(r.id)
                _types(r.props, rel_cols[r.db_type])
        del rel_seen
        for _db_type, cols in rel_cols.items():
            for k, t in (
                ("id", str),
                ("type", str),
                ("ev_sources", list),
                ("ev_quotes", list),
                ("sources", list),
                ("src_json", str),
            ):
                cols[k].add(t)
        tables = {
            db_type: _Table(out / f"rels-{db_type}.csv", [":START_ID(Entity)", ":END_ID(Entity)"], cols)
            for db_type, cols in rel_cols.items()
        }

        # Pass B, a second stream over the spool: write single-source relationships, merge the rest.
        multi: dict[str, dict[str, Any]] = {}
        for src in sources:
            for r in src.rels:
                if r.id in rel_multi:
                    entry = multi.setdefault(r.id, {"rel": r, "src": {}})
                    entry["src"][src.id] = _statement(r)
                else:
                    props = merged_rel(r.id, r.type, {src.id: _statement(r)})
                    tables[r.db_type].write([r.source, r.target], props)
        for rid in sorted(multi):
            r = multi[rid]["rel"]
            tables[r.db_type].write([r.source, r.target], merged_rel(rid, r.type, multi[rid]["src"]))
    for t in tables.values():
        t.close()
        stats.relationships += t.rows
        stats.files.append(t.path)

    # Entities: merged over every source that states them, exactly as the online loader does.
    node_rows = []
    node_cols: dict[str, set[type]] = defaultdict(set)
    for node_id, src_map in node_src.items():
        etype, label = node_meta[node_id]
        props = merged_node(node_id, label, etype, src_map)
        if etype == "source":
            ents, rels, text = supports[node_id]
            props.update(supports_entities=ents, supports_relationships=rels, article_text=text)
        _types(props, node_cols)
        node_rows.append((label, props))
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
    from graph.db import sync_driver
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
    with sync_driver(settings) as driver:
        apply_schema(driver, settings.neo4j_database)
        from graph.db import cypher

        driver.execute_query(cypher("load/bump_version"), database_=settings.neo4j_database)
    return ImportResult(stats, import_seconds, time.perf_counter() - started, start_seconds, done.stdout)
