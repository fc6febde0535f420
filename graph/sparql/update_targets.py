"""Which operations of a SPARQL update write into the default graph.

The store's default graph is the set union of the documents' named graphs,
kept by the store itself (:mod:`coopgraph.graph.store.union`). A triple
written there alone belongs to no graph and would be gone at the next rebuild;
a triple deleted there alone would come back from the graphs that state it.
So such operations are refused with the reason, before anything runs.

Read from rdflib's algebra of the update (a real parser, not a pattern):

>>> default_graph_writes("INSERT DATA { <a:s> <a:p> 1 }")
['INSERT DATA']
>>> default_graph_writes("WITH <a:g> INSERT { ?s <a:p> 2 } WHERE { ?s <a:p> 1 }")
[]
>>> default_graph_writes("PREFIX x: <a:> ADD x:g TO DEFAULT ; CLEAR GRAPH x:g")
['ADD … TO DEFAULT']
>>> default_graph_writes("INSERT { GRAPH <a:g> { ?s <a:p> 1 } } WHERE { ?s <a:p> 1 }")
[]
>>> default_graph_writes("DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }")
['DELETE { … } WHERE']
"""

from __future__ import annotations

from typing import Any

_DATA = {"InsertData": "INSERT DATA", "DeleteData": "DELETE DATA", "DeleteWhere": "DELETE WHERE"}
_WHOLE_GRAPH = {"Clear": "CLEAR DEFAULT", "Drop": "DROP DEFAULT"}
_TRANSFER = {"Add": "ADD", "Copy": "COPY", "Move": "MOVE"}


def default_graph_writes(update: str) -> list[str]:
    """The operations of ``update`` that would write the default graph, in words.

    An update rdflib cannot read answers ``[]``: Oxigraph's parser decides
    whether it is valid, and the store's rebuild after it keeps the default
    graph the union whatever it did.
    """
    from rdflib.plugins.sparql.algebra import translateUpdate
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        operations = translateUpdate(parseUpdate(update.replace("\r", "\n"))).algebra
    except Exception:  # pyparsing's errors, a RecursionError on deep nesting …
        return []
    return [word for op in operations if (word := _default_write(op))]


def _field(node: Any, name: str) -> Any:
    # a CompValue is a dict whose own get() answers a missing key with the key's name
    return dict.get(node, name)


def _default_write(op: Any) -> str | None:
    """How ``op`` writes the default graph, or None when it does not."""
    if op.name in _DATA:
        return _DATA[op.name] if _field(op, "triples") else None
    if op.name == "Modify":
        return _modify(op)
    if op.name in _WHOLE_GRAPH:
        return _WHOLE_GRAPH[op.name] if _field(op, "graphiri") == "DEFAULT" else None
    if op.name in _TRANSFER:
        source, target = _field(op, "graph")
        if target == "DEFAULT":
            return f"{_TRANSFER[op.name]} … TO DEFAULT"
        if op.name == "Move" and source == "DEFAULT":
            return "MOVE DEFAULT"  # a move empties its source
    return None


def _modify(op: Any) -> str | None:
    """DELETE/INSERT … WHERE: a template outside GRAPH writes the default graph, unless WITH."""
    if _field(op, "withClause") is not None:
        return None
    for clause, word in (("delete", "DELETE"), ("insert", "INSERT")):
        template = _field(op, clause)
        if template is not None and _field(template, "triples"):
            return f"{word} {{ … }} WHERE"
    return None
