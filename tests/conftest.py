"""Shared fixtures: the real spaCy pipeline, a real on-disk store, a real HTTP server."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from spacy.language import Language

from coopgraph.api.ingest.service import IngestReport, ingest_documents, read_sources
from coopgraph.api.settings import Settings
from coopgraph.api.web.app import create_app
from coopgraph.extract.pipeline import load_pipeline
from coopgraph.graph.store.embedded import OxigraphStore
from coopgraph.graph.store.remote import RemoteSparqlStore

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "corpus"
CORPUS_RU = ROOT / "data" / "corpus-ru"  # the seed's memorandum told in Russian
SEED = CORPUS / "000-kaznu-polotsk.json"
SHARED = ROOT.parent / "shared"
EVAL = SHARED / "eval"

# The evaluation sets live beside the checkout, not in it (the dev texts may
# not be copied); a clone on its own skips what scores against them.
needs_eval = pytest.mark.skipif(
    not (EVAL / "dev" / "docs").is_dir() or not (EVAL / "score.py").is_file(),
    reason=f"needs the evaluation sets at {EVAL} (../shared/eval beside the checkout); absent",
)


class OxigraphServer:
    """`oxigraph serve` (PyPI package ``oxigraph``) on 127.0.0.1, for the remote backend."""

    def __init__(self, location: Path) -> None:
        self.port = free_port()
        binary = Path(sys.executable).parent / "oxigraph"
        self.process = subprocess.Popen(
            [str(binary), "serve", "--location", str(location), "--union-default-graph",
             "--bind", f"127.0.0.1:{self.port}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{self.base}/query", params={"query": "ASK {}"}, timeout=2)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError("oxigraph serve did not start") from None
                time.sleep(0.1)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def query_url(self) -> str:
        return f"{self.base}/query"

    @property
    def update_url(self) -> str:
        return f"{self.base}/update"

    def clear(self) -> None:
        httpx.post(self.update_url, data={"update": "DROP ALL"}, timeout=30).raise_for_status()

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    server = OxigraphServer(tmp_path_factory.mktemp("oxigraph-serve"))
    yield server
    server.stop()


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


VIRTUOSO_INI = """[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
[Parameters]
ServerPort = {sql_port}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = .
[HTTPServer]
ServerPort = {http_port}
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
ServerThreads = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 10000
MaxQueryExecutionTime = 60
"""


class VirtuosoServer:
    """Virtuoso 7 (Debian's virtuoso-opensource) on 127.0.0.1, set up as users run it:
    anonymous /sparql may update after ``GRANT SPARQL_UPDATE TO "SPARQL"``, and
    /sparql-auth takes digest credentials (the dba account here)."""

    USER, PASSWORD = "dba", "dba"

    def __init__(self, location: Path) -> None:
        self.sql_port, self.port = free_port(), free_port()
        ini = location / "virtuoso.ini"
        ini.write_text(
            VIRTUOSO_INI.format(dir=location, sql_port=self.sql_port, http_port=self.port)
        )
        self.process = subprocess.Popen(
            ["virtuoso-t", "-f", "-c", str(ini)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=location,
        )
        deadline = time.monotonic() + 120
        while True:
            try:
                httpx.get(self.query_url, params={"query": "ASK {}"}, timeout=2).raise_for_status()
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    self.process.kill()
                    raise RuntimeError("virtuoso-t did not start") from None
                time.sleep(0.3)
        grant = 'GRANT SPARQL_UPDATE TO "SPARQL";'
        subprocess.run(
            ["isql-vt", str(self.sql_port), self.USER, self.PASSWORD, f"exec={grant}"],
            check=True,
            capture_output=True,
            timeout=60,
        )

    @property
    def query_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/sparql"

    @property
    def update_url(self) -> str:
        return self.query_url

    @property
    def auth_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/sparql-auth"

    def clear(self) -> None:
        # Virtuoso keeps its own system graphs: drop only what the tests wrote
        names = httpx.get(
            self.query_url,
            params={"query": "SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }"},
            headers={"Accept": "application/sparql-results+json"},
            timeout=60,
        ).json()["results"]["bindings"]
        for row in names:
            name = row["g"]["value"]
            if not name.startswith(("http://www.openlinksw.com/", "http://localhost", "urn:")) and (
                "virtrdf" not in name
            ):
                httpx.post(
                    self.query_url, data={"update": f"DROP SILENT GRAPH <{name}>"}, timeout=60
                ).raise_for_status()

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=60)


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtuosoServer]:
    if shutil.which("virtuoso-t") is None:
        if os.environ.get("CI"):
            pytest.fail("CI installs virtuoso-opensource, but virtuoso-t is not on PATH")
        pytest.skip("Virtuoso 7 is not installed (Debian: apt-get install virtuoso-opensource)")
    server = VirtuosoServer(tmp_path_factory.mktemp("virtuoso"))
    yield server
    server.stop()


@pytest.fixture(params=["embedded", "oxigraph-server", "virtuoso"])
def any_store(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[OxigraphStore | RemoteSparqlStore]:
    """A fresh, empty store of each backend: on disk, and over HTTP on `oxigraph serve`
    and on Virtuoso 7."""
    store: OxigraphStore | RemoteSparqlStore
    if request.param == "embedded":
        store = OxigraphStore(tmp_path / "store")
    else:
        fixture = "oxigraph_server" if request.param == "oxigraph-server" else "virtuoso_server"
        server: OxigraphServer | VirtuosoServer = request.getfixturevalue(fixture)
        server.clear()
        store = RemoteSparqlStore(server.query_url, server.update_url)
    yield store
    store.close()


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The extractor as shipped: fine-tuned recognizer, party scorer, rules."""
    return load_pipeline()


@pytest.fixture(scope="session")
def rules_nlp() -> Language:
    """The rules on their own: the base model's recognizer, parties chosen by the rules
    (``COOPGRAPH_NER=base COOPGRAPH_PARTIES=rules``). Rule tests use it, so that each
    rule's known answer tests the rule, not what the trained parts happen to find."""
    return load_pipeline(trained_ner=None, parties=None)


@pytest.fixture(scope="session")
def corpus_store_dir(nlp: Language, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory holding the ingested sample corpus (built once per session)."""
    return _ingested(nlp, tmp_path_factory.mktemp("corpus-data"), [CORPUS])


@pytest.fixture(scope="session")
def bilingual_store_dir(nlp: Language, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus and the seed's memorandum told in Russian (built once)."""
    return _ingested(nlp, tmp_path_factory.mktemp("bilingual-data"), [CORPUS, CORPUS_RU])


def _ingested(nlp: Language, data_dir: Path, sources: list[Path]) -> Path:
    """``data_dir`` with ``sources`` ingested into its store, every document stored."""
    store = OxigraphStore(Settings(data_dir=data_dir).store_path)
    try:
        report = IngestReport()
        ingest_documents(nlp, store, read_sources(sources, report, 2_000_000), report)
        assert report.count("failed") == 0, report.errors
    finally:
        store.close()
    return data_dir


class LiveServer:
    """uvicorn serving ``create_app(settings)`` on a free loopback port, in a thread."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.port = free_port()
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


class Listener:
    """A TCP listener on 127.0.0.1 that records every connection made to it."""

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/sparql"

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = False
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop = True
        self.thread.join()
        self.sock.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    watcher = Listener()
    yield watcher
    watcher.close()
