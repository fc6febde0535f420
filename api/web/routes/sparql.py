"""``/sparql``: the SPARQL 1.1 Protocol query endpoint, its service description and page.

GET ``?query=``; POST ``application/x-www-form-urlencoded`` (``query=``) or
``application/sparql-query``; ``default-graph-uri`` and ``named-graph-uri``
may be repeated. The answer format follows the Accept header. GET without a
query answers the service description (RDF) or, for a browser, the query page.

Queries run in the worker pool (:mod:`coopgraph.graph.sparql.pool`): a query past
``COOPGRAPH_QUERY_TIMEOUT`` is stopped, answers are cut at
``COOPGRAPH_MAX_RESULT_ROWS`` and say so in ``X-Result-Truncated``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse, StreamingResponse
from starlette.types import Receive, Scope, Send

from coopgraph.api.errors import HttpProblemError
from coopgraph.api.settings import Settings
from coopgraph.api.web.deps import (
    READER_LANGUAGES,
    pool_of,
    reader_language,
    settings_of,
    store_of,
)
from coopgraph.api.web.negotiation import accepted_types
from coopgraph.api.web.pages import query_page
from coopgraph.api.web.request_bodies import FORM, read_operation, single
from coopgraph.graph.sparql.pool import QueryJob, QueryRunner
from coopgraph.graph.sparql.service_description import describe_service
from coopgraph.graph.store.base import Store

router = APIRouter(tags=["sparql"])
log = logging.getLogger(__name__)

SPARQL_QUERY = "application/sparql-query"
# ?format= names a type for clients that cannot set Accept (download links)
FORMAT_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}
# the file a ?format= download is saved as
FILE_EXTENSIONS = {
    "json": "srj", "xml": "srx", "csv": "csv", "tsv": "tsv",
    "turtle": "ttl", "ntriples": "nt", "jsonld": "jsonld", "rdfxml": "rdf",
}  # fmt: skip
TRUNCATED = "X-Result-Truncated"
STREAM_ABOVE = 256 * 1024  # bytes of answer collected before switching to streaming
ROWS = "X-Result-Rows"


# The dataset and query parameters are read from the request itself (the
# protocol allows repeats, which must be detected), and resources come from the
# app state: FastAPI's parameter and dependency machinery costs a third of a
# cheap query's time. The OpenAPI entry still documents the parameters.
_GET_PARAMETERS = [
    {"name": "query", "in": "query", "schema": {"type": "string"}, "description": "The query."},
    {
        "name": "default-graph-uri",
        "in": "query",
        "schema": {"type": "array", "items": {"type": "string"}},
    },
    {
        "name": "named-graph-uri",
        "in": "query",
        "schema": {"type": "array", "items": {"type": "string"}},
    },
    {"name": "format", "in": "query", "schema": {"type": "string", "enum": list(FORMAT_TYPES)}},
]


@router.get(
    "/sparql",
    summary="Run a SPARQL query (GET), or get the service description or query page",
    response_class=Response,
    openapi_extra={"parameters": _GET_PARAMETERS},
)
async def sparql_get(request: Request) -> Response:
    params = {k: request.query_params.getlist(k) for k in request.query_params}
    if "update" in params:
        raise HttpProblemError(400, "SPARQL Update is not accepted here: POST it to /update")
    text = single(params, "query")
    if text is None:
        return _describe(request)
    return await _run(
        request,
        store_of(request),
        pool_of(request),
        settings_of(request),
        text,
        params.get("default-graph-uri"),
        params.get("named-graph-uri"),
        single(params, "format"),
    )


@router.post(
    "/sparql",
    summary="Run a SPARQL query (POST, form-encoded or application/sparql-query)",
    response_class=Response,
    openapi_extra={
        "requestBody": {
            "content": {
                FORM: {"schema": {"type": "object", "properties": {"query": {"type": "string"}}}},
                SPARQL_QUERY: {"schema": {"type": "string"}},
            }
        }
    },
)
async def sparql_post(request: Request) -> Response:
    store, pool, settings = store_of(request), pool_of(request), settings_of(request)
    text, params = await read_operation(
        request,
        direct_type=SPARQL_QUERY,
        field="query",
        foreign_field="update",
        foreign_message="SPARQL Update is not accepted here: POST it to /update",
        carried=("default-graph-uri", "named-graph-uri", "format"),
        limit=settings.max_query_bytes * 2,
        max_fields=settings.max_form_fields,
    )
    return await _run(
        request,
        store,
        pool,
        settings,
        text,
        params.get("default-graph-uri"),
        params.get("named-graph-uri"),
        single(params, "format"),
    )


async def _run(
    request: Request,
    store: Store,
    pool: QueryRunner,
    settings: Settings,
    text: str,
    default_graphs: list[str] | None,
    named_graphs: list[str] | None,
    output_format: str | None = None,
) -> Response:
    if len(text.encode("utf-8")) > settings.max_query_bytes:
        raise HttpProblemError(
            413, f"query over {settings.max_query_bytes} bytes (COOPGRAPH_MAX_QUERY_BYTES)"
        )
    # the guard (SERVICE, LOAD, FROM) runs where the query runs: in the worker,
    # where parsing a hostile query costs a worker at worst
    job = QueryJob(
        query=text,
        accept=_accept(request, output_format),
        default_graphs=default_graphs or [],
        named_graphs=named_graphs or [],
        row_cap=settings.max_result_rows,
        # relative IRIs resolve against the endpoint, as the protocol allows
        base_iri=str(request.url.replace(query="")),
    )
    deadline = asyncio.get_running_loop().time() + settings.query_timeout
    head, body = await pool.run(job)
    headers = {ROWS: str(head.rows)}
    if output_format is not None:
        # ?format= is how download links ask: the browser saves a named file
        name = f"coopgraph-results.{FILE_EXTENSIONS[output_format]}"
        headers["Content-Disposition"] = f'attachment; filename="{name}"'
    if head.truncated:
        headers[TRUNCATED] = f"true; limit={settings.max_result_rows} (COOPGRAPH_MAX_RESULT_ROWS)"
    return await respond(head.media_type, body, headers, deadline)


async def respond(
    media_type: str, body: AsyncIterator[bytes], headers: dict[str, str], deadline: float
) -> Response:
    """A small answer in one piece (cheaper to send); a large one streamed as it comes."""
    first: list[bytes] = []
    size = 0
    async for chunk in body:
        first.append(chunk)
        size += len(chunk)
        if size > STREAM_ABOVE:
            return _DeadlineStream(
                deadline, _chain(first, body), media_type=media_type, headers=headers
            )
    return Response(b"".join(first), media_type=media_type, headers=headers)


class _DeadlineStream(StreamingResponse):
    """A streamed answer that ends at the query deadline, however slowly the client reads.

    Past the deadline the connection is closed mid-body (the client sees a cut
    answer, as HTTP allows no other signal once the status is sent) and the
    worker behind it is released.
    """

    def __init__(self, deadline: float, content: AsyncIterator[bytes], **kwargs: Any) -> None:
        super().__init__(content, **kwargs)
        self.deadline = deadline
        self.chunks = content

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            async with asyncio.timeout_at(self.deadline):
                await super().__call__(scope, receive, send)
        except TimeoutError:
            log.info("a streamed answer passed the query deadline; its connection was closed")
        finally:
            await _close(self.chunks)


async def _close(body: object) -> None:
    close = getattr(body, "aclose", None)
    if close is not None:
        await close()


async def _chain(first: list[bytes], rest: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
    try:
        for chunk in first:
            yield chunk
        async for chunk in rest:
            yield chunk
    finally:
        await _close(rest)  # hands the worker back, or replaces it, at once


def _accept(request: Request, output_format: str | None) -> list[str]:
    if output_format is None:
        return accepted_types(request.headers.get("accept"))
    if output_format not in FORMAT_TYPES:
        known = ", ".join(FORMAT_TYPES)
        raise HttpProblemError(400, f"unknown format {output_format!r} (known: {known})")
    return [FORMAT_TYPES[output_format]]


def _page_language(request: Request) -> str:
    """The query page's language: ?lang=, else Accept-Language, else English."""
    chosen = request.query_params.get("lang")
    if chosen is not None and chosen not in READER_LANGUAGES:
        raise HttpProblemError(400, f"lang must be one of {', '.join(READER_LANGUAGES)}")
    return reader_language(request, chosen)


def _describe(request: Request) -> Response:
    accept = accepted_types(request.headers.get("accept"))
    if accept and accept[0] in ("text/html", "application/xhtml+xml"):
        return HTMLResponse(query_page(_page_language(request)))
    endpoint = str(request.url.replace(query=""))
    update = endpoint.rsplit("/", 1)[0] + "/update"
    media, body = describe_service(endpoint, update, accept)
    return Response(body, media_type=media)
