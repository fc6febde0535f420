"""Train the agreement-party scorer: logistic regression over the candidates' features.

The examples are the candidates the extractor itself considers: the pipeline
(with the recognizer it will run with) reads each training text, and every
institution it offers as a possible party of an agreement becomes an example,
labelled by whether the gold names it among the parties of an agreement of
that text. scikit-learn fits the weights; they are written as a plain table
(``extract/trained/parties.json``), so running the extractor needs no
scikit-learn.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Span

from coopgraph.extract.facts.parties import LinkModel
from coopgraph.extract.training.corpus import Annotated, extract_recorded

# L2 strength (scikit-learn's C): chosen on cross-validation of train, not on dev
REGULARISATION = 0.5
CALIBRATION_FOLDS = 5


class RecordingScorer:
    """Accepts every candidate and keeps what it was shown."""

    threshold = 0.5

    def __init__(self) -> None:
        # (agreement type, its trigger's start) → the candidates shown, in order
        self.seen: dict[tuple[str, int], list[tuple[str, dict[str, float]]]] = {}

    def party_probability(self, name: str, features: dict[str, float], trigger: Span) -> float:
        self.seen.setdefault((trigger.label_, trigger.start_char), []).append((name, features))
        return 1.0

    def agreement_confidence(self, raw: float) -> float:
        return raw


def examples(nlp: Language, items: Sequence[Annotated]) -> Iterator[tuple[dict[str, float], int]]:
    """(features, 1 if a gold party else 0) for every candidate of every agreement."""
    for rows in examples_by_document(nlp, items):
        yield from rows


def examples_by_document(
    nlp: Language, items: Sequence[Annotated]
) -> Iterator[list[tuple[dict[str, float], int]]]:
    """The examples of each document, kept together (folds split documents, not candidates)."""
    for item in items:
        recorder = RecordingScorer()
        extract_recorded(nlp, item, parties=recorder)
        rows = []
        for (kind, _), shown in recorder.seen.items():
            chosen = {match_key(name) for name, f in shown if f.get("rules_choose")}
            parties = gold_party_keys(item.gold, kind, chosen)
            rows += [(features, int(match_key(name) in parties)) for name, features in shown]
        yield rows


def gold_party_keys(gold: dict[str, Any], kind: str, chosen: set[str]) -> set[str]:
    """The names and aliases of the parties of the gold agreement a trigger stands for.

    That agreement is the gold one of the trigger's type sharing most parties
    with the rules' choice; with none of that type, every agreement's parties.
    """
    names_of: dict[str, list[str]] = {}
    for org in gold.get("organizations") or []:
        names = [org.get("name", ""), *(org.get("aliases") or [])]
        for name in names:
            names_of[match_key(name)] = names

    def keys_of(agreement: dict[str, Any]) -> set[str]:
        return {
            match_key(n)
            for party in agreement.get("parties") or []
            for n in names_of.get(match_key(party), [party])
        }

    agreements = gold.get("agreements") or []
    same_type = [keys_of(a) for a in agreements if a.get("type") == kind]
    if not same_type:
        return set().union(*(keys_of(a) for a in agreements))
    return max(same_type, key=lambda keys: len(keys & chosen))


def fit(
    documents: Sequence[list[tuple[dict[str, float], int]]], meta: dict[str, object]
) -> LinkModel:
    """Logistic regression on the examples, then Platt-calibrated on held-out scores.

    The regression is fitted on every document; its raw scores on documents it
    did not see (5-fold, by document) are mapped to outcomes by a one-feature
    logistic fit (a, b), folded into the weights (w·a, bias·a + b), so the
    probabilities the extractor reports match how often candidates at that
    probability were parties. scikit-learn is imported only to train.
    """
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows = [row for document in documents for row in document]
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([f for f, _ in rows])
    y = [label for _, label in rows]
    model = LogisticRegression(C=REGULARISATION, max_iter=2000).fit(x, y)

    held_out_scores: list[float] = []
    held_out_labels: list[int] = []
    for k in range(CALIBRATION_FOLDS):
        train = [r for i, d in enumerate(documents) if i % CALIBRATION_FOLDS != k for r in d]
        test = [r for i, d in enumerate(documents) if i % CALIBRATION_FOLDS == k for r in d]
        if not test or len({label for _, label in train}) < 2:
            continue
        part = LogisticRegression(C=REGULARISATION, max_iter=2000)
        part.fit(vectorizer.transform([f for f, _ in train]), [label for _, label in train])
        held_out_scores += part.decision_function(
            vectorizer.transform([f for f, _ in test])
        ).tolist()
        held_out_labels += [label for _, label in test]
    platt = LogisticRegression(C=1e6, max_iter=2000)
    platt.fit([[s] for s in held_out_scores], held_out_labels)
    a, b = float(platt.coef_[0][0]), float(platt.intercept_[0])

    weights = {
        name: round(float(w) * a, 4)
        for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)
        if abs(w * a) >= 1e-4
    }
    bias = round(float(model.intercept_[0]) * a + b, 4)
    meta = {
        **meta,
        "examples": len(y),
        "positives": sum(y),
        "regularisation": REGULARISATION,
        "platt": [round(a, 4), round(b, 4)],
    }
    return LinkModel(weights=weights, bias=bias, meta=meta)


def train_parties(nlp: Language, items: Sequence[Annotated], output: Path) -> LinkModel:
    """Fit the scorer on ``items`` read by ``nlp`` and write it to ``output``."""
    model = fit(list(examples_by_document(nlp, items)), {"training_documents": len(items)})
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(model.to_json(), indent=1) + "\n", "utf-8")
    return model


def match_key(name: str) -> str:
    """score.py's matching key: case, punctuation and a leading "the" ignored."""
    text = re.sub(r"[^\w\s]", " ", name.casefold())
    text = " ".join(text.split())
    return text.removeprefix("the ")
