"""Following, end to end: documents/s fetched from local feeds and ingested, against
``coopgraph ingest`` of the same pages from files; and the requests a second poll
makes when nothing changed (one conditional request per feed is the target).

    .venv/bin/python -m bench.follow [--feeds 20] [--items 50]

Both runs use the same pipeline and a fresh store each, in this process, so the
ratio holds on a noisy machine. Pages are the project's English training news,
served by a local HTTP server (the politeness delay is off: every feed is on
127.0.0.1).
"""

from __future__ import annotations

import argparse
import itertools
import json
import tempfile
import threading
import time
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from coopgraph.api.follow.fetcher import Fetcher
from coopgraph.api.follow.follow import run_source
from coopgraph.api.follow.sources import Source
from coopgraph.api.ingest.service import IngestReport, ingest_documents, read_sources
from coopgraph.extract.pipeline import load_pipeline
from coopgraph.graph.store.embedded import OxigraphStore

DOCS = Path(__file__).resolve().parent.parent / "data" / "training" / "en" / "docs"
PAGE = (
    "<html><head><title>{title}</title></head><body><article><p>{text}</p></article></body></html>"
)


def site(feeds: int, items: int) -> tuple[dict[str, bytes], list[int]]:
    texts = [json.loads(p.read_text())["text"] for p in sorted(DOCS.glob("*.json"))]
    pages: dict[str, bytes] = {}
    counter = itertools.count()
    for f in range(feeds):
        entries = []
        for i in range(items):
            n = next(counter)
            path = f"/news/{f}/{i}.html"
            text = texts[n % len(texts)] + f" (release {n})"  # each page its own document
            pages[path] = PAGE.format(title=f"Release {n}", text=text).encode()
            entries.append(f"<item><title>Release {n}</title><link>BASE{path}</link></item>")
        pages[f"/feed/{f}.xml"] = f"<rss><channel>{''.join(entries)}</channel></rss>".encode()
    pages["/robots.txt"] = b"User-agent: *\nAllow: /\n"
    return pages, [0]


def serve(pages: dict[str, bytes], hits: list[int]) -> tuple[ThreadingHTTPServer, str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits[0] += 1
            body = pages.get(self.path)
            if body is None:
                self.send_response(404)
                self.end_headers()
                return
            if self.path.startswith("/feed/") and self.headers.get("If-None-Match") == '"1"':
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("ETag", '"1"')
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--feeds", type=int, default=20)
    parser.add_argument("--items", type=int, default=50)
    args = parser.parse_args()
    pages, hits = site(args.feeds, args.items)
    server, base = serve(pages, hits)
    for path in list(pages):
        pages[path] = pages[path].replace(b"BASE", base.encode())
    nlp = load_pipeline()
    work = Path(tempfile.mkdtemp(prefix="bench-follow-"))

    # from files: the same pages saved as .html, ingested by coopgraph ingest's path
    folder = work / "pages"
    for path, body in pages.items():
        if path.startswith("/news/"):
            target = folder / path.strip("/").replace("/", "-")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(body)
    store = OxigraphStore(work / "files")
    started = time.perf_counter()
    report = IngestReport()
    ingest_documents(nlp, store, read_sources([folder], report, 2_000_000), report)
    from_files = time.perf_counter() - started
    store.close()

    store = OxigraphStore(work / "followed")
    sources = [Source(f"{base}/feed/{f}.xml", "feed") for f in range(args.feeds)]
    counts: dict[str, int] = {}

    def ingest(documents: Any) -> dict[str, int]:
        one = IngestReport()
        ingest_documents(nlp, store, documents, one)
        for key, n in one.counts().items():
            counts[key] = counts.get(key, 0) + n
        return one.counts()

    with Fetcher("coopgraph-bench", 20.0, 5_000_000, 0.0, allow_private=True) as fetcher:
        started = time.perf_counter()
        for source in sources:
            run_source(source, fetcher, ingest, args.items, datetime.now(UTC))
        followed = time.perf_counter() - started
        before = hits[0]
        for source in sources:
            source.next_due = None
            run_source(source, fetcher, ingest, args.items, datetime.now(UTC))
        second_poll = hits[0] - before
    store.close()
    server.shutdown()
    server.server_close()

    total = args.feeds * args.items
    print(f"{args.feeds} feeds x {args.items} items = {total} documents; followed: {counts}")
    print(f"ingest from files  {total / from_files:8.1f} documents/s")
    print(f"follow feeds       {total / followed:8.1f} documents/s")
    print(f"ratio follow/files {from_files / followed:8.2f}   (target >= 0.80)")
    polled = f"{second_poll} requests, {args.feeds} unchanged feeds"
    print(f"second poll        {polled} (target: 1 each)")


if __name__ == "__main__":
    main()
