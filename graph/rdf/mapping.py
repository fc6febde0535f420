"""Extraction records → RDF triples of one document's named graph (pure, no I/O).

The shape, in brief (``ontologies/coop.ttl`` is the reference, ``docs/model.md``
has the diagram and a worked example)::

    <doc>  a schema:NewsArticle, prov:Entity ; dcterms:title ; schema:url ;
           dcterms:issued ; coop:contentHash ; coop:extractor ;
           prov:wasAttributedTo <agent> ; coop:mentions <org> …
    <org>  a org:FormalOrganization, coop:University ; skos:prefLabel ; skos:altLabel ;
           coop:countryCode "KZ" ; coop:country wd:Q232 ; coop:evidence <ev> …
    <person> a foaf:Person ; foaf:name ; org:memberOf <org>
    <membership> a org:Membership ; org:member <person> ; org:organization <org> ;
           org:role <role> ; coop:roleLabel "acting Vice-Rector for Operations"
    <agreement> a coop:MemorandumOfUnderstanding ; coop:party <org> ; coop:signatory <person> ;
           coop:signature <sig> ; coop:status coop:Signed ; coop:signingDate ; coop:evidence <ev>
    <sig>  a coop:Signature ; coop:signer <person> ; coop:signedAs ; coop:onBehalfOf <org>
    <org> coop:cooperatesWith <org2>    (parties of one agreement; symmetric)
    <meeting> a coop:Meeting ; schema:startDate ; coop:participant <org> …
    <ev>   a coop:Evidence ; coop:inDocument <doc> ; coop:sentence ; coop:beginIndex ;
           coop:endIndex ; coop:confidence
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from itertools import combinations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from coopgraph.extract.records import (
    Agreement,
    DateMention,
    Evidence,
    Extraction,
    Meeting,
    Organization,
    Person,
)
from coopgraph.graph.entities.resolve import (
    Resolution,
    Resolver,
    default_resolver,
    short_forms_within_document,
)
from coopgraph.graph.rdf.iris import (
    agent_iri,
    agreement_iri,
    date_iri,
    document_iri,
    evidence_iri,
    meeting_iri,
    membership_iri,
    reported_meeting_iri,
    resolution_iri,
    role_iri,
    signature_iri,
)
from coopgraph.graph.rdf.vocab import COOP, DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SDO, SKOS, WD
from coopgraph.graph.resources import countries

ORG_CLASSES: dict[str, URIRef] = {
    "university": COOP.University,
    "research_institute": COOP.ResearchInstitute,
    "government": COOP.GovernmentBody,
    "company": COOP.Company,
    "ngo": COOP.NonProfit,
    "consortium": COOP.Consortium,
}
AGREEMENT_CLASSES: dict[str, URIRef] = {
    "memorandum": COOP.MemorandumOfUnderstanding,
    "agreement": COOP.CooperationAgreement,
    "contract": COOP.Contract,
    "consortium_membership": COOP.ConsortiumMembership,
    "joint_programme": COOP.JointProgramme,
    "other": COOP.Agreement,
}
STATUSES: dict[str, URIRef] = {
    "signed": COOP.Signed,
    "renewed": COOP.Renewed,
    "planned": COOP.Planned,
    "existing": COOP.Existing,
}


def iso_literal(iso: str) -> Literal:
    """``2021-11-17`` → xsd:date, ``2021-11`` → xsd:gYearMonth, ``2021`` → xsd:gYear."""
    datatype = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}.get(len(iso), XSD.string)
    return Literal(iso, datatype=datatype)


class _DocumentGraph:
    """Builds one document's graph; a class only to share the graph and document IRI."""

    def __init__(self, extraction: Extraction, ingested_at: datetime, resolver: Resolver) -> None:
        self.x = extraction
        self.key = extraction.document.key
        self.doc = document_iri(self.key)
        self.g = Graph()
        self.ingested_at = ingested_at
        self.resolver = resolver
        self.people: dict[str, URIRef] = {}
        # what a text says is tagged with its language, except English, which stays plain
        # (the form every earlier graph and query uses)
        self.lang = extraction.language if extraction.language != "en" else None

    def _said(self, text: str) -> Literal:
        """A literal the document wrote (a name, a role, a label), in the document's language."""
        return Literal(text, lang=self.lang)

    def build(self) -> Graph:
        self._document()
        resolved = short_forms_within_document(
            {
                o.name: self.resolver.organization(o.name, o.aliases, o.country, o.type)
                for o in self.x.organizations
            }
        )
        orgs = {name: URIRef(r.iri) for name, r in resolved.items()}
        # one name per entity: the gazetteer's, else the first the document used
        labels: dict[URIRef, str] = {}
        for org in self.x.organizations:
            entry = resolved[org.name].entry
            if entry is not None:
                labels[orgs[org.name]] = entry.name
            labels.setdefault(orgs[org.name], org.name)
        for org in self.x.organizations:
            self._organization(org, orgs[org.name], resolved[org.name], labels[orgs[org.name]])
        for person in self.x.people:
            affiliation = orgs.get(person.affiliation or "")
            found = self.resolver.person(person.name, str(affiliation) if affiliation else None)
            self.people[person.name] = URIRef(found.iri)
        # the fullest name first: two records that are one person ("S. Massruha",
        # "Silvia Massruha" at one institution) give it one name and an alias
        for person in sorted(self.x.people, key=lambda p: -len(p.name)):
            self._person(person, orgs)
        reported = {ev.sentence_start for m in self.x.meetings for ev in m.evidence}
        for meeting in self.x.meetings:
            self._reported_meeting(meeting, orgs)
        for date in self.x.dates:
            self._date(date)
            if date.what == "meeting" and not any(
                ev.sentence_start in reported for ev in date.evidence
            ):
                self._meeting(date, orgs)
        people = {p.name: p for p in self.x.people}
        for agreement in self.x.agreements:
            self._agreement(agreement, orgs, people)
        self._institution_relations(orgs)
        return self.g

    def _institution_relations(self, orgs: dict[str, URIRef]) -> None:
        """A unit named with its institution is its sub-organization; an institution
        that joined a consortium is its member."""
        for relation in self.x.relations:
            subject, obj = orgs.get(relation.subject), orgs.get(relation.object)
            if subject is None or obj is None or subject == obj:
                continue
            if relation.predicate == "affiliated_with":
                self.g.add((obj, ORG.hasSubOrganization, subject))
                self.g.add((subject, ORG.subOrganizationOf, obj))
            elif relation.predicate == "member_of":
                self.g.add((subject, ORG.memberOf, obj))
                self.g.add((obj, ORG.hasMember, subject))

    def _document(self) -> None:
        d, g, doc = self.x.document, self.g, self.doc
        g.add((doc, RDF.type, SDO.NewsArticle))
        g.add((doc, RDF.type, PROV.Entity))
        g.add((doc, DCTERMS.identifier, Literal(d.id)))
        g.add((doc, COOP.contentHash, Literal(d.content_hash)))
        g.add((doc, COOP.extractor, Literal(self.x.extractor)))
        agent = agent_iri(self.x.extractor)
        g.add((doc, PROV.wasAttributedTo, agent))
        g.add((agent, RDF.type, PROV.SoftwareAgent))
        g.add((agent, RDFS.label, Literal(self.x.extractor)))
        g.add(
            (
                doc,
                PROV.generatedAtTime,
                Literal(canonical_datetime(self.ingested_at), datatype=XSD.dateTime),
            )
        )
        if d.title:
            g.add((doc, DCTERMS.title, Literal(d.title)))
        if d.url:
            g.add((doc, SDO.url, URIRef(d.url) if _is_iri(d.url) else Literal(d.url)))
        if self.x.published_iso:
            g.add((doc, DCTERMS.issued, iso_literal(self.x.published_iso)))

    def _evidence(self, subject: URIRef, evidence: tuple[Evidence, ...]) -> None:
        for ev in evidence:
            node = evidence_iri(self.key, ev.start, ev.end, ev.confidence)
            self.g.add((subject, COOP.evidence, node))
            self.g.add((node, RDF.type, COOP.Evidence))
            self.g.add((node, COOP.inDocument, self.doc))
            self.g.add((node, COOP.sentence, Literal(ev.sentence)))
            self.g.add((node, COOP.beginIndex, Literal(ev.start)))
            self.g.add((node, COOP.endIndex, Literal(ev.end)))
            # to the precision of the node's IRI, so one node never holds two confidences
            confidence = Decimal(f"{round(ev.confidence * 100) / 100:.3f}")
            self.g.add((node, COOP.confidence, Literal(confidence, datatype=XSD.decimal)))

    def _organization(
        self, org: Organization, iri: URIRef, resolution: Resolution, label: str
    ) -> None:
        g, entry = self.g, resolution.entry
        kind_name = org.type if org.type != "other" or entry is None else entry.type or "other"
        # ORG models a consortium as a collaboration, not a formal organization
        kind = (
            ORG.OrganizationalCollaboration if kind_name == "consortium" else ORG.FormalOrganization
        )
        g.add((iri, RDF.type, kind))
        if kind_name in ORG_CLASSES:
            g.add((iri, RDF.type, ORG_CLASSES[kind_name]))
        # a gazetteer entity is named by the gazetteer (and, in a text of another
        # language, by its name in that language too); the text's forms are aliases
        if entry is not None:
            g.add((iri, SKOS.prefLabel, Literal(label)))
            g.add((iri, RDFS.label, Literal(label)))
            if self.lang is not None:
                own = entry.name_in(self.lang) or org.name
                g.add((iri, SKOS.prefLabel, Literal(own, lang=self.lang)))
                label = own
        else:
            g.add((iri, SKOS.prefLabel, self._said(label)))
            g.add((iri, RDFS.label, self._said(label)))
        for alias in (org.name, *org.aliases):
            if alias != label:
                g.add((iri, SKOS.altLabel, self._said(alias)))
        country = org.country or (entry.country if entry is not None else None)
        if country:
            g.add((iri, COOP.countryCode, Literal(country)))
            self._country(iri, country)
        if entry is not None and entry.wikidata:
            g.add((iri, OWL.sameAs, WD[entry.wikidata]))
        if entry is not None and entry.ror:
            g.add((iri, OWL.sameAs, URIRef(f"https://ror.org/{entry.ror}")))
        g.add((self.doc, COOP.mentions, iri))
        self._evidence(iri, org.evidence)
        self._resolution(iri, org.name, resolution)

    def _resolution(self, iri: URIRef, surface: str, resolution: Resolution) -> None:
        """Why this mention is this entity: the rule, its score, what it matched."""
        node = resolution_iri(self.key, surface)
        self.g.add((iri, COOP.resolution, node))
        self.g.add((node, RDF.type, COOP.Resolution))
        self.g.add((node, COOP.inDocument, self.doc))
        self.g.add((node, COOP.mentionLabel, Literal(surface)))
        self.g.add((node, COOP.rule, Literal(resolution.rule)))
        self.g.add((node, COOP.matchedLabel, Literal(resolution.matched)))
        score = Decimal(f"{resolution.score:.3f}")
        self.g.add((node, COOP.score, Literal(score, datatype=XSD.decimal)))

    def _country(self, org: URIRef, code: str) -> None:
        country = countries().get(code)
        if country is None:
            return
        node = WD[country.wikidata]
        self.g.add((org, COOP.country, node))
        self.g.add((node, RDF.type, SDO.Country))
        self.g.add((node, RDFS.label, Literal(country.name, lang="en")))
        self.g.add((node, COOP.countryCode, Literal(country.code)))

    def _person_iri(self, name: str) -> URIRef:
        return self.people.get(name) or URIRef(self.resolver.person(name, None).iri)

    def _person(self, person: Person, orgs: dict[str, URIRef]) -> None:
        g, iri = self.g, self._person_iri(person.name)
        g.add((iri, RDF.type, FOAF.Person))
        if (iri, FOAF.name, None) in g:
            g.add((iri, SKOS.altLabel, self._said(person.name)))
        else:
            g.add((iri, FOAF.name, self._said(person.name)))
            g.add((iri, RDFS.label, self._said(person.name)))
        for alias in person.aliases:
            g.add((iri, SKOS.altLabel, self._said(alias)))
        g.add((self.doc, COOP.mentions, iri))
        self._evidence(iri, person.evidence)
        org = orgs.get(person.affiliation) if person.affiliation else None
        if org is None:
            if person.role:
                g.add((iri, COOP.roleLabel, self._said(person.role)))
            return
        membership = membership_iri(str(iri), str(org))
        g.add((iri, ORG.memberOf, org))
        g.add((membership, RDF.type, ORG.Membership))
        g.add((membership, ORG.member, iri))
        g.add((membership, ORG.organization, org))
        if person.role:
            role = role_iri(person.role)
            g.add((membership, ORG.role, role))
            g.add((membership, COOP.roleLabel, self._said(person.role)))
            g.add((role, RDF.type, ORG.Role))
            g.add((role, SKOS.prefLabel, self._said(person.role)))
        self._evidence(membership, self._affiliation_evidence(person))

    def _affiliation_evidence(self, person: Person) -> tuple[Evidence, ...]:
        for relation in self.x.relations:
            if relation.predicate == "affiliated_with" and relation.subject == person.name:
                return relation.evidence
        return person.evidence[:1]

    def _date(self, date: DateMention) -> None:
        node = date_iri(self.key, date.iso, date.what)
        self.g.add((node, RDF.type, COOP.DateMention))
        self.g.add((node, COOP.dateValue, iso_literal(date.iso)))
        self.g.add((node, COOP.dateRole, Literal(date.what)))
        self.g.add((node, COOP.inDocument, self.doc))
        self._evidence(node, date.evidence)

    def _reported_meeting(self, meeting: Meeting, orgs: dict[str, URIRef]) -> None:
        """A meeting the text reports: its name, the body that held it, who took part."""
        node = reported_meeting_iri(self.key, meeting.label, meeting.date_iso)
        self.g.add((node, RDF.type, COOP.Meeting))
        self.g.add((node, RDFS.label, self._said(meeting.label)))
        if meeting.date_iso:
            self.g.add((node, SDO.startDate, iso_literal(meeting.date_iso)))
        if meeting.organizer in orgs:
            self.g.add((node, SDO.organizer, orgs[meeting.organizer]))
        for name in meeting.participants:
            if name in orgs:
                self.g.add((node, COOP.participant, orgs[name]))
        self.g.add((self.doc, COOP.mentions, node))
        self._evidence(node, meeting.evidence)

    def _meeting(self, date: DateMention, orgs: dict[str, URIRef]) -> None:
        """A meeting date makes a meeting; the institutions named in its sentence take part."""
        sentences = {ev.sentence_start for ev in date.evidence}
        node = meeting_iri(self.key, date.iso)
        self.g.add((node, RDF.type, COOP.Meeting))
        self.g.add((node, SDO.startDate, iso_literal(date.iso)))
        for org in self.x.organizations:
            if any(ev.sentence_start in sentences for ev in org.evidence):
                self.g.add((node, COOP.participant, orgs[org.name]))
        self.g.add((self.doc, COOP.mentions, node))
        self._evidence(node, date.evidence)

    def _agreement(
        self, agreement: Agreement, orgs: dict[str, URIRef], people: dict[str, Person]
    ) -> None:
        g = self.g
        # two names of one party resolve to one IRI: it is one party
        parties = list(dict.fromkeys(orgs[p] for p in agreement.parties if p in orgs))
        iri = agreement_iri(agreement.type, [str(p) for p in parties], agreement.date_iso, self.key)
        g.add((iri, RDF.type, COOP.Agreement))
        g.add((iri, RDF.type, AGREEMENT_CLASSES[agreement.type]))
        g.add((iri, RDFS.label, self._said(agreement.label)))
        g.add((iri, COOP.status, STATUSES[agreement.status]))
        if agreement.date_iso:
            g.add((iri, COOP.signingDate, iso_literal(agreement.date_iso)))
        for area in agreement.subject_areas:
            g.add((iri, COOP.subjectArea, self._said(area)))
        for party in parties:
            g.add((iri, COOP.party, party))
        for name in agreement.signatories:
            g.add((iri, COOP.signatory, self._person_iri(name)))
            self._signature(iri, people.get(name) or Person(name), orgs, agreement)
        if agreement.type == "consortium_membership":
            self._consortium_members(parties)
        for a, b in combinations(parties, 2):
            g.add((a, COOP.cooperatesWith, b))
            g.add((b, COOP.cooperatesWith, a))
        g.add((self.doc, COOP.mentions, iri))
        self._evidence(iri, agreement.evidence)

    def _signature(
        self, agreement_node: URIRef, person: Person, orgs: dict[str, URIRef], agreement: Agreement
    ) -> None:
        """The qualified form of coop:signatory: the role signed in and the institution."""
        node = signature_iri(agreement_node, person.name)
        self.g.add((agreement_node, COOP.signature, node))
        self.g.add((node, RDF.type, COOP.Signature))
        self.g.add((node, COOP.signer, self._person_iri(person.name)))
        if person.role:
            self.g.add((node, COOP.signedAs, self._said(person.role)))
        if person.affiliation in orgs:
            self.g.add((node, COOP.onBehalfOf, orgs[person.affiliation]))
        self._evidence(node, agreement.evidence[:1])

    def _consortium_members(self, parties: list[URIRef]) -> None:
        consortia = [p for p in parties if (p, RDF.type, COOP.Consortium) in self.g]
        for consortium in consortia:
            for member in parties:
                if member != consortium:
                    self.g.add((member, ORG.memberOf, consortium))
                    self.g.add((consortium, ORG.hasMember, member))


