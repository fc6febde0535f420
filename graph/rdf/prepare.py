"""From an extraction to a graph ready to write: mapped, serialized, checked.

Mapping with rdflib and checking with pyshacl are pure Python and cost about
two thirds of what spaCy spends on a document. A batch therefore prepares its
graphs in a side process (:class:`GraphPreparer` with ``background=True``), on
another core, while the main process goes on extracting and writing.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime

from coopgraph.extract.records import Extraction
from coopgraph.graph.entities.resolve import ResolverSpec, resolver_for
from coopgraph.graph.orphans import exit_with_parent
from coopgraph.graph.rdf.mapping import extraction_to_graph
from coopgraph.graph.rdf.shapes import violations


@dataclass(frozen=True)
class PreparedGraph:
    name: str  # the named graph (the document's IRI)
    ntriples: str
    violations: list[str]  # empty when the graph conforms to coop.shapes.ttl


def prepare_graph(
    extraction: Extraction, ingested_at: datetime, spec: ResolverSpec | None = None
) -> PreparedGraph:
    name, graph = extraction_to_graph(extraction, ingested_at, resolver_for(spec or ResolverSpec()))
    return PreparedGraph(str(name), graph.serialize(format="nt"), violations(graph))


_SIDE: ProcessPoolExecutor | None = None


def _side_process() -> ProcessPoolExecutor:
    global _SIDE
    if _SIDE is None:
        # "spawn": the caller may run threads (a server) or spaCy's own processes
        _SIDE = ProcessPoolExecutor(
            1,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=exit_with_parent,
            initargs=(os.getpid(),),
        )
        atexit.register(_SIDE.shutdown, cancel_futures=True)
    return _SIDE


class GraphPreparer:
    """Prepares graphs here (``background=False``) or in the shared side process."""

    def __init__(self, background: bool, spec: ResolverSpec | None = None) -> None:
        self.background = background
        self.spec = spec or ResolverSpec()

    def submit(self, extraction: Extraction, ingested_at: datetime) -> Future[PreparedGraph]:
        if self.background:
            return _side_process().submit(prepare_graph, extraction, ingested_at, self.spec)
        done: Future[PreparedGraph] = Future()
        done.set_result(prepare_graph(extraction, ingested_at, self.spec))
        return done
