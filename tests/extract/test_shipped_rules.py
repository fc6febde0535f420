"""Known answers of the shipped extractor (the fine-tuned recognizer and the trained
scorers with the rules around them) on handmade texts: what the rules add to the
trained parts, where the rules alone (``test_rules``) would read the text otherwise."""

from __future__ import annotations

from spacy.language import Language

from coopgraph.extract.records import Document, Extraction
from coopgraph.extract.to_records import extract_document


def _extract(nlp: Language, text: str) -> Extraction:
    return extract_document(nlp, Document(id="t", text=text))


def test_memoranda_exchanged_with_a_list_of_partners_are_one_each(nlp: Language) -> None:
    x = _extract(
        nlp,
        "KUALA LUMPUR, 3 November 2021 – Petroliam Nasional Berhad (PETRONAS) today "
        "exchanged Memoranda of Understanding with local universities at a ceremony.\n\n"
        "The MoUs were concluded with the following institutions:\n"
        "• Universiti Putra Malaysia\n• Universiti Utara Malaysia\n• Universiti Malaya\n\n"
        "The company said the partnerships would help.",
    )
    parties = sorted(sorted(a.parties) for a in x.agreements)
    assert parties == [
        ["Petroliam Nasional Berhad", "Universiti Malaya"],
        ["Petroliam Nasional Berhad", "Universiti Putra Malaysia"],
        ["Petroliam Nasional Berhad", "Universiti Utara Malaysia"],
    ]
    assert all(a.type == "memorandum" and a.date_iso == "2021-11-03" for a in x.agreements)


def test_the_outlet_reporting_a_memorandum_is_no_party_to_it(nlp: Language) -> None:
    x = _extract(
        nlp,
        "27 September 2023\n\n(MENAFN – AzerNews) A Memorandum of Understanding on "
        "Cooperation has been signed in Baku between the Caspian Heritage Foundation and the "
        "Ganja State University, Azernews reports.",
    )
    assert [sorted(a.parties) for a in x.agreements] == [
        ["Caspian Heritage Foundation", "Ganja State University"]
    ]


def test_a_signatory_named_sentences_after_the_agreement(nlp: Language) -> None:
    x = _extract(
        nlp,
        "Kazan Federal University and Osh State University signed a memorandum of "
        "understanding on 5 May 2024. The ceremony took place in the rector's office in "
        "Kazan. It was attended by the heads of both international offices. The document "
        "was signed by Lenar Safin, Rector of Kazan Federal University.",
    )
    (agreement,) = x.agreements
    assert agreement.signatories == ("Lenar Safin",)
