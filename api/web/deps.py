"""The application state and the resources opened in the lifespan, as routes receive them.

Hot routes (SPARQL, health) call the plain accessors: FastAPI's dependency
machinery costs more than a cheap query. Other routes use the Annotated aliases.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from coopgraph.api.errors import HttpProblemError
from coopgraph.api.settings import Settings
from coopgraph.api.web.state import AppState, Resources
from coopgraph.graph.network.service import NetworkService
from coopgraph.graph.sparql.pool import QueryRunner
from coopgraph.graph.store.base import Store


def state_of(request: Request) -> AppState:
    state: AppState = request.app.state.coopgraph
    return state


def resources_of(request: Request) -> Resources:
    resources = state_of(request).resources
    if resources is None:  # only between shutdown and the last request
        raise HttpProblemError(503, "the service is not running")
    return resources


def store_of(request: Request) -> Store:
    return resources_of(request).store


def pool_of(request: Request) -> QueryRunner:
    return resources_of(request).pool


def network_of(request: Request) -> NetworkService:
    return resources_of(request).network


def settings_of(request: Request) -> Settings:
    return state_of(request).settings


StoreDep = Annotated[Store, Depends(store_of)]
PoolDep = Annotated[QueryRunner, Depends(pool_of)]
SettingsDep = Annotated[Settings, Depends(settings_of)]
ResourcesDep = Annotated[Resources, Depends(resources_of)]
