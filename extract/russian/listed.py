"""Partners given as a list after a colon (see :mod:`coopgraph.extract.lists`):

    Белорусский государственный университет подписал соглашения … с тремя вузами Кубы.
    Новыми партнерами университета стали:
    • Высшая школа государственных и правительственных кадров Кубы;
    • Университет Гуантанамо;

The sentence of the document word (or one of the two after it, when they name no
document word of their own) ends with a colon; each item gives the first
institution named in it.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from coopgraph.extract.lists import first_named_in_each, list_after
from coopgraph.extract.russian.lexicon import AGREEMENT_WORDS
from coopgraph.extract.russian.orgs import OrgCluster

_LEAD_SENTENCES = 3  # the colon may close the document word's sentence or one of the next two


def listed_orgs(doc: Doc, sent: Span, orgs: list[OrgCluster]) -> list[OrgCluster]:
    """The institutions listed right after ``sent`` (or a sentence after it), in order."""
    items = list_after(doc, sent, _LEAD_SENTENCES, _names_a_document)
    named = [(int(m.span.start_char), org) for org in orgs for m in org.mentions]
    return first_named_in_each(items, named)


def _names_a_document(sent: Span) -> bool:
    """A later document word: a list after it is that one's."""
    return any(t.lemma_.lower() in AGREEMENT_WORDS for t in sent)
