"""The embedded store's default graph: the set union of its named graphs, kept at every write.

Oxigraph's "default graph as union" option answers a triple once per named
graph that states it, so "KazNU is a university" told by ten releases came back
ten times and every COUNT over shared entities was inflated. Instead the store
keeps a real default graph holding each triple of any named graph exactly once
(an RDF graph is a set), and queries read it as it is.

Every write that changes a named graph changes the default graph in the same
update, so the two never disagree, even after a crash:

* replacing graph ``G``: drop from the default graph what ``G`` said and no
  other graph says, drop ``G``, insert the new triples into both;
* dropping ``G``: the same, without the insert;
* an update confined to ``G`` (a correction): unstate ``G``, run it, restate ``G``;
* any other update (a user's SPARQL Update may touch any graph): afterwards the
  default graph is rebuilt from the named graphs (see :func:`REBUILD`).

The names are checked against the IRI grammar by the callers
(:data:`coopgraph.graph.store.base.SAFE_IRI`); nothing here is user text.
"""

from __future__ import annotations


def unstate(name: str) -> str:
    """Delete from the default graph what graph ``name`` states and no other graph does."""
    return (
        "DELETE { ?s ?p ?o } WHERE { "
        f"GRAPH <{name}> {{ ?s ?p ?o }} "
        "FILTER NOT EXISTS { GRAPH ?other { ?s ?p ?o } "
        f"FILTER(?other != <{name}>) }} }}"
    )


def restate(name: str) -> str:
    """Copy what graph ``name`` states into the default graph (a set: no copy twice)."""
    return f"INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}"


def replace(name: str, ntriples: str) -> str:
    """Make graph ``name`` hold exactly ``ntriples``, keeping the default graph the union."""
    return (
        unstate(name)
        + f" ;\nDROP SILENT GRAPH <{name}> ;\n"
        + f"INSERT DATA {{\n{ntriples}GRAPH <{name}> {{\n{ntriples}}} }}"
    )


def drop(name: str) -> str:
    """Remove graph ``name``, keeping the default graph the union."""
    return unstate(name) + f" ;\nDROP SILENT GRAPH <{name}>"


def within(name: str, update: str) -> str:
    """Run ``update`` (which changes graph ``name`` only), keeping the default graph the union."""
    return unstate(name) + " ;\n" + update + " ;\n" + restate(name)


# what no named graph states leaves the default graph, and everything any states enters it
REBUILD = (
    "DELETE { ?s ?p ?o } WHERE { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } } ;\n"
    "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
)

# a store written before the default graph was kept: documents, and nothing in the default graph
NEEDS_BUILD = "ASK { FILTER(EXISTS { GRAPH ?g { ?s ?p ?o } } && NOT EXISTS { ?s ?p ?o }) }"
