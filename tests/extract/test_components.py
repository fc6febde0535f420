"""The spaCy components on hand-built ``Doc`` objects: no statistical model involved.

Each test fixes the tokens, tags and entities a parse would give, so what is
tested is the rule, not what en_core_web_sm happens to predict.
"""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from coopgraph.extract.components.agreement_triggers import SPAN_KEY, add_agreement_triggers
from coopgraph.extract.components.line_breaks import mark_line_starts


def _doc(nlp: Language, words: list[str], tags: list[str] | None = None) -> Doc:
    spaces = [w not in ("\n",) for w in words]
    sent_starts = [i == 0 for i in range(len(words))]
    return Doc(nlp.vocab, words=words, spaces=spaces, tags=tags, sent_starts=sent_starts)


def test_a_line_break_starts_a_sentence() -> None:
    nlp = spacy.blank("en")
    doc = _doc(nlp, ["Three", "agreements", ":", "\n", "Memorandum", "with", "A", "\n", "Contract"])
    mark_line_starts(doc)
    assert doc[4].is_sent_start and doc[8].is_sent_start
    assert not doc[5].is_sent_start


def test_the_trigger_ruler_takes_the_longest_phrase_with_its_type() -> None:
    nlp = spacy.blank("en")
    add_agreement_triggers(nlp)
    doc = nlp("They signed a Memorandum of Understanding and a cooperation agreement.")
    found = [(s.text, s.label_) for s in doc.spans[SPAN_KEY]]
    assert found == [
        ("Memorandum of Understanding", "memorandum"),
        ("cooperation agreement", "agreement"),
    ]


def test_the_trigger_ruler_is_spacys_own_span_ruler() -> None:
    nlp = spacy.blank("en")
    add_agreement_triggers(nlp)
    assert nlp.get_pipe_meta(SPAN_KEY).factory == "span_ruler"


def _institutions(words: list[str], tags: list[str], **config: str) -> Doc:
    nlp = spacy.blank("en")
    component = nlp.add_pipe("coop_institutions", config=config)
    return component(_doc(nlp, words, tags))  # type: ignore[no-any-return]


def test_a_name_is_found_by_its_head_word() -> None:
    words = ["Students", "of", "Polotsk", "State", "University", "arrived", "."]
    tags = ["NNS", "IN", "NNP", "NNP", "NNP", "VBD", "."]
    doc = _institutions(words, tags)
    assert [(e.text, e.label_) for e in doc.ents] == [("Polotsk State University", "ORG")]
    assert [s.text for s in doc.spans["coop_orgs"]] == ["Polotsk State University"]


def test_a_complement_belongs_to_the_name() -> None:
    words = ["the", "Ministry", "of", "Education", "of", "Kazakhstan", "said"]
    tags = ["DT", "NNP", "IN", "NNP", "IN", "NNP", "VBD"]
    doc = _institutions(words, tags)
    assert [e.text for e in doc.ents] == ["Ministry of Education of Kazakhstan"]


def test_an_acronym_is_an_institution_and_a_roman_numeral_is_not() -> None:
    words = ["KazNU", "hosted", "the", "VIII", "meeting"]
    tags = ["NNP", "VBD", "DT", "NNP", "NN"]
    doc = _institutions(words, tags)
    assert [e.text for e in doc.ents] == ["KazNU"]


def test_the_span_key_and_word_lists_come_from_the_config() -> None:
    words = ["Polotsk", "State", "University", "signed"]
    tags = ["NNP", "NNP", "NNP", "VBD"]
    doc = _institutions(words, tags, span_key="orgs")
    assert [s.text for s in doc.spans["orgs"]] == ["Polotsk State University"]
    # with another head-word list, "University" is no head and the name is not found
    assert _institutions(words, tags, heads="meeting_nouns").ents == ()


def _recognized(text: str, *names: str) -> Doc:
    """``text`` with ``names`` as the recognizer's ORG entities, through the institution
    finder as the shipped extractor runs it (the recognizer's names first)."""
    nlp = spacy.blank("en")
    component = nlp.add_pipe(
        "coop_institutions", config={"model_first": True, "shapes_with_model": []}
    )
    doc = nlp.make_doc(text)
    spans = []
    for name in names:
        start = text.index(name)
        span = doc.char_span(start, start + len(name), label="ORG")
        assert span is not None, name
        spans.append(span)
    doc.ents = spans
    return component(doc)  # type: ignore[no-any-return]


