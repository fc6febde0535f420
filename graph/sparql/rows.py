"""SPARQL from the command line: answers as rows of text for a terminal table.

The HTTP endpoint does not use this module: it runs queries in worker
processes (:mod:`coopgraph.graph.sparql.pool`) and writes answers with
:mod:`coopgraph.graph.sparql.results`.
"""

from __future__ import annotations

import pyoxigraph as ox

from coopgraph.graph.store.base import Store


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
