"""Ingestion: documents → extraction → RDF → store, one named graph per document.

Each graph is checked against ``ontologies/coop.shapes.ttl`` before it is
written; one that does not conform is reported as failed and not stored, and
what was stored before stays as it was.

Idempotent: a document whose stored graph has the same content hash and the
same extractor is left alone ("unchanged"); changed content under the same URL
replaces the old graph in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from extract.errors import InputError
from extract.pipeline import Pipeline
from extract.records import Document
from extract.sources import read_document
from extract.to_records import extract_documents, extractor_id
from graph.errors import ShapeError
from graph.mapping import extraction_to_graph
from graph.provenance import stored_fingerprint
from graph.reference import ensure_ontology
from graph.shapes import check_graph
from graph.store import Store

Outcome = Literal["new", "updated", "unchanged", "failed"]
SOURCE_SUFFIXES = (".txt", ".json")


@dataclass
class IngestReport:
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    def count(self, outcome: Outcome) -> int:
        return sum(1 for o in self.outcomes.values() if o == outcome)

    def summary(self) -> str:
        parts = [f"{self.count(o)} {o}" for o in ("new", "updated", "unchanged", "failed")]
        return ", ".join(parts)


def expand_paths(paths: Iterable[Path]) -> Iterator[Path]:
    """Files as given; directories as their .txt and .json files, sorted."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix.lower() in SOURCE_SUFFIXES)
        else:
            yield path


def read_sources(paths: Iterable[Path], report: IngestReport, max_bytes: int) -> Iterator[Document]:
    for path in expand_paths(paths):
        try:
            yield read_document(path, max_bytes=max_bytes)
        except InputError as exc:
            report.outcomes[str(path)] = "failed"
            report.errors[str(path)] = str(exc)


def ingest_documents(
    nlp: Pipeline, store: Store, documents: Iterable[Document], report: IngestReport
) -> IngestReport:
    """Extract and store each document unless the stored graph is already up to date."""
    extractor = extractor_id(nlp)
    ensure_ontology(store)
    pending: list[tuple[Document, Outcome]] = []
    for document in documents:
        stored = stored_fingerprint(store, document.key)
        if stored == (document.content_hash, extractor):
            report.outcomes[document.id] = "unchanged"
        else:
            pending.append((document, "new" if stored is None else "updated"))
    outcomes = dict((d.key, o) for d, o in pending)
    now = datetime.now(UTC)
    for extraction in extract_documents(nlp, (d for d, _ in pending)):
        name, triples = extraction_to_graph(extraction, ingested_at=now)
        doc_id = extraction.document.id
        try:
            check_graph(name, triples)
        except ShapeError as exc:
            report.outcomes[doc_id], report.errors[doc_id] = "failed", str(exc)
            continue
        store.replace_graph(name, triples)
        report.outcomes[doc_id] = outcomes[extraction.document.key]
    return report
