"""Neo4j's jars, fetched from a Maven repository by coordinates (no Maven needed).

``neo4j-lib.txt`` beside this file names every jar of the distribution's ``lib/`` (plus Neo4j
Browser), one a line: file name, coordinates ``groupId:artifactId:version[:classifier]``, size in
bytes and SHA-256. :func:`fetch_jars` downloads the missing ones over HTTPS, a few at a time; each
file is checked twice before it enters the cache: its SHA-1 against the ``.sha1`` file the
repository publishes beside it, and its SHA-256 against the manifest. A download that stops
half-way leaves a ``.part`` file that the next run resumes (HTTP ``Range``).

Maven itself is needed only by :func:`resolve_with_maven`, a maintainer's task when Neo4j is
bumped (``honglian neo4j install --refresh-manifest``): it lists the closure of ``pom.xml``.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, replace
from pathlib import Path

from graph.errors import RuntimeProblem

HERE = Path(__file__).resolve().parent
POM = HERE / "pom.xml"
MANIFEST = HERE / "neo4j-lib.txt"
USER_AGENT = "honglian-neo4j-runtime (Python urllib)"
WORKERS = 4
ATTEMPTS = 3
CHUNK = 256 * 1024
RETRY_HINT = "run `honglian neo4j install` again (what is already fetched is kept)"


@dataclass(frozen=True)
class Jar:
    """One jar of the manifest."""

    file: str
    group: str
    artifact: str
    version: str
    classifier: str | None
    size: int
    sha256: str

    @property
    def coordinates(self) -> str:
        tail = f":{self.classifier}" if self.classifier else ""
        return f"{self.group}:{self.artifact}:{self.version}{tail}"

    @property
    def repository_path(self) -> str:
        """Where the jar sits in a Maven repository (``org/neo4j/neo4j-kernel/5.26.30/…jar``)."""
        tail = f"-{self.classifier}" if self.classifier else ""
        return "/".join(
            [*self.group.split("."), self.artifact, self.version, f"{self.artifact}-{self.version}{tail}.jar"]
        )

    def line(self) -> str:
        return f"{self.file} {self.coordinates} {self.size} {self.sha256}"


def parse_coordinates(text: str) -> tuple[str, str, str, str | None]:
    """``groupId:artifactId:version[:classifier]`` → its parts."""
    parts = text.split(":")
    if len(parts) not in (3, 4) or not all(parts):
        raise ValueError(f"not groupId:artifactId:version[:classifier]: {text!r}")
    return parts[0], parts[1], parts[2], parts[3] if len(parts) == 4 else None


def read_manifest(path: Path = MANIFEST) -> list[Jar]:
    """The jars of ``neo4j-lib.txt`` (comment lines start with ``#``)."""
    jars = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        fields = line.split()
        try:
            file, coords, size, sha256 = fields
            group, artifact, version, classifier = parse_coordinates(coords)
            jar = Jar(file, group, artifact, version, classifier, int(size), sha256.lower())
        except ValueError:
            raise RuntimeProblem(
                f"{path.name} line {number} is not 'file groupId:artifactId:version[:classifier] "
                f"bytes sha256': {line[:120]}"
            ) from None
        if jar.repository_path.rsplit("/", 1)[1] != file or not re.fullmatch(r"[0-9a-f]{64}", jar.sha256):
            raise RuntimeProblem(f"{path.name} line {number}: {file} does not match {coords} or its SHA-256")
        jars.append(jar)
    return jars


def write_manifest(jars: Iterable[Jar], path: Path = MANIFEST) -> None:
    """Rewrite the manifest's jar lines (sorted by file name), keeping its header comment."""
    header = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.startswith("#")]
    lines = [jar.line() for jar in sorted(jars, key=lambda j: j.file)]
    path.write_text("\n".join(header + lines) + "\n", encoding="utf-8")


