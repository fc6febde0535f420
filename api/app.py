"""``create_app(settings)``: the FastAPI application; the lifespan opens the store once."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from api.errors import install_handlers
from api.routes import health, sparql
from api.settings import Settings
from graph.store import open_store


def create_app(settings: Settings) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        store = open_store(settings.store_backend, path=settings.store_path)
        app.state.store = store
        try:
            yield
        finally:
            store.close()

    app = FastAPI(
        title="coopgraph",
        summary="A knowledge graph of institutional cooperation, with a SPARQL endpoint.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.settings = settings
    install_handlers(app)
    app.include_router(health.router)
    app.include_router(sparql.router)
    return app
