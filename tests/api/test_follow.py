"""Following sources against a real local web server: feeds, sitemaps and pages read,
robots.txt obeyed, conditional requests, caps, and no fetch of a non-public address."""

from __future__ import annotations

import gzip
import itertools
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from coopgraph.api.errors import AddressRefused, FollowError
from coopgraph.api.follow.addresses import checked_target
from coopgraph.api.follow.fetcher import Fetcher
from coopgraph.api.follow.follow import run_source
from coopgraph.api.follow.sources import Source
from coopgraph.extract.records import Document
from coopgraph.graph.store.embedded import OxigraphStore

ARTICLE = (
    "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
    "<p>{text}</p></article></body></html>"
)
RELEASES = {
    "/news/rtu-tsu.html": (
        "RTU and TSU sign a memorandum",
        "Riga Technical University signed a memorandum of understanding with Tomsk State "
        "University on 1 April 2024 to open a double degree programme in materials science.",
    ),
    "/news/kaznu-polotsk.html": (
        "KazNU and Polotsk",
        "Al-Farabi Kazakh National University and Polotsk State University signed an "
        "agreement on academic mobility of students and staff on 3 May 2024.",
    ),
}


class Site:
    """A news site on 127.0.0.1: its pages, and every request it received."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[int, dict[str, str], bytes]] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.times: list[float] = []  # when each request arrived (time.monotonic)
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site.requests.append((self.path, dict(self.headers)))
                site.times.append(time.monotonic())
                status, headers, body = site.pages.get(self.path, (404, {}, b"not here"))
                etag = headers.get("ETag")
                if etag and self.headers.get("If-None-Match") == etag:
                    status, body = 304, b""
                modified = headers.get("Last-Modified")
                if modified and self.headers.get("If-Modified-Since") == modified:
                    status, body = 304, b""
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def page(self, path: str, body: str | bytes, **headers: str) -> None:
        data = body.encode() if isinstance(body, str) else body
        self.pages[path] = (200, {"Content-Type": "text/html; charset=utf-8", **headers}, data)

    def hits(self, path: str) -> int:
        return sum(1 for p, _ in self.requests if p == path)


def _feed(base: str) -> str:
    items = "".join(
        f"<item><title>{title}</title><link>{base}{path}?utm_source=rss#top</link>"
        f"<pubDate>Mon, 01 Apr 2024 10:00:00 GMT</pubDate><description>{text}</description></item>"
        for path, (title, text) in RELEASES.items()
    )
    channel = f"<channel><title>News</title>{items}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'


@pytest.fixture
def site() -> Iterator[Site]:
    served = Site()
    served.page(
        "/robots.txt", "User-agent: *\nDisallow: /private/\n", **{"Content-Type": "text/plain"}
    )
    for path, (title, text) in RELEASES.items():
        served.page(path, ARTICLE.format(title=title, text=text))
    served.page(
        "/feed.xml", _feed(served.base), ETag='"v1"', **{"Content-Type": "application/rss+xml"}
    )
    yield served
    served.server.shutdown()
    served.server.server_close()


def _fetcher(**overrides: Any) -> Fetcher:
    options: dict[str, Any] = {
        "user_agent": "coopgraph/test (+https://example.org/contact)",
        "timeout": 10.0,
        "max_bytes": 100_000,
        "host_delay": 0.0,
        "allow_private": True,  # the test site is on loopback
    }
    return Fetcher(**{**options, **overrides})


class Collected:
    """An ingestion stand-in that keeps the documents it is given."""

    def __init__(self) -> None:
        self.documents: list[Document] = []

    def __call__(self, documents: Iterable[Document]) -> dict[str, int]:
        new = list(documents)
        self.documents += new
        return {"new": len(new)}


def test_a_feed_brings_its_releases_once_and_then_costs_one_304(site: Site) -> None:
    source = Source(f"{site.base}/feed.xml", "feed")
    collected = Collected()
    now = datetime.now(UTC)
    with _fetcher() as fetcher:
        run = run_source(source, fetcher, collected, 50, now)
        assert run.status == "ok" and run.counts == {"new": 2, "failed": 0}
        urls = sorted(d.url or "" for d in collected.documents)
        # canonical: the tracking parameter and the fragment are gone
        assert urls == sorted(f"{site.base}{p}" for p in RELEASES)
        kaznu = next(d for d in collected.documents if "kaznu" in (d.url or ""))
        assert "Polotsk State University" in kaznu.text and kaznu.published
        # each request named coopgraph and its contact
        assert all("coopgraph/test" in h.get("User-Agent", "") for _, h in site.requests)
        assert source.etag == '"v1"' and source.documents_found == 2
        assert source.next_due is not None and not source.due(now)

        pages_before = sum(site.hits(p) for p in RELEASES)
        again = run_source(source, fetcher, collected, 50, now + timedelta(hours=7))
    assert again.status == "not modified"
    assert sum(site.hits(p) for p in RELEASES) == pages_before  # no page fetched again
    assert source.log[0]["status"] == "not modified" and source.log[1]["new"] == 2


def test_robots_txt_is_obeyed(site: Site) -> None:
    site.page("/private/secret.html", ARTICLE.format(title="Secret", text="Not for robots."))
    site.page(
        "/private-feed.xml",
        _feed(site.base).replace("/news/rtu-tsu.html", "/private/secret.html"),
        **{"Content-Type": "application/rss+xml"},
    )
    collected = Collected()
    with _fetcher() as fetcher:
        run = run_source(
            Source(f"{site.base}/private-feed.xml", "feed"),
            fetcher,
            collected,
            50,
            datetime.now(UTC),
        )
    assert site.hits("/private/secret.html") == 0
    secret = f"{site.base}/private/secret.html"
    # the entry's own text from the feed is used instead of the page robots.txt keeps out
    assert [d.url for d in collected.documents if d.url == secret] == [secret]
    assert run.errors == {}


def test_a_sitemap_index_is_read_and_a_release_in_two_sources_is_one_document(site: Site) -> None:
    site.page(
        "/sitemap.xml",
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{site.base}/news-sitemap.xml</loc></sitemap></sitemapindex>",
        **{"Content-Type": "application/xml"},
    )
    urls = "".join(
        f"<url><loc>{site.base}{p}</loc><lastmod>2024-04-0{i + 1}</lastmod></url>"
        for i, p in enumerate(RELEASES)
    )
    site.page(
        "/news-sitemap.xml",
        f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>',
        **{"Content-Type": "application/xml"},
    )
    with _fetcher() as fetcher:
        from_sitemap = run_source(
            Source(f"{site.base}/sitemap.xml", "sitemap"), fetcher, None, 50, datetime.now(UTC)
        )
        from_feed = run_source(
            Source(f"{site.base}/feed.xml", "feed"), fetcher, None, 50, datetime.now(UTC)
        )
    # newest first from the sitemap; the same canonical URLs from the feed
    assert from_sitemap.offered == [
        f"{site.base}/news/kaznu-polotsk.html",
        f"{site.base}/news/rtu-tsu.html",
    ]
    assert sorted(from_feed.offered) == sorted(from_sitemap.offered)


def test_a_listing_page_offers_the_links_that_match(site: Site) -> None:
    links = "".join(f'<a href="{p}">{t}</a>' for p, (t, _) in RELEASES.items())
    site.page("/news/", f"<html><body>{links}<a href='/about.html'>About</a></body></html>")
    with _fetcher() as fetcher:
        run = run_source(
            Source(f"{site.base}/news/", "page", match=r"/news/.+\.html$"),
            fetcher,
            None,
            50,
            datetime.now(UTC),
        )
    assert sorted(run.offered) == sorted(f"{site.base}{p}" for p in RELEASES)


def test_oversized_pages_fail_with_the_reason_and_compressed_bombs_are_cut(site: Site) -> None:
    bomb = gzip.compress(b"<p>" + b"a" * 2_000_000 + b"</p>")
    site.page("/news/bomb.html", bomb, **{"Content-Encoding": "gzip"})
    site.page(
        "/bomb-feed.xml",
        _feed(site.base).replace("/news/rtu-tsu.html", "/news/bomb.html"),
        **{"Content-Type": "application/rss+xml"},
    )
    with _fetcher(max_bytes=50_000) as fetcher:
        collected = Collected()
        run = run_source(
            Source(f"{site.base}/bomb-feed.xml", "feed"), fetcher, collected, 50, datetime.now(UTC)
        )
    # the feed entry's own text stands in for the page that was too large
    assert run.status == "ok" and len(collected.documents) == 2 and len(bomb) < 50_000
    with _fetcher(max_bytes=50_000) as fetcher, pytest.raises(FollowError, match="over 50000"):
        fetcher.get(f"{site.base}/news/bomb.html")


def test_retry_after_pushes_the_next_run_back(site: Site) -> None:
    site.pages["/busy.xml"] = (429, {"Retry-After": "7200"}, b"")
    source = Source(f"{site.base}/busy.xml", "feed")
    now = datetime.now(UTC)
    with _fetcher() as fetcher:
        run = run_source(source, fetcher, Collected(), 50, now)
    assert run.status.startswith("retry later")
    assert source.next_due is not None
    # next_due is kept to the second
    assert datetime.fromisoformat(source.next_due) >= now.replace(microsecond=0) + timedelta(
        seconds=7200
    )


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/feed.xml",
        "http://localhost/feed.xml",
        "http://10.1.2.3/feed.xml",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/feed.xml",
        "http://[::ffff:127.0.0.1]/feed.xml",
        "http://0.0.0.0/feed.xml",
        "file:///etc/passwd",
        "ftp://example.org/feed.xml",
        "http://user:secret@example.org/feed.xml",
    ],
)
def test_non_public_addresses_and_other_schemes_are_refused(url: str) -> None:
    with pytest.raises(AddressRefused):
        checked_target(url, allow_private=False)


def test_a_redirect_to_a_private_address_is_refused_hop_by_hop(site: Site) -> None:
    site.pages["/moved.xml"] = (302, {"Location": "http://169.254.169.254/latest/meta-data/"}, b"")
    target = checked_target(f"{site.base}/moved.xml", allow_private=True)
    assert target.address == "127.0.0.1"
    with _fetcher() as fetcher:
        # the first hop is allowed here (the test site is local); the second is not public
        fetcher.allow_private = False
        with pytest.raises(AddressRefused):
            fetcher.get(f"{site.base}/moved.xml")
    assert site.hits("/moved.xml") == 0  # refused before connecting, even to the first hop


def test_the_connection_goes_to_the_address_that_was_checked(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The name is resolved once, checked, and that address is connected to (the Host
    header carries the name): a second, different DNS answer cannot redirect the fetch."""
    import socket

    port = int(site.base.rsplit(":", 1)[1])
    answers = iter(["127.0.0.1", "10.9.9.9"])  # a rebinding resolver: the second answer differs

    def resolve(host: str, *args: Any, **kwargs: Any) -> list[Any]:
        if host == "news.example":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]
        return real(host, *args, **kwargs)

    real = socket.getaddrinfo
    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    with _fetcher() as fetcher:
        fetcher._robots[f"http://news.example:{port}"] = fetcher._read_robots(site.base)
        page = fetcher.get(f"http://news.example:{port}/news/rtu-tsu.html")
    assert page.status == 200 and b"Riga Technical University" in page.content
    assert site.requests[-1][1]["Host"] == f"news.example:{port}"


