"""Network metric speed: coopgraph's metrics (networkx interface, igraph inside)
against igraph itself and plain networkx, on synthetic projections, in one run.

    .venv/bin/python -m bench.network [--sizes 1000 10000 50000] [--networkx-up-to 10000]

For each size, a preferential-attachment graph with 13 edges per new node (about
the shape of a 48k-institution, 647k-edge projection) is timed for PageRank,
Louvain and betweenness sampled from 64 sources. "coopgraph" includes turning the
networkx graph into igraph's form, done once per graph and shared by the metrics.
Then the cache: the same /network request twice through NetworkService on a store.
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import igraph as ig
import networkx as nx
import pyoxigraph as ox
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

from bench.synthetic import write_nquads
from coopgraph.graph.network.metrics import _igraph, communities, scores
from coopgraph.graph.network.projections import NetworkFilter
from coopgraph.graph.network.service import NetworkService
from coopgraph.graph.store.embedded import OxigraphStore

K = 64


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def synthetic(n: int) -> nx.Graph:
    g = nx.barabasi_albert_graph(n, 13, seed=42)
    rng = random.Random(1)
    for _, _, data in g.edges(data=True):
        data["weight"] = rng.randint(1, 4)
    return g


def bench_size(n: int, with_networkx: bool) -> None:
    g = synthetic(n)
    convert = timed(lambda: _igraph(g))
    raw = _igraph(g).graph  # the same graph, for igraph's own timings
    sources = random.Random(0).sample(range(n), min(K, n))
    ours = {
        "pagerank": timed(lambda: scores(g, "pagerank")),
        "louvain": timed(lambda: communities(g, "louvain", seed=1)),
        "betweenness k=64": timed(lambda: scores(g, "betweenness", exact_limit=K, k=K, seed=0)),
    }
    theirs = {
        "pagerank": timed(lambda: raw.pagerank(weights="weight")),
        "louvain": timed(lambda: raw.community_multilevel(weights="weight")),
        "betweenness k=64": timed(lambda: raw.betweenness(directed=False, sources=sources)),
    }
    plain: dict[str, float] = {}
    if with_networkx:
        plain = {
            # nx.pagerank needs SciPy; its pure-Python version is what runs without it
            "pagerank": timed(lambda: _pagerank_python(g)),
            "louvain": timed(lambda: nx.community.louvain_communities(g, seed=1)),
            "betweenness k=64": timed(lambda: nx.betweenness_centrality(g, k=K, seed=0)),
        }
    print(f"\n{n} nodes, {g.number_of_edges()} edges (networkx → igraph once: {convert:.3f} s)")
    print(f"{'metric':18} {'coopgraph s':>12} {'igraph s':>10} {'ratio':>7} {'networkx s':>11}")
    for metric in ours:
        ratio = ours[metric] / theirs[metric] if theirs[metric] else float("nan")
        nx_time = f"{plain[metric]:11.3f}" if metric in plain else f"{'-':>11}"
        print(f"{metric:18} {ours[metric]:12.3f} {theirs[metric]:10.3f} {ratio:6.2f}x {nx_time}")


def bench_cache(triples: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="coopgraph-netbench-"))
    try:
        data = work / "data.nq"
        documents = max(10, triples // 92)
        write_nquads(data, max(50, documents // 2), documents)
        store = OxigraphStore(work / "store")
        store.raw.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS)
        store.rebuild_union()
        from coopgraph.graph.rdf.reference import ensure_ontology

        ensure_ontology(store)
        service = NetworkService(store)
        where = NetworkFilter()
        first = timed(lambda: service.ranking("institutions", where, "pagerank", 20))
        repeats = [
            timed(lambda: service.ranking("institutions", where, "pagerank", 20))
            for _ in range(100)
        ]
        again = sorted(repeats)[len(repeats) // 2]
        print(
            f"\ncache: first /network/metrics?metric=pagerank on {triples} triples {first:.3f} s, "
            f"repeated {again * 1e6:.1f} µs (median of 100): {first / again:,.0f}x faster"
        )
        store.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    parser.add_argument("--networkx-up-to", type=int, default=10000)
    parser.add_argument("--cache-triples", type=int, default=200_000)
    args = parser.parse_args()
    print(f"igraph {ig.__version__}, networkx {nx.__version__}")
    for n in args.sizes:
        bench_size(n, n <= args.networkx_up_to)
    bench_cache(args.cache_triples)


if __name__ == "__main__":
    main()
