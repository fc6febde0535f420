"""HTML pages, rendered from templates in ``api/templates`` with the data they show.

The templates are plain HTML with their own small scripts: no third-party
JavaScript, nothing fetched from another origin.
"""

from __future__ import annotations

import html
import json
from functools import cache
from importlib import resources
from typing import Any

from coopgraph.graph.resources import example_queries


def _template(name: str) -> str:
    return (
        resources.files("coopgraph.api.web").joinpath("templates", name).read_text(encoding="utf-8")
    )


@cache
def query_page() -> str:
    """The SPARQL query page, preloaded with the example queries of ``ontologies/queries``."""
    examples = [{"name": q.name, "title": q.title, "text": q.text} for q in example_queries()]
    # "</" inside a script element would end it early; JSON allows "<\/"
    data = json.dumps(examples, ensure_ascii=False).replace("</", "<\\/")
    return _template("sparql.html").replace("/*EXAMPLES*/[]", data)


PALETTE = (
    "#1d3557", "#e63946", "#2a9d8f", "#f4a261", "#6a4c93", "#457b9d", "#8ab17d",
    "#e76f51", "#264653", "#b5838d", "#ffb703", "#219ebc", "#8d99ae", "#9c6644",
)  # fmt: skip
WIDTH, HEIGHT, MARGIN = 960, 640, 30


def _colour(group: object, order: dict[object, int]) -> str:
    return PALETTE[order.setdefault(group, len(order)) % len(PALETTE)]


def network_svg(drawing: dict[str, Any]) -> str:
    """The layout as an SVG: edges, then nodes sized by score and coloured by group."""
    nodes = drawing["nodes"]
    where = {n["id"]: n for n in nodes}
    top = max((n["score"] for n in nodes), default=0.0) or 1.0
    heaviest = max((e["weight"] for e in drawing["edges"]), default=1) or 1

    def x(n: dict[str, Any]) -> float:
        return MARGIN + float(n["x"]) * (WIDTH - 2 * MARGIN)

    def y(n: dict[str, Any]) -> float:
        return MARGIN + float(n["y"]) * (HEIGHT - 2 * MARGIN)

    parts = [
        f'<svg id="network" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        'role="img" aria-label="partnership network">'
    ]
    for edge in drawing["edges"]:
        a, b = where[edge["source"]], where[edge["target"]]
        width = 0.6 + 2.4 * edge["weight"] / heaviest
        parts.append(
            f'<line x1="{x(a):.1f}" y1="{y(a):.1f}" x2="{x(b):.1f}" y2="{y(b):.1f}" '
            f'stroke="#8d99ae" stroke-opacity="0.55" stroke-width="{width:.1f}"/>'
        )
    order: dict[object, int] = {}
    legend: dict[object, str] = {}
    for n in sorted(nodes, key=lambda n: n["score"]):
        radius = 4 + 14 * (n["score"] / top) ** 0.5
        colour = _colour(n["group"], order)
        legend.setdefault(n["group"], colour)
        parts.append(
            f'<circle class="node" cx="{x(n):.1f}" cy="{y(n):.1f}" r="{radius:.1f}" '
            f'fill="{colour}" stroke="#fff" stroke-width="1" '
            f'data-id="{html.escape(str(n["id"]))}" tabindex="0">'
            f"<title>{html.escape(n['label'])}</title></circle>"
        )
    parts.append("</svg>")
    return "".join(parts)


def explorer_page(drawing: dict[str, Any], where: object) -> str:
    """The network explorer: the drawing, the filters, and a panel for the clicked node."""
    year_from = getattr(where, "year_from", None)
    year_to = getattr(where, "year_to", None)
    caption = (
        f"{drawing['shown']} of {drawing['total']} institutions, sized by "
        f"{drawing['size_by']}, coloured by {drawing['colour_by']}"
    )
    page = _template("network.html")
    return (
        page.replace("{{SVG}}", network_svg(drawing))
        .replace("{{CAPTION}}", html.escape(caption))
        .replace("{{YEAR_FROM}}", "" if year_from is None else str(int(year_from)))
        .replace("{{YEAR_TO}}", "" if year_to is None else str(int(year_to)))
        .replace(f'value="{drawing["size_by"]}"', f'value="{drawing["size_by"]}" selected')
        .replace(f'value="{drawing["colour_by"]}"', f'value="{drawing["colour_by"]}" selected')
    )