def manifest_digest(path: Path = MANIFEST) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def file_digests(path: Path) -> tuple[str, str]:
    """(SHA-1, SHA-256) of a file, hex."""
    sha1, sha256 = hashlib.sha1(), hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1024 * 1024):
            sha1.update(chunk)
            sha256.update(chunk)
    return sha1.hexdigest(), sha256.hexdigest()


# --------------------------------------------------------------------------- HTTP
class _Stopped(Exception):
    """Another download failed: this one stops, keeping its partial file."""


class Unreachable(RuntimeProblem):
    """The repository could not be reached, or answered with an error."""


def _open(url: str, start: int = 0, timeout: float = 30.0):
    headers = {"User-Agent": USER_AGENT}
    if start:
        headers["Range"] = f"bytes={start}-"
    return urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=timeout)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, urllib.error.HTTPError):
        return f"HTTP {exc.code} {exc.reason}"
    if isinstance(exc, urllib.error.URLError):
        return str(exc.reason)
    return str(exc) or type(exc).__name__


def _with_retries(what: str, url: str, action: Callable[[], object], stop: threading.Event | None = None):
    """Run ``action``; network errors are retried (1 s, 2 s), then become an Unreachable."""
    for attempt in range(1, ATTEMPTS + 1):
        if stop is not None and stop.is_set():
            raise _Stopped
        try:
            return action()
        except urllib.error.HTTPError as exc:
            if exc.code < 500 or attempt == ATTEMPTS:
                raise Unreachable(f"{what}: {url} answered {_describe(exc)}") from None
        except (urllib.error.URLError, OSError) as exc:  # DNS, refused, reset, timeout
            if attempt == ATTEMPTS:
                raise Unreachable(f"{what}: {url}: {_describe(exc)}") from None
        time.sleep(attempt)
    raise AssertionError("unreachable")


def published_sha1(url: str) -> str:
    """The SHA-1 the repository publishes beside ``url`` (its ``.sha1`` file)."""

    def get() -> str:
        with _open(url + ".sha1") as resp:
            return resp.read(4096).decode("ascii", errors="replace")

    text = _with_retries("could not read the published checksum", url + ".sha1", get)
    match = re.search(r"\b[0-9a-fA-F]{40}\b", text)
    if not match:
        raise Unreachable(f"{url}.sha1 holds no SHA-1: {text[:80]!r}")
    return match.group(0).lower()


def _download(
    url: str,
    part: Path,
    on_bytes: Callable[[int], None],
    on_discard: Callable[[int], None],
    stop: threading.Event,
) -> None:
    """Download ``url`` into ``part``, resuming what a partial file already holds.

    ``on_bytes`` is told of every chunk received, ``on_discard`` of partial bytes thrown away.
    """

    def attempt() -> None:
        have = part.stat().st_size if part.exists() else 0
        with _open(url, start=have) as resp:
            if have and resp.status != 206:  # the server ignored Range: start over
                on_discard(have)
                have = 0
            with part.open("ab" if have else "wb") as out:
                while chunk := resp.read(CHUNK):
                    if stop.is_set():
                        raise _Stopped
                    out.write(chunk)
                    on_bytes(len(chunk))

    _with_retries("could not download", url, attempt, stop)


# ------------------------------------------------------------------------ fetching
@dataclass(frozen=True)
class FetchResult:
    downloaded: int  # jars downloaded
    kept: int  # jars already in the cache, checked
    bytes: int  # bytes downloaded
    seconds: float


@dataclass
class Progress:
    """What :func:`fetch_jars` reports: ``start`` and ``finish`` once each from the calling thread,
    ``advance`` (bytes received; negative for partial bytes thrown away) from the download threads."""

    start: Callable[[int, int], None] = lambda jars, total_bytes: None
    advance: Callable[[int], None] = lambda nbytes: None
    finish: Callable[[], None] = lambda: None


