"""HTML pages, rendered from templates in ``api/templates`` with the data they show.

The templates are plain HTML with their own small scripts: no third-party
JavaScript, nothing fetched from another origin.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import Any

from coopgraph.api.web.charts import country_matrix_svg, per_year_svg, ranking_svg
from coopgraph.graph.network.projections import NetworkFilter
from coopgraph.graph.resources import example_queries, in_language


def _template(name: str) -> str:
    return (
        resources.files("coopgraph.api.web").joinpath("templates", name).read_text(encoding="utf-8")
    )


@cache
def query_page(language: str = "en") -> str:
    """The SPARQL query page, preloaded with the example queries of ``ontologies/queries``,
    which choose names in ``language`` first."""
    examples = [
        {"name": q.name, "title": q.title, "text": in_language(q.text, language)}
        for q in example_queries()
    ]
    # "</" inside a script element would end it early; JSON allows "<\/"
    data = json.dumps(examples, ensure_ascii=False).replace("</", "<\\/")
    choices = " · ".join(
        f'<a href="/sparql?lang={code}"'
        + (' aria-current="true"' if code == language else "")
        + f' hreflang="{code}">{name}</a>'
        for code, name in (("en", "English"), ("ru", "Русский"))
    )
    page = _template("sparql.html").replace("/*EXAMPLES*/[]", data)
    return page.replace("{{LANG}}", language).replace("{{LANGUAGES}}", choices)


PALETTE = (
    "#1d3557", "#e63946", "#2a9d8f", "#f4a261", "#6a4c93", "#457b9d", "#8ab17d",
    "#e76f51", "#264653", "#b5838d", "#ffb703", "#219ebc", "#8d99ae", "#9c6644",
)  # fmt: skip
WIDTH, HEIGHT, MARGIN = 960, 640, 30


LABELLED = 12  # the largest nodes carry their name on the drawing; every node on hover
METRICS = ("pagerank", "degree", "weighted_degree", "betweenness", "eigenvector", "closeness")
COLOURINGS = ("community", "country")
SHOWN = {"all": "all agreements", "in_force": "in force (not planned)", "planned": "planned"}
STATUSES = {"all": (), "in_force": ("Existing", "Renewed", "Signed"), "planned": ("Planned",)}


@dataclass(frozen=True)
class ExplorerForm:
    """The explorer's form as submitted, checked: a filter, or the reason it is not one."""

    year_from: str = ""
    year_to: str = ""
    size_by: str = "pagerank"
    colour_by: str = "community"
    agreements: str = "all"
    language: str = "en"  # names shown in this language where an institution has one
    problem: str | None = None

    @classmethod
    def read(
        cls,
        year_from: str | None,
        year_to: str | None,
        size_by: str,
        colour_by: str,
        agreements: str,
        language: str = "en",
    ) -> ExplorerForm:
        form = cls(
            (year_from or "").strip(),
            (year_to or "").strip(),
            size_by,
            colour_by,
            agreements,
            language,
        )
        return replace(form, problem=form._problem())

    def _problem(self) -> str | None:
        for name, value in (("From year", self.year_from), ("To year", self.year_to)):
            if value and not (value.isdigit() and 1000 <= int(value) <= 2999):
                return f"{name} must be a year such as 2021, not {value!r}."
        if self.year_from and self.year_to and int(self.year_from) > int(self.year_to):
            return (
                f"The range {self.year_from} to {self.year_to} is empty: "
                "the first year comes after the last."
            )
        if self.size_by not in METRICS:
            return f"Size by must be one of {', '.join(METRICS)}."
        if self.colour_by not in COLOURINGS:
            return "Colour by must be community or country."
        if self.agreements not in SHOWN:
            return f"Agreements must be one of {', '.join(SHOWN)}."
        return None

    @property
    def where(self) -> NetworkFilter:
        return NetworkFilter(
            year_from=int(self.year_from) if self.year_from else None,
            year_to=int(self.year_to) if self.year_to else None,
            statuses=STATUSES[self.agreements],
        )


def _radius(score: float, top: float) -> float:
    # square root: area follows the score, and the smallest nodes stay 4 px across
    share = float(score) / float(top)
    return 4.0 + 14.0 * float(share**0.5)


