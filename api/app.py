"""App factory and lifespan: one async Neo4j driver and one set of analytics workers per process."""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from urllib.parse import urlsplit, urlunsplit

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders

from api import errors, web
from api.routes import (
    aggregates,
    analytics,
    browser,
    curation,
    drafts,
    entities,
    health,
    relationships,
    sources,
    towns,
)
from api.security import WriteGate
from graph.settings import Settings, get_settings
from graph.store import Store
from graph.worker import Analytics

log = logging.getLogger("honglian.api")

DESCRIPTION = """
红联共建 partnership network: districts, work teams, enterprises, villages and people, each fact
with the article sentence it came from.

Examples: `GET /entities?q=雄业` · `GET /entities/shangping/relationships?type=pairs_with&direction=in`
(哪家企业与上坪村结对) · `GET /donations/summary` (谁捐了多少) ·
`GET /paths/shortest?source=guoguang-electric&target=xiongye-logistics` (国光电器与雄业物流如何相连).
"""


class BodyLimit:
    """Refuse bodies over HONGLIAN_MAX_BODY_BYTES before reading them (413).

    A plain ASGI middleware: ``@app.middleware("http")`` would add a task and a stream per request.
    """

    def __init__(self, app, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            return await self.refuse(scope, receive, send)
        if length is None and scope["method"] in ("POST", "PUT", "PATCH"):
            body, more = b"", True
            while more:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return None
                body += message.get("body", b"")
                more = message.get("more_body", False)
                if len(body) > self.limit:
                    return await self.refuse(scope, receive, send)
            replayed = False

            async def replay():
                nonlocal replayed
                if not replayed:
                    replayed = True
                    return {"type": "http.request", "body": body, "more_body": False}
                return await receive()

            return await self.app(scope, replay, send)
        return await self.app(scope, receive, send)

    async def refuse(self, scope, receive, send):
        response = JSONResponse({"detail": f"Request body over {self.limit} bytes."}, status_code=413)
        await response(scope, receive, send)


class Hygiene:
    """What every response carries, and redirects that stay on this server.

    ``X-Content-Type-Options: nosniff`` everywhere; on HTML (the report, the Browser guide, the API
    docs) ``Content-Security-Policy: frame-ancestors 'none'`` and ``X-Frame-Options: DENY``, so no
    other site can frame them (Neo4j Browser fetches the guide, it does not frame it). Redirects
    (the trailing-slash one) get a relative ``Location``: never one built from the ``Host`` header.
    """

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["X-Content-Type-Options"] = "nosniff"
                if headers.get("content-type", "").startswith("text/html"):
                    headers.setdefault("Content-Security-Policy", "frame-ancestors 'none'")
                    headers["X-Frame-Options"] = "DENY"
                if "location" in headers:
                    headers["Location"] = relative(headers["location"])
            await send(message)

        return await self.app(scope, receive, send_with_headers)


def relative(location: str) -> str:
    """``location`` without scheme and host; one leading slash (``//host`` would leave the server)."""
    url = urlsplit(location)
    return urlunsplit(("", "", "/" + url.path.lstrip("/"), url.query, url.fragment))


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        from graph.db import async_driver

        driver = async_driver(settings)
        app.state.settings = settings
        app.state.store = Store(driver, settings.neo4j_database, settings.query_timeout)
        app.state.analytics = Analytics(app.state.store, settings)
        try:
            await driver.verify_connectivity()
        except Exception as exc:  # the API starts anyway; /ready says 503 until Neo4j answers
            log.warning("Neo4j at %s is not reachable yet: %s", settings.uri, exc)
        try:
            yield
        finally:
            app.state.analytics.close()
            await driver.close()

    app = FastAPI(
        title="honglian",
        version="0.1.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,  # served below from the package's own files: no CDN, works offline
        redoc_url=None,
    )
    app.state.keys = settings.key_entries()
    errors.install(app)

    # Middleware added last runs first: Hygiene → CORS → WriteGate → BodyLimit → routes. The key is
    # checked before the body is counted or read; CORS and Hygiene headers reach refusals too.
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    app.add_middleware(WriteGate, keys=app.state.keys)

    origins = [o.strip() for o in settings.cors_origins.split(",") if o.strip()]
    if origins:  # closed by default: no CORS headers unless origins are configured
        app.add_middleware(
            CORSMiddleware,
            allow_origins=origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["X-API-Key", "Authorization", "Content-Type"],
        )
    app.add_middleware(Hygiene)
    for module in (
        health,
        entities,
        relationships,
        sources,
        towns,
        aggregates,
        analytics,
        curation,
        browser,
        drafts,
    ):
        app.include_router(module.router)
    install_docs(app)
    # Static files (CSS, JS, vendored libraries), compressed for browsers that ask; JSON answers stay
    # uncompressed (their cost is CPU per request).
    app.mount("/static", GZipMiddleware(StaticFiles(directory=web.STATIC_DIR)), name="static")
    for router in web.routers():
        app.include_router(router)
    return app


SWAGGER = "/static/vendor/swagger-ui-dist-5.35.0"
REDOC = "/static/vendor/redoc-2.5.4"


def install_docs(app: FastAPI) -> None:
    """Swagger UI at /docs and ReDoc at /redoc from vendored files (api/static/vendor), system fonts."""
    spec = app.openapi_url or "/openapi.json"

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui():
        return get_swagger_ui_html(
            openapi_url=spec,
            title="honglian · API 文档",
            swagger_js_url=f"{SWAGGER}/swagger-ui-bundle.js",
            swagger_css_url=f"{SWAGGER}/swagger-ui.css",
            swagger_favicon_url=f"{SWAGGER}/favicon-32x32.png",
            oauth2_redirect_url="/docs/oauth2-redirect",
            # no badge from the online validator (validator.swagger.io)
            swagger_ui_parameters={"validatorUrl": None},
        )

    @app.get("/docs/oauth2-redirect", include_in_schema=False)
    async def swagger_ui_redirect():
        return get_swagger_ui_oauth2_redirect_html()

    @app.get("/redoc", include_in_schema=False)
    async def redoc():
        return get_redoc_html(
            openapi_url=spec,
            title="honglian · API 文档",
            redoc_js_url=f"{REDOC}/redoc.standalone.js",
            redoc_favicon_url=f"{SWAGGER}/favicon-32x32.png",
            with_google_fonts=False,
        )
