"""SPARQL endpoint speed: coopgraph's HTTP endpoint against ``oxigraph serve`` and
pyoxigraph in-process, on the same synthetic graph, in the same run.

    .venv/bin/python -m bench.sparql [--triples 1000000] [--seconds 5] [--connections 16]

Prints requests/s and p50/p99 latency for five queries on each target, and the
ratio of coopgraph to ``oxigraph serve``. Load comes from a raw asyncio client
(bench/loadgen.py) with keep-alive connections.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import pyoxigraph as ox

from bench.loadgen import LoadResult, load
from bench.synthetic import institutions, write_nquads
from coopgraph.graph.rdf.iris import org_iri

JSON = "application/sparql-results+json"
PREFIXES = """PREFIX coop: <https://w3id.org/coopgraph/ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""


def queries(institution: str) -> dict[str, str]:
    return {
        "partners of one institution": PREFIXES
        + f"SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE {{ <{institution}> coop:cooperatesWith ?p }}",
        "agreements per country pair per year": PREFIXES
        + """SELECT ?a ?b ?year (COUNT(DISTINCT ?agr) AS ?n) WHERE {
  ?agr coop:party ?x, ?y ; coop:signingDate ?date .
  ?x coop:countryCode ?a . ?y coop:countryCode ?b . FILTER(STR(?a) < STR(?b))
  BIND(SUBSTR(STR(?date), 1, 4) AS ?year)
} GROUP BY ?a ?b ?year""",
        "partners of partners": PREFIXES
        + f"""SELECT DISTINCT ?c WHERE {{
  <{institution}> coop:cooperatesWith ?p . ?p coop:cooperatesWith ?c .
  FILTER(?c != <{institution}>)
}}""",
        "top 20 by agreements": PREFIXES
        + """SELECT ?org (COUNT(DISTINCT ?agr) AS ?n) WHERE { ?agr coop:party ?org }
GROUP BY ?org ORDER BY DESC(?n) LIMIT 20""",
        "label text search": PREFIXES
        + """SELECT DISTINCT ?org ?label WHERE {
  ?org skos:prefLabel ?label . FILTER(CONTAINS(LCASE(?label), "technical university no. 1"))
}""",
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_until_up(url: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up")


def in_process(store: ox.Store, query: str, seconds: float) -> LoadResult:
    """One Python thread querying and serializing to SPARQL JSON, back to back."""
    latencies = []
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        t = time.perf_counter()
        result = store.query(query, use_default_graph_as_union=True)
        result.serialize(format=ox.QueryResultsFormat.JSON)
        latencies.append(time.perf_counter() - t)
    return LoadResult(len(latencies), time.perf_counter() - started, latencies, 0)


def row(name: str, target: str, result: LoadResult, base: LoadResult | None) -> str:
    ratio = f"{result.per_second / base.per_second:5.2f}x" if base and base.per_second else "     "
    return (
        f"{name:38} {target:16} {result.per_second:9.1f} "
        f"{result.p50 * 1000:9.2f} {result.percentile(99) * 1000:9.2f}  {ratio}"
        + (f"  ({result.errors} errors)" if result.errors else "")
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="coopgraph-bench-"))
    procs: list[subprocess.Popen[bytes]] = []
    try:
        documents = max(10, args.triples // 92)  # about 92 quads per synthetic document
        n_institutions = max(50, documents // 2)
        data = work / "data.nq"
        quads = write_nquads(data, n_institutions, documents)
        ours_dir, theirs_dir = work / "ours" / "store", work / "theirs"
        for location in (ours_dir, theirs_dir):
            location.mkdir(parents=True)
            store = ox.Store(str(location))
            store.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS)
            store.flush()
            del store
        print(f"{quads} quads, {documents} documents, {n_institutions} institutions; ", end="")
        print(f"{os.cpu_count()} CPUs, {args.connections} connections, {args.seconds:g} s each")

        ours_port, theirs_port = free_port(), free_port()
        env = {**os.environ, "COOPGRAPH_QUERY_TIMEOUT": "120"}
        procs.append(
            subprocess.Popen(
                [sys.executable, "-m", "coopgraph.api", "serve", "--data-dir", str(work / "ours"),
                 "--port", str(ours_port)],
                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )
        )  # fmt: skip
        oxigraph = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
        procs.append(
            subprocess.Popen(
                [oxigraph, "serve", "--location", str(theirs_dir), "--union-default-graph",
                 "--bind", f"127.0.0.1:{theirs_port}"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )
        )  # fmt: skip
        ours, theirs = (
            f"http://127.0.0.1:{ours_port}/sparql",
            f"http://127.0.0.1:{theirs_port}/query",
        )
        wait_until_up(f"http://127.0.0.1:{ours_port}/health")
        wait_until_up(f"{theirs}?query=ASK%7B%7D")
        local = ox.Store.read_only(str(ours_dir))

        hub = str(org_iri(institutions(n_institutions, __import__("random").Random(7))[0].name))
        print(f"\n{'query':38} {'target':16} {'req/s':>9} {'p50 ms':>9} {'p99 ms':>9}  vs oxigraph")
        for name, query in queries(hub).items():
            for url in (ours, theirs):  # warm both caches
                load(url, query, JSON, 2, 0.5)
            base = load(theirs, query, JSON, args.connections, args.seconds)
            mine = load(ours, query, JSON, args.connections, args.seconds)
            inproc = in_process(local, query, args.seconds)
            print(row(name, "oxigraph serve", base, None))
            print(row("", "coopgraph HTTP", mine, base))
            print(row("", "pyoxigraph", inproc, base))
    finally:
        for proc in procs:
            proc.terminate()
            proc.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
