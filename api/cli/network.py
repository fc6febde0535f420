"""``coopgraph network …``: the /network endpoints on the command line, on the local store."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from coopgraph.api.cli.support import DataDir, clear_errors, err, opened_store, out, settings_for

app = typer.Typer(help="Analyse the partnership network.", no_args_is_help=True)
YearFrom = Annotated[int | None, typer.Option(help="First year kept.")]
YearTo = Annotated[int | None, typer.Option(help="Last year kept.")]
Types = Annotated[list[str] | None, typer.Option("--type", help="Agreement class kept (repeat).")]
Countries = Annotated[list[str] | None, typer.Option("--country", help="ISO code kept (repeat).")]
MinWeight = Annotated[int, typer.Option(min=1, help="Lightest edge kept.")]
Consortium = Annotated[str | None, typer.Option(help="Only this consortium's members (IRI).")]
Projection = Annotated[str, typer.Option(help="institutions, bipartite, people or countries.")]
AsJson = Annotated[bool, typer.Option("--json", help="Print the API's JSON answer.")]


@contextmanager
def _service(data_dir: Path | None) -> Iterator[Any]:
    from coopgraph.graph.network.service import NetworkService

    settings = settings_for(data_dir)
    with clear_errors(), opened_store(settings) as store:
        yield NetworkService(
            store,
            exact_betweenness_limit=settings.betweenness_exact_limit,
            betweenness_samples=settings.betweenness_samples,
        )


def _filter(
    year_from: int | None,
    year_to: int | None,
    types: list[str] | None,
    countries: list[str] | None,
    min_weight: int,
    consortium: str | None,
) -> Any:
    from coopgraph.graph.network.projections import NetworkFilter

    return NetworkFilter(
        year_from=year_from,
        year_to=year_to,
        agreement_types=tuple(types or ()),
        countries=tuple(c.upper() for c in countries or ()),
        min_weight=min_weight,
        consortium=consortium,
    )


def _kind(projection: str) -> Any:
    from coopgraph.graph.network.projections import KINDS

    if projection not in KINDS:
        err.print(f"[red]error:[/red] projection must be one of {', '.join(KINDS)}")
        raise typer.Exit(2)
    return projection


def _answer(data_dir: Path | None, ask: Callable[[Any], dict[str, Any]]) -> dict[str, Any]:
    with clear_errors(), _service(data_dir) as service:
        return ask(service)


def _print_json(data: dict[str, Any]) -> None:
    out.print_json(json.dumps(data, default=str))


@app.command()
def metrics(
    metric: Annotated[
        str,
        typer.Argument(
            help="degree, weighted_degree, betweenness, closeness, eigenvector, pagerank, "
            "clustering or core"
        ),
    ] = "pagerank",
    limit: Annotated[int, typer.Option(min=1, help="How many nodes to list.")] = 20,
    data_dir: DataDir = None,
    year_from: YearFrom = None,
    year_to: YearTo = None,
    types: Types = None,
    countries: Countries = None,
    min_weight: MinWeight = 1,
    consortium: Consortium = None,
    projection: Projection = "institutions",
    as_json: AsJson = False,
) -> None:
    """Rank institutions by a metric."""
    from coopgraph.graph.network.metrics import METRICS

    if metric not in METRICS:
        err.print(f"[red]error:[/red] metric must be one of {', '.join(METRICS)}")
        raise typer.Exit(2)
    where = _filter(year_from, year_to, types, countries, min_weight, consortium)
    data = _answer(data_dir, lambda s: s.ranking(_kind(projection), where, metric, limit))
    if as_json:
        return _print_json(data)
    table = Table("rank", "institution", "country", metric, title=f"{metric} ({data['method']})")
    for rank, node in enumerate(data["nodes"], 1):
        table.add_row(str(rank), node["label"], node.get("country", ""), f"{node['score']:.4f}")
    out.print(table)


@app.command()
def communities(
    method: Annotated[str, typer.Option(help="louvain or label_propagation")] = "louvain",
    seed: Annotated[
        int, typer.Option(help="Random seed of the method: the same seed, the same communities.")
    ] = 0,
    data_dir: DataDir = None,
    year_from: YearFrom = None,
    year_to: YearTo = None,
    types: Types = None,
    countries: Countries = None,
    min_weight: MinWeight = 1,
    consortium: Consortium = None,
    as_json: AsJson = False,
) -> None:
    """Communities of institutions, with the partition's modularity."""
    if method not in ("louvain", "label_propagation"):
        err.print("[red]error:[/red] method must be louvain or label_propagation")
        raise typer.Exit(2)
    where = _filter(year_from, year_to, types, countries, min_weight, consortium)
    data = _answer(data_dir, lambda s: s.communities("institutions", where, method, seed))
    if as_json:
        return _print_json(data)
    table = Table("#", "size", "members", title=f"{method}: modularity {data['modularity']:.3f}")
    for i, group in enumerate(data["communities"], 1):
        names = ", ".join(m["label"] for m in group["members"][:6])
        more = f" … (+{group['size'] - 6})" if group["size"] > 6 else ""
        table.add_row(str(i), str(group["size"]), names + more)
    out.print(table)


