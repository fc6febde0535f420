"""``/organizations`` and ``/people``: look entities up by any of their names."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from fastapi.concurrency import run_in_threadpool

from coopgraph.api.errors import HttpProblemError
from coopgraph.api.web import schemas
from coopgraph.api.web.deps import LanguageDep, StoreDep
from coopgraph.graph.entities import lookup

router = APIRouter(tags=["entities"])
SLUG = r"^[a-z0-9][a-z0-9-]{0,300}$"
Search = Annotated[str, Query(min_length=1, max_length=300, description="Any name or alias.")]
Limit = Annotated[int, Query(ge=1, le=200)]


@router.get(
    "/organizations",
    summary="Institutions by any of their names, best matches first",
    response_model=schemas.EntitySearch,
)
async def find_organizations(
    store: StoreDep, q: Search, lang: LanguageDep, limit: Limit = 20
) -> dict[str, Any]:
    found = await run_in_threadpool(lookup.search, store, "organization", q, limit, lang)
    return {"q": q, "results": found}


@router.get(
    "/organizations/{id}",
    summary="One institution: names, identifiers, partners, agreements",
    response_model=schemas.OrganizationPage,
)
async def get_organization(
    store: StoreDep, id: Annotated[str, Path(pattern=SLUG)], lang: LanguageDep
) -> dict[str, Any]:
    found = await run_in_threadpool(lookup.organization, store, id, lang)
    if found is None:
        raise HttpProblemError(404, f"no institution {id}")
    return found


@router.get(
    "/people",
    summary="People by any of their names, best matches first",
    response_model=schemas.EntitySearch,
)
async def find_people(
    store: StoreDep, q: Search, lang: LanguageDep, limit: Limit = 20
) -> dict[str, Any]:
    found = await run_in_threadpool(lookup.search, store, "person", q, limit, lang)
    return {"q": q, "results": found}


@router.get(
    "/people/{id}",
    summary="One person: names, affiliations and roles, agreements signed",
    response_model=schemas.PersonPage,
)
async def get_person(
    store: StoreDep, id: Annotated[str, Path(pattern=SLUG)], lang: LanguageDep
) -> dict[str, Any]:
    found = await run_in_threadpool(lookup.person, store, id, lang)
    if found is None:
        raise HttpProblemError(404, f"no person {id}")
    return found
