"""The api package's exception tree.

Errors of :mod:`coopgraph.extract` and :mod:`coopgraph.graph` are mapped to
HTTP statuses in one place (:mod:`coopgraph.api.web.error_handlers`); this is
the one error the web layer raises itself::

    HttpProblemError   a request the API refuses: its status, reason and headers
"""

from __future__ import annotations


class HttpProblemError(Exception):
    """A request the API refuses, with the status and the reason to send back."""

    def __init__(self, status: int, detail: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.headers = headers