def test_sources_are_kept_checked_and_followed_from_the_command_line(
    site: Site, tmp_path: Path
) -> None:
    env = {
        **os.environ,
        "COOPGRAPH_FOLLOW_ALLOW_PRIVATE": "true",
        "COOPGRAPH_FOLLOW_HOST_DELAY": "0",
        "COLUMNS": "200",
    }
    data = ["--data-dir", str(tmp_path / "data")]

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(Path(sys.executable).parent / "coopgraph"), *args],
            capture_output=True, text=True, env=env, timeout=600,
        )  # fmt: skip

    checked = run("sources", "check", f"{site.base}/feed.xml", *data)
    assert checked.returncode == 0, checked.stderr
    assert f"{site.base}/news/rtu-tsu.html" in checked.stdout and "2 document(s)" in checked.stdout
    assert run("sources", "add", f"{site.base}/feed.xml", "--every", "6h", *data).returncode == 0
    refused = run("sources", "add", "file:///etc/passwd", *data)
    assert refused.returncode == 1 and "only http and https" in refused.stderr
    followed = run("follow", "--once", *data)
    assert followed.returncode == 0, followed.stderr
    assert "2 new" in followed.stdout
    listed = run("sources", "list", *data).stdout
    assert "feed.xml" in listed and "ok" in listed
    stored = json.loads((tmp_path / "data" / "sources.json").read_text())
    assert stored[0]["documents_found"] == 2
    assert "no source is due" in run("follow", "--once", *data).stdout
    assert run("sources", "remove", f"{site.base}/feed.xml", *data).returncode == 0


