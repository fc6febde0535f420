"""Files the graph layer reads: the ontology, its shapes, example queries, reference tables.

They live at the top of the repository (``ontologies/``, ``data/``) because
users read and edit them, and travel inside the ``coopgraph`` package, so they
are read with :mod:`importlib.resources` (an installed wheel has no
repository around it). This module is the one place that knows where.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable

PACKAGE: Traversable = files("coopgraph")
ONTOLOGY = PACKAGE / "ontologies" / "coop.ttl"
SHAPES = PACKAGE / "ontologies" / "coop.shapes.ttl"
QUERIES = PACKAGE / "ontologies" / "queries"
COUNTRIES = PACKAGE / "data" / "countries.csv"
GAZETTEER = PACKAGE / "data" / "gazetteer.csv"


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    name: str
    wikidata: str  # a QID such as "Q232"


@cache
def countries() -> dict[str, Country]:
    """ISO 3166-1 alpha-2 code → country, from ``data/countries.csv``."""
    with COUNTRIES.open("r", encoding="utf-8") as f:
        return {row["code"]: Country(**row) for row in csv.DictReader(f)}


@dataclass(frozen=True, slots=True)
class ExampleQuery:
    name: str  # the file's stem
    title: str  # the first comment line
    text: str


def example_queries() -> list[ExampleQuery]:
    """The researchers' example queries in ``ontologies/queries``, by file name."""
    out = []
    paths = [p for p in QUERIES.iterdir() if p.name.endswith(".rq")]
    for path in sorted(paths, key=lambda p: p.name):
        text = path.read_text(encoding="utf-8")
        first = text.splitlines()[0] if text else ""
        out.append(ExampleQuery(path.name.removesuffix(".rq"), first.lstrip("# ").strip(), text))
    return out


# the examples' way of choosing one name: "the English (untagged) one, else the one it has"
_ENGLISH_FIRST = re.compile(
    r'FILTER\(lang\((?P<name>\?\w+)\) = "" \|\| NOT EXISTS \{ (?P<other>[^{}]*?) '
    r'FILTER\(lang\((?P<probe>\?\w+)\) = ""\) \}\)'
)
_CHOICE_COMMENT = re.compile(r"the English \(untagged\) one")


def in_language(query: str, language: str) -> str:
    """An example query choosing names in ``language`` first ("en" leaves it as it is).

    Only the examples' one-name idiom changes; a query that asks for a language
    on purpose (names-in-two-languages) keeps its filters.

    >>> q = 'FILTER(lang(?n) = "" || NOT EXISTS { ?o rdfs:label ?e_ FILTER(lang(?e_) = "") })'
    >>> print(in_language(q, "ru"))  # doctest: +NORMALIZE_WHITESPACE
    FILTER(langMatches(lang(?n), "ru") || NOT EXISTS { ?o rdfs:label ?e_
           FILTER(langMatches(lang(?e_), "ru")) })
    """
    if language == "en":
        return query
    tag = json.dumps(language)  # a quoted SPARQL string: the language is one of ours
    chosen = _ENGLISH_FIRST.sub(
        lambda m: (
            f"FILTER(langMatches(lang({m['name']}), {tag}) || NOT EXISTS {{ {m['other']} "
            f"FILTER(langMatches(lang({m['probe']}), {tag})) }})"
        ),
        query,
    )
    return _CHOICE_COMMENT.sub(f"the {LANGUAGE_NAMES[language]} one", chosen)


LANGUAGE_NAMES = {"en": "English", "ru": "Russian"}
