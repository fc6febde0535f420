"""Joining a body of institutions is an agreement of its own: "X joined the AUGM",
"Y was admitted to the Association of American Law Schools", "the founding
members are A, B and C" (the annotation guidelines: a joined alliance is a
``consortium_membership``).

Each stated membership (:mod:`coopgraph.extract.facts.memberships`) already
says who belongs to which body and in which sentence; the members a sentence
names for one body become one agreement with that body, unless an agreement
the text reports already has exactly those sides. Only a sentence that tells
the joining (join, admit, accept, enter, become, found, sign) makes one: of the
21 membership agreements in the training news, 18 are joinings; 41 texts state
memberships, most of them ("X and Y are both members of C") with no agreement.
"""

from __future__ import annotations

from collections.abc import Iterable

from coopgraph.extract.records import Agreement, Evidence, Relation

# lemmas and word forms that tell the act of joining, not the state of being a member
_JOINING = frozenset(
    {"join", "joined", "joins", "joining", "admit", "admitted", "admission", "accept",
     "accepted", "acceptance", "enter", "entered", "entry", "become", "became", "found",
     "founded", "founding", "founder", "founders", "sign", "signed", "accession", "acceded"}
)  # fmt: skip
_LABEL_WORDS = ("joined", "admitted", "admission", "accepted", "founding", "member", "membership")


def membership_agreements(
    memberships: Iterable[Relation], agreements: Iterable[Agreement]
) -> list[Agreement]:
    """One ``consortium_membership`` per body and sentence, from the stated memberships."""
    told = {frozenset(a.parties) for a in agreements}
    grouped: dict[tuple[str, int], list[Relation]] = {}
    for relation in memberships:
        if relation.predicate == "member_of" and relation.evidence:
            key = (relation.object, relation.evidence[0].sentence_start)
            grouped.setdefault(key, []).append(relation)
    found: list[Agreement] = []
    for (body, _), relations in grouped.items():
        members = tuple(dict.fromkeys(r.subject for r in relations))
        parties = (body, *members)
        evidence = relations[0].evidence[0]
        if frozenset(parties) in told or not _tells_joining(evidence):
            continue
        found.append(
            Agreement(
                type="consortium_membership",
                label=_label(evidence),
                parties=parties,
                status="signed",
                evidence=(evidence,),
            )
        )
    return found


def _words(evidence: Evidence) -> set[str]:
    return {w.strip(".,;:()\"'").lower() for w in evidence.sentence.split()}


def _tells_joining(evidence: Evidence) -> bool:
    return bool(_words(evidence) & _JOINING)


def _label(evidence: Evidence) -> str:
    words = _words(evidence)
    return next((w for w in _LABEL_WORDS if w in words), "membership")
