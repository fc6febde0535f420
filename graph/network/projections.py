"""Networks projected from the RDF graph, as networkx graphs, for analysis.

Three SPARQL reads (agreements with their parties, consortium memberships,
people's memberships) give a :class:`NetworkData` of the store; projections are
built from it in Python, filtered by :class:`NetworkFilter`. Filtering happens
here and not in SPARQL text, so no query is ever assembled from user input.

Projections:

- ``institutions``: institution-institution; an edge's weight is the number of
  agreements the two share plus the consortia both belong to; edges carry the
  agreement IRIs, their types, and the first and last year.
- ``bipartite``: institutions and agreements (``bipartite`` = 0 / 1).
- ``people``: people and the institutions they hold a role in.
- ``countries``: country-country, weighted by agreements across the two.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any, Literal, Protocol

import networkx as nx

from coopgraph.extract.names import fold_accents


class Readable(Protocol):
    """What the network is read through: the store, or a checkpoint in a query worker."""

    version: int

    def query(self, sparql: str) -> Any: ...


Kind = Literal["institutions", "bipartite", "people", "countries"]
KINDS: tuple[Kind, ...] = ("institutions", "bipartite", "people", "countries")

_PREFIXES = """PREFIX coop: <https://w3id.org/coopgraph/ns#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
# Each read is one triple pattern (or a chain of distinct steps), with DISTINCT,
# and the joins happen in Python: each read grows linearly with the store, on
# the embedded store's default graph (a set) and on a remote server whose union
# default graph repeats a fact once per document stating it (where a join of k
# patterns in SPARQL would produce n^k rows before DISTINCT could remove them).
_READS = {
    name: _PREFIXES + query
    for name, query in {
        "parties": "SELECT DISTINCT ?a ?b WHERE { ?a coop:party ?b }",
        "types": "SELECT DISTINCT ?a ?b WHERE { ?a a ?b . ?b rdfs:subClassOf coop:Agreement }",
        "statuses": "SELECT DISTINCT ?a ?b WHERE { ?a coop:status ?b }",
        "agreements": "SELECT DISTINCT ?a WHERE { ?a a coop:Agreement }",
        "dates": "SELECT DISTINCT ?a ?b WHERE { ?a coop:signingDate ?b }",
        "issued": """SELECT DISTINCT ?a ?b WHERE {
  { SELECT DISTINCT ?a ?doc WHERE { ?a coop:evidence/coop:inDocument ?doc } }
  ?doc dcterms:issued ?b }""",
        "labels": "SELECT DISTINCT ?a ?b WHERE { ?a skos:prefLabel ?b }",
        "tagged_labels": """SELECT DISTINCT ?a ?b WHERE {
  ?a skos:prefLabel ?b FILTER(lang(?b) != "") }""",
        "aliases": "SELECT DISTINCT ?a ?b WHERE { ?a skos:altLabel ?b }",
        "organizations": """SELECT DISTINCT ?a WHERE {
  { ?a a org:FormalOrganization } UNION { ?a a org:OrganizationalCollaboration } }""",
        "countries": "SELECT DISTINCT ?a ?b WHERE { ?a coop:countryCode ?b }",
        "consortia": "SELECT DISTINCT ?a WHERE { ?a a coop:Consortium }",
        "members": "SELECT DISTINCT ?a ?b WHERE { ?a org:hasMember ?b }",
        "membership_people": "SELECT DISTINCT ?a ?b WHERE { ?a a org:Membership ; org:member ?b }",
        "membership_orgs": "SELECT DISTINCT ?a ?b WHERE { ?a org:organization ?b }",
        "membership_roles": "SELECT DISTINCT ?a ?b WHERE { ?a coop:roleLabel ?b }",
        "names": "SELECT DISTINCT ?a ?b WHERE { ?a foaf:name ?b }",
    }.items()
}

_EVIDENCE = (
    _PREFIXES
    + """SELECT DISTINCT ?agreement ?sentence ?document ?begin ?end WHERE {
  ?agreement coop:evidence ?evidence .
  ?evidence coop:sentence ?sentence ; coop:inDocument ?document ;
            coop:beginIndex ?begin ; coop:endIndex ?end .
}"""
)
TYPE_PREFIX = "https://w3id.org/coopgraph/ns#"


@dataclass
class Institution:
    iri: str
    label: str
    country: str | None = None
    consortium: bool = False
    names: dict[str, str] = field(default_factory=dict)  # language → name, where tagged

    def name_in(self, language: str) -> str:
        """The name in ``language`` where it has one, else its (English) label."""
        return self.names.get(language, self.label)