def test_sources_over_http_need_the_token_to_change_and_refuse_private_addresses(
    tmp_path: Path,
) -> None:
    from coopgraph.api.settings import Settings
    from tests.conftest import LiveServer

    OxigraphStore(tmp_path / "store").close()
    settings = Settings(data_dir=tmp_path, write_token="sources-token", query_workers=1)  # type: ignore[arg-type]
    auth = {"Authorization": "Bearer sources-token"}
    feed = {"url": "https://news.example.org/rss.xml", "kind": "feed", "every": "6h"}
    with LiveServer(settings) as live, httpx.Client(base_url=live.url, timeout=30) as http:
        assert http.get("/sources").json() == {"sources": []}
        assert http.post("/sources", json=feed).status_code == 401
        private = http.post(
            "/sources", json={**feed, "url": "http://169.254.169.254/"}, headers=auth
        )
        assert private.status_code == 400 and "link-local" in private.json()["detail"]
        unsupported = http.post(
            "/sources", json={**feed, "url": "file:///etc/passwd"}, headers=auth
        )
        assert (
            unsupported.status_code == 400 and "only http and https" in unsupported.json()["detail"]
        )
        too_often = http.post("/sources", json={**feed, "every": "1m"}, headers=auth)
        assert too_often.status_code == 400 and "at least 10m" in too_often.json()["detail"]
        bad_kind = http.post("/sources", json={**feed, "kind": "torrent"}, headers=auth)
        assert bad_kind.status_code == 422
        # a public address is kept; a name is checked at each fetch, where it resolves
        public = http.post(
            "/sources", json={**feed, "url": "https://93.184.215.14/rss.xml"}, headers=auth
        )
        assert public.status_code == 201, public.text
        made = public.json()
        assert (
            made["kind"] == "feed"
            and made["every"] == 6 * 3600
            and made["last_status"] == "never fetched"
        )
        again = http.post(
            "/sources", json={**feed, "url": "https://93.184.215.14/rss.xml"}, headers=auth
        )
        assert again.status_code == 400 and "followed already" in again.json()["detail"]
        assert [s["id"] for s in http.get("/sources").json()["sources"]] == [made["id"]]
        assert http.get(f"/sources/{made['id']}").json()["log"] == []
        assert http.delete(f"/sources/{made['id']}").status_code == 401
        assert http.delete(f"/sources/{made['id']}", headers=auth).status_code == 204
        assert http.get(f"/sources/{made['id']}").status_code == 404
    # what the server wrote is what the command line reads
    assert json.loads((tmp_path / "sources.json").read_text()) == []


