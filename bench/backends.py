"""The same work on the embedded store and on a remote `oxigraph serve`, in one run.

    .venv/bin/python -m bench.backends [--documents 500] [--seconds 3]

Ingests the same synthetic press releases into each (extraction included, so
the difference is the store), then times the five benchmark queries through
each store's own query path, one client at a time, and prints the ratios.
"""

from __future__ import annotations

import argparse
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from bench.sparql import queries
from bench.synthetic import press_releases
from coopgraph.api.ingest.service import IngestReport, ingest_documents
from coopgraph.extract.pipeline import load_pipeline
from coopgraph.graph.rdf.iris import org_iri
from coopgraph.graph.store.base import Store
from coopgraph.graph.store.embedded import OxigraphStore
from coopgraph.graph.store.remote import RemoteSparqlStore


def start_server(location: Path) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    binary = Path(sys.executable).parent / "oxigraph"
    process = subprocess.Popen(
        [str(binary), "serve", "--location", str(location), "--union-default-graph",
         "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            httpx.get(f"{base}/query", params={"query": "ASK {}"}, timeout=2)
            return process, base
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError("oxigraph serve did not start")


def per_second(store: Store, query: str, seconds: float) -> float:
    store.query(query)  # warm
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for _ in store.query(query):
            pass
        count += 1
    return count / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=500)
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    documents = press_releases(args.documents)
    nlp = load_pipeline()
    work = Path(tempfile.mkdtemp(prefix="coopgraph-backends-"))
    process, base = start_server(work / "remote")
    try:
        embedded = OxigraphStore(work / "embedded")
        remote = RemoteSparqlStore(f"{base}/query", f"{base}/update")
        hub = str(org_iri(documents[0].title.split(" and ")[0] if documents[0].title else ""))
        print(f"{args.documents} documents; one client; ratio = remote / embedded")
        timings = {}
        for name, store in (("embedded", embedded), ("remote", remote)):
            report = IngestReport()
            start = time.perf_counter()
            ingest_documents(nlp, store, documents, report)
            timings[name] = time.perf_counter() - start
            assert report.count("new") == args.documents, report.summary()
        local, far = args.documents / timings["embedded"], args.documents / timings["remote"]
        print(f"{'ingest (docs/s)':38} {local:10.1f} {far:10.1f} {far / local:6.2f}x")
        print(f"{'query (requests/s)':38} {'embedded':>10} {'remote':>10} {'ratio':>7}")
        for name, query in queries(hub).items():
            local = per_second(embedded, query, args.seconds)
            far = per_second(remote, query, args.seconds)
            print(f"{name:38} {local:10.1f} {far:10.1f} {far / local:6.2f}x")
        embedded.close()
        remote.close()
    finally:
        process.terminate()
        process.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