def check_jar(jar: Jar, path: Path, repository: str) -> None:
    """Raise unless ``path`` has the manifest's size and SHA-256 and the repository's published SHA-1."""
    url = f"{repository}/{jar.repository_path}"
    size = path.stat().st_size
    sha1, sha256 = file_digests(path)
    want_sha1 = published_sha1(url)
    if sha1 != want_sha1:
        raise RuntimeProblem(
            f"{jar.file} from {url} does not match the SHA-1 the repository publishes "
            f"({sha1} ≠ {want_sha1}); it was not kept. {RETRY_HINT[0].upper()}{RETRY_HINT[1:]}."
        )
    if (size, sha256) != (jar.size, jar.sha256):
        raise RuntimeProblem(
            f"{jar.file} from {url} matches the repository's SHA-1 but not graph/runtime/neo4j-lib.txt "
            f"({size} bytes, SHA-256 {sha256}; the manifest says {jar.size} bytes, {jar.sha256}). "
            "It was not kept. If the manifest is out of date, refresh it with "
            "`honglian neo4j install --refresh-manifest`."
        )


def fetch_jars(
    jars: list[Jar],
    lib_dir: Path,
    repository: str,
    progress: Progress | None = None,
    workers: int = WORKERS,
) -> FetchResult:
    """Make ``lib_dir`` hold exactly ``jars``, each checked; download what is missing.

    A jar already in ``lib_dir`` is kept when its SHA-256 matches the manifest. Downloads go to
    ``<lib_dir>/../partial/<file>.part`` and are moved into ``lib_dir`` only once checked; jars that
    the manifest does not name are removed from ``lib_dir``.
    """
    started = time.monotonic()
    progress = progress or Progress()
    repository = repository.rstrip("/")
    lib_dir.mkdir(parents=True, exist_ok=True)
    partial = lib_dir.parent / "partial"
    partial.mkdir(exist_ok=True)
    wanted = {jar.file for jar in jars}
    for stale in lib_dir.glob("*.jar"):
        if stale.name not in wanted:
            stale.unlink()
    todo = []
    for jar in jars:
        path = lib_dir / jar.file
        if path.is_file() and path.stat().st_size == jar.size and file_digests(path)[1] == jar.sha256:
            continue
        path.unlink(missing_ok=True)
        todo.append(jar)
    total = sum(jar.size for jar in todo)
    progress.start(len(todo), total)
    if todo:
        already = sum(
            (partial / f"{j.file}.part").stat().st_size for j in todo if (partial / f"{j.file}.part").exists()
        )
        progress.advance(min(already, total))
    stop = threading.Event()
    lock = threading.Lock()
    fetched = [0]

    def received(nbytes: int) -> None:
        with lock:
            fetched[0] += nbytes
        progress.advance(nbytes)

    def discard(part: Path) -> None:
        progress.advance(-part.stat().st_size)
        part.unlink()

    def one(jar: Jar) -> None:
        if stop.is_set():
            raise _Stopped
        url = f"{repository}/{jar.repository_path}"
        part = partial / f"{jar.file}.part"
        if part.exists() and part.stat().st_size > jar.size:
            discard(part)
        if not part.exists() or part.stat().st_size < jar.size:
            _download(url, part, received, lambda n: progress.advance(-n), stop)
        try:
            check_jar(jar, part, repository)
        except Unreachable:
            raise
        except RuntimeProblem:
            # A corrupt partial file (or a bad transfer): start this one over once.
            discard(part)
            _download(url, part, received, lambda n: progress.advance(-n), stop)
            try:
                check_jar(jar, part, repository)
            except RuntimeProblem:
                part.unlink(missing_ok=True)
                raise
        os.replace(part, lib_dir / jar.file)

    failure: BaseException | None = None
    try:
        with ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="jar") as pool:
            futures = [pool.submit(one, jar) for jar in todo]
            for future in as_completed(futures):
                if future.cancelled():
                    continue
                exc = future.exception()
                if exc is not None and not isinstance(exc, _Stopped) and failure is None:
                    failure = exc
                    stop.set()
                    for other in futures:
                        other.cancel()
    finally:
        progress.finish()
    if failure is not None:
        have = len(jars) - sum(1 for j in jars if not (lib_dir / j.file).is_file())
        if isinstance(failure, Unreachable):
            raise Unreachable(
                f"Could not fetch Neo4j's jars from the Maven repository {repository}: {failure}. "
                f"{have} of {len(jars)} jars are in the cache ({lib_dir}). Check the network connection "
                f"(or set HONGLIAN_MAVEN_REPOSITORY to a mirror of Maven Central) and {RETRY_HINT}."
            ) from None
        if isinstance(failure, RuntimeProblem):
            raise failure
        raise RuntimeProblem(f"Could not fetch Neo4j's jars into {lib_dir}: {failure}") from failure
    shutil.rmtree(partial, ignore_errors=True)
    return FetchResult(len(todo), len(jars) - len(todo), fetched[0], time.monotonic() - started)


