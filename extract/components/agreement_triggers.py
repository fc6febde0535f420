"""``coop_agreement_triggers``: the nouns that name agreements, found by spaCy's ``span_ruler``.

Phrases and their agreement types come from ``patterns/agreement_triggers.txt``
and are matched case-insensitively; where phrases overlap the longest wins
("memorandum of understanding" over "memorandum"). Matches go to
``doc.spans["coop_agreement_triggers"]`` with the type as label.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.pipeline import SpanRuler

from coopgraph.extract.patterns import word_table

SPAN_KEY = "coop_agreement_triggers"
PATTERNS = "agreement_triggers"


def add_agreement_triggers(nlp: Language, after: str | None = None) -> SpanRuler:
    """Add the trigger ruler: a ``span_ruler`` named ``coop_agreement_triggers``."""
    ruler = nlp.add_pipe(
        "span_ruler",
        name=SPAN_KEY,
        after=after,
        config={
            "spans_key": SPAN_KEY,
            "phrase_matcher_attr": "LOWER",
            "spans_filter": {"@misc": "spacy.first_longest_spans_filter.v1"},
            "overwrite": True,
        },
    )
    assert isinstance(ruler, SpanRuler)
    ruler.add_patterns(trigger_patterns())
    return ruler


def trigger_patterns(name: str = PATTERNS) -> list[dict[str, Any]]:
    """The word table as span-ruler phrase patterns: ``{"label": type, "pattern": phrase}``."""
    return [{"label": kind, "pattern": phrase} for phrase, kind in word_table(name).items()]
