"""Nothing that evaluates SPARQL can reach the network, whatever the guard misses.

Two walls, each tested on its own. The guard refuses every spelling the SPARQL
grammar allows for SERVICE, LOAD and FROM: comments ended by CR, LF or both
(the grammar's comment rule), every whitespace character (its WS rule),
codepoint escapes in keywords and IRIs (the forms of the W3C syntax suite's
codepoint-escape tests), local-name escapes, any letter case. Behind it,
query workers and the update thread cannot open a socket: the same tricks
evaluated by Oxigraph with no guard at all reach nothing.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from coopgraph.api.settings import Settings
from coopgraph.graph.sparql.sandbox import SandboxedThread, can_connect, isolate_process
from tests.conftest import Listener, LiveServer

TOKEN = "walls-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}

# Where the grammar lets a keyword hide from a reader that gets one rule wrong.
COMMENT_ENDS = ["\r", "\n", "\r\n"]
WHITESPACE = [" ", "\t", "\r", "\n"]


def _keyword_forms(word: str) -> list[str]:
    """SERVICE as the grammar lets it be spelled: any case, codepoint escapes."""
    return [
        word,
        word.lower(),
        word[0] + word[1:].lower(),
        f"\\u{ord(word[0]):04X}{word[1:]}",
        f"\\U{ord(word[0]):08X}{word[1:]}",
        f"{word[:-1]}\\u{ord(word[-1].lower()):04x}",
    ]


def _iri_forms(url: str) -> list[str]:
    host_escaped = url.replace("127", "\\u0031\\u0032\\u0037", 1)
    return [f"<{url}>", f"<{host_escaped}>", "ex:target"]


def query_tricks(url: str) -> list[str]:
    # ex:target names the listener's /target path: same host and port
    prefix = f"PREFIX ex: <{url.rsplit('/', 1)[0]}/> "
    tricks = []
    for end in COMMENT_ENDS:
        for keyword in _keyword_forms("SERVICE"):
            tricks.append(
                f"{prefix}SELECT * WHERE {{ # hidden?{end}{keyword} <{url}> {{ ?s ?p ?o }} }}"
            )
        tricks.append(f"{prefix}SELECT * # x{end}FROM <{url}> WHERE {{ ?s ?p ?o }}")
        tricks.append(f"{prefix}SELECT * # x{end}FROM NAMED <{url}> {{ GRAPH ?g {{ ?s ?p ?o }} }}")
    for space in WHITESPACE:
        for iri in _iri_forms(url):
            tricks.append(f"{prefix}SELECT *{space}WHERE{{SERVICE{space}{iri}{{?s ?p ?o}}}}")
            tricks.append(f"{prefix}SELECT *{space}FROM{space}{iri}{space}WHERE{{?s ?p ?o}}")
    tricks.append(f"{prefix}SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}")
    tricks.append(f"{prefix}SELECT * WHERE {{ # x\\u000ASERVICE <{url}> {{ ?s ?p ?o }} }}")
    return tricks


def update_tricks(url: str) -> list[str]:
    tricks = []
    for end in COMMENT_ENDS:
        for keyword in _keyword_forms("LOAD"):
            tricks.append(f"INSERT DATA {{ <urn:a> <urn:b> 1 }} ; # x{end}{keyword} <{url}>")
        tricks.append(
            f"INSERT {{ <urn:a> <urn:b> ?o }} WHERE {{ # x{end}SERVICE <{url}> {{ ?s ?p ?o }} }}"
        )
    for space in WHITESPACE:
        tricks.append(f"LOAD{space}SILENT{space}<{url}>{space}INTO GRAPH <urn:g>")
    return tricks


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("walls"),
        write_token=TOKEN,  # type: ignore[arg-type]
        query_timeout=5,
        query_workers=2,
    )
    with LiveServer(settings) as live:
        yield live


def test_every_spelling_of_service_from_and_load_is_refused_and_reaches_nothing(
    server: LiveServer, listener: Listener
) -> None:
    with httpx.Client(base_url=server.url, timeout=30) as http:
        for trick in query_tricks(listener.url):
            answer = http.post(
                "/sparql",
                content=trick.encode(),
                headers={"Content-Type": "application/sparql-query"},
            )
            assert answer.status_code == 400, (trick, answer.text)
        for trick in update_tricks(listener.url):
            answer = http.post(
                "/update",
                content=trick.encode(),
                headers={**AUTH, "Content-Type": "application/sparql-update"},
            )
            assert answer.status_code == 400, (trick, answer.text)
    time.sleep(0.3)
    assert listener.connections == 0


def test_keywords_in_literals_and_variables_are_not_mistaken(server: LiveServer) -> None:
    query = 'SELECT ?service ?from WHERE { VALUES (?service ?from) { ("LOAD" "SERVICE") } }'
    answer = httpx.post(
        f"{server.url}/sparql",
        content=query.encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"},
    )
    assert answer.status_code == 200
    assert answer.text.splitlines()[1] == "LOAD,SERVICE"


def test_health_names_the_walls_around_query_workers(server: LiveServer) -> None:
    health = httpx.get(f"{server.url}/health").json()
    assert "seccomp" in health["sandbox"] or "netns" in health["sandbox"]


def _evaluate_unguarded(url: str, queries: list[str], answers: multiprocessing.Queue) -> None:
    """In a process walled as a query worker is: Oxigraph with no guard in front."""
    walls = isolate_process()
    store = ox.Store()
    reached = []
    for query in queries:
        try:
            solutions = store.query(query)
            # a failed SERVICE SILENT gives one empty solution; a bound one came from outside
            if any(solution["s"] is not None for solution in solutions):  # type: ignore[union-attr]
                reached.append(query)
        except (OSError, SyntaxError, ValueError, RuntimeError):
            pass  # the connection was refused inside the process
    answers.put((walls, can_connect(), reached))


def test_a_walled_worker_reaches_nothing_even_without_the_guard(listener: Listener) -> None:
    services = [t for t in query_tricks(listener.url) if "FROM" not in t.upper()]
    context = multiprocessing.get_context("spawn")
    answers: multiprocessing.Queue = context.Queue()
    process = context.Process(target=_evaluate_unguarded, args=(listener.url, services, answers))
    process.start()
    walls, connect, reached = answers.get(timeout=120)
    process.join(timeout=30)
    assert walls, "no wall could be raised on this machine"
    assert connect is False
    assert listener.connections == 0
    assert reached == [], "SERVICE answered from inside the wall"


def test_the_update_thread_cannot_load_even_without_the_guard(
    listener: Listener, tmp_path: Path
) -> None:
    thread = SandboxedThread(stack_bytes=8 * 1024 * 1024)
    store = ox.Store(str(tmp_path / "store"))
    try:
        assert thread.walls == ["seccomp"]
        assert thread.run(can_connect) is False
        with pytest.raises(OSError):
            thread.run(lambda: store.update(f"LOAD <{listener.url}> INTO GRAPH <urn:g>"))
        assert can_connect() is True  # the wall binds that thread, not the server
    finally:
        thread.close()
    time.sleep(0.3)
    assert listener.connections == 0
