"""What every ``coopgraph`` command shares: settings from its options, one-line
errors instead of tracebacks, and the configured store opened and closed."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from coopgraph.api.settings import Settings
from coopgraph.extract.errors import ExtractError
from coopgraph.graph.errors import GraphError

out = Console()
err = Console(stderr=True)

DataDir = Annotated[
    Path | None,
    typer.Option(
        "--data-dir", help="Store directory [env: COOPGRAPH_DATA_DIR].", show_default=False
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
    except (ExtractError, GraphError) as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None


@contextmanager
def opened_store(settings: Settings) -> Iterator[Any]:
    """The configured store, closed whatever happens."""
    from coopgraph.api.stores import open_configured_store

    store = open_configured_store(settings)
    try:
        yield store
    finally:
        store.close()