@dataclass
class AgreementInfo:
    iri: str
    type: str  # local name: "MemorandumOfUnderstanding", … or "Agreement"
    year: int | None
    parties: set[str] = field(default_factory=set)
    status: str = "Signed"  # local name: Signed, Renewed, Existing, Planned


@dataclass
class NetworkData:
    """What the projections are built from, read from the store at one version."""

    institutions: dict[str, Institution]
    agreements: dict[str, AgreementInfo]
    members: dict[str, set[str]]  # consortium → member institutions
    people: dict[str, tuple[str, set[tuple[str, str | None]]]]  # person → (name, {(org, role)})
    # every institution the store names, in the network or not: folded name or alias → IRIs
    names: dict[str, set[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class NetworkFilter:
    """Which part of the network to look at. Empty fields mean "all"."""

    year_from: int | None = None
    year_to: int | None = None
    agreement_types: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    min_weight: int = 1
    consortium: str | None = None
    statuses: tuple[str, ...] = ()  # "Planned" agreements are not partnerships yet

    def keeps(self, agreement: AgreementInfo) -> bool:
        if self.agreement_types and agreement.type not in self.agreement_types:
            return False
        if self.statuses and agreement.status not in self.statuses:
            return False
        if self.year_from is not None or self.year_to is not None:
            if agreement.year is None:
                return False
            if self.year_from is not None and agreement.year < self.year_from:
                return False
            if self.year_to is not None and agreement.year > self.year_to:
                return False
        return True


def _value(term: Any) -> Any:
    return None if term is None else term.value


def _year(*dates: str | None) -> int | None:
    for date in dates:
        if date and date[:4].isdigit():
            return int(date[:4])
    return None


def _pairs(store: Readable, read: str) -> dict[str, set[str]]:
    """``?a`` → every ``?b`` of one of the reads."""
    found: dict[str, set[str]] = defaultdict(set)
    for row in store.query(_READS[read]):
        found[_value(row["a"])].add(_value(row["b"]))
    return found


def _subjects(store: Readable, read: str) -> set[str]:
    return {_value(row["a"]) for row in store.query(_READS[read])}


def read_snapshot(store: Readable) -> NetworkData:
    parties = _pairs(store, "parties")
    kinds, statuses = _pairs(store, "types"), _pairs(store, "statuses")
    dates, issued = _pairs(store, "dates"), _pairs(store, "issued")
    labels, countries = _pairs(store, "labels"), _pairs(store, "countries")
    consortia = _subjects(store, "consortia")
    institutions: dict[str, Institution] = {}
    agreements: dict[str, AgreementInfo] = {}
    for iri in _subjects(store, "agreements") & parties.keys():
        named = [p for p in parties[iri] if p in labels]  # a party without a name is not drawn
        if not named:
            continue
        # the earliest signing date, else the earliest release that reports it
        year = _year(min(dates[iri], default=None), min(issued[iri], default=None))
        info = agreements[iri] = AgreementInfo(iri, _type(kinds[iri]), year, set(named))
        status = min(statuses.get(iri, set()), default=None)
        if status is not None and status.startswith(TYPE_PREFIX):
            info.status = status[len(TYPE_PREFIX) :]
        for party in info.parties - institutions.keys():
            institutions[party] = Institution(
                party,
                min(labels[party]),  # one label per IRI, whatever the order
                min(countries[party], default=None),
                party in consortia,
            )
    members = {c: found for c, found in _pairs(store, "members").items() if c in consortia}
    for consortium, found in members.items():
        # members known only from a stated membership are drawn by name too
        for iri in ({consortium} | found) - institutions.keys():
            if iri in labels:
                institutions[iri] = Institution(
                    iri, min(labels[iri]), min(countries[iri], default=None), iri in consortia
                )
    for iri, by_language in _tagged(store).items():
        if iri in institutions:
            institutions[iri].names = by_language
    names = _names(_subjects(store, "organizations"), labels, _pairs(store, "aliases"))
    return NetworkData(institutions, agreements, members, _people(store), names)


def _tagged(store: Readable) -> dict[str, dict[str, str]]:
    """Institution → language → its name in that language (the smallest, if several)."""
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for row in store.query(_READS["tagged_labels"]):
        language = (getattr(row["b"], "language", None) or "").lower()
        name, names = _value(row["b"]), found[_value(row["a"])]
        if language and (language not in names or name < names[language]):
            names[language] = name
    return dict(found)


def _names(
    organizations: set[str], labels: dict[str, set[str]], aliases: dict[str, set[str]]
) -> dict[str, set[str]]:
    """Folded name or alias → the institutions it names ("KazNU" and its full name alike)."""
    found: dict[str, set[str]] = defaultdict(set)
    for iri in organizations:
        for name in labels.get(iri, set()) | aliases.get(iri, set()):
            found[fold_name(name)].add(iri)
    return dict(found)


def fold_name(name: str) -> str:
    """A name as references compare it: case, accents and spacing aside.

    >>> fold_name("  Al-Farabi  KazNU ") == fold_name("al-farabi kaznu")
    True
    """
    return " ".join(fold_accents(name).casefold().split())


def _type(kinds: set[str]) -> str:
    """The agreement's most specific class's local name, or "Agreement"."""
    specific = sorted(k[len(TYPE_PREFIX) :] for k in kinds if k.startswith(TYPE_PREFIX))
    specific = [k for k in specific if k != "Agreement"]
    return specific[0] if specific else "Agreement"


def _people(store: Readable) -> dict[str, tuple[str, set[tuple[str, str | None]]]]:
    who, where = _pairs(store, "membership_people"), _pairs(store, "membership_orgs")
    roles, names = _pairs(store, "membership_roles"), _pairs(store, "names")
    people: dict[str, tuple[str, set[tuple[str, str | None]]]] = {}
    for membership, persons in who.items():
        for person in persons:
            if person not in names:
                continue
            _, held = people.setdefault(person, (min(names[person]), set()))
            stated: set[str | None] = set(roles.get(membership, ())) or {None}
            held.update((org, role) for org in where.get(membership, ()) for role in stated)
    return people


def evidence_for(store: Readable, agreements: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
    """The sentences behind each agreement: text, document, character span."""
    wanted = set(agreements)
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    if not wanted:
        return found
    for row in store.query(_EVIDENCE):
        agreement = _value(row["agreement"])
        if agreement in wanted:
            found[agreement].append(
                {
                    "sentence": _value(row["sentence"]),
                    "document": _value(row["document"]),
                    "begin": int(_value(row["begin"])),
                    "end": int(_value(row["end"])),
                }
            )
    return found


def project(snapshot: NetworkData, kind: Kind, where: NetworkFilter) -> nx.Graph:
    builders = {
        "institutions": institutions_graph,
        "bipartite": bipartite_graph,
        "people": people_graph,
        "countries": countries_graph,
    }
    return builders[kind](snapshot, where)


def _kept(snapshot: NetworkData, where: NetworkFilter) -> list[AgreementInfo]:
    scope = snapshot.members.get(where.consortium, set()) if where.consortium else None
    kept = []
    for agreement in snapshot.agreements.values():
        if not where.keeps(agreement):
            continue
        if scope is not None and not (agreement.parties & (scope | {where.consortium})):
            continue
        kept.append(agreement)
    return kept


def _add_institution(g: nx.Graph, snapshot: NetworkData, iri: str) -> None:
    org = snapshot.institutions.get(iri)
    g.add_node(
        iri,
        label=org.label if org else iri,
        country=(org.country if org else None) or "",
        kind="institution",
    )


def _in_scope(snapshot: NetworkData, iri: str, where: NetworkFilter) -> bool:
    org = snapshot.institutions.get(iri)
    if org is not None and org.consortium:
        return False  # a consortium is a collaboration, not a node among institutions
    if where.countries and (org is None or org.country not in where.countries):
        return False
    return not (where.consortium and iri not in snapshot.members.get(where.consortium, set()))


def _partnership(g: nx.Graph, snapshot: NetworkData, a: str, b: str) -> dict[str, Any]:
    """The edge between two institutions, added with both nodes if new; its data."""
    for node in (a, b):
        if node not in g:
            _add_institution(g, snapshot, node)
    if not g.has_edge(a, b):
        g.add_edge(a, b, weight=0, agreements=[], types=set(), first_year=None, last_year=None)
    data: dict[str, Any] = g.edges[a, b]
    return data


def institutions_graph(snapshot: NetworkData, where: NetworkFilter) -> nx.Graph:
    g = nx.Graph(kind="institutions")
    for agreement in _kept(snapshot, where):
        parties = sorted(p for p in agreement.parties if _in_scope(snapshot, p, where))
        for a, b in combinations(parties, 2):
            edge = _partnership(g, snapshot, a, b)
            edge["weight"] += 1
            edge["agreements"].append(agreement.iri)
            edge["types"].add(agreement.type)
            if agreement.year is not None:
                first, last = edge["first_year"], edge["last_year"]
                edge["first_year"] = agreement.year if first is None else min(first, agreement.year)
                edge["last_year"] = agreement.year if last is None else max(last, agreement.year)
    # shared memberships have no date and are no agreement: they count only when
    # neither years nor agreement types are asked for
    unfiltered = where.year_from is None and where.year_to is None and not where.agreement_types
    for consortium, members in snapshot.members.items() if unfiltered else ():
        if where.consortium and consortium != where.consortium:
            continue
        for a, b in combinations(sorted(m for m in members if _in_scope(snapshot, m, where)), 2):
            _partnership(g, snapshot, a, b)["weight"] += 1  # a shared membership
    _drop_light_edges(g, where.min_weight)
    for _, _, data in g.edges(data=True):
        data["types"] = sorted(data["types"])
    for node, data in g.nodes(data=True):
        years = [g.edges[node, n]["first_year"] for n in g[node] if g.edges[node, n]["first_year"]]
        data["first_year"] = min(years) if years else None
    return g


def agreement_label(snapshot: NetworkData, agreement: AgreementInfo) -> str:
    """A readable name for an agreement node: its kind, year and parties.

    >>> info = AgreementInfo("urn:a", "MemorandumOfUnderstanding", 2024, {"urn:k", "urn:p"})
    >>> data = NetworkData({"urn:k": Institution("urn:k", "KazNU"),
    ...                     "urn:p": Institution("urn:p", "Polotsk State University")}, {}, {}, {})
    >>> agreement_label(data, info)
    'Memorandum of understanding (2024): KazNU + Polotsk State University'
    """
    kind = re.sub(r"(?<!^)(?=[A-Z])", " ", agreement.type).capitalize()
    year = f" ({agreement.year})" if agreement.year is not None else ""
    names = sorted(
        snapshot.institutions[p].label if p in snapshot.institutions else p
        for p in agreement.parties
    )
    return f"{kind}{year}: {' + '.join(names)}"


def _drop_light_edges(g: nx.Graph, min_weight: int) -> None:
    if min_weight > 1:
        g.remove_edges_from([(a, b) for a, b, w in g.edges(data="weight") if w < min_weight])
        g.remove_nodes_from([n for n in list(g) if g.degree(n) == 0])


def bipartite_graph(snapshot: NetworkData, where: NetworkFilter) -> nx.Graph:
    g = nx.Graph(kind="bipartite")
    for agreement in _kept(snapshot, where):
        parties = [p for p in agreement.parties if _in_scope(snapshot, p, where)]
        if not parties:
            continue
        g.add_node(
            agreement.iri,
            label=agreement_label(snapshot, agreement),
            kind="agreement",
            bipartite=1,
            year=agreement.year,
        )
        for party in parties:
            _add_institution(g, snapshot, party)
            g.nodes[party]["bipartite"] = 0
            g.add_edge(party, agreement.iri, weight=1)
    return g


def people_graph(snapshot: NetworkData, where: NetworkFilter) -> nx.Graph:
    g = nx.Graph(kind="people")
    for person, (name, roles) in snapshot.people.items():
        for org, role in roles:
            if not _in_scope(snapshot, org, where):
                continue
            g.add_node(person, label=name, kind="person", bipartite=1)
            _add_institution(g, snapshot, org)
            g.nodes[org]["bipartite"] = 0
            g.add_edge(person, org, weight=1, role=role or "")
    return g


def countries_graph(snapshot: NetworkData, where: NetworkFilter) -> nx.Graph:
    g = nx.Graph(kind="countries")
    for agreement in _kept(snapshot, where):
        codes = set()
        for party in agreement.parties:
            org = snapshot.institutions.get(party)
            if org and org.country and not org.consortium and _in_scope(snapshot, party, where):
                codes.add(org.country)
        for code in codes:
            if code not in g:
                g.add_node(code, label=code, kind="country", domestic=0)
        if len(codes) == 1:
            g.nodes[next(iter(codes))]["domestic"] += 1
        for a, b in combinations(sorted(codes), 2):
            if not g.has_edge(a, b):
                g.add_edge(a, b, weight=0)
            g.edges[a, b]["weight"] += 1
    _drop_light_edges(g, where.min_weight)
    return g
