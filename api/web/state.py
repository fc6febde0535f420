"""What the application keeps between requests, as one typed object on ``app.state``.

``create_app`` puts an :class:`AppState` at ``app.state.coopgraph``; the
lifespan fills in the :class:`Resources` it opens and empties them on
shutdown. Routes reach both through the accessors in :mod:`.deps`, never
through untyped ``app.state`` attributes.
"""

from __future__ import annotations

import threading
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from coopgraph.api.ingest.jobs import JobRunner
from coopgraph.api.settings import Settings
from coopgraph.api.web.network_calls import NetworkCalls
from coopgraph.graph.network.service import NetworkService
from coopgraph.graph.sparql.pool import QueryRunner
from coopgraph.graph.sparql.sandbox import SandboxedThread
from coopgraph.graph.store.base import Store

if TYPE_CHECKING:
    from coopgraph.api.ingest.extraction_process import ExtractionProcess


@dataclass
class Resources:
    """Opened by the lifespan, closed on shutdown."""

    store: Store
    pool: QueryRunner
    jobs: JobRunner
    network: NetworkService
    network_calls: NetworkCalls
    # the thread that evaluates SPARQL Update on the embedded store (no sockets)
    update_thread: SandboxedThread | None = None
    # one writer at a time: ingestion jobs, single documents and SPARQL updates
    write_lock: AbstractContextManager[Any] = field(default_factory=threading.RLock)


@dataclass
class AppState:
    settings: Settings
    resources: Resources | None = None
    # extraction runs in a side process, started on the first ingestion over HTTP
    extraction: ExtractionProcess | None = None
    nlp_lock: threading.Lock = field(default_factory=threading.Lock)
    follower: Any = None  # api.follow.background.Follower, when the server follows sources

    def extraction_process(self) -> ExtractionProcess:
        """The extraction side process, started on first use: a query-only server never pays."""
        from coopgraph.api.ingest.extraction_process import ExtractionProcess

        with self.nlp_lock:
            if self.extraction is None:
                self.extraction = ExtractionProcess(
                    self.settings.spacy_models,
                    self.settings.ner_weights,
                    self.settings.party_model,
                    self.settings.extract_window,
                )
            return self.extraction
