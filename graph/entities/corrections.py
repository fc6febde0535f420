"""Manual corrections of entity resolution: merge two entities, split a name off one.

Corrections live in the store, in the named graph ``id:graph/corrections`` (so
they travel with dumps), and are read at every ingestion: a re-ingested
document resolves the corrected way again. Applying one also rewrites the
document graphs already stored.
"""

from __future__ import annotations

import hashlib
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from coopgraph.graph.entities.resolve import Corrections, Resolver, fold
from coopgraph.graph.errors import CorrectionError, StoreError
from coopgraph.graph.rdf.vocab import COOP, ID
from coopgraph.graph.store.base import SAFE_IRI, Store

GRAPH = ID["graph/corrections"]
_READ = """SELECT ?g ?action ?label ?target WHERE { GRAPH ?g {
  ?c a <https://w3id.org/coopgraph/ns#Correction> ;
     <https://w3id.org/coopgraph/ns#action> ?action ;
     <https://w3id.org/coopgraph/ns#mentionLabel> ?label ;
     <https://w3id.org/coopgraph/ns#target> ?target } }"""
_NAMED = (
    "<http://www.w3.org/2004/02/skos/core#prefLabel>|<http://www.w3.org/2004/02/skos/core#altLabel>"
    "|<http://xmlns.com/foaf/0.1/name>"
)
_LABELS = f"SELECT DISTINCT ?e ?label WHERE {{ ?e {_NAMED} ?label }}"
_FIND = _LABELS
_GRAPHS_WITH = """SELECT DISTINCT ?g ?e WHERE { GRAPH ?g { { ?e ?p ?o } UNION { ?s ?p ?e } } }"""
_GRAPHS_NAMING = f"SELECT DISTINCT ?g ?e ?label WHERE {{ GRAPH ?g {{ ?e {_NAMED} ?label }} }}"


def read_corrections(store: Store) -> Corrections:
    corrections = Corrections()
    for row in store.query_bound(_READ, {"g": ox.NamedNode(str(GRAPH))}):
        label, target = row["label"].value, row["target"].value
        if row["action"].value == "merge":
            corrections.merged[fold(label)] = target
        else:
            corrections.split.add((fold(label), target))
    return corrections


def _write(store: Store, corrections: Corrections) -> None:
    g = Graph()
    items: list[tuple[str, str, str]] = [("merge", k, v) for k, v in corrections.merged.items()]
    items += [("split", k, v) for k, v in corrections.split]
    for action, label, target in items:
        node = ID[
            f"correction/{hashlib.sha256(f'{action}|{label}|{target}'.encode()).hexdigest()[:16]}"
        ]
        g.add((node, RDF.type, COOP.Correction))
        g.add((node, COOP.action, Literal(action)))
        g.add((node, COOP.mentionLabel, Literal(label)))
        g.add((node, COOP.target, URIRef(target)))
    store.replace_graph(GRAPH, g)


def find_entity(store: Store, ref: str) -> str:
    """An entity's IRI from its IRI or any of its names (case-insensitive)."""
    if ref.startswith(("http://", "https://")):
        if not SAFE_IRI.fullmatch(ref):
            raise CorrectionError(f"not an IRI: {ref!r}")
        return ref
    wanted = fold(ref)
    found = {row["e"].value for row in store.query(_FIND) if fold(row["label"].value) == wanted}
    if len(found) != 1:
        raise CorrectionError(
            f"{ref!r} names {len(found)} entities; give the IRI"
            if found
            else f"no entity named {ref!r}"
        )
    iri: str = found.pop()
    return iri


def _labels(store: Store, iri: str) -> list[str]:
    rows = store.query_bound(_LABELS, {"e": ox.NamedNode(iri)})
    return sorted({row["label"].value for row in rows})


def _rename(store: Store, graph: str, old: str, new: str) -> None:
    """Replace one IRI by another in one graph, in one update."""
    for iri in (graph, old, new):
        if not SAFE_IRI.fullmatch(iri):
            raise StoreError(f"not an IRI this store writes: {iri!r}")
    g = f"GRAPH <{graph}>"
    store.update_graph(
        graph,
        f"DELETE {{ {g} {{ <{old}> ?p ?o }} }} INSERT {{ {g} {{ <{new}> ?p ?o }} }} "
        f"WHERE {{ {g} {{ <{old}> ?p ?o }} }} ;\n"
        f"DELETE {{ {g} {{ ?s ?p <{old}> }} }} INSERT {{ {g} {{ ?s ?p <{new}> }} }} "
        f"WHERE {{ {g} {{ ?s ?p <{old}> }} }}",
    )


def merge(store: Store, keep: str, absorb: str) -> dict[str, Any]:
    """Make ``absorb`` the same entity as ``keep``, now and in every later ingestion."""
    kept, gone = find_entity(store, keep), find_entity(store, absorb)
    if kept == gone:
        raise CorrectionError("these are already one entity")
    corrections = read_corrections(store)
    names = _labels(store, gone)
    for name in names:
        corrections.merged[fold(name)] = kept
        corrections.split.discard((fold(name), gone))
    graphs = [row["g"].value for row in store.query_bound(_GRAPHS_WITH, {"e": ox.NamedNode(gone)})]
    for graph in graphs:
        if graph != str(GRAPH):
            _rename(store, graph, gone, kept)
    _write(store, corrections)
    return {"kept": kept, "merged": gone, "names": names, "graphs": len(graphs)}


def split(store: Store, entity: str, name: str, resolver: Resolver) -> dict[str, Any]:
    """Take ``name`` off ``entity``: its mentions become an entity of their own."""
    iri = find_entity(store, entity)
    carried = _labels(store, iri)
    if fold(name) not in {fold(label) for label in carried}:
        # recording it would change nothing now and surprise a later ingestion
        raise CorrectionError(
            f"{iri} carries no name {name!r} (its names: {', '.join(carried)}); nothing recorded"
        )
    corrections = read_corrections(store)
    corrections.merged.pop(fold(name), None)
    corrections.split.add((fold(name), iri))
    new = Resolver(resolver.entries, corrections).organization(name).iri
    if new == iri:
        raise CorrectionError(f"{name!r} would still resolve to {iri}")
    graphs = [
        row["g"].value
        for row in store.query_bound(
            _GRAPHS_NAMING, {"e": ox.NamedNode(iri), "label": ox.Literal(name)}
        )
    ]
    for graph in graphs:
        _rename(store, graph, iri, new)
    _write(store, corrections)
    return {"entity": iri, "split": new, "name": name, "graphs": len(graphs)}
