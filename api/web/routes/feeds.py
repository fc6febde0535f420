"""``/feeds/agreements.atom``: newly stored agreements as an Atom feed, so a feed reader
or another system learns of a new partnership the morning it is published.

Filters: ``institution`` (a party's name or id), ``country`` (a party's ISO code),
``type`` (the agreement class). Each entry names the parties (linked to their
pages), the date, the signatories and the sentence it was read in, and links to
the source document.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.concurrency import run_in_threadpool

from coopgraph.api.web.deps import StoreDep
from coopgraph.graph.entities.agreement_feed import FeedAgreement, newest_agreements

router = APIRouter(tags=["feeds"])
ATOM = "http://www.w3.org/2005/Atom"
TYPE_NAMES = {
    "MemorandumOfUnderstanding": "Memorandum of understanding",
    "CooperationAgreement": "Cooperation agreement",
    "Contract": "Contract",
    "JointProgramme": "Joint programme",
    "ConsortiumMembership": "Consortium membership",
}


@router.get(
    "/feeds/agreements.atom",
    summary="Newly stored agreements as an Atom feed",
    response_class=Response,
    responses={200: {"content": {"application/atom+xml": {}}}},
)
async def agreements_feed(
    request: Request,
    store: StoreDep,
    institution: Annotated[
        str | None, Query(max_length=300, description="A party's name or id.")
    ] = None,
    country: Annotated[
        str | None, Query(pattern="^[A-Za-z]{2}$", description="A party's ISO 3166 code.")
    ] = None,
    type: Annotated[
        str | None,
        Query(
            pattern="^[A-Za-z]{1,60}$",
            description="Agreement class, e.g. MemorandumOfUnderstanding.",
        ),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=200, description="How many entries.")] = 50,
) -> Response:
    found = await run_in_threadpool(newest_agreements, store, limit, institution, country, type)
    base = str(request.base_url).rstrip("/")
    body = ET.tostring(_feed(found, base, str(request.url)), encoding="utf-8", xml_declaration=True)
    return Response(body, media_type="application/atom+xml")


def _feed(items: list[FeedAgreement], base: str, self_url: str) -> ET.Element:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _add(feed, "title", "coopgraph: new agreements")
    _add(feed, "id", self_url)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=self_url)
    _add(feed, "updated", max((i.ingested for i in items), default="1970-01-01T00:00:00Z"))
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _add(author, "name", "coopgraph")
    for item in items:
        feed.append(_entry(item, base))
    return feed


def _entry(item: FeedAgreement, base: str) -> ET.Element:
    entry = ET.Element(f"{{{ATOM}}}entry")
    kind = TYPE_NAMES.get(item.type, item.type)
    parties = " + ".join(name for _, name, _ in item.parties) or "parties not named"
    when = f" ({item.date})" if item.date else ""
    _add(entry, "title", f"{kind}{when}: {parties}")
    _add(entry, "id", item.iri)
    _add(entry, "updated", item.ingested)
    if item.url:
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=item.url)
    for iri, name, _ in item.parties:
        slug = iri.rsplit("/", 1)[-1]
        ET.SubElement(
            entry, f"{{{ATOM}}}link", rel="related", title=name, href=f"{base}/organizations/{slug}"
        )
    lines = [
        f"{kind}: {item.label}",
        f"Parties: {parties}",
        f"Date: {item.date or 'not stated'}",
        f"Signed by: {', '.join(n for _, n in item.signatories) or 'not stated'}",
        f"Read in: “{item.sentence}”",
        f"Source: {item.title or item.url or item.document}",
    ]
    content = _add(entry, "content", "\n".join(lines))
    content.set("type", "text")
    return entry


def _add(parent: ET.Element, tag: str, text: str) -> ET.Element:
    child = ET.SubElement(parent, f"{{{ATOM}}}{tag}")
    child.text = text
    return child
