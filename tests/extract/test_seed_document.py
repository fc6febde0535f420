"""The user's own example, end to end through the extractor."""

from __future__ import annotations

import pytest
from spacy.language import Language

from coopgraph.extract.reading.sources import read_document
from coopgraph.extract.records import Extraction
from coopgraph.extract.to_records import extract_document
from tests.conftest import SEED


@pytest.fixture(scope="module")
def seed(nlp: Language) -> Extraction:
    return extract_document(nlp, read_document(SEED))


def test_institutions(seed: Extraction) -> None:
    orgs = {o.name: o for o in seed.organizations}
    assert {"Al-Farabi KazNU", "Polotsk State University"} <= set(orgs)
    assert orgs["Polotsk State University"].type == "university"
    assert orgs["Polotsk State University"].country == "BY"
    assert orgs["Al-Farabi KazNU"].country == "KZ"


def test_the_consortium_and_its_working_commission(seed: Extraction) -> None:
    """Both are named in lower case, by what they are; the consortium's later mentions
    ("The scientific and educational consortium of ...") are the same organization."""
    orgs = {o.name: o for o in seed.organizations}
    commission = next(n for n in orgs if n.startswith("working commission"))
    assert commission.endswith("of the scientific and educational consortium")
    (consortium,) = [o for o in seed.organizations if o.type == "consortium"]
    assert consortium.name.endswith("the Republic of Kazakhstan and the Republic of Belarus")
    assert "scientific and educational consortium" in consortium.aliases
    assert len(seed.organizations) == 4


def test_the_meeting_of_the_working_commission(seed: Extraction) -> None:
    (meeting,) = seed.meetings
    assert meeting.label.startswith("VIII meeting of the working commission")
    assert meeting.organizer is not None and meeting.organizer.startswith("working commission")
    assert meeting.participants == ("Al-Farabi KazNU",)


def test_vice_rector_with_role_alias_and_affiliation(seed: Extraction) -> None:
    (person,) = seed.people
    assert person.name == "Kanatbek Nurtazinovich Mukanov"
    assert "K. Mukanov" in person.aliases
    assert person.role is not None and "Vice-Rector for Operations" in person.role
    assert person.affiliation == "Al-Farabi KazNU"


def test_memorandum_parties_and_signatory(seed: Extraction) -> None:
    memoranda = [a for a in seed.agreements if a.type == "memorandum"]
    assert len(memoranda) == 1
    assert set(memoranda[0].parties) == {"Al-Farabi KazNU", "Polotsk State University"}
    assert memoranda[0].signatories == ("Kanatbek Nurtazinovich Mukanov",)
    assert memoranda[0].status == "signed"


def test_dates(seed: Extraction) -> None:
    assert seed.published_iso == "2021-11-17"
    assert {(d.iso, d.what) for d in seed.dates} >= {
        ("2021-11-17", "publication"),
        ("2011", "founding"),
    }


def test_evidence_points_into_the_text(seed: Extraction) -> None:
    text = seed.document.text
    for org in seed.organizations:
        for ev in org.evidence:
            assert text[ev.sentence_start : ev.sentence_start + len(ev.sentence)] == ev.sentence
            assert ev.sentence_start <= ev.start < ev.end <= ev.sentence_start + len(ev.sentence)
    polotsk = next(o for o in seed.organizations if o.name == "Polotsk State University")
    assert text[polotsk.evidence[0].start : polotsk.evidence[0].end] == "Polotsk State University"


def test_partner_relation(seed: Extraction) -> None:
    partners = {
        frozenset((r.subject, r.object)) for r in seed.relations if r.predicate == "partner_of"
    }
    assert frozenset(("Al-Farabi KazNU", "Polotsk State University")) in partners
