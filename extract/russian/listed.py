"""Partners given as a list after a colon:

    Белорусский государственный университет подписал соглашения … с тремя вузами Кубы.
    Новыми партнерами университета стали:
    • Высшая школа государственных и правительственных кадров Кубы;
    • Университет Гуантанамо;

The sentence of the document word (or one of the two after it, when they name no
document word of their own) ends with a colon, and
the lines after it open with a list mark (•, -, –, —, *, "1.", "2)"). Each item
gives the first institution named in it; the list ends at the first line
without a mark.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from coopgraph.extract.russian.lexicon import AGREEMENT_WORDS
from coopgraph.extract.russian.orgs import OrgCluster

_ITEM = re.compile(r"\s*(?:[•\-–—*·]|\d{1,2}[.)])\s")
_LEAD_SENTENCES = 3  # the colon may close the document word's sentence or one of the next two


def listed_orgs(doc: Doc, sent: Span, orgs: list[OrgCluster]) -> list[OrgCluster]:
    """The institutions listed right after ``sent`` (or the sentence after it), in order."""
    colon = _colon_after(doc, sent)
    if colon is None:
        return []
    found: list[OrgCluster] = []
    for begin, end in _items(doc.text, colon + 1):
        first = _first_org(orgs, begin, end)
        if first is not None and first not in found:
            found.append(first)
    return found


def _colon_after(doc: Doc, sent: Span) -> int | None:
    """The character offset of the colon that opens a list, if ``sent`` leads to one."""
    sents = list(doc.sents)
    index = next(i for i, s in enumerate(sents) if s.start == sent.start)
    candidates = sents[index : index + _LEAD_SENTENCES]
    for n, candidate in enumerate(candidates):
        if n and any(t.lemma_.lower() in AGREEMENT_WORDS for t in candidate):
            return None  # a later document word: the list is that one's
        text = candidate.text.rstrip()
        if text.endswith(":"):
            return int(candidate.start_char) + len(text) - 1
    return None


def _items(text: str, start: int) -> list[tuple[int, int]]:
    """(begin, end) of the list items in the lines from ``start`` on."""
    items: list[tuple[int, int]] = []
    position = start
    for line in text[start:].split("\n"):
        begin, position = position, position + len(line) + 1
        if not line.strip():
            continue
        if not _ITEM.match(line):
            break
        items.append((begin, begin + len(line)))
    return items


def _first_org(orgs: list[OrgCluster], begin: int, end: int) -> OrgCluster | None:
    named = [
        (m.span.start_char, org)
        for org in orgs
        for m in org.mentions
        if begin <= m.span.start_char < end
    ]
    return min(named, key=lambda x: x[0])[1] if named else None
