"""The whole service on an existing SPARQL server, used as users would: `oxigraph serve`
and Virtuoso 7 (Debian's virtuoso-opensource, anonymous /sparql with SPARQL_UPDATE
granted, and /sparql-auth with digest credentials)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from coopgraph.api.settings import Settings
from tests.api.test_cli import run
from tests.conftest import SEED, LiveServer, OxigraphServer, VirtuosoServer

TOKEN = "remote-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
RELEASE = {
    "url": "https://example.org/remote/1",
    "title": "RTU and Polotsk",
    "text": "Riga Technical University signed a memorandum of understanding with "
    "Polotsk State University on 3 June 2024.",
}


@pytest.fixture(scope="module", params=["oxigraph_server", "virtuoso_server"])
def remote_app(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    server: OxigraphServer | VirtuosoServer = request.getfixturevalue(request.param)
    server.clear()
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("remote-unused"),
        store_backend="sparql",
        sparql_query_url=server.query_url,
        sparql_update_url=server.update_url,
        write_token=TOKEN,  # type: ignore[arg-type]
        max_result_rows=5,
    )
    with LiveServer(settings) as live:
        yield live


def test_ingest_read_query_and_delete_through_the_server(remote_app: LiveServer) -> None:
    with httpx.Client(base_url=remote_app.url, timeout=60) as http:
        created = http.post("/documents", json=RELEASE, headers=AUTH)
        assert created.status_code == 201, created.text
        key = created.json()["key"]
        facts = http.get(f"/documents/{key}").json()["facts"]
        assert {"Riga Technical University", "Polotsk State University"} <= {
            f["label"] for f in facts["organizations"]
        }
        ask = http.get(
            "/sparql",
            params={
                "query": "ASK { ?o <http://www.w3.org/2004/02/skos/core#prefLabel> "
                "'Riga Technical University' }"
            },
        )
        assert ask.json()["boolean"] is True
        partners = http.get("/network/node", params={"id": "Riga Technical University"}).json()
        assert [p["label"] for p in partners["partners"]] == ["Polotsk State University"]
        assert http.get("/health").json()["documents"] == 1
        assert http.delete(f"/documents/{key}", headers=AUTH).status_code == 204
        assert http.get(f"/documents/{key}").status_code == 404


def test_the_endpoint_keeps_its_promises_on_a_server(remote_app: LiveServer) -> None:
    with httpx.Client(base_url=remote_app.url, timeout=60) as http:
        http.post("/documents", json=RELEASE, headers=AUTH)
        everything = http.get(
            "/sparql",
            params={"query": "SELECT * WHERE { ?s ?p ?o }"},
            headers={"Accept": "text/csv"},
        )
        assert everything.status_code == 200
        assert everything.headers["X-Result-Truncated"].startswith("true; limit=5")
        assert len(everything.text.strip().splitlines()) == 6
        turtle = http.get(
            "/sparql",
            params={"query": "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 3"},
            headers={"Accept": "text/turtle"},
        )
        assert turtle.headers["content-type"].startswith("text/turtle")
        bad = http.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p }"})
        assert bad.status_code == 400
        service = http.get(
            "/sparql", params={"query": "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"}
        )
        assert service.status_code == 400 and "SERVICE" in service.json()["detail"]


def _server_settings(kind: str, request: pytest.FixtureRequest) -> dict[str, str]:
    """The environment that points the CLI at one server, as its docs say to."""
    if kind == "oxigraph":
        oxigraph: OxigraphServer = request.getfixturevalue("oxigraph_server")
        oxigraph.clear()
        return {
            "COOPGRAPH_STORE_BACKEND": "sparql",
            "COOPGRAPH_SPARQL_QUERY_URL": oxigraph.query_url,
            "COOPGRAPH_SPARQL_UPDATE_URL": oxigraph.update_url,
        }
    virtuoso: VirtuosoServer = request.getfixturevalue("virtuoso_server")
    virtuoso.clear()
    return {  # the authenticated endpoint, with digest credentials
        "COOPGRAPH_STORE_BACKEND": "sparql",
        "COOPGRAPH_SPARQL_QUERY_URL": virtuoso.auth_url,
        "COOPGRAPH_SPARQL_USER": virtuoso.USER,
        "COOPGRAPH_SPARQL_PASSWORD": virtuoso.PASSWORD,
        "COOPGRAPH_SPARQL_AUTH": "digest",
    }


@pytest.mark.parametrize("kind", ["oxigraph", "virtuoso"])
def test_cli_ingests_to_a_server_and_moves_data_between_backends(
    kind: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    remote = _server_settings(kind, request)
    ingested = run("ingest", str(SEED), "--quiet", env=remote)
    assert ingested.returncode == 0 and "1 new" in ingested.stdout, ingested
    assert "ingested into the SPARQL server at http://127.0.0.1:" in ingested.stdout
    dump = tmp_path / "remote.nq"
    dumped = run("dump", str(dump), env=remote)
    assert dumped.returncode == 0, dumped
    local = tmp_path / "local"
    loaded = run(
        "load", str(dump), "--data-dir", str(local), env={"COOPGRAPH_STORE_BACKEND": "embedded"}
    )
    assert loaded.returncode == 0, loaded.stderr
    again = tmp_path / "local.nq"
    dumped_again = run("dump", str(again), "--data-dir", str(local))
    assert dumped_again.returncode == 0, dumped_again
    assert _by_value(dump) == _by_value(again)
    assert os.path.getsize(dump) > 10_000


def _by_value(path: Path) -> set[tuple[str, ...]]:
    """The dump's quads, with times compared by value: a store may write the same
    xsd:dateTime differently (Virtuoso "…09.542600Z", Oxigraph "…09.5426Z")."""
    quads = set()
    for quad in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS):
        term = quad.object
        if isinstance(term, ox.Literal) and term.datatype.value.endswith("#dateTime"):
            moment = datetime.fromisoformat(term.value.replace("Z", "+00:00"))
            value = moment.isoformat()
        else:
            value = str(term)
        quads.add((str(quad.subject), str(quad.predicate), value, str(quad.graph_name)))
    return quads
