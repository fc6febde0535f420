"""Stored documents: the list, one document's metadata and facts, deletion.

Every query is fixed text; the document is bound as a term (``substitutions``),
never spliced in.
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from coopgraph.graph.rdf.iris import document_iri
from coopgraph.graph.store.base import Store

# the prefixes the entity queries of this package are written with
PREFIXES = """PREFIX coop: <https://w3id.org/coopgraph/ns#>
PREFIX schema: <https://schema.org/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
_LIST = (
    PREFIXES
    + """SELECT ?doc ?id ?title ?url ?issued ?ingested WHERE {
  GRAPH ?doc { ?doc a schema:NewsArticle ; dcterms:identifier ?id ; prov:generatedAtTime ?ingested .
    OPTIONAL { ?doc dcterms:title ?title } OPTIONAL { ?doc schema:url ?url }
    OPTIONAL { ?doc dcterms:issued ?issued } }
} ORDER BY DESC(?ingested) ?doc"""
)
_COUNT = PREFIXES + "SELECT (COUNT(?doc) AS ?n) WHERE { GRAPH ?doc { ?doc a schema:NewsArticle } }"
_META = (
    PREFIXES
    + """SELECT ?doc ?id ?title ?url ?issued ?ingested ?hash ?extractor WHERE {
  GRAPH ?doc { ?doc a schema:NewsArticle ; dcterms:identifier ?id ; prov:generatedAtTime ?ingested ;
    coop:contentHash ?hash ; coop:extractor ?extractor .
    OPTIONAL { ?doc dcterms:title ?title } OPTIONAL { ?doc schema:url ?url }
    OPTIONAL { ?doc dcterms:issued ?issued } }
}"""
)
_FACTS = (
    PREFIXES
    + """SELECT ?doc ?fact ?kind ?label ?sentence ?begin ?end ?confidence WHERE {
  GRAPH ?doc {
    { ?fact a org:FormalOrganization ; skos:prefLabel ?label . BIND("organization" AS ?kind) }
    UNION { ?fact a org:OrganizationalCollaboration ; skos:prefLabel ?label .
            BIND("organization" AS ?kind) }
    UNION { ?fact a foaf:Person ; foaf:name ?label . BIND("person" AS ?kind) }
    UNION { ?fact a coop:Agreement ; rdfs:label ?label . BIND("agreement" AS ?kind) }
    UNION { ?fact a org:Membership ; coop:roleLabel ?label . BIND("role" AS ?kind) }
    UNION { ?fact a coop:Meeting . OPTIONAL { ?fact rdfs:label ?named }
            OPTIONAL { ?fact schema:startDate ?on }
            BIND(COALESCE(?named, CONCAT("meeting on ", STR(?on))) AS ?label)
            BIND("meeting" AS ?kind) }
    UNION { ?fact a coop:DateMention ; coop:dateValue ?value ; coop:dateRole ?role .
            BIND(CONCAT(STR(?value), " (", ?role, ")") AS ?label) BIND("date" AS ?kind) }
    OPTIONAL { ?fact coop:evidence ?ev . ?ev coop:sentence ?sentence ; coop:beginIndex ?begin ;
               coop:endIndex ?end ; coop:confidence ?confidence }
  }
} ORDER BY ?kind ?label ?begin"""
)


def _value(term: Any) -> Any:
    return None if term is None else term.value


def count_documents(store: Store) -> int:
    for row in store.query(_COUNT):
        return int(row["n"].value)
    return 0


def list_documents(store: Store, limit: int, offset: int) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for i, row in enumerate(store.query(_LIST)):
        if i < offset:
            continue
        if len(rows) >= limit:
            break
        rows.append(_metadata(row))
    return rows


def _metadata(row: Any) -> dict[str, Any]:
    graph = _value(row["doc"])
    return {
        "key": graph.rsplit("/", 1)[-1],
        "graph": graph,
        "id": _value(row["id"]),
        "title": _value(row["title"]),
        "url": _value(row["url"]),
        "published": _value(row["issued"]),
        "ingested": _value(row["ingested"]),
    }


def document_detail(store: Store, key: str) -> dict[str, Any] | None:
    """Metadata and every fact of one document with its evidence; None if absent."""
    doc = ox.NamedNode(str(document_iri(key)))
    meta = None
    for row in store.query_bound(_META, {"doc": doc}):
        meta = {
            **_metadata(row),
            "content_hash": _value(row["hash"]),
            "extractor": _value(row["extractor"]),
        }
    if meta is None:
        return None
    facts: dict[str, dict[str, Any]] = {}
    for row in store.query_bound(_FACTS, {"doc": doc}):
        iri = _value(row["fact"])
        fact = facts.setdefault(
            iri,
            {
                "iri": iri,
                "kind": _value(row["kind"]),
                "label": _value(row["label"]),
                "evidence": [],
            },
        )
        if row["sentence"] is not None:
            evidence = {
                "sentence": _value(row["sentence"]),
                "begin": int(_value(row["begin"])),
                "end": int(_value(row["end"])),
                "confidence": float(_value(row["confidence"])),
            }
            if evidence not in fact["evidence"]:
                fact["evidence"].append(evidence)
    grouped: dict[str, list[dict[str, Any]]] = {}
    for fact in facts.values():
        grouped.setdefault(fact.pop("kind") + "s", []).append(fact)
    return {**meta, "facts": grouped}


def delete_document(store: Store, key: str) -> bool:
    """Drop a document's graph (and so every fact only it supported); False if absent."""
    name = str(document_iri(key))
    if not store.has_graph(name):
        return False
    store.drop_graph(name)
    return True
