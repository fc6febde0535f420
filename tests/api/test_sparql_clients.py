"""Real SPARQL clients talk to the endpoint as they would to Fuseki or Oxigraph."""

from __future__ import annotations

import warnings

import httpx
from rdflib import Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, TURTLE, SPARQLWrapper

from tests.conftest import LiveServer

POLOTSK = "https://w3id.org/coopgraph/id/org/polotsk-state-university"
PARTNERS = f"""
PREFIX coop: <https://w3id.org/coopgraph/ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?name WHERE {{
  <{POLOTSK}> coop:cooperatesWith ?partner . ?partner skos:prefLabel ?name
}} ORDER BY ?name
"""


def test_sparqlwrapper_select_json_and_csv(live: LiveServer) -> None:
    client = SPARQLWrapper(f"{live.url}/sparql")
    client.setQuery(PARTNERS)
    client.setReturnFormat(JSON)
    data = client.query().convert()
    names = [b["name"]["value"] for b in data["results"]["bindings"]]  # type: ignore[index]
    assert "Vitebsk State Technological University" in names
    client.setReturnFormat(CSV)
    csv_text = client.query().convert().decode()  # type: ignore[union-attr]
    assert csv_text.splitlines()[0] == "name"


def test_sparqlwrapper_post_and_construct(live: LiveServer) -> None:
    client = SPARQLWrapper(f"{live.url}/sparql")
    client.setMethod("POST")
    client.setQuery(f"CONSTRUCT WHERE {{ <{POLOTSK}> ?p ?o }}")
    client.setReturnFormat(TURTLE)
    turtle = client.query().convert()
    graph = Graph().parse(data=turtle, format="turtle")
    assert (URIRef(POLOTSK), None, None) in graph


def test_rdflib_sparqlstore_reads_the_graph(live: LiveServer) -> None:
    store = SPARQLStore(query_endpoint=f"{live.url}/sparql", returnFormat="json")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        rows = list(store.query(PARTNERS))
    assert any(str(row[0]) == "Vitebsk State Technological University" for row in rows)
    ask = store.query(f"ASK {{ <{POLOTSK}> ?p ?o }}")
    assert ask.askAnswer is True


def test_service_description_in_turtle(live: LiveServer) -> None:
    response = httpx.get(f"{live.url}/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    graph = Graph().parse(data=response.text, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert (None, URIRef(sd + "endpoint"), URIRef(f"{live.url}/sparql")) in graph
    assert (None, URIRef(sd + "supportedLanguage"), URIRef(sd + "SPARQL11Query")) in graph


def test_graph_store_protocol_get(live: LiveServer) -> None:
    names = httpx.get(
        f"{live.url}/sparql",
        params={
            "query": "SELECT ?g { GRAPH ?g { ?g a <https://schema.org/NewsArticle> } } LIMIT 1"
        },
    ).json()["results"]["bindings"]
    name = names[0]["g"]["value"]
    response = httpx.get(
        f"{live.url}/graph-store",
        params={"graph": name},
        headers={"Accept": "application/n-triples"},
    )
    assert response.status_code == 200
    graph = Graph().parse(data=response.text, format="nt")
    assert (URIRef(name), None, None) in graph
    missing = httpx.get(f"{live.url}/graph-store", params={"graph": "https://example.org/none"})
    assert missing.status_code == 404
    assert httpx.get(f"{live.url}/graph-store").status_code == 400
