"""The ``coopgraph`` command line. Each command parses options and calls one function."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.table import Table

from coopgraph.api.cli.entities import entities_app, gazetteer_app
from coopgraph.api.cli.help_format import use_plain_metavars
from coopgraph.api.cli.network import app as network_app
from coopgraph.api.cli.sources import follow, sources_app
from coopgraph.api.cli.support import DataDir, clear_errors, err, opened_store, out, settings_for
from coopgraph.api.settings import Settings
from coopgraph.graph.errors import GraphError

use_plain_metavars()
app = typer.Typer(
    name="coopgraph",
    help="A knowledge graph of institutional cooperation from news and press releases.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(network_app, name="network")
app.add_typer(entities_app, name="entities")
app.add_typer(gazetteer_app, name="gazetteer")
app.add_typer(sources_app, name="sources")
app.command("follow")(follow)
T = TypeVar("T")


def _run(func: Callable[[], T]) -> T:
    with clear_errors():
        return func()


def _with_store(settings: Settings, work: Callable[[Any], T], create: bool = False) -> T:
    with opened_store(settings, create) as store:
        return work(store)


@app.command()
def ingest(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Files or directories (.txt, .json, .jsonl, .html, .rss/.atom/.xml); "
            "'-' reads JSON Lines or one text from stdin."
        ),
    ],
    data_dir: DataDir = None,
    processes: Annotated[
        int | None,
        typer.Option(
            min=1,
            metavar="N",
            help="Processes for the spaCy model; default 1 \\[env: COOPGRAPH_INGEST_PROCESSES].",
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option(help="No progress bar.")] = False,
) -> None:
    """Extract facts from documents and store them, one named graph per document."""
    from coopgraph.api.ingest.service import (
        IngestReport,
        expand_paths,
        ingest_documents,
        read_sources,
    )
    from coopgraph.extract.pipeline import load_pipeline

    settings = settings_for(data_dir, ingest_processes=processes)
    files = [p for p in expand_paths(q for q in paths if str(q) != "-")]
    single = all(p.suffix.lower() in (".txt", ".json", ".html", ".htm", "") for p in files)
    total = len(files) if single and all(str(q) != "-" for q in paths) else None

    def work() -> IngestReport:
        nlp = load_pipeline(settings.spacy_models, settings.ner_weights, settings.party_model)
        with opened_store(settings, create=True) as store, _progress(total, quiet) as advance:
            report = IngestReport(progress=advance)
            docs = read_sources(paths, report, settings.max_document_bytes)
            return ingest_documents(
                nlp,
                store,
                docs,
                report,
                settings.ingest_processes,
                background=True,
                gazetteers=[settings.user_gazetteer],
                window=settings.extract_window,
            )

    report = _run(work)
    for source, reason in report.errors.items():
        outcome = report.outcomes.get(source, "failed")
        where = "" if reason.startswith(source) else f"{source}: "
        err.print(f"[yellow]{outcome}[/yellow] {where}{reason}", highlight=False)
    out.print(f"ingested into {settings.store_description}: {report.summary()}", highlight=False)
    if report.count("failed"):
        # the rest are stored; the status tells a script that something needs a look
        raise typer.Exit(1)


@contextmanager
def _progress(total: int | None, quiet: bool) -> Iterator[Callable[[str, str], None]]:
    """A rich progress bar with documents/s and the time left; yields its advance callback."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    if quiet:
        yield lambda source, outcome: None
        return
    bar = Progress(
        TextColumn("ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=False,
    )
    with bar:
        task = bar.add_task("ingest", total=total, rate="")

        def advance(source: str, outcome: str) -> None:
            bar.advance(task)
            speed = bar.tasks[task].speed
            bar.update(task, rate=f"{speed:.1f} docs/s" if speed else "")

        yield advance


@app.command()
def query(
    sparql: Annotated[str, typer.Argument(help="A SPARQL query; '-' reads it from stdin.")],
    data_dir: DataDir = None,
    endpoint: Annotated[
        str | None, typer.Option(help="Ask a running server's /sparql instead of the store.")
    ] = None,
) -> None:
    """Run a SPARQL query and print the answer as a table."""
    text = sys.stdin.read() if sparql == "-" else sparql
    if endpoint:
        variables, rows = _run(lambda: _remote_rows(endpoint, text))
    else:
        variables, rows = _run(lambda: _local_rows(settings_for(data_dir), text))
    table = Table(*variables, show_lines=False)
    for row in rows:
        table.add_row(*row)
    out.print(table)
    out.print(f"{len(rows)} row(s)", highlight=False)


def _local_rows(settings: Settings, text: str) -> tuple[list[str], list[list[str]]]:
    from coopgraph.graph.sparql.rows import select_rows

    return _with_store(settings, lambda store: select_rows(store, text))


def _remote_rows(endpoint: str, text: str) -> tuple[list[str], list[list[str]]]:
    import httpx

    try:
        response = httpx.post(
            endpoint,
            data={"query": text},
            headers={"Accept": "application/sparql-results+json"},
            timeout=60,
        )
    except httpx.HTTPError as exc:
        raise GraphError(f"cannot reach {endpoint}: {exc}") from exc
    if response.status_code != 200:
        raise GraphError(f"{endpoint} answered {response.status_code}: {response.text[:500]}")
    data = response.json()
    if "boolean" in data:
        return ["ask"], [[str(data["boolean"]).lower()]]
    variables = data["head"]["vars"]
    rows = [[b.get(v, {}).get("value", "") for v in variables] for b in data["results"]["bindings"]]
    return variables, rows


class ExtractFormat(StrEnum):
    json = "json"
    trig = "trig"


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(help=".txt / .json files or directories.")],
    out_dir: Annotated[Path, typer.Option("--out", help="Directory for one file per input.")],
    output_format: Annotated[
        ExtractFormat,
        typer.Option(
            "--format",
            help="json: the evaluation schema; trig: the named graph ingestion would store.",
        ),
    ] = ExtractFormat.json,
) -> None:
    """Extract facts to files, one per input, without storing them."""
    from datetime import UTC, datetime

    from coopgraph.api.ingest.service import IngestReport, read_sources
    from coopgraph.extract.pipeline import load_pipeline
    from coopgraph.extract.to_records import extract_documents
    from coopgraph.graph.rdf.mapping import extraction_to_graph
    from coopgraph.graph.rdf.trig import to_trig

    settings = settings_for()

    def work() -> tuple[int, IngestReport]:
        nlp = load_pipeline(settings.spacy_models, settings.ner_weights, settings.party_model)
        out_dir.mkdir(parents=True, exist_ok=True)
        report = IngestReport()
        count = 0
        for extraction in extract_documents(
            nlp, read_sources(files, report, settings.max_document_bytes)
        ):
            source = extraction.document.source
            stem = Path(source).stem if source else extraction.document.id
            target = out_dir / f"{stem}.{output_format.value}"
            if output_format is ExtractFormat.trig:
                name, triples = extraction_to_graph(extraction, datetime.now(UTC))
                text = to_trig(name, triples)
            else:
                text = json.dumps(extraction.to_json(), ensure_ascii=False, indent=1)
            target.write_text(text, "utf-8")
            count += 1
        return count, report

    count, report = _run(work)
    for source, reason in report.errors.items():
        err.print(f"[yellow]skipped[/yellow] {source}: {reason}", highlight=False)
    out.print(f"wrote {count} file(s) to {out_dir}", highlight=False)


