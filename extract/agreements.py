"""Agreements: a trigger noun ("memorandum", "MoU", "cooperation agreement") in a
sentence that reports an act on it (signed, concluded, renewed, planned).

Parties are the institutions named in that sentence (outside mere role phrases
of people who did not sign) plus, for "X's rector signed a memorandum with Y",
the affiliation of the signing person or the publisher.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import cast

from spacy.tokens import Doc, Span

from extract.components.agreement_triggers import SPAN_KEY
from extract.evidence import evidence_of
from extract.orgs import OrgCluster
from extract.patterns import word_table
from extract.people import PersonCluster
from extract.records import Agreement, AgreementStatus, AgreementType

# "this memorandum", "the agreement": a reference back to one already reported
_ANAPHORIC = frozenset({"the", "this", "that", "these", "those", "such", "our", "its", "their"})
_PLANNED = re.compile(r"\b(will|would|plan|plans|planned|intend|to be signed|future)\b", re.I)
_EXISTING = re.compile(r"\b(within the framework of|under the|in accordance with|existing)\b", re.I)


@dataclass
class AgreementDraft:
    type: AgreementType
    label: str
    status: AgreementStatus
    trigger: Span
    parties: list[OrgCluster] = field(default_factory=list)
    signatories: list[PersonCluster] = field(default_factory=list)
    date_iso: str | None = None


def find_agreements(
    doc: Doc,
    orgs: list[OrgCluster],
    people: list[PersonCluster],
    publisher: OrgCluster | None,
    sentence_dates: dict[int, str],
) -> list[AgreementDraft]:
    verbs = word_table("agreement_verbs")
    drafts: list[AgreementDraft] = []
    for trigger in doc.spans[SPAN_KEY]:
        status = _status(trigger.sent, verbs)
        if status is None:
            continue
        draft = AgreementDraft(
            type=cast(AgreementType, trigger.label_),
            label=_label(trigger),
            status=status,
            trigger=trigger,
        )
        _fill_arguments(draft, orgs, people, publisher)
        if not draft.parties and _is_reference(trigger):
            continue
        draft.date_iso = sentence_dates.get(trigger.sent.start) if status == "signed" else None
        drafts.extend(_bilateral(draft, publisher))
    return _merge(drafts)


def _is_reference(trigger: Span) -> bool:
    doc = trigger.doc
    start = trigger.start
    while start > trigger.sent.start and doc[start - 1].pos_ in ("ADJ", "VERB", "NOUN", "PROPN"):
        start -= 1
    return start > 0 and doc[start - 1].lower_ in _ANAPHORIC


def _bilateral(draft: AgreementDraft, publisher: OrgCluster | None) -> list[AgreementDraft]:
    """ "X signed memoranda with A, B and C" is one agreement per partner, each with X."""
    plural = draft.trigger.root.tag_ in ("NNS", "NNPS") or draft.trigger.text.lower() == "memoranda"
    if not plural or len(draft.parties) < 3:
        return [draft]
    hub = publisher if publisher in draft.parties else draft.parties[0]
    return [
        AgreementDraft(
            type=draft.type,
            label=draft.label,
            status=draft.status,
            trigger=draft.trigger,
            parties=[hub, other],
            signatories=list(draft.signatories),
            date_iso=draft.date_iso,
        )
        for other in draft.parties
        if other is not hub
    ]


def _status(sent: Span, verbs: dict[str, str]) -> AgreementStatus | None:
    acts = [verbs[t.lemma_.casefold()] for t in sent if t.lemma_.casefold() in verbs]
    if not acts:
        return "existing" if _EXISTING.search(sent.text) else None
    if "renewed" in acts:
        return "renewed"
    if _PLANNED.search(sent.text) or acts == ["planned"] * len(acts):
        return "planned"
    return "signed"


def _label(trigger: Span) -> str:
    doc = trigger.doc
    end = trigger.end
    # keep a parenthesised abbreviation: "Memorandum of Understanding (MoU)"
    if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
        end += 3
    return doc[trigger.start : end].text


def _fill_arguments(
    draft: AgreementDraft,
    orgs: list[OrgCluster],
    people: list[PersonCluster],
    publisher: OrgCluster | None,
) -> None:
    sent = draft.trigger.sent
    for cluster in orgs:
        if any(m.sent == sent for m in cluster.mentions) and cluster not in draft.parties:
            draft.parties.append(cluster)
    for person in people:
        if any(m.sent == sent for m in person.mentions) and _is_actor(person, sent):
            draft.signatories.append(person)
            if person.affiliation and person.affiliation not in draft.parties:
                draft.parties.append(person.affiliation)
    if len(draft.parties) == 1 and publisher is not None and publisher not in draft.parties:
        # "signed a memorandum with X": the publishing institution is the other party
        draft.parties.insert(0, publisher)


def _is_actor(person: PersonCluster, sent: Span) -> bool:
    """The person is a subject of the sentence's verb (or conjoined with one)."""
    for mention in person.mentions:
        if mention.sent != sent:
            continue
        root = mention.root
        while root.dep_ in ("conj", "appos", "compound") and root.head != root:
            root = root.head
        if root.dep_ in ("nsubj", "nsubjpass") or root.head.dep_ in ("nsubj",):
            return True
    return False


def _merge(drafts: list[AgreementDraft]) -> list[AgreementDraft]:
    """Mentions of the same agreement (same type and parties) become one."""
    merged: list[AgreementDraft] = []
    for draft in drafts:
        key = {id(p) for p in draft.parties}
        same = next(
            (m for m in merged if m.type == draft.type and {id(p) for p in m.parties} == key), None
        )
        if same is None:
            merged.append(draft)
            continue
        for person in draft.signatories:
            if person not in same.signatories:
                same.signatories.append(person)
        same.date_iso = same.date_iso or draft.date_iso
    return merged


def to_agreement(draft: AgreementDraft) -> Agreement:
    return Agreement(
        type=draft.type,
        label=draft.label,
        parties=tuple(p.name for p in draft.parties),
        signatories=tuple(s.name for s in draft.signatories),
        date_iso=draft.date_iso,
        status=draft.status,
        evidence=(evidence_of(draft.trigger),),
    )
