"""The sources followed, kept in ``sources.json`` in the data directory.

A source is a URL with its kind (feed, page, sitemap), how often it is
fetched, an optional pattern its documents' links must match, and what the
last runs found. The file is replaced in one rename, so a crash mid-write
leaves the previous version.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

from coopgraph.api.errors import FollowError
from coopgraph.api.follow.canonical import canonical_url

Kind = Literal["feed", "page", "sitemap"]
KINDS: tuple[Kind, ...] = ("feed", "page", "sitemap")
LOG_RUNS = 20  # runs kept in a source's log
_EVERY = re.compile(r"^(\d+)\s*([mhd])$")


def parse_every(text: str) -> int:
    """Seconds of an interval written "30m", "6h" or "1d" (at least ten minutes)."""
    found = _EVERY.match(text.strip().lower())
    if not found:
        raise FollowError(f"interval {text!r}: write it like 30m, 6h or 1d")
    seconds = int(found.group(1)) * {"m": 60, "h": 3600, "d": 86400}[found.group(2)]
    if seconds < 600:
        raise FollowError(f"interval {text!r}: at least 10m, to be a good citizen")
    return seconds


@dataclass
class Source:
    url: str
    kind: Kind
    every: int = 6 * 3600  # seconds
    match: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    last_fetch: str | None = None  # ISO time
    last_status: str = "never fetched"
    documents_found: int = 0
    next_due: str | None = None  # ISO time; None: due now
    failures: int = 0  # consecutive: each one doubles the wait
    log: list[dict[str, Any]] = field(default_factory=list)

    @property
    def id(self) -> str:
        return hashlib.sha256(canonical_url(self.url).encode()).hexdigest()[:12]

    def due(self, now: datetime) -> bool:
        return self.next_due is None or datetime.fromisoformat(self.next_due) <= now

    def schedule(self, now: datetime, failed: bool, retry_after: float | None = None) -> None:
        """The next run: after the interval; after a failure, sooner at first and then
        exponentially later (at most the interval times 8); after Retry-After if later."""
        self.failures = self.failures + 1 if failed else 0
        wait = float(self.every)
        if failed:
            wait = min(self.every * 8.0, 600.0 * 2 ** (self.failures - 1))
        if retry_after is not None:
            wait = max(wait, retry_after)
        self.next_due = (now + timedelta(seconds=wait)).isoformat(timespec="seconds")

    def record(self, run: dict[str, Any]) -> None:
        self.log = [run, *self.log][:LOG_RUNS]


class SourceBook:
    """The sources of one data directory."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def of(cls, data_dir: Path) -> SourceBook:
        """The sources kept in ``data_dir`` (the CLI, the server and its follower share it)."""
        return cls(data_dir / "sources.json")

    def load(self) -> list[Source]:
        if not self.path.is_file():
            return []
        try:
            rows = json.loads(self.path.read_text("utf-8"))
            return [Source(**row) for row in rows]
        except (ValueError, TypeError) as exc:
            raise FollowError(f"{self.path}: not a sources file coopgraph wrote ({exc})") from None

    def save(self, sources: list[Source]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps([asdict(s) for s in sources], ensure_ascii=False, indent=1)
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".sources-")
        with os.fdopen(handle, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(temporary, self.path)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """One writer at a time across processes (the CLI, a follower, the server)."""
        import fcntl

        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path.with_suffix(".lock"), "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def add(self, source: Source) -> Source:
        if source.match is not None:
            try:
                re.compile(source.match)
            except re.error as exc:
                raise FollowError(f"match {source.match!r}: {exc}") from None
        with self._locked():
            sources = self.load()
            if any(s.id == source.id for s in sources):
                raise FollowError(f"{source.url} is followed already")
            self.save([*sources, source])
        return source

    def remove(self, url_or_id: str) -> Source:
        key = canonical_url(url_or_id) if "/" in url_or_id else url_or_id
        with self._locked():
            sources = self.load()
            kept = [s for s in sources if s.id != key and canonical_url(s.url) != key]
            if len(kept) == len(sources):
                raise FollowError(f"{url_or_id} is not followed")
            self.save(kept)
        return next(s for s in sources if s not in kept)

    def update(self, source: Source) -> None:
        """Keep one source's new state; sources added or removed meanwhile stay so."""
        with self._locked():
            sources = self.load()
            self.save([source if s.id == source.id else s for s in sources])


def now_utc() -> datetime:
    return datetime.now(UTC)
