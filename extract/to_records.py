"""spaCy ``Doc`` → :class:`coopgraph.extract.records.Extraction`: the one crossing point.

Everything after this module sees records only, never spaCy types.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import combinations

from spacy.language import Language
from spacy.tokens import Doc, Span

from coopgraph.extract.chunks import merge, split_text
from coopgraph.extract.components.link_scorers import LinkScorers, link_scorers
from coopgraph.extract.facts.affiliations import AffiliationScorer
from coopgraph.extract.facts.affiliations import choose as choose_affiliation
from coopgraph.extract.facts.agreements import find_agreements, to_agreement
from coopgraph.extract.facts.dates import parse_date
from coopgraph.extract.facts.doc_text import text_of
from coopgraph.extract.facts.evidence import evidence_of
from coopgraph.extract.facts.joinings import membership_agreements
from coopgraph.extract.facts.meetings import find_meetings, to_meeting
from coopgraph.extract.facts.memberships import stated_memberships
from coopgraph.extract.facts.org_relations import joined_memberships, unit_relations
from coopgraph.extract.facts.orgs import (
    OrgCluster,
    cluster_organizations,
    find_publisher,
    organization_type,
    to_organization,
)
from coopgraph.extract.facts.parties import PartyScorer
from coopgraph.extract.facts.people import (
    PersonCluster,
    assign_roles,
    cluster_people,
    person_mentions,
    to_person,
)
from coopgraph.extract.facts.signatories import SignatoryScorer
from coopgraph.extract.patterns import word_table
from coopgraph.extract.pipeline import model_description
from coopgraph.extract.reading.language import document_language
from coopgraph.extract.records import (
    Agreement,
    DateMention,
    DateRole,
    Document,
    Extraction,
    Relation,
)
from coopgraph.extract.russian.pipeline import russian_description
from coopgraph.extract.russian.to_records import extract_russian

EXTRACTOR_NAME = "coopgraph-extract"
_DATELINE_CHARS = 60
_DAY = re.compile(r"(0?[1-9]|[12][0-9]|3[01])(st|nd|rd|th)?")
_YEAR = re.compile(r"(1[89]|20)[0-9]{2}")
_WRITTEN_DATE = re.compile(
    r"\b\d{1,2}\s+(?:january|february|march|april|may|june|july|august|september|october|"
    r"november|december)\b,?\s+\d{4}\b",
    re.I,
)
_NUMERIC_DATE = re.compile(r"\b(?:\d{1,2}[./-]\d{1,2}[./-]\d{4}|\d{4}[./-]\d{1,2}[./-]\d{1,2})\b")


def extractor_id(nlp: Language) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        own = version("coopgraph")
    except PackageNotFoundError:  # running from a source tree that is not installed
        own = "0+unknown"
    return f"{EXTRACTOR_NAME}/{own} ({model_description(nlp)}; {russian_description()})"


def extract_document(nlp: Language, document: Document) -> Extraction:
    return next(extract_documents(nlp, [document]))


# Rules relate every agreement to the institutions around it, so their cost
# grows with the square of the text they see at once. A text is read in pieces
# of at most this many characters (ten times the longest news item we have
# seen), which keeps extraction linear in the text's length.
DEFAULT_WINDOW = 20_000


def extract_documents(
    nlp: Language,
    documents: Iterable[Document],
    batch_size: int = 16,
    n_process: int = 1,
    window: int = DEFAULT_WINDOW,
) -> Iterator[Extraction]:
    """Extract many documents with ``nlp.pipe`` (the model is loaded once by the caller).

    ``n_process`` > 1 runs the model in that many processes. A text over
    ``window`` characters (or the model's ``max_length``) is read in pieces
    (:mod:`coopgraph.extract.chunks`).
    """
    name, scorers = extractor_id(nlp), link_scorers(nlp)
    pieces = _split_all(documents, min(window, nlp.max_length))
    parts: list[tuple[int, Extraction]] = []
    for doc, (document, offset, count) in nlp.pipe(
        pieces, as_tuples=True, batch_size=batch_size, n_process=n_process
    ):
        if count == 0:  # Russian: passed through the English pipe empty, to keep the order
            yield extract_russian(document, name, window)
            continue
        if count == 1:
            yield doc_to_extraction(doc, document, name, scorers)
            continue
        piece = replace(document, text=doc.text)
        parts.append((offset, doc_to_extraction(doc, piece, name, scorers)))
        if len(parts) == count:
            whole = Extraction(document, name, _published_iso(document))
            yield merge(whole, parts)
            parts = []


def _split_all(
    documents: Iterable[Document], limit: int
) -> Iterator[tuple[str, tuple[Document, int, int]]]:
    """(text, (document, offset, pieces)) for each piece of each document, in order;
    a Russian document is one empty piece, read later by the Russian pipeline."""
    for document in documents:
        if document_language(document.text) == "ru":
            yield "", (document, 0, 0)
            continue
        pieces = (
            split_text(document.text, limit) if len(document.text) > limit else [(0, document.text)]
        )
        for offset, text in pieces:
            yield text, (document, offset, len(pieces))


def doc_to_extraction(
    doc: Doc,
    document: Document,
    extractor: str,
    scorers: LinkScorers | None = None,
    parties: PartyScorer | None = None,
    affiliations: AffiliationScorer | None = None,
    signatories: SignatoryScorer | None = None,
) -> Extraction:
    """Records of one parsed document. The link scorers come from ``scorers`` (the
    pipeline's) unless given one by one (training records what they are shown)."""
    if scorers is not None:
        parties = parties or scorers.parties
        affiliations = affiliations or scorers.affiliations
        signatories = signatories or scorers.signatories
    org_clusters = cluster_organizations(doc)
    publisher = find_publisher(doc, org_clusters, document.url)
    people = cluster_people(person_mentions(doc, org_clusters))
    scored = _affiliate(doc, people, org_clusters, publisher, affiliations)

    published_iso = _published_iso(document)
    dates = find_dates(doc, published_iso)
    sentence_dates = agreement_dates(doc, dates, published_iso)
    meeting_dates = {
        e.sentence_start: d.iso for d in dates if d.what == "meeting" for e in d.evidence
    }
    meetings = tuple(to_meeting(m) for m in find_meetings(doc, org_clusters, meeting_dates))
    drafts = find_agreements(
        doc, org_clusters, people, publisher, sentence_dates, parties, signatories
    )
    agreements = tuple(to_agreement(d) for d in drafts)
    memberships = list(stated_memberships(doc, org_clusters))
    relations = [
        *_affiliation_relations(people, scored),
        *_agreement_relations(agreements, org_clusters),
        *unit_relations(org_clusters),
        *joined_memberships(org_clusters),
        *memberships,
    ]
    # after the relations: a membership's sides are members of the body, not its partners
    agreements += tuple(membership_agreements(memberships, agreements))
    return Extraction(
        document=document,
        extractor=extractor,
        published_iso=published_iso,
        organizations=tuple(to_organization(c) for c in org_clusters),
        people=tuple(to_person(p) for p in people),
        dates=dates,
        agreements=agreements,
        relations=tuple(_unique_relations(relations)),
        meetings=meetings,
    )


def _affiliate(
    doc: Doc,
    people: list[PersonCluster],
    orgs: list[OrgCluster],
    publisher: OrgCluster | None,
    scorer: AffiliationScorer | None,
) -> dict[str, float]:
    """Roles and affiliations by the rules, then by the scorer where one is given;
    person name → the scorer's probability for the affiliation kept."""
    assign_roles(doc, people, orgs)
    for person in people:
        if person.affiliation is None and person.role and publisher is not None:
            person.affiliation, person.inferred_affiliation = publisher, True
    scored: dict[str, float] = {}
    if scorer is None:
        return scored
    for person in people:
        chosen, probability = choose_affiliation(person, orgs, publisher, scorer)
        if chosen is not person.affiliation:
            person.affiliation, person.inferred_affiliation = chosen, False
        if probability is not None:
            scored[person.name] = probability
    return scored


def _affiliation_relations(
    people: list[PersonCluster], scored: dict[str, float]
) -> Iterator[Relation]:
    for person in people:
        if person.affiliation is not None:
            confidence = _affiliation_confidence(person, scored)
            evidence = (evidence_of(person.mentions[0], confidence),)
            yield Relation(person.name, "affiliated_with", person.affiliation.name, evidence)


def _agreement_relations(
    agreements: tuple[Agreement, ...], orgs: list[OrgCluster]
) -> Iterator[Relation]:
    """Parties are partners; parties of a consortium membership are its members."""
    kinds = {c.name: organization_type(c.name) for c in orgs}
    for agreement in agreements:
        consortia = [p for p in agreement.parties if kinds.get(p) == "consortium"]
        for a, b in combinations(agreement.parties, 2):
            if a not in consortia and b not in consortia:  # members, not partners, of one
                yield Relation(a, "partner_of", b, agreement.evidence)
        if agreement.type == "consortium_membership":
            for consortium in consortia:
                for member in agreement.parties:
                    if member not in consortia:
                        yield Relation(member, "member_of", consortium, agreement.evidence)


def _affiliation_confidence(person: PersonCluster, scored: dict[str, float]) -> float:
    """The affiliation scorer's probability; by the rules, a stated affiliation is surer
    than one guessed from the publisher."""
    if person.name in scored:
        return round(scored[person.name], 3)
    return 0.6 if person.inferred_affiliation else 0.9


def _published_iso(document: Document) -> str | None:
    if document.published:
        iso = parse_date(document.published)
        if iso:
            return iso
    first_line = document.text.split("\n", 1)[0]
    if len(first_line) <= _DATELINE_CHARS:
        return parse_date(first_line)
    return None


def agreement_dates(
    doc: Doc, dates: tuple[DateMention, ...], published_iso: str | None
) -> dict[int, str]:
    """Sentence start → the date an agreement signed in that sentence takes:

    - a date the sentence gives: a signing date, else a meeting's, else any other day,
      else a month or a year alone ("signed in December 2019");
    - else the publication date when the sentence says "today";
    - else the nearest day given in the two sentences before or after it ("Both
      documents were signed on May 8th", "The ceremony took place on 10 January");
    - else the one day the text reports anything on ("On November 21, 2024, a
      delegation … paid a visit").
    """
    stated = _stated_dates(dates)
    published = published_iso or next((d.iso for d in dates if d.what == "publication"), None)
    by_sentence = dict(stated)
    if published:
        for sent in doc.sents:
            if any(t.lower_ == "today" for t in sent):
                by_sentence.setdefault(sent.start_char, published)
    days = {
        start: iso
        for start, iso in _stated_dates(d for d in dates if d.what != "publication").items()
        if len(iso) == len("YYYY-MM-DD")
    }
    starts = [int(sent.start_char) for sent in doc.sents]
    for k, start in enumerate(starts):
        near = (starts[j] for j in (k + 1, k - 1, k + 2, k - 2) if 0 <= j < len(starts))
        found = next((days[s] for s in near if s in days), None)
        if found:
            by_sentence.setdefault(start, found)
    if len(set(days.values())) == 1:
        (only,) = set(days.values())
        for start in starts:
            by_sentence.setdefault(start, only)
    return by_sentence


def _stated_dates(dates: Iterable[DateMention]) -> dict[int, str]:
    """Sentence start → the date the sentence gives: days before months and years, and a
    signing date before a meeting's, another day's, the publication's."""
    order = {"signing": 0, "meeting": 1, "other": 2, "publication": 3}
    ranked = sorted(
        (d for d in dates if d.what in order),  # a founding date dates no agreement
        key=lambda d: (len(d.iso) != len("YYYY-MM-DD"), order[d.what]),
    )
    found: dict[int, str] = {}
    for mention in ranked:
        for evidence in mention.evidence:
            found.setdefault(evidence.sentence_start, mention.iso)
    return found


def find_dates(doc: Doc, published_iso: str | None) -> tuple[DateMention, ...]:
    """Calendar dates in the text, each with what it dates; the publication date first."""
    reference_year = int(published_iso[:4]) if published_iso else None
    found: dict[tuple[str, str], DateMention] = {}
    if published_iso:
        found[(published_iso, "publication")] = DateMention(
            text=published_iso, iso=published_iso, what="publication"
        )
    for span in _date_spans(doc):
        iso = parse_date(span.text, reference_year=reference_year)
        if iso is None:
            continue
        what = _date_role(span, published_iso, iso)
        if what == "other" and iso == published_iso:
            what = "publication"  # the publication date restated in the text
        key = (iso, what)
        if key in found and found[key].evidence:
            continue
        found[key] = DateMention(text=span.text, iso=iso, what=what, evidence=(evidence_of(span),))
    return tuple(found.values())


def _date_spans(doc: Doc) -> list[Span]:
    widened = [_widen_date(e) for e in doc.ents if e.label_ == "DATE"]
    # "13 may, 2022": a written date the model misses when the month is lower-case
    for match in _WRITTEN_DATE.finditer(text_of(doc)):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None and not any(
            w.start <= span.start and span.end <= w.end for w in widened
        ):
            widened.append(span)
    # a year the model tagged apart is already inside the date it was widened into
    spans = [
        s
        for s in widened
        if not any(
            o is not s and o.start <= s.start and s.end <= o.end and len(o) > len(s)
            for o in widened
        )
    ]
    for match in _NUMERIC_DATE.finditer(text_of(doc)):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None and not any(s.start <= span.start < s.end for s in spans):
            spans.append(span)
    return sorted(spans, key=lambda s: s.start)


def _widen_date(span: Span) -> Span:
    """Take in a day before and a year after that the model left out ("9 | February | 2024")."""
    doc, start, end = span.doc, span.start, span.end
    if start > 0 and _DAY.fullmatch(doc[start - 1].text) and not doc[start - 1].is_sent_start:
        start -= 1
    if not any(_YEAR.fullmatch(t.text) for t in span):
        if end < len(doc) and _YEAR.fullmatch(doc[end].text):
            end += 1
        elif end + 1 < len(doc) and doc[end].text == "," and _YEAR.fullmatch(doc[end + 1].text):
            end += 2  # "13 may, 2022", "May 12-13, 2022"
    return doc[start:end]


def _date_role(span: Span, published_iso: str | None, iso: str) -> DateRole:
    first_line = text_of(span.doc).split("\n", 1)[0]
    end = span.start_char + len(span.text.rstrip())  # a span can carry the line break
    if end <= len(first_line) <= _DATELINE_CHARS:
        return "publication"  # a dateline: "Almaty, 20 September 2023"
    roles = word_table("date_roles")
    words = {t.lower_ for t in span.sent}
    for word, role in roles.items():
        if word in words:
            return role  # type: ignore[return-value]
    return "other"


def _unique_relations(relations: list[Relation]) -> Iterator[Relation]:
    seen: set[tuple[str, str, str]] = set()
    for rel in relations:
        key = (rel.subject, rel.predicate, rel.object)
        if rel.predicate == "partner_of":
            key = (min(rel.subject, rel.object), rel.predicate, max(rel.subject, rel.object))
        if key not in seen and rel.subject != rel.object:
            seen.add(key)
            yield rel
