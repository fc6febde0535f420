"""Every term of our namespace that the code can use is defined in coop.ttl, and vice versa."""

from __future__ import annotations

import pytest
from rdflib import Graph
from rdflib.namespace import OWL, RDF, RDFS

from graph.vocab import COOP
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ROOT / "ontologies" / "coop.ttl")


def test_code_terms_are_defined_and_documented(ontology: Graph) -> None:
    for name in COOP.__annotations__:
        term = COOP[name]
        assert (term, RDF.type, None) in ontology, f"{name} is not declared in coop.ttl"
        assert (term, RDFS.label, None) in ontology, f"{name} has no rdfs:label"
        assert (term, RDFS.comment, None) in ontology, f"{name} has no rdfs:comment"


def test_ontology_defines_nothing_the_code_cannot_name(ontology: Graph) -> None:
    ns = str(COOP._NS)
    defined = {str(s)[len(ns) :] for s in ontology.subjects() if str(s).startswith(ns)}
    assert defined == set(COOP.__annotations__)


def test_ontology_has_a_version(ontology: Graph) -> None:
    (onto,) = ontology.subjects(RDF.type, OWL.Ontology)
    assert ontology.value(onto, OWL.versionInfo) is not None


def test_mistyped_term_is_an_error() -> None:
    with pytest.raises(AttributeError):
        _ = COOP.partie
