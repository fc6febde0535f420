"""The write token: every write over HTTP (SPARQL Update, ingestion, deletion) needs it."""

from __future__ import annotations

import secrets

from fastapi import Request

from api.errors import HttpProblemError
from api.settings import Settings


def require_write_token(request: Request, settings: Settings) -> None:
    """401 without the right bearer token; 403 when writes are switched off."""
    if settings.write_token is None:
        raise HttpProblemError(
            403, "writes are switched off (set COOPGRAPH_WRITE_TOKEN to allow them)"
        )
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    expected = settings.write_token.get_secret_value()
    if scheme.lower() != "bearer" or not secrets.compare_digest(
        given.strip().encode(), expected.encode()
    ):
        raise HttpProblemError(
            401, "a valid bearer token is needed", {"WWW-Authenticate": "Bearer"}
        )
