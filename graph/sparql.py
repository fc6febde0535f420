"""Run SPARQL against a store and serialize the answer with Oxigraph's own writers.

Content negotiation picks a format by media type; results never pass through
Python-side conversion, so large answers stay cheap.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import pyoxigraph as ox

from graph.errors import QueryError
from graph.store import Store

AnswerKind = Literal["solutions", "boolean", "graph"]

RESULT_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
DEFAULT_RESULT_TYPE = "application/sparql-results+json"
DEFAULT_GRAPH_TYPE = "text/turtle"


@dataclass(frozen=True)
class Answer:
    kind: AnswerKind
    media_type: str
    body: bytes


class NotAcceptableError(QueryError):
    """No offered format matches the client's Accept header."""


def run_query(
    store: Store,
    sparql: str,
    accept: Sequence[str] = (),
    default_graphs: Sequence[str] = (),
    named_graphs: Sequence[str] = (),
) -> Answer:
    """Execute ``sparql`` and serialize it in the first acceptable format of ``accept``."""
    result = store.query(sparql, default_graphs=default_graphs, named_graphs=named_graphs)
    try:
        if isinstance(result, ox.QueryTriples):
            media = _choose(accept, GRAPH_FORMATS, DEFAULT_GRAPH_TYPE)
            return Answer("graph", media, result.serialize(format=GRAPH_FORMATS[media]) or b"")
        kind: AnswerKind = "boolean" if isinstance(result, ox.QueryBoolean) else "solutions"
        media = _choose(accept, RESULT_FORMATS, DEFAULT_RESULT_TYPE)
        return Answer(kind, media, result.serialize(format=RESULT_FORMATS[media]) or b"")
    finally:
        # Oxigraph results must be dropped on the thread that made them; an
        # exception's traceback would otherwise carry this one to another thread.
        del result


def _choose(accept: Sequence[str], offered: Mapping[str, object], default: str) -> str:
    if not accept:
        return default
    for media in accept:
        if media in offered:
            return media
        if media in ("*/*", "application/*", "text/*"):
            return default
    raise NotAcceptableError(
        f"cannot answer in {', '.join(accept)}; available: {', '.join(offered)}"
    )


def select_rows(store: Store, sparql: str) -> tuple[list[str], list[list[str]]]:
    """Variables and rows of a SELECT (ASK gives one ``ask`` column), terms as text."""
    result = store.query(sparql)
    if isinstance(result, ox.QueryBoolean):
        return ["ask"], [[str(bool(result)).lower()]]
    if isinstance(result, ox.QueryTriples):
        rows = [[_text(t.subject), _text(t.predicate), _text(t.object)] for t in result]
        return ["subject", "predicate", "object"], rows
    variables = [v.value for v in result.variables]
    rows = [[_text(sol[v]) if sol[v] is not None else "" for v in variables] for sol in result]
    return variables, rows


def _text(term: object) -> str:
    value = getattr(term, "value", None)
    return value if isinstance(value, str) else str(term)
