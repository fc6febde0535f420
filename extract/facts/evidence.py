"""Evidence of a fact: the sentence it was read in and its character span."""

from __future__ import annotations

from spacy.tokens import Span

from coopgraph.extract.records import Evidence


def evidence_of(span: Span, confidence: float = 1.0) -> Evidence:
    sent = span.sent
    return Evidence(
        # a sentence token can carry the line break after it; offsets stay valid
        sentence=sent.text.rstrip(),
        start=span.start_char,
        end=span.end_char,
        sentence_start=sent.start_char,
        confidence=confidence,
    )
