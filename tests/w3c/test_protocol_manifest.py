"""The W3C SPARQL 1.1 Protocol test suite, run over HTTP against the live app.

The manifest (tests/w3c/suite/protocol/manifest.ttl) lists HTTP
requests with the answers a conforming service gives. Its ``/sparql/`` paths
become our endpoints: updates (a ``application/sparql-update`` body or an
``update=`` form) go to ``/update`` with the bearer token, everything else to
``/sparql``. Each test starts from a store holding only the data files it names.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from rdflib import Graph, Namespace
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS

from coopgraph.api.settings import Settings
from tests.conftest import LiveServer

PROTOCOL = Path(__file__).parent / "suite" / "protocol"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
TOKEN = "protocol-test-token"

TABULAR = {
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
}
BOOLEAN = {"application/sparql-results+json", "application/sparql-results+xml"}
RDF_TYPES = {
    "text/turtle",
    "application/n-triples",
    "application/rdf+xml",
    "application/ld+json",
    "text/plain",
}


@dataclass(frozen=True)
class Step:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    status_classes: frozenset[str]
    result_format: str | None
    boolean: bool | None


@dataclass(frozen=True)
class ProtocolTest:
    name: str
    data: dict[str, Path]  # graph name → N-Triples file
    steps: list[Step]


def _manifest() -> list[ProtocolTest]:
    g = Graph().parse(PROTOCOL / "manifest.ttl", format="turtle")
    manifest = next(g.subjects(RDF.type, MF.Manifest))
    tests = []
    for test in Collection(g, g.value(manifest, MF.entries)):
        data = {}
        for item in g.objects(test, UT.graphData):
            file = g.value(item, UT.graph)
            data[str(g.value(item, RDFS.label))] = PROTOCOL / Path(urlsplit(str(file)).path).name
        action = g.value(test, MF.action)
        steps = [_step(g, request) for request in Collection(g, g.value(action, HT.requests))]
        tests.append(ProtocolTest(str(test).rsplit("#", 1)[-1], data, steps))
    return tests


def _step(g: Graph, request: object) -> Step:
    headers = {}
    header_list = g.value(request, HT.headers)  # type: ignore[arg-type]
    if header_list is not None:
        for header in Collection(g, header_list):
            headers[str(g.value(header, HT.fieldName))] = str(g.value(header, HT.fieldValue))
    body_node = g.value(request, HT.body)  # type: ignore[arg-type]
    body = None
    if body_node is not None:
        encoding = str(g.value(body_node, CNT.characterEncoding) or "UTF-8")
        body = str(g.value(body_node, CNT.chars)).encode(encoding)
    response = g.value(request, HT.resp)  # type: ignore[arg-type]
    statuses = frozenset(str(s).rsplit("#", 1)[-1] for s in g.objects(response, MF.expectedStatus))
    expected_format = g.value(response, MF.expectedFormat)
    expected_boolean = g.value(response, MF.expectedBoolean)
    return Step(
        method=str(g.value(request, HT.methodName)),  # type: ignore[arg-type]
        path=str(g.value(request, HT.absolutePath)),  # type: ignore[arg-type]
        headers=headers,
        body=body,
        status_classes=statuses,
        result_format=str(expected_format) if expected_format is not None else None,
        boolean=bool(expected_boolean.toPython()) if expected_boolean is not None else None,
    )


TESTS = _manifest()


def test_the_manifest_has_all_34_tests() -> None:
    assert len(TESTS) == 34


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("w3c-protocol"),
        write_token=TOKEN,  # type: ignore[arg-type]
        query_workers=2,
    )
    with LiveServer(settings) as live:
        yield live


def _is_update(step: Step) -> bool:
    content_type = step.headers.get("content-type", "")
    body = step.body or b""
    return step.method == "POST" and (
        content_type.startswith("application/sparql-update") or body.startswith(b"update=")
    )


def _send(client: httpx.Client, step: Step) -> httpx.Response:
    endpoint = "/update" if _is_update(step) else "/sparql"
    path = endpoint + step.path.removeprefix("/sparql/")
    headers = dict(step.headers)
    if endpoint == "/update":
        headers["Authorization"] = f"Bearer {TOKEN}"
    if step.body is not None and "content-type" not in {k.lower() for k in headers}:
        # the test means "no media type": httpx must not invent one
        headers["Content-Type"] = ""
    return client.request(step.method, path, headers=headers, content=step.body)


def _reset(client: httpx.Client, data: dict[str, Path]) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/sparql-update"}
    updates = ["DROP ALL"]
    for name, file in data.items():
        updates.append(f"INSERT DATA {{ GRAPH <{name}> {{ {file.read_text()} }} }}")
    response = client.post("/update", content=" ;\n".join(updates).encode(), headers=auth)
    assert response.status_code == 204, response.text


def _boolean(response: httpx.Response) -> bool:
    media = response.headers["content-type"].split(";")[0]
    if media == "application/sparql-results+json":
        return bool(json.loads(response.content)["boolean"])
    return b"<boolean>true</boolean>" in response.content


def _check(step: Step, response: httpx.Response) -> None:
    status_class = f"StatusCode{response.status_code // 100}xx"
    assert status_class in step.status_classes, (response.status_code, response.text)
    media = response.headers.get("content-type", "").split(";")[0]
    if step.result_format == "boolean":
        assert media in BOOLEAN
    elif step.result_format == "tabular":
        assert media in TABULAR
    elif step.result_format == "RDF":
        assert media in RDF_TYPES
        Graph().parse(data=response.content, format=media)
    if step.boolean is not None:
        assert _boolean(response) is step.boolean


@pytest.mark.parametrize("test", TESTS, ids=[t.name for t in TESTS])
def test_protocol(server: LiveServer, test: ProtocolTest) -> None:
    with httpx.Client(base_url=server.url, timeout=30) as client:
        _reset(client, test.data)
        for step in test.steps:
            _check(step, _send(client, step))


def test_an_update_without_the_token_changes_nothing(server: LiveServer) -> None:
    # updates without the token change nothing
    with httpx.Client(base_url=server.url, timeout=30) as client:
        _reset(client, {"http://example.org/kept": PROTOCOL / "data1.nt"})
        refused = client.post(
            "/update", content=b"DROP ALL", headers={"Content-Type": "application/sparql-update"}
        )
        assert refused.status_code == 401
        ask = client.get(
            "/sparql", params={"query": "ASK { GRAPH <http://example.org/kept> { ?s ?p ?o } }"}
        )
        assert ask.json()["boolean"] is True
