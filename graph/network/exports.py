"""A projection in the formats network tools read: GraphML, GEXF, node-link JSON, CSV.

GEXF carries each node's and edge's first year as a ``start`` attribute, so
Gephi's timeline can replay the network's growth.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

import networkx as nx

EXPORT_TYPES: dict[str, str] = {
    "graphml": "application/graphml+xml",
    "gexf": "application/gexf+xml",
    "json": "application/json",
    "csv": "text/csv",
}


def _flat(g: nx.Graph) -> nx.Graph:
    """A copy whose attributes GraphML and GEXF can hold: lists joined, None dropped."""
    flat = nx.Graph()
    flat.graph.update({k: v for k, v in g.graph.items() if isinstance(v, str | int | float)})

    def clean(data: dict[str, Any]) -> dict[str, Any]:
        out = {}
        for key, value in data.items():
            if value is None:
                continue
            out[key] = " ".join(map(str, value)) if isinstance(value, list | set | tuple) else value
        return out

    for node, data in g.nodes(data=True):
        flat.add_node(node, **clean(data))
    for a, b, data in g.edges(data=True):
        flat.add_edge(a, b, **clean(data))
    return flat


def graphml(g: nx.Graph) -> bytes:
    out = io.BytesIO()
    nx.write_graphml(_flat(g), out)
    return out.getvalue()


def gexf(g: nx.Graph) -> bytes:
    flat = _flat(g)
    for _, data in flat.nodes(data=True):
        if "first_year" in data:
            data["start"] = str(data["first_year"])
    for _, _, data in flat.edges(data=True):
        if "first_year" in data:
            data["start"] = str(data["first_year"])
    out = io.BytesIO()
    nx.write_gexf(flat, out)
    return out.getvalue()


def node_link(g: nx.Graph) -> bytes:
    data = nx.node_link_data(g, edges="edges")
    return json.dumps(data, default=lambda v: sorted(v) if isinstance(v, set) else str(v)).encode()


def edge_csv(g: nx.Graph) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "source",
            "target",
            "source_label",
            "target_label",
            "weight",
            "types",
            "first_year",
            "last_year",
        ]
    )
    for a, b, data in g.edges(data=True):
        types = data.get("types") or []
        writer.writerow(
            [
                a,
                b,
                g.nodes[a].get("label", ""),
                g.nodes[b].get("label", ""),
                data.get("weight", 1),
                " ".join(types),
                data.get("first_year") or "",
                data.get("last_year") or "",
            ]
        )
    return out.getvalue().encode("utf-8")


EXPORTERS: dict[str, Callable[[nx.Graph], bytes]] = {
    "graphml": graphml,
    "gexf": gexf,
    "json": node_link,
    "csv": edge_csv,
}
