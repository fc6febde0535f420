"""The query pool always returns to its configured size, whatever clients and workers do.

Each test breaks workers in one state (idle, evaluating, streaming to a client
that left or stopped reading) and then checks that ``/health`` counts every
worker live again and that queries are answered at once, not after a timeout.
"""

from __future__ import annotations

import os
import signal
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

from coopgraph.api.settings import Settings
from tests.conftest import LiveServer

WORKERS = 2
TIMEOUT = 3.0
# every triple with every triple: the ontology alone makes megabytes of CSV
BIG = "SELECT * { ?a ?b ?c . ?d ?e ?f }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


# spawned children of this process that are not the server's workers (earlier tests')
_OTHERS: set[int] = set()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveServer]:
    settings = Settings(data_dir=tmp_path, query_timeout=TIMEOUT, query_workers=WORKERS)
    _OTHERS.clear()
    _OTHERS.update(_spawned_children())
    with LiveServer(settings) as live:
        yield live


def _worker_pids() -> list[int]:
    """The query workers: children spawned since the server started (it runs in a thread)."""
    return [pid for pid in _spawned_children() if pid not in _OTHERS]


def _spawned_children() -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == os.getpid() and b"spawn_main" in command:
            pids.append(int(entry.name))
    return pids


def _assert_recovered(server: LiveServer) -> None:
    """Every worker live again within a few watchdog ticks, and a query answered at once."""
    deadline = time.monotonic() + TIMEOUT + 10
    while time.monotonic() < deadline:
        health = httpx.get(f"{server.url}/health", timeout=5).json()
        if health["query_workers"]["live"] == WORKERS:
            break
        time.sleep(0.2)
    assert health["query_workers"] == {"configured": WORKERS, "live": WORKERS}
    assert len(_worker_pids()) == WORKERS
    started = time.monotonic()
    answers = [
        httpx.get(f"{server.url}/sparql", params={"query": "ASK {}"}, timeout=30)
        for _ in range(WORKERS * 2)
    ]
    assert [a.status_code for a in answers] == [200] * (WORKERS * 2)
    assert time.monotonic() - started < TIMEOUT  # no query waited for a lost worker


def _read_a_little(server: LiveServer, query: str) -> socket.socket:
    """Ask for a large CSV answer over a raw socket and read its first bytes only."""
    host, port = "127.0.0.1", server.port
    sock = socket.create_connection((host, port), timeout=30)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.sendall(
        f"GET /sparql?query={quote(query)} HTTP/1.1\r\nHost: x\r\nAccept: text/csv\r\n\r\n".encode()
    )
    assert sock.recv(100).startswith(b"HTTP/1.1 200")
    return sock


def test_clients_that_drop_large_streamed_answers_leave_every_worker(server: LiveServer) -> None:
    for _ in range(WORKERS + 1):
        _read_a_little(server, BIG).close()
    _assert_recovered(server)


def test_a_client_that_stops_reading_holds_no_worker_past_the_deadline(
    server: LiveServer,
) -> None:
    stalled = [_read_a_little(server, BIG) for _ in range(WORKERS)]
    try:
        time.sleep(TIMEOUT + 1.5)
        _assert_recovered(server)
    finally:
        for sock in stalled:
            sock.close()


def test_a_client_that_gives_up_during_evaluation_costs_no_worker(server: LiveServer) -> None:
    for _ in range(WORKERS):
        with pytest.raises(httpx.TimeoutException):
            httpx.get(f"{server.url}/sparql", params={"query": RUNAWAY}, timeout=0.5)
    _assert_recovered(server)


def test_workers_killed_while_idle_are_replaced(server: LiveServer) -> None:
    for pid in _worker_pids():
        os.kill(pid, signal.SIGKILL)
    _assert_recovered(server)


def test_a_worker_killed_mid_query_is_an_error_for_that_query_only(server: LiveServer) -> None:
    with httpx.Client(timeout=30) as http:
        before = set(_worker_pids())
        pending = http.build_request("GET", f"{server.url}/sparql", params={"query": RUNAWAY})
        answers: list[httpx.Response] = []
        thread = threading.Thread(target=lambda: answers.append(http.send(pending)))
        thread.start()
        time.sleep(0.5)
        for pid in before:
            os.kill(pid, signal.SIGKILL)
        thread.join(timeout=30)
    assert answers[0].status_code == 503
    assert "worker" in answers[0].json()["detail"]
    _assert_recovered(server)
    assert not before & set(_worker_pids())


def test_health_fails_while_no_worker_can_be_started(
    server: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coopgraph.graph.errors import StoreError
    from coopgraph.graph.sparql import pool

    def cannot_start(require_sandbox: bool) -> pool._Worker:
        raise StoreError("no memory for a worker")

    monkeypatch.setattr(pool, "_start_worker", cannot_start)
    for pid in _worker_pids():
        os.kill(pid, signal.SIGKILL)
    time.sleep(2.5)  # the watchdog notices, replacements fail
    health = httpx.get(f"{server.url}/health", timeout=5)
    assert health.status_code == 503
    assert health.json()["status"] == "unavailable"
    assert health.json()["query_workers"]["live"] == 0
    monkeypatch.undo()  # resources come back: so do the workers
    _assert_recovered(server)
