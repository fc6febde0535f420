"""``coopgraph entities …`` (search, merge, split) and ``coopgraph gazetteer …`` (add, import)."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from coopgraph.api.cli.support import DataDir, clear_errors, err, opened_store, out, settings_for
from coopgraph.api.settings import Settings

entities_app = typer.Typer(help="Look up, merge and split resolved entities.", no_args_is_help=True)
gazetteer_app = typer.Typer(help="Add institutions to the gazetteer.", no_args_is_help=True)
FIELDS = ("name", "aliases", "country", "type", "wikidata", "ror")


def _do(settings: Settings, work: Callable[[Any], dict[str, Any] | list[Any]]) -> None:
    with clear_errors(), opened_store(settings) as store:
        answer = work(store)
    out.print_json(json.dumps(answer))


@entities_app.command()
def search(
    q: Annotated[str, typer.Argument(help="Any name or alias.")],
    people: Annotated[bool, typer.Option(help="Search people instead of institutions.")] = False,
    limit: Annotated[int, typer.Option(min=1, help="How many matches to list.")] = 20,
    data_dir: DataDir = None,
) -> None:
    """Entities by any of their names, best matches first."""
    from coopgraph.graph.entities import lookup

    kind = "person" if people else "organization"
    _do(settings_for(data_dir), lambda store: lookup.search(store, kind, q, limit))


@entities_app.command()
def merge(
    keep: Annotated[str, typer.Argument(help="The entity that stays (IRI or name).")],
    absorb: Annotated[str, typer.Argument(help="The entity merged into it (IRI or name).")],
    data_dir: DataDir = None,
) -> None:
    """Make two entities one, now and at every later ingestion."""
    from coopgraph.graph.entities.corrections import merge as do_merge

    _do(settings_for(data_dir), lambda store: do_merge(store, keep, absorb))


@entities_app.command()
def split(
    entity: Annotated[str, typer.Argument(help="The entity (IRI or name).")],
    name: Annotated[str, typer.Argument(help="The name whose mentions are another entity.")],
    data_dir: DataDir = None,
) -> None:
    """Take a name off an entity: its mentions become an entity of their own."""
    from coopgraph.graph.entities.corrections import split as do_split
    from coopgraph.graph.entities.resolve import ResolverSpec, resolver_for

    settings = settings_for(data_dir)
    resolver = resolver_for(ResolverSpec((str(settings.user_gazetteer),)))
    _do(settings, lambda store: do_split(store, entity, name, resolver))


def _append(target: Path, rows: list[dict[str, str]]) -> None:
    new = not target.exists()
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("a", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, FIELDS)
        if new:
            writer.writeheader()
        writer.writerows(rows)


def _checked(row: dict[str, str]) -> dict[str, str]:
    clean = {k: (row.get(k) or "").strip() for k in FIELDS}
    if not clean["name"]:
        raise typer.BadParameter("every institution needs a name")
    if clean["country"] and not (len(clean["country"]) == 2 and clean["country"].isalpha()):
        raise typer.BadParameter(f"{clean['name']}: country must be an ISO 3166 code like KZ")
    if clean["wikidata"] and not (clean["wikidata"][:1] == "Q" and clean["wikidata"][1:].isdigit()):
        raise typer.BadParameter(f"{clean['name']}: a Wikidata id looks like Q232")
    clean["country"] = clean["country"].upper()
    return clean


@gazetteer_app.command()
def add(
    name: Annotated[str, typer.Argument(help="The institution's canonical name.")],
    alias: Annotated[list[str] | None, typer.Option(help="Another name (repeat).")] = None,
    country: Annotated[str, typer.Option(help="ISO 3166 code.")] = "",
    kind: Annotated[str, typer.Option("--type", help="university, research_institute, …")] = "",
    wikidata: Annotated[str, typer.Option(help="Wikidata id, e.g. Q232.")] = "",
    ror: Annotated[str, typer.Option(help="ROR id.")] = "",
    data_dir: DataDir = None,
) -> None:
    """Add one institution to your gazetteer (used from the next ingestion on)."""
    settings = settings_for(data_dir)
    row = _checked(
        {"name": name, "aliases": "|".join(alias or []), "country": country, "type": kind,
         "wikidata": wikidata, "ror": ror}
    )  # fmt: skip
    _append(settings.user_gazetteer, [row])
    out.print(f"added {name} to {settings.user_gazetteer}", highlight=False)


@gazetteer_app.command("import")
def import_csv(
    source: Annotated[
        Path,
        typer.Argument(
            help="A UTF-8 CSV file whose header names its columns: name (required), aliases "
            "(several separated by |), country (ISO 3166 code such as KZ), type (university, "
            "research_institute, government, company, ngo, consortium, other), wikidata "
            "(such as Q232), ror. Example row: "
            '"Polotsk State University,PSU|Полоцкий государственный университет,BY,university,,"',
        ),
    ],
    data_dir: DataDir = None,
) -> None:
    """Add every institution of a CSV file to your gazetteer; nothing if one row is wrong."""
    settings = settings_for(data_dir)
    try:
        with source.open(encoding="utf-8", newline="") as f:
            rows = [_checked(row) for row in csv.DictReader(f)]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        err.print(f"[red]error:[/red] cannot read {source}: {exc}", highlight=False)
        raise typer.Exit(1) from None
    for row, known in _repeats(rows):
        err.print(
            f"[yellow]note:[/yellow] {row['name']}: {known!r} is already a name of "
            "an institution in the built-in gazetteer; yours is used from now on",
            highlight=False,
        )
    _append(settings.user_gazetteer, rows)
    out.print(f"imported {len(rows)} institutions into {settings.user_gazetteer}", highlight=False)


def _repeats(rows: list[dict[str, str]]) -> list[tuple[dict[str, str], str]]:
    """Rows one of whose names the built-in gazetteer already holds, with that name."""
    from coopgraph.graph.entities.resolve import fold, read_gazetteer

    built_in = {fold(name) for entry in read_gazetteer() for name in (entry.name, *entry.aliases)}
    found = []
    for row in rows:
        names = [row["name"], *(a for a in row.get("aliases", "").split("|") if a.strip())]
        repeated = next((n for n in names if fold(n) in built_in), None)
        if repeated is not None:
            found.append((row, repeated))
    return found
