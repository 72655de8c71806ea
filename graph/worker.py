"""The analytics worker: projections, metrics, exports and reports in processes of their own.

NetworkX is pure Python: in a thread it would still hold the GIL that the API's event loop needs, so
the heavy work runs in worker processes (``ProcessPoolExecutor``, started with ``spawn``). Each
worker has its own blocking driver and its own ``Projections`` (``graph/projection.py``). The public
view always goes to one worker and the keyed view to the other when there are two (to the same one
when there is one), so each projection is built and held once per API process.

A worker answers with finished bytes (JSON, a report, an export), so that not even the encoding of a
large answer (a province's communities) runs in the API's event loop.

The API's side is ``Analytics``: it reads the graph version (one cheap query), serves answers it
already has for that version from a small cache of finished bytes (``ANSWER_BUDGET``), lets identical
requests in flight share one job, and waits at most a time limit per kind
(``HONGLIAN_ANALYTICS_TIMEOUT``, ``HONGLIAN_REPORT_TIMEOUT``). Past it the caller gets ``Busy``
(503 with Retry-After) while the job goes on and fills the caches for the retry. Domain errors raised
in a worker (``NotFound``, ``InvalidInput``, ``DatabaseUnavailable``, ``QueryTimeout``) reach the
caller as themselves. A worker process that dies is replaced.
"""

from __future__ import annotations

import asyncio
import json
import logging
import multiprocessing
import os
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from graph import projection as P
from graph.errors import HonglianError
from graph.settings import Settings
from graph.store import Store, domain_error

log = logging.getLogger("honglian.analytics")

#: What a worker can be asked: kind → answer(view, **params).
JOBS: dict[str, Callable[..., Any]] = {
    "centrality": P.centrality,
    "communities": P.communities,
    "brokers": P.brokers,
    "coverage": P.coverage,
    "export": P.export,
    "report": P.report,
}
#: Kinds answered with JSON objects (the others with text, or bytes: "export", "report").
JSON_KINDS = frozenset({"centrality", "communities", "brokers", "coverage"})
#: Bytes of finished answers the API process keeps (newest graph version only), and the largest kept.
ANSWER_BUDGET = 64 * 2**20
ANSWER_MAX = 8 * 2**20
#: Distinct jobs queued or running at once (identical requests share one); beyond it, 503 at once.
MAX_JOBS = 64
#: Workers run at a lower CPU priority, so that the API and Neo4j keep serving reads meanwhile.
NICENESS = 5


class Busy(HonglianError):
    """Analytics cannot answer now: still computing past the time limit, too many jobs, or a lost
    worker. The API answers 503 with Retry-After."""


def worker_count(settings: Settings) -> int:
    """``HONGLIAN_ANALYTICS_WORKERS``, or one per core but one (for the API and Neo4j), at most 2."""
    return settings.analytics_workers or min(2, max(1, (os.cpu_count() or 2) - 1))


# ------------------------------------------------------- in a worker process
_projections: P.Projections | None = None


def _start(settings: Settings) -> None:
    """Initializer of a worker process: its own blocking driver and an empty projection cache."""
    global _projections
    from graph.db import sync_driver

    os.nice(NICENESS)
    _projections = P.Projections(sync_driver(settings), settings.neo4j_database)


