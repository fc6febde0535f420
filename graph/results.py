"""SPARQL answers as bytes, in chunks, with a row cap.

Graph answers (CONSTRUCT, DESCRIBE) and booleans go through Oxigraph's own
writers. SELECT solutions are written here: Oxigraph's solution writer can
only serialize a whole result, and the row cap needs to stop after N rows and
say so. The writers follow the W3C result formats (JSON, XML, CSV, TSV).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any, Literal
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from graph.errors import QueryError

AnswerKind = Literal["solutions", "boolean", "graph"]
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
CHUNK_ROWS = 1000

SOLUTION_TYPES = (
    "application/sparql-results+json",
    "application/json",
    "application/sparql-results+xml",
    "application/xml",
    "text/csv",
    "text/tab-separated-values",
)
BOOLEAN_FORMATS: dict[str, ox.QueryResultsFormat] = {
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
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
}
DEFAULT_SOLUTION_TYPE = "application/sparql-results+json"
DEFAULT_GRAPH_TYPE = "text/turtle"


class NotAcceptableError(QueryError):
    """No offered format matches the client's Accept header."""


@dataclass(frozen=True)
class Head:
    """What is known before the body: its kind, media type, and whether it was cut."""

    kind: AnswerKind
    media_type: str
    rows: int
    truncated: bool


def choose(
    accept: Sequence[str], offered: Sequence[str] | Mapping[str, object], default: str
) -> str:
    """The first acceptable offered type; the default for none, */* or a wildcard."""
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


def answer(result: Any, accept: Sequence[str], row_cap: int) -> tuple[Head, Iterator[bytes]]:
    """The head and body chunks of a query result, at most ``row_cap`` rows or triples."""
    if isinstance(result, ox.QueryBoolean):
        media = choose(accept, BOOLEAN_FORMATS, DEFAULT_SOLUTION_TYPE)
        body = result.serialize(format=BOOLEAN_FORMATS[media]) or b""
        return Head("boolean", media, 1, False), iter([body])
    if isinstance(result, ox.QueryTriples):
        media = choose(accept, GRAPH_FORMATS, DEFAULT_GRAPH_TYPE)
        triples = list(islice(result, row_cap + 1))
        cut = len(triples) > row_cap
        body = ox.serialize(triples[:row_cap], format=GRAPH_FORMATS[media]) or b""
        return Head("graph", media, min(len(triples), row_cap), cut), iter([body])
    media = choose(accept, SOLUTION_TYPES, DEFAULT_SOLUTION_TYPE)
    variables = [v.value for v in result.variables]
    rows = list(islice(result, row_cap + 1))
    cut = len(rows) > row_cap
    rows = rows[:row_cap]
    return Head("solutions", media, len(rows), cut), _WRITERS[media](variables, rows)


def _chunks(rows: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(rows), CHUNK_ROWS):
        yield rows[start : start + CHUNK_ROWS]


def _json_term(term: Any) -> dict[str, Any]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {
        "type": "triple",
        "value": {
            "subject": _json_term(term.subject),
            "predicate": _json_term(term.predicate),
            "object": _json_term(term.object),
        },
    }


def _json(variables: list[str], rows: list[Any]) -> Iterator[bytes]:
    head = json.dumps({"vars": variables})
    yield f'{{"head":{head},"results":{{"bindings":['.encode()
    first = True
    for chunk in _chunks(rows):
        parts = []
        for row in chunk:
            binding = {v: _json_term(row[v]) for v in variables if row[v] is not None}
            parts.append(("" if first else ",") + json.dumps(binding, ensure_ascii=False))
            first = False
        yield "".join(parts).encode("utf-8")
    yield b"]}}"


def _xml_term(term: Any) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            return (
                f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
            )
        return f"<literal>{escape(term.value)}</literal>"
    return (
        f"<triple><subject>{_xml_term(term.subject)}</subject>"
        f"<predicate>{_xml_term(term.predicate)}</predicate>"
        f"<object>{_xml_term(term.object)}</object></triple>"
    )


def _xml(variables: list[str], rows: list[Any]) -> Iterator[bytes]:
    heads = "".join(f"<variable name={quoteattr(v)}/>" for v in variables)
    yield (
        '<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#">'
        f"<head>{heads}</head><results>"
    ).encode()
    for chunk in _chunks(rows):
        parts = []
        for row in chunk:
            cells = "".join(
                f"<binding name={quoteattr(v)}>{_xml_term(row[v])}</binding>"
                for v in variables
                if row[v] is not None
            )
            parts.append(f"<result>{cells}</result>")
        yield "".join(parts).encode("utf-8")
    yield b"</results></sparql>"


def _csv_value(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, (ox.NamedNode, ox.Literal)):
        return str(term.value)
    return str(term)


def _csv(variables: list[str], rows: list[Any]) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(variables)
    for chunk in _chunks(rows):
        for row in chunk:
            writer.writerow([_csv_value(row[v]) for v in variables])
        yield buffer.getvalue().encode("utf-8")
        buffer.seek(0)
        buffer.truncate()
    if buffer.getvalue():
        yield buffer.getvalue().encode("utf-8")


def _tsv(variables: list[str], rows: list[Any]) -> Iterator[bytes]:
    # TSV cells are terms in Turtle/N-Triples form, which is what str() gives
    yield ("\t".join(f"?{v}" for v in variables) + "\n").encode("utf-8")
    for chunk in _chunks(rows):
        lines = [
            "\t".join("" if row[v] is None else str(row[v]) for v in variables) for row in chunk
        ]
        yield ("\n".join(lines) + "\n").encode("utf-8")


_WRITERS = {
    "application/sparql-results+json": _json,
    "application/json": _json,
    "application/sparql-results+xml": _xml,
    "application/xml": _xml,
    "text/csv": _csv,
    "text/tab-separated-values": _tsv,
}
