"""The newest agreements, as an Atom feed reads them: type, parties, date, signatories,
the sentence behind each, and the document it was read in.

Fixed queries; each agreement's parties and signatories are read with the
agreement bound as a term, never spliced into the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from coopgraph.graph.entities.documents import PREFIXES
from coopgraph.graph.entities.resolve import fold

_NEWEST = (
    PREFIXES
    + """SELECT ?agreement ?label ?type ?date ?ingested ?doc ?url ?title ?sentence WHERE {
  GRAPH ?doc {
    ?agreement a coop:Agreement, ?type ; rdfs:label ?label ; coop:evidence/coop:sentence ?sentence .
    FILTER(?type != coop:Agreement && STRSTARTS(STR(?type), STR(coop:)))
    ?doc prov:generatedAtTime ?ingested .
    OPTIONAL { ?agreement coop:signingDate ?date }
    OPTIONAL { ?doc schema:url ?url } OPTIONAL { ?doc dcterms:title ?title }
  }
} ORDER BY DESC(?ingested) ?agreement"""
)
_PARTIES = (
    PREFIXES
    + """SELECT DISTINCT ?agreement ?party ?name ?code WHERE {
  ?agreement coop:party ?party . ?party skos:prefLabel ?name .
  OPTIONAL { ?party coop:countryCode ?code } }"""
)
_SIGNATORIES = (
    PREFIXES
    + """SELECT DISTINCT ?agreement ?person ?name WHERE { ?agreement coop:signatory ?person .
  ?person foaf:name ?name }"""
)
SCAN = 5_000  # agreement rows read, newest first, to find the ones a filter keeps


@dataclass
class FeedAgreement:
    iri: str
    label: str
    type: str  # local name: MemorandumOfUnderstanding, …
    ingested: str
    document: str
    sentence: str
    date: str | None = None
    url: str | None = None
    title: str | None = None
    parties: list[tuple[str, str, str | None]] = field(default_factory=list)  # iri, name, code
    signatories: list[tuple[str, str]] = field(default_factory=list)


def newest_agreements(
    store: Any,
    limit: int,
    institution: str | None = None,
    country: str | None = None,
    kind: str | None = None,
) -> list[FeedAgreement]:
    """The ``limit`` most recently stored agreements that the filters keep."""
    found: list[FeedAgreement] = []
    seen: set[str] = set()
    for number, row in enumerate(store.query(_NEWEST)):
        if number >= SCAN or len(found) >= limit:
            break
        iri = row["agreement"].value
        local = row["type"].value.rsplit("#", 1)[-1]
        if iri in seen or (kind is not None and local != kind):
            continue
        seen.add(iri)
        item = FeedAgreement(
            iri, row["label"].value, local, row["ingested"].value, row["doc"].value,
            row["sentence"].value, _v(row["date"]), _v(row["url"]), _v(row["title"]),
        )  # fmt: skip
        _complete(store, item)
        if _kept(item, institution, country):
            found.append(item)
    return found


def _complete(store: Any, item: FeedAgreement) -> None:
    bound = {"agreement": ox.NamedNode(item.iri)}
    names: dict[str, tuple[str, str | None]] = {}
    for row in store.query_bound(_PARTIES, bound):
        party = row["party"].value
        # one name per party: the untagged (English) one, else the one there is
        if party not in names or not row["name"].language:
            names[party] = (row["name"].value, _v(row["code"]))
    item.parties = sorted(((p, n, c) for p, (n, c) in names.items()), key=lambda t: t[1])
    people: dict[str, str] = {}
    for row in store.query_bound(_SIGNATORIES, bound):
        if row["person"].value not in people or not row["name"].language:
            people[row["person"].value] = row["name"].value
    item.signatories = sorted(people.items(), key=lambda t: t[1])


def _kept(item: FeedAgreement, institution: str | None, country: str | None) -> bool:
    if country is not None and not any(c == country.upper() for _, _, c in item.parties):
        return False
    if institution is not None:
        wanted = fold(institution)
        return any(wanted in (fold(name), iri.rsplit("/", 1)[-1]) for iri, name, _ in item.parties)
    return True


def _v(term: Any) -> str | None:
    return None if term is None else str(term.value)
