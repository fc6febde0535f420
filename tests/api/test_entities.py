"""Entities as users see them: search by any name, details, corrections that last, the
user's own gazetteer."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from spacy.language import Language

import coopgraph.api.ingest.service
from coopgraph.api.ingest.service import IngestReport, ingest_documents, read_sources
from coopgraph.graph.entities.corrections import merge, read_corrections, split
from coopgraph.graph.entities.resolve import default_resolver
from coopgraph.graph.errors import CorrectionError
from coopgraph.graph.store.embedded import OxigraphStore
from tests.api.test_cli import run
from tests.conftest import CORPUS

KAZNU = "al-farabi-kazakh-national-university"


def test_search_finds_an_institution_by_any_name(client: httpx.Client) -> None:
    for q in ("KazNU", "al-farabi kaznu", "Al-Farabi Kazakh National University"):
        results = client.get("/organizations", params={"q": q}).json()["results"]
        assert results[0]["id"] == KAZNU, q
    assert results[0]["documents"] == 2  # the seed item and the BSU release, one node
    assert client.get("/organizations", params={"q": "nowhere at all"}).json()["results"] == []
    assert client.get("/organizations", params={"q": ""}).status_code == 422


def test_an_institution_with_everything_known(client: httpx.Client) -> None:
    data = client.get(f"/organizations/{KAZNU}").json()
    assert data["names"] == ["Al-Farabi Kazakh National University"]
    assert "Al-Farabi KazNU" in data["aliases"]
    assert data["country"] == "KZ" and data["country_iri"] == "http://www.wikidata.org/entity/Q232"
    partners = {p["label"] for p in data["partners"]}
    assert {"Polotsk State University", "Belarusian State University"} <= partners
    memorandum = next(a for a in data["agreements"] if "Polotsk State University" in a["parties"])
    assert memorandum["type"] == "MemorandumOfUnderstanding"
    assert "Polotsk State University" in memorandum["evidence"][0]["sentence"]
    assert {r["rule"] for r in data["resolutions"]} == {"gazetteer-name"}
    assert client.get("/organizations/no-such-institution").status_code == 404
    assert client.get("/organizations/Bad Id").status_code == 422


def test_people_by_name_with_affiliation_and_role(client: httpx.Client) -> None:
    (first, *_) = client.get("/people", params={"q": "K. Mukanov"}).json()["results"]
    person = client.get(f"/people/{first['id']}").json()
    assert person["names"] == ["Kanatbek Nurtazinovich Mukanov"]
    assert person["affiliations"][0]["label"] == "Al-Farabi Kazakh National University"
    assert person["affiliations"][0]["role"] == "Vice-Rector for Operations"
    assert person["agreements"][0]["type"] == "MemorandumOfUnderstanding"


def test_corrections_survive_reingestion(
    nlp: Language, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = OxigraphStore(tmp_path / "store")
    sources = [CORPUS / "101-tomsk-consortium.json", CORPUS / "104-belarus-kazakhstan.json"]
    ingest_documents(nlp, store, read_sources(sources, IngestReport(), 100_000), IngestReport())
    tsu = "https://w3id.org/coopgraph/id/org/tomsk-state-university"
    consortium = "https://w3id.org/coopgraph/id/org/siberian-engineering-consortium"
    done = merge(store, tsu, "Siberian Engineering Consortium")
    assert done["merged"] == consortium and done["graphs"] == 1
    assert bool(store.query(f"ASK {{ <{consortium}> ?p ?o }}")) is False
    assert read_corrections(store).merged  # recorded in the store

    # a newer extractor re-reads the documents: the merge still holds
    monkeypatch.setattr(
        coopgraph.api.ingest.service, "extractor_id", lambda nlp: "a newer extractor"
    )
    again = IngestReport()
    ingest_documents(nlp, store, read_sources(sources, IngestReport(), 100_000), again)
    assert again.count("updated") == 2
    assert bool(store.query(f"ASK {{ <{consortium}> ?p ?o }}")) is False
    alt = "<http://www.w3.org/2004/02/skos/core#altLabel>"
    labels = {r["l"].value for r in store.query(f"SELECT ?l WHERE {{ <{tsu}> {alt} ?l }}")}
    assert "Siberian Engineering Consortium" in labels

    split(store, tsu, "Siberian Engineering Consortium", default_resolver())
    assert bool(store.query(f"ASK {{ <{consortium}> ?p ?o }}")) is True
    monkeypatch.setattr(
        coopgraph.api.ingest.service, "extractor_id", lambda nlp: "an even newer extractor"
    )
    ingest_documents(nlp, store, read_sources(sources, IngestReport(), 100_000), IngestReport())
    assert bool(store.query(f"ASK {{ <{consortium}> ?p ?o }}")) is True

    # a name the entity does not carry: an error, and nothing is recorded
    before = read_corrections(store)
    with pytest.raises(CorrectionError, match="carries no name 'Tomsk Polytechnic Academy'"):
        split(store, tsu, "Tomsk Polytechnic Academy", default_resolver())
    assert read_corrections(store) == before
    store.close()


def test_the_users_gazetteer_places_new_institutions(tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    added = run(
        "gazetteer", "add", "Karakalpak State University", "--alias", "Nukus State University",
        "--country", "uz", "--type", "university", "--data-dir", data,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    bad = tmp_path / "bad.csv"
    bad.write_text("name,aliases,country,type,wikidata,ror\nSomething,,Uzbekistan,,,\n")
    refused = run("gazetteer", "import", str(bad), "--data-dir", data)
    assert refused.returncode != 0 and "ISO 3166" in refused.stderr
    repeated = tmp_path / "repeated.csv"
    repeated.write_text(
        "name,aliases,country,type,wikidata,ror\nKazakh University of Almaty,KazNU,KZ,,,\n"
    )
    noted = run("gazetteer", "import", str(repeated), "--data-dir", str(tmp_path / "other"))
    assert noted.returncode == 0, noted.stderr
    assert "'KazNU' is already a name of an institution in the built-in gazetteer" in noted.stderr
    doc = tmp_path / "news.txt"
    doc.write_text(
        "Nukus State University signed a memorandum of understanding with "
        "Tashkent State Technical University."
    )
    assert run("ingest", str(doc), "--data-dir", data, "--quiet").returncode == 0
    found = run("entities", "search", "Nukus State University", "--data-dir", data)
    assert found.returncode == 0, found.stderr
    results = json.loads(found.stdout)
    assert len(results) == 1, found.stdout
    (result,) = results
    assert result["id"] == "karakalpak-state-university"


def test_consortia_are_found_by_name(client: httpx.Client) -> None:
    results = client.get("/organizations", params={"q": "consortium"}).json()["results"]
    assert "Siberian Engineering Consortium" in {r["label"] for r in results}
