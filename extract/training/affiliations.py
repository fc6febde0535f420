"""Train the affiliation scorer: which institution a person belongs to.

As for parties (:mod:`.parties`): the pipeline reads each training text, every
institution it offers as a person's possible affiliation is an example,
labelled by whether the gold gives that institution as the person's
affiliation (or an ``affiliated_with`` relation of theirs); scikit-learn fits
the weights, written as a plain table (``extract/trained/affiliations.json``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from spacy.language import Language

from coopgraph.extract.facts.orgs import OrgCluster
from coopgraph.extract.facts.parties import LinkModel
from coopgraph.extract.facts.people import PersonCluster
from coopgraph.extract.training.corpus import Annotated, extract_recorded
from coopgraph.extract.training.parties import fit, match_key


class RecordingAffiliations:
    """Accepts no candidate and keeps what it was shown."""

    threshold = 0.5

    def __init__(self) -> None:
        self.seen: list[tuple[str, str, dict[str, float]]] = []

    def affiliation_probability(
        self, person: PersonCluster, org: OrgCluster, features: dict[str, float]
    ) -> float:
        self.seen.append((person.name, org.name, features))
        return 0.0


def examples_by_document(
    nlp: Language, items: Sequence[Annotated]
) -> Iterator[list[tuple[dict[str, float], int]]]:
    for item in items:
        recorder = RecordingAffiliations()
        extract_recorded(nlp, item, affiliations=recorder)
        rows = []
        for person, org, features in recorder.seen:
            rows.append((features, int(match_key(org) in gold_affiliations(item.gold, person))))
        yield rows


def gold_affiliations(gold: dict[str, Any], person: str) -> set[str]:
    """Names and aliases of the institutions the gold affiliates ``person`` with."""
    names_of: dict[str, list[str]] = {}
    for org in gold.get("organizations") or []:
        names = [org.get("name", ""), *(org.get("aliases") or [])]
        for name in names:
            names_of[match_key(name)] = names
    found: set[str] = set()
    for entry in gold.get("people") or []:
        if not same_person(person, entry):
            continue
        targets = [entry.get("affiliation")] if entry.get("affiliation") else []
        own = {match_key(n) for n in [entry.get("name", ""), *(entry.get("aliases") or [])]}
        targets += [
            o
            for s, p, o in gold.get("relations") or []
            if p == "affiliated_with" and match_key(s) in own
        ]
        for target in targets:
            found.update(match_key(n) for n in names_of.get(match_key(target), [target]))
    return found


def train_affiliations(nlp: Language, items: Sequence[Annotated], output: Path) -> LinkModel:
    model = fit(list(examples_by_document(nlp, items)), {"training_documents": len(items)})
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(model.to_json(), indent=1) + "\n", "utf-8")
    return model


def same_person(name: str, entry: dict[str, Any]) -> bool:
    """score.py's test: a shared name, or the same surname with compatible first names."""
    names = [entry.get("name", ""), *(entry.get("aliases") or [])]
    if match_key(name) in {match_key(n) for n in names}:
        return True
    a, b = match_key(name).split(), match_key(entry.get("name", "")).split()
    if not a or not b or a[-1] != b[-1]:
        return False
    if len(a) == 1 or len(b) == 1:
        return True
    return a[0] == b[0] or a[0].startswith(b[0]) or b[0].startswith(a[0])
