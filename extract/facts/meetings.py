"""Meetings the text reports, with the body that held them and who took part.

"Al-Farabi KazNU took part in the VIII meeting of the working commission for
coordinating the activities of the consortium": a meeting held by the
commission, with KazNU taking part. A later "the VIII meeting of the consortium
was attended by ..." or "during the meeting" is the same meeting again.

A meeting is reported only when the text says whose it is (an institution after
"of") or who took part in it (an institution in its sentence); "a meeting" with
neither says nothing a reader would list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from coopgraph.extract.facts.evidence import evidence_of
from coopgraph.extract.facts.orgs import OrgCluster, begins_within
from coopgraph.extract.patterns import word_list
from coopgraph.extract.records import Meeting

_ORDINAL = re.compile(r"^(?:[IVXLC]+|\d+(?:st|nd|rd|th))$")
# modifiers that make "the VIII meeting" or "the annual session" one meeting's name
_MODIFIER_TAGS = frozenset({"JJ", "CD", "NNP", "VBG"})


@dataclass
class MeetingDraft:
    noun: Token
    label: str
    organizer: OrgCluster | None = None
    participants: list[OrgCluster] = field(default_factory=list)
    date_iso: str | None = None
    mentions: list[Span] = field(default_factory=list)


def find_meetings(
    doc: Doc, orgs: list[OrgCluster], sentence_dates: dict[int, str]
) -> list[MeetingDraft]:
    meetings: list[MeetingDraft] = []
    nouns = word_list("meeting_nouns")
    for token in doc:
        if token.lemma_.casefold() not in nouns or token.pos_ != "NOUN":
            continue
        draft = _draft(token, orgs)
        draft.date_iso = sentence_dates.get(token.sent.start_char)
        earlier = _referent(draft, meetings)
        if earlier is not None:
            _absorb(earlier, draft)
        elif draft.organizer is not None or draft.participants:
            meetings.append(draft)
    return meetings


def _draft(noun: Token, orgs: list[OrgCluster]) -> MeetingDraft:
    doc = noun.doc
    start = noun.i
    while start > noun.sent.start and doc[start - 1].tag_ in _MODIFIER_TAGS:
        start -= 1
    organizer, end = _organizer(noun, orgs)
    label = doc[start:end].text
    participants = [
        c
        for c in orgs
        if c is not organizer
        and any(m.sent == noun.sent and not _within_organizer(m, organizer) for m in c.mentions)
    ]
    return MeetingDraft(noun, label, organizer, participants, mentions=[doc[start:end]])


def _organizer(noun: Token, orgs: list[OrgCluster]) -> tuple[OrgCluster | None, int]:
    """The institution named right after "meeting of (the)", and where its name ends."""
    doc = noun.doc
    i = noun.i + 1
    if i >= len(doc) or doc[i].lower_ != "of":
        return None, noun.i + 1
    i += 1
    if i < len(doc) and doc[i].lower_ == "the":
        i += 1
    for cluster in orgs:
        for mention in cluster.mentions:
            if mention.start == i:
                return cluster, mention.end
    return None, noun.i + 1


def _within_organizer(mention: Span, organizer: OrgCluster | None) -> bool:
    """Named inside the organizer's name (the consortium of "the commission for ... the
    consortium"), so not a participant in its own right."""
    return organizer is not None and any(begins_within(mention, o) for o in organizer.mentions)


def _referent(draft: MeetingDraft, meetings: list[MeetingDraft]) -> MeetingDraft | None:
    """ "The VIII meeting of the consortium" after "the VIII meeting of the commission",
    "the meeting of the commission" after one, or "during the meeting": the meeting
    already reported."""
    if not meetings:
        return None
    ordinal = _ordinal(draft)
    if ordinal is not None:
        return next((m for m in reversed(meetings) if _ordinal(m) == ordinal), None)
    definite = any(t.lower_ in ("the", "this", "that") for t in draft.noun.lefts)
    if not definite:
        return None
    if draft.organizer is None:
        return meetings[-1]
    return next((m for m in reversed(meetings) if m.organizer is draft.organizer), None)


def _ordinal(draft: MeetingDraft) -> str | None:
    """ "VIII", "6th", "eighth": which meeting of a series this is."""
    for token in draft.noun.lefts:
        if _ORDINAL.match(token.text) or token.ent_type_ == "ORDINAL":
            return token.text.casefold()
    return None


def _absorb(earlier: MeetingDraft, later: MeetingDraft) -> None:
    earlier.organizer = earlier.organizer or later.organizer
    for cluster in later.participants:
        if cluster not in earlier.participants and cluster is not earlier.organizer:
            earlier.participants.append(cluster)
    earlier.date_iso = earlier.date_iso or later.date_iso
    earlier.mentions.extend(later.mentions)


def to_meeting(draft: MeetingDraft) -> Meeting:
    return Meeting(
        label=draft.label,
        organizer=draft.organizer.name if draft.organizer else None,
        participants=tuple(c.name for c in draft.participants),
        date_iso=draft.date_iso,
        evidence=tuple(evidence_of(m) for m in draft.mentions),
    )
