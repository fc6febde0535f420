"""Ministries a text names only through a minister's title: "министр образования России
Владимир Филиппов" makes "Министерство образования России", as the annotation
guidelines construct them. A ministry the text names itself is used instead."""

from __future__ import annotations

from spacy.tokens import Span

from coopgraph.extract.russian.extents import coordinated_end, genitive_word
from coopgraph.extract.russian.lexicon import MINISTER_WORDS
from coopgraph.extract.russian.orgs import OrgCluster, OrgMention
from coopgraph.extract.russian.people import PersonCluster

_MINISTRY = "министерство"


def ministries_from_roles(
    people: list[PersonCluster], orgs: list[OrgCluster]
) -> dict[int, OrgCluster]:
    """Person (by ``id``) → the ministry their title names, made when the text has none."""
    found: dict[int, OrgCluster] = {}
    made: list[OrgCluster] = []
    for person in people:
        complement = _portfolio(person.role)
        if complement is None:
            continue
        wanted = {t.lemma_.lower() for t in complement if t.is_alpha}
        ministry = next((o for o in [*orgs, *made] if _names_ministry(o, wanted)), None)
        if ministry is None:
            name = f"Министерство {complement.text}"
            ministry = OrgCluster([OrgMention(complement, name)], kind="government")
            made.append(ministry)
        found[id(person)] = ministry
    orgs.extend(made)
    return found


def _portfolio(role: Span | None) -> Span | None:
    """ "образования Республики Беларусь" of "министр образования Республики Беларусь"."""
    if role is None:
        return None
    for token in role:
        if token.lemma_.lower() in MINISTER_WORDS:
            complement = role.doc[token.i + 1 : _portfolio_end(role)]
            words = [t for t in complement if t.is_alpha]
            if words and words[0].is_lower:
                return complement
            return None
    return None


def _portfolio_end(role: Span) -> int:
    """Past ", науки и инноваций Республики Узбекистан" when the role stops at the comma
    of "министра высшего образования, науки и инноваций Республики Узбекистан"."""
    doc, end = role.doc, role.end
    if end == 0 or (extended := coordinated_end(doc, end)) == end:
        return end
    while extended < len(doc) and extended - end < 8 and doc[extended].is_title:
        if not genitive_word(doc[extended]):
            break
        extended += 1  # the country whose ministry it is
    return extended


def _names_ministry(org: OrgCluster, portfolio: set[str]) -> bool:
    lemmas = {lemma for m in org.mentions for lemma in m.lemmas}
    return (_MINISTRY in lemmas or org.kind == "government") and portfolio <= lemmas
