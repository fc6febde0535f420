"""The application state and the resources opened in the lifespan, as routes receive them.

Hot routes (SPARQL, health) call the plain accessors: FastAPI's dependency
machinery costs more than a cheap query. Other routes use the Annotated aliases.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request

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


# the languages names are kept in (untagged names count as English)
READER_LANGUAGES = ("en", "ru")


def reader_language(
    request: Request,
    lang: Annotated[
        str | None,
        Query(
            pattern="^(en|ru)$",
            description="Names in this language where an entity has one (else English, "
            "else any); default: the first of en, ru in Accept-Language, else en.",
        ),
    ] = None,
) -> str:
    if lang is not None:
        return lang
    return accepted_language(request.headers.get("accept-language", ""))


def accepted_language(header: str) -> str:
    """The reader language Accept-Language prefers ("ru-RU,ru;q=0.9,en;q=0.8" → "ru").

    >>> accepted_language("ru-RU,ru;q=0.9,en;q=0.8"), accepted_language("de, en;q=0.5")
    ('ru', 'en')
    >>> accepted_language("fr"), accepted_language("en;q=0.1, ru;q=0.2")
    ('en', 'ru')
    """
    ranked = []
    for position, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        language = tag.strip().lower().split("-")[0]
        if language in READER_LANGUAGES and quality > 0:
            ranked.append((-quality, position, language))
    return min(ranked)[2] if ranked else "en"


LanguageDep = Annotated[str, Depends(reader_language)]
