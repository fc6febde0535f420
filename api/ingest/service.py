"""Ingestion: documents → extraction → RDF → store, one named graph per document.

The one place where extract and graph meet. For each document:

- neither English nor Russian (clearly another language): skipped, with the language;
- the stored graph has the same content hash and extractor: unchanged, no work;
- otherwise extracted (``nlp.pipe``, ``n_process`` processes), mapped to RDF,
  checked against ``ontologies/coop.shapes.ttl`` and written in one
  transaction: new or updated. A graph that does not conform is failed and not
  written; what was stored before stays.

A failure never stops the batch; each is reported with its reason. Callers
that share the store across threads pass a ``lock`` so one writer runs at a time.
"""

from __future__ import annotations

import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, Protocol, TextIO, runtime_checkable

from coopgraph.extract.errors import InputError
from coopgraph.extract.pipeline import Pipeline
from coopgraph.extract.reading.language import unsupported_language
from coopgraph.extract.reading.sources import (
    SUFFIXES,
    document_from_text,
    documents_from_lines,
    read_documents,
)
from coopgraph.extract.records import Document, Extraction
from coopgraph.extract.to_records import DEFAULT_WINDOW, extract_documents, extractor_id
from coopgraph.graph.entities.corrections import read_corrections
from coopgraph.graph.entities.resolve import ResolverSpec
from coopgraph.graph.rdf.prepare import GraphPreparer, PreparedGraph
from coopgraph.graph.rdf.reference import ensure_ontology
from coopgraph.graph.rdf.shapes import describe
from coopgraph.graph.store.base import Store
from coopgraph.graph.store.fingerprints import stored_fingerprint

Outcome = Literal["new", "updated", "unchanged", "skipped", "failed"]
OUTCOMES: tuple[Outcome, ...] = ("new", "updated", "unchanged", "skipped", "failed")
Progress = Callable[[str, Outcome], None]
MAX_REPORTED_ERRORS = 1000  # reasons kept per report; the counts stay exact
GRAPHS_IN_FLIGHT = 32  # documents extracted ahead of their graph being written


@dataclass
class IngestReport:
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    progress: Progress | None = None
    # set when the server stops: no further document is started or written
    stop: threading.Event = field(default_factory=threading.Event)

    def record(self, source: str, outcome: Outcome, reason: str | None = None) -> None:
        self.outcomes[source] = outcome
        if reason is not None and len(self.errors) < MAX_REPORTED_ERRORS:
            self.errors[source] = reason
        if self.progress is not None:
            self.progress(source, outcome)

    def count(self, outcome: Outcome) -> int:
        return sum(1 for o in self.outcomes.values() if o == outcome)

    def counts(self) -> dict[str, int]:
        return {o: self.count(o) for o in OUTCOMES}

    def summary(self) -> str:
        return ", ".join(f"{n} {o}" for o, n in self.counts().items())


def expand_paths(paths: Iterable[Path]) -> Iterator[Path]:
    """Files as given; directories as the readable files under them, sorted."""
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
            )
        else:
            yield path


def read_sources(
    paths: Iterable[Path], report: IngestReport, max_bytes: int, stdin: TextIO | None = None
) -> Iterator[Document]:
    """Documents from files and directories; ``-`` reads standard input.

    Unreadable files and bad records are reported as failed and skipped.
    """
    for path in paths:
        if str(path) == "-":
            yield from _report_errors(read_stdin(stdin or sys.stdin, max_bytes), report)
            continue
        if path.is_dir():
            _report_unreadable(path, report)
        for file in expand_paths([path]):
            yield from _report_errors(read_documents(file, max_bytes), report)


def _report_unreadable(directory: Path, report: IngestReport) -> None:
    """Files under ``directory`` that are not read are counted as skipped, with why;
    a directory with nothing to read says so."""
    files = [p for p in directory.rglob("*") if p.is_file() and not p.name.startswith(".")]
    known = ", ".join(s for s in SUFFIXES if s)
    for file in sorted(files):
        if file.suffix.lower() not in SUFFIXES:
            reason = f"{file}: unsupported file type {file.suffix.lower()!r} (read: {known})"
            report.record(str(file), "skipped", reason)
    if not any(p.suffix.lower() in SUFFIXES for p in files):
        report.record(str(directory), "skipped", f"{directory}: no files to read here")


