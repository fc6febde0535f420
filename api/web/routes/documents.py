"""``/documents`` and ``/jobs``: ingest press releases over HTTP, list, read and delete them.

Writes need the bearer token (``COOPGRAPH_WRITE_TOKEN``). One document is
ingested in the request (JSON, plain text or HTML); a JSON Lines batch becomes
a background job whose progress ``GET /jobs/{id}`` reports.
"""

from __future__ import annotations

import hashlib
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from coopgraph.api.errors import HttpProblemError
from coopgraph.api.ingest.extraction_process import ExtractionProcess
from coopgraph.api.ingest.jobs import outcome_status
from coopgraph.api.ingest.service import IngestReport, ingest_documents
from coopgraph.api.web import schemas
from coopgraph.api.web.auth import write_router
from coopgraph.api.web.deps import SettingsDep, StoreDep, resources_of, state_of
from coopgraph.api.web.request_bodies import content_type, decode_utf8, read_body
from coopgraph.extract.errors import InputError
from coopgraph.extract.reading.sources import (
    document_from_json,
    document_from_text,
    documents_from_lines,
)
from coopgraph.extract.records import Document
from coopgraph.graph.entities.documents import (
    count_documents,
    delete_document,
    document_detail,
    list_documents,
)
from coopgraph.graph.rdf.iris import document_iri

router = APIRouter(tags=["documents"])
writes = write_router(tags=["documents"])

JSON_LINES = (
    "application/x-ndjson",
    "application/jsonl",
    "application/json-lines",
    "application/jsonlines",
)
KEY = r"^[0-9a-f]{16}$"


def extractor_of(request: Request) -> ExtractionProcess:
    """The extraction side process, started on first use: a query-only server never pays."""
    return state_of(request).extraction_process()


def _document(request: Request, body: str, media: str) -> Document:
    params = request.query_params
    # without an id, each posted text is named by its content, not all alike
    doc_id = params.get("id") or "posted-" + hashlib.sha256(body.encode()).hexdigest()[:12]
    if media == "application/json":
        return document_from_json(body, default_id=doc_id, origin="<request>")
    if media == "text/html":
        from coopgraph.extract.reading.html import document_from_html

        return document_from_html(body, doc_id, origin="<request>")
    if media == "text/plain":
        return document_from_text(
            body,
            doc_id=doc_id,
            origin="<request>",
            url=params.get("url"),
            title=params.get("title"),
            published=params.get("published"),
        )
    raise HttpProblemError(
        415, f"send application/json, text/plain or text/html, not {media or 'none'}"
    )


_DOCUMENT_SCHEMA = {
    "type": "object",
    "required": ["text"],
    "properties": {
        name: {"type": "string"} for name in ("id", "url", "title", "published", "text")
    },
}


@writes.post(
    "/documents",
    summary="Ingest one document (JSON in the eval docs format, text/plain or text/html)",
    responses={
        201: {"description": "stored", "model": schemas.IngestOutcome},
        200: {"description": "updated or unchanged", "model": schemas.IngestOutcome},
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": _DOCUMENT_SCHEMA},
                "text/plain": {"schema": {"type": "string"}},
                "text/html": {"schema": {"type": "string"}},
            },
        }
    },
)
async def post_document(request: Request, store: StoreDep, settings: SettingsDep) -> JSONResponse:
    media, params = content_type(request)
    body = await read_body(request, settings.max_document_bytes, "COOPGRAPH_MAX_DOCUMENT_BYTES")
    document = _document(request, decode_utf8(body, params), media)
    extraction = await run_in_threadpool(extractor_of, request)
    report = IngestReport()
    lock = resources_of(request).write_lock
    gazetteers = [settings.user_gazetteer]
    await run_in_threadpool(
        lambda: ingest_documents(
            extraction,
            store,
            [document],
            report,
            1,
            lock,
            gazetteers=gazetteers,
        )
    )
    outcome = report.outcomes.get(document.source or document.id, "failed")
    key = document.key
    answer: dict[str, Any] = {
        "key": key,
        "id": document.id,
        "graph": str(document_iri(key)),
        "outcome": outcome,
    }
    if report.errors:
        answer["reason"] = next(iter(report.errors.values()))
    headers = (
        {"Location": f"/documents/{key}"} if outcome in ("new", "updated", "unchanged") else None
    )
    return JSONResponse(answer, status_code=outcome_status(outcome), headers=headers)


@writes.post(
    "/documents/batch",
    summary="Ingest a JSON Lines batch as a background job",
    status_code=202,
    response_model=schemas.JobAccepted,
)
async def post_batch(request: Request, store: StoreDep, settings: SettingsDep) -> JSONResponse:
    media, params = content_type(request)
    if media not in JSON_LINES:
        raise HttpProblemError(415, f"send JSON Lines ({JSON_LINES[0]}), not {media or 'none'}")
    body = await read_body(request, settings.max_batch_bytes, "COOPGRAPH_MAX_BATCH_BYTES")
    text = decode_utf8(body, params)
    items = list(documents_from_lines(text, origin="<batch>"))
    if not items:
        raise HttpProblemError(400, "the batch has no documents")
    extraction = await run_in_threadpool(extractor_of, request)
    lock = resources_of(request).write_lock
    processes = settings.ingest_processes

    def work(report: IngestReport) -> None:
        documents = []
        for item in items:
            if isinstance(item, InputError):
                report.record(str(item).split(": ", 1)[0], "failed", str(item))
            else:
                documents.append(item)
        ingest_documents(
            extraction,
            store,
            documents,
            report,
            processes,
            lock,
            background=True,
            gazetteers=[settings.user_gazetteer],
        )

    jobs = resources_of(request).jobs
    job = jobs.submit(len(items), work)
    return JSONResponse(
        {"job": job.id, "status": f"/jobs/{job.id}", "total": len(items)},
        status_code=202,
        headers={"Location": f"/jobs/{job.id}"},
    )


@router.get(
    "/jobs/{job_id}", summary="Progress and outcome of an ingestion job", response_model=schemas.Job
)
async def get_job(
    request: Request, job_id: Annotated[str, Path(pattern=r"^[0-9a-f]{32}$")]
) -> dict[str, Any]:
    jobs = resources_of(request).jobs
    job = jobs.get(job_id)
    if job is None:
        raise HttpProblemError(404, f"no job {job_id} (finished jobs are kept for a while only)")
    return job.to_json()


@router.get(
    "/documents",
    summary="Stored documents, newest ingestion first",
    response_model=schemas.DocumentPage,
)
async def get_documents(
    store: StoreDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    total = await run_in_threadpool(count_documents, store)
    documents = await run_in_threadpool(list_documents, store, limit, offset)
    return {"total": total, "limit": limit, "offset": offset, "documents": documents}


@router.get(
    "/documents/{key}",
    summary="One document: metadata, facts and their evidence",
    response_model=schemas.DocumentDetail,
)
async def get_document(store: StoreDep, key: Annotated[str, Path(pattern=KEY)]) -> dict[str, Any]:
    detail = await run_in_threadpool(document_detail, store, key)
    if detail is None:
        raise HttpProblemError(404, f"no document {key}")
    return detail


@writes.delete(
    "/documents/{key}", summary="Delete a document and every fact only it supports", status_code=204
)
async def remove_document(
    request: Request, store: StoreDep, settings: SettingsDep, key: Annotated[str, Path(pattern=KEY)]
) -> Response:

    def drop() -> bool:
        with resources_of(request).write_lock:
            return delete_document(store, key)

    if not await run_in_threadpool(drop):
        raise HttpProblemError(404, f"no document {key}")
    return Response(status_code=204)
