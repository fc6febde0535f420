"""Annotated dependency aliases: routes receive the resources opened in the lifespan."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from api.settings import Settings
from graph.executor import QueryPool
from graph.store import Store


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def _pool(request: Request) -> QueryPool:
    pool: QueryPool = request.app.state.pool
    return pool


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


StoreDep = Annotated[Store, Depends(_store)]
PoolDep = Annotated[QueryPool, Depends(_pool)]
SettingsDep = Annotated[Settings, Depends(_settings)]
