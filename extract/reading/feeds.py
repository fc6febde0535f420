"""RSS and Atom feed files → one document per item (title, link, date, text).

feedparser reads the file as given; it is never asked to fetch a URL.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from coopgraph.extract.errors import InputError
from coopgraph.extract.reading.html import visible_text
from coopgraph.extract.reading.sources import document_from_text
from coopgraph.extract.records import Document


def documents_from_feed(content: bytes, origin: str = "<feed>") -> Iterator[Document | InputError]:
    import feedparser

    # a bytes argument is parsed as the document itself, never as a URL to fetch
    feed: Any = feedparser.parse(content)
    if feed.bozo and not feed.entries:
        raise InputError(f"{origin}: not a readable RSS or Atom feed ({feed.bozo_exception})")
    for number, entry in enumerate(feed.entries, 1):
        where = f"{origin}#item{number}"
        try:
            yield _document(entry, where, number)
        except InputError as exc:
            yield exc


def _document(entry: Any, origin: str, number: int) -> Document:
    html = ""
    if entry.get("content"):
        html = " ".join(part.get("value", "") for part in entry["content"])
    html = html or entry.get("summary", "") or entry.get("description", "")
    title = entry.get("title") or None
    body = visible_text(html) if html else ""
    text = "\n".join(part for part in (title or "", body) if part)
    return document_from_text(
        text,
        doc_id=entry.get("id") or entry.get("link") or f"item-{number}",
        origin=origin,
        url=entry.get("link") or None,
        title=title,
        published=entry.get("published") or entry.get("updated") or None,
    )
