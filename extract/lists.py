"""Lists after a colon in news text, in any language:

    Novymi partnerami universiteta stali:      The parties are:
    • Universitet Guantanamo;                  • Peter the Great Voronezh State Agrarian University;
    • Gavanskiy universitet.                   • Gorin Belgorod State Agrarian University;

A sentence that introduces a list ends with a colon, and the lines after it
open with a list mark (a bullet, a hyphen or dash, an asterisk, "1.", "2)"). The list ends at the
first line without a mark. Extraction reads the items' character ranges and
takes what each names first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TypeVar

from spacy.tokens import Doc, Span

T = TypeVar("T")

_ITEM = re.compile("\\s*(?:[\u2022\\-\u2013\u2014*\u00b7]|\\d{1,2}[.)])\\s")


def list_after(
    doc: Doc, sent: Span, leads: int, stop: Callable[[Span], bool]
) -> list[tuple[int, int]]:
    """(begin, end) characters of the items listed after ``sent``, or after one of the
    ``leads - 1`` sentences that follow it; a following sentence for which ``stop`` is
    true (one with a list of its own to introduce) ends the search."""
    colon = _colon_after(doc, sent, leads, stop)
    return [] if colon is None else _items(doc.text, colon + 1)


def first_named_in_each(items: list[tuple[int, int]], named: Sequence[tuple[int, T]]) -> list[T]:
    """For each item, the thing of ``named`` ((character, thing) pairs) it names first;
    each thing once, in the order of the list."""
    found: list[T] = []
    for begin, end in items:
        inside = [(char, thing) for char, thing in named if begin <= char < end]
        if inside:
            first = min(inside, key=lambda pair: pair[0])[1]
            if first not in found:
                found.append(first)
    return found


def _colon_after(doc: Doc, sent: Span, leads: int, stop: Callable[[Span], bool]) -> int | None:
    candidate: Span | None = sent
    for n in range(leads):
        if candidate is None or (n and stop(candidate)):
            return None
        text = candidate.text.rstrip()
        if text.endswith(":"):
            return int(candidate.start_char) + len(text) - 1
        candidate = doc[candidate.end].sent if candidate.end < len(doc) else None
    return None


def _items(text: str, start: int) -> list[tuple[int, int]]:
    """(begin, end) of the list items in the lines from ``start`` on."""
    items: list[tuple[int, int]] = []
    position = start
    for line in text[start:].split("\n"):
        begin, position = position, position + len(line) + 1
        if not line.strip():
            continue
        if not _ITEM.match(line):
            break
        items.append((begin, begin + len(line)))
    return items
