"""App factory and lifespan: one async Neo4j driver per process."""

from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import FastAPI

from graph.settings import Settings, get_settings


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        from graph.db import async_driver

        driver = async_driver(settings)
        app.state.driver = driver
        app.state.settings = settings
        try:
            yield
        finally:
            await driver.close()

    app = FastAPI(title="honglian", lifespan=lifespan)

    @app.get("/health")
    async def health():
        return {"status": "ok"}

    return app
