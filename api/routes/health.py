"""``GET /health``: liveness plus what the store holds."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import StoreDep
from graph.provenance import document_graphs

router = APIRouter(tags=["health"])


@router.get("/health")
def health(store: StoreDep) -> dict[str, object]:
    return {"status": "ok", "documents": len(document_graphs(store))}
