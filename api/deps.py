"""The resources opened in the lifespan, as routes receive them.

Hot routes (SPARQL, health) call the plain accessors: FastAPI's dependency
machinery costs more than a cheap query. Other routes use the Annotated aliases.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from api.settings import Settings
from graph.executor import QueryRunner
from graph.store import Store


def store_of(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def pool_of(request: Request) -> QueryRunner:
    pool: QueryRunner = request.app.state.pool
    return pool


def settings_of(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


StoreDep = Annotated[Store, Depends(store_of)]
PoolDep = Annotated[QueryRunner, Depends(pool_of)]
SettingsDep = Annotated[Settings, Depends(settings_of)]