@app.command()
def dump(
    target: Annotated[Path, typer.Argument(help="File to write: .nq (N-Quads) or .trig (TriG).")],
    data_dir: DataDir = None,
) -> None:
    """Write the whole store (every document graph and the ontology) to one file."""
    from coopgraph.graph.store.backup import dump_store

    settings = settings_for(data_dir)
    count = _run(lambda: _with_store(settings, lambda store: dump_store(store, target)))
    out.print(f"wrote {count} quads to {target}", highlight=False)


@app.command()
def restore(
    source: Annotated[Path, typer.Argument(help="A dump: .nq or .trig.")],
    data_dir: DataDir = None,
) -> None:
    """Replace the embedded store with a dump. A file that does not parse changes nothing."""
    from coopgraph.graph.store.backup import restore_store

    settings = settings_for(data_dir)
    if settings.store_backend != "embedded":
        err.print("[red]error:[/red] restore replaces the embedded store; use `load` for a server")
        raise typer.Exit(2)
    count = _run(lambda: restore_store(source, settings.store_path))
    out.print(f"restored {count} quads into {settings.store_path}", highlight=False)


@app.command()
def load(
    source: Annotated[Path, typer.Argument(help="A dump: .nq or .trig.")],
    data_dir: DataDir = None,
) -> None:
    """Add a dump's graphs to the store, each named graph replaced whole."""
    from coopgraph.graph.store.backup import load_into

    settings = settings_for(data_dir)
    count = _run(lambda: _with_store(settings, lambda store: load_into(store, source), True))
    out.print(f"loaded {count} quads into the store", highlight=False)


@app.command()
def serve(
    data_dir: DataDir = None,
    host: Annotated[
        str | None,
        typer.Option(
            metavar="HOST", help="Listen address; default 127.0.0.1 \\[env: COOPGRAPH_HOST]."
        ),
    ] = None,
    port: Annotated[
        int | None,
        typer.Option(metavar="PORT", help="Port; default 8000 \\[env: COOPGRAPH_PORT]."),
    ] = None,
) -> None:
    """Serve the SPARQL endpoint and the API over HTTP."""
    import math

    import uvicorn

    from coopgraph.api.web.app import create_app

    settings = settings_for(data_dir, host=host, port=port)
    with clear_errors(), opened_store(settings):
        pass  # a damaged or locked store is one line here, not a startup traceback
    _require_free_port(settings.host, settings.port)
    application = _run(lambda: create_app(settings))
    where = f"http://{settings.host}:{settings.port}/sparql"
    out.print(f"serving {settings.store_description} on {where}", highlight=False)
    uvicorn.run(
        application,
        host=settings.host,
        port=settings.port,
        log_level="info",
        timeout_graceful_shutdown=math.ceil(settings.shutdown_timeout),
    )
    _exit_past_unfinished_work()


def _require_free_port(host: str, port: int) -> None:
    """Say that the port is taken before anything claims to be serving."""
    import socket

    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as exc:
        err.print(
            f"[red]error:[/red] cannot listen on {host}:{port} ({exc.strerror}); "
            "is another server running there? Give another --port",
            highlight=False,
            soft_wrap=True,
        )
        raise typer.Exit(1) from None


def _exit_past_unfinished_work() -> None:
    """End the process even if a request thread is still extracting a long text.

    Such a thread cannot be interrupted, and the interpreter would wait for it
    at exit; its document was not written (the store is closed), so nothing is
    lost but work that a client will retry.
    """
    import os
    import sys
    import threading

    if any(t.is_alive() and not t.daemon for t in threading.enumerate()[1:]):
        err.print("stopping with unfinished requests; their documents were not stored")
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)
