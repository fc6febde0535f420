"""Extraction records: plain, frozen, JSON-able dataclasses with no spaCy types.

Records refer to each other by name (an agreement's parties are organization
names as they appear in ``Extraction.organizations``), which is also the shape
of the evaluation schema, so :meth:`Extraction.to_json` is a direct mapping.

>>> ev = Evidence(sentence="KazNU signed a memorandum.", start=0, end=5, sentence_start=0)
>>> Organization(name="KazNU", type="university", country="KZ", evidence=(ev,)).name
'KazNU'
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any, Literal

OrgType = Literal[
    "university", "research_institute", "government", "company", "ngo", "consortium", "other"
]
DateRole = Literal["publication", "signing", "meeting", "founding", "other"]
AgreementType = Literal[
    "memorandum", "agreement", "contract", "consortium_membership", "joint_programme", "other"
]
AgreementStatus = Literal["signed", "renewed", "planned", "existing"]
Predicate = Literal["member_of", "affiliated_with", "partner_of"]

AGREEMENT_TYPES: tuple[AgreementType, ...] = (
    "memorandum",
    "agreement",
    "contract",
    "consortium_membership",
    "joint_programme",
    "other",
)


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact was read: the sentence and the mention's character span.

    ``start``/``end`` are offsets into the document text; ``sentence_start`` is
    the sentence's own offset, so ``sentence`` can be re-located in the text.
    """

    sentence: str
    start: int
    end: int
    sentence_start: int
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class Document:
    """A source text with its metadata, as given (``published`` is raw text)."""

    id: str
    text: str
    url: str | None = None
    title: str | None = None
    published: str | None = None
    source: str | None = None  # the file or stream it was read from

    @property
    def key(self) -> str:
        """Stable identity: from the URL when there is one, else from the text.

        Re-ingesting the same page (same URL) therefore replaces its earlier
        version instead of adding a second document.
        """
        basis = f"url:{self.url}" if self.url else f"text:{self.text}"
        return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Organization:
    name: str
    type: OrgType = "other"
    country: str | None = None
    aliases: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    role: str | None = None
    affiliation: str | None = None
    aliases: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class DateMention:
    text: str
    iso: str
    what: DateRole = "other"
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Agreement:
    type: AgreementType
    label: str
    parties: tuple[str, ...] = ()
    signatories: tuple[str, ...] = ()
    date_iso: str | None = None
    status: AgreementStatus = "signed"
    subject_areas: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Meeting:
    """A meeting, session or visit the text reports: "the VIII meeting of the working
    commission", with the body that held it and the institutions taking part."""

    label: str
    organizer: str | None = None
    participants: tuple[str, ...] = ()
    date_iso: str | None = None
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Relation:
    subject: str
    predicate: Predicate
    object: str
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything read from one document."""

    document: Document
    extractor: str
    published_iso: str | None = None
    organizations: tuple[Organization, ...] = ()
    people: tuple[Person, ...] = ()
    dates: tuple[DateMention, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    relations: tuple[Relation, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    language: str = "en"  # the ISO 639-1 code of the text, which tags its names in the graph

    def to_json(self) -> dict[str, Any]:
        """The evaluation schema (``../shared/eval/README.md``) plus evidence."""
        return {
            "id": self.document.id,
            "url": self.document.url,
            "title": self.document.title,
            "published": self.published_iso,
            "extractor": self.extractor,
            "language": self.language,
            "organizations": [
                {
                    "name": o.name,
                    "aliases": list(o.aliases),
                    "country": o.country,
                    "type": o.type,
                    "evidence": _evidence_json(o.evidence),
                }
                for o in self.organizations
            ],
            "people": [
                {
                    "name": p.name,
                    "aliases": list(p.aliases),
                    "role": p.role,
                    "affiliation": p.affiliation,
                    "evidence": _evidence_json(p.evidence),
                }
                for p in self.people
            ],
            "dates": [
                {
                    "text": d.text,
                    "iso": d.iso,
                    "what": d.what,
                    "evidence": _evidence_json(d.evidence),
                }
                for d in self.dates
            ],
            "agreements": [
                {
                    "type": a.type,
                    "label": a.label,
                    "parties": list(a.parties),
                    "signatories": list(a.signatories),
                    "subject_areas": list(a.subject_areas),
                    "date_iso": a.date_iso,
                    "status": a.status,
                    "evidence": _evidence_json(a.evidence),
                }
                for a in self.agreements
            ],
            "relations": [[r.subject, r.predicate, r.object] for r in self.relations],
            "meetings": [
                {
                    "label": m.label,
                    "organizer": m.organizer,
                    "participants": list(m.participants),
                    "date_iso": m.date_iso,
                    "evidence": _evidence_json(m.evidence),
                }
                for m in self.meetings
            ],
        }


def _evidence_json(evidence: tuple[Evidence, ...]) -> list[dict[str, Any]]:
    return [
        {"sentence": e.sentence, "start": e.start, "end": e.end, "confidence": e.confidence}
        for e in evidence
    ]
