"""The SPARQL 1.1 service description served at the endpoint (GET without a query)."""

from __future__ import annotations

from rdflib import BNode, Graph, Namespace, URIRef
from rdflib.namespace import RDF

from coopgraph.graph.sparql.results import DEFAULT_GRAPH_TYPE, GRAPH_FORMATS, SOLUTION_TYPES, choose

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
RDFLIB_FORMATS = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "text/plain": "nt",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
    "application/n-quads": "nquads",
    "application/trig": "trig",
}
RESULT_FORMAT_IRIS = {
    "application/sparql-results+json": FORMATS.SPARQL_Results_JSON,
    "application/sparql-results+xml": FORMATS.SPARQL_Results_XML,
    "text/csv": FORMATS.SPARQL_Results_CSV,
    "text/tab-separated-values": FORMATS.SPARQL_Results_TSV,
    "text/turtle": FORMATS.Turtle,
    "application/n-triples": FORMATS["N-Triples"],
    "application/ld+json": FORMATS["JSON-LD"],
    "application/rdf+xml": FORMATS.RDF_XML,
}


def service_description(endpoint: str, update_endpoint: str | None) -> Graph:
    g = Graph()
    g.bind("sd", SD)
    service = URIRef(endpoint + "#service")
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, URIRef(endpoint)))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    g.add((service, SD.feature, SD.UnionDefaultGraph))
    # no sd:BasicFederatedQuery: SERVICE is refused
    for media in (*SOLUTION_TYPES, *GRAPH_FORMATS):
        if media in RESULT_FORMAT_IRIS:
            g.add((service, SD.resultFormat, RESULT_FORMAT_IRIS[media]))
    dataset = BNode()
    g.add((service, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    default_graph = BNode()
    g.add((dataset, SD.defaultGraph, default_graph))
    g.add((default_graph, RDF.type, SD.Graph))
    if update_endpoint:
        # SPARQL Update is served at its own endpoint, described as a second service
        update = URIRef(update_endpoint + "#service")
        g.add((update, RDF.type, SD.Service))
        g.add((update, SD.endpoint, URIRef(update_endpoint)))
        g.add((update, SD.supportedLanguage, SD.SPARQL11Update))
    return g


def describe_service(
    endpoint: str, update_endpoint: str | None, accept: list[str]
) -> tuple[str, bytes]:
    """The description in the first acceptable RDF format (Turtle by default)."""
    media = choose(accept, RDFLIB_FORMATS, DEFAULT_GRAPH_TYPE)
    body = service_description(endpoint, update_endpoint).serialize(format=RDFLIB_FORMATS[media])
    return media, body.encode("utf-8")
