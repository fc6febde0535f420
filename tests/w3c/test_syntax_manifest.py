"""The W3C SPARQL 1.1 query-syntax tests, sent to the live endpoint over HTTP:
every positive test is answered (200), every negative one refused with 400."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from rdflib import Graph, Namespace
from rdflib.collection import Collection
from rdflib.namespace import RDF

from coopgraph.api.settings import Settings
from tests.conftest import LiveServer

SYNTAX = Path(__file__).parent / "suite" / "syntax-query"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")


def _tests() -> list[tuple[str, Path, bool]]:
    g = Graph().parse(SYNTAX / "manifest.ttl", format="turtle")
    manifest = next(g.subjects(RDF.type, MF.Manifest))
    found = []
    for test in Collection(g, g.value(manifest, MF.entries)):
        kind = g.value(test, RDF.type)
        action = Path(urlsplit(str(g.value(test, MF.action))).path).name
        found.append(
            (str(test).rsplit("#", 1)[-1], SYNTAX / action, kind == MF.PositiveSyntaxTest11)
        )
    return found


TESTS = _tests()


def test_the_manifest_has_positive_and_negative_tests() -> None:
    positive = sum(1 for *_, p in TESTS if p)
    assert positive >= 60 and len(TESTS) - positive >= 30


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    settings = Settings(data_dir=tmp_path_factory.mktemp("w3c-syntax"), query_workers=2)
    with LiveServer(settings) as live:
        yield live


@pytest.mark.parametrize(("name", "path", "positive"), TESTS, ids=[t[0] for t in TESTS])
def test_syntax(server: LiveServer, name: str, path: Path, positive: bool) -> None:
    response = httpx.post(
        f"{server.url}/sparql",
        content=path.read_bytes(),
        headers={"Content-Type": "application/sparql-query"},
        timeout=30,
    )
    expected = 200 if positive else 400
    assert response.status_code == expected, response.text
