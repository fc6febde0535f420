"""``/sources``: the feeds, news pages and sitemaps followed, as ``coopgraph sources``
keeps them (``sources.json`` in the data directory). Reading is open; adding and
removing need the write token. ``coopgraph follow`` runs them."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Response
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

from coopgraph.api.errors import HttpProblemError
from coopgraph.api.follow.addresses import check_source
from coopgraph.api.follow.sources import Source, SourceBook, parse_every
from coopgraph.api.web.auth import write_router
from coopgraph.api.web.deps import SettingsDep

router = APIRouter(tags=["sources"])
writes = write_router(tags=["sources"])
SOURCE_ID = r"^[0-9a-f]{12}$"


class NewSource(BaseModel):
    url: str = Field(max_length=2000, description="The feed, news page or sitemap to follow.")
    kind: Literal["feed", "page", "sitemap"] = "feed"
    every: str = Field("6h", max_length=10, description="How often: 30m, 6h, 1d (at least 10m).")
    match: str | None = Field(None, max_length=500, description="Pattern its links must match.")


def _public(source: Source, with_log: bool = False) -> dict[str, Any]:
    shown = {k: v for k, v in asdict(source).items() if k not in ("log", "etag", "last_modified")}
    shown["id"] = source.id
    if with_log:
        shown["log"] = source.log
    return shown


@router.get("/sources", summary="The sources followed, with what their last runs found")
async def list_sources(settings: SettingsDep) -> dict[str, Any]:
    sources = await run_in_threadpool(SourceBook.of(settings.data_dir).load)
    return {"sources": [_public(s) for s in sources]}


@router.get("/sources/{id}", summary="One source and the log of its last runs")
async def get_source(
    settings: SettingsDep, id: Annotated[str, Path(pattern=SOURCE_ID)]
) -> dict[str, Any]:
    sources = await run_in_threadpool(SourceBook.of(settings.data_dir).load)
    found = next((s for s in sources if s.id == id), None)
    if found is None:
        raise HttpProblemError(404, f"no source {id}")
    return _public(found, with_log=True)


@writes.post("/sources", status_code=201, summary="Follow a source")
async def add_source(settings: SettingsDep, body: NewSource) -> dict[str, Any]:
    def add() -> Source:
        # refused now, with the reason, when it could never be fetched
        check_source(body.url, settings.follow_allow_private)
        source = Source(body.url, body.kind, parse_every(body.every), body.match)
        return SourceBook.of(settings.data_dir).add(source)

    return _public(await run_in_threadpool(add))


@writes.delete("/sources/{id}", status_code=204, summary="Stop following a source")
async def remove_source(
    settings: SettingsDep, id: Annotated[str, Path(pattern=SOURCE_ID)]
) -> Response:
    book = SourceBook.of(settings.data_dir)
    sources = await run_in_threadpool(book.load)
    if not any(s.id == id for s in sources):
        raise HttpProblemError(404, f"no source {id}")
    await run_in_threadpool(book.remove, id)
    return Response(status_code=204)
