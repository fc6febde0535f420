"""Reading request bodies safely: size checked before buffering, charset and forms checked.

A body larger than the limit is refused with 413 as soon as that is known:
from Content-Length before anything is read, or while streaming a chunked
body, so a huge upload never sits in memory.
"""

from __future__ import annotations

from urllib.parse import parse_qs

from fastapi import Request

from coopgraph.api.errors import HttpProblemError

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
        return parse_qs(text, keep_blank_values=True, max_num_fields=max_fields, errors="strict")
    except UnicodeDecodeError:
        raise HttpProblemError(400, "a form field is not UTF-8 once percent-decoded") from None
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


async def read_operation(
    request: Request,
    *,
    direct_type: str,
    field: str,
    foreign_field: str,
    foreign_message: str,
    carried: tuple[str, ...],
    limit: int,
    max_fields: int,
) -> tuple[str, dict[str, list[str]]]:
    """A SPARQL protocol POST: the operation text, and the URL parameters plus those
    of ``carried`` the form adds. Direct bodies have ``direct_type``; forms carry
    the text in ``field``; a form with ``foreign_field`` was sent to the wrong endpoint."""
    media, media_params = content_type(request)
    if media not in (FORM, direct_type):
        raise HttpProblemError(415, f"POST needs {FORM} or {direct_type}, not {media or 'none'}")
    body = decode_utf8(await read_body(request, limit, "COOPGRAPH_MAX_QUERY_BYTES"), media_params)
    params = {k: request.query_params.getlist(k) for k in request.query_params}
    if media == direct_type:
        return body, params
    form = parse_form(body, max_fields)
    if foreign_field in form:
        raise HttpProblemError(400, foreign_message)
    text = single(form, field)
    if text is None:
        raise HttpProblemError(400, f"missing the '{field}' form field")
    for name in carried:
        params[name] = params.get(name, []) + form.get(name, [])
    return text, params
