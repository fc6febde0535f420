"""``POST /update``: SPARQL 1.1 Update, for holders of the bearer token only.

Form-encoded (``update=``) or ``application/sparql-update``; the protocol's
``using-graph-uri`` / ``using-named-graph-uri`` parameters apply. Each request
is one transaction. LOAD and SERVICE are refused: nothing is fetched, and the
thread that evaluates updates cannot open sockets (see graph/sparql/sandbox.py).
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any

from fastapi import Request, Response
from fastapi.concurrency import run_in_threadpool

from coopgraph.api.web.auth import write_router
from coopgraph.api.web.deps import SettingsDep, StoreDep, resources_of
from coopgraph.api.web.request_bodies import FORM, read_operation
from coopgraph.graph.sparql.guard import with_using
from coopgraph.graph.sparql.sandbox import SandboxedThread
from coopgraph.graph.store.base import Store

router = write_router(tags=["sparql"])

SPARQL_UPDATE = "application/sparql-update"


@router.post(
    "/update",
    summary="Run a SPARQL update (bearer token required)",
    status_code=204,
    response_class=Response,
    openapi_extra={
        "requestBody": {
            "content": {
                FORM: {"schema": {"type": "object", "properties": {"update": {"type": "string"}}}},
                SPARQL_UPDATE: {"schema": {"type": "string"}},
            }
        }
    },
)
async def update(request: Request, store: StoreDep, settings: SettingsDep) -> Response:
    text, params = await read_operation(
        request,
        direct_type=SPARQL_UPDATE,
        field="update",
        foreign_field="query",
        foreign_message="queries go to /sparql, not /update",
        carried=("using-graph-uri", "using-named-graph-uri"),
        limit=settings.max_query_bytes,
        max_fields=settings.max_form_fields,
    )
    text = with_using(
        text, params.get("using-graph-uri", []), params.get("using-named-graph-uri", [])
    )
    base = str(request.url.replace(query=""))
    resources = resources_of(request)
    # the guard and a first parse run in a query worker: an update that crashes
    # the parser (20 000 nested groups) costs that worker, not the service
    await resources.pool.check_update(text, base)
    await run_in_threadpool(
        _update, resources.write_lock, resources.update_thread, store, text, base
    )
    return Response(status_code=204)


def _update(
    lock: AbstractContextManager[Any],
    thread: SandboxedThread | None,
    store: Store,
    text: str,
    base: str,
) -> None:
    with lock:  # one writer at a time, with ingestion jobs too
        if thread is None:  # a remote server evaluates it
            store.update(text, base)
        else:
            thread.run(lambda: store.update(text, base))
