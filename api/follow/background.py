"""Following inside ``coopgraph serve``: a thread that runs the due sources every minute,
ingesting through the server's own extraction process and under its write lock, so
it is one writer among the others. It stops with the server: between two
documents, and within seconds when the server is told to stop."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from typing import Any

from coopgraph.api.errors import FollowError
from coopgraph.api.follow.follow import SourceRun, run_sources
from coopgraph.api.follow.sources import Source, SourceBook, now_utc
from coopgraph.api.settings import Settings
from coopgraph.extract.records import Document

log = logging.getLogger(__name__)
LOOK_EVERY = 60.0  # seconds between two looks for sources that have come due


class Follower:
    def __init__(
        self,
        settings: Settings,
        store: Any,
        lock: AbstractContextManager[Any],
        extractor: Callable[[], Any],
        fetcher: Callable[[], Any],
    ) -> None:
        self.settings = settings
        self.store = store
        self.lock = lock
        self.extractor = extractor
        self.fetcher = fetcher
        self.book = SourceBook.of(settings.data_dir)
        self.stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="follower", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float) -> None:
        self.stopping.set()
        self._thread.join(timeout)

    def _run(self) -> None:
        while not self.stopping.is_set():
            try:
                self.run_due()
            except (FollowError, OSError) as exc:
                log.warning("following sources: %s", exc)
            except Exception:  # a bug must not end following for the server's lifetime
                log.exception("following sources failed; trying again in a minute")
            self.stopping.wait(LOOK_EVERY)

    def run_due(self) -> None:
        due = [s for s in self.book.load() if s.due(now_utc())]
        if not due:
            return

        def done(source: Source, run: SourceRun) -> None:
            self.book.update(source)
            log.info("followed %s: %s %s", source.url, run.status, run.counts)

        with self.fetcher() as fetcher:
            run_sources(
                due,
                fetcher,
                self._ingest,
                self.settings.follow_max_links,
                self.settings.follow_parallel,
                done,
            )

    def _ingest(self, documents: Iterable[Document]) -> dict[str, int]:
        from coopgraph.api.ingest.service import IngestReport, ingest_documents

        report = IngestReport(stop=self.stopping)
        ingest_documents(
            self.extractor(),
            self.store,
            documents,
            report,
            lock=self.lock,
            gazetteers=[self.settings.user_gazetteer],
            window=self.settings.extract_window,
        )
        return report.counts()
