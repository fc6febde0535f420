"""Inputs built to break parsers get a 4xx from every route, and the service stays up.

schemathesis (test_schemathesis.py) draws inputs from the schema's types; these
are the shapes it does not draw: nesting tens of thousands deep, lone
surrogates, codepoint escapes beyond Unicode, NULs, invalid percent-encoding,
every Unicode line separator inside a JSON Lines batch.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from coopgraph.api.settings import Settings
from coopgraph.extract.errors import InputError
from coopgraph.extract.reading.sources import documents_from_lines
from tests.conftest import LiveServer

TOKEN = "hostile-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
DEEP = 20_000
IN_URL = 2_000  # a request line past 16 KB is refused by the HTTP parser itself

# values for any parameter: each must be refused or answered, never a 500
HOSTILE_VALUES = [
    "{" * IN_URL + "}" * IN_URL,
    "(" * IN_URL + ")" * IN_URL,
    "[" * IN_URL,
    '\\UFFFFFFFF "\\U0010FFFF" \\uD800',
    "a\x00b",
    "\u2028\u2029\x85",
    "x" * 5_000,
    "-1",
    "99999999999999999999999",
    "NaN",
    "%",
]
# raw query strings no decoder may accept silently
BAD_QUERY_STRINGS = ["query=%FF", "query=ASK%00{}", "query=%ED%A0%80", "query=%C0%AF"]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("hostile"),
        write_token=TOKEN,  # type: ignore[arg-type]
        query_timeout=5,
        query_workers=2,
    )
    with LiveServer(settings) as live:
        yield live


def _routes(server: LiveServer) -> list[tuple[str, str, dict[str, Any]]]:
    spec = httpx.get(f"{server.url}/openapi.json").json()
    return [
        (method.upper(), path, operation)
        for path, operations in spec["paths"].items()
        for method, operation in operations.items()
    ]


def _assert_alive(server: LiveServer) -> None:
    assert httpx.get(f"{server.url}/health", timeout=10).status_code == 200


def test_no_route_answers_500_to_hostile_parameters(server: LiveServer) -> None:
    failures = []
    with httpx.Client(base_url=server.url, timeout=60, headers=AUTH) as http:
        for method, path, operation in _routes(server):
            for parameter in operation.get("parameters", []):
                for value in HOSTILE_VALUES:
                    url = path
                    params = {}
                    if parameter["in"] == "path":
                        url = path.replace("{" + parameter["name"] + "}", quote(value, safe=""))
                    else:
                        params[parameter["name"]] = value
                    status = http.request(method, url, params=params).status_code
                    if status >= 500 and status != 503:
                        failures.append((method, path, parameter["name"], value[:20], status))
    assert failures == []
    _assert_alive(server)


def test_no_route_answers_500_to_hostile_bodies(server: LiveServer) -> None:
    bodies = [
        ("application/json", b"[" * 100_000 + b"]" * 100_000),
        ("application/json", b'{"text": ' * 50_000 + b'"x"' + b"}" * 50_000),
        ("application/json", json.dumps({"text": "Rector \ud800 signed"}).encode()),
        ("application/json", b'{"text": "a\\u0000b", "title": "\\udfff"}'),
        ("application/json", b'{"text": "\\uDBFF\\uDFFF ok", "id": "\\ud83d"}'),
        ("text/plain", "x\u2028y".encode()),
        ("text/plain", b"\xff\xfe"),
        ("application/x-www-form-urlencoded", b"query=%FF&update=%00"),
        ("application/x-www-form-urlencoded", b"query=" + b"%7B" * DEEP),
        ("application/sparql-query", b'SELECT * { ?s ?p "\\UFFFFFFFF" }'),
        ("application/sparql-query", b"SELECT * " + b"{" * DEEP + b"}" * DEEP),
        ("application/sparql-update", b'INSERT DATA { <a:b> <a:c> "\\U00110000" }'),
        ("application/x-ndjson", b"[" * 100_000 + b"\n" + b'{"text": "\\ud800"}\n'),
    ]
    failures = []
    with httpx.Client(base_url=server.url, timeout=60, headers=AUTH) as http:
        for method, path, _ in _routes(server):
            if method != "POST":
                continue
            for media, body in bodies:
                response = http.post(path, content=body, headers={"Content-Type": media})
                if response.status_code >= 500 and response.status_code != 503:
                    failures.append((path, media, body[:30], response.status_code))
    assert failures == []
    _assert_alive(server)


def test_codepoint_escapes_beyond_unicode_are_a_query_error(server: LiveServer) -> None:
    for query in ['SELECT * { ?s ?p "\\UFFFFFFFF" }', 'SELECT * { ?s ?p "\\uD800" }']:
        answer = httpx.get(f"{server.url}/sparql", params={"query": query})
        assert answer.status_code == 400
        assert "not a Unicode character" in answer.json()["detail"]


def test_a_deeply_nested_update_costs_a_worker_not_the_service(server: LiveServer) -> None:
    update = "INSERT { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } } WHERE " + "{" * DEEP + "}" * DEEP
    answer = httpx.post(
        f"{server.url}/update",
        content=update.encode(),
        headers={**AUTH, "Content-Type": "application/sparql-update"},
        timeout=60,
    )
    assert answer.status_code == 400
    assert "could not be parsed" in answer.json()["detail"]
    nested_query = "SELECT * WHERE " + "{" * DEEP + "}" * DEEP
    answer = httpx.post(
        f"{server.url}/sparql",
        content=nested_query.encode(),
        headers={"Content-Type": "application/sparql-query"},
        timeout=60,
    )
    assert answer.status_code in (400, 503)
    _assert_alive(server)
    # a modest update still works afterwards, and is really written
    small = "INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } }"
    answer = httpx.post(
        f"{server.url}/update",
        content=small.encode(),
        headers={**AUTH, "Content-Type": "application/sparql-update"},
    )
    assert answer.status_code == 204
    ask = httpx.get(
        f"{server.url}/sparql",
        params={"query": "ASK { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } }"},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert ask.json()["boolean"] is True


@pytest.mark.parametrize("raw", BAD_QUERY_STRINGS)
def test_query_strings_that_are_not_text_are_refused(server: LiveServer, raw: str) -> None:
    answer = httpx.get(f"{server.url}/sparql?{raw}")
    assert answer.status_code == 400
    assert "query string" in answer.json()["detail"]


def test_an_accept_header_that_accepts_nothing_is_406(server: LiveServer) -> None:
    answer = httpx.get(
        f"{server.url}/sparql", params={"query": "ASK {}"}, headers={"Accept": "*/*;q=0"}
    )
    assert answer.status_code == 406


def test_a_500_never_happens_so_keep_alive_connections_survive_bad_input(
    server: LiveServer,
) -> None:
    with httpx.Client(base_url=server.url, timeout=30) as http:
        for _ in range(3):
            assert http.get(
                "/sparql", params={"query": 'ASK { ?s ?p "\\UFFFFFFFF" }'}
            ).is_client_error
            assert http.get("/sparql", params={"query": "ASK {}"}).status_code == 200


# -- JSON Lines ----------------------------------------------------------------

# every character str.splitlines() breaks on besides \n and \r; JSON allows the
# last three raw inside a string, and the others only escaped
SEPARATORS = ["\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
RAW_IN_JSON = {"\x85", "\u2028", "\u2029"}


def _line(doc_id: str, separator: str) -> str:
    # written by hand: json.dumps would escape the separator, and the point is a raw one
    return '{"id": "' + doc_id + '", "text": "First part.' + separator + ' Second part."}'


@pytest.mark.parametrize("separator", SEPARATORS, ids=[f"U+{ord(s):04X}" for s in SEPARATORS])
def test_json_lines_split_on_newlines_only(separator: str) -> None:
    found = list(documents_from_lines(_line("a", separator) + "\r\n" + _line("b", "") + "\n"))
    assert len(found) == 2  # one result per line, whatever the line holds
    assert getattr(found[1], "id", None) == "b"
    if separator in RAW_IN_JSON:
        assert getattr(found[0], "id", None) == "a"
    else:  # a raw control character is not JSON: that line alone fails
        assert isinstance(found[0], InputError)


def test_a_batch_with_raw_separators_and_a_hostile_line_keeps_every_valid_document(
    server: LiveServer,
) -> None:
    lines = [_line(f"sep-{i}", s) for i, s in enumerate(sorted(RAW_IN_JSON))]
    lines += ["[" * 100_000, '{"id": "surrogate", "text": "\\ud800"}']
    body = "\n".join(lines).encode()
    with httpx.Client(base_url=server.url, timeout=120, headers=AUTH) as http:
        accepted = http.post(
            "/documents/batch", content=body, headers={"Content-Type": "application/x-ndjson"}
        )
        assert accepted.status_code == 202
        assert accepted.json()["total"] == len(lines)
        job = accepted.json()["status"]
        deadline = time.monotonic() + 120
        while (state := http.get(job).json())["status"] not in ("done", "failed"):
            assert time.monotonic() < deadline
            time.sleep(0.5)
    assert state["status"] == "done"
    assert state["processed"] == len(lines)
    assert state["outcomes"].get("failed") == 2
    assert sum(state["outcomes"].values()) - 2 == len(RAW_IN_JSON)
