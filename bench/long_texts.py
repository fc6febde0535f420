"""Extraction time against text length, 10 KB to 2 MB: the curve must be a line.

Each long text is the project's training news items joined, so it holds
agreements, people and dates throughout, as a long digest would. The times are
printed per kilobyte and as a ratio to the 10 KB text, measured in the same
run; a flat ratio is linear growth (a quadratic step shows as a ratio that
doubles with each doubling of the text).

    .venv/bin/python -m bench.long_texts [--largest 2000000]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from coopgraph.extract.pipeline import load_pipeline
from coopgraph.extract.reading.sources import read_document
from coopgraph.extract.records import Document
from coopgraph.extract.to_records import extract_documents

DOCS = Path(__file__).resolve().parent.parent / "data" / "training" / "en" / "docs"


def _text(length: int, corpus: str) -> str:
    return (corpus * (length // len(corpus) + 1))[:length]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--largest", type=int, default=2_000_000)
    args = parser.parse_args()
    corpus = "\n\n".join(read_document(p).text for p in sorted(DOCS.glob("*.json")))
    nlp = load_pipeline()
    list(extract_documents(nlp, [Document(id="warm", text=corpus[:5000])]))
    sizes = [10_000]
    while sizes[-1] * 4 <= args.largest:
        sizes.append(sizes[-1] * 4)
    if sizes[-1] != args.largest:
        sizes.append(args.largest)
    baseline = 0.0
    print(f"{'characters':>12} {'seconds':>9} {'ms per KB':>10} {'ratio to 10 KB':>15}")
    for size in sizes:
        document = Document(id=f"long-{size}", text=_text(size, corpus))
        started = time.perf_counter()
        list(extract_documents(nlp, [document]))
        elapsed = time.perf_counter() - started
        per_kb = elapsed / (size / 1000)
        baseline = baseline or per_kb
        print(f"{size:>12} {elapsed:>9.2f} {per_kb * 1000:>10.1f} {per_kb / baseline:>15.2f}")


if __name__ == "__main__":
    main()
