"""The one place where package exceptions become HTTP answers (never a bare 500)."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from coopgraph.api.errors import FollowError, HttpProblemError
from coopgraph.extract.errors import (
    ExtractError,
    InputError,
    MissingDependencyError,
    ModelMismatchError,
    ModelNotInstalledError,
)
from coopgraph.graph.errors import (
    GraphError,
    NotAcceptableError,
    PoolBusyError,
    QueryError,
    QueryTimeoutError,
    StoreError,
    StoreLockedError,
    UnknownNodeError,
)

STATUS: list[tuple[type[Exception], int]] = [
    (NotAcceptableError, 406),
    (UnknownNodeError, 404),
    (PoolBusyError, 503),
    (QueryTimeoutError, 503),
    (QueryError, 400),
    (InputError, 400),
    (StoreLockedError, 503),
    (StoreError, 503),
    (ModelNotInstalledError, 503),
    (ModelMismatchError, 503),
    (MissingDependencyError, 503),
    (ExtractError, 422),
    (GraphError, 503),
    (FollowError, 400),  # a source that may not or cannot be followed: the reason is in it
]


def status_for(exc: Exception) -> int:
    for kind, status in STATUS:
        if isinstance(exc, kind):
            return status
    return 500


# how long a client should wait before retrying, for answers that invite it
RETRY_AFTER: dict[type[Exception], str] = {PoolBusyError: "1", StoreLockedError: "5"}


def problem(status: int, detail: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"detail": detail}, status_code=status, headers=headers)


def install_handlers(app: FastAPI) -> None:
    async def handle(request: Request, exc: Exception) -> JSONResponse:
        retry = RETRY_AFTER.get(type(exc))
        return problem(status_for(exc), str(exc), {"Retry-After": retry} if retry else None)

    async def refuse(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, HttpProblemError)
        return problem(exc.status, exc.detail, exc.headers)

    async def unreadable(request: Request, exc: Exception) -> JSONResponse:
        # a second net behind the readers' own checks: these only come from input
        if isinstance(exc, RecursionError):
            return problem(400, "the input is nested too deeply to be read")
        return problem(400, f"the input is not text that can be stored: {exc}")

    app.add_exception_handler(HttpProblemError, refuse)
    app.add_exception_handler(RecursionError, unreadable)
    app.add_exception_handler(UnicodeError, unreadable)
    app.add_exception_handler(ExtractError, handle)
    app.add_exception_handler(GraphError, handle)
    app.add_exception_handler(FollowError, handle)
