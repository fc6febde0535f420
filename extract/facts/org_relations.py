"""Relations between institutions that the text states without an agreement.

- A unit named with its institution belongs to it: "the Center for Arctic Studies
  of Tromso University", "the working commission for coordinating the activities of
  the consortium" (affiliated_with).
- Institutions that join a consortium or alliance are its members: "Universitat
  Ramon Llull and the University of Turku joined the new ARCTIC Alliance"
  (member_of).

Memberships stated in other words are read by :mod:`.memberships`.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span

from coopgraph.extract.facts.evidence import evidence_of
from coopgraph.extract.facts.orgs import OrgCluster, organization_type
from coopgraph.extract.records import Relation

_JOIN_LEMMAS = frozenset({"join", "enter"})


def unit_relations(clusters: list[OrgCluster]) -> Iterator[Relation]:
    """(unit, affiliated_with, institution) for every institution whose name begins
    inside another institution's name, after its start."""
    for unit in clusters:
        for mention in unit.mentions:
            for parent in clusters:
                if parent is not unit and parent.named_within(mention):
                    yield Relation(
                        unit.name, "affiliated_with", parent.name, (evidence_of(mention),)
                    )


def joined_memberships(clusters: list[OrgCluster]) -> Iterator[Relation]:
    """(member, member_of, consortium) for institutions that are the subject of "join"
    with a consortium as its object, in one sentence."""
    consortia = [c for c in clusters if organization_type(c.name) == "consortium"]
    for consortium in consortia:
        for mention in consortium.mentions:
            verb = _joined_by(mention)
            if verb is None:
                continue
            for member in clusters:
                if member is consortium:
                    continue
                acting = [m for m in member.mentions if _subject_of(m, verb)]
                if acting:
                    evidence = (evidence_of(acting[0]),)
                    yield Relation(member.name, "member_of", consortium.name, evidence)


def _joined_by(mention: Span) -> Span | None:
    """The "joined" whose object ``mention`` is, as a one-token span."""
    head = mention.root.head
    if mention.root.dep_ == "dobj" and head.lemma_ in _JOIN_LEMMAS:
        return mention.doc[head.i : head.i + 1]
    return None


def _subject_of(mention: Span, verb: Span) -> bool:
    """The mention is a subject of ``verb``, or conjoined with one."""
    token = mention.root
    while token.dep_ == "conj" and token.head != token:
        token = token.head
    return token.dep_ in ("nsubj", "nsubjpass") and token.head.i == verb.start
