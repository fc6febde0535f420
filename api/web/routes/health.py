"""``GET /health``: liveness plus what the store holds."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from coopgraph.api.web import schemas
from coopgraph.api.web.deps import pool_of, store_of
from coopgraph.graph.store.fingerprints import document_graphs

router = APIRouter(tags=["health"])


@router.get(
    "/health",
    response_model=schemas.Health,
    responses={503: {"description": "no query worker is left", "model": schemas.Health}},
)
def health(request: Request) -> JSONResponse:
    """ok when queries can be answered; 503, with the reason, when they cannot."""
    workers = pool_of(request).status()
    body = {
        "status": "ok" if workers.ok else "unavailable",
        "documents": len(document_graphs(store_of(request))),
        "query_workers": {"configured": workers.configured, "live": workers.live},
        "sandbox": list(workers.sandbox),
    }
    return JSONResponse(body, status_code=200 if workers.ok else 503)
