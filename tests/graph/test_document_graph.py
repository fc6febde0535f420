"""A small handmade press release becomes exactly the expected graph, and every
graph the pipeline writes conforms to the published SHACL shapes."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import ORG
from spacy.language import Language

from coopgraph.api.ingest.service import IngestReport, ingest_documents, read_sources
from coopgraph.extract.reading.sources import read_document
from coopgraph.extract.records import Document
from coopgraph.extract.to_records import extract_document, extractor_id
from coopgraph.graph.entities.documents import document_detail, list_documents
from coopgraph.graph.errors import ShapeError
from coopgraph.graph.rdf.iris import slug
from coopgraph.graph.rdf.mapping import extraction_to_graph
from coopgraph.graph.rdf.shapes import check_graph, violations
from coopgraph.graph.rdf.vocab import COOP, RDF, RDFS, SDO, SKOS
from coopgraph.graph.store.embedded import OxigraphStore
from tests.conftest import CORPUS, ROOT

FIXTURES = Path(__file__).parent / "fixtures"
INGESTED_AT = datetime(2024, 2, 13, 8, 0, tzinfo=UTC)


def _expected(nlp: Language) -> dict[str, Graph]:
    """The fixture's named graphs. Parsed by Oxigraph: rdflib's TriG parser warns
    about its own deprecated internals."""
    extractor = extractor_id(nlp)
    text = (FIXTURES / "handmade.trig").read_text(encoding="utf-8")
    text = text.replace("EXTRACTOR-SLUG", slug(extractor)).replace("EXTRACTOR", extractor)
    quads = list(ox.parse(text, format=ox.RdfFormat.TRIG))
    graphs: dict[str, Graph] = {}
    for name in {q.graph_name for q in quads}:
        triples = [q.triple for q in quads if q.graph_name == name]
        nt = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        graphs[getattr(name, "value", "")] = Graph().parse(data=nt, format="nt")
    return graphs


def _diff(got: Graph, want: Graph) -> str:
    _, only_got, only_want = graph_diff(to_isomorphic(got), to_isomorphic(want))
    return (
        "unexpected:\n"
        + only_got.serialize(format="nt")
        + "missing:\n"
        + only_want.serialize(format="nt")
    )


def test_handmade_document_gives_exactly_the_expected_graph(rules_nlp: Language) -> None:
    # the mapping is under test: the rules give it a fixed extraction to map
    extraction = extract_document(rules_nlp, read_document(FIXTURES / "handmade.json"))
    name, got = extraction_to_graph(extraction, INGESTED_AT)
    expected = _expected(rules_nlp)
    assert set(expected) == {str(name)}, "one named graph, named after the document"
    want = expected[str(name)]
    assert isomorphic(got, want), _diff(got, want)


def test_reingesting_gives_the_same_triples(nlp: Language) -> None:
    document = read_document(FIXTURES / "handmade.json")
    _, first = extraction_to_graph(extract_document(nlp, document), INGESTED_AT)
    _, second = extraction_to_graph(extract_document(nlp, document), INGESTED_AT)
    assert isomorphic(first, second)


@pytest.mark.parametrize("path", sorted(CORPUS.iterdir()), ids=lambda p: p.name)
def test_every_sample_document_graph_conforms_to_the_shapes(nlp: Language, path: Path) -> None:
    _, graph = extraction_to_graph(extract_document(nlp, read_document(path)), INGESTED_AT)
    assert violations(graph) == []


def test_a_broken_graph_is_refused_with_the_reason(nlp: Language) -> None:
    extraction = extract_document(nlp, read_document(FIXTURES / "handmade.json"))
    name, graph = extraction_to_graph(extraction, INGESTED_AT)
    agreement = next(graph.subjects(COOP.status, COOP.Signed))
    graph.add((agreement, COOP.status, Literal("almost signed")))
    with pytest.raises(ShapeError, match=r"coop\.shapes\.ttl: .*agreement/.*status"):
        check_graph(name, graph)


def test_ingestion_refuses_a_nonconforming_graph_and_keeps_what_was_stored(
    nlp: Language, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import coopgraph.graph.rdf.prepare

    store = OxigraphStore(tmp_path / "store")
    source = FIXTURES / "handmade.json"
    report = IngestReport()
    ingest_documents(nlp, store, read_sources([source], report, 100_000), report)
    before = store.quad_count()

    def broken(*args: object, **kwargs: object) -> tuple[URIRef, Graph]:
        name, graph = extraction_to_graph(*args, **kwargs)  # type: ignore[arg-type]
        for evidence in list(graph.subjects(COOP.sentence, None)):
            graph.remove((evidence, COOP.sentence, None))
        return name, graph

    import coopgraph.api.ingest.service

    monkeypatch.setattr(coopgraph.graph.rdf.prepare, "extraction_to_graph", broken)
    monkeypatch.setattr(
        coopgraph.api.ingest.service, "extractor_id", lambda nlp: "a newer extractor"
    )
    report = IngestReport()
    ingest_documents(nlp, store, read_sources([source], report, 100_000), report)
    assert report.count("failed") == 1
    (message,) = report.errors.values()
    assert "does not conform" in message and "sentence" in message
    assert store.quad_count() == before
    store.close()


def test_the_worked_example_in_the_model_page_conforms_to_the_shapes() -> None:
    page = (ROOT / "docs" / "model.md").read_text(encoding="utf-8")
    (block,) = re.findall(r"```trig\n(.*?)```", page, flags=re.S)
    quads = list(ox.parse(block, format=ox.RdfFormat.TRIG))
    assert len(quads) > 100
    nt = ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES)
    assert violations(Graph().parse(data=nt, format="nt")) == []
    for query in (ROOT / "ontologies" / "queries").glob("*.rq"):
        assert f"`{query.stem}`" in page, f"docs/model.md does not list {query.name}"


def test_units_and_joined_members_are_org_relations(rules_nlp: Language) -> None:
    nlp = rules_nlp  # the unit and membership rules, mapped
    text = (
        "The Center for Arctic Studies of Tromso University concluded an exchange agreement. "
        "The University of Turku joined the new ARCTIC Alliance."
    )
    _, g = extraction_to_graph(
        extract_document(nlp, Document(id="t", text=text)), datetime(2026, 1, 1, tzinfo=UTC)
    )
    org = "https://w3id.org/coopgraph/id/org/"
    tromso = URIRef(org + "tromso-university")
    center = URIRef(org + "center-for-arctic-studies-of-tromso-university")
    assert (tromso, ORG.hasSubOrganization, center) in g
    assert (center, ORG.subOrganizationOf, tromso) in g
    turku, arctic = URIRef(org + "university-of-turku"), URIRef(org + "arctic-alliance")
    assert (turku, ORG.memberOf, arctic) in g
    assert (arctic, ORG.hasMember, turku) in g
    assert violations(g) == []


def test_a_reported_meeting_has_its_name_organizer_and_participants(nlp: Language) -> None:
    text = (
        "Tomsk State University took part in the 6th meeting of the working commission for "
        "coordinating the activities of the academic consortium between universities of "
        "Russia and Belarus."
    )
    _, g = extraction_to_graph(
        extract_document(nlp, Document(id="t", text=text)), datetime(2026, 1, 1, tzinfo=UTC)
    )
    (meeting,) = g.subjects(RDF.type, COOP.Meeting)
    assert str(g.value(meeting, RDFS.label)).startswith("6th meeting of the working commission")
    organizer = g.value(meeting, SDO.organizer)
    assert str(g.value(organizer, SKOS.prefLabel)).startswith("working commission")
    (participant,) = g.objects(meeting, COOP.participant)
    assert str(g.value(participant, SKOS.prefLabel)) == "Tomsk State University"
    assert g.value(meeting, SDO.startDate) is None
    assert violations(g) == []


def test_a_documents_facts_list_its_meetings(nlp: Language, tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "store")
    report = IngestReport()
    seed = CORPUS / "000-kaznu-polotsk.json"
    ingest_documents(nlp, store, read_sources([seed], report, 100_000), report)
    (listed,) = list_documents(store, 10, 0)
    detail = document_detail(store, listed["key"])
    assert detail is not None
    (meeting,) = detail["facts"]["meetings"]
    assert meeting["label"].startswith("VIII meeting of the working commission")
    assert "Al-Farabi KazNU took part in the VIII meeting" in meeting["evidence"][0]["sentence"]
    store.close()
