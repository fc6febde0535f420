"""``coop_agreement_triggers``: mark the nouns that name agreements.

Phrases and their agreement types come from ``patterns/agreement_triggers.txt``;
the longest match wins ("memorandum of understanding" over "memorandum").
Matches go to ``doc.spans["coop_agreement_triggers"]`` with the type as label.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from extract.patterns import word_table

SPAN_KEY = "coop_agreement_triggers"


@Language.factory("coop_agreement_triggers")
def make_agreement_triggers(nlp: Language, name: str) -> AgreementTriggers:
    return AgreementTriggers(nlp)


class AgreementTriggers:
    def __init__(self, nlp: Language) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for phrase, kind in word_table("agreement_triggers").items():
            self.matcher.add(kind, [nlp.make_doc(phrase)])

    def __call__(self, doc: Doc) -> Doc:
        matches = [Span(doc, s, e, label=kind) for kind, s, e in self.matcher(doc)]
        doc.spans[SPAN_KEY] = filter_spans(matches)
        return doc
