"""One document's graph as TriG text, with the project's prefixes, for people to read."""

from __future__ import annotations

from rdflib import Dataset, Graph, URIRef

from coopgraph.graph.rdf.vocab import PREFIXES


def to_trig(name: URIRef, triples: Graph) -> str:
    dataset = Dataset()
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace)
    named = dataset.graph(name)
    for triple in triples:
        named.add(triple)
    return dataset.serialize(format="trig")
