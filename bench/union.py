"""What keeping the default graph as the union costs at write time, and saves at read time.

    .venv/bin/python -m bench.union [--documents 2000] [--copies 8]

Writes: the same synthetic document graphs stored one update each, into a
fresh on-disk store, (a) as the store writes them (each write keeps the
default graph the union) and (b) as a bare graph replacement (``DROP`` +
``INSERT DATA`` of the named graph only), in the same run; then every second
document is replaced and every fourth dropped. Prints documents/s and the
ratio (a)/(b).

Reads: the seed's memorandum restated by ``--copies`` releases. The README's
"who signed which memorandum" join runs over the kept default graph and over
Oxigraph's union-of-named-graphs option; prints rows and time of each.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from bench.synthetic import INGESTED, extractions
from coopgraph.graph.rdf.mapping import extraction_to_graph
from coopgraph.graph.store import union
from coopgraph.graph.store.base import replace_graph_update
from coopgraph.graph.store.embedded import OxigraphStore

MEMORANDUM = """PREFIX coop: <https://w3id.org/coopgraph/ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
SELECT ?party ?signatory ?sentence WHERE {
  ?a a coop:MemorandumOfUnderstanding ; coop:party/skos:prefLabel ?party ;
     coop:evidence/coop:sentence ?sentence .
  OPTIONAL { ?a coop:signatory/foaf:name ?signatory }
}"""


def documents(count: int) -> list[tuple[str, str]]:
    """(graph name, N-Triples) of ``count`` synthetic documents over shared institutions."""
    written = []
    for extraction in extractions(max(50, count // 2), count):
        name, graph = extraction_to_graph(extraction, INGESTED)
        written.append((str(name), graph.serialize(format="nt")))
    return written


def timed_writes(
    work: Path, docs: list[tuple[str, str]], update: Callable[[str, str], str]
) -> float:
    """Seconds to store every document, replace every second one and drop every fourth."""
    store = ox.Store(str(work))
    started = time.perf_counter()
    for name, body in docs:
        store.update(update(name, body))
    for name, body in docs[::2]:
        store.update(update(name, body))
    for name, _ in docs[::4]:
        store.update(update(name, ""))
    elapsed = time.perf_counter() - started
    del store
    return elapsed


def bench_writes(count: int, work: Path) -> None:
    docs = documents(count)
    operations = count + len(docs[::2]) + len(docs[::4])
    kept = timed_writes(work / "kept", docs, union.replace)
    bare = timed_writes(work / "bare", docs, replace_graph_update)
    print(f"writes: {count} documents stored, {len(docs[::2])} replaced, {len(docs[::4])} emptied")
    print(f"  default graph kept as the union {operations / kept:8.1f} writes/s")
    print(f"  named graph only (baseline)     {operations / bare:8.1f} writes/s")
    print(f"  ratio kept/baseline throughput  {bare / kept:8.2f}x")


def bench_reads(copies: int, work: Path) -> None:
    seed = Path(__file__).parent.parent / "data" / "corpus" / "000-kaznu-polotsk.json"
    if not seed.exists():
        print(f"reads: skipped ({seed} is not there)")
        return
    store = OxigraphStore(work / "reads")
    store.raw.update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")  # not a document: left out
    name, body = _seed_graph(seed)
    for n in range(copies):
        store.replace_graph_ntriples(f"{name}-copy-{n}", body)
    kept_rows, kept = _timed_query(lambda: store.query(MEMORANDUM))
    union_rows, merged = _timed_query(
        lambda: store.raw.query(MEMORANDUM, use_default_graph_as_union=True)
    )
    print(f"reads: the seed's memorandum told by {copies} releases")
    print(f"  kept default graph        {kept_rows:8d} rows {kept * 1000:9.1f} ms")
    print(f"  union of named graphs     {union_rows:8d} rows {merged * 1000:9.1f} ms")
    print(f"  ratio union/kept time     {merged / kept:8.1f}x")
    store.close()


def _seed_graph(path: Path) -> tuple[str, str]:
    from coopgraph.extract.pipeline import DEFAULT_MODELS, load_pipeline
    from coopgraph.extract.reading.sources import read_document
    from coopgraph.extract.to_records import extract_document

    extraction = extract_document(load_pipeline(DEFAULT_MODELS), read_document(path))
    name, graph = extraction_to_graph(extraction, INGESTED)
    return str(name), graph.serialize(format="nt")


def _timed_query(run: Callable[[], object]) -> tuple[int, float]:
    started = time.perf_counter()
    rows = sum(1 for _ in run())  # type: ignore[attr-defined]
    return rows, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--copies", type=int, default=8)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="coopgraph-unionbench-"))
    try:
        bench_writes(args.documents, work)
        bench_reads(args.copies, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