@app.command()
def path(
    source: Annotated[str, typer.Argument(help="IRI or name")],
    target: Annotated[str, typer.Argument(help="IRI or name")],
    k: Annotated[int, typer.Option(min=1, max=20, help="How many shortest paths.")] = 1,
    data_dir: DataDir = None,
    year_from: YearFrom = None,
    year_to: YearTo = None,
    as_json: AsJson = False,
) -> None:
    """Shortest paths between two institutions, each hop with its agreements and sentences."""
    where = _filter(year_from, year_to, None, None, 1, None)
    data = _answer(data_dir, lambda s: s.paths(where, source, target, k))
    if as_json:
        return _print_json(data)
    if not data["paths"]:
        out.print("no path")
        raise typer.Exit(1)
    for number, found in enumerate(data["paths"], 1):
        out.print(f"[bold]path {number}[/bold] ({found['length']} hops)")
        for hop in found["hops"]:
            out.print(f"  {hop['from']['label']} → {hop['to']['label']}")
            for agreement in hop["agreements"]:
                year = f" {agreement['year']}" if agreement["year"] else ""
                out.print(f"    {agreement['type']}{year}", highlight=False)
                for ev in agreement["evidence"][:1]:
                    out.print(f"      “{ev['sentence']}”", highlight=False)


@app.command()
def ego(
    node: Annotated[str, typer.Argument(help="IRI or name")],
    radius: Annotated[
        int, typer.Option(min=1, max=5, help="How many steps from the node to include.")
    ] = 1,
    data_dir: DataDir = None,
    projection: Projection = "institutions",
) -> None:
    """The network around one node, as JSON."""
    where = _filter(None, None, None, None, 1, None)
    _print_json(_answer(data_dir, lambda s: s.ego(_kind(projection), where, node, radius)))


@app.command()
def timeseries(
    data_dir: DataDir = None,
    types: Types = None,
    countries: Countries = None,
    as_json: AsJson = False,
) -> None:
    """Agreements, new partnerships and the network's size per year."""
    where = _filter(None, None, types, countries, 1, None)
    data = _answer(data_dir, lambda s: s.timeseries(where))
    if as_json:
        return _print_json(data)
    table = Table(
        "year", "agreements", "new partnerships", "institutions", "edges", "largest component"
    )
    for row in data["years"]:
        table.add_row(
            str(row["year"]),
            str(row["agreements"]),
            str(row["new_partnerships"]),
            str(row["nodes"]),
            str(row["edges"]),
            str(row["largest_component"]),
        )
    out.print(table)


@app.command()
def export(
    target: Annotated[Path, typer.Argument(help="File to write; its suffix picks the format.")],
    data_dir: DataDir = None,
    year_from: YearFrom = None,
    year_to: YearTo = None,
    types: Types = None,
    countries: Countries = None,
    min_weight: MinWeight = 1,
    consortium: Consortium = None,
    projection: Projection = "institutions",
) -> None:
    """Write the network as GraphML, GEXF, node-link JSON or a CSV edge list."""
    from coopgraph.graph.network.exports import EXPORTERS

    fmt = target.suffix.lstrip(".").lower()
    if fmt not in EXPORTERS:
        err.print(f"[red]error:[/red] the file must end in one of .{', .'.join(EXPORTERS)}")
        raise typer.Exit(2)
    where = _filter(year_from, year_to, types, countries, min_weight, consortium)
    with _service(data_dir) as service:
        g = service.graph(_kind(projection), where)
        target.write_bytes(EXPORTERS[fmt](g))
    out.print(f"wrote {g.number_of_nodes()} nodes and {g.number_of_edges()} edges to {target}")
