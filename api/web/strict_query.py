"""Refuse query strings that do not decode to text, before any route reads them.

Starlette decodes ``%FF`` to U+FFFD and ``%00`` to NUL without complaint, so a
query would silently run with characters the client never sent. Each name and
value must percent-decode to UTF-8 without NUL; otherwise the answer is 400.

>>> query_string_problem(b"query=ASK%20%7B%7D&format=json") is None
True
>>> query_string_problem(b"query=%FF")
'the query string is not UTF-8 once percent-decoded (in query=%FF)'
>>> query_string_problem(b"query=a%00b")
'the query string holds a NUL character (in query=a%00b)'
"""

from __future__ import annotations

from urllib.parse import unquote_to_bytes

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send


def query_string_problem(raw: bytes) -> str | None:
    """Why ``raw`` is not a usable query string, or None when it is."""
    for pair in raw.split(b"&"):
        # '+' is a space in forms; it cannot make bytes invalid, so it need not be decoded
        decoded = unquote_to_bytes(pair)
        shown = pair[:60].decode("ascii", "replace")
        try:
            text = decoded.decode("utf-8")
        except UnicodeDecodeError:
            return f"the query string is not UTF-8 once percent-decoded (in {shown})"
        if "\x00" in text:
            return f"the query string holds a NUL character (in {shown})"
    return None


class StrictQueryString:
    """ASGI middleware: 400 for a query string :func:`query_string_problem` refuses."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            problem = query_string_problem(scope.get("query_string", b""))
            if problem is not None:
                await JSONResponse({"detail": problem}, status_code=400)(scope, receive, send)
                return
        await self.app(scope, receive, send)