# ------------------------------------------------------------------ maintainers
_LISTED = re.compile(r"^\s*([^\s:]+):([^\s:]+):jar:(?:([^\s:]+):)?([^\s:]+):(?:compile|runtime):(\S+\.jar)")


def resolve_with_maven(repository: str) -> list[Jar]:
    """The runtime closure of ``pom.xml``, resolved by Maven, each jar checked against the repository.

    Maven (``mvn``) lists the closure and fetches it into its local repository; every file's SHA-1
    is then compared with the ``.sha1`` the repository publishes, and its size and SHA-256 recorded.
    """
    mvn = shutil.which("mvn")
    if not mvn:
        raise RuntimeProblem(
            "Refreshing graph/runtime/neo4j-lib.txt needs Maven (`mvn`), which resolves the closure of "
            "graph/runtime/pom.xml; an ordinary install never does. Install it (Debian: apt-get install maven)."
        )
    listing = HERE.parent.parent / "build" / "neo4j-dependency-list.txt"
    listing.parent.mkdir(parents=True, exist_ok=True)
    cmd = [
        mvn,
        "-B",
        "--no-transfer-progress",
        "-f",
        str(POM),
        "dependency:list",
        "-DincludeScope=runtime",
        "-DexcludeTypes=pom",
        "-DoutputAbsoluteArtifactFilename=true",
        f"-DoutputFile={listing}",
        "-DappendOutput=false",
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=3600)
    if done.returncode != 0:
        errors = [ln for ln in done.stdout.splitlines() if "ERROR" in ln][:15]
        raise RuntimeProblem("Maven could not resolve graph/runtime/pom.xml:\n  " + "\n  ".join(errors))
    listed = []
    for line in listing.read_text(encoding="utf-8").splitlines():
        match = _LISTED.match(line)
        if match:
            group, artifact, classifier, version, local = match.groups()
            listed.append((Jar(Path(local).name, group, artifact, version, classifier, 0, ""), Path(local)))

    def checked(item: tuple[Jar, Path]) -> Jar:
        jar, path = item
        if jar.repository_path.rsplit("/", 1)[1] != path.name:
            raise RuntimeProblem(f"Maven listed {path}, which is not the file of {jar.coordinates}")
        sha1, sha256 = file_digests(path)
        want = published_sha1(f"{repository.rstrip('/')}/{jar.repository_path}")
        if sha1 != want:
            raise RuntimeProblem(f"{path} does not match the SHA-1 {repository} publishes ({sha1} ≠ {want})")
        return replace(jar, size=path.stat().st_size, sha256=sha256)

    with ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="sha1") as pool:
        jars = list(pool.map(checked, listed))
    if not jars:
        raise RuntimeProblem(f"Maven listed no jars in {listing}")
    return sorted(jars, key=lambda j: j.file)
