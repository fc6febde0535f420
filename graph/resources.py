"""Files the graph layer reads: the ontology, its shapes, example queries, reference tables.

They live at the top of the repository (``ontologies/``, ``data/``) because
users read and edit them, and travel inside the ``coopgraph`` package, so they
are read with :mod:`importlib.resources` (an installed wheel has no
repository around it). This module is the one place that knows where.
"""

from __future__ import annotations

import csv
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
