"""A store on an existing SPARQL 1.1 server (Query + Update protocol).

For users whose archive outgrows one machine: Oxigraph server, Fuseki,
Virtuoso, GraphDB, QLever… (docs/scaling.md has the settings for each). The
server must answer queries with the union of its named graphs as the default
graph, as the embedded store does.

Each document is still written by one update request (``DROP`` + ``INSERT
DATA``), which these servers run as one transaction. Answers are parsed with
Oxigraph's parsers, so callers get the same result objects as from the
embedded store.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import pyoxigraph as ox
from rdflib import Graph, URIRef

from coopgraph.graph.errors import QueryError, StoreError
from coopgraph.graph.rdf.vocab import BASE
from coopgraph.graph.store.base import BACKENDS, SAFE_IRI, replace_graph_update

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
RETRY_PAUSE = 0.5  # seconds before the first retry; doubled for each next one
SOLUTIONS_ACCEPT = "application/sparql-results+json"
GRAPH_ACCEPT = "application/n-triples"
_WHERE = re.compile(r"\bWHERE\s*\{", re.I)


class RemoteSparqlStore:
    """The :class:`coopgraph.graph.store.base.Store` protocol over HTTP."""

    def __init__(
        self,
        query_url: str,
        update_url: str | None = None,
        user: str | None = None,
        password: str | None = None,
        token: str | None = None,
        timeout: float = 60.0,
        auth_scheme: str = "basic",
        retries: int = 2,
        page_rows: int = 10_000,
    ) -> None:
        self.query_url = query_url
        self.update_url = update_url or query_url
        self.version = 0  # counts this process's writes (other writers are not seen)
        self.retries = retries
        self.page_rows = page_rows
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        auth = http_auth(auth_scheme, user, password)
        self.http = httpx.Client(timeout=timeout, headers=headers, auth=auth)

    def _post(self, url: str, body: bytes, headers: dict[str, str], retry: bool) -> httpx.Response:
        """POST, again after a lost connection or a 502-504 when ``retry`` (idempotent only).

        A request whose connection dropped may or may not have been applied:
        only a request that gives the same result twice may be sent twice.
        """
        attempts = 1 + (self.retries if retry else 0)
        for attempt in range(attempts):
            try:
                response = self.http.post(url, content=body, headers=headers)
            except httpx.TimeoutException as exc:
                raise StoreError(
                    f"the SPARQL server at {url} did not answer in time ({exc or 'timeout'})"
                ) from exc
            except httpx.TransportError as exc:
                if attempt + 1 < attempts:
                    time.sleep(RETRY_PAUSE * 2**attempt)
                    continue
                raise StoreError(f"cannot reach the SPARQL server at {url}: {exc}") from exc
            except httpx.HTTPError as exc:
                raise StoreError(f"cannot reach the SPARQL server at {url}: {exc}") from exc
            if response.status_code in (502, 503, 504) and attempt + 1 < attempts:
                time.sleep(RETRY_PAUSE * 2**attempt)
                continue
            _raise_for(response, url)
            return response
        raise AssertionError("unreachable")  # the loop returns or raises

    # -- reading -------------------------------------------------------------

    def _post_query(
        self,
        sparql: str,
        accept: str,
        default_graphs: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
    ) -> httpx.Response:
        form: list[tuple[str, str]] = [("query", sparql)]
        form += [("default-graph-uri", g) for g in default_graphs]
        form += [("named-graph-uri", g) for g in named_graphs]
        body = urlencode(form).encode()
        return self._post(self.query_url, body, {"Accept": accept, **FORM}, retry=True)

    def query(
        self,
        sparql: str,
        default_graphs: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
    ) -> Any:
        accept = f"{SOLUTIONS_ACCEPT}, {GRAPH_ACCEPT};q=0.9"
        response = self._post_query(sparql, accept, default_graphs, named_graphs)
        return parse_answer(response.headers.get("content-type", ""), response.content)

    def query_bound(self, sparql: str, bindings: dict[str, Any]) -> Any:
        return self.query(bind(sparql, bindings))

    def graph_names(self) -> list[str]:
        rows = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(r["g"].value for r in rows)

    def has_graph(self, name: str) -> bool:
        if not SAFE_IRI.fullmatch(name):
            return False
        return bool(
            self.query_bound("ASK WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": ox.NamedNode(name)})
        )

    def quad_count(self) -> int:
        rows = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sum(int(r["n"].value) for r in rows)

    # -- writing -------------------------------------------------------------

    def update(self, sparql: str, base_iri: str | None = None) -> None:
        """A user's update: sent once (it may not be idempotent)."""
        self._update(sparql, base_iri, retry=False)

    def _update(self, sparql: str, base_iri: str | None, retry: bool) -> None:
        # a base IRI travels as a BASE declaration, which every server understands
        text = (
            f"BASE <{base_iri}>\n{sparql}" if base_iri and SAFE_IRI.fullmatch(base_iri) else sparql
        )
        self._post(self.update_url, urlencode({"update": text}).encode(), FORM, retry)
        self.version += 1

    def replace_graph(self, name: URIRef, triples: Graph) -> None:
        self.replace_graph_ntriples(str(name), triples.serialize(format="nt"))

    def replace_graph_ntriples(self, name: str, ntriples: str) -> None:
        # one update, one transaction on the server; sending it twice gives the same graph
        self._update(replace_graph_update(name, ntriples), None, retry=True)

    def update_graph(self, name: str, sparql: str) -> None:
        # the server keeps its own default graph: the update goes as it is
        self._update(sparql, None, retry=False)

    def drop_graph(self, name: str) -> None:
        if not SAFE_IRI.fullmatch(name):
            raise StoreError(f"not a graph name this store writes: {name!r}")
        self._update(f"DROP SILENT GRAPH <{name}>", None, retry=True)

    def dump(self, target: Path, fmt: ox.RdfFormat) -> int:
        """The project's graphs, streamed graph by graph and page by page into ``target``.

        Graphs outside the project's namespace belong to the server or to other
        users of it (Virtuoso keeps its own configuration in graphs) and are left
        out. Pages are sorted, so OFFSET walks each graph exactly once; each
        graph is paged on its own because servers bound OFFSET+LIMIT when sorting
        (Virtuoso: 10 000).
        """
        count = 0
        with target.open("wb") as out:
            for name in self.graph_names():
                if not name.startswith(BASE):
                    continue
                for quads in self._pages(name, self.page_rows):
                    out.write(ox.serialize(quads, format=fmt) or b"")
                    count += len(quads)
        return count

    def _pages(self, name: str, size: int) -> Iterator[list[ox.Quad]]:
        graph = ox.NamedNode(name)
        offset = 0
        while True:
            rows = self.query_bound(
                "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } "
                f"ORDER BY ?s ?p ?o LIMIT {int(size)} OFFSET {int(offset)}",
                {"g": graph},
            )
            quads = [ox.Quad(r["s"], r["p"], r["o"], graph) for r in rows]
            if quads:
                yield quads
            if len(quads) < size:
                return
            offset += size

    def close(self) -> None:
        self.http.close()


