"""The one place where package exceptions become HTTP answers (never a bare 500)."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from extract.errors import ExtractError, InputError, ModelNotInstalledError
from graph.errors import GraphError, QueryError, StoreError, StoreLockedError
from graph.sparql import NotAcceptableError

STATUS: list[tuple[type[Exception], int]] = [
    (NotAcceptableError, 406),
    (QueryError, 400),
    (InputError, 400),
    (StoreLockedError, 503),
    (StoreError, 503),
    (ModelNotInstalledError, 503),
    (ExtractError, 422),
    (GraphError, 503),
]


def status_for(exc: Exception) -> int:
    for kind, status in STATUS:
        if isinstance(exc, kind):
            return status
    return 500


def problem(status: int, detail: str) -> JSONResponse:
    return JSONResponse({"detail": detail}, status_code=status)


def install_handlers(app: FastAPI) -> None:
    async def handle(request: Request, exc: Exception) -> JSONResponse:
        return problem(status_for(exc), str(exc))

    app.add_exception_handler(ExtractError, handle)
    app.add_exception_handler(GraphError, handle)
