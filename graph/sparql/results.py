"""SPARQL answers in the format the client accepts, cut at a row cap, written by Oxigraph.

Oxigraph writes whole results and cannot stop after N rows by itself. So a
result is first written in a line-per-row format (SPARQL TSV for solutions,
N-Triples for graphs) into a sink that stops the writer once it holds the cap
plus one row; the count of lines tells whether the answer was cut. Those lines
are then parsed back and written in the requested format, again by Oxigraph.
Both passes run in Rust; converting rows in Python was ten times slower.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import IO, Any, Literal, Protocol, cast

import pyoxigraph as ox

from coopgraph.graph.errors import NotAcceptableError, SinkFullError

AnswerKind = Literal["solutions", "boolean", "graph"]

SOLUTION_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
SOLUTION_TYPES = tuple(SOLUTION_FORMATS)
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


class Writer(Protocol):
    def write(self, data: bytes) -> int: ...


@dataclass(frozen=True)
class Head:
    """What is known before the body: its kind, media type, and whether it was cut."""

    kind: AnswerKind
    media_type: str
    rows: int
    truncated: bool


BodyWriter = Callable[[Writer], None]


def choose(accept: Sequence[str], offered: Mapping[str, object], default: str) -> str:
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


def prepare(
    result: Any, accept: Sequence[str], row_cap: int, prefixes: dict[str, str] | None = None
) -> tuple[Head, BodyWriter]:
    """The answer's head, and a function writing its body (at most ``row_cap`` rows);
    a graph in Turtle or RDF/XML is written with ``prefixes`` (the query's own)."""
    if isinstance(result, ox.QueryBoolean):
        media = choose(accept, SOLUTION_FORMATS, DEFAULT_SOLUTION_TYPE)
        body = result.serialize(format=SOLUTION_FORMATS[media]) or b""
        return Head("boolean", media, 1, False), lambda out: _write(out, body)
    if isinstance(result, ox.QueryTriples):
        graph_choice(accept)  # refuse an unacceptable format before reading anything
        lines = _first_lines(lambda sink: result.serialize(sink, ox.RdfFormat.N_TRIPLES), row_cap)
        return from_ntriples(lines, accept, prefixes)
    solution_choice(accept)
    # TSV has a header line, then one line per solution
    lines = _first_lines(
        lambda sink: result.serialize(sink, ox.QueryResultsFormat.TSV), row_cap + 1
    )
    return from_tsv(lines, accept)


def graph_choice(accept: Sequence[str]) -> str:
    return choose(accept, GRAPH_FORMATS, DEFAULT_GRAPH_TYPE)


def solution_choice(accept: Sequence[str]) -> str:
    return choose(accept, SOLUTION_FORMATS, DEFAULT_SOLUTION_TYPE)


def from_ntriples(
    lines: LineSink, accept: Sequence[str], prefixes: dict[str, str] | None = None
) -> tuple[Head, BodyWriter]:
    """Head and body from at most the cap's N-Triples lines of a graph answer."""
    media = graph_choice(accept)
    head = Head("graph", media, lines.count, lines.cut)
    return head, lambda out: _write_graph(out, lines.data, GRAPH_FORMATS[media], prefixes)


def from_tsv(lines: LineSink, accept: Sequence[str]) -> tuple[Head, BodyWriter]:
    """Head and body from a TSV header and at most the cap's solution lines."""
    media = solution_choice(accept)
    head = Head("solutions", media, max(0, lines.count - 1), lines.cut)
    return head, lambda out: _write_solutions(out, lines.data, SOLUTION_FORMATS[media])


class LineSink:
    """A writer sink keeping the first ``limit`` lines, and noting if more came."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.parts: list[bytes] = []
        self.count = 0
        self.cut = False

    def write(self, data: bytes) -> int:
        if self.cut:
            raise SinkFullError
        room = self.limit - self.count
        newlines = data.count(b"\n")
        if newlines < room or (newlines == room and data.endswith(b"\n")):
            self.parts.append(bytes(data))
            self.count += newlines
            return len(data)
        end = -1
        for _ in range(room):
            end = data.index(b"\n", end + 1)
        self.parts.append(bytes(data[: end + 1]))
        self.count += room
        self.cut = True
        raise SinkFullError

    def flush(self) -> None:
        pass

    @property
    def data(self) -> bytes:
        return b"".join(self.parts)


def _first_lines(serialize: Callable[[IO[bytes]], object], limit: int) -> LineSink:
    sink = LineSink(limit)
    try:
        serialize(cast(IO[bytes], sink))
    except Exception:
        if not sink.cut:
            raise  # a real error, not our stop
    return sink


def _write(out: Writer, body: bytes) -> None:
    if body:
        out.write(body)


def _write_solutions(out: Writer, tsv: bytes, target: ox.QueryResultsFormat) -> None:
    if target == ox.QueryResultsFormat.TSV:
        _write(out, tsv)
        return
    solutions = ox.parse_query_results(tsv, format=ox.QueryResultsFormat.TSV)
    solutions.serialize(cast(IO[bytes], out), target)


def _write_graph(
    out: Writer, ntriples: bytes, target: ox.RdfFormat, prefixes: dict[str, str] | None = None
) -> None:
    if target == ox.RdfFormat.N_TRIPLES:
        _write(out, ntriples)
        return
    triples = ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)
    ox.serialize(triples, cast(IO[bytes], out), target, prefixes=prefixes or None)
