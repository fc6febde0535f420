"""``GET /health``: whether queries can be answered, and what is wrong if anything.

``ok``: all is well. ``degraded`` (still 200): reads are answered but something
needs attention, each item in ``problems`` (a full disk stops writes; answers
come from the last checkpoint until it passes). ``unavailable`` (503): no
query worker is left to answer.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from coopgraph.api.web import schemas
from coopgraph.api.web.deps import pool_of, store_of
from coopgraph.graph.errors import GraphError
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
    store = store_of(request)
    problems = [f"answers come from an older checkpoint: {workers.stale}"] if workers.stale else []
    unwritable = getattr(store, "problem", None)
    if unwritable:
        problems.append(f"writes fail until the disk has space again: {unwritable}")
    try:
        documents: int | None = len(document_graphs(store))
    except GraphError as exc:  # the server's own handle is down; workers may still answer
        documents = None
        problems.append(f"the store cannot be read here: {exc}")
    status = "unavailable" if not workers.ok else "degraded" if problems else "ok"
    body = {
        "status": status,
        "documents": documents,
        "query_workers": {"configured": workers.configured, "live": workers.live},
        "sandbox": list(workers.sandbox),
        "problems": problems,
    }
    return JSONResponse(body, status_code=503 if status == "unavailable" else 200)
