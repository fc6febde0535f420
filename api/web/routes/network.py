"""``/network/…``: the partnership network, its metrics, paths, time series and exports.

Every endpoint takes the same filters: ``year_from``, ``year_to``, ``type``
(agreement class, repeatable), ``country`` (ISO code, repeatable), ``status``
(Signed, Renewed, Existing, Planned; repeatable), ``min_weight`` and
``consortium`` (IRI). Answers are JSON with IRIs and labels;
``/network/graph?format=graphml|gexf|json|csv`` downloads the projection.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import HTMLResponse

from coopgraph.api.web import schemas
from coopgraph.api.web.deps import LanguageDep, resources_of, settings_of
from coopgraph.api.web.network_calls import NetworkCalls
from coopgraph.api.web.pages import ExplorerForm, explorer_page
from coopgraph.graph.network.exports import EXPORT_TYPES
from coopgraph.graph.network.metrics import CommunityMethod, Metric
from coopgraph.graph.network.projections import Kind, NetworkFilter

router = APIRouter(prefix="/network", tags=["network"])


def calls_of(request: Request) -> NetworkCalls:
    return resources_of(request).network_calls


YEAR = r"^[0-9]{0,4}$"  # an empty field from the explorer's form means "any year"
Status = Literal["Signed", "Renewed", "Existing", "Planned"]


def _year(text: str | None) -> int | None:
    return int(text) if text else None


def network_filter(
    year_from: Annotated[str | None, Query(pattern=YEAR, description="First year kept.")] = None,
    year_to: Annotated[str | None, Query(pattern=YEAR, description="Last year kept.")] = None,
    type: Annotated[
        list[str], Query(description="Agreement classes kept, e.g. MemorandumOfUnderstanding.")
    ] = [],  # noqa: B006 - FastAPI copies defaults
    country: Annotated[list[str], Query(description="ISO 3166 codes of institutions kept.")] = [],  # noqa: B006
    min_weight: Annotated[int, Query(ge=1, description="Lightest edge kept.")] = 1,
    consortium: Annotated[str | None, Query(description="Only this consortium's members.")] = None,
    status: Annotated[
        list[Status],
        Query(description="Agreement statuses kept; Planned ones are not partnerships yet."),
    ] = [],  # noqa: B006
) -> NetworkFilter:
    return NetworkFilter(
        year_from=_year(year_from),
        year_to=_year(year_to),
        agreement_types=tuple(type),
        countries=tuple(c.upper() for c in country),
        min_weight=min_weight,
        consortium=consortium,
        statuses=tuple(sorted(set(status))),
    )


Service = Annotated[NetworkCalls, Depends(calls_of)]
Filter = Annotated[NetworkFilter, Depends(network_filter)]
Projection = Annotated[Kind, Query(description="Which network.")]


@router.get(
    "/graph",
    summary="The projected network, as JSON or a download",
    response_model=schemas.Network,
)
async def graph(
    service: Service,
    where: Filter,
    projection: Projection = "institutions",
    format: Annotated[str | None, Query(pattern="^(graphml|gexf|json|csv)$")] = None,
) -> Any:
    if format is None:
        return await service("graph_json", projection, where)
    body = await service.export(projection, where, format)
    filename = f"coopgraph-{projection}.{format}"
    return Response(
        body,
        media_type=EXPORT_TYPES[format],
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.get(
    "/metrics",
    summary="Nodes ranked by a centrality or other metric",
    response_model=schemas.Ranking,
)
async def metrics(
    service: Service,
    where: Filter,
    metric: Metric = "pagerank",
    projection: Projection = "institutions",
    limit: Annotated[int, Query(ge=1, le=10000)] = 20,
) -> dict[str, Any]:
    return await service("ranking", projection, where, metric, limit)


@router.get(
    "/communities",
    summary="Communities (Louvain or label propagation) and modularity",
    response_model=schemas.Communities,
)
async def communities(
    service: Service,
    where: Filter,
    method: CommunityMethod = "louvain",
    seed: Annotated[int, Query(ge=0)] = 0,
    projection: Projection = "institutions",
) -> dict[str, Any]:
    return await service("communities", projection, where, method, seed)


@router.get(
    "/path",
    summary="Shortest paths between two institutions, with the evidence",
    response_model=schemas.Paths,
)
async def path(
    service: Service,
    where: Filter,
    source: Annotated[str, Query(description="IRI or name of an institution.")],
    target: Annotated[str, Query(description="IRI or name of an institution.")],
    k: Annotated[int, Query(ge=1, le=20, description="How many shortest paths.")] = 1,
) -> dict[str, Any]:
    return await service("paths", where, source, target, k)


@router.get("/ego", summary="The network around one node", response_model=schemas.Ego)
async def ego_network(
    service: Service,
    where: Filter,
    node: Annotated[str, Query(description="IRI or name.")],
    radius: Annotated[int, Query(ge=1, le=5)] = 1,
    projection: Projection = "institutions",
) -> dict[str, Any]:
    return await service("ego", projection, where, node, radius)


@router.get(
    "/node",
    summary="One institution: partners and the agreements behind each",
    response_model=schemas.NodeDetail,
)
async def node(
    service: Service, where: Filter, id: Annotated[str, Query(description="IRI or name.")]
) -> dict[str, Any]:
    return await service("node", where, id)


@router.get(
    "/timeseries",
    summary="Agreements, new partnerships and network shape per year",
    response_model=schemas.Timeseries,
)
async def timeseries(service: Service, where: Filter) -> dict[str, Any]:
    return await service("timeseries", where)


@router.get("/explorer", summary="The network explorer page", response_class=HTMLResponse)
async def explorer(
    request: Request,
    service: Service,
    year_from: Annotated[str | None, Query(max_length=20)] = None,
    year_to: Annotated[str | None, Query(max_length=20)] = None,
    size_by: Annotated[str, Query(max_length=40)] = "pagerank",
    colour_by: Annotated[str, Query(max_length=40)] = "community",
    agreements: Annotated[str, Query(max_length=40)] = "all",
    language: LanguageDep = "en",
) -> HTMLResponse:
    """The page reads its own form: a value it cannot use is said on the page, in words,
    with the form kept to correct it (never a JSON error or a blank drawing)."""
    form = ExplorerForm.read(year_from, year_to, size_by, colour_by, agreements, language)
    if form.problem is not None:
        return HTMLResponse(explorer_page(form, None), status_code=400)
    settings = settings_of(request)
    where = form.where
    drawing = await service(
        "layout", where, settings.explorer_max_nodes, form.size_by, form.colour_by, 0, language
    )
    if not drawing["nodes"]:
        return HTMLResponse(explorer_page(form, None, empty=True))
    charts = {
        "timeseries": await service("timeseries", where),
        "countries": await service("country_matrix", where),
    }
    return HTMLResponse(explorer_page(form, drawing, charts=charts))
