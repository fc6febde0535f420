"""Extraction in a process of its own, so that ingesting leaves the server to its readers.

spaCy and the rules hold the interpreter lock while they work: run in the
server process, a batch ingest cut the answers per second of a cheap query to
a fraction and multiplied its p99 latency. The server therefore extracts in
one spawned side process that loads the pipeline once; the server only checks
fingerprints, writes graphs and answers queries. Documents travel in small
chunks, two chunks ahead, so the side process is never idle during a batch.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from pathlib import Path
from typing import Any

from coopgraph.extract.records import Document, Extraction
from coopgraph.graph.orphans import exit_with_parent

CHUNK = 8  # documents per message
AHEAD = 2  # chunks sent before the first answer is awaited

_NLP: Any = None  # the side process's pipeline


def _load(models: Sequence[str], ner: Path | None, parties: Path | None) -> str:
    """Load the pipeline (a missing model raises here, and reaches the caller); its name."""
    global _NLP
    from coopgraph.extract.pipeline import load_pipeline
    from coopgraph.extract.to_records import extractor_id

    _NLP = load_pipeline(models, ner, parties)
    return extractor_id(_NLP)


def _extract(documents: list[Document], window: int) -> list[Extraction]:
    from coopgraph.extract.to_records import extract_documents

    return list(extract_documents(_NLP, documents, window=window))


class ExtractionProcess:
    """The pipeline in a spawned process; :meth:`extract` streams extractions in order."""

    def __init__(
        self, models: Sequence[str], ner: Path | None, parties: Path | None, window: int
    ) -> None:
        self.window = window
        self._pool = ProcessPoolExecutor(
            1,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=exit_with_parent,
            initargs=(os.getpid(),),
        )
        # loading the model takes seconds: the first ingestion waits for it, once
        try:
            self.name: str = self._pool.submit(_load, tuple(models), ner, parties).result()
        except BaseException:
            self.close()
            raise

    def extract(self, documents: Iterable[Document]) -> Iterator[Extraction]:
        pending: deque[Future[list[Extraction]]] = deque()
        items = iter(documents)
        while chunk := list(islice(items, CHUNK)):
            pending.append(self._pool.submit(_extract, chunk, self.window))
            while len(pending) > AHEAD:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()

    def close(self) -> None:
        # the executor forgets its processes on shutdown: take them first
        processes = list((getattr(self._pool, "_processes", None) or {}).values())
        self._pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.kill()  # a chunk in progress is not worth waiting for at shutdown
