"""Stable, readable, deterministic IRIs, so re-ingesting gives the same triples.

>>> str(org_iri("Polotsk State University"))
'https://w3id.org/coopgraph/id/org/polotsk-state-university'
"""

from __future__ import annotations

import hashlib
import re

from rdflib import URIRef

from coopgraph.extract.names import fold_accents, latin
from coopgraph.graph.rdf.vocab import ID


def slug(name: str) -> str:
    """Lower-case ASCII words joined by hyphens; accents folded, Cyrillic transliterated."""
    text = re.sub(r"['\u2019`]", "", fold_accents(latin(name)))
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if text:
        return text[:120]
    # names in scripts without ASCII letters still get a stable identifier
    return "x-" + _digest(name)


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def document_iri(key: str) -> URIRef:
    return ID[f"doc/{key}"]


def org_iri(name: str) -> URIRef:
    return ID[f"org/{slug(name)}"]


def agreement_iri(kind: str, parties: list[str], date_iso: str | None, doc_key: str) -> URIRef:
    return ID[f"agreement/{_digest(kind, *sorted(parties), date_iso or '', doc_key)}"]


def resolution_iri(doc_key: str, surface: str) -> URIRef:
    return ID[f"resolution/{doc_key}/{_digest(surface)}"]


def membership_iri(person: str, org: str) -> URIRef:
    return ID[f"membership/{_digest(person, org)}"]


def evidence_iri(doc_key: str, start: int, end: int, confidence: float = 1.0) -> URIRef:
    # one span can support facts of different confidence (a name, and a guessed affiliation)
    return ID[f"evidence/{doc_key}/{start}-{end}/c{round(confidence * 100)}"]


def date_iri(doc_key: str, iso: str, role: str) -> URIRef:
    return ID[f"date/{doc_key}/{iso}/{role}"]


def role_iri(label: str) -> URIRef:
    return ID[f"role/{slug(label)}"]


def signature_iri(agreement: URIRef, person: str) -> URIRef:
    return ID[f"signature/{_digest(str(agreement), person)}"]


def meeting_iri(doc_key: str, iso: str) -> URIRef:
    return ID[f"meeting/{doc_key}/{iso}"]


def reported_meeting_iri(doc_key: str, label: str, iso: str | None) -> URIRef:
    """A meeting the text names: its date (if any) and its name, inside its document."""
    return ID[f"meeting/{doc_key}/{iso or 'undated'}-{slug(label)}"]


def agent_iri(extractor: str) -> URIRef:
    return ID[f"agent/{slug(extractor)}"]
