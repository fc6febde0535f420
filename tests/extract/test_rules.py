"""Known answers for single extraction rules, on handmade sentences."""

from __future__ import annotations

from spacy.language import Language

from extract.records import Document, Extraction
from extract.to_records import extract_document


def _extract(nlp: Language, text: str) -> Extraction:
    return extract_document(nlp, Document(id="t", text=text))


def test_memoranda_with_several_partners_are_bilateral(nlp: Language) -> None:
    x = _extract(
        nlp,
        "Belarusian National Technical University signed memoranda with the University of "
        "Zimbabwe, Lupane State University and Harare Institute of Technology.",
    )
    hub = "Belarusian National Technical University"
    assert {frozenset(a.parties) for a in x.agreements} == {
        frozenset({hub, "University of Zimbabwe"}),
        frozenset({hub, "Lupane State University"}),
        frozenset({hub, "Harare Institute of Technology"}),
    }


def test_a_singular_agreement_keeps_all_its_parties(nlp: Language) -> None:
    x = _extract(
        nlp,
        "Tomsk State University, Tomsk Polytechnic University and Siberian Federal University "
        "signed an agreement on joint research.",
    )
    assert len(x.agreements) == 1
    assert len(x.agreements[0].parties) == 3


def test_a_later_reference_to_the_memorandum_is_not_a_new_one(nlp: Language) -> None:
    x = _extract(
        nlp,
        "Satbayev University signed a memorandum of cooperation with Riga Technical University. "
        "Within this memorandum, the universities will exchange students.",
    )
    assert [a.type for a in x.agreements] == ["memorandum"]


def test_an_indefinite_agreement_without_parties_is_kept(nlp: Language) -> None:
    x = _extract(
        nlp,
        "The consortium works within the framework of a bilateral intergovernmental agreement.",
    )
    assert [(a.type, a.parties, a.status) for a in x.agreements] == [("agreement", (), "existing")]


def test_the_signing_of_a_memorandum_is_an_act(nlp: Language) -> None:
    x = _extract(
        nlp,
        "The visit of Udayana University was coupled with the signing of a Memorandum of "
        "Understanding with Manado State University.",
    )
    assert [set(a.parties) for a in x.agreements] == [
        {"Udayana University", "Manado State University"}
    ]


def test_possessive_inside_a_name(nlp: Language) -> None:
    x = _extract(nlp, "Kazakh National Women's Teacher Training University hosted the forum.")
    assert [o.name for o in x.organizations] == [
        "Kazakh National Women's Teacher Training University"
    ]


def test_plural_and_bare_heads_are_not_institutions(nlp: Language) -> None:
    x = _extract(
        nlp,
        "Chinese Universities sent delegations. The University welcomed Polotsk State University.",
    )
    assert [o.name for o in x.organizations] == ["Polotsk State University"]


def test_person_name_loses_trailing_codes(nlp: Language) -> None:
    x = _extract(
        nlp,
        "The grant is led by post-doctoral student Seilkhan Ainur AP19178093 at "
        "Abai Kazakh National Pedagogical University.",
    )
    assert "Seilkhan Ainur" in [p.name for p in x.people]
    assert all(not any(c.isdigit() for c in p.name) for p in x.people)
