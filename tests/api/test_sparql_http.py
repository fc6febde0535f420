"""The SPARQL endpoint over real HTTP, on the ingested sample corpus."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import httpx
from spacy.language import Language

from coopgraph.api.ingest.service import IngestReport, ingest_documents, read_sources
from coopgraph.api.settings import Settings
from coopgraph.graph.store.embedded import OxigraphStore
from tests.conftest import CORPUS, SEED, LiveServer

PREFIXES = """
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX coop: <https://w3id.org/coopgraph/ns#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
"""
INSTITUTIONS = (
    PREFIXES
    + """
SELECT DISTINCT ?name WHERE { ?org a org:FormalOrganization ; skos:prefLabel ?name }
ORDER BY ?name
"""
)
MEMORANDA = (
    PREFIXES
    + """
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?party ?signatory WHERE {
  GRAPH ?doc {
    ?doc dcterms:identifier "000" .
    ?a a coop:MemorandumOfUnderstanding ; coop:party/skos:prefLabel ?party .
    OPTIONAL { ?a coop:signatory/foaf:name ?signatory }
  }
}
"""
)


def _names(response: httpx.Response) -> set[str]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    rows = response.json()["results"]["bindings"]
    return {row["name"]["value"] for row in rows}


def test_get_lists_the_seed_institutions(client: httpx.Client) -> None:
    names = _names(client.get("/sparql", params={"query": INSTITUTIONS}))
    assert {"Polotsk State University", "Al-Farabi Kazakh National University"} <= names


def test_post_form_and_direct_post_agree(client: httpx.Client) -> None:
    form = client.post("/sparql", data={"query": INSTITUTIONS})
    direct = client.post(
        "/sparql",
        content=INSTITUTIONS.encode(),
        headers={"Content-Type": "application/sparql-query"},
    )
    assert _names(form) == _names(direct)
    assert "Polotsk State University" in _names(form)


def test_the_seed_memorandum_has_both_parties_and_its_signatory(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": MEMORANDA})
    rows = response.json()["results"]["bindings"]
    parties = {r["party"]["value"] for r in rows}
    signatories = {r["signatory"]["value"] for r in rows if "signatory" in r}
    assert parties == {"Polotsk State University", "Al-Farabi Kazakh National University"}
    assert signatories == {"Kanatbek Nurtazinovich Mukanov"}


def test_malformed_query_is_a_400_with_the_parser_message(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": "SELEC ?x WHERE { ?x ?p ?o }"})
    assert response.status_code == 400
    assert "error at 1:" in response.json()["detail"]


def test_csv_when_asked(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": INSTITUTIONS}, headers={"Accept": "text/csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0] == ["name"]
    assert ["Polotsk State University"] in rows


def test_ask_and_construct(client: httpx.Client) -> None:
    ask = client.get("/sparql", params={"query": PREFIXES + "ASK { ?a a coop:Agreement }"})
    assert ask.json() == {"head": {}, "boolean": True}
    construct = client.get(
        "/sparql",
        params={"query": PREFIXES + "CONSTRUCT WHERE { ?o skos:prefLabel ?n } LIMIT 3"},
        headers={"Accept": "text/turtle"},
    )
    assert construct.status_code == 200
    assert construct.headers["content-type"].startswith("text/turtle")
    assert "prefLabel" in construct.text


def test_unsupported_requests_get_clear_4xx(client: httpx.Client) -> None:
    assert client.get("/sparql", params={"query": "SELEC * {}"}).status_code == 400
    assert (
        client.post("/sparql", content=b"x", headers={"Content-Type": "text/foo"}).status_code
        == 415
    )
    refused = client.get("/sparql", params={"query": INSTITUTIONS}, headers={"Accept": "image/png"})
    assert refused.status_code == 406


def test_oversized_query_is_413(tmp_path: Path) -> None:
    with LiveServer(Settings(data_dir=tmp_path, max_query_bytes=100)) as server:
        response = httpx.get(f"{server.url}/sparql", params={"query": INSTITUTIONS})
    assert response.status_code == 413


def test_data_survives_a_restart(nlp: Language, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    store = OxigraphStore(settings.store_path)
    report = IngestReport()
    ingest_documents(nlp, store, read_sources([SEED], report, 2_000_000), report)
    store.close()
    with LiveServer(settings) as first:
        before = _names(httpx.get(f"{first.url}/sparql", params={"query": INSTITUTIONS}))
    with LiveServer(settings) as again:
        after = _names(httpx.get(f"{again.url}/sparql", params={"query": INSTITUTIONS}))
    assert "Polotsk State University" in before
    assert after == before


def test_health(client: httpx.Client) -> None:
    response = client.get("/health")
    assert response.json()["status"] == "ok"
    assert response.json()["documents"] == len(list(CORPUS.iterdir()))