def _run(kind: str, version: int, include_private: bool, params: dict[str, Any]) -> tuple[bytes, bool]:
    """One job, run in a worker: ``(body, cached)``. Only bytes and domain errors leave the process.

    A JSON answer's body is the object without its ``cached`` member and closing brace: the API
    closes it (``finish``), saying ``"cached": true`` also when it serves the answer itself.
    """
    projections = _projections
    assert projections is not None, "the worker was not started by Analytics"
    try:
        answer = JOBS[kind](projections.view(version, include_private), **params)
        if kind not in JSON_KINDS:  # text, or bytes (a PDF report)
            return (answer if isinstance(answer, bytes) else answer.encode("utf-8")), False
        cached = answer.pop("cached")
        # As Starlette's JSONResponse encodes: compact, UTF-8, no NaN.
        body = json.dumps(answer, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        return body[:-1].encode("utf-8"), cached
    except HonglianError as exc:
        raise Carried(exc) from None
    except Exception as exc:
        mapped = domain_error(exc, P.PROJECTION_TIMEOUT)
        if mapped is not None:
            raise Carried(mapped) from None
        log.exception("analytics job %s %s failed", kind, params)
        raise HonglianError(f"The analytics job {kind!r} failed; the error has been logged.") from None


class Carried(Exception):
    """A domain error on its way out of a worker. It arrives as the error itself, rebuilt with its
    arguments and attributes; plain pickling would call its ``__init__`` with the message instead
    of the arguments it was made with (``NotATown(entity_id)``)."""

    def __init__(self, error: HonglianError):
        super().__init__(str(error))
        self.error = error

    def __reduce__(self):
        return _rebuilt, (type(self.error), self.error.args, vars(self.error))


def _rebuilt(cls: type[HonglianError], args: tuple, attributes: dict) -> HonglianError:
    error = cls.__new__(cls, *args)
    error.args = args
    vars(error).update(attributes)
    return error


def finish(body: bytes, cached: bool) -> bytes:
    """A JSON answer of ``_run`` closed with its ``cached`` member."""
    return body + (b',"cached":true}' if cached else b',"cached":false}')


# ----------------------------------------------------------- in the API
class Analytics:
    """Analytics answers for the API, computed by worker processes off the event loop.

    Create it in the app's lifespan and ``close()`` it at shutdown (the workers are stopped).
    """

    def __init__(self, store: Store, settings: Settings):
        self.store, self.settings = store, settings
        self.lanes = [self._new_lane() for _ in range(worker_count(settings))]
        self.jobs: dict[tuple, asyncio.Future] = {}  # in flight
        self.answers: OrderedDict[tuple, bytes] = OrderedDict()  # finished, for ``self.version``
        self.answer_bytes = 0
        self.version = 0
        self.submitted = 0  # jobs handed to a worker (identical requests in flight count once)

    async def centrality(
        self, metric: str, type_: str | None, limit: int, weighted: bool, include_private: bool
    ) -> bytes:
        return await self.ask(
            "centrality", include_private, metric=metric, type_=type_, limit=limit, weighted=weighted
        )

    async def communities(self, include_private: bool) -> bytes:
        return await self.ask("communities", include_private)

    async def brokers(self, include_private: bool) -> bytes:
        return await self.ask("brokers", include_private)

    async def coverage(self, town: str, include_private: bool) -> bytes:
        return await self.ask("coverage", include_private, town=town)

    async def export(self, fmt: str, include_private: bool) -> bytes:
        return await self.ask("export", include_private, fmt=fmt)

    async def report(self, fmt: str, scope: str | None, include_private: bool) -> bytes:
        return await self.ask("report", include_private, fmt=fmt, scope=scope)

    async def ask(self, kind: str, include_private: bool, **params: Any) -> bytes:
        """The answer for the current graph version: kept, shared with a job in flight, or computed
        by a worker; waited for at most the kind's time limit."""
        version = (await self.store.read("graph_version"))[0]["version"]
        if version > self.version:  # the graph changed: what was kept is out of date
            self.version, self.answers, self.answer_bytes = version, OrderedDict(), 0
        key = (kind, version, include_private, tuple(sorted(params.items())))
        if key in self.answers:
            self.answers.move_to_end(key)
            return finish(self.answers[key], True) if kind in JSON_KINDS else self.answers[key]
        job = self.jobs.get(key)
        if job is None:
            job = self._submit(key, kind, version, include_private, params)
        timeout = self.settings.report_timeout if kind == "report" else self.settings.analytics_timeout
        try:
            body, cached = await asyncio.wait_for(asyncio.shield(job), timeout)
        except TimeoutError:
            raise Busy(
                f"分析仍在计算（已超过 {timeout:g} 秒）；算好后会缓存，请稍后重试。"
                f" Still computing after {timeout:g} s; retry later."
            ) from None
        except BrokenProcessPool:
            raise Busy(
                "分析进程意外退出，已重新启动；请稍后重试。 The analytics worker died and was restarted."
            ) from None
        return finish(body, cached) if kind in JSON_KINDS else body

    def _submit(
        self, key: tuple, kind: str, version: int, include_private: bool, params: dict
    ) -> asyncio.Future:
        if len(self.jobs) >= MAX_JOBS:
            raise Busy(f"分析任务过多（{MAX_JOBS} 个在排队）；请稍后重试。 Too many analytics jobs queued.")
        i = int(include_private) % len(self.lanes)
        try:
            done = self.lanes[i].submit(_run, kind, version, include_private, params)
        except BrokenProcessPool:  # the worker died while idle: replace it and go on
            self._replace(i, self.lanes[i])
            done = self.lanes[i].submit(_run, kind, version, include_private, params)
        lane = self.lanes[i]
        job = asyncio.wrap_future(done)
        self.jobs[key] = job
        self.submitted += 1

        def finished(f: asyncio.Future) -> None:
            if self.jobs.get(key) is f:
                del self.jobs[key]
            if f.cancelled():
                return
            if f.exception() is None:  # also when every caller gave up waiting: kept for the retry
                self._keep(key, f.result()[0])
            elif isinstance(f.exception(), BrokenProcessPool):
                self._replace(i, lane)

        job.add_done_callback(finished)
        return job

    def _keep(self, key: tuple, body: bytes) -> None:
        """Keep a finished answer of the current version, dropping the least recently used beyond
        ``ANSWER_BUDGET`` (answers over ``ANSWER_MAX`` stay in the worker's cache only)."""
        if key[1] != self.version or len(body) > ANSWER_MAX or key in self.answers:
            return
        self.answers[key] = body
        self.answer_bytes += len(body)
        while self.answer_bytes > ANSWER_BUDGET:
            self.answer_bytes -= len(self.answers.popitem(last=False)[1])

    def _new_lane(self) -> ProcessPoolExecutor:
        lane = ProcessPoolExecutor(
            1, mp_context=multiprocessing.get_context("spawn"), initializer=_start, initargs=(self.settings,)
        )
        lane.submit(os.getpid)  # start the process now rather than on the first request
        return lane

    def _replace(self, i: int, broken: ProcessPoolExecutor) -> None:
        if self.lanes[i] is broken:
            log.error("analytics worker %d died; starting a new one", i)
            self.lanes[i] = self._new_lane()
            broken.shutdown(wait=False, cancel_futures=True)

    def pids(self) -> list[int]:
        """The worker processes' ids (for operators and tests)."""
        # ``_processes`` is the executor's own table; Python 3.14 adds terminate_workers() for close().
        return [p.pid for lane in self.lanes for p in (lane._processes or {}).values() if p.pid is not None]

    def close(self) -> None:
        """Stop the workers, even in the middle of a job (its result would have no reader)."""
        for lane in self.lanes:
            processes = list((lane._processes or {}).values())
            lane.shutdown(wait=False, cancel_futures=True)
            for process in processes:
                process.terminate()
            for process in processes:
                process.join(5)


__all__ = ["JOBS", "Analytics", "Busy", "finish", "worker_count"]
