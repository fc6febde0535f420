"""``GET /health``: liveness plus what the store holds."""

from __future__ import annotations

from fastapi import APIRouter, Request

from coopgraph.api.web import schemas
from coopgraph.api.web.deps import store_of
from coopgraph.graph.store.fingerprints import document_graphs

router = APIRouter(tags=["health"])


@router.get("/health", response_model=schemas.Health)
def health(request: Request) -> dict[str, object]:
    return {"status": "ok", "documents": len(document_graphs(store_of(request)))}
