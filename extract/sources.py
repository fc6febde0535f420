"""Read source files (``.txt`` or ``.json`` in the evaluation docs format) into documents."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from extract.errors import InputError
from extract.normalize import clean_text
from extract.records import Document

DEFAULT_MAX_BYTES = 2_000_000


def read_document(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read one ``.txt`` or ``.json`` file; raise :class:`InputError` with the reason."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from exc
    if size > max_bytes:
        raise InputError(f"{path}: {size} bytes is over the limit of {max_bytes} bytes")
    raw = path.read_bytes()
    try:
        content = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start})") from exc
    suffix = path.suffix.lower()
    if suffix == ".json":
        return document_from_json(content, default_id=path.stem, origin=str(path))
    if suffix in (".txt", ".text", ""):
        return document_from_text(content, doc_id=path.stem, origin=str(path))
    raise InputError(f"{path}: unsupported file type {suffix!r} (use .txt or .json)")


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


def _optional_str(data: dict[str, Any], name: str, origin: str) -> str | None:
    value = data.get(name)
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise InputError(f"{origin}: the {name!r} field must be a string")
    return value.strip() or None