def test_the_server_follows_due_sources_in_the_background(site: Site, tmp_path: Path) -> None:
    from coopgraph.api.follow.sources import SourceBook
    from coopgraph.api.settings import Settings
    from tests.conftest import LiveServer

    OxigraphStore(tmp_path / "store").close()
    source = SourceBook(tmp_path / "sources.json").add(Source(f"{site.base}/feed.xml", "feed"))
    settings = Settings(
        data_dir=tmp_path,
        follow_allow_private=True,
        follow_host_delay=0.0,
        query_workers=1,
    )
    with LiveServer(settings) as live, httpx.Client(base_url=live.url, timeout=30) as http:
        deadline = time.monotonic() + 180
        while http.get("/documents").json()["total"] < 2:
            assert time.monotonic() < deadline, http.get(f"/sources/{source.id}").json()
            time.sleep(1)
        followed = http.get(f"/sources/{source.id}").json()
        urls = {d["url"] for d in http.get("/documents").json()["documents"]}
    assert followed["last_status"] == "ok" and followed["documents_found"] == 2
    assert followed["log"][0]["new"] == 2
    assert urls == {f"{site.base}{p}" for p in RELEASES}


def _run(site: Site, path: str, kind: Any = "feed", **fetch: Any) -> tuple[Any, Collected]:
    collected = Collected()
    with _fetcher(**fetch) as fetcher:
        run = run_source(
            Source(f"{site.base}{path}", kind), fetcher, collected, 50, datetime.now(UTC)
        )
    return run, collected


