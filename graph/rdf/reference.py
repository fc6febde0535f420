"""Reference graphs kept in the store next to the documents: the ontology itself.

With the ontology in the store, queries can read class and status labels
(``?type rdfs:label ?label``) and subclass links, as researchers expect.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from coopgraph.graph.resources import ONTOLOGY
from coopgraph.graph.store.base import Store

_STORED_VERSION = """
SELECT ?g ?version WHERE { GRAPH ?g { ?g <http://www.w3.org/2002/07/owl#versionIRI> ?version } }
"""


def ontology_graph() -> tuple[URIRef, Graph]:
    """The ontology's IRI (its graph's name) and its triples."""
    g = Graph().parse(data=ONTOLOGY.read_text(encoding="utf-8"), format="turtle")
    (name,) = g.subjects(RDF.type, OWL.Ontology)
    assert isinstance(name, URIRef)
    return name, g


def ensure_ontology(store: Store) -> bool:
    """Write the ontology into its named graph unless that version is there; True if written."""
    name, g = ontology_graph()
    version = g.value(name, OWL.versionIRI)
    rows = store.query_bound(_STORED_VERSION, {"g": ox.NamedNode(str(name))})
    if any(row["version"].value == str(version) for row in rows):
        return False
    store.replace_graph(name, g)
    return True
