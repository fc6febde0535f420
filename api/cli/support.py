"""What every ``coopgraph`` command shares: settings from its options, one-line
errors instead of tracebacks, and the configured store opened and closed."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from coopgraph.api.errors import FollowError
from coopgraph.api.settings import Settings
from coopgraph.extract.errors import ExtractError
from coopgraph.graph.errors import GraphError

out = Console()
err = Console(stderr=True)

DataDir = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        metavar="DIR",
        # "\\[" keeps Rich from reading the brackets as markup and dropping them
        help="Where the store lives; default $XDG_DATA_HOME/coopgraph \\[env: COOPGRAPH_DATA_DIR].",
        show_default=False,
    ),
]


def settings_for(data_dir: Path | None = None, **overrides: object) -> Settings:
    """Settings from the environment, with the options the user gave on top."""
    values = {k: v for k, v in overrides.items() if v is not None}
    if data_dir is not None:
        values["data_dir"] = data_dir
    return Settings(**values)  # type: ignore[arg-type]


@contextmanager
def clear_errors() -> Iterator[None]:
    """Known failures print one line and exit 1: no traceback for a user's mistake."""
    try:
        yield
    except (ExtractError, GraphError, FollowError) as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None


@contextmanager
def opened_store(settings: Settings, create: bool = False) -> Iterator[Any]:
    """The configured store, closed whatever happens.

    Only commands that write (``create``) make a new embedded store; the others
    say there is none, rather than serve or query an empty folder made by mistake.
    """
    from coopgraph.api.stores import open_configured_store

    if not create and settings.store_backend == "embedded" and not settings.store_path.exists():
        err.print(
            f"[red]error:[/red] no store at {settings.store_path}: ingest documents first "
            f"(coopgraph ingest --data-dir {settings.data_dir} FILES), or give another "
            "--data-dir",
            highlight=False,
            soft_wrap=True,
        )
        raise typer.Exit(1)
    store = open_configured_store(settings)
    try:
        yield store
    finally:
        store.close()
