"""Word lists and patterns: data files read once, never code."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def word_list(name: str) -> frozenset[str]:
    """The first column of ``patterns/<name>.txt`` (comments and blanks skipped)."""
    return frozenset(word_table(name))


@cache
def word_table(name: str) -> dict[str, str]:
    """``patterns/<name>.txt`` as ``{first column: second column or ""}``."""
    text = resources.files(__package__).joinpath(f"{name}.txt").read_text(encoding="utf-8")
    table: dict[str, str] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        key, _, value = line.partition("\t")
        table[key.strip()] = value.strip()
    return table
