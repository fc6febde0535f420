"""Extraction speed: the full coopgraph pipeline against bare ``nlp.pipe`` of the same model.

Both run in the same process on the same texts, so the ratio holds on a noisy
machine where absolute times do not. Texts: 40 of the project's training news items
(``data/training/en``), repeated.

    .venv/bin/python -m bench.extract [--repeat 5]

(run as a module: the file's name is also the name of a package it imports)
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import spacy

from coopgraph.extract.pipeline import DEFAULT_MODELS, load_base_model, load_pipeline
from coopgraph.extract.reading.sources import read_document
from coopgraph.extract.to_records import extract_documents

DOCS = Path(__file__).resolve().parent.parent / "data" / "training" / "en" / "docs"


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

    best_bare = best_full = float("inf")
    for _ in range(3):  # best of three, alternating, to damp the machine's noise
        start = time.perf_counter()
        for _ in bare.pipe(texts, batch_size=16):
            pass
        best_bare = min(best_bare, time.perf_counter() - start)
        start = time.perf_counter()
        for _ in extract_documents(full, documents, batch_size=16):
            pass
        best_full = min(best_full, time.perf_counter() - start)

    print(f"spaCy {spacy.__version__}, {len(texts)} documents, {words} words")
    print(f"bare nlp.pipe      {words / best_bare:10.0f} words/s")
    print(f"coopgraph extract  {words / best_full:10.0f} words/s")
    print(f"ratio full/bare    {best_bare / best_full:10.2f}   (target >= 0.70)")


if __name__ == "__main__":
    main()
