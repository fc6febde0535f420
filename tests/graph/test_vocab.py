"""Every term of our namespace that the code can use is defined in coop.ttl, and vice versa."""

from __future__ import annotations

import re

import pytest
from rdflib import Graph
from rdflib.namespace import OWL, RDF, RDFS, SH

from coopgraph.extract.patterns import word_table
from coopgraph.graph.rdf.vocab import COOP
from coopgraph.graph.resources import countries
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


def _coop_terms_in(text: str) -> set[str]:
    return set(re.findall(r"\bcoop:([A-Za-z]+)", text))


def test_shapes_and_example_queries_use_only_defined_terms() -> None:
    files = [
        ROOT / "ontologies" / "coop.shapes.ttl",
        *(ROOT / "ontologies" / "queries").glob("*.rq"),
    ]
    for path in files:
        unknown = _coop_terms_in(path.read_text(encoding="utf-8")) - set(COOP.__annotations__)
        assert not unknown, f"{path.name} uses undefined terms {sorted(unknown)}"


def test_shapes_target_classes_the_mapping_writes() -> None:
    shapes = Graph().parse(ROOT / "ontologies" / "coop.shapes.ttl")
    targets = set(shapes.objects(None, SH.targetClass))
    for cls in (COOP.Agreement, COOP.Evidence, COOP.Signature, COOP.Meeting, COOP.DateMention):
        assert cls in targets


def test_every_country_the_extractor_names_has_a_wikidata_item() -> None:
    codes = {v for v in word_table("countries").values()}
    table = countries()
    assert codes <= set(table), f"missing from data/countries.csv: {sorted(codes - set(table))}"
    assert table["KZ"].wikidata == "Q232" and table["BY"].wikidata == "Q184"
    assert all(re.fullmatch(r"Q[1-9][0-9]*", c.wikidata) for c in table.values())
