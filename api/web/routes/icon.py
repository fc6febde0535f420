"""``/favicon.svg`` (and ``/favicon.ico``, which browsers ask for on their own): the
project's mark, two linked nodes, drawn inline so nothing is fetched from elsewhere."""

from __future__ import annotations

from fastapi import APIRouter, Response

router = APIRouter(tags=["pages"], include_in_schema=False)

ICON = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">'
    '<rect width="32" height="32" rx="6" fill="#1d3557"/>'
    '<line x1="9" y1="22" x2="23" y2="10" stroke="#cfe3ff" stroke-width="3"/>'
    '<circle cx="9" cy="22" r="5" fill="#e63946"/><circle cx="23" cy="10" r="5" fill="#2a9d8f"/>'
    "</svg>"
)
HEADERS = {"Cache-Control": "public, max-age=86400"}


@router.get("/favicon.svg")
@router.get("/favicon.ico")
async def icon() -> Response:
    return Response(ICON, media_type="image/svg+xml", headers=HEADERS)
