"""How ``--help`` names what an option takes: as a person would write it.

typer 0.29 prints each parameter's Python type beside it ("<bool>", "<str>",
"<list[Path]>"), which tells a user nothing about what to type. Here a flag
shows nothing, a parameter with a metavar shows that, and any other shows its
name in capitals (``--endpoint ENDPOINT``, as click does), with "..." when it
takes several values; the usage line names arguments the same way.
"""

from __future__ import annotations

from typing import Any

from typer import core


def _display(param: Any, ctx: Any) -> str | None:
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return None
    if param.metavar is not None:
        return str(param.metavar)
    name = (param.name or "value").upper()
    return f"{name}..." if param.nargs != 1 else name


def _usage(param: Any) -> str:
    """An argument in the usage line: "PATHS..." when required, "[PATH]" when not
    (typer writes "{paths}...", which reads like a template placeholder)."""
    name = str(param.metavar or (param.name or "value").upper())
    shown = name if param.required else f"[{name}]"
    return f"{shown}..." if param.nargs != 1 else shown


def use_plain_metavars() -> None:
    """Install the plain forms for every typer option and argument (once, at import)."""
    core.TyperOption.display_type_rich = _display  # type: ignore[method-assign,assignment]
    core.TyperArgument.display_type_rich = _display  # type: ignore[method-assign,assignment]
    core.TyperArgument._usage_display_name = _usage  # type: ignore[method-assign,assignment]
