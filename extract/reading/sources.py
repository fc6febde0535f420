"""Read source files into documents.

Formats: ``.txt``; ``.json`` in the evaluation docs format; ``.jsonl`` (one
such object per line); saved ``.html`` pages (:mod:`coopgraph.extract.reading.html`); RSS and
Atom feeds, ``.rss`` / ``.atom`` / ``.xml`` (:mod:`coopgraph.extract.reading.feeds`). A file
with several documents yields an :class:`InputError` for each bad one and goes
on with the rest.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from coopgraph.extract.errors import InputError
from coopgraph.extract.reading.normalize import clean_text
from coopgraph.extract.records import Document

DEFAULT_MAX_BYTES = 2_000_000
TEXT_SUFFIXES = (".txt", ".text", "")
HTML_SUFFIXES = (".html", ".htm")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
LINES_SUFFIXES = (".jsonl", ".ndjson")
SUFFIXES = (*TEXT_SUFFIXES, ".json", *LINES_SUFFIXES, *HTML_SUFFIXES, *FEED_SUFFIXES)


def read_documents(
    path: Path, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Document | InputError]:
    """Every document in a file, or the reason it cannot be read, in file order."""
    suffix = path.suffix.lower()
    try:
        if suffix in LINES_SUFFIXES:
            yield from documents_from_lines(_read_text(path, max_bytes), origin=str(path))
        elif suffix in FEED_SUFFIXES:
            from coopgraph.extract.reading.feeds import documents_from_feed

            yield from documents_from_feed(_read_bytes(path, max_bytes), origin=str(path))
        elif suffix in HTML_SUFFIXES:
            from coopgraph.extract.reading.html import document_from_html

            yield document_from_html(_read_text(path, max_bytes), path.stem, origin=str(path))
        else:
            yield read_document(path, max_bytes)
    except InputError as exc:
        yield exc


def documents_from_lines(content: str, origin: str = "<jsonl>") -> Iterator[Document | InputError]:
    r"""JSON Lines: one document object per line; blank lines are skipped.

    Lines end at ``\n`` (or ``\r\n``) only: JSON allows U+2028, U+0085 and the
    other separators that ``str.splitlines`` honours raw inside its strings.
    """
    for number, line in enumerate(content.split("\n"), 1):
        if not line.strip():
            continue
        try:
            yield document_from_json(line, default_id=f"line-{number}", origin=f"{origin}:{number}")
        except InputError as exc:
            yield exc


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from exc
    if size > max_bytes:
        raise InputError(f"{path}: {size} bytes is over the limit of {max_bytes} bytes")
    return path.read_bytes()


def _read_text(path: Path, max_bytes: int) -> str:
    raw = _read_bytes(path, max_bytes)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start})") from exc


def read_document(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read one ``.txt`` or ``.json`` file; raise :class:`InputError` with the reason."""
    suffix = path.suffix.lower()
    if suffix not in (*TEXT_SUFFIXES, ".json"):
        known = ", ".join(s for s in SUFFIXES if s)
        raise InputError(f"{path}: unsupported file type {suffix!r} (use {known})")
    content = _read_text(path, max_bytes)
    if suffix == ".json":
        return document_from_json(content, default_id=path.stem, origin=str(path))
    if suffix in TEXT_SUFFIXES:
        return document_from_text(content, doc_id=path.stem, origin=str(path))
    raise InputError(
        f"{path}: unsupported file type {suffix!r} (use {', '.join(s for s in SUFFIXES if s)})"
    )


def document_from_text(
    content: str,
    doc_id: str,
    origin: str = "<text>",
    url: str | None = None,
    title: str | None = None,
    published: str | None = None,
) -> Document:
    if "\x00" in content:
        raise InputError(f"{origin}: binary content (NUL bytes), not text")
    for name, value in (
        ("text", content),
        ("url", url),
        ("title", title),
        ("published", published),
    ):
        _require_encodable(value, name, origin)
    text = clean_text(content)
    if not text:
        raise InputError(f"{origin}: empty text")
    return Document(id=doc_id, text=text, url=url, title=title, published=published, source=origin)


def document_from_json(content: str, default_id: str, origin: str = "<json>") -> Document:
    """Parse ``{"id", "url", "title", "published", "text"}``; only ``text`` is required."""
    try:
        data: Any = json.loads(content)
    except json.JSONDecodeError as exc:
        raise InputError(f"{origin}: malformed JSON at line {exc.lineno}: {exc.msg}") from exc
    except RecursionError:
        raise InputError(f"{origin}: JSON nested too deeply to be a document") from None
    if not isinstance(data, dict):
        raise InputError(f"{origin}: expected a JSON object with a 'text' field")
    text = data.get("text")
    if not isinstance(text, str):
        raise InputError(f"{origin}: the 'text' field is missing or not a string")
    return document_from_text(
        text,
        doc_id=_optional_str(data, "id", origin) or default_id,
        origin=origin,
        url=_optional_str(data, "url", origin),
        title=_optional_str(data, "title", origin),
        published=_optional_str(data, "published", origin),
    )


def _require_encodable(value: str | None, name: str, origin: str) -> None:
    """JSON's ``\\ud800`` escapes decode to lone surrogates, which no UTF-8 store can hold."""
    if value is None:
        return
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(
            f"{origin}: the {name!r} field holds a lone surrogate (U+{ord(value[exc.start]):04X} "
            f"at character {exc.start}), which is not text"
        ) from None


def _optional_str(data: dict[str, Any], name: str, origin: str) -> str | None:
    value = data.get(name)
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise InputError(f"{origin}: the {name!r} field must be a string")
    return value.strip() or None
