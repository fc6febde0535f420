"""A Russian spaCy ``Doc`` → :class:`~coopgraph.extract.records.Extraction`, as for English."""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from itertools import combinations

from spacy.language import Language
from spacy.tokens import Doc, Span

from coopgraph.extract.chunks import merge, split_text
from coopgraph.extract.records import (
    Agreement,
    DateMention,
    Document,
    Evidence,
    Extraction,
    Organization,
    Person,
    Relation,
)
from coopgraph.extract.russian.agreements import (
    find_agreements,
    is_news_source,
    main_institution,
)
from coopgraph.extract.russian.constructed import ministries_from_roles
from coopgraph.extract.russian.dates import find_dates, parse_russian_date
from coopgraph.extract.russian.memberships import stated_memberships
from coopgraph.extract.russian.orgs import (
    OrgCluster,
    cluster_orgs,
    org_mentions,
    organization_country,
    organization_type,
)
from coopgraph.extract.russian.people import (
    PersonCluster,
    affiliation,
    cluster_people,
    is_academic,
    person_mentions,
    role_text,
)


def russian_extraction(doc: Doc, document: Document, extractor: str) -> Extraction:
    orgs = cluster_orgs(org_mentions(doc), doc)
    people = cluster_people(person_mentions(doc))
    published = published_iso(document)
    dates = _with_publication(find_dates(doc, published), document, published)
    hub = main_institution([o for o in orgs if not is_news_source(o)])
    affiliations = {id(p): affiliation(p, orgs) for p in people}
    # a minister works at the ministry the title names, made when the text names none
    affiliations.update(ministries_from_roles(people, orgs))
    for person in people:
        # a position with no institution named near it is, most often, at the one the
        # news is about ("ректор Нурлан Медетов" in a release of his university)
        if affiliations[id(person)] is None and is_academic(person.role) and hub is not None:
            affiliations[id(person)] = hub
    agreements = find_agreements(doc, orgs, people, dates)
    by_name = {o.name: o for o in orgs}
    relations = [
        *(
            Relation(p.name, "affiliated_with", org.name, _evidence(p.mentions[0].span))
            for p in people
            if (org := affiliations[id(p)]) is not None
        ),
        *(
            Relation(a, "partner_of", b, agreement.evidence)
            for agreement in agreements
            if agreement.type != "consortium_membership"
            for a, b in combinations(agreement.parties, 2)
        ),
        *_memberships(agreements, by_name),
        *stated_memberships(doc, orgs),
    ]
    return Extraction(
        document=document,
        extractor=extractor,
        published_iso=published,
        organizations=tuple(_organization(o) for o in orgs),
        people=tuple(_person(p, affiliations[id(p)]) for p in people),
        dates=tuple(dates),
        agreements=tuple(agreements),
        relations=tuple(_unique(relations)),
        language="ru",
    )


def published_iso(document: Document) -> str | None:
    if not document.published:
        return None
    from coopgraph.extract.facts.dates import parse_date

    return parse_russian_date(document.published) or parse_date(document.published)


def _with_publication(
    dates: list[DateMention], document: Document, published: str | None
) -> list[DateMention]:
    if published is None or any(d.iso == published for d in dates):
        return dates
    assert document.published is not None
    return [DateMention(document.published, published, "publication"), *dates]


def _memberships(agreements: list[Agreement], by_name: dict[str, OrgCluster]) -> list[Relation]:
    out = []
    for agreement in agreements:
        if agreement.type != "consortium_membership":
            continue
        consortia = [p for p in agreement.parties if organization_type(by_name[p]) == "consortium"]
        for body in consortia:
            for member in agreement.parties:
                if member not in consortia:
                    out.append(Relation(member, "member_of", body, agreement.evidence))
    return out


def _organization(cluster: OrgCluster) -> Organization:
    return Organization(
        name=cluster.name,
        type=organization_type(cluster),
        country=organization_country(cluster),
        aliases=tuple(cluster.alias_names()),
        evidence=tuple(e for m in cluster.mentions for e in _evidence(m.span)),
    )


def _person(cluster: PersonCluster, org: OrgCluster | None) -> Person:
    role = cluster.role
    return Person(
        name=cluster.name,
        role=role_text(role) if role is not None else None,
        affiliation=org.name if org is not None else None,
        aliases=tuple(cluster.aliases()),
        evidence=tuple(e for m in cluster.mentions for e in _evidence(m.span)),
    )


def _evidence(span: Span) -> tuple[Evidence, ...]:
    sent = span.sent
    return (Evidence(sent.text.rstrip(), span.start_char, span.end_char, sent.start_char),)


def _unique(relations: list[Relation]) -> list[Relation]:
    seen: set[tuple[str, str, str]] = set()
    out = []
    for r in relations:
        key = (r.subject, r.predicate, r.object)
        if r.subject != r.object and key not in seen:
            seen.add(key)
            out.append(r)
    return out


@cache
def russian_pipeline() -> Language:
    """The Russian pipeline, loaded on the first Russian text a process reads."""
    from coopgraph.extract.russian.pipeline import load_russian_pipeline

    return load_russian_pipeline()


def extract_russian(document: Document, extractor: str, window: int) -> Extraction:
    """Records of one Russian document; a text over ``window`` characters is read in
    pieces and joined, as English texts are (:mod:`coopgraph.extract.chunks`)."""
    nlp = russian_pipeline()
    limit = min(window, nlp.max_length)
    if len(document.text) <= limit:
        return russian_extraction(nlp(document.text), document, extractor)
    parts = [
        (offset, russian_extraction(nlp(text), replace(document, text=text), extractor))
        for offset, text in split_text(document.text, limit)
    ]
    whole = Extraction(document, extractor, published_iso(document), language="ru")
    return merge(whole, parts)
