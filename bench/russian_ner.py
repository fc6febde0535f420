"""Does a recognizer trained on our Russian news make Russian extraction better?

A trial, kept so that it can be repeated: spaCy's NER trained from a blank
``ru`` pipeline on ``data/training/ru`` (75 news items; the gold names are in
the nominative and the text inflects them, so a gold name is found in the text
by its words' lemmas), run beside Slovnet's recognizer before the Russian rules.

    .venv/bin/python -m bench.russian_ner [--folds 5]

Scored with score.py, as extraction is: the whole Russian extraction runs with
and without the trained recognizer beside Slovnet (for institutions and people,
or for institutions only), in the same run.

* Cross-validation on ``data/training/ru``: each text is read by a recognizer
  trained on the other folds; the predictions of all folds are scored together.
* ``data/eval-ru``, read by the recognizer trained on all of ``data/training/ru``.

Prints score.py's F1 per kind and macro-F1 for each variant, and the macro
ratio of each variant to the pipeline without the trained recognizer.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import filter_spans, minibatch
from thinc.api import fix_random_seed

from coopgraph.extract.reading.sources import read_document
from coopgraph.extract.russian.names import analyzer
from coopgraph.extract.russian.pipeline import load_russian_pipeline
from coopgraph.extract.russian.to_records import russian_extraction

LABELS = {"organizations": "ORG", "people": "PER"}
EPOCHS = 30
SEED = 0
DROPOUT = 0.2
BATCH = 8

Item = tuple[str, dict[str, Any]]  # a text and its gold


def read_items(root: Path) -> list[Item]:
    """(text, gold) of every item of a set with ``docs/`` and ``gold/``, by id."""
    out = []
    for path in sorted((root / "docs").glob("*.json")):
        gold = root / "gold" / path.name
        if gold.is_file():
            text = json.loads(path.read_text("utf-8"))["text"]
            out.append((text, json.loads(gold.read_text("utf-8"))))
    return out


def lemma_key(word: str) -> str:
    """The word's dictionary form, as pymorphy3 reads it first."""
    if not word.isalpha():
        return word.lower()
    return str(analyzer().parse(word.lower())[0].normal_form)


def gold_spans(doc: Doc, gold: dict[str, Any]) -> list[Span]:
    """The gold institutions and people found in ``doc`` by the lemmas of their words."""
    lemmas = [lemma_key(t.text) for t in doc]
    spans = []
    for kind, label in LABELS.items():
        for entry in gold.get(kind) or []:
            for name in [entry["name"], *(entry.get("aliases") or [])]:
                wanted = [lemma_key(w) for w in re.findall(r"\w+|[^\w\s]", name)]
                for i in range(len(lemmas) - len(wanted) + 1):
                    if wanted and lemmas[i : i + len(wanted)] == wanted:
                        spans.append(Span(doc, i, i + len(wanted), label=label))
    return filter_spans(spans)


def train_recognizer(tokenizer: Language, items: list[Item], epochs: int = EPOCHS) -> Language:
    """A blank ``ru`` pipeline with a recognizer trained on ``items``, tokenized as
    ``tokenizer`` (the Russian pipeline, whose tokens the recognizer will read)."""
    trained = spacy.blank("ru")
    trained.add_pipe("ner")
    examples = []
    for text, gold in items:
        tagged = tokenizer(text)
        reference = same_words(trained, tagged)
        reference.ents = [
            Span(reference, s.start, s.end, s.label_) for s in gold_spans(tagged, gold)
        ]
        examples.append(Example(same_words(trained, tagged), reference))
    random.seed(SEED)
    fix_random_seed(SEED)
    optimizer = trained.initialize(lambda: examples)
    for _ in range(epochs):
        random.shuffle(examples)
        for batch in minibatch(examples, size=BATCH):  # type: ignore[no-untyped-call]
            trained.update(batch, sgd=optimizer, drop=DROPOUT)
    return trained


def same_words(owner: Language, doc: Doc) -> Doc:
    """A new Doc of ``owner``'s vocabulary with ``doc``'s words and spaces."""
    return Doc(owner.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])


