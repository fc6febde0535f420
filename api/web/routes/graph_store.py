"""``GET /graph-store``: the SPARQL 1.1 Graph Store Protocol, read side.

``?graph=<IRI>`` answers that named graph, ``?default`` the default graph (the
union of all documents), in the RDF format the Accept header asks for.
"""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request, Response

from coopgraph.api.errors import HttpProblemError
from coopgraph.api.web.deps import PoolDep, SettingsDep, StoreDep
from coopgraph.api.web.negotiation import accepted_types
from coopgraph.api.web.request_bodies import single
from coopgraph.api.web.routes.sparql import respond
from coopgraph.graph.sparql.pool import QueryJob

router = APIRouter(tags=["sparql"])

_ALL_TRIPLES = "CONSTRUCT WHERE { ?s ?p ?o }"


@router.get("/graph-store", summary="Get one graph (?graph=IRI) or the default graph (?default)")
async def get_graph(
    request: Request, store: StoreDep, pool: PoolDep, settings: SettingsDep
) -> Response:
    params = {k: request.query_params.getlist(k) for k in request.query_params}
    name = single(params, "graph")
    if (name is None) == ("default" not in params):
        raise HttpProblemError(400, "give either ?graph=IRI or ?default")
    if name is not None and not store.has_graph(name):
        raise HttpProblemError(404, f"no graph named {name} in this store")
    # the graph is chosen through the protocol dataset, never spliced into query text
    job = QueryJob(
        query=_ALL_TRIPLES,
        accept=accepted_types(request.headers.get("accept")),
        default_graphs=[name] if name else [],
        named_graphs=[],
        row_cap=settings.max_result_rows,
    )
    deadline = asyncio.get_running_loop().time() + settings.query_timeout
    head, body = await pool.run(job)
    headers = {"X-Result-Rows": str(head.rows)}
    if head.truncated:
        headers["X-Result-Truncated"] = f"true; limit={settings.max_result_rows}"
    return await respond(head.media_type, body, headers, deadline)
