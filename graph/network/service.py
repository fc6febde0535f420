"""Network analysis over the store: projections, metrics, paths, time series, layouts.

:class:`NetworkService` caches the store snapshot, each projection and each
computed answer under the store's version; any write bumps the version, so the
next request recomputes from fresh data. Answers are plain JSON-able dicts
with IRIs and labels.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import asdict, replace
from itertools import pairwise
from typing import Any, TypeVar

import networkx as nx

from coopgraph.graph.errors import UnknownNodeError
from coopgraph.graph.network.exports import EXPORTERS
from coopgraph.graph.network.metrics import (
    CommunityMethod,
    Metric,
    communities,
    ego,
    scores,
    shortest_paths,
    summary,
)
from coopgraph.graph.network.projections import (
    AgreementInfo,
    Kind,
    NetworkData,
    NetworkFilter,
    Readable,
    evidence_for,
    fold_name,
    institutions_graph,
    project,
    read_snapshot,
)

T = TypeVar("T")


class NetworkService:
    def __init__(
        self,
        store: Readable,
        cache_size: int = 128,
        exact_betweenness_limit: int = 2000,
        betweenness_samples: int = 256,
    ) -> None:
        self.store = store
        self.cache_size = cache_size
        self.exact_limit = exact_betweenness_limit
        self.samples = betweenness_samples
        self._cache: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._lock = threading.Lock()

    # -- caching -----------------------------------------------------------

    def _cached(self, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
        key = (self.store.version, *key)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                hit: T = self._cache[key]
                return hit
        value = compute()
        with self._lock:
            self._cache[key] = value
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
        return value

    def snapshot(self) -> NetworkData:
        return self._cached(("snapshot",), lambda: read_snapshot(self.store))

    def graph(self, kind: Kind, where: NetworkFilter) -> nx.Graph:
        return self._cached(("graph", kind, where), lambda: project(self.snapshot(), kind, where))

    # -- answers -------------------------------------------------------------

    def export(self, kind: Kind, where: NetworkFilter, fmt: str) -> bytes:
        """The projection in a download format (graphml, gexf, json, csv)."""
        return self._cached(
            ("export", kind, where, fmt), lambda: EXPORTERS[fmt](self.graph(kind, where))
        )

    def graph_json(self, kind: Kind, where: NetworkFilter) -> dict[str, Any]:
        return self._cached(
            ("graph_json", kind, where),
            lambda: {
                "projection": kind,
                "filter": asdict(where),
                **graph_to_json(self.graph(kind, where)),
            },
        )

    def ranking(
        self, kind: Kind, where: NetworkFilter, metric: Metric, limit: int
    ) -> dict[str, Any]:
        def compute() -> dict[str, Any]:
            g = self.graph(kind, where)
            result = scores(g, metric, exact_limit=self.exact_limit, k=self.samples)
            ranked = sorted(result.values.items(), key=lambda kv: (-kv[1], str(kv[0])))[:limit]
            return {
                "projection": kind,
                "metric": metric,
                "method": result.method,
                "nodes": [{**_node(g, n), "score": v} for n, v in ranked],
            }

        return self._cached(("ranking", kind, where, metric, limit), compute)

    def communities(
        self, kind: Kind, where: NetworkFilter, method: CommunityMethod, seed: int
    ) -> dict[str, Any]:
        def compute() -> dict[str, Any]:
            g = self.graph(kind, where)
            found = communities(g, method, seed)
            return {
                "projection": kind,
                "method": found.method,
                "seed": seed,
                "modularity": found.modularity,
                "communities": [
                    {"size": len(group), "members": [_node(g, n) for n in group]}
                    for group in found.groups
                ],
            }

        return self._cached(("communities", kind, where, method, seed), compute)

    def resolve(self, g: nx.Graph, ref: str) -> Hashable:
        """A node by IRI, or by any name or alias the store knows for it (case and
        accents aside). An institution the store holds that this network lacks
        (no agreements, or none the filters keep) is told apart from an unknown one."""
        if ref in g:
            return ref
        wanted = fold_name(ref)
        named = self.snapshot().names.get(wanted, set())
        candidates: list[Hashable] = [
            n for n in g if n in named or fold_name(str(g.nodes[n].get("label"))) == wanted
        ]
        if len(candidates) == 1:
            return candidates[0]
        if len(candidates) > 1:
            listed = ", ".join(sorted(str(g.nodes[n].get("label")) for n in candidates))
            raise UnknownNodeError(f"{ref!r} names several institutions: {listed}", node=ref)
        if named:
            raise UnknownNodeError(
                f"{ref!r} is in the store but not in this network: no agreements of it "
                "(or none the filters keep)",
                node=ref,
            )
        raise UnknownNodeError(
            f"no institution {ref!r} in this network (give an IRI, a name or an alias)", node=ref
        )

    def paths(self, where: NetworkFilter, source: str, target: str, k: int) -> dict[str, Any]:
        g = self.graph("institutions", where)
        start, end = self.resolve(g, source), self.resolve(g, target)
        found = shortest_paths(g, start, end, k)
        agreements = {
            a for path in found for x, y in pairwise(path) for a in g.edges[x, y]["agreements"]
        }
        evidence = evidence_for(self.store, agreements)
        info = self.snapshot().agreements
        return {
            "source": _node(g, start),
            "target": _node(g, end),
            "paths": [
                {
                    "length": len(path) - 1,
                    "hops": [
                        {
                            "from": _node(g, x),
                            "to": _node(g, y),
                            "weight": g.edges[x, y]["weight"],
                            "agreements": _agreements(g.edges[x, y], info, evidence),
                        }
                        for x, y in pairwise(path)
                    ],
                }
                for path in found
            ],
        }

    def ego(self, kind: Kind, where: NetworkFilter, node: str, radius: int) -> dict[str, Any]:
        g = self.graph(kind, where)
        centre = self.resolve(g, node)
        return {
            "centre": _node(g, centre),
            "radius": radius,
            **graph_to_json(ego(g, centre, radius)),
        }

    def node(self, where: NetworkFilter, ref: str) -> dict[str, Any]:
        """One institution, its partners and the agreements behind each partnership."""
        g = self.graph("institutions", where)
        centre = self.resolve(g, ref)
        agreements = {a for n in g[centre] for a in g.edges[centre, n]["agreements"]}
        evidence = evidence_for(self.store, agreements)
        info = self.snapshot().agreements
        partners = sorted(g[centre], key=lambda n: (-g.edges[centre, n]["weight"], str(n)))
        return {
            **_node(g, centre),
            "degree": g.degree(centre),
            "partners": [
                {
                    **_node(g, n),
                    "weight": g.edges[centre, n]["weight"],
                    "agreements": _agreements(g.edges[centre, n], info, evidence),
                }
                for n in partners
            ],
        }

    def timeseries(self, where: NetworkFilter, top: int = 5) -> dict[str, Any]:
        """Per year: agreements, new partnerships, and the cumulative network's shape."""

        def compute() -> dict[str, Any]:
            snap = self.snapshot()
            base = institutions_graph(snap, where)
            years = sorted({y for _, _, y in base.edges(data="first_year") if y is not None})
            per_year: dict[int, int] = {}
            for agreement in snap.agreements.values():
                if agreement.year is not None and where.keeps(agreement):
                    per_year[agreement.year] = per_year.get(agreement.year, 0) + 1
            rows = []
            for year in sorted(set(years) | set(per_year)):
                upto = replace(where, year_to=year)
                g = self.graph("institutions", upto)
                degree = scores(g, "degree").values
                leaders = sorted(degree.items(), key=lambda kv: (-kv[1], str(kv[0])))[:top]
                rows.append(
                    {
                        "year": year,
                        "agreements": per_year.get(year, 0),
                        "new_partnerships": sum(
                            1 for _, _, y in base.edges(data="first_year") if y == year
                        ),
                        **summary(g),
                        "top_by_degree": [{**_node(g, n), "degree": d} for n, d in leaders],
                    }
                )
            return {"filter": asdict(where), "years": rows}

        return self._cached(("timeseries", where, top), compute)

    def layout(
        self,
        where: NetworkFilter,
        max_nodes: int,
        size_by: Metric,
        colour_by: str,
        seed: int,
        language: str = "en",
    ) -> dict[str, Any]:
        """Positions in [0, 1]² for the ``max_nodes`` best-connected institutions, named
        in ``language`` where they have a name in it."""

        def compute() -> dict[str, Any]:
            full = self.graph("institutions", where)
            snap = self.snapshot()
            keep = sorted(full.degree, key=lambda nd: (-nd[1], str(nd[0])))[:max_nodes]
            g = full.subgraph(n for n, _ in keep).copy()
            positions = nx.spring_layout(g, seed=seed, weight=None) if len(g) else {}
            fit_x = _spread([float(p[0]) for p in positions.values()])
            fit_y = _spread([float(p[1]) for p in positions.values()])
            size = scores(g, size_by, exact_limit=self.exact_limit, k=self.samples).values
            groups = communities(g, "louvain", seed).groups if colour_by == "community" else []
            group_of = {n: i for i, grp in enumerate(groups) for n in grp}
            return {
                "shown": len(g),
                "total": full.number_of_nodes(),
                "size_by": size_by,
                "colour_by": colour_by,
                "nodes": [
                    {
                        **_node(g, n),
                        **_named_in(snap, n, language),
                        "x": fit_x(float(positions[n][0])),
                        "y": fit_y(float(positions[n][1])),
                        "score": size.get(n, 0.0),
                        "group": group_of.get(n, 0)
                        if colour_by == "community"
                        else g.nodes[n].get("country") or "?",
                    }
                    for n in g
                ],
                "edges": [
                    {"source": a, "target": b, "weight": w} for a, b, w in g.edges(data="weight")
                ],
            }

        return self._cached(
            ("layout", where, max_nodes, size_by, colour_by, seed, language), compute
        )

    def country_matrix(self, where: NetworkFilter, top: int = 12) -> dict[str, Any]:
        """Partnerships between the ``top`` countries with the most of them: a symmetric
        matrix of counts (a pair of institutions counts once, whatever its agreements)."""

        def compute() -> dict[str, Any]:
            g = self.graph("institutions", where)
            pairs: dict[tuple[str, str], int] = {}
            totals: dict[str, int] = {}
            for a, b in g.edges():
                ca, cb = g.nodes[a].get("country"), g.nodes[b].get("country")
                if not ca or not cb:
                    continue
                key = (min(ca, cb), max(ca, cb))
                pairs[key] = pairs.get(key, 0) + 1
                totals[ca] = totals.get(ca, 0) + 1
                totals[cb] = totals.get(cb, 0) + (ca != cb)
            countries = sorted(totals, key=lambda c: (-totals[c], c))[:top]
            counts = [[pairs.get((min(a, b), max(a, b)), 0) for b in countries] for a in countries]
            return {"countries": countries, "counts": counts}

        return self._cached(("country_matrix", where, top), compute)


