"""The embedded store: named graphs per document, atomic replacement, idempotent ingest."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from spacy.language import Language

from coopgraph.api.ingest.service import IngestReport, ingest_documents, read_sources
from coopgraph.extract.reading.sources import read_document
from coopgraph.extract.to_records import extract_document
from coopgraph.graph.errors import QueryError, StoreLockedError
from coopgraph.graph.rdf.mapping import extraction_to_graph
from coopgraph.graph.store.base import Store
from coopgraph.graph.store.embedded import OxigraphStore
from coopgraph.graph.store.fingerprints import document_graphs
from tests.conftest import CORPUS, SEED

EX = "http://example.org/"


def _graph(*objects: str) -> Graph:
    g = Graph()
    for o in objects:
        g.add((URIRef(EX + "s"), URIRef(EX + "p"), Literal(o)))
    return g


def _dump(store: Store, name: str) -> Graph:
    g = Graph()
    rows = store.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}")
    for row in rows:
        g.add((URIRef(row["s"].value), URIRef(row["p"].value), Literal(row["o"].value)))
    return g


def test_replace_graph_replaces_only_that_graph(any_store: Store) -> None:
    store = any_store
    store.replace_graph(URIRef(EX + "g1"), _graph("a", "b"))
    store.replace_graph(URIRef(EX + "g2"), _graph("z"))
    store.replace_graph(URIRef(EX + "g1"), _graph("c"))
    assert isomorphic(_dump(store, EX + "g1"), _graph("c"))
    assert isomorphic(_dump(store, EX + "g2"), _graph("z"))
    store.close()


def test_literals_with_sparql_syntax_are_stored_verbatim(any_store: Store) -> None:
    nasty = 'Acme> } ; DROP ALL ; # "quoted" \\ back\nslash'
    store = any_store
    store.replace_graph(URIRef(EX + "g"), _graph(nasty))
    store.replace_graph(URIRef(EX + "other"), _graph("kept"))
    assert isomorphic(_dump(store, EX + "g"), _graph(nasty))
    assert isomorphic(_dump(store, EX + "other"), _graph("kept"))
    store.close()


def test_malformed_query_raises_query_error(any_store: Store) -> None:
    store = any_store
    # each server words it its own way; each says where (Oxigraph "1:", Virtuoso "line 1")
    with pytest.raises(QueryError, match=r"(?i)error.*\b1\b"):
        store.query("SELEC * WHERE {}")
    store.close()


def test_second_opener_gets_a_clear_lock_error(tmp_path: Path) -> None:
    first = OxigraphStore(tmp_path)
    with pytest.raises(StoreLockedError, match="open in another process"):
        OxigraphStore(tmp_path)
    first.close()


def test_mapping_is_deterministic(nlp: Language) -> None:
    extraction = extract_document(nlp, read_document(SEED))
    when = datetime(2024, 1, 1, tzinfo=UTC)
    name1, g1 = extraction_to_graph(extraction, when)
    name2, g2 = extraction_to_graph(extract_document(nlp, read_document(SEED)), when)
    assert name1 == name2
    assert isomorphic(g1, g2)
    assert len(g1) > 50


def test_reingesting_is_a_no_op(nlp: Language, any_store: Store) -> None:
    store = any_store
    first = IngestReport()
    ingest_documents(nlp, store, read_sources([CORPUS], first, 2_000_000), first)
    quads = store.quad_count()
    second = IngestReport()
    ingest_documents(nlp, store, read_sources([CORPUS], second, 2_000_000), second)
    documents = len(list(CORPUS.iterdir()))
    assert first.count("new") == documents
    assert second.count("unchanged") == documents
    assert store.quad_count() == quads
    assert len(document_graphs(store)) == documents
    store.close()


def test_changed_text_under_the_same_url_replaces_the_graph(
    nlp: Language, any_store: Store, tmp_path: Path
) -> None:
    store = any_store
    src = tmp_path / "src"
    src.mkdir()
    doc = src / "a.json"
    doc.write_text(
        json.dumps(
            {
                "url": "https://x.org/1",
                "text": "Tomsk State University signed a memorandum with Polotsk State University.",
            }
        )
    )
    report = IngestReport()
    ingest_documents(nlp, store, read_sources([doc], report, 10_000), report)
    doc.write_text(
        json.dumps(
            {
                "url": "https://x.org/1",
                "text": "Riga Technical University signed an agreement with Vilnius University.",
            }
        )
    )
    report = IngestReport()
    ingest_documents(nlp, store, read_sources([doc], report, 10_000), report)
    assert report.count("updated") == 1
    labels = {
        row["n"].value
        for row in store.query(
            "SELECT ?n WHERE { ?o <http://www.w3.org/2004/02/skos/core#prefLabel> ?n }"
        )
    }
    assert "Riga Technical University" in labels
    assert "Tomsk State University" not in labels
    assert len(document_graphs(store)) == 1
    store.close()


def test_a_text_longer_than_the_model_allows_is_read_in_pieces(
    nlp: Language, tmp_path: Path
) -> None:
    first = "Tomsk State University signed a memorandum with Polotsk State University."
    second = "Riga Technical University signed an agreement with Vilnius University."
    text = first + "\n\n" + "The partners met again. " * 12 + "\n\n" + second
    source = tmp_path / "long.txt"
    source.write_text(text)
    store = OxigraphStore(tmp_path / "store")
    limit, nlp.max_length = nlp.max_length, 200
    try:
        report = IngestReport()
        ingest_documents(nlp, store, read_sources([source], report, 100_000), report)
    finally:
        nlp.max_length = limit
    assert report.count("new") == 1, report.errors
    rows = store.query(
        "PREFIX coop: <https://w3id.org/coopgraph/ns#> SELECT ?name ?begin ?end WHERE {"
        " ?o <http://www.w3.org/2004/02/skos/core#prefLabel> ?name ;"
        " coop:evidence [ coop:beginIndex ?begin ; coop:endIndex ?end ] }"
    )
    spans = {r["name"].value: (int(r["begin"].value), int(r["end"].value)) for r in rows}
    assert {"Tomsk State University", "Vilnius University"} <= set(spans)
    begin, end = spans["Vilnius University"]
    stored = read_document(source).text  # as stored: whitespace normalised
    assert stored[begin:end] == "Vilnius University"  # offsets point into the whole text
    store.close()
