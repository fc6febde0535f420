"""One polite, bounded HTTP client for everything coopgraph follows.

- identifies itself: ``coopgraph/<version> (+COOPGRAPH_FOLLOW_CONTACT)``;
- obeys robots.txt (``urllib.robotparser``, read once per host per run);
- waits ``COOPGRAPH_FOLLOW_HOST_DELAY`` seconds between requests to one host;
- connect and read timeouts, at most 5 redirects, each hop's address checked
  (:mod:`.addresses`) and connected to as checked;
- a size cap on the decoded body (a compressed bomb is cut, not inflated);
- conditional requests: an unchanged feed costs one 304.
"""

from __future__ import annotations

import email.utils
import threading
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from coopgraph.api.errors import AddressRefused, FollowError
from coopgraph.api.follow.addresses import Target, checked_target
from coopgraph.api.settings import Settings

MAX_REDIRECTS = 5
_NOTHING = ["User-agent: *", "Disallow: /"]


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    status: int  # 200, or 304 when the conditional request found nothing new
    content: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None


class RetryLater(FollowError):  # noqa: N818 - reads as what the site said
    """429 or 503: the site asked to come back later (after ``seconds``, when it said)."""

    def __init__(self, url: str, status: int, seconds: float | None) -> None:
        after = f" after {seconds:.0f} s" if seconds is not None else ""
        super().__init__(f"{url}: {status}, asked to retry{after}")
        self.seconds = seconds


class Fetcher:
    def __init__(
        self,
        user_agent: str,
        timeout: float,
        max_bytes: int,
        host_delay: float,
        allow_private: bool = False,
    ) -> None:
        self.max_bytes = max_bytes
        self.host_delay = host_delay
        self.allow_private = allow_private
        self.user_agent = user_agent
        self._client = httpx.Client(
            timeout=httpx.Timeout(timeout),
            follow_redirects=False,  # each hop is checked here
            headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"},
            trust_env=False,  # no proxies from the environment: the address checked is used
        )
        self._next_slot: dict[str, float] = {}
        self._slots = threading.Lock()  # sources on different hosts are fetched in parallel
        self._robots: dict[str, RobotFileParser] = {}

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str, etag: str | None = None, modified: str | None = None) -> Fetched:
        """The page at ``url`` (robots.txt allowing), following redirects, or FollowError."""
        if not self.allowed(url):
            raise FollowError(f"{url}: robots.txt does not allow coopgraph here")
        return self._get(url, etag, modified)

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        robots = self._robots.get(origin)
        if robots is None:
            robots = self._robots[origin] = self._read_robots(origin)
        return robots.can_fetch(self.user_agent, url)

    def _read_robots(self, origin: str) -> RobotFileParser:
        robots = RobotFileParser()
        try:
            found = self._get(f"{origin}/robots.txt", None, None, tolerate=True)
        except AddressRefused:
            raise
        except FollowError:
            robots.parse(_NOTHING)  # unreachable robots.txt: stay away this run
            return robots
        if found.status in (401, 403):
            robots.parse(_NOTHING)
        elif found.status >= 400:
            robots.parse([])  # no robots.txt: everything is allowed
        else:
            robots.parse(found.content.decode("utf-8", "replace").splitlines())
        return robots

    def _get(
        self, url: str, etag: str | None, modified: str | None, tolerate: bool = False
    ) -> Fetched:
        for _ in range(MAX_REDIRECTS + 1):
            target = checked_target(url, self.allow_private)
            self._wait_for(target.host)
            response = self._send(target, etag, modified)
            try:
                if response.status_code in (301, 302, 303, 307, 308):
                    location = response.headers.get("location")
                    if not location:
                        raise FollowError(f"{url}: redirect without a Location")
                    url = urljoin(url, location)
                    continue
                return self._answer(url, response, tolerate)
            finally:
                response.close()
        raise FollowError(f"{url}: more than {MAX_REDIRECTS} redirects")

    def _answer(self, url: str, response: httpx.Response, tolerate: bool) -> Fetched:
        status = response.status_code
        if status in (429, 503):
            raise RetryLater(url, status, _retry_after(response.headers.get("retry-after")))
        if status == 304:
            return Fetched(url, 304, etag=response.headers.get("etag"))
        if status >= 400 and not tolerate:
            raise FollowError(f"{url}: HTTP {status}")
        return Fetched(
            url,
            status,
            self._read(url, response),
            response.headers.get("content-type", ""),
            response.headers.get("etag"),
            response.headers.get("last-modified"),
        )

    def _send(self, target: Target, etag: str | None, modified: str | None) -> httpx.Response:
        host = f"[{target.address}]" if ":" in target.address else target.address
        default = 443 if target.scheme == "https" else 80
        headers = {
            "Host": target.host if target.port == default else f"{target.host}:{target.port}"
        }
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        extensions: dict[str, Any] = {}
        if target.scheme == "https":
            extensions["sni_hostname"] = target.host  # TLS checks the name, we chose the address
        request = self._client.build_request(
            "GET",
            f"{target.scheme}://{host}:{target.port}{target.path}",
            headers=headers,
            extensions=extensions,
        )
        try:
            return self._client.send(request, stream=True)
        except httpx.HTTPError as exc:
            raise FollowError(f"{target.scheme}://{target.host}{target.path}: {exc}") from None

    def _read(self, url: str, response: httpx.Response) -> bytes:
        body = bytearray()
        try:
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > self.max_bytes:
                    raise FollowError(
                        f"{url}: over {self.max_bytes} bytes (COOPGRAPH_FOLLOW_MAX_BYTES)"
                    )
        except httpx.HTTPError as exc:
            raise FollowError(f"{url}: {exc}") from None
        return bytes(body)

    def _wait_for(self, host: str) -> None:
        """Take the host's next free slot, then wait for it (others take later slots)."""
        with self._slots:
            now = time.monotonic()
            slot = max(self._next_slot.get(host, now), now)
            self._next_slot[host] = slot + self.host_delay
        if slot > now:
            time.sleep(slot - now)


def _retry_after(value: str | None) -> float | None:
    """Retry-After in seconds, from either of its two forms."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    when = email.utils.parsedate_to_datetime(value) if value else None
    if when is None:
        return None
    return max(0.0, when.timestamp() - time.time())


def fetcher_for(settings: Settings) -> Fetcher:
    """The fetcher the settings describe, naming this coopgraph's version and contact."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        own = version("coopgraph")
    except PackageNotFoundError:  # a source tree that is not installed
        own = "0+unknown"
    return Fetcher(
        f"coopgraph/{own} (+{settings.follow_contact})",
        settings.follow_timeout,
        settings.follow_max_bytes,
        settings.follow_host_delay,
        settings.follow_allow_private,
    )
