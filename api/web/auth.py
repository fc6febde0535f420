"""The write token: every write over HTTP (SPARQL Update, ingestion, deletion) needs it.

Write routes live on routers built by :func:`write_router`, whose dependency
checks the token before the route runs: a new write route cannot forget it,
and OpenAPI shows the bearer scheme on each.
"""

from __future__ import annotations

import secrets
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from coopgraph.api.errors import HttpProblemError
from coopgraph.api.web.deps import SettingsDep

bearer = HTTPBearer(
    auto_error=False,  # a missing token is answered by require_write_token, with our wording
    scheme_name="writeToken",
    description="The value of COOPGRAPH_WRITE_TOKEN; without one configured, writes are off.",
)


def require_write_token(
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Security(bearer)],
) -> None:
    """401 without the right bearer token; 403 when writes are switched off."""
    if settings.write_token is None:
        raise HttpProblemError(
            403, "writes are switched off (set COOPGRAPH_WRITE_TOKEN to allow them)"
        )
    given = credentials.credentials.strip() if credentials is not None else ""
    expected = settings.write_token.get_secret_value()
    if not given or not secrets.compare_digest(given.encode(), expected.encode()):
        raise HttpProblemError(
            401, "a valid bearer token is needed", {"WWW-Authenticate": "Bearer"}
        )


def write_router(**options: Any) -> APIRouter:
    """A router whose every route needs the write token."""
    return APIRouter(dependencies=[Depends(require_write_token)], **options)