def _spread(values: list[float]) -> Callable[[float], float]:
    """A map of layout coordinates onto [0, 1] that ignores the outer 2 % on each side:
    spring layouts throw small disconnected pieces far out, and scaling to the extremes
    would squeeze the main network into the middle of the canvas."""
    if not values:
        return lambda v: 0.5
    ordered = sorted(values)
    low = ordered[int(0.02 * (len(ordered) - 1))]
    high = ordered[int(0.98 * (len(ordered) - 1))]
    span = (high - low) or 1.0
    return lambda v: min(1.0, max(0.0, (v - low) / span))


def _agreements(
    edge: dict[str, Any], info: dict[str, AgreementInfo], evidence: dict[str, list[dict[str, Any]]]
) -> list[dict[str, Any]]:
    """The agreements behind one edge, each with its type, year and sentences."""
    return [
        {"iri": a, "type": info[a].type, "year": info[a].year, "evidence": evidence.get(a, [])}
        for a in edge["agreements"]
    ]


def _named_in(snap: NetworkData, node: Hashable, language: str) -> dict[str, Any]:
    institution = snap.institutions.get(str(node))
    if language == "en" or institution is None:
        return {}
    return {"label": institution.name_in(language)}


def _node(g: nx.Graph, node: Hashable) -> dict[str, Any]:
    data = g.nodes[node]
    out: dict[str, Any] = {"id": node, "label": data.get("label", str(node))}
    if data.get("country"):
        out["country"] = data["country"]
    return out


def graph_to_json(g: nx.Graph) -> dict[str, Any]:
    return {
        "summary": summary(g),
        "nodes": [
            {"id": n, **{k: v for k, v in d.items() if v is not None}}
            for n, d in g.nodes(data=True)
        ],
        "edges": [{"source": a, "target": b, **d} for a, b, d in g.edges(data=True)],
    }