def test_an_atom_feed_is_read_like_rss(site: Site) -> None:
    entries = "".join(
        f'<entry><title>{t}</title><link href="{site.base}{p}"/><id>{p}</id>'
        f"<updated>2024-04-01T10:00:00Z</updated><summary>{x}</summary></entry>"
        for p, (t, x) in RELEASES.items()
    )
    site.page(
        "/atom.xml",
        f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>N</title>{entries}</feed>',
        **{"Content-Type": "application/atom+xml"},
    )
    run, collected = _run(site, "/atom.xml")
    assert run.status == "ok" and len(collected.documents) == 2


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        (b"<rss><channel><item><title>cut", "feed"),  # broken XML
        (b"\x89PNG\r\n\x1a\n\x00\x00", "feed"),  # not a feed at all
        (b"<urlset><url><loc>", "sitemap"),
    ],
)
def test_broken_listings_fail_with_the_reason_and_the_next_run_is_pushed_back(
    site: Site, body: bytes, kind: Any
) -> None:
    site.page("/broken", body, **{"Content-Type": "application/xml"})
    source = Source(f"{site.base}/broken", kind)
    now = datetime.now(UTC)
    with _fetcher() as fetcher:
        run = run_source(source, fetcher, Collected(), 50, now)
    assert run.status.startswith("failed: ") and "not a readable" in run.status
    assert source.failures == 1 and not source.due(now + timedelta(minutes=5))


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
        for i in range(1, 10)
    )
    + "]>"
)


@pytest.mark.parametrize("kind", ["feed", "sitemap"])
def test_an_entity_expansion_bomb_is_not_expanded(site: Site, kind: Any) -> None:
    if kind == "feed":
        body = (
            BILLION_LAUGHS
            + "<rss><channel><item><title>&lol9;</title><link>/x</link></item></channel></rss>"
        )
    else:
        body = BILLION_LAUGHS + (
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&lol9;</loc></url></urlset>'
        )
    site.page("/bomb.xml", body, **{"Content-Type": "application/xml"})
    import resource

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    run, collected = _run(site, "/bomb.xml", kind)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    # a billion "lol"s would be 3 GB: nothing of the kind was built
    assert grown_mb < 200
    assert all(len(d.text) < 100_000 for d in collected.documents)
    assert run.status == "ok" or run.status.startswith("failed")


