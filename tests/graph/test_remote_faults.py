"""The remote backend when the server misbehaves: down, slow, failing, dropping connections.

A small HTTP server in front of `oxigraph serve` plays each fault. Reads and the
project's own graph writes (one idempotent DROP+INSERT each) are retried after
a lost connection or a 502-504; a user's update is never sent twice. Every
failure is a StoreError with a sentence naming the server, and a graph is
always whole: old or new.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from coopgraph.graph.errors import StoreError
from coopgraph.graph.store.remote import RemoteSparqlStore
from tests.conftest import OxigraphServer, free_port

GRAPH = "https://w3id.org/coopgraph/id/doc/faults"
TRIPLES = "".join(f'<http://example.org/s{i}> <http://example.org/p> "{i}" .\n' for i in range(50))


class Faulty(ThreadingHTTPServer):
    """Forwards to the real server, except for the next ``faults`` requests of ``kind``."""

    daemon_threads = True

    def __init__(self, upstream: str) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.upstream = upstream
        self.fault = "none"
        self.faults = 0
        self.requests = 0
        self.applied = 0  # requests the real server received

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(BaseHTTPRequestHandler):
    server: Faulty

    def log_message(self, *args: object) -> None:
        pass

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.requests += 1
        fault = self.server.fault if self.server.faults > 0 else "none"
        if fault != "none":
            self.server.faults -= 1
        if fault == "slow":
            time.sleep(3)
        if fault in ("500", "503"):
            self.send_response(int(fault))
            self.end_headers()
            self.wfile.write(b"the server is having a bad day")
            return
        # forward: the real server applies the request
        path = "/update" if body.startswith(b"update=") else "/query"
        headers = {k: v for k, v in self.headers.items() if k.lower() in ("content-type", "accept")}
        answer = httpx.post(self.server.upstream + path, content=body, headers=headers, timeout=30)
        self.server.applied += 1
        if fault == "drop":  # applied upstream, but the client never hears of it
            self.connection.shutdown(socket.SHUT_RDWR)
            self.close_connection = True
            return
        self.send_response(answer.status_code)
        for name in ("content-type",):
            if name in answer.headers:
                self.send_header(name, answer.headers[name])
        self.send_header("Content-Length", str(len(answer.content)))
        self.end_headers()
        self.wfile.write(answer.content)


@pytest.fixture
def faulty(oxigraph_server: OxigraphServer) -> Iterator[Faulty]:
    oxigraph_server.clear()
    server = Faulty(oxigraph_server.base)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _store(url: str, timeout: float = 10) -> RemoteSparqlStore:
    store = RemoteSparqlStore(url, url, timeout=timeout, retries=2)
    return store


def _triples_in(store: RemoteSparqlStore) -> int:
    rows = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}")
    return int(next(iter(rows))["n"].value)


def test_a_server_that_is_down_is_a_clear_error() -> None:
    port = free_port()  # nobody listens there
    store = _store(f"http://127.0.0.1:{port}/sparql")
    with pytest.raises(StoreError, match=r"cannot reach the SPARQL server at http://127\.0\.0\.1"):
        store.graph_names()
    with pytest.raises(StoreError, match="cannot reach"):
        store.replace_graph_ntriples(GRAPH, TRIPLES)


def test_a_slow_server_is_a_timeout_naming_it(faulty: Faulty) -> None:
    faulty.fault, faulty.faults = "slow", 1
    store = _store(faulty.url, timeout=1)
    with pytest.raises(StoreError, match="did not answer in time"):
        store.graph_names()


def test_a_failing_server_is_retried_for_reads_and_reported_when_it_persists(
    faulty: Faulty,
) -> None:
    store = _store(faulty.url)
    faulty.fault, faulty.faults = "503", 2
    assert store.graph_names() == []  # two 503s, then an answer
    faulty.fault, faulty.faults = "500", 1
    with pytest.raises(StoreError, match="answered 500: the server is having a bad day"):
        store.graph_names()  # a 500 is the server's verdict: not retried


def test_a_dropped_connection_mid_write_leaves_the_graph_whole(faulty: Faulty) -> None:
    store = _store(faulty.url)
    faulty.fault, faulty.faults = "drop", 2
    store.replace_graph_ntriples(GRAPH, TRIPLES)  # applied, lost, applied again, lost, applied
    assert faulty.applied == 3
    assert _triples_in(store) == 50  # once, whole: the write is idempotent


def test_a_users_update_is_never_sent_twice(faulty: Faulty) -> None:
    store = _store(faulty.url)
    faulty.fault, faulty.faults = "drop", 1
    with pytest.raises(StoreError, match="cannot reach"):
        store.update(f"INSERT DATA {{ GRAPH <{GRAPH}> {{ <http://e.org/a> <http://e.org/b> 1 }} }}")
    assert faulty.applied == 1  # the server may have applied it; it was not repeated
