"""Parties given as a list after a colon (see :mod:`coopgraph.extract.lists`):

    … signed cooperation agreements with three Belarusian organisations:
    • the Centre for the Belarusian Culture, Language and Literature Research …;
    • the State Literary Museum …

The agreement's sentence (or one of the two after it, when they hold no
agreement of their own) ends with a colon; each item gives the first
institution it names.
"""

from __future__ import annotations

from spacy.tokens import Span

from coopgraph.extract.components.agreement_triggers import SPAN_KEY
from coopgraph.extract.facts.orgs import OrgCluster, is_news_source
from coopgraph.extract.lists import first_named_in_each, list_after

_LEAD_SENTENCES = 3  # "… signed agreements. The parties are:" may come a sentence later


def listed_parties(trigger: Span, orgs: list[OrgCluster]) -> list[OrgCluster]:
    """The institutions listed after ``trigger``'s sentence, in order (news outlets left out)."""
    doc = trigger.doc
    triggers = {t.sent.start for t in doc.spans[SPAN_KEY]} - {trigger.sent.start}
    items = list_after(doc, trigger.sent, _LEAD_SENTENCES, lambda s: s.start in triggers)
    named = [
        (int(m.start_char), org)
        for org in orgs
        if not is_news_source(org.name)
        for m in org.mentions
    ]
    return first_named_in_each(items, named)