class LearnedEntities:
    """Entities of the trained recognizer beside Slovnet's: where two overlap, the longer
    is kept (the trained one when they are the same length); the rules run after."""

    def __init__(self, path: Path, labels: tuple[str, ...]) -> None:
        self.recognizer: Language = spacy.load(path)
        self.labels = frozenset(labels)

    def __call__(self, doc: Doc) -> Doc:
        if not any(not t.is_space for t in doc):
            return doc
        read = self.recognizer(same_words(self.recognizer, doc))
        learned = [
            Span(doc, e.start, e.end, label=e.label_) for e in read.ents if e.label_ in self.labels
        ]
        doc.ents = filter_spans([*learned, *doc.ents])
        return doc


@Language.factory(
    "bench_ru_learned_entities",
    assigns=["doc.ents"],
    requires=["doc.ents"],
    default_config={"path": "", "labels": ["ORG", "PER"]},
)
def make_learned_entities(
    nlp: Language, name: str, path: str, labels: list[str]
) -> LearnedEntities:
    return LearnedEntities(Path(path), tuple(labels))


REPO = Path(__file__).resolve().parent.parent
TRAIN, HELD_OUT = REPO / "data" / "training" / "ru", REPO / "data" / "eval-ru"
SCORER = REPO / "data" / "training" / "score.py"
VARIANTS = {"without": None, "ORG and PER": ["ORG", "PER"], "ORG only": ["ORG"]}
KINDS = ("organizations", "people", "dates", "agreements", "relations")


def pipeline(recognizer: Path | None, labels: list[str] | None) -> Language:
    nlp = load_russian_pipeline()
    if recognizer is not None and labels is not None:
        config = {"path": str(recognizer), "labels": labels}
        nlp.add_pipe("bench_ru_learned_entities", config=config, before="coop_ru_entity_shapes")
    return nlp


def save(recognizer: Language, path: Path) -> Path:
    recognizer.to_disk(path)
    return path


def predict(nlp: Language, ids: list[str], root: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for stem in ids:
        document = read_document(root / "docs" / f"{stem}.json")
        extraction = russian_extraction(nlp(document.text), document, "bench")
        (out / f"{stem}.json").write_text(json.dumps(extraction.to_json()), "utf-8")


def scores(root: Path, predictions: Path) -> dict[str, float]:
    table = subprocess.run(
        [sys.executable, str(SCORER), str(root), str(predictions)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = {
        k: float(m.group(1))
        for k in KINDS
        if (m := re.search(rf"^{k}\s.*?([\d.]+)\s+\d+/", table, re.M))
    }
    found["macro"] = float(re.search(r"macro-F1 ([\d.]+)", table).group(1))  # type: ignore[union-attr]
    return found


def show(title: str, results: dict[str, dict[str, float]]) -> None:
    print(title)
    print(f"  {'variant':14}" + "".join(f"{k[:13]:>14}" for k in (*KINDS, "macro")) + "   ratio")
    base = results["without"]["macro"]
    for variant, row in results.items():
        cells = "".join(f"{row.get(k, 0.0):14.3f}" for k in (*KINDS, "macro"))
        print(f"  {variant:14}{cells}   {row['macro'] / base:5.2f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="coopgraph-ru-ner-"))
    try:
        tokenizer = load_russian_pipeline()
        stems = sorted(p.stem for p in (TRAIN / "docs").glob("*.json"))
        items = read_items(TRAIN)
        cv = {}
        for variant, labels in VARIANTS.items():
            out = work / "cv" / variant
            for k in range(args.folds):
                held = [s for i, s in enumerate(stems) if i % args.folds == k]
                recognizer = None
                if labels is not None:
                    fold = [x for i, x in enumerate(items) if i % args.folds != k]
                    recognizer = save(train_recognizer(tokenizer, fold), work / f"fold{k}")
                predict(pipeline(recognizer, labels), held, TRAIN, out)
            cv[variant] = scores(TRAIN, out)
        show(f"{args.folds}-fold cross-validation on data/training/ru (score.py F1):", cv)
        whole = save(train_recognizer(tokenizer, items), work / "all")
        held_stems = sorted(p.stem for p in (HELD_OUT / "docs").glob("*.json"))
        measured = {}
        for variant, labels in VARIANTS.items():
            out = work / "held" / variant
            predict(pipeline(whole if labels else None, labels), held_stems, HELD_OUT, out)
            measured[variant] = scores(HELD_OUT, out)
        show("trained on all of data/training/ru, read on data/eval-ru (score.py F1):", measured)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
