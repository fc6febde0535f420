"""Train the signatory scorer: who signed an agreement, among the people around it.

As for parties (:mod:`.parties`): every person the extractor offers as a
possible signatory is an example, labelled by whether the gold names that
person among the signatories of an agreement of the trigger's type;
scikit-learn fits the weights (``extract/trained/signatories.json``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Span

from coopgraph.extract.facts.parties import LinkModel
from coopgraph.extract.facts.people import PersonCluster
from coopgraph.extract.training.affiliations import same_person
from coopgraph.extract.training.corpus import Annotated, extract_recorded
from coopgraph.extract.training.parties import RecordingScorer, fit


class RecordingSignatories:
    """Accepts every candidate and keeps what it was shown."""

    threshold = 0.5

    def __init__(self) -> None:
        self.seen: list[tuple[str, str, dict[str, float]]] = []

    def signatory_probability(
        self, person: PersonCluster, features: dict[str, float], trigger: Span
    ) -> float:
        self.seen.append((trigger.label_, person.name, features))
        return 1.0


def examples_by_document(
    nlp: Language, items: Sequence[Annotated]
) -> Iterator[list[tuple[dict[str, float], int]]]:
    for item in items:
        recorder = RecordingSignatories()
        # parties as the shipped extractor chooses them would need the party scorer;
        # the recording one accepts every candidate, as in the party scorer's training
        extract_recorded(nlp, item, parties=RecordingScorer(), signatories=recorder)
        yield [
            (features, int(_signed(item.gold, kind, person)))
            for kind, person, features in recorder.seen
        ]


def _signed(gold: dict[str, Any], kind: str, person: str) -> bool:
    agreements = gold.get("agreements") or []
    same_type = [a for a in agreements if a.get("type") == kind] or agreements
    names = [n for a in same_type for n in a.get("signatories") or []]
    return any(same_person(person, {"name": n}) for n in names)


def train_signatories(nlp: Language, items: Sequence[Annotated], output: Path) -> LinkModel:
    model = fit(list(examples_by_document(nlp, items)), {"training_documents": len(items)})
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(model.to_json(), indent=1) + "\n", "utf-8")
    return model
