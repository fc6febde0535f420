"""Entity resolution quality on the labelled mentions in data/resolution/labelled.csv.

    .venv/bin/python -m bench.resolution

Prints B-cubed precision and recall, and every wrong merge and missed merge.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

from bench.bcubed import bcubed
from coopgraph.graph.entities.resolve import default_resolver

LABELLED = Path(__file__).resolve().parent.parent / "data" / "resolution" / "labelled.csv"


def resolve_labelled() -> tuple[list[dict[str, str]], list[str], list[str]]:
    resolver = default_resolver()
    with LABELLED.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    predicted = [
        resolver.organization(
            row["mention"],
            [a for a in row["aliases"].split("|") if a],
            row["country"] or None,
            row["type"] or None,
        ).iri
        for row in rows
    ]
    return rows, [row["entity"] for row in rows], predicted


def main() -> None:
    rows, gold, predicted = resolve_labelled()
    precision, recall = bcubed(gold, predicted)
    entities = len(set(gold))
    print(f"{len(rows)} mentions of {entities} institutions")
    print(f"B-cubed precision {precision:.3f}, recall {recall:.3f}")
    by_iri: dict[str, set[str]] = defaultdict(set)
    by_gold: dict[str, set[str]] = defaultdict(set)
    for row, iri in zip(rows, predicted, strict=True):
        by_iri[iri].add(row["entity"])
        by_gold[row["entity"]].add(iri)
    for iri, golds in sorted(by_iri.items()):
        if len(golds) > 1:
            print(f"wrong merge: {iri} holds {sorted(golds)}")
    for entity, iris in sorted(by_gold.items()):
        if len(iris) > 1:
            print(f"split: {entity} → {sorted(i.rsplit('/', 1)[-1] for i in iris)}")


if __name__ == "__main__":
    main()
