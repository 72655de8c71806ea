"""Install, start, stop and inspect a local Neo4j Community server.

The jars come from Maven Central through Maven (``pom.xml`` beside this file);
the server runs as a background JVM started the way the official ``bin/neo4j``
launcher starts it: ``org.neo4j.server.CommunityEntryPoint`` with
``--home-dir``/``--config-dir``, the heap from the settings, and every
``server.jvm.additional`` line of the generated ``neo4j.conf``.

Layout::

    <cache_dir>/neo4j-<version>/lib/   the jars (shared by every data dir)
    <data_dir>/neo4j/conf/             neo4j.conf, server-logs.xml, user-logs.xml
    <data_dir>/neo4j/data/             databases and transaction logs
    <data_dir>/neo4j/logs/             neo4j.log, debug.log, console.log
    <data_dir>/neo4j/run/              the pid file
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from string import Template

from graph.errors import RuntimeProblem
from graph.settings import Settings

HERE = Path(__file__).resolve().parent
POM = HERE / "pom.xml"
MANIFEST = HERE / "neo4j-lib.txt"
CONF_TEMPLATES = HERE / "conf"

_POM_TEXT = POM.read_text(encoding="utf-8")
NEO4J_VERSION = re.search(r"<neo4j\.version>([^<]+)</neo4j\.version>", _POM_TEXT).group(1)
BROWSER_VERSION = re.search(r"<neo4j\.browser\.version>([^<]+)</neo4j\.browser\.version>", _POM_TEXT).group(1)

ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"
MIN_JAVA = 17
INSTALL_HINT = "apt-get install openjdk-17-jre-headless maven"
LOG_FILES = {"neo4j": "neo4j.log", "debug": "debug.log", "console": "console.log", "query": "query.log"}


@dataclass(frozen=True)
class InstallResult:
    already: bool
    jars: int
    seconds: float
    lib_dir: Path


@dataclass(frozen=True)
class StartResult:
    already: bool
    pid: int
    seconds: float


def expected_jars() -> list[str]:
    """The jar file names of the distribution's ``lib/`` (plus Neo4j Browser)."""
    lines = MANIFEST.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def java_major_version(java: str) -> int:
    """The major version of ``java`` (``17`` for ``17.0.15``, ``8`` for ``1.8.0``)."""
    out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60)
    match = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    if not match:
        raise RuntimeProblem(f"Could not read the Java version from `{java} -version`.")
    major = int(match.group(1))
    return int(match.group(2) or 0) if major == 1 else major