def canonical_datetime(moment: datetime) -> str:
    """xsd:dateTime in its canonical form (UTC, no trailing zeros in the fraction), the
    form Oxigraph keeps ("…58.354740Z" is stored as "…58.35474Z"). Other servers may
    write the same time differently (Virtuoso pads the fraction to six digits), so
    graphs moved between backends are compared by value.

    >>> from datetime import UTC
    >>> canonical_datetime(datetime(2026, 12, 2, 4, 52, 58, 354740, tzinfo=UTC))
    '2026-12-02T04:52:58.35474Z'
    >>> canonical_datetime(datetime(2026, 12, 2, 4, 52, 58, tzinfo=UTC))
    '2026-12-02T04:52:58Z'
    """
    utc = moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
    fraction = f"{utc.microsecond:06d}".rstrip("0")
    return utc.strftime("%Y-%m-%dT%H:%M:%S") + (f".{fraction}" if fraction else "") + "Z"


def _is_iri(text: str) -> bool:
    return text.startswith(("http://", "https://")) and not any(c in text for c in ' <>"{}|\\^`')


def extraction_to_graph(
    extraction: Extraction, ingested_at: datetime, resolver: Resolver | None = None
) -> tuple[URIRef, Graph]:
    """The document's named-graph IRI and its triples; entities resolved by ``resolver``
    (the gazetteer, by default)."""
    builder = _DocumentGraph(extraction, ingested_at, resolver or default_resolver())
    return builder.doc, builder.build()
