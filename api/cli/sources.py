"""``coopgraph sources …`` and ``coopgraph follow``: say once what to follow, then let a
cron job or a systemd timer run ``coopgraph follow --once`` (or leave ``follow``
running) and find the new agreements in the graph each morning."""

from __future__ import annotations

import time
from typing import Annotated, Any

import typer
from rich.table import Table

from coopgraph.api.cli.support import DataDir, clear_errors, err, opened_store, out, settings_for
from coopgraph.api.follow.fetcher import fetcher_for
from coopgraph.api.follow.sources import KINDS, Kind, Source, SourceBook, now_utc, parse_every
from coopgraph.api.settings import Settings

sources_app = typer.Typer(help="The feeds, news pages and sitemaps coopgraph follows.")


@sources_app.command("add")
def add(
    url: Annotated[str, typer.Argument(help="The feed, news page or sitemap to follow.")],
    kind: Annotated[
        str, typer.Option("--kind", help=f"What the URL is: {', '.join(KINDS)}.")
    ] = "feed",
    every: Annotated[
        str, typer.Option("--every", help="How often to fetch it: 30m, 6h, 1d (at least 10m).")
    ] = "6h",
    match: Annotated[
        str | None,
        typer.Option(help="A regular expression the links of its documents must match."),
    ] = None,
    data_dir: DataDir = None,
) -> None:
    """Follow a source from the next run of ``coopgraph follow`` on."""
    with clear_errors():
        if kind not in KINDS:
            raise typer.BadParameter(f"--kind must be one of {', '.join(KINDS)}")
        from coopgraph.api.follow.addresses import check_source

        settings = settings_for(data_dir)
        check_source(url, settings.follow_allow_private)  # refuse now what cannot be fetched
        kinds: dict[str, Kind] = {k: k for k in KINDS}
        source = SourceBook.of(settings.data_dir).add(
            Source(url, kinds[kind], parse_every(every), match)
        )
    out.print(f"following {source.url} ({source.kind}, every {every}) as {source.id}")


@sources_app.command("list")
def list_sources(data_dir: DataDir = None) -> None:
    """The sources followed: kind, interval, last fetch and status, documents found, next run."""
    with clear_errors():
        sources = SourceBook.of(settings_for(data_dir).data_dir).load()
    if not sources:
        out.print("no sources followed (add one: coopgraph sources add URL)")
        return
    table = Table("id", "url", "kind", "every", "last fetch", "last status", "found", "next due")
    for s in sources:
        table.add_row(
            s.id, s.url, s.kind, f"{s.every // 3600}h" if s.every >= 3600 else f"{s.every // 60}m",
            s.last_fetch or "-", s.last_status, str(s.documents_found), s.next_due or "now",
        )  # fmt: skip
    out.print(table)


@sources_app.command("remove")
def remove(
    source: Annotated[str, typer.Argument(help="The source's URL or id.")],
    data_dir: DataDir = None,
) -> None:
    """Stop following a source (what it brought stays in the store)."""
    with clear_errors():
        removed = SourceBook.of(settings_for(data_dir).data_dir).remove(source)
    out.print(f"no longer following {removed.url}")


@sources_app.command("check")
def check(
    url: Annotated[str, typer.Argument(help="A feed, news page or sitemap to try.")],
    kind: Annotated[str, typer.Option(help=f"What the URL is: {', '.join(KINDS)}.")] = "feed",
    match: Annotated[
        str | None, typer.Option(help="A regular expression the links must match.")
    ] = None,
    data_dir: DataDir = None,
) -> None:
    """A dry run: the documents a source would bring, fetched and read but not stored."""
    from coopgraph.api.follow.follow import run_source

    settings = settings_for(data_dir)
    kinds: dict[str, Kind] = {k: k for k in KINDS}
    with clear_errors():
        if kind not in KINDS:
            raise typer.BadParameter(f"--kind must be one of {', '.join(KINDS)}")
        with fetcher_for(settings) as fetcher:
            run = run_source(
                Source(url, kinds[kind], match=match), fetcher, None, settings.follow_max_links,
                now_utc(),
            )  # fmt: skip
    if run.status != "ok":
        err.print(f"[red]error:[/red] {run.status}", highlight=False)
        raise typer.Exit(1)
    for link in run.offered:
        out.print(link, highlight=False)
    out.print(f"{len(run.offered)} document(s) would be read", highlight=False)


def follow(
    once: Annotated[
        bool, typer.Option("--once", help="Run the due sources once and exit (for cron).")
    ] = False,
    data_dir: DataDir = None,
) -> None:
    """Fetch the sources that are due and ingest what is new; without --once, keep going."""
    settings = settings_for(data_dir)
    with clear_errors():
        while True:
            failed = follow_due(settings)
            if once:
                if failed:
                    raise typer.Exit(1)
                return
            time.sleep(60)  # then look again for sources that have come due


def follow_due(settings: Settings) -> bool:
    """One run over the due sources, each reported on a line; True if any failed."""
    from coopgraph.api.follow.follow import run_sources
    from coopgraph.api.ingest.service import IngestReport, ingest_documents
    from coopgraph.extract.pipeline import load_pipeline

    book = SourceBook.of(settings.data_dir)
    sources = book.load()
    due = [s for s in sources if s.due(now_utc())]
    if not due:
        out.print("no source is due", highlight=False)
        return False
    nlp = load_pipeline(settings.spacy_models, settings.ner_weights, settings.party_model)
    any_failed = False
    with opened_store(settings, create=True) as store, fetcher_for(settings) as fetcher:

        def ingest(documents: Any) -> dict[str, int]:
            report = IngestReport()
            ingest_documents(
                nlp, store, documents, report, gazetteers=[settings.user_gazetteer],
                window=settings.extract_window,
            )  # fmt: skip
            return report.counts()

        def done(source: Source, run: Any) -> None:
            nonlocal any_failed
            book.update(source)  # each source's state is kept as soon as it is known
            counts = ", ".join(f"{n} {k}" for k, n in run.counts.items() if n)
            out.print(f"{source.url}: {run.status}; {counts or 'nothing new'}", highlight=False)
            for url, reason in run.errors.items():
                err.print(f"[yellow]failed[/yellow] {url}: {reason}", highlight=False)
            any_failed = any_failed or run.status.startswith("failed") or bool(run.errors)

        run_sources(due, fetcher, ingest, settings.follow_max_links, settings.follow_parallel, done)
    return any_failed