def test_a_unit_runs_on_over_the_body_it_belongs_to() -> None:
    text = (
        "The Institute of Physics under the Ministry of Energy and the Physical-Technical "
        "Institute of the Uzbekistan Academy of Sciences signed it."
    )
    doc = _recognized(text, "Institute of Physics", "Physical-Technical Institute")
    assert [e.text for e in doc.ents] == [
        "Institute of Physics under the Ministry of Energy",
        "Physical-Technical Institute of the Uzbekistan Academy of Sciences",
    ]
    # the unit and its body are each mentioned too
    assert {"Institute of Physics", "Ministry of Energy", "Uzbekistan Academy of Sciences"} <= {
        s.text for s in doc.spans["coop_orgs"]
    }


def test_a_university_does_not_run_on_over_its_partner() -> None:
    doc = _recognized("Kazan University of Ufa signed it.", "Kazan University")
    assert [e.text for e in doc.ents] == ["Kazan University"]
    doc = _recognized("Delegates of Osh University at the Ministry met.", "Osh University")
    assert [e.text for e in doc.ents] == ["Osh University"]


def test_an_agency_runs_on_over_the_office_it_is_under() -> None:
    text = "The Academy of Public Administration under the President of the Republic of "
    text += "Kazakhstan hosted it."
    doc = _recognized(text, "Academy of Public Administration")
    assert [e.text for e in doc.ents] == [
        "Academy of Public Administration under the President of the Republic of Kazakhstan"
    ]


def test_fields_listed_with_commas_belong_to_the_name() -> None:
    text = "The Tajik State University of Law, Business, and Politics and Osh University, Bishkek."
    doc = _recognized(text, "Tajik State University of Law", "Osh University")
    assert [e.text for e in doc.ents] == [
        "Tajik State University of Law, Business, and Politics",
        "Osh University",
    ]


def test_institutions_listed_with_commas_stay_apart() -> None:
    text = "The Ministry of Education, Kazinform and Reuters reported."
    doc = _recognized(text, "Ministry of Education", "Kazinform", "Reuters")
    assert [e.text for e in doc.ents] == ["Ministry of Education", "Kazinform", "Reuters"]
    text = "The University of Tehran, Sharif University and Kazan University met."
    doc = _recognized(text, "University of Tehran")
    assert doc.ents[0].text == "University of Tehran"


def test_a_short_name_in_quotes_belongs_to_the_name() -> None:
    text = 'Saint Petersburg Electrotechnical University "LETI" joined.'
    doc = _recognized(text, "Saint Petersburg Electrotechnical University")
    assert [e.text for e in doc.ents] == ['Saint Petersburg Electrotechnical University "LETI"']


def test_a_person_a_name_honours_stays_in_it() -> None:
    text = "Karaganda University named after Academician E.A. Buketov and Belarusian State "
    text += "Agrarian Technical University A.V. Kovalev met."
    doc = _recognized(
        text,
        "Karaganda University named after Academician E.A. Buketov",
        "Belarusian State Agrarian Technical University A.V. Kovalev",
    )
    assert [e.text for e in doc.ents] == [
        "Karaganda University named after Academician E.A. Buketov",
        "Belarusian State Agrarian Technical University",
    ]


def test_the_full_pipeline_has_no_unmet_requirements(nlp: Language) -> None:
    problems = nlp.analyze_pipes()["problems"]
    assert all(not missing for missing in problems.values()), problems


def test_a_mission_keeps_the_country_it_is_in() -> None:
    nlp = spacy.blank("en")
    component = nlp.add_pipe(
        "coop_institutions", config={"model_first": True, "shapes_with_model": []}
    )
    doc = nlp.make_doc("The Embassy of Azerbaijan in Kazakhstan and Kazan University met in Kazan.")
    doc.ents = [
        doc.char_span(4, 25, label="ORG"),  # Embassy of Azerbaijan
        doc.char_span(29, 39, label="GPE"),  # Kazakhstan
        doc.char_span(44, 60, label="ORG"),  # Kazan University
        doc.char_span(68, 73, label="GPE"),  # Kazan
    ]
    doc = component(doc)
    orgs = [e.text for e in doc.ents if e.label_ == "ORG"]
    assert orgs == ["Embassy of Azerbaijan in Kazakhstan", "Kazan University"]
