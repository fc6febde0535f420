"""Questions about what the store already holds for a document."""

from __future__ import annotations

import pyoxigraph as ox

from coopgraph.graph.rdf.iris import document_iri
from coopgraph.graph.rdf.vocab import COOP
from coopgraph.graph.store.base import Store

_FINGERPRINT = f"""
SELECT ?doc ?hash ?extractor WHERE {{
  GRAPH ?doc {{ ?doc <{COOP.contentHash}> ?hash ; <{COOP.extractor}> ?extractor }}
}} LIMIT 1
"""


def stored_fingerprint(store: Store, doc_key: str) -> tuple[str, str] | None:
    """(content hash, extractor) of the stored document graph, or None if absent."""
    doc = ox.NamedNode(str(document_iri(doc_key)))
    for row in store.query_bound(_FINGERPRINT, {"doc": doc}):
        return (row["hash"].value, row["extractor"].value)
    return None


def document_graphs(store: Store) -> list[str]:
    """Names of the stored document graphs (reference graphs such as the ontology excluded)."""
    prefix = str(document_iri(""))
    return [name for name in store.graph_names() if name.startswith(prefix)]
