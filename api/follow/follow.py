"""One run over the sources that are due: fetch each listing (a 304 ends it), read the
links it offers, fetch each page, and hand the documents to ingestion.

A source's failure is recorded with its reason and pushes its next run back
(exponentially, or as Retry-After asks); it never stops the other sources.
Documents are identified by their canonical URL, so the same release reached
from two sources is one document, and a changed text under the same URL
replaces its graph, as ingestion already does.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from coopgraph.api.errors import FollowError
from coopgraph.api.follow.canonical import canonical_url
from coopgraph.api.follow.discover import Listing, Offered, from_feed, from_page, from_sitemap
from coopgraph.api.follow.fetcher import Fetcher, RetryLater
from coopgraph.api.follow.sources import Source
from coopgraph.extract.errors import InputError
from coopgraph.extract.records import Document

MAX_SITEMAPS = 10  # sitemaps read from one sitemap index per run
READABLE = frozenset({"text/html", "application/xhtml+xml", "text/plain"})  # pages read
Ingest = Callable[[Iterable[Document]], dict[str, int]]  # documents → counts per outcome


@dataclass
class SourceRun:
    source: str
    status: str = "ok"
    counts: dict[str, int] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    offered: list[str] = field(default_factory=list)  # canonical URLs (what a check would read)

    def as_log(self, when: datetime) -> dict[str, Any]:
        return {
            "at": when.isoformat(timespec="seconds"),
            "status": self.status,
            **self.counts,
            "errors": dict(list(self.errors.items())[:20]),
        }


def run_source(
    source: Source,
    fetcher: Fetcher,
    ingest: Ingest | None,
    max_links: int,
    now: datetime,
) -> SourceRun:
    """Fetch, read and (unless ``ingest`` is None: a dry run) ingest one source; the
    source's state and log are updated in place."""
    run = SourceRun(source.url)
    retry_after: float | None = None
    try:
        listing = _listing(source, fetcher)
        if listing is None:
            run.status = "not modified"
        else:
            offered = _wanted(listing.offered, source, max_links)
            run.offered = [canonical_url(o.url) for o in offered]
            if ingest is not None:
                documents = _documents(offered, fetcher, run)
                run.counts = ingest(documents)
                run.counts["failed"] = run.counts.get("failed", 0) + len(run.errors)
    except RetryLater as exc:
        run.status, retry_after = f"retry later: {exc}", exc.seconds
    except FollowError as exc:
        run.status = f"failed: {exc}"
    if ingest is not None:
        failed = run.status.startswith(("failed", "retry"))
        source.last_fetch = now.isoformat(timespec="seconds")
        source.last_status = run.status
        source.documents_found += run.counts.get("new", 0)
        source.schedule(now, failed, retry_after)
        source.record(run.as_log(now))
    return run


def run_sources(
    sources: list[Source],
    fetcher: Fetcher,
    ingest: Ingest,
    max_links: int,
    parallel: int,
    done: Callable[[Source, SourceRun], None],
) -> None:
    """Run ``sources``, up to ``parallel`` at once: fetching goes on in parallel (one
    host's requests still wait their turn), ingestion one source at a time (one writer).
    ``done`` hears of each source as it finishes."""
    from concurrent.futures import ThreadPoolExecutor

    writing = threading.Lock()

    def one_writer(documents: Iterable[Document]) -> dict[str, int]:
        fetched = list(documents)  # pages are fetched outside the lock, in this thread
        with writing:
            return ingest(fetched)

    def run(source: Source) -> None:
        done(source, run_source(source, fetcher, one_writer, max_links, datetime.now(UTC)))

    with ThreadPoolExecutor(max_workers=max(1, parallel), thread_name_prefix="follow") as pool:
        for future in [pool.submit(run, s) for s in sources]:
            future.result()


def _listing(source: Source, fetcher: Fetcher) -> Listing | None:
    """What the source offers now, or None when it answered 304 (nothing new)."""
    fetched = fetcher.get(source.url, source.etag, source.last_modified)
    if fetched.status == 304:
        return None
    source.etag, source.last_modified = fetched.etag, fetched.last_modified
    if source.kind == "feed":
        return from_feed(fetched.content, fetched.url)
    if source.kind == "page":
        return from_page(fetched.content, fetched.url, source.match)
    listing = from_sitemap(fetched.content, fetched.url)
    offered = list(listing.offered)
    for nested in listing.sitemaps[:MAX_SITEMAPS]:
        inner = fetcher.get(nested)
        offered += from_sitemap(inner.content, inner.url).offered
    offered.sort(key=lambda o: o.published or "", reverse=True)
    return Listing(offered, [])


def _wanted(offered: list[Offered], source: Source, max_links: int) -> list[Offered]:
    pattern = re.compile(source.match) if source.match and source.kind != "page" else None
    seen: set[str] = set()
    kept = []
    for item in offered:
        key = canonical_url(item.url)
        if key in seen or (pattern is not None and not pattern.search(item.url)):
            continue
        seen.add(key)
        kept.append(item)
    return kept[:max_links]


def _documents(offered: list[Offered], fetcher: Fetcher, run: SourceRun) -> Iterable[Document]:
    from coopgraph.extract.reading.html import document_from_html

    for item in offered:
        url = canonical_url(item.url)
        try:
            page = fetcher.get(item.url)
            media = page.content_type.split(";")[0].strip().lower()
            if media and media not in READABLE:
                raise FollowError(f"{item.url}: not a page to read ({media})")
            text = page.content.decode("utf-8", "replace")
            document = document_from_html(text, doc_id=url, origin=url)
            # the page's own canonical link wins; else the URL it was reached at
            document = replace(
                document,
                url=canonical_url(document.url) if document.url else url,
                published=document.published or item.published,
                source=url,
            )
        except RetryLater:
            raise
        except (FollowError, InputError) as exc:
            if item.fallback is None:
                run.errors[url] = str(exc)
                continue
            document = replace(item.fallback, url=url, source=url)  # the feed entry's own text
        yield document