def port_in_use(port: int, host: str = "127.0.0.1") -> bool:
    """True when something already listens on ``host:port``."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return True
    return False


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def tail(path: Path, lines: int = 30) -> str:
    """The last ``lines`` lines of a text file ('' when it does not exist)."""
    if not path.exists():
        return ""
    with path.open("rb") as fh:
        fh.seek(0, os.SEEK_END)
        size = fh.tell()
        fh.seek(max(0, size - 64 * 1024))
        text = fh.read().decode("utf-8", errors="replace")
    return "\n".join(text.splitlines()[-lines:])


class LocalNeo4j:
    """A Neo4j Community server in ``settings.data_dir``, run from the jar cache."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.home = settings.data_dir / "neo4j"
        self.conf_dir = self.home / "conf"
        self.data_dir = self.home / "data"
        self.logs_dir = self.home / "logs"
        self.run_dir = self.home / "run"
        self.plugins_dir = self.home / "plugins"
        self.import_dir = self.home / "import"
        self.pid_file = self.run_dir / "honglian-neo4j.pid"
        self.lib_dir = settings.cache_dir / f"neo4j-{NEO4J_VERSION}" / "lib"

    # ------------------------------------------------------------------ tools
    def java(self) -> str:
        """The ``java`` executable (17+), or a RuntimeProblem that says how to install it."""
        java_home = os.environ.get("JAVA_HOME")
        java = str(Path(java_home) / "bin" / "java") if java_home else shutil.which("java")
        if not java or not Path(java).exists():
            raise RuntimeProblem(
                f"Java {MIN_JAVA}+ is needed to run Neo4j and was not found. Install it with:\n"
                f"  {INSTALL_HINT}"
            )
        major = java_major_version(java)
        if major < MIN_JAVA:
            raise RuntimeProblem(
                f"Neo4j {NEO4J_VERSION} needs Java {MIN_JAVA}+, but {java} is Java {major}. "
                f"Install a newer one with:\n  {INSTALL_HINT}"
            )
        return java

    @staticmethod
    def maven() -> str:
        mvn = shutil.which("mvn")
        if not mvn:
            raise RuntimeProblem(
                "Maven is needed to fetch Neo4j's jars from Maven Central and was not found. "
                f"Install it with:\n  {INSTALL_HINT}"
            )
        return mvn

    # ---------------------------------------------------------------- install
    def missing_jars(self) -> list[str]:
        present = set(os.listdir(self.lib_dir)) if self.lib_dir.is_dir() else set()
        return [jar for jar in expected_jars() if jar not in present]

    def installed(self) -> bool:
        return not self.missing_jars()

    def install(
        self, refresh_manifest: bool = False, on_output: Callable[[str], None] | None = None
    ) -> InstallResult:
        """Fetch the jars into the cache; does nothing when they are all there already.

        The resolved set is compared with ``neo4j-lib.txt`` (the distribution's
        ``lib/``): a difference is an error unless ``refresh_manifest`` rewrites it.
        """
        started = time.monotonic()
        if self.installed() and not refresh_manifest:
            return InstallResult(True, len(expected_jars()), 0.0, self.lib_dir)
        self.java()
        mvn = self.maven()
        self.lib_dir.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix="lib-", dir=self.lib_dir.parent))
        try:
            cmd = [
                mvn,
                "-B",
                "--no-transfer-progress",
                "-f",
                str(POM),
                "dependency:copy-dependencies",
                f"-DoutputDirectory={staging}",
                "-DincludeScope=runtime",
                "-DexcludeTypes=pom",
            ]
            proc = subprocess.Popen(
                cmd,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                cwd=self.lib_dir.parent,
            )
            output: list[str] = []
            assert proc.stdout is not None
            for line in proc.stdout:
                output.append(line.rstrip())
                if on_output:
                    on_output(line.rstrip())
            if proc.wait() != 0:
                errors = [ln for ln in output if "ERROR" in ln][:15] or output[-15:]
                raise RuntimeProblem(
                    "Maven could not fetch Neo4j's jars from Maven Central:\n  " + "\n  ".join(errors)
                )
            resolved = sorted(p.name for p in staging.glob("*.jar"))
            expected = sorted(expected_jars())
            if refresh_manifest:
                self._write_manifest(resolved)
            elif resolved != expected:
                missing = sorted(set(expected) - set(resolved))
                extra = sorted(set(resolved) - set(expected))
                raise RuntimeProblem(
                    "The jars Maven resolved differ from the Neo4j distribution's lib/ "
                    f"(graph/runtime/neo4j-lib.txt): missing {missing or 'none'}, extra {extra or 'none'}. "
                    "If graph/runtime/pom.xml changed on purpose, run "
                    "`honglian neo4j install --refresh-manifest`."
                )
            if self.lib_dir.exists():
                shutil.rmtree(self.lib_dir)
            staging.rename(self.lib_dir)
        finally:
            if staging.exists():
                shutil.rmtree(staging, ignore_errors=True)
        return InstallResult(False, len(resolved), time.monotonic() - started, self.lib_dir)

    @staticmethod
    def _write_manifest(jars: list[str]) -> None:
        header = [line for line in MANIFEST.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
        MANIFEST.write_text("\n".join(header + jars) + "\n", encoding="utf-8")

    # ----------------------------------------------------------------- config
    def write_config(self) -> Path:
        """Render ``conf/`` from the templates and the settings; returns neo4j.conf."""
        s = self.settings
        for d in (
            self.conf_dir,
            self.data_dir,
            self.logs_dir,
            self.run_dir,
            self.plugins_dir,
            self.import_dir,
        ):
            d.mkdir(parents=True, exist_ok=True)
        api = f"http://{s.api_host}:{s.api_port}"
        values = {
            "data_dir": self.data_dir,
            "logs_dir": self.logs_dir,
            "run_dir": self.run_dir,
            "plugins_dir": self.plugins_dir,
            "import_dir": self.import_dir,
            "lib_dir": self.lib_dir,
            "conf_dir": self.conf_dir,
            "bolt_port": s.bolt_port,
            "http_port": s.http_port,
            "heap": s.heap,
            "pagecache": s.pagecache,
            "tx_timeout": f"{int(max(s.query_timeout, 1) * 12)}s",
            "browser_allowlist": f"{s.api_host},localhost,{s.api_host}:{s.api_port},localhost:{s.api_port}",
            "browser_post_connect_cmd": f"style {api}/browser/style.grass; play {api}/browser/guide",
        }
        text = Template((CONF_TEMPLATES / "neo4j.conf.template").read_text(encoding="utf-8"))
        conf = self.conf_dir / "neo4j.conf"
        conf.write_text(text.substitute(values), encoding="utf-8")
        for name in ("server-logs.xml", "user-logs.xml"):
            shutil.copyfile(CONF_TEMPLATES / name, self.conf_dir / name)
        return conf

    def jvm_additional(self) -> list[str]:
        """Every ``server.jvm.additional`` value of the generated neo4j.conf, in order."""
        conf = self.conf_dir / "neo4j.conf"
        out = []
        for line in conf.read_text(encoding="utf-8").splitlines():
            key, sep, value = line.strip().partition("=")
            if sep and key.strip() == "server.jvm.additional":
                out.append(value.strip())
        return out

    def _classpath(self) -> str:
        return f"{self.plugins_dir}/*{os.pathsep}{self.lib_dir}/*"

    def _admin_env(self) -> dict[str, str]:
        return {**os.environ, "NEO4J_HOME": str(self.home), "NEO4J_CONF": str(self.conf_dir)}

    def admin(self, *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
        """Run ``neo4j-admin`` (``org.neo4j.cli.AdminTool``) against this server's home."""
        self._require_jars()
        cmd = [self.java(), "-Xmx1g", "-Dfile.encoding=UTF-8", "-cp", self._classpath(), ADMIN_TOOL, *args]
        return subprocess.run(cmd, env=self._admin_env(), capture_output=True, text=True, timeout=timeout)

    def _require_jars(self) -> None:
        missing = self.missing_jars()
        if missing:
            shown = ", ".join(missing[:8]) + (f" and {len(missing) - 8} more" if len(missing) > 8 else "")
            raise RuntimeProblem(
                f"The Neo4j {NEO4J_VERSION} jar cache at {self.lib_dir} lacks {len(missing)} module(s) "
                f"of the distribution's lib/: {shown}. Run `honglian neo4j install`."
            )

    def initialised(self) -> bool:
        """True once the server has started at least once on this data dir."""
        return (self.data_dir / "databases" / "system").exists()

    # ---------------------------------------------------------------- process
    def pid(self) -> int | None:
        """The pid of this data dir's running server, or None."""
        try:
            pid = int(self.pid_file.read_text().strip())
        except (OSError, ValueError):
            return None
        return pid if _is_our_server(pid, self.home) else None

    def running(self) -> bool:
        return self.pid() is not None

    def start(self, timeout: float | None = None) -> StartResult:
        """Start in the background; return once Bolt answers ``RETURN 1``."""
        timeout = timeout or self.settings.start_timeout
        started = time.monotonic()
        pid = self.pid()
        if pid is not None:
            self._wait_ready(pid, timeout)
            return StartResult(True, pid, time.monotonic() - started)
        java = self.java()
        self._require_jars()
        s = self.settings
        for port, name, var in (
            (s.bolt_port, "Bolt", "HONGLIAN_NEO4J_BOLT_PORT"),
            (s.http_port, "HTTP", "HONGLIAN_NEO4J_HTTP_PORT"),
        ):
            if port_in_use(port):
                raise RuntimeProblem(
                    f"Port {port} on 127.0.0.1 ({name}) is already in use by another program. "
                    f"Stop it, or choose another port with {var}=<port>."
                )
        self.write_config()
        if not self.initialised():
            result = self.admin("dbms", "set-initial-password", s.neo4j_password.get_secret_value())
            if result.returncode != 0:
                raise RuntimeProblem(
                    "neo4j-admin dbms set-initial-password failed:\n"
                    + (result.stderr or result.stdout)[-2000:]
                )
        cmd = [
            java,
            f"-Xms{s.heap}",
            f"-Xmx{s.heap}",
            *self.jvm_additional(),
            "-Dfile.encoding=UTF-8",
            "-cp",
            self._classpath(),
            ENTRY_POINT,
            f"--home-dir={self.home}",
            f"--config-dir={self.conf_dir}",
        ]
        console = (self.logs_dir / "console.log").open("ab")
        proc = subprocess.Popen(
            cmd,
            cwd=self.home,
            stdin=subprocess.DEVNULL,
            stdout=console,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env={**os.environ, "NEO4J_HOME": str(self.home), "NEO4J_CONF": str(self.conf_dir)},
        )
        console.close()
        self.pid_file.write_text(str(proc.pid))
        self._wait_ready(proc.pid, timeout, proc)
        return StartResult(False, proc.pid, time.monotonic() - started)

    def _wait_ready(self, pid: int, timeout: float, proc: subprocess.Popen | None = None) -> None:
        from neo4j import GraphDatabase
        from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable, SessionExpired, TransientError

        deadline = time.monotonic() + timeout
        uri = f"bolt://127.0.0.1:{self.settings.bolt_port}"
        with GraphDatabase.driver(
            uri, auth=self.settings.auth, connection_timeout=2.0, max_connection_lifetime=30
        ) as driver:
            while True:
                # Our own child is alive until it exits (its /proc cmdline is still Python's until the
                # exec, which can take seconds on a loaded machine); another's is checked by its cmdline.
                alive = proc.poll() is None if proc is not None else _is_our_server(pid, self.home)
                if not alive:
                    self.pid_file.unlink(missing_ok=True)
                    raise RuntimeProblem(
                        "Neo4j exited during start-up. Last lines of its logs:\n" + self._last_logs()
                    )
                try:
                    # A plain session (no managed retries): each probe is one quick attempt.
                    with driver.session(database=self.settings.neo4j_database) as session:
                        session.run("RETURN 1 AS ok").consume()
                    return
                except AuthError as exc:
                    raise RuntimeProblem(
                        f"Neo4j is up but refused the configured password for user "
                        f"'{self.settings.neo4j_user}' ({exc.message}). The data dir {self.data_dir} was "
                        "initialised with another password: set NEO4J_PASSWORD to it, or remove the data dir."
                    ) from None
                except (ServiceUnavailable, SessionExpired, TransientError, OSError):
                    pass  # still starting
                except Neo4jError as exc:
                    raise RuntimeProblem(f"Neo4j answered with an error: {exc.message}") from None
                if time.monotonic() > deadline:
                    raise RuntimeProblem(
                        f"Neo4j did not answer on {uri} within {timeout:.0f}s. "
                        "Last lines of its logs:\n" + self._last_logs()
                    )
                time.sleep(0.5)

    def _last_logs(self, lines: int = 25) -> str:
        parts = []
        for name in ("console.log", "neo4j.log"):
            text = tail(self.logs_dir / name, lines)
            if text:
                parts.append(f"--- {self.logs_dir / name}\n{text}")
        return "\n".join(parts) or "(no log output)"

    def stop(self, timeout: float = 60.0) -> str:
        """Stop gracefully (SIGTERM, then wait); SIGKILL only after ``timeout``.

        Returns ``"stopped"``, ``"killed"`` or ``"not running"``.
        """
        pid = self.pid()
        if pid is None:
            self.pid_file.unlink(missing_ok=True)
            return "not running"
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not _is_our_server(pid, self.home):
                self.pid_file.unlink(missing_ok=True)
                return "stopped"
            time.sleep(0.25)
        os.kill(pid, signal.SIGKILL)
        while _is_our_server(pid, self.home):
            time.sleep(0.1)
        self.pid_file.unlink(missing_ok=True)
        return "killed"

    def status(self) -> dict:
        """Up or down, version, ports, directories."""
        s = self.settings
        pid = self.pid()
        info = {
            "running": pid is not None,
            "pid": pid,
            "version": NEO4J_VERSION,
            "edition": "community",
            "bolt": f"bolt://127.0.0.1:{s.bolt_port}",
            "http": f"http://127.0.0.1:{s.http_port}",
            "browser": f"http://127.0.0.1:{s.http_port}/browser/",
            "data_dir": str(self.home),
            "jar_cache": str(self.lib_dir),
            "installed": self.installed(),
        }
        if pid is not None:
            info["server_version"] = self._server_version()
        return info

    def _server_version(self) -> str | None:
        from neo4j import GraphDatabase
        from neo4j.exceptions import Neo4jError, ServiceUnavailable

        try:
            with GraphDatabase.driver(
                self.settings.uri, auth=self.settings.auth, connection_timeout=3.0
            ) as driver:
                records, _, _ = driver.execute_query(
                    "CALL dbms.components() YIELD versions RETURN versions[0] AS v", database_="system"
                )
                return records[0]["v"]
        except (Neo4jError, ServiceUnavailable, OSError):
            return None

    def log_path(self, which: str = "neo4j") -> Path:
        if which not in LOG_FILES:
            raise RuntimeProblem(f"Unknown log {which!r}; choose one of {', '.join(LOG_FILES)}.")
        return self.logs_dir / LOG_FILES[which]


def _is_our_server(pid: int, home: Path) -> bool:
    """True when ``pid`` is a live (not zombie) Neo4j JVM for ``home``."""
    try:
        os.waitpid(pid, os.WNOHANG)  # reap it if it is our own exited child
    except ChildProcessError:
        pass
    except OSError:
        return False
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return False
    state = stat.rsplit(")", 1)[-1].split()[0]
    return state not in ("Z", "X") and ENTRY_POINT in cmdline and f"--home-dir={home}" in cmdline
