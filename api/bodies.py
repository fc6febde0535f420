"""Reading request bodies safely: size checked before buffering, charset and forms checked.

A body larger than the limit is refused with 413 as soon as that is known:
from Content-Length before anything is read, or while streaming a chunked
body, so a huge upload never sits in memory.
"""

from __future__ import annotations

from urllib.parse import parse_qs

from fastapi import Request

from api.errors import HttpProblemError

FORM = "application/x-www-form-urlencoded"


def content_type(request: Request) -> tuple[str, dict[str, str]]:
    """The media type (lower-case) and its parameters."""
    media, *params = (p.strip() for p in request.headers.get("content-type", "").split(";"))
    parsed = {}
    for param in params:
        name, _, value = param.partition("=")
        parsed[name.strip().lower()] = value.strip().strip('"')
    return media.lower(), parsed


async def read_body(request: Request, limit: int, setting: str) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise HttpProblemError(400, "Content-Length is not a number")
        if int(declared) > limit:
            raise HttpProblemError(413, f"request body over {limit} bytes ({setting})")
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > limit:
            raise HttpProblemError(413, f"request body over {limit} bytes ({setting})")
    return bytes(body)


def decode_utf8(body: bytes, params: dict[str, str]) -> str:
    charset = params.get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        raise HttpProblemError(415, f"only UTF-8 is accepted, not {charset}")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise HttpProblemError(400, f"the body is not valid UTF-8: {exc}") from None


def parse_form(text: str, max_fields: int) -> dict[str, list[str]]:
    try:
        return parse_qs(text, keep_blank_values=True, max_num_fields=max_fields)
    except ValueError:
        raise HttpProblemError(
            400, f"more than {max_fields} form fields (COOPGRAPH_MAX_FORM_FIELDS)"
        ) from None


def single(values: dict[str, list[str]], name: str) -> str | None:
    """The one value of ``name``; two or more is an error (the protocol allows one)."""
    found = values.get(name, [])
    if len(found) > 1:
        raise HttpProblemError(400, f"give exactly one '{name}', not {len(found)}")
    return found[0] if found else None
