"""``/sparql``: SPARQL 1.1 Protocol queries over GET and POST.

GET ``?query=``; POST ``application/x-www-form-urlencoded`` (``query=``) or
``application/sparql-query``; ``default-graph-uri`` and ``named-graph-uri``
may be repeated. The answer format follows the Accept header.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import parse_qs

from fastapi import APIRouter, Query, Request, Response
from fastapi.concurrency import run_in_threadpool

from api.deps import SettingsDep, StoreDep
from api.errors import problem
from api.negotiation import accepted_types
from graph.sparql import run_query

router = APIRouter(tags=["sparql"])

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"


@router.get("/sparql")
def sparql_get(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    query: Annotated[str | None, Query(description="The SPARQL query.")] = None,
    default_graph_uri: Annotated[list[str] | None, Query(alias="default-graph-uri")] = None,
    named_graph_uri: Annotated[list[str] | None, Query(alias="named-graph-uri")] = None,
) -> Response:
    if query is None:
        return problem(400, "missing the 'query' parameter")
    return _answer(
        request,
        store,
        settings.max_query_bytes,
        query,
        default_graph_uri or [],
        named_graph_uri or [],
    )


@router.post("/sparql")
async def sparql_post(request: Request, store: StoreDep, settings: SettingsDep) -> Response:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await request.body()
    if len(body) > settings.max_query_bytes * 4:
        return problem(413, f"request body over {settings.max_query_bytes * 4} bytes")
    params = parse_qs(request.url.query)
    if content_type == SPARQL_QUERY:
        query = body.decode("utf-8", errors="replace")
    elif content_type == FORM:
        form = parse_qs(body.decode("utf-8", errors="replace"))
        if "query" not in form:
            return problem(400, "missing the 'query' form field")
        query = form["query"][0]
        params = {**params, **form}
    else:
        return problem(415, f"POST needs {FORM} or {SPARQL_QUERY}, not {content_type or 'none'}")
    return await run_in_threadpool(
        _answer,
        request,
        store,
        settings.max_query_bytes,
        query,
        params.get("default-graph-uri", []),
        params.get("named-graph-uri", []),
    )


def _answer(
    request: Request,
    store: StoreDep,
    max_bytes: int,
    query: str,
    default_graphs: list[str],
    named_graphs: list[str],
) -> Response:
    if len(query.encode("utf-8")) > max_bytes:
        return problem(413, f"query over {max_bytes} bytes (COOPGRAPH_MAX_QUERY_BYTES)")
    accept = accepted_types(request.headers.get("accept"))
    answer = run_query(store, query, accept, default_graphs, named_graphs)
    return Response(answer.body, media_type=answer.media_type)
