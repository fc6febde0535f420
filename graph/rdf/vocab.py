"""Namespaces, and our own vocabulary as a closed namespace: a typo is an error.

Every term of :class:`COOP` must be defined in ``ontologies/coop.ttl``; a test
checks this both ways.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import (
    DCTERMS,
    FOAF,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SDO,
    SKOS,
    XSD,
    DefinedNamespace,
)

BASE = "https://w3id.org/coopgraph/"
ID = Namespace(BASE + "id/")
WD = Namespace("http://www.wikidata.org/entity/")


class COOP(DefinedNamespace):
    """The coopgraph ontology, ``https://w3id.org/coopgraph/ns#``."""

    _fail = True
    _NS = Namespace(BASE + "ns#")

    # classes
    University: URIRef
    ResearchInstitute: URIRef
    GovernmentBody: URIRef
    Company: URIRef
    NonProfit: URIRef
    Consortium: URIRef
    Agreement: URIRef
    MemorandumOfUnderstanding: URIRef
    CooperationAgreement: URIRef
    Contract: URIRef
    ConsortiumMembership: URIRef
    JointProgramme: URIRef
    AgreementStatus: URIRef
    Evidence: URIRef
    DateMention: URIRef
    Signature: URIRef
    Meeting: URIRef
    Resolution: URIRef
    Correction: URIRef
    # properties
    party: URIRef
    signatory: URIRef
    signingDate: URIRef
    status: URIRef
    cooperatesWith: URIRef
    roleLabel: URIRef
    countryCode: URIRef
    evidence: URIRef
    sentence: URIRef
    beginIndex: URIRef
    endIndex: URIRef
    confidence: URIRef
    inDocument: URIRef
    contentHash: URIRef
    extractor: URIRef
    mentions: URIRef
    dateValue: URIRef
    dateRole: URIRef
    country: URIRef
    subjectArea: URIRef
    signature: URIRef
    signer: URIRef
    signedAs: URIRef
    onBehalfOf: URIRef
    participant: URIRef
    resolution: URIRef
    rule: URIRef
    score: URIRef
    matchedLabel: URIRef
    mentionLabel: URIRef
    action: URIRef
    target: URIRef
    # individuals
    Signed: URIRef
    Renewed: URIRef
    Planned: URIRef
    Existing: URIRef


PREFIXES: dict[str, str] = {
    "coop": str(COOP._NS),
    "id": str(ID),
    "org": str(ORG),
    "foaf": str(FOAF),
    "prov": str(PROV),
    "schema": str(SDO),
    "dcterms": str(DCTERMS),
    "skos": str(SKOS),
    "rdfs": str(RDFS),
    "rdf": str(RDF),
    "owl": str(OWL),
    "xsd": str(XSD),
    "wd": str(WD),
}

__all__ = [
    "COOP",
    "DCTERMS",
    "FOAF",
    "ID",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SDO",
    "SKOS",
    "WD",
    "XSD",
]
