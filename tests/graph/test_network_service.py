"""The network service caches per store version and recomputes after a write."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

import coopgraph.graph.network.service
from coopgraph.graph.network.projections import NetworkFilter
from coopgraph.graph.network.service import NetworkService
from coopgraph.graph.rdf.vocab import COOP
from coopgraph.graph.store.base import Store

ID = "https://w3id.org/coopgraph/id/"


def _agreement(name: str, a: str, b: str) -> Graph:
    g = Graph()
    agreement = URIRef(ID + "agreement/" + name)
    g.add((agreement, RDF.type, COOP.Agreement))
    for org in (a, b):
        g.add((agreement, COOP.party, URIRef(ID + "org/" + org)))
        g.add((URIRef(ID + "org/" + org), SKOS.prefLabel, Literal(org.title())))
    return g


def test_answers_are_cached_until_the_store_changes(
    any_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = any_store
    store.replace_graph(URIRef(ID + "doc/1"), _agreement("x", "alpha", "beta"))
    reads = []
    real = coopgraph.graph.network.service.read_snapshot
    monkeypatch.setattr(
        coopgraph.graph.network.service, "read_snapshot", lambda s: reads.append(1) or real(s)
    )
    service = NetworkService(store)
    first = service.ranking("institutions", NetworkFilter(), "degree", 10)
    again = service.ranking("institutions", NetworkFilter(), "degree", 10)
    assert again is first and len(reads) == 1
    store.replace_graph(URIRef(ID + "doc/2"), _agreement("y", "beta", "gamma"))
    after = service.ranking("institutions", NetworkFilter(), "degree", 10)
    assert len(reads) == 2
    assert after["nodes"][0]["label"] == "Beta" and after["nodes"][0]["score"] == 2
    store.close()
