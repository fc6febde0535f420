"""``create_app(settings)``: the FastAPI application.

The lifespan opens the store (the one writer), loads the ontology into it and
starts the query worker pool; both are closed on shutdown.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from coopgraph.api.ingest.jobs import JobRunner
from coopgraph.api.settings import Settings
from coopgraph.api.stores import open_configured_store, query_runner
from coopgraph.api.web.error_handlers import install_handlers
from coopgraph.api.web.network_calls import NetworkCalls
from coopgraph.api.web.routes import (
    documents,
    entities,
    feeds,
    graph_store,
    health,
    icon,
    network,
    sources,
    sparql,
    update,
)
from coopgraph.api.web.state import AppState, Resources
from coopgraph.api.web.strict_query import StrictQueryString
from coopgraph.graph.network.service import NetworkService
from coopgraph.graph.rdf.reference import ensure_ontology
from coopgraph.graph.sparql.sandbox import SandboxedThread
from coopgraph.graph.store.embedded import OxigraphStore

if TYPE_CHECKING:
    from coopgraph.api.follow.background import Follower


def _follower(state: AppState) -> Follower:
    """The background follower of the due sources (api/follow/background.py)."""
    from coopgraph.api.follow.background import Follower
    from coopgraph.api.follow.fetcher import fetcher_for

    assert state.resources is not None
    return Follower(
        state.settings,
        state.resources.store,
        state.resources.write_lock,
        state.extraction_process,
        lambda: fetcher_for(state.settings),
    )


def create_app(settings: Settings) -> FastAPI:
    state = AppState(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        store = open_configured_store(settings)
        pool = query_runner(settings, store)
        try:
            ensure_ontology(store)
            await pool.start()
            network = NetworkService(
                store,
                cache_size=settings.network_cache_size,
                exact_betweenness_limit=settings.betweenness_exact_limit,
                betweenness_samples=settings.betweenness_samples,
            )
            state.resources = Resources(
                store=store,
                pool=pool,
                jobs=JobRunner(settings.job_history),
                network=network,
                network_calls=NetworkCalls(store, pool, network, settings),
                # the store's own lock where it has one: its recovery from a full disk
                # must not run while a writer holds the store
                write_lock=getattr(store, "write_lock", None) or threading.RLock(),
                update_thread=SandboxedThread() if isinstance(store, OxigraphStore) else None,
            )
            if settings.follow_in_server:
                state.follower = _follower(state)
                state.follower.start()
            yield
        finally:
            if state.follower is not None:
                state.follower.stop(settings.shutdown_timeout)
                state.follower = None
            if state.resources is not None:
                # the running job finishes its current document, then stops
                state.resources.jobs.close(settings.shutdown_timeout)
                if state.resources.update_thread is not None:
                    state.resources.update_thread.close()
                state.resources = None
            if state.extraction is not None:
                state.extraction.close()
                state.extraction = None
            await pool.close()
            store.close()

    app = FastAPI(
        title="coopgraph",
        summary="A knowledge graph of institutional cooperation, with a SPARQL endpoint.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.coopgraph = state
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type", "Accept", "Authorization"],
            expose_headers=[sparql.TRUNCATED, sparql.ROWS],
        )
    app.add_middleware(StrictQueryString)
    install_handlers(app)
    app.include_router(health.router)
    app.include_router(sparql.router)
    app.include_router(update.router)
    app.include_router(graph_store.router)
    app.include_router(network.router)
    app.include_router(documents.router)
    app.include_router(documents.writes)
    app.include_router(entities.router)
    app.include_router(icon.router)
    app.include_router(sources.router)
    app.include_router(sources.writes)
    app.include_router(feeds.router)
    return app