def read_stdin(stream: TextIO, max_bytes: int) -> Iterator[Document | InputError]:
    """JSON Lines when the input starts with ``{``, else one plain-text document."""
    content = stream.read(max_bytes + 1)
    if len(content.encode("utf-8")) > max_bytes:
        yield InputError(f"<stdin>: over the limit of {max_bytes} bytes")
        return
    if content.lstrip().startswith("{"):
        yield from documents_from_lines(content, origin="<stdin>")
        return
    try:
        yield document_from_text(content, doc_id="stdin", origin="<stdin>")
    except InputError as exc:
        yield exc


def _report_errors(
    items: Iterable[Document | InputError], report: IngestReport
) -> Iterator[Document]:
    for item in items:
        if isinstance(item, InputError):
            source = str(item).split(": ", 1)[0]
            report.record(source, "failed", str(item))
        else:
            yield item


def _source(document: Document) -> str:
    return document.source or document.id


@runtime_checkable
class Extractor(Protocol):
    """Where extraction runs: this process (:class:`InProcess`) or a side process."""

    name: str  # the extractor's identity, stored with each graph's fingerprint

    def extract(self, documents: Iterable[Document]) -> Iterator[Extraction]: ...


class InProcess:
    """Extraction with the pipeline loaded here (the CLI, tests)."""

    def __init__(self, nlp: Pipeline, n_process: int = 1, window: int = DEFAULT_WINDOW) -> None:
        self.nlp, self.n_process, self.window = nlp, n_process, window
        self.name = extractor_id(nlp)

    def extract(self, documents: Iterable[Document]) -> Iterator[Extraction]:
        return extract_documents(self.nlp, documents, n_process=self.n_process, window=self.window)


def ingest_documents(
    nlp: Pipeline | Extractor,
    store: Store,
    documents: Iterable[Document],
    report: IngestReport,
    n_process: int = 1,
    lock: AbstractContextManager[Any] | None = None,
    background: bool = False,
    gazetteers: Iterable[Path] = (),
    window: int = DEFAULT_WINDOW,
) -> IngestReport:
    """Extract and store each document unless the stored graph is already up to date.

    ``background`` maps and checks graphs in a side process while extraction
    goes on: worth it for batches, not for one document.
    """
    extraction = nlp if isinstance(nlp, Extractor) else InProcess(nlp, n_process, window)
    extractor = extraction.name
    writer = lock or nullcontext()
    with writer:
        ensure_ontology(store)
    pending: dict[str, Outcome] = {}

    def needing_work() -> Iterator[Document]:
        for document in documents:
            if report.stop.is_set():
                return
            # the stored-fingerprint check is the cheapest: it goes first
            stored = stored_fingerprint(store, document.key)
            if stored == (document.content_hash, extractor):
                report.record(_source(document), "unchanged")
                continue
            language = unsupported_language(document.text)
            if language is not None:
                report.record(
                    _source(document),
                    "skipped",
                    f"not English or Russian (detected {language!r}); skipped",
                )
                continue
            pending[document.key] = "new" if stored is None else "updated"
            yield document

    now = datetime.now(UTC)
    # resolution follows the gazetteers and the corrections recorded in the store
    spec = ResolverSpec.of(read_corrections(store), gazetteers)
    preparer = GraphPreparer(background, spec)
    in_flight: deque[tuple[Document, Future[PreparedGraph]]] = deque()

    def finish(document: Document, prepared: PreparedGraph) -> None:
        if prepared.violations:
            report.record(_source(document), "failed", describe(prepared.name, prepared.violations))
            return
        with writer:
            store.replace_graph_ntriples(prepared.name, prepared.ntriples)
        report.record(_source(document), pending.pop(document.key, "new"))

    for extracted in extraction.extract(needing_work()):
        if report.stop.is_set():
            return report  # each stored document is whole; the rest are simply not stored
        in_flight.append((extracted.document, preparer.submit(extracted, now)))
        while len(in_flight) > GRAPHS_IN_FLIGHT:
            document, future = in_flight.popleft()
            finish(document, future.result())
    while in_flight and not report.stop.is_set():
        document, future = in_flight.popleft()
        finish(document, future.result())
    return report
