"""Network metrics on networkx graphs; the heavy algorithms run on igraph.

networkx is the graph model and the interface: every function takes an
``nx.Graph`` and answers in its node ids. PageRank, Louvain, label propagation,
betweenness, closeness, eigenvector centrality, coreness and components are
handed to igraph (C), which measured 9-75x faster than plain networkx on a
50k-node projection; the graph is converted once and the conversion cached.

Betweenness is exact up to ``exact_limit`` nodes; above that it is estimated
from ``k`` sampled source nodes (as networkx's ``k`` does), and the answer says
which it is.
"""

from __future__ import annotations

import random
import threading
import weakref
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any, Literal, get_args

import igraph as ig
import networkx as nx

Metric = Literal[
    "degree",
    "weighted_degree",
    "betweenness",
    "closeness",
    "eigenvector",
    "pagerank",
    "clustering",
    "core",
]
METRICS: tuple[Metric, ...] = get_args(Metric)
CommunityMethod = Literal["louvain", "label_propagation"]


@dataclass(frozen=True)
class Scores:
    values: dict[Hashable, float]
    method: str  # how they were computed, e.g. "exact" or "sampled from 256 sources"


@dataclass(frozen=True)
class Communities:
    groups: list[list[Hashable]]  # largest first
    modularity: float
    method: str


class _Converted:
    def __init__(self, g: nx.Graph) -> None:
        self.nodes: list[Hashable] = list(g.nodes)
        index = {node: i for i, node in enumerate(self.nodes)}
        edges = [(index[a], index[b]) for a, b in g.edges]
        self.graph = ig.Graph(n=len(self.nodes), edges=edges, directed=False)
        self.graph.es["weight"] = [float(w) for _, _, w in g.edges(data="weight", default=1)]


_RNG_LOCK = threading.Lock()
_CONVERTED: weakref.WeakKeyDictionary[nx.Graph, _Converted] = weakref.WeakKeyDictionary()


def _igraph(g: nx.Graph) -> _Converted:
    converted = _CONVERTED.get(g)
    if converted is None:
        converted = _CONVERTED[g] = _Converted(g)
    return converted


def _by_node(g: nx.Graph, values: Sequence[float]) -> dict[Hashable, float]:
    return dict(zip(_igraph(g).nodes, (float(v) for v in values), strict=True))


def scores(
    g: nx.Graph, metric: Metric, *, exact_limit: int = 2000, k: int = 256, seed: int = 0
) -> Scores:
    """One score per node. Centralities are normalised as networkx normalises them."""
    if g.number_of_nodes() == 0:
        return Scores({}, "empty graph")
    c = _igraph(g)
    n = g.number_of_nodes()
    if metric == "degree":
        return Scores({node: float(d) for node, d in g.degree}, "exact")
    if metric == "weighted_degree":
        return Scores({node: float(d) for node, d in g.degree(weight="weight")}, "exact")
    if metric == "pagerank":
        return Scores(_by_node(g, c.graph.pagerank(weights="weight", damping=0.85)), "exact")
    if metric == "betweenness":
        return _betweenness(g, c, n, exact_limit, k, seed)
    if metric == "closeness":
        # Wasserman-Faust: scaled by the share of the graph a node can reach,
        # as networkx's default; igraph gives closeness within the component
        raw = c.graph.closeness(normalized=True)
        sizes = _component_sizes(c)
        values = [
            0.0 if v != v else v * (sizes[i] - 1) / (n - 1) if n > 1 else 0.0
            for i, v in enumerate(raw)
        ]
        return Scores(_by_node(g, values), "exact")
    if metric == "eigenvector":
        values = c.graph.eigenvector_centrality(scale=True, weights="weight")
        return Scores(_by_node(g, values), "exact, scaled so the largest is 1")
    if metric == "clustering":
        return Scores({node: float(v) for node, v in nx.clustering(g).items()}, "exact")
    if metric == "core":
        return Scores(_by_node(g, c.graph.coreness()), "exact (k-core number)")
    raise ValueError(f"unknown metric {metric!r}")


def _betweenness(g: nx.Graph, c: _Converted, n: int, exact_limit: int, k: int, seed: int) -> Scores:
    # normalised like networkx: divided by (n-1)(n-2)/2 for an undirected graph
    scale = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 1.0
    if n <= exact_limit or k >= n:
        raw = c.graph.betweenness(directed=False)
        return Scores(_by_node(g, [v * scale for v in raw]), "exact")
    sources = random.Random(seed).sample(range(n), k)
    raw = c.graph.betweenness(directed=False, sources=sources)
    # paths from k sources stand for paths from all n; as networkx, scale by n/k
    return Scores(
        _by_node(g, [v * scale * n / k for v in raw]),
        f"estimated from {k} sampled sources (exact above {exact_limit} nodes is too slow)",
    )


def _component_sizes(c: _Converted) -> list[int]:
    sizes = [0] * c.graph.vcount()
    for component in c.graph.connected_components():
        for v in component:
            sizes[v] = len(component)
    return sizes


def components(g: nx.Graph) -> list[list[Hashable]]:
    """Connected components, largest first."""
    c = _igraph(g)
    groups = [[c.nodes[v] for v in comp] for comp in c.graph.connected_components()]
    return sorted(groups, key=len, reverse=True)


def communities(g: nx.Graph, method: CommunityMethod = "louvain", seed: int = 0) -> Communities:
    """Louvain (igraph's multilevel) or label propagation, seeded so reruns agree."""
    if g.number_of_nodes() == 0:
        return Communities([], 0.0, method)
    c = _igraph(g)
    # igraph's random generator is process-wide: seed it for this call only
    with _RNG_LOCK:
        ig.set_random_number_generator(random.Random(seed))
        try:
            if method == "louvain":
                clustering = c.graph.community_multilevel(weights="weight")
            else:
                clustering = c.graph.community_label_propagation(weights="weight")
        finally:
            ig.set_random_number_generator(random)
    groups = [[c.nodes[v] for v in group] for group in clustering]
    groups = sorted(
        (sorted(grp, key=str) for grp in groups), key=lambda grp: (-len(grp), str(grp[0]))
    )
    modularity = c.graph.modularity(clustering.membership, weights="weight")
    return Communities(groups, float(modularity), method)


def shortest_paths(
    g: nx.Graph, source: Hashable, target: Hashable, k: int = 1
) -> list[list[Hashable]]:
    """The ``k`` shortest simple paths by number of hops (Yen's algorithm)."""
    if source not in g or target not in g:
        return []
    try:
        return [list(path) for path in islice(nx.shortest_simple_paths(g, source, target), k)]
    except nx.NetworkXNoPath:
        return []


def ego(g: nx.Graph, node: Hashable, radius: int = 1) -> nx.Graph:
    if node not in g:
        return nx.Graph()
    return nx.ego_graph(g, node, radius=radius)


def summary(g: nx.Graph) -> dict[str, Any]:
    n, m = g.number_of_nodes(), g.number_of_edges()
    comps = components(g) if n else []
    return {
        "nodes": n,
        "edges": m,
        "density": nx.density(g) if n > 1 else 0.0,
        "components": len(comps),
        "largest_component": len(comps[0]) if comps else 0,
    }
