"""Ingestion over HTTP: one document, a batch job, listing, reading, deleting; bad input
gets a clear 4xx and never costs what was stored."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from coopgraph.api.settings import Settings
from tests.conftest import LiveServer

TOKEN = "documents-test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
FIXTURES = Path(__file__).parent.parent / "extract" / "fixtures"
RELEASE = {
    "id": "rtu-tsu",
    "url": "https://example.org/news/rtu-tsu",
    "title": "RTU and TSU sign a memorandum",
    "published": "2024-04-02",
    "text": "Riga Technical University signed a memorandum of understanding with "
    "Tomsk State University on 1 April 2024.",
}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("documents"),
        write_token=TOKEN,  # type: ignore[arg-type]
        max_document_bytes=5_000,
        query_workers=1,
    )
    with LiveServer(settings) as live:
        yield live


@pytest.fixture
def http(server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=60) as client:
        yield client


def _count(http: httpx.Client) -> int:
    return int(http.get("/documents").json()["total"])


def _ask(http: httpx.Client, query: str) -> bool:
    return bool(http.get("/sparql", params={"query": query}).json()["boolean"])


def test_post_a_document_then_read_query_and_delete_it(http: httpx.Client) -> None:
    created = http.post("/documents", json=RELEASE, headers=AUTH)
    assert created.status_code == 201, created.text
    key = created.json()["key"]
    assert created.headers["Location"] == f"/documents/{key}"
    again = http.post("/documents", json=RELEASE, headers=AUTH)
    assert again.status_code == 200 and again.json()["outcome"] == "unchanged"

    detail = http.get(f"/documents/{key}").json()
    assert detail["title"] == RELEASE["title"] and detail["published"] == "2024-04-02"
    orgs = {f["label"]: f for f in detail["facts"]["organizations"]}
    assert {"Riga Technical University", "Tomsk State University"} <= set(orgs)
    evidence = orgs["Tomsk State University"]["evidence"][0]
    assert RELEASE["text"][evidence["begin"] : evidence["end"]] == "Tomsk State University"
    assert detail["facts"]["agreements"][0]["evidence"][0]["sentence"].startswith("Riga Technical")

    # the SPARQL workers see the new graph at once
    rtu = "<https://w3id.org/coopgraph/id/org/riga-technical-university>"
    assert _ask(http, f"ASK {{ {rtu} ?p ?o }}")
    # and the network too
    partners = http.get("/network/node", params={"id": "Riga Technical University"}).json()
    assert [p["label"] for p in partners["partners"]] == ["Tomsk State University"]

    assert http.delete(f"/documents/{key}").status_code == 401
    assert http.delete(f"/documents/{key}", headers=AUTH).status_code == 204
    assert http.get(f"/documents/{key}").status_code == 404
    assert not _ask(http, f"ASK {{ {rtu} ?p ?o }}")  # no other document supported it
    assert http.delete(f"/documents/{key}", headers=AUTH).status_code == 404


def test_changed_text_under_the_same_url_is_an_update(http: httpx.Client) -> None:
    first = http.post("/documents", json=RELEASE, headers=AUTH).json()
    changed = {
        **RELEASE,
        "text": RELEASE["text"].replace("Tomsk State University", "Vilnius University"),
    }
    updated = http.post("/documents", json=changed, headers=AUTH)
    assert updated.status_code == 200 and updated.json()["outcome"] == "updated"
    assert updated.json()["key"] == first["key"]
    labels = {
        f["label"] for f in http.get(f"/documents/{first['key']}").json()["facts"]["organizations"]
    }
    assert "Vilnius University" in labels and "Tomsk State University" not in labels


def test_plain_text_and_html_bodies(http: httpx.Client) -> None:
    text = http.post(
        "/documents",
        content=b"Satbayev University signed an agreement with Polotsk State University.",
        params={"url": "https://example.org/plain", "title": "Plain"},
        headers={**AUTH, "Content-Type": "text/plain"},
    )
    assert text.status_code == 201
    html = http.post(
        "/documents",
        content=(FIXTURES / "page.html").read_bytes(),
        headers={**AUTH, "Content-Type": "text/html; charset=utf-8"},
    )
    assert html.status_code == 201, html.text
    detail = http.get(f"/documents/{html.json()['key']}").json()
    assert detail["url"] == "https://example.org/enu/news/vilnius-memorandum"


@pytest.mark.parametrize(
    ("body", "content_type", "status", "reason"),
    [
        (b'{"text": "', "application/json", 400, "malformed JSON"),
        (b'{"title": "no text"}', "application/json", 400, "'text' field"),
        (b"   ", "text/plain", 400, "empty text"),
        (b"abc\x00\x01", "text/plain", 400, "binary"),
        ("Universit\u00e9".encode("latin-1"), "text/plain", 400, "not valid UTF-8"),
        (b"x", "text/plain; charset=utf-16", 415, "UTF-8"),
        (b"%PDF-1.7", "application/pdf", 415, "text/plain"),
        (b"x" * 6000, "text/plain", 413, "5000 bytes"),
        (
            "Әл-Фараби атындағы Қазақ ұлттық университеті меморандумға қол қойды.".encode(),
            "text/plain",
            422,
            "not English or Russian",
        ),
    ],
)
def test_bad_input_is_a_clear_4xx_and_loses_nothing(
    http: httpx.Client, body: bytes, content_type: str, status: int, reason: str
) -> None:
    http.post("/documents", json={**RELEASE, "url": "https://example.org/kept"}, headers=AUTH)
    before = _count(http)
    response = http.post("/documents", content=body, headers={**AUTH, "Content-Type": content_type})
    assert response.status_code == status
    payload = response.json()
    assert reason in (payload.get("detail") or payload.get("reason", ""))
    assert _count(http) == before


def test_a_missing_html_dependency_is_a_clear_503_not_a_500(
    http: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    # an install that resolved lxml without its html_clean extra: trafilatura cannot load
    loaded = ("trafilatura", "justext", "lxml_html_clean", "lxml.html.clean")
    for name in [m for m in sys.modules if m.startswith(loaded)]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "lxml_html_clean", None)
    page = b"<html><body><p>Riga Technical University signed a memorandum.</p></body></html>"
    answer = http.post("/documents", content=page, headers={**AUTH, "Content-Type": "text/html"})
    assert answer.status_code == 503
    assert "lxml_html_clean" in answer.json()["detail"]
    assert "reinstall coopgraph" in answer.json()["detail"]


def test_writes_need_the_token(http: httpx.Client) -> None:
    assert http.post("/documents", json=RELEASE).status_code == 401
    assert (
        http.post("/documents", json=RELEASE, headers={"Authorization": "Bearer no"}).status_code
        == 401
    )
    batch = http.post(
        "/documents/batch", content=b"{}", headers={"Content-Type": "application/x-ndjson"}
    )
    assert batch.status_code == 401


def test_a_batch_runs_as_a_job_and_reports_each_outcome(http: httpx.Client) -> None:
    text = "Tomsk Polytechnic University signed a memorandum with Minsk State Linguistic University"
    lines = [
        {
            "id": f"b{i}",
            "url": f"https://example.org/batch/{i}",
            "text": f"{text} on {i + 1} May 2023.",
        }
        for i in range(5)
    ]
    body = "\n".join(json.dumps(line) for line in lines) + '\n{"text": ""}\nnot json\n'
    submitted = http.post(
        "/documents/batch",
        content=body.encode(),
        headers={**AUTH, "Content-Type": "application/x-ndjson"},
    )
    assert submitted.status_code == 202
    job_url = submitted.json()["status"]
    deadline = time.monotonic() + 60
    while (job := http.get(job_url).json())["status"] in ("queued", "running"):
        assert time.monotonic() < deadline
        time.sleep(0.1)
    assert job["status"] == "done"
    assert job["total"] == 7 and job["processed"] == 7
    assert job["outcomes"]["new"] == 5 and job["outcomes"]["failed"] == 2
    assert {e["source"] for e in job["errors"]} == {"<batch>:6", "<batch>:7"}
    assert http.get("/jobs/" + "0" * 32).status_code == 404


def test_listing_pages_through_documents(http: httpx.Client) -> None:
    total = _count(http)
    first = http.get("/documents", params={"limit": 2}).json()
    assert len(first["documents"]) == min(2, total)
    rest = http.get("/documents", params={"limit": 1000, "offset": 2}).json()
    keys = [d["key"] for d in first["documents"] + rest["documents"]]
    assert len(keys) == len(set(keys)) == total
    assert http.get("/documents/not-a-key").status_code == 422


def test_posted_texts_without_an_id_are_named_by_their_content(http: httpx.Client) -> None:
    ids = []
    for text in (
        "Satbayev University signed a memorandum with Polotsk State University.",
        "Tomsk State University signed a memorandum with Riga Technical University.",
    ):
        answer = http.post(
            "/documents", content=text, headers={**AUTH, "Content-Type": "text/plain"}
        )
        assert answer.status_code == 201, answer.text
        ids.append(answer.json()["id"])
    assert ids[0] != ids[1] and all(i.startswith("posted-") for i in ids)


def test_a_russian_release_lands_on_the_nodes_of_the_english_one(http: httpx.Client) -> None:
    """The seed memorandum told in English and in Russian: one node per institution and
    one for the signatory, named in both languages; the Russian forms stay as evidence."""
    corpus = Path(__file__).parent.parent.parent / "data" / "corpus"
    english = json.loads((corpus / "000-kaznu-polotsk.json").read_text("utf-8"))
    russian = json.loads((corpus.with_name("corpus-ru") / "200-kaznu-polotsk-ru.json").read_text())
    for release in (english, russian):
        posted = http.post("/documents", json=release, headers=AUTH)
        assert posted.status_code in (200, 201), posted.text
    rows = http.get(
        "/sparql",
        params={
            "query": """
            PREFIX coop: <https://w3id.org/coopgraph/ns#>
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            SELECT DISTINCT ?party ?ru WHERE {
              ?agreement a coop:MemorandumOfUnderstanding ; coop:party ?party .
              ?party skos:prefLabel ?ru FILTER(langMatches(lang(?ru), "ru")) }"""
        },
        headers={"Accept": "application/sparql-results+json"},
    ).json()["results"]["bindings"]
    parties = {r["party"]["value"].rsplit("/", 1)[-1]: r["ru"]["value"] for r in rows}
    kaznu = "Казахский национальный университет имени аль-Фараби"
    assert parties == {
        "al-farabi-kazakh-national-university": kaznu,
        "polotsk-state-university": "Полоцкий государственный университет",
    }
    signers = http.get(
        "/sparql",
        params={
            "query": """
            PREFIX coop: <https://w3id.org/coopgraph/ns#>
            PREFIX foaf: <http://xmlns.com/foaf/0.1/>
            SELECT DISTINCT ?person ?name WHERE {
              ?agreement a coop:MemorandumOfUnderstanding ; coop:signatory ?person .
              ?person foaf:name ?name }"""
        },
        headers={"Accept": "application/sparql-results+json"},
    ).json()["results"]["bindings"]
    person = "person/mukanov-k--al-farabi-kazakh-national-university"
    assert {r["person"]["value"] for r in signers} == {f"https://w3id.org/coopgraph/id/{person}"}
    names = {(r["name"]["value"], r["name"].get("xml:lang")) for r in signers}
    assert names == {("Kanatbek Nurtazinovich Mukanov", None), ("Канатбек Муканов", "ru")}
    # and the reader picks the language of the names: ?lang=, else Accept-Language
    page = "/organizations/polotsk-state-university"
    assert http.get(page).json()["label"] == "Polotsk State University"
    assert http.get(page, params={"lang": "ru"}).json()["label"] == (
        "Полоцкий государственный университет"
    )
    russian_reader = {"Accept-Language": "ru-RU,ru;q=0.9,en;q=0.8"}
    polotsk = http.get(page, headers=russian_reader).json()
    assert polotsk["label"] == "Полоцкий государственный университет"
    assert "Казахский национальный университет имени аль-Фараби" in {
        p["label"] for p in polotsk["partners"]
    }
    found = http.get("/people", params={"q": "Муканов", "lang": "ru"}).json()["results"]
    assert [p["label"] for p in found] == ["Канатбек Муканов"]
    found = http.get("/people", params={"q": "Муканов"}).json()["results"]
    assert [p["label"] for p in found] == ["Kanatbek Nurtazinovich Mukanov"]
    assert http.get(page, params={"lang": "de"}).status_code == 422
