"""Institutions and people as users look them up: search by any name, then everything known.

Fixed queries with bound terms; the search itself ranks in Python on folded names.
Where an entity has names in several languages, the one in the reader's language
(``lang``: "en" for untagged names, "ru" …) is shown, else the English one, else
any.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pyoxigraph as ox

from coopgraph.graph.entities.resolve import fold
from coopgraph.graph.rdf.iris import org_iri
from coopgraph.graph.rdf.vocab import ID

_P = """PREFIX coop: <https://w3id.org/coopgraph/ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
"""
_ORG_NAMES = (
    _P
    + """SELECT ?e ?label ?pref (COUNT(DISTINCT ?doc) AS ?docs) WHERE {
  VALUES ?class { org:FormalOrganization org:OrganizationalCollaboration }
  ?e a ?class .
  { ?e skos:prefLabel ?label BIND(true AS ?pref) }
  UNION { ?e skos:altLabel ?label BIND(false AS ?pref) }
  OPTIONAL { ?doc coop:mentions ?e }
} GROUP BY ?e ?label ?pref"""
)
_PERSON_NAMES = (
    _P
    + """SELECT ?e ?label ?pref (COUNT(DISTINCT ?doc) AS ?docs) WHERE {
  ?e a foaf:Person .
  { ?e foaf:name ?label BIND(true AS ?pref) } UNION { ?e skos:altLabel ?label BIND(false AS ?pref) }
  OPTIONAL { ?doc coop:mentions ?e }
} GROUP BY ?e ?label ?pref"""
)
_ORG_FACTS = (
    _P
    + """SELECT ?e ?pref ?alt ?country ?code ?same ?kind WHERE {
  { ?e skos:prefLabel ?pref } UNION { ?e skos:altLabel ?alt } UNION { ?e coop:countryCode ?code }
  UNION { ?e coop:country ?country } UNION { ?e owl:sameAs ?same } UNION { ?e a ?kind }
}"""
)
_PARTNERS = (
    _P
    + """SELECT DISTINCT ?e ?partner ?label WHERE {
  ?e coop:cooperatesWith ?partner . ?partner skos:prefLabel ?label }"""
)
_AGREEMENTS = (
    _P
    + """SELECT DISTINCT ?e ?agreement ?type ?status ?date ?partyIri ?party ?sentence ?doc WHERE {
  ?agreement coop:party|coop:signatory ?e ; a ?type ; coop:status ?status ;
             coop:evidence ?ev . ?ev coop:sentence ?sentence ; coop:inDocument ?doc .
  FILTER(?type != coop:Agreement && STRSTARTS(STR(?type), STR(coop:)))
  OPTIONAL { ?agreement coop:signingDate ?date }
  OPTIONAL { ?agreement coop:party ?partyIri . ?partyIri skos:prefLabel ?party }
}"""
)
_RESOLUTIONS = (
    _P
    + """SELECT DISTINCT ?e ?mention ?rule ?score ?doc WHERE {
  ?e coop:resolution ?r . ?r coop:mentionLabel ?mention ; coop:rule ?rule ; coop:score ?score ;
     coop:inDocument ?doc }"""
)
_PERSON_FACTS = (
    _P
    + """SELECT DISTINCT ?e ?name ?alt ?org ?orgLabel ?role WHERE {
  { ?e foaf:name ?name } UNION { ?e skos:altLabel ?alt }
  UNION { ?m org:member ?e ; org:organization ?org . ?org skos:prefLabel ?orgLabel
          OPTIONAL { ?m coop:roleLabel ?role } }
}"""
)


def _v(term: Any) -> Any:
    return None if term is None else term.value


def _rank(term: Any, lang: str) -> int:
    """How well a name suits a reader of ``lang``: 0 in that language, 1 English, 2 other."""
    tag = getattr(term, "language", None) or "en"
    return 0 if tag == lang else 1 if tag == "en" else 2


def _pick(named: dict[str, tuple[int, str]], key: str, term: Any, lang: str) -> None:
    """Keep in ``named[key]`` the name of ``term`` if it suits ``lang`` better (or ties
    earlier in alphabetical order, so the choice does not depend on row order)."""
    choice = (_rank(term, lang), _v(term))
    if key not in named or choice < named[key]:
        named[key] = choice


def search(store: Any, kind: str, q: str, limit: int, lang: str = "en") -> list[dict[str, Any]]:
    """Entities one of whose names matches ``q``: exact names first, then prefixes, then
    names containing it; more documents first within each rank."""
    wanted = fold(q)
    query = _ORG_NAMES if kind == "organization" else _PERSON_NAMES
    best: dict[str, tuple[int, int, str]] = {}
    labels: dict[str, tuple[int, str]] = {}
    for row in store.query(query):
        iri, label, docs = _v(row["e"]), _v(row["label"]), int(_v(row["docs"]))
        if _v(row["pref"]) == "true":
            _pick(labels, iri, row["label"], lang)
        folded = fold(label)
        rank = (
            0
            if folded == wanted
            else 1
            if folded.startswith(wanted)
            else 2
            if wanted in folded
            else 3
        )
        if rank < 3 and (iri not in best or (rank, -docs) < best[iri][:2]):
            best[iri] = (rank, -docs, label)
    ordered = sorted(best.items(), key=lambda kv: (kv[1][0], kv[1][1], kv[0]))[:limit]
    return [
        {
            "id": iri.rsplit("/", 1)[-1],
            "iri": iri,
            "label": labels[iri][1] if iri in labels else m,
            "matched": m,
            "documents": -d,
        }
        for iri, (_, d, m) in ordered
    ]


def organization(store: Any, slug_: str, lang: str = "en") -> dict[str, Any] | None:
    iri = str(org_iri(slug_))  # a slug is its own slug
    bound = {"e": ox.NamedNode(iri)}
    facts: dict[str, set[str]] = {
        k: set() for k in ("pref", "alt", "code", "country", "same", "kind")
    }
    label: dict[str, tuple[int, str]] = {}
    for row in store.query_bound(_ORG_FACTS, bound):
        for key, values in facts.items():
            if row[key] is not None:
                values.add(_v(row[key]))
        if row["pref"] is not None:
            _pick(label, iri, row["pref"], lang)
    names, aliases, codes = facts["pref"], facts["alt"], facts["code"]
    countries, same, kinds = facts["country"], facts["same"], facts["kind"]
    if not names:
        return None
    partners: dict[str, tuple[int, str]] = {}
    for r in store.query_bound(_PARTNERS, bound):
        _pick(partners, _v(r["partner"]), r["label"], lang)
    return {
        "id": slug_,
        "iri": iri,
        "label": label[iri][1],
        "names": sorted(names),
        "aliases": sorted(aliases - names),
        "country": sorted(codes)[0] if codes else None,
        "country_iri": sorted(countries)[0] if countries else None,
        "identifiers": sorted(same),
        "types": sorted(k.rsplit("#", 1)[-1] for k in kinds if "coopgraph" in k),
        "partners": sorted(
            ({"iri": p, "label": name} for p, (_, name) in partners.items()),
            key=lambda p: p["label"],
        ),
        "agreements": _agreements(store, bound, lang),
        "resolutions": _resolutions(store, bound),
    }


def person(store: Any, slug_: str, lang: str = "en") -> dict[str, Any] | None:
    iri = str(ID[f"person/{slug_}"])
    bound = {"e": ox.NamedNode(iri)}
    names, aliases, roles = set(), set(), set()
    label: dict[str, tuple[int, str]] = {}
    org_labels: dict[str, tuple[int, str]] = {}
    for row in store.query_bound(_PERSON_FACTS, bound):
        if row["name"] is not None:
            names.add(_v(row["name"]))
            _pick(label, iri, row["name"], lang)
        if row["alt"] is not None:
            aliases.add(_v(row["alt"]))
        if row["org"] is not None:
            roles.add((_v(row["org"]), _v(row["role"])))
            _pick(org_labels, _v(row["org"]), row["orgLabel"], lang)
    if not names:
        return None
    return {
        "id": slug_,
        "iri": iri,
        "label": label[iri][1],
        "names": sorted(names),
        "aliases": sorted(aliases - names),
        "affiliations": [
            {"iri": o, "label": org_labels[o][1], "role": role}
            for o, role in sorted(roles, key=str)
        ],
        "agreements": _agreements(store, bound, lang),
    }


def _agreements(store: Any, bound: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    parties: dict[str, dict[str, tuple[int, str]]] = defaultdict(dict)
    for row in store.query_bound(_AGREEMENTS, bound):
        iri = _v(row["agreement"])
        item = found.setdefault(
            iri,
            {
                "iri": iri,
                "type": _v(row["type"]).rsplit("#", 1)[-1],
                "status": _v(row["status"]).rsplit("#", 1)[-1],
                "date": _v(row["date"]),
                "evidence": [],
            },
        )
        evidence = {"sentence": _v(row["sentence"]), "document": _v(row["doc"])}
        if evidence not in item["evidence"]:
            item["evidence"].append(evidence)
        if row["party"] is not None:
            _pick(parties[iri], _v(row["partyIri"]), row["party"], lang)
    for iri, item in found.items():
        item["parties"] = sorted(name for _, name in parties[iri].values())
    return sorted(found.values(), key=lambda a: (a["date"] or "", a["iri"]))


def _resolutions(store: Any, bound: dict[str, Any]) -> list[dict[str, Any]]:
    rows = store.query_bound(_RESOLUTIONS, bound)
    found = [
        {
            "mention": _v(r["mention"]),
            "rule": _v(r["rule"]),
            "score": float(_v(r["score"])),
            "document": _v(r["doc"]),
        }
        for r in rows
    ]
    return sorted(found, key=lambda r: (r["document"], r["mention"]))
