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
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import pyoxigraph as ox
from rdflib import Graph, URIRef

from coopgraph.graph.errors import QueryError, StoreError
from coopgraph.graph.store.base import BACKENDS, SAFE_IRI, replace_graph_update

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
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
    ) -> None:
        self.query_url = query_url
        self.update_url = update_url or query_url
        self.version = 0  # counts this process's writes (other writers are not seen)
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        auth = httpx.BasicAuth(user, password or "") if user else None
        self.http = httpx.Client(timeout=timeout, headers=headers, auth=auth)

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
        try:
            response = self.http.post(
                self.query_url, content=urlencode(form).encode(), headers={"Accept": accept, **FORM}
            )
        except httpx.HTTPError as exc:
            raise StoreError(f"cannot reach the SPARQL server at {self.query_url}: {exc}") from exc
        _raise_for(response, self.query_url)
        return response

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
        # a base IRI travels as a BASE declaration, which every server understands
        text = (
            f"BASE <{base_iri}>\n{sparql}" if base_iri and SAFE_IRI.fullmatch(base_iri) else sparql
        )
        try:
            body = urlencode({"update": text}).encode()
            response = self.http.post(self.update_url, content=body, headers=FORM)
        except httpx.HTTPError as exc:
            raise StoreError(f"cannot reach the SPARQL server at {self.update_url}: {exc}") from exc
        _raise_for(response, self.update_url)
        self.version += 1

    def replace_graph(self, name: URIRef, triples: Graph) -> None:
        self.replace_graph_ntriples(str(name), triples.serialize(format="nt"))

    def replace_graph_ntriples(self, name: str, ntriples: str) -> None:
        self.update(replace_graph_update(name, ntriples))

    def drop_graph(self, name: str) -> None:
        if not SAFE_IRI.fullmatch(name):
            raise StoreError(f"not a graph name this store writes: {name!r}")
        self.update(f"DROP SILENT GRAPH <{name}>")

    def dump(self, target: Path, fmt: ox.RdfFormat) -> int:
        """Every quad, streamed page by page into ``target``."""
        count = 0
        with target.open("wb") as out:
            for quads in self._pages():
                out.write(ox.serialize(quads, format=fmt) or b"")
                count += len(quads)
        return count

    def _pages(self, size: int = 100_000) -> Iterator[list[ox.Quad]]:
        offset = 0
        while True:
            rows = self.query(
                "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } } "
                f"ORDER BY ?g ?s ?p ?o LIMIT {int(size)} OFFSET {int(offset)}"
            )
            quads = [ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows]
            if not quads:
                return
            yield quads
            offset += size

    def close(self) -> None:
        self.http.close()


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
