"""The documents a source offers: a feed's entries, a sitemap's URLs, a page's links.

Each is parsed from bytes already fetched (nothing here touches the network):
feeds by feedparser, sitemaps by lxml with entities and network access off,
pages by lxml's HTML parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from coopgraph.api.errors import FollowError
from coopgraph.extract.records import Document

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@dataclass(frozen=True)
class Offered:
    """One document a source points at, with what the source itself says of it."""

    url: str
    published: str | None = None
    fallback: Document | None = None  # a feed entry's own text, if the page cannot be read


@dataclass(frozen=True)
class Listing:
    offered: list[Offered]
    sitemaps: list[str]  # a sitemap index names further sitemaps to read


def from_feed(content: bytes, url: str) -> Listing:
    import feedparser

    from coopgraph.extract.reading.feeds import documents_from_feed

    feed: Any = feedparser.parse(content)
    if feed.bozo and not any(entry.get("link") for entry in feed.entries):
        reason = getattr(feed, "bozo_exception", None) or "no entries"
        raise FollowError(f"{url}: not a readable RSS or Atom feed ({reason})")
    fallbacks = {d.url: d for d in documents_from_feed(content, url) if isinstance(d, Document)}
    offered = []
    for entry in feed.entries:
        link = entry.get("link")
        if not link:
            continue
        link = urljoin(url, link)
        published = entry.get("published") or entry.get("updated")
        # the entry's own text stands in for its page only when it has more than a title
        has_text = bool(entry.get("content") or entry.get("summary"))
        fallback = fallbacks.get(entry.get("link")) if has_text else None
        offered.append(Offered(link, published, fallback))
    return Listing(offered, [])


def from_sitemap(content: bytes, url: str) -> Listing:
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False
    )
    try:
        root = etree.fromstring(content, parser)
    except etree.XMLSyntaxError as exc:
        raise FollowError(f"{url}: not a readable sitemap ({exc})") from None
    if root.tag == f"{SITEMAP_NS}sitemapindex":
        return Listing(
            [], [_text(s, "loc") for s in root.iter(f"{SITEMAP_NS}sitemap") if _text(s, "loc")]
        )
    offered = []
    for item in root.iter(f"{SITEMAP_NS}url"):
        loc = _text(item, "loc")
        if loc:
            published = _news_date(item) or _text(item, "lastmod") or None
            offered.append(Offered(urljoin(url, loc), published))
    # newest first, so a cap on links per run keeps the latest news
    offered.sort(key=lambda o: o.published or "", reverse=True)
    return Listing(offered, [])


def _text(element: Any, name: str) -> str:
    found = element.find(f"{SITEMAP_NS}{name}")
    return (found.text or "").strip() if found is not None else ""


def _news_date(item: Any) -> str | None:
    for child in item.iter():
        if isinstance(child.tag, str) and child.tag.endswith("publication_date"):
            return (child.text or "").strip() or None
    return None


def from_page(content: bytes, url: str, match: str | None) -> Listing:
    """Links on a listing page: those matching ``match``, else those on the page's own
    site whose path is deeper than the page's (the articles a news index lists)."""
    from lxml import html

    try:
        tree = html.fromstring(content)
    except Exception as exc:  # lxml raises several kinds on markup it cannot read
        raise FollowError(f"{url}: not a readable page ({type(exc).__name__})") from None
    pattern = re.compile(match) if match else None
    here = urlsplit(url)
    seen: list[str] = []
    for href in tree.xpath("//a/@href"):
        link = urljoin(url, str(href)).split("#", 1)[0]
        parts = urlsplit(link)
        if parts.scheme not in ("http", "https") or link in seen:
            continue
        if pattern is not None:
            if pattern.search(link):
                seen.append(link)
        elif parts.netloc == here.netloc and parts.path.startswith(here.path.rstrip("/") + "/"):
            seen.append(link)
    return Listing([Offered(link) for link in seen], [])
