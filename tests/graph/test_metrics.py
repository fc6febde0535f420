"""Metrics and communities on small graphs, against values worked out by hand."""

from __future__ import annotations

import networkx as nx
import pytest

from coopgraph.graph.network.metrics import communities, components, ego, scores, shortest_paths


def star() -> nx.Graph:
    return nx.star_graph(4)  # centre 0, leaves 1-4


def test_star_centralities_by_hand() -> None:
    g = star()
    assert scores(g, "degree").values == {0: 4, 1: 1, 2: 1, 3: 1, 4: 1}
    # every one of the C(4,2) = 6 leaf pairs passes through the centre; 6 / ((n-1)(n-2)/2) = 1
    between = scores(g, "betweenness").values
    assert between[0] == pytest.approx(1.0) and between[1] == pytest.approx(0.0)
    # closeness = (n-1) / sum of distances: centre 4/4, leaf 4/(1+2+2+2)
    close = scores(g, "closeness").values
    assert close[0] == pytest.approx(1.0) and close[1] == pytest.approx(4 / 7)
    # eigenvector, scaled to max 1: the largest eigenvalue is sqrt(4) = 2, leaves are 1/2
    eigen = scores(g, "eigenvector").values
    assert eigen[0] == pytest.approx(1.0) and eigen[3] == pytest.approx(0.5)


def test_star_pagerank_by_hand() -> None:
    # c = 0.15/5 + 0.85 * 4 l ; l = 0.15/5 + 0.85 * c/4  =>  c = 0.132 / 0.2775
    rank = scores(star(), "pagerank").values
    centre = 0.132 / 0.2775
    assert rank[0] == pytest.approx(centre, abs=1e-4)
    assert rank[1] == pytest.approx(0.03 + 0.2125 * centre, abs=1e-4)
    assert sum(rank.values()) == pytest.approx(1.0)


def test_weighted_degree_uses_weights() -> None:
    g = nx.Graph()
    g.add_edge("a", "b", weight=3)
    g.add_edge("a", "c", weight=1)
    assert scores(g, "weighted_degree").values == {"a": 4, "b": 3, "c": 1}


def test_clustering_and_cores_of_a_triangle_with_a_tail() -> None:
    g = nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")])
    assert scores(g, "clustering").values == {
        "a": 1.0,
        "b": 1.0,
        "c": pytest.approx(1 / 3),
        "d": 0.0,
    }
    assert scores(g, "core").values == {"a": 2, "b": 2, "c": 2, "d": 1}


def test_betweenness_is_sampled_above_the_limit_and_says_so() -> None:
    g = nx.path_graph(50)
    exact = scores(g, "betweenness")
    assert exact.method == "exact"
    sampled = scores(g, "betweenness", exact_limit=10, k=25, seed=1)
    assert sampled.method.startswith("estimated from 25 sampled sources")
    # the middle of a path is the most between; the ends are never between
    assert max(sampled.values, key=sampled.values.__getitem__) in range(15, 35)
    assert sampled.values[0] == 0.0


def test_two_triangles_joined_by_a_bridge_are_two_communities() -> None:
    g = nx.Graph([(1, 2), (2, 3), (3, 1), (4, 5), (5, 6), (6, 4), (3, 4)])
    for method in ("louvain", "label_propagation"):
        found = communities(g, method, seed=3)  # type: ignore[arg-type]
        assert sorted(sorted(c) for c in found.groups) == [[1, 2, 3], [4, 5, 6]]
    # Q = sum over communities of L_c/m - (d_c/2m)^2 = 2 (3/7 - (7/14)^2)
    assert communities(g).modularity == pytest.approx(2 * (3 / 7 - 0.25))


def test_communities_are_deterministic_for_a_seed() -> None:
    g = nx.connected_caveman_graph(6, 5)
    first = communities(g, seed=11).groups
    assert all(communities(g, seed=11).groups == first for _ in range(3))


def test_components_paths_and_ego() -> None:
    g = nx.Graph([("a", "b"), ("b", "c"), ("c", "d"), ("d", "a"), ("x", "y")])
    assert [sorted(c) for c in components(g)] == [["a", "b", "c", "d"], ["x", "y"]]
    assert sorted(shortest_paths(g, "a", "c", k=3)) == [["a", "b", "c"], ["a", "d", "c"]]
    assert shortest_paths(g, "a", "x") == []
    assert sorted(ego(g, "a", radius=1)) == ["a", "b", "d"]
