"""The one place that maps domain errors to HTTP answers (always JSON, never a stack trace)."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from graph.errors import (
    Ambiguous,
    DatabaseUnavailable,
    HonglianError,
    InvalidInput,
    NotFound,
    QueryTimeout,
    SeedValidationError,
)
from graph.worker import Busy

log = logging.getLogger("honglian.api")
RETRY_AFTER = "5"


def _unprocessable(errors: list[dict]) -> JSONResponse:
    """Every 422 has FastAPI's own shape: ``{"detail": [{"type", "loc", "msg"}, ...]}``."""
    return JSONResponse({"detail": errors}, status_code=422)


def install(app: FastAPI) -> None:
    @app.exception_handler(NotFound)
    async def _not_found(request: Request, exc: NotFound):
        body: dict = {"detail": str(exc)}
        if exc.suggestions is not None:  # a name that resolved to nothing: "did you mean"
            body["suggestions"] = exc.suggestions
        return JSONResponse(body, status_code=404)

    @app.exception_handler(Ambiguous)
    async def _ambiguous(request: Request, exc: Ambiguous):
        # 300 Multiple Choices (RFC 9110 §15.4.1): the name denotes several entities, each with its
        # own identifier; no Location header, since none is preferred.
        return JSONResponse({"detail": str(exc), "candidates": exc.candidates}, status_code=300)

    @app.exception_handler(InvalidInput)
    async def _invalid(request: Request, exc: InvalidInput):
        return _unprocessable([{"type": "value_error", "loc": list(exc.loc), "msg": str(exc)}])

    @app.exception_handler(SeedValidationError)
    async def _invalid_seed(request: Request, exc: SeedValidationError):
        return _unprocessable(
            [
                {
                    "type": "seed_error",
                    "loc": ["body", *p.path.split(".")] if p.path else ["body"],
                    "msg": p.message,
                }
                for p in exc.problems
            ]
        )

    @app.exception_handler(DatabaseUnavailable)
    async def _unavailable(request: Request, exc: DatabaseUnavailable):
        return JSONResponse({"detail": str(exc)}, status_code=503, headers={"Retry-After": RETRY_AFTER})

    @app.exception_handler(Busy)
    async def _busy(request: Request, exc: Busy):
        # Analytics past its time limit (the job goes on and fills the cache), or a lost worker.
        return JSONResponse({"detail": str(exc)}, status_code=503, headers={"Retry-After": RETRY_AFTER})

    @app.exception_handler(QueryTimeout)
    async def _timeout(request: Request, exc: QueryTimeout):
        return JSONResponse({"detail": str(exc)}, status_code=504, headers={"Retry-After": RETRY_AFTER})

    @app.exception_handler(HonglianError)
    async def _other(request: Request, exc: HonglianError):
        log.error("unhandled domain error on %s: %s", request.url.path, exc)
        return JSONResponse({"detail": str(exc)}, status_code=500)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        log.exception("unexpected error on %s", request.url.path)
        return JSONResponse({"detail": "Internal error; it has been logged."}, status_code=500)
