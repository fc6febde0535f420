"""Shared fixtures: the real spaCy pipeline, a real on-disk store, a real HTTP server."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from spacy.language import Language

from api.app import create_app
from api.ingest import IngestReport, ingest_documents, read_sources
from api.settings import Settings
from extract.pipeline import load_pipeline
from graph.store import OxigraphStore

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "corpus"
SEED = CORPUS / "000-kaznu-polotsk.json"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_pipeline()


@pytest.fixture(scope="session")
def corpus_store_dir(nlp: Language, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory holding the ingested sample corpus (built once per session)."""
    data_dir = tmp_path_factory.mktemp("corpus-data")
    store = OxigraphStore(Settings(data_dir=data_dir).store_path)
    try:
        report = IngestReport()
        ingest_documents(nlp, store, read_sources([CORPUS], report, 2_000_000), report)
        assert report.count("failed") == 0, report.errors
    finally:
        store.close()
    return data_dir


class LiveServer:
    """uvicorn serving ``create_app(settings)`` on a free loopback port, in a thread."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        config = uvicorn.Config(
            create_app(settings), host="127.0.0.1", port=self.port, log_level="warning"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


@pytest.fixture(scope="module")
def live(corpus_store_dir: Path) -> Iterator[LiveServer]:
    with LiveServer(Settings(data_dir=corpus_store_dir)) as server:
        yield server


@pytest.fixture
def client(live: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live.url, timeout=30) as http:
        yield http
