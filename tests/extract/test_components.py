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


def test_the_full_pipeline_has_no_unmet_requirements(nlp: Language) -> None:
    problems = nlp.analyze_pipes()["problems"]
    assert all(not missing for missing in problems.values()), problems
