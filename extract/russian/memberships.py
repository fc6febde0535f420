"""Memberships a Russian text states: "ДВФУ входит в Ассоциацию университетов Северо-Восточной
Азии", "в состав Союза вошли А, Б и В", "члены ассоциации — …".

A sentence with a membership word and exactly one body that has members (an
association, union, consortium, network university) makes every institution
it names besides that body a member of it.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span

from coopgraph.extract.records import Evidence, Relation
from coopgraph.extract.russian.lexicon import MEMBER_CUES
from coopgraph.extract.russian.orgs import OrgCluster, organization_type

_MEMBERS = ("university", "research_institute", "government", "company", "ngo")


def stated_memberships(doc: Doc, orgs: list[OrgCluster]) -> Iterator[Relation]:
    kinds = {id(o): organization_type(o) for o in orgs}
    for sent in doc.sents:
        if not MEMBER_CUES & {t.lemma_.lower() for t in sent}:
            continue
        named = [o for o in orgs if any(sent.start <= m.span.start < sent.end for m in o.mentions)]
        bodies = [o for o in named if kinds[id(o)] == "consortium"] or _called_back(sent, orgs)
        if len(bodies) != 1:
            continue  # no body, or several: which one is joined is not clear
        evidence = (Evidence(sent.text.rstrip(), sent.start_char, sent.end_char, sent.start_char),)
        for member in named:
            if member is not bodies[0] and kinds[id(member)] in _MEMBERS:
                yield Relation(member.name, "member_of", bodies[0].name, evidence)


def _called_back(sent: Span, orgs: list[OrgCluster]) -> list[OrgCluster]:
    """ "два члена ассоциации — АлтГУ и …": the one association of the text, called by
    its head noun."""
    consortia = [o for o in orgs if organization_type(o) == "consortium"]
    if len(consortia) != 1:
        return []
    head = next((t.lemma_.lower() for t in consortia[0].main.span if t.pos_ == "NOUN"), None)
    said = any(t.lemma_.lower() == head and t.is_lower for t in sent)
    return consortia if said else []