def test_a_redirect_loop_a_slow_server_and_a_huge_listing_each_fail_alone(site: Site) -> None:
    site.pages["/loop"] = (302, {"Location": "/loop2"}, b"")
    site.pages["/loop2"] = (302, {"Location": "/loop"}, b"")
    loop, _ = _run(site, "/loop")
    assert "more than 5 redirects" in loop.status
    site.page("/huge.xml", b"<rss>" + b" " * 300_000 + b"</rss>")
    huge, _ = _run(site, "/huge.xml", max_bytes=100_000)
    assert "over 100000 bytes" in huge.status

    class Slow(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            time.sleep(3)

        def log_message(self, *args: Any) -> None:
            pass

    slow = ThreadingHTTPServer(("127.0.0.1", 0), Slow)
    threading.Thread(target=slow.serve_forever, daemon=True).start()
    try:
        started = time.monotonic()
        with _fetcher(timeout=1.0) as fetcher:
            run = run_source(
                Source(f"http://127.0.0.1:{slow.server_address[1]}/feed.xml", "feed"),
                fetcher, Collected(), 50, datetime.now(UTC),
            )  # fmt: skip
        assert run.status.startswith("failed") and time.monotonic() - started < 10
    finally:
        slow.shutdown()
        slow.server_close()


def test_pages_that_are_not_news_in_english_or_russian_are_left_out_with_the_reason(
    site: Site, tmp_path: Path
) -> None:
    from coopgraph.api.ingest.service import IngestReport, ingest_documents
    from coopgraph.extract.pipeline import load_pipeline

    german = (
        "Die Technische Universität Riga und die Staatliche Universität Tomsk haben eine "
        "Absichtserklärung über die Zusammenarbeit in Forschung und Lehre unterzeichnet."
    )
    site.page("/news/de.html", ARTICLE.format(title="Partnerschaft", text=german))
    site.page("/news/report.pdf", b"%PDF-1.7 \x00\x01\x02", **{"Content-Type": "application/pdf"})
    links = "".join(
        f"<item><title>{p}</title><link>{site.base}{p}</link></item>"
        for p in ("/news/de.html", "/news/report.pdf", "/news/rtu-tsu.html")
    )
    site.page(
        "/mixed.xml",
        f"<rss><channel>{links}</channel></rss>",
        **{"Content-Type": "application/rss+xml"},
    )
    store = OxigraphStore(tmp_path / "store")
    try:
        nlp = load_pipeline()
        reports: list[IngestReport] = []

        def ingest(documents: Iterable[Document]) -> dict[str, int]:
            report = IngestReport()
            ingest_documents(nlp, store, documents, report)
            reports.append(report)
            return report.counts()

        with _fetcher() as fetcher:
            run = run_source(
                Source(f"{site.base}/mixed.xml", "feed"), fetcher, ingest, 50, datetime.now(UTC)
            )
    finally:
        store.close()
    assert run.counts["new"] == 1 and run.counts["skipped"] == 1
    assert any("not English or Russian (detected 'de')" in r for r in reports[0].errors.values())
    # the PDF has no readable text and no feed text to stand in: failed, with the reason
    assert f"{site.base}/news/report.pdf" in run.errors


def test_politeness_delays_hold_and_a_second_poll_only_asks_whether_anything_changed(
    site: Site,
) -> None:
    source = Source(f"{site.base}/feed.xml", "feed")
    with _fetcher(host_delay=0.3) as fetcher:
        run_source(source, fetcher, Collected(), 50, datetime.now(UTC))
        first = len(site.requests)
        run_source(source, fetcher, Collected(), 50, datetime.now(UTC) + timedelta(hours=7))
    # robots.txt, the feed, two pages: each at least the host delay after the one before
    gaps = [b - a for a, b in itertools.pairwise(site.times)]
    # arrival times at the server: a request may spend a little while in transit on a
    # loaded machine, so the gaps are checked with a margin (without the delay they are ms)
    assert first == 4 and min(gaps) >= 0.2, gaps
    second = site.requests[first:]
    # the second poll: one conditional request for the feed, nothing else
    assert [path for path, _ in second] == ["/feed.xml"]
    assert second[0][1].get("If-None-Match") == '"v1"'


def test_sources_on_different_hosts_are_fetched_in_parallel_and_ingested_one_at_a_time(
    site: Site,
) -> None:
    from coopgraph.api.follow.follow import run_sources

    other = Site()  # a second site, reached as "localhost": another host
    try:
        for path, (title, text) in RELEASES.items():
            other.page(path, ARTICLE.format(title=title, text=text))
        local = other.base.replace("127.0.0.1", "localhost")
        other.page("/feed.xml", _feed(local), **{"Content-Type": "application/rss+xml"})
        sources = [Source(f"{site.base}/feed.xml", "feed"), Source(f"{local}/feed.xml", "feed")]
        writing: list[int] = []
        finished: list[str] = []

        def ingest(documents: Iterable[Document]) -> dict[str, int]:
            writing.append(1)
            assert len(writing) == 1, "two sources ingested at once"
            time.sleep(0.2)
            writing.pop()
            return {"new": len(list(documents))}

        with _fetcher(host_delay=0.4) as fetcher:
            run_sources(sources, fetcher, ingest, 50, 2, lambda s, r: finished.append(r.status))
        assert finished == ["ok", "ok"]
        # each host kept its own pace, and the two were fetched at the same time
        assert other.times[0] < site.times[-1] and site.times[0] < other.times[-1]
        for times in (site.times, other.times):
            gaps = [b - a for a, b in itertools.pairwise(times)]
            assert min(gaps) >= 0.3, gaps  # arrival times: a margin for transit, as above
    finally:
        other.server.shutdown()
        other.server.server_close()


def test_last_modified_makes_the_second_poll_conditional_too(site: Site) -> None:
    stamp = "Mon, 01 Apr 2024 10:00:00 GMT"
    site.page("/dated.xml", _feed(site.base), **{"Last-Modified": stamp})
    source = Source(f"{site.base}/dated.xml", "feed")
    with _fetcher() as fetcher:
        assert run_source(source, fetcher, Collected(), 50, datetime.now(UTC)).status == "ok"
        first = len(site.requests)
        later = datetime.now(UTC) + timedelta(hours=7)
        assert run_source(source, fetcher, Collected(), 50, later).status == "not modified"
    assert source.last_modified == stamp
    assert [(p, h.get("If-Modified-Since")) for p, h in site.requests[first:]] == [
        ("/dated.xml", stamp)
    ]
