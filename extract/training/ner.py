"""Fine-tune the entity recognizer with ``spacy train`` and install it for the extractor.

The trained recognizer is written to ``extract/trained/ner`` (about 6 MB: the
weights of en_core_web_sm's recognizer after fine-tuning) with a ``meta.json``
naming the base model it was trained on, the training data's digest and the
weights' digest, which becomes part of the extractor's version: a graph
extracted by other weights is re-extracted on the next ingestion.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import spacy
from spacy.cli.train import train as spacy_train
from spacy.language import Language
from spacy.util import registry

from coopgraph.extract import trained
from coopgraph.extract.pipeline import adapt_tokenizer, base_fingerprint, load_base_model
from coopgraph.extract.training.corpus import Annotated, write_docbin

CONFIG = Path(__file__).with_name("ner.cfg")
TRAINED = trained.NER


def like_the_extractor(model: str) -> Any:
    """Give the new pipeline the base model's lookup tables and the extractor's
    tokenizer before it initializes.

    Sourcing a component leaves the lookups behind, and the recognizer's
    features read the NORM attribute, which the ``lexeme_norm`` table shapes
    ("programme" → "program"): training must see the norms the model sees
    when it runs. The training corpus re-tokenizes each text with this
    pipeline's tokenizer, so it must split ("Zh." kept whole) as the extractor
    does, or the recognizer learns on tokens it never meets.
    """

    def adapt(nlp: Language) -> Language:
        nlp.vocab.lookups = spacy.load(model, exclude=["ner", "parser", "tagger"]).vocab.lookups
        adapt_tokenizer(nlp)
        return nlp

    return adapt


registry.callbacks.register("coopgraph.like_the_extractor.v1", func=like_the_extractor)


def corpus_nlp(models: Sequence[str]) -> Language:
    """The base model with the extractor's tokenizer, to tokenize training texts."""
    nlp = load_base_model(models)
    adapt_tokenizer(nlp)
    return nlp


def train_ner(
    nlp: Language,
    train: Sequence[Annotated],
    dev: Sequence[Annotated],
    output: Path,
    overrides: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Train on ``train`` (``dev`` is only logged), write the recognizer to ``output``.

    Returns the metadata written beside the weights.
    """
    with tempfile.TemporaryDirectory(prefix="coopgraph-train-") as tmp:
        work = Path(tmp)
        n_train, misaligned = write_docbin(nlp, train, work / "train.spacy")
        write_docbin(nlp, dev or train[:10], work / "dev.spacy")
        base = nlp.meta.get("name", "core_web_sm")
        settings = {
            "paths.train": str(work / "train.spacy"),
            "paths.dev": str(work / "dev.spacy"),
            "paths.base_model": f"{nlp.meta.get('lang', 'en')}_{base}",
            **(overrides or {}),
        }
        spacy_train(CONFIG, work / "out", overrides=settings)
        trained = work / "out" / "model-last" / "ner"
        if output.exists():
            shutil.rmtree(output)
        shutil.copytree(trained, output)
    meta = {
        "base_model": f"{nlp.meta.get('lang')}_{base}",
        "base_version": nlp.meta.get("version"),
        "base_fingerprint": base_fingerprint(nlp),
        "training_documents": n_train,
        "training_digest": _digest(train),
        "misaligned_mentions": misaligned,
        "weights_digest": hashlib.sha256((output / "model").read_bytes()).hexdigest(),
    }
    (output / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", "utf-8")
    return meta


def _digest(items: Sequence[Annotated]) -> str:
    h = hashlib.sha256()
    for item in items:
        h.update(item.doc_id.encode())
        h.update(item.text.encode())
        h.update(json.dumps(item.gold, sort_keys=True).encode())
    return h.hexdigest()
