"""Files the graph layer reads: the ontology, its shapes, example queries, reference tables.

They live at the top of the repository (``ontologies/``, ``data/``) because
users read and edit them; this module is the one place that knows where.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY = ROOT / "ontologies" / "coop.ttl"
SHAPES = ROOT / "ontologies" / "coop.shapes.ttl"
QUERIES = ROOT / "ontologies" / "queries"
COUNTRIES = ROOT / "data" / "countries.csv"


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    name: str
    wikidata: str  # a QID such as "Q232"


@cache
def countries() -> dict[str, Country]:
    """ISO 3166-1 alpha-2 code → country, from ``data/countries.csv``."""
    with COUNTRIES.open(encoding="utf-8", newline="") as f:
        return {row["code"]: Country(**row) for row in csv.DictReader(f)}


@dataclass(frozen=True, slots=True)
class ExampleQuery:
    name: str  # the file's stem
    title: str  # the first comment line
    text: str


def example_queries() -> list[ExampleQuery]:
    """The researchers' example queries in ``ontologies/queries``, by file name."""
    out = []
    for path in sorted(QUERIES.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        first = text.splitlines()[0] if text else ""
        out.append(ExampleQuery(path.stem, first.lstrip("# ").strip(), text))
    return out