def network_svg(drawing: dict[str, Any], colours: dict[object, str]) -> str:
    """The layout as an SVG: edges, then nodes sized by score and coloured by group,
    the largest named on the drawing."""
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
    for n in sorted(nodes, key=lambda n: n["score"]):
        radius = _radius(n["score"], top)
        parts.append(
            f'<circle class="node" cx="{x(n):.1f}" cy="{y(n):.1f}" r="{radius:.1f}" '
            f'fill="{colours[n["group"]]}" stroke="#fff" stroke-width="1" '
            f'data-id="{html.escape(str(n["id"]))}" tabindex="0">'
            f"<title>{html.escape(n['label'])}</title></circle>"
        )
    for n in sorted(nodes, key=lambda n: -n["score"])[:LABELLED]:
        label = n["label"] if len(n["label"]) <= 40 else n["label"][:39] + "…"
        above = y(n) - _radius(n["score"], top) - 3
        # near an edge the name runs inwards, so it is not cut off
        anchor = "start" if n["x"] < 0.15 else "end" if n["x"] > 0.85 else "middle"
        parts.append(
            f'<text class="node-label" x="{x(n):.1f}" y="{above:.1f}" text-anchor="{anchor}" '
            f">{html.escape(label)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _groups(drawing: dict[str, Any]) -> dict[object, str]:
    """A colour for each group, the biggest groups first (the palette repeats past 14)."""
    sizes: dict[object, float] = {}
    for n in drawing["nodes"]:
        sizes[n["group"]] = sizes.get(n["group"], 0.0) + 1 + n["score"]
    order = sorted(sizes, key=lambda g: (-sizes[g], str(g)))
    return {g: PALETTE[i % len(PALETTE)] for i, g in enumerate(order)}


def legend_html(drawing: dict[str, Any], colours: dict[object, str], limit: int = 12) -> str:
    """What the colours mean: each community named after its best-connected member, or
    the country code; the smaller groups beyond ``limit`` are counted, not listed."""
    best: dict[object, dict[str, Any]] = {}
    members: dict[object, int] = {}
    for n in drawing["nodes"]:
        members[n["group"]] = members.get(n["group"], 0) + 1
        if n["group"] not in best or n["score"] > best[n["group"]]["score"]:
            best[n["group"]] = n
    items = []
    for group, colour in list(colours.items())[:limit]:
        if drawing["colour_by"] == "country":
            name = "unknown country" if group == "?" else str(group)
        else:
            name = f"community of {best[group]['label']}"
        items.append(
            f'<li><span class="swatch" style="background:{colour}"></span>'
            f"{html.escape(name)} ({members[group]})</li>"
        )
    rest = len(colours) - limit
    more = f'<li class="caption">and {rest} smaller group(s)</li>' if rest > 0 else ""
    return f'<ul id="legend">{"".join(items)}{more}</ul>'


def explorer_page(
    form: ExplorerForm,
    drawing: dict[str, Any] | None,
    charts: dict[str, Any] | None = None,
    empty: bool = False,
) -> str:
    """The network explorer: the filters, the drawing with its legend, a panel for the
    clicked node, and charts of the same selection; or the form and a message."""
    page = _template("network.html")
    if form.problem is not None or drawing is None:
        message = form.problem or (
            "No partnerships match this selection. Widen the year range or show all agreements."
        )
        body, caption = f'<p class="message" role="alert">{html.escape(message)}</p>', ""
        legend = charts_html = ""
    else:
        caption = (
            f"{drawing['shown']} of {drawing['total']} institutions, sized by "
            f"{drawing['size_by']}, coloured by {drawing['colour_by']}; "
            f"{SHOWN[form.agreements]}"
        )
        colours = _groups(drawing)
        body, legend = network_svg(drawing, colours), legend_html(drawing, colours)
        charts_html = _charts(drawing, charts or {})
    for value in (form.size_by, form.colour_by, form.agreements):
        page = page.replace(f'value="{value}"', f'value="{value}" selected', 1)
    return (
        page.replace("{{SVG}}", body)
        .replace("{{LEGEND}}", legend)
        .replace("{{CHARTS}}", charts_html)
        .replace("{{CAPTION}}", html.escape(caption))
        .replace("{{YEAR_FROM}}", html.escape(form.year_from))
        .replace("{{YEAR_TO}}", html.escape(form.year_to))
        .replace("{{LANG}}", html.escape(form.language))
        .replace("/*STATUSES*/[]", json.dumps(STATUSES.get(form.agreements, ())))
    )


def _charts(drawing: dict[str, Any], charts: dict[str, Any]) -> str:
    figures = []
    if "timeseries" in charts:
        figures.append(
            (
                "Agreements and new partnerships per year",
                per_year_svg(charts["timeseries"]["years"]),
            )
        )
    figures.append(
        (
            f"Top institutions by {drawing['size_by']}",
            ranking_svg(drawing["nodes"], drawing["size_by"]),
        )
    )
    if "countries" in charts:
        figures.append(("Partnerships between countries", country_matrix_svg(charts["countries"])))
    return "".join(
        f"<figure><h2>{html.escape(title)}</h2>{chart}</figure>" for title, chart in figures
    )