def http_auth(scheme: str, user: str | None, password: str | None) -> httpx.Auth | None:
    """Basic or digest credentials for the server (Virtuoso's /sparql-auth wants digest)."""
    if not user:
        return None
    if scheme == "digest":
        return httpx.DigestAuth(user, password or "")
    return httpx.BasicAuth(user, password or "")


def bind(sparql: str, bindings: dict[str, Any]) -> str:
    """Bind variables by a ``VALUES`` block at the start of the first WHERE group.

    Terms are written by Oxigraph (N-Triples syntax, fully escaped), never
    spliced from raw text, so a value cannot break out of its place.
    """
    if not bindings:
        return sparql
    names = " ".join(
        f"?{name}" for name in bindings if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name)
    )
    terms = " ".join(str(term) for term in bindings.values())
    match = _WHERE.search(sparql)
    if match is None or len(names.split()) != len(bindings):
        raise QueryError("a bound query needs a WHERE group and plain variable names")
    values = f" VALUES ({names}) {{ ({terms}) }} "
    return sparql[: match.end()] + values + sparql[match.end() :]


def _standard_ask(body: bytes, media: str) -> bytes:
    """Virtuoso answers ASK as a one-cell table (``__ASK_RETVAL``, 1 or 0), in JSON
    and XML alike; written as the boolean answer the SPARQL formats define."""
    if b"__ASK_RETVAL" not in body[:300] or "json" not in media:
        return body
    import json

    rows = json.loads(body)["results"]["bindings"]
    answer = bool(rows) and rows[0]["__ASK_RETVAL"]["value"] not in ("0", "false")
    return json.dumps({"head": {}, "boolean": answer}).encode()


def parse_answer(content_type: str, body: bytes) -> Any:
    """Oxigraph result objects from a server's answer, whatever format it chose."""
    media = content_type.split(";")[0].strip().lower()
    results = {
        "application/sparql-results+json": ox.QueryResultsFormat.JSON,
        "application/json": ox.QueryResultsFormat.JSON,
        "application/sparql-results+xml": ox.QueryResultsFormat.XML,
        "text/tab-separated-values": ox.QueryResultsFormat.TSV,
        "text/csv": ox.QueryResultsFormat.CSV,
    }
    graphs = {
        "application/n-triples": ox.RdfFormat.N_TRIPLES,
        "text/plain": ox.RdfFormat.N_TRIPLES,
        "text/turtle": ox.RdfFormat.TURTLE,
        "application/rdf+xml": ox.RdfFormat.RDF_XML,
    }
    try:
        if media in results:
            body = _standard_ask(body, media)
            return ox.parse_query_results(body, format=results[media])
        if media in graphs:
            return [q.triple for q in ox.parse(body, format=graphs[media])]
    except SyntaxError as exc:
        raise StoreError(f"the SPARQL server sent an unreadable answer: {exc}") from exc
    raise StoreError(
        f"the SPARQL server answered in an unexpected format: {content_type or 'none'}"
    )


def _raise_for(response: httpx.Response, url: str) -> None:
    if response.status_code < 300:
        return
    detail = response.text[:500].strip()
    if response.status_code == 400:
        raise QueryError(detail or "the SPARQL server refused the request")
    raise StoreError(f"the SPARQL server at {url} answered {response.status_code}: {detail}")


BACKENDS["sparql"] = RemoteSparqlStore
