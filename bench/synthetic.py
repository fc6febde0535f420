"""Synthetic press-release extractions in coopgraph's real RDF shape, for benchmarks.

Institutions get countries and types; agreements link two or three of them,
chosen with a preference for already well-connected institutions (as real
partnership networks are skewed); each agreement is one document. The records
go through :func:`coopgraph.graph.rdf.mapping.extraction_to_graph`, so the triples have
exactly the shape ingestion writes. Deterministic for a given seed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox

from coopgraph.extract.records import (
    Agreement,
    Document,
    Evidence,
    Extraction,
    Organization,
    Person,
)
from coopgraph.graph.rdf.mapping import extraction_to_graph
from coopgraph.graph.resources import countries

KINDS = ("State University", "Technical University", "Institute of Physics", "Medical University")
AGREEMENT_TYPES = ("memorandum", "agreement", "joint_programme", "contract")
INGESTED = datetime(2025, 1, 1, tzinfo=UTC)


def institutions(count: int, rng: random.Random) -> list[Organization]:
    codes = sorted(countries())[:40]
    out = []
    for i in range(count):
        code = rng.choice(codes)
        name = f"{countries()[code].name} {KINDS[i % len(KINDS)]} No. {i}"
        kind = "research_institute" if "Institute" in name else "university"
        out.append(Organization(name=name, type=kind, country=code))  # type: ignore[arg-type]
    return out


def extractions(n_institutions: int, n_documents: int, seed: int = 7) -> Iterator[Extraction]:
    rng = random.Random(seed)
    orgs = institutions(n_institutions, rng)
    weights = [1.0] * len(orgs)
    for d in range(n_documents):
        size = 2 if rng.random() < 0.85 else 3
        chosen: list[Organization] = []
        while len(chosen) < size:
            org = rng.choices(orgs, weights)[0]
            if org not in chosen:
                chosen.append(org)
        for org in chosen:
            weights[orgs.index(org)] += 0.5
        yield _document(d, chosen, rng)


def _document(number: int, parties: list[Organization], rng: random.Random) -> Extraction:
    year = rng.randint(2005, 2024)
    date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    names = " and ".join(p.name for p in parties)
    sentence = f"{names} signed a memorandum of understanding on {date}."
    text = f"{date}\n{sentence}\nRector Person {number} signed for {parties[0].name}."

    def ev(part: str, confidence: float = 1.0) -> Evidence:
        start = text.index(part)
        return Evidence(sentence, start, start + len(part), len(date) + 1, confidence)

    organizations = tuple(
        Organization(p.name, p.type, p.country, evidence=(ev(p.name),)) for p in parties
    )
    signer = Person(
        name=f"Person {number}",
        role="Rector",
        affiliation=parties[0].name,
        evidence=(ev(f"Person {number}"),),
    )
    agreement = Agreement(
        type=rng.choice(AGREEMENT_TYPES),  # type: ignore[arg-type]
        label="memorandum of understanding",
        parties=tuple(p.name for p in parties),
        signatories=(signer.name,),
        date_iso=date,
        evidence=(ev("memorandum of understanding", 0.9),),
    )
    document = Document(id=f"synthetic-{number}", text=text, url=f"https://example.org/n/{number}")
    return Extraction(
        document=document,
        extractor="synthetic",
        published_iso=date,
        organizations=organizations,
        people=(signer,),
        agreements=(agreement,),
    )


def write_nquads(path: Path, n_institutions: int, n_documents: int) -> int:
    """Write the corpus as N-Quads; the number of quads written."""
    count = 0
    with path.open("wb") as out:
        for extraction in extractions(n_institutions, n_documents):
            name, graph = extraction_to_graph(extraction, INGESTED)
            quads = [
                ox.Quad(_term(s), _term(p), _term(o), ox.NamedNode(str(name))) for s, p, o in graph
            ]
            out.write(ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"")
            count += len(quads)
    return count


def _term(term: object) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    assert isinstance(term, Literal)
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


FIRST = (
    "Aigerim",
    "Daniyar",
    "Olga",
    "Sergei",
    "Marat",
    "Anna",
    "Timur",
    "Elena",
    "Nurlan",
    "Irina",
)
LAST = ("Bekova", "Sydykov", "Ivanova", "Petrov", "Mukanov", "Kozlova", "Abenov", "Smirnova")
ROLES = ("Rector", "Vice-Rector for Research", "Vice-Rector for International Cooperation", "Dean")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "September", "October")


def press_releases(count: int, seed: int = 11) -> list[Document]:
    """Plain-English press releases about agreements between real-sounding institutions."""
    rng = random.Random(seed)
    orgs = [o.name for o in institutions(max(50, count // 4), rng)]
    releases = []
    for number in range(count):
        a, b = rng.sample(orgs, 2)
        person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        role = rng.choice(ROLES)
        day, month, year = rng.randint(1, 28), rng.choice(MONTHS), rng.randint(2015, 2025)
        text = (
            f"{a} signed a memorandum of understanding with {b} on {day} {month} {year}. "
            f"The document was signed by {role} {person}. "
            f"The memorandum covers academic mobility of students and teachers, joint research "
            f"projects and the organisation of summer schools. {role} {person} said that the "
            f"partnership would help both universities to develop new educational programmes.\n"
            f"The two institutions also agreed to prepare a joint master's programme in data "
            f"science and to hold a conference on regional cooperation next year. "
            f"Representatives of {b} thanked their colleagues for the warm welcome."
        )
        releases.append(
            Document(
                id=f"release-{number}",
                text=text,
                url=f"https://example.org/releases/{number}",
                title=f"{a} and {b} sign a memorandum",
                published=f"{year}-01-01",
            )
        )
    return releases
