"""The api package's exception tree.

Errors of :mod:`coopgraph.extract` and :mod:`coopgraph.graph` are mapped to
HTTP statuses in one place (:mod:`coopgraph.api.web.error_handlers`); this is
the errors the api package raises itself::

    HttpProblemError   a request the API refuses: its status, reason and headers
    FollowError        a followed source that cannot be fetched or read
    └── AddressRefused a URL that may not be fetched (scheme, host, resolved address)
"""

from __future__ import annotations


class HttpProblemError(Exception):
    """A request the API refuses, with the status and the reason to send back."""

    def __init__(self, status: int, detail: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.headers = headers


class FollowError(Exception):
    """A followed source or page that cannot be fetched or read, with the reason."""


class AddressRefused(FollowError):  # noqa: N818 - reads as what happened
    """A URL that may not be fetched: not http(s), or a host on a non-public address."""
