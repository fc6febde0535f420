"""What every store is: the ``Store`` protocol, the one update text, and the backend registry.

Backends are chosen by name through :data:`BACKENDS` (each backend module
registers itself there), never by if/else chains in callers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

import pyoxigraph as ox
from rdflib import Graph, URIRef

from coopgraph.graph.errors import StoreError

# what an IRI may hold (RFC 3987 forbids the rest); a name is spliced into the update text
SAFE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|^`\\]*")


def checked_graph_name(name: str) -> str:
    """``name``, when it is an IRI this store may splice into an update; else StoreError."""
    if not SAFE_IRI.fullmatch(name):
        raise StoreError(f"not a graph name this store writes: {name!r}")
    return name


def replace_graph_update(name: str, ntriples: str) -> str:
    """The update that makes graph ``name`` hold exactly ``ntriples`` on a SPARQL server.

    The name is checked against the IRI grammar, and the triples come from
    rdflib's N-Triples serializer, which escapes every literal and IRI. One
    update is one transaction, so the graph is old or new, never half.
    """
    checked_graph_name(name)
    return f"DROP SILENT GRAPH <{name}> ;\nINSERT DATA {{ GRAPH <{name}> {{\n{ntriples}}} }}"


class Store(Protocol):
    # bumped by every write through this object; caches of derived data key on it
    version: int

    def replace_graph(self, name: URIRef, triples: Graph) -> None:
        """Atomically make ``name`` hold exactly ``triples`` (old or new, never half)."""

    def replace_graph_ntriples(self, name: str, ntriples: str) -> None:
        """:meth:`replace_graph` with the triples already written as N-Triples."""

    def query(
        self,
        sparql: str,
        default_graphs: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
    ) -> Any:
        """Run a SPARQL query; the default graph is the union of all named graphs, a set."""

    def query_bound(self, sparql: str, bindings: dict[str, Any]) -> Any:
        """Run a fixed query with variables bound to terms (never built from user text)."""

    def update(self, sparql: str, base_iri: str | None = None) -> None:
        """Run a SPARQL update in one transaction (all of it or nothing)."""

    def update_graph(self, name: str, sparql: str) -> None:
        """Run an update of the project's that changes graph ``name`` only."""

    def has_graph(self, name: str) -> bool: ...

    def drop_graph(self, name: str) -> None:
        """Remove a named graph and all its triples, in one transaction."""

    def graph_names(self) -> list[str]: ...

    def quad_count(self) -> int: ...

    def dump(self, target: Path, fmt: ox.RdfFormat) -> int:
        """Write every quad to ``target`` in ``fmt``; the number written."""

    def close(self) -> None: ...


BACKENDS: dict[str, Callable[..., Store]] = {}


def open_store(backend: str, **options: Any) -> Store:
    """Open the backend registered under ``backend`` with its options."""
    # importing a backend module registers it
    import coopgraph.graph.store.embedded
    import coopgraph.graph.store.remote  # noqa: F401

    try:
        factory = BACKENDS[backend]
    except KeyError:
        known = ", ".join(sorted(BACKENDS))
        raise StoreError(f"unknown store backend {backend!r} (known: {known})") from None
    return factory(**options)
