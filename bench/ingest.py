"""Ingestion speed: end to end (language check, extraction, RDF, SHACL, store) against
bare ``nlp.pipe`` of the same model on the same texts, in the same run.

    .venv/bin/python -m bench.ingest [--documents 2000]

Prints docs/s and words/s for n_process 1 and 2, the ratio to bare nlp.pipe
with the same n_process, peak memory, and how much faster re-ingesting the
same documents is (nothing changed, so nothing should be redone).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from pathlib import Path

from bench.synthetic import press_releases
from coopgraph.api.ingest.service import IngestReport, ingest_documents
from coopgraph.extract.pipeline import DEFAULT_MODELS, load_base_model, load_pipeline
from coopgraph.graph.store.embedded import OxigraphStore


def peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=2000)
    args = parser.parse_args()
    documents = press_releases(args.documents)
    texts = [d.text for d in documents]
    words = sum(len(t.split()) for t in texts)
    bare = load_base_model(DEFAULT_MODELS)
    full = load_pipeline(DEFAULT_MODELS)
    print(f"{len(documents)} press releases, {words} words")
    columns = ("n_process", "bare docs/s", "ingest docs/s", "words/s", "ratio", "peak MB")
    widths = (9, 12, 14, 9, 7, 8)
    print(" ".join(f"{c:>{w}}" for c, w in zip(columns, widths, strict=True)))
    work = Path(tempfile.mkdtemp(prefix="coopgraph-ingestbench-"))
    try:
        for processes in (1, 2):
            start = time.perf_counter()
            for _ in bare.pipe(texts, batch_size=16, n_process=processes):
                pass
            bare_time = time.perf_counter() - start
            store = OxigraphStore(work / f"store-{processes}")
            report = IngestReport()
            start = time.perf_counter()
            ingest_documents(full, store, documents, report, n_process=processes, background=True)
            ingest_time = time.perf_counter() - start
            assert report.count("new") == len(documents), report.summary()
            print(
                f"{processes:9d} {len(texts) / bare_time:12.1f} {len(texts) / ingest_time:14.1f} "
                f"{words / ingest_time:9.0f} {bare_time / ingest_time:6.2f}x {peak_mb():8.0f}"
            )
            if processes == 1:
                again = IngestReport()
                start = time.perf_counter()
                ingest_documents(full, store, documents, again)
                repeat_time = time.perf_counter() - start
                assert again.count("unchanged") == len(documents), again.summary()
                print(
                    f"re-ingesting the same {len(documents)}: {repeat_time:.2f} s against "
                    f"{ingest_time:.2f} s the first time: {ingest_time / repeat_time:.0f}x faster"
                )
            store.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
