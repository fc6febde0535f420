"""Entity resolution: measured on labelled mentions, order-independent, no dev splits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language

from bench.bcubed import bcubed
from bench.resolution import resolve_labelled
from coopgraph.api.ingest.service import IngestReport, ingest_documents, read_sources
from coopgraph.extract.reading.sources import read_document
from coopgraph.extract.to_records import extract_documents
from coopgraph.graph.entities.resolve import (
    Corrections,
    GazetteerEntry,
    Resolver,
    default_resolver,
    fold,
    short_forms_within_document,
)
from coopgraph.graph.store.embedded import OxigraphStore
from tests.conftest import CORPUS, EVAL, needs_eval

DEV = EVAL / "dev"
ORGS = "SELECT DISTINCT ?o WHERE { ?o a <http://www.w3.org/ns/org#FormalOrganization> }"
PEOPLE = "SELECT DISTINCT ?o WHERE { ?o a <http://xmlns.com/foaf/0.1/Person> }"


def test_bcubed_known_answers() -> None:
    assert bcubed(["a", "a", "b"], ["x", "x", "y"]) == (1.0, 1.0)
    assert bcubed(["a", "a", "b"], ["x", "x", "x"]) == pytest.approx((5 / 9, 1.0))  # a wrong merge
    assert bcubed(["a", "a"], ["x", "y"]) == (1.0, 0.5)  # one missed merge


def test_bcubed_on_the_labelled_mentions() -> None:
    _, gold, predicted = resolve_labelled()
    precision, recall = bcubed(gold, predicted)
    assert precision >= 0.98  # a wrong merge costs more than a missed one
    assert recall >= 0.90


def test_hard_negatives_stay_apart() -> None:
    r = default_resolver()

    def iri(name: str, country: str | None = None) -> str:
        return r.organization(name, (), country, "university").iri

    assert iri("Kazakh National Medical University", "KZ") != iri(
        "Kazakh National University", "KZ"
    )
    assert iri("Vitebsk State University", "BY") != iri(
        "Vitebsk State Technological University", "BY"
    )
    assert iri("Lanzhou University of Technology", "CN") != iri("Lanzhou University", "CN")
    assert iri("Oxford Brookes University", "GB") != iri("University of Oxford", "GB")
    # the same acronym in two countries is two institutions
    assert iri("BSU", "BY") != iri("BSU", "AZ") != iri("BSU", "UZ")
    # a generic name without a country is not given to one country's institute
    inp = r.organization("Institute of Nuclear Physics", (), None, "research_institute")
    assert inp.rule == "name-key" and inp.iri.endswith("unplaced")


def test_variants_meet_and_say_why() -> None:
    r = default_resolver()
    forms = ["Al-Farabi KazNU", "al-Farabi Kazakh National University", "KazNU"]
    found = [r.organization(f, (), "KZ", "university") for f in forms]
    assert {f.iri for f in found} == {
        "https://w3id.org/coopgraph/id/org/al-farabi-kazakh-national-university"
    }
    assert [f.rule for f in found] == ["gazetteer-name", "gazetteer-name", "gazetteer-acronym"]
    fuzzy = r.organization("Gumiliov Eurasian National University", (), "KZ", "university")
    assert fuzzy.rule == "gazetteer-fuzzy" and 0.92 <= fuzzy.score < 1
    assert fold("Gumilyov") == fold("Gumilev")


def test_a_described_body_is_keyed_by_its_core_name() -> None:
    """One text names the consortium with its members, another only by its core."""
    r = default_resolver()
    core = "scientific and educational consortium"
    full = r.organization(
        f"{core} between universities of Kazakhstan and Belarus", [core], kind="consortium"
    )
    short = r.organization("Scientific and Educational Consortium", kind="consortium")
    assert full.iri == short.iri
    # a two-word core such as "working commission" is too vague to join documents
    commission = r.organization("working commission on the consortium", ["working commission"])
    assert commission.iri != r.organization("Working Commission").iri
    # a unit's own name is shared by the units of many institutions
    unit = r.organization("School of Law of Kyoto University", ["School of Law"])
    other = r.organization("School of Law of Ankara University", ["School of Law"])
    assert unit.iri != other.iri


def test_people_resolve_on_name_and_affiliation() -> None:
    r = default_resolver()
    kaznu, bsu = "https://w3id.org/coopgraph/id/org/kaznu", "https://w3id.org/coopgraph/id/org/bsu"
    assert (
        r.person("K. Mukanov", kaznu).iri == r.person("Kanatbek Nurtazinovich Mukanov", kaznu).iri
    )
    assert r.person("Kanat Mukanov", kaznu).iri != r.person("Kanat Mukanov", bsu).iri


def test_corrections_come_first() -> None:
    entry = GazetteerEntry("Alpha University", ("AU",), "KZ", "university", None, None)
    corrections = Corrections(
        merged={fold("Alpha Univ."): entry.iri},
        split={(fold("Alpha University"), entry.iri)},
    )
    r = Resolver([entry], corrections)
    assert r.organization("Alpha Univ.", (), "KZ", None).rule == "correction"
    kept_apart = r.organization("Alpha University", (), "KZ", None)
    assert kept_apart.iri != entry.iri and kept_apart.rule == "name-key"


def _entities(nlp: Language, paths: list[Path], store_path: Path) -> set[str]:
    store = OxigraphStore(store_path)
    report = IngestReport()
    ingest_documents(nlp, store, read_sources(paths, report, 2_000_000), report)
    assert report.count("failed") == 0, report.errors
    found = {r["o"].value for r in store.query(ORGS)} | {r["o"].value for r in store.query(PEOPLE)}
    store.close()
    return found


def test_ingestion_order_does_not_change_the_entities(nlp: Language, tmp_path: Path) -> None:
    files = sorted(CORPUS.iterdir())
    forward = _entities(nlp, files, tmp_path / "forward")
    backward = _entities(nlp, list(reversed(files)), tmp_path / "backward")
    assert forward == backward
    assert "https://w3id.org/coopgraph/id/org/al-farabi-kazakh-national-university" in forward


@needs_eval
def test_no_dev_institution_is_split_where_the_gold_makes_one(nlp: Language) -> None:
    """Every predicted organization whose name is one of a gold entity's names lands on
    one IRI, across all documents of ../shared/eval/dev."""
    resolver = default_resolver()
    gold_names: dict[str, str] = {}  # folded name → the gold entity's first name
    for path in sorted((DEV / "gold").glob("*.json")):
        for org in json.loads(path.read_text())["organizations"]:
            names = [org["name"], *org.get("aliases", [])]
            for name in names:
                gold_names.setdefault(fold(name), fold(names[0]))
    documents = [read_document(p) for p in sorted((DEV / "docs").glob("*.json"))]
    iris_of: dict[str, set[str]] = {}
    for extraction in extract_documents(nlp, documents):
        resolved = short_forms_within_document(
            {
                o.name: resolver.organization(o.name, o.aliases, o.country, o.type)
                for o in extraction.organizations
            }
        )
        for org in extraction.organizations:
            iri = resolved[org.name].iri
            for name in (org.name, *org.aliases):
                entity = gold_names.get(fold(name))
                if entity is not None:
                    iris_of.setdefault(entity, set()).add(iri)
    split = {entity: iris for entity, iris in iris_of.items() if len(iris) > 1}
    assert split == {}
    assert len(iris_of) >= 30
