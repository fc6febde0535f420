"""SHACL validation of document graphs against ``ontologies/coop.shapes.ttl``.

Ingestion checks every graph before writing it (:mod:`coopgraph.graph.rdf.prepare`), so a
graph that breaks the published shape never reaches the store.
"""

from __future__ import annotations

from functools import cache

from pyshacl import validate
from rdflib import Graph, URIRef
from rdflib.namespace import SH

from coopgraph.graph.errors import ShapeError
from coopgraph.graph.resources import SHAPES

MAX_REPORTED = 5  # violations quoted in the error message; the rest are counted


@cache
def shapes_graph() -> Graph:
    return Graph().parse(data=SHAPES.read_text(encoding="utf-8"), format="turtle")


def violations(data: Graph) -> list[str]:
    """One line per violation ("focus node, path: message"); empty when the graph conforms."""
    conforms, report, _ = validate(
        data, shacl_graph=shapes_graph(), inference="none", advanced=False, allow_warnings=True
    )
    if conforms:
        return []
    assert isinstance(report, Graph)
    lines = []
    for result in report.subjects(SH.resultSeverity, SH.Violation):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        where = f"{focus}" + (f", {_short(path)}" if isinstance(path, URIRef) else "")
        lines.append(f"{where}: {message}")
    return sorted(lines)


def check_graph(name: URIRef, data: Graph) -> None:
    """Raise :class:`ShapeError` naming the first violations if ``data`` does not conform."""
    found = violations(data)
    if found:
        raise ShapeError(describe(str(name), found))


def describe(name: str, found: list[str]) -> str:
    shown = "; ".join(found[:MAX_REPORTED])
    more = f" (and {len(found) - MAX_REPORTED} more)" if len(found) > MAX_REPORTED else ""
    return f"graph {name} does not conform to coop.shapes.ttl: {shown}{more}"


def _short(iri: URIRef) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
