"""Extraction speed: the full coopgraph pipeline against the bare model it is built on.

English: the full pipeline against bare ``nlp.pipe`` of en_core_web_sm. Russian:
the full Russian pipeline (razdel, Slovnet morphology and entities, pymorphy3,
the rules) against bare Slovnet NER (``natasha.NewsNERTagger``) on the same texts.
Both run in the same process on the same texts, so the ratios hold on a noisy
machine where absolute times do not. Texts: 40 of the project's English training
news items (``data/training/en``) and 40 Russian ones (``data/training/ru``), repeated.

    .venv/bin/python -m bench.extract [--repeat 5]

(run as a module: the file's name is also the name of a package it imports)
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

import spacy

from coopgraph.extract.pipeline import DEFAULT_MODELS, load_base_model, load_pipeline
from coopgraph.extract.reading.sources import read_document
from coopgraph.extract.to_records import extract_documents

TRAINING = Path(__file__).resolve().parent.parent / "data" / "training"
DOCS = TRAINING / "en" / "docs"
RU_DOCS = TRAINING / "ru" / "docs"


def best_of_three(bare: Callable[[], object], full: Callable[[], object]) -> tuple[float, float]:
    """Best seconds of each, alternating, to damp the machine's noise."""
    best_bare = best_full = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        bare()
        best_bare = min(best_bare, time.perf_counter() - start)
        start = time.perf_counter()
        full()
        best_full = min(best_full, time.perf_counter() - start)
    return best_bare, best_full


def russian(repeat: int) -> None:
    from natasha import NewsEmbedding, NewsNERTagger

    from coopgraph.extract.russian.to_records import extract_russian

    documents = [read_document(p) for p in sorted(RU_DOCS.glob("*.json"))[:40]] * repeat
    words = sum(len(d.text.split()) for d in documents)
    slovnet = NewsNERTagger(NewsEmbedding())
    for d in documents[:5]:  # warm caches (pymorphy3, the Russian pipeline)
        extract_russian(d, "bench", 20_000)
    best_bare, best_full = best_of_three(
        lambda: [slovnet(d.text) for d in documents],
        lambda: [extract_russian(d, "bench", 20_000) for d in documents],
    )
    print(f"Russian: {len(documents)} documents, {words} words")
    print(f"bare Slovnet NER   {words / best_bare:10.0f} words/s")
    print(f"coopgraph extract  {words / best_full:10.0f} words/s")
    print(f"ratio full/bare    {best_bare / best_full:10.2f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    documents = [read_document(p) for p in sorted(DOCS.glob("*.json"))[:40]] * args.repeat
    texts = [d.text for d in documents]
    words = sum(len(t.split()) for t in texts)

    bare = load_base_model(DEFAULT_MODELS)
    full = load_pipeline(DEFAULT_MODELS)
    for _ in extract_documents(full, documents[:5]):  # warm caches (dateparser, vocab)
        pass

    best_bare, best_full = best_of_three(
        lambda: list(bare.pipe(texts, batch_size=16)),
        lambda: list(extract_documents(full, documents, batch_size=16)),
    )

    print(f"spaCy {spacy.__version__}, {len(texts)} documents, {words} words")
    print(f"bare nlp.pipe      {words / best_bare:10.0f} words/s")
    print(f"coopgraph extract  {words / best_full:10.0f} words/s")
    print(f"ratio full/bare    {best_bare / best_full:10.2f}   (target >= 0.70)")
    russian(args.repeat)


if __name__ == "__main__":
    main()
