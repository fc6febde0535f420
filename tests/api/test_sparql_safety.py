"""The endpoint is safe to expose: nothing is fetched, runaway queries are stopped,
answers are capped and say so, too many queries get 503 with Retry-After."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from coopgraph.api.settings import Settings
from tests.conftest import Listener, LiveServer

# a cartesian product over every quad, four times: minutes of work on the corpus
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
TOKEN = "safety-test-token"


@pytest.fixture(scope="module")
def server(
    corpus_store_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    settings = Settings(
        data_dir=corpus_store_dir,
        query_timeout=2,
        max_result_rows=5,
        query_workers=2,
        max_concurrent_queries=3,
        write_token=TOKEN,  # type: ignore[arg-type]
        cors_origins=["https://yasgui.example"],
    )
    with LiveServer(settings) as live:
        yield live


def _query(server: LiveServer, text: str, **headers: str) -> httpx.Response:
    return httpx.post(
        f"{server.url}/sparql",
        content=text.encode(),
        headers={"Content-Type": "application/sparql-query", **headers},
        timeout=60,
    )


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:{port}/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:{port}/> { ?s ?p ?o } }",
        "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:{port}/> { ?s ?p ?o } }",
        "SELECT * FROM <http://127.0.0.1:{port}/data.ttl> WHERE { ?s ?p ?o }",
        "SELECT * FROM NAMED <http://127.0.0.1:{port}/g> WHERE { GRAPH ?g { ?s ?p ?o } }",
        "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
    ],
)
def test_requests_that_would_reach_out_are_refused_and_reach_nothing(
    server: LiveServer, listener: Listener, template: str
) -> None:
    response = _query(server, template.replace("{port}", str(listener.port)))
    assert response.status_code == 400
    assert (
        "not allowed" in response.json()["detail"]
        or "only name graphs" in response.json()["detail"]
    )
    time.sleep(0.3)
    assert listener.connections == 0


def test_load_is_refused_even_with_the_token(server: LiveServer, listener: Listener) -> None:
    response = httpx.post(
        f"{server.url}/update",
        content=f"LOAD <http://127.0.0.1:{listener.port}/data.ttl>".encode(),
        headers={"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"},
    )
    assert response.status_code == 400
    assert "LOAD is not allowed" in response.json()["detail"]
    assert listener.connections == 0


def test_updates_need_the_token_and_the_update_endpoint(server: LiveServer) -> None:
    update = {"Content-Type": "application/sparql-update"}
    assert (
        httpx.post(f"{server.url}/update", content=b"DROP ALL", headers=update).status_code == 401
    )
    wrong = {**update, "Authorization": "Bearer not-the-token"}
    assert httpx.post(f"{server.url}/update", content=b"DROP ALL", headers=wrong).status_code == 401
    to_query = httpx.post(
        f"{server.url}/sparql",
        data={"update": "DROP ALL"},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert to_query.status_code == 400
    still_there = _query(server, "ASK { ?s ?p ?o }").json()
    assert still_there["boolean"] is True


def test_updates_are_off_without_a_configured_token(tmp_path: Path) -> None:
    with LiveServer(Settings(data_dir=tmp_path, query_workers=1)) as live:
        response = httpx.post(
            f"{live.url}/update",
            content=b"DROP ALL",
            headers={"Content-Type": "application/sparql-update", "Authorization": "Bearer x"},
        )
    assert response.status_code == 403


def test_a_runaway_query_is_stopped_while_others_are_answered(server: LiveServer) -> None:
    with ThreadPoolExecutor(max_workers=1) as background:
        started = time.monotonic()
        runaway = background.submit(_query, server, RUNAWAY)
        time.sleep(0.3)
        assert httpx.get(f"{server.url}/health", timeout=5).status_code == 200
        assert _query(server, "ASK { ?s ?p ?o }").status_code == 200  # the other worker
        response = runaway.result(timeout=60)
    elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert "limit" in response.json()["detail"]
    assert elapsed < 10  # stopped near the 2 s deadline, not run to the end
    # the stopped worker was replaced: the pool still answers on all its workers
    answers = [_query(server, "ASK { ?s ?p ?o }").status_code for _ in range(4)]
    assert answers == [200] * 4


def test_long_answers_are_cut_and_say_so(server: LiveServer) -> None:
    select = _query(server, "SELECT * WHERE { ?s ?p ?o }", Accept="text/csv")
    assert select.status_code == 200
    assert select.headers["X-Result-Truncated"].startswith("true; limit=5")
    assert len(select.text.strip().splitlines()) == 1 + 5  # header and five rows
    construct = _query(server, "CONSTRUCT WHERE { ?s ?p ?o }", Accept="application/n-triples")
    assert construct.headers["X-Result-Truncated"].startswith("true")
    assert len(construct.text.strip().splitlines()) == 5
    short = _query(server, "SELECT * WHERE { ?s ?p ?o } LIMIT 2")
    assert "X-Result-Truncated" not in short.headers
    assert short.headers["X-Result-Rows"] == "2"


def test_more_queries_than_the_cap_get_503_with_retry_after(server: LiveServer) -> None:
    with ThreadPoolExecutor(max_workers=6) as clients:
        answers = list(clients.map(lambda _: _query(server, RUNAWAY), range(6)))
    busy = [a for a in answers if a.status_code == 503 and "Retry-After" in a.headers]
    assert len(busy) >= 3  # at most three admitted at once
    assert all(a.status_code == 503 for a in answers)  # the admitted ones ran out of time
    assert _query(server, "ASK { ?s ?p ?o }").status_code == 200


def test_malformed_query_names_the_position(server: LiveServer) -> None:
    response = _query(server, "SELECT * WHERE { ?s ?p }")
    assert response.status_code == 400
    assert "error at 1:" in response.json()["detail"]


def test_declared_oversized_body_is_refused_before_it_is_sent(server: LiveServer) -> None:
    host, port = "127.0.0.1", int(server.url.rsplit(":", 1)[1])
    with socket.create_connection((host, port), timeout=10) as sock:
        sock.sendall(
            b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
            b"Content-Length: 1000000000\r\n\r\nSELECT"
        )
        reply = sock.recv(4096).decode("latin-1")
    assert reply.startswith("HTTP/1.1 413")


def test_cors_allows_the_configured_origin_only(server: LiveServer) -> None:
    preflight = {
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
    }
    allowed = httpx.options(
        f"{server.url}/sparql", headers={"Origin": "https://yasgui.example", **preflight}
    )
    assert allowed.headers.get("access-control-allow-origin") == "https://yasgui.example"
    other = httpx.options(
        f"{server.url}/sparql", headers={"Origin": "https://evil.example", **preflight}
    )
    assert other.headers.get("access-control-allow-origin") is None
