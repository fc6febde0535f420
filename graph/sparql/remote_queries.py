"""User queries forwarded to a remote SPARQL server, with the same limits as the pool.

The remote server evaluates; this side keeps the endpoint's promises: the
deadline (the request is abandoned and the client told), the row cap (the
answer is read as TSV or N-Triples lines, and reading stops after the cap),
the concurrency cap, and the formats (written by Oxigraph from those lines).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from urllib.parse import urlencode

import httpx

from coopgraph.graph.errors import (
    PoolBusyError,
    QueryError,
    QueryTimeoutError,
    SinkFullError,
    StoreError,
)
from coopgraph.graph.sparql.guard import (
    check_query,
    check_update,
    declared_prefixes,
    query_form,
)
from coopgraph.graph.sparql.pool import QueryJob, RunnerStatus
from coopgraph.graph.sparql.results import (
    Head,
    LineSink,
    from_ntriples,
    from_tsv,
    graph_choice,
    prepare,
    solution_choice,
)
from coopgraph.graph.store.remote import FORM, parse_answer

ACCEPT = (
    "text/tab-separated-values, application/n-triples;q=0.9, application/sparql-results+json;q=0.8"
)
# for servers whose TSV is not SPARQL's (Virtuoso quotes IRIs as strings and
# answers ASK as a table): JSON keeps every term's kind
ACCEPT_JSON = "application/sparql-results+json, application/n-triples;q=0.9"
GRAPH_ACCEPT = "application/n-triples, text/plain;q=0.5"
# (Virtuoso's XML answers to ASK are tables too; JSON ones are read as booleans)
MAX_OTHER_BYTES = 10_000_000  # a boolean or a small answer in another format


class RemoteQueries:
    def __init__(
        self,
        query_url: str,
        timeout: float,
        max_pending: int,
        graph_exists: Callable[[str], bool],
        headers: dict[str, str] | None = None,
        auth: httpx.Auth | None = None,
    ) -> None:
        self.url = query_url
        self.graph_exists = graph_exists
        self.timeout = timeout
        self.max_pending = max_pending
        self._pending = 0
        self._headers = headers or {}
        self._auth = auth
        self._client: httpx.AsyncClient | None = None
        self._accept = ACCEPT  # JSON first once the server's TSV proved not to be SPARQL's

    async def start(self) -> None:
        self._client = httpx.AsyncClient(
            headers=self._headers, auth=self._auth, timeout=self.timeout
        )

    async def close(self) -> None:
        if self._client is not None:
            await self._client.aclose()

    def status(self) -> RunnerStatus:
        # the server's health is its own; this side has no workers to lose
        return RunnerStatus(configured=self.max_pending, live=self.max_pending)

    async def check_update(self, text: str, base_iri: str | None) -> None:
        # the remote server parses and evaluates; only the guard runs here
        await asyncio.to_thread(check_update, text)

    async def run(self, job: QueryJob) -> tuple[Head, AsyncIterator[bytes]]:
        if self._client is None:
            raise StoreError("the remote query client is not started")
        if self._pending >= self.max_pending:
            raise PoolBusyError(
                f"{self._pending} queries are running or waiting; try again shortly"
            )
        self._pending += 1
        try:
            async with asyncio.timeout(self.timeout):
                await asyncio.to_thread(
                    check_query,
                    job.query,
                    self.graph_exists,
                    bool(job.default_graphs or job.named_graphs),
                )
                try:
                    head, body = await self._ask(self._client, job)
                except _ForeignTsvError:
                    self._accept = ACCEPT_JSON
                    head, body = await self._ask(self._client, job)
        except TimeoutError:
            raise QueryTimeoutError(
                f"the query ran past the {self.timeout:g} s limit (COOPGRAPH_QUERY_TIMEOUT) "
                "and was abandoned"
            ) from None
        except httpx.HTTPError as exc:
            raise StoreError(f"cannot reach the SPARQL server at {self.url}: {exc}") from exc
        finally:
            self._pending -= 1
        return head, _single(body)

    async def _ask(self, client: httpx.AsyncClient, job: QueryJob) -> tuple[Head, bytes]:
        text = f"BASE <{job.base_iri}>\n{job.query}" if job.base_iri else job.query
        form = [("query", text)]
        form += [("default-graph-uri", g) for g in job.default_graphs]
        form += [("named-graph-uri", g) for g in job.named_graphs]
        # a server may answer in the first type it knows whatever the query's form
        # (Virtuoso writes a CONSTRUCT as a table if asked for TSV first)
        graph_form = query_form(job.query) in ("CONSTRUCT", "DESCRIBE")
        headers = {"Accept": GRAPH_ACCEPT if graph_form else self._accept, **FORM}
        request = client.build_request(
            "POST", self.url, content=urlencode(form).encode(), headers=headers
        )
        response = await client.send(request, stream=True)
        try:
            if response.status_code >= 300:
                detail = (await response.aread())[:500].decode("utf-8", "replace").strip()
                if response.status_code == 400:
                    raise QueryError(detail or "the SPARQL server refused the query")
                raise StoreError(f"the SPARQL server answered {response.status_code}: {detail}")
            media = response.headers.get("content-type", "").split(";")[0].strip().lower()
            if media == "text/tab-separated-values":
                solution_choice(job.accept)
                lines = await _lines(response, job.row_cap + 1)  # the header, then the rows
                if not lines.data.startswith((b"?", b"$", b"\n")):
                    raise _ForeignTsvError  # variables in SPARQL TSV start with ? or $
                head, write = from_tsv(lines, job.accept)
            elif media in ("application/n-triples", "text/plain"):
                graph_choice(job.accept)
                lines = await _lines(response, job.row_cap)
                head, write = from_ntriples(lines, job.accept, declared_prefixes(job.query))
            else:
                body = await _bounded(response, MAX_OTHER_BYTES)
                head, write = prepare(
                    parse_answer(media, body), job.accept, job.row_cap, declared_prefixes(job.query)
                )
        finally:
            await response.aclose()
        out = _Collect()
        write(out)
        return head, b"".join(out.parts)


class _ForeignTsvError(Exception):
    """The server's TSV is not the SPARQL 1.1 TSV results format."""


async def _lines(response: httpx.Response, limit: int) -> LineSink:
    sink = LineSink(limit)
    async for chunk in response.aiter_bytes():
        try:
            sink.write(chunk)
        except SinkFullError:
            break  # enough: the rest of the answer is never downloaded
    return sink


async def _bounded(response: httpx.Response, limit: int) -> bytes:
    body = bytearray()
    async for chunk in response.aiter_bytes():
        body.extend(chunk)
        if len(body) > limit:
            raise StoreError(
                f"the SPARQL server's answer is over {limit} bytes in a format without rows"
            )
    return bytes(body)


class _Collect:
    def __init__(self) -> None:
        self.parts: list[bytes] = []

    def write(self, data: bytes) -> int:
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass


async def _single(body: bytes) -> AsyncIterator[bytes]:
    yield body
