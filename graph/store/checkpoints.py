"""Read-only checkpoints of the embedded store, for the query worker processes.

RocksDB does not support a second process reading a directory that another
process writes: the reader lists the store's files when it opens, and the
writer's background compaction may delete them afterwards, so a query fails
with "No such file ... .sst" (Oxigraph documents it as undefined behaviour).
The workers therefore never open the live store. They open checkpoints:
RocksDB hard-links the store's immutable files into a fresh directory that
nobody writes, which takes milliseconds and almost no disk.

A checkpoint is taken when a query arrives and the store has been written
since the last one, so every answer includes every earlier write. A
checkpoint is deleted once it is no longer the latest and no worker has it
open; at most one per worker plus the latest exist at any time.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from coopgraph.graph.errors import StoreError

log = logging.getLogger(__name__)


class Checkpointable(Protocol):
    path: Path
    # bumped by every write; a checkpoint taken at one version holds all writes before it
    version: int

    def checkpoint(self, target: Path) -> None:
        """Write a consistent read-only copy of the store into ``target`` (must not exist)."""

    def recover(self) -> bool:
        """Try to leave a failed I/O state (reopen); True when the store works again."""


RETRY_AFTER_FAILURE = 5.0  # seconds a failed checkpoint is not retried (stale reads meanwhile)


@dataclass(eq=False)
class Checkpoint:
    path: Path
    version: int
    users: int = 0  # the workers that have it open, plus one while it is the latest


class Checkpoints:
    """The checkpoints of one store, kept in a directory next to it."""

    def __init__(self, store: Checkpointable) -> None:
        self.store = store
        self.root = store.path.with_name(store.path.name + ".snapshots")
        self._latest: Checkpoint | None = None
        self._taken = 0
        self._lock = asyncio.Lock()
        # why the latest checkpoint is older than the store, while that lasts
        self.problem: str | None = None
        self._failed_at = 0.0

    def open(self) -> None:
        """Start clean: checkpoints left by a server that was killed are stale."""
        shutil.rmtree(self.root, ignore_errors=True)
        self.root.mkdir(parents=True)

    def close(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
        self._latest = None

    async def latest(self) -> Checkpoint:
        """A checkpoint holding every write made so far (taken now if needed).

        When one cannot be taken (a full disk), the last good one is answered
        from, stale but whole, and ``problem`` says why; a new attempt follows
        every few seconds, after the store tried to recover.
        """
        current = self._latest
        if current is not None and current.version == self.store.version:
            return current
        async with self._lock:  # concurrent queries after a write share one checkpoint
            loop = asyncio.get_running_loop()
            if self._latest is not None and self._latest.version == self.store.version:
                return self._latest
            if self.problem is not None and self._latest is not None:
                if loop.time() - self._failed_at < RETRY_AFTER_FAILURE:
                    return self._latest
                await loop.run_in_executor(None, self.store.recover)
            try:
                return await self._take(loop)
            except StoreError as exc:
                self.problem, self._failed_at = str(exc), loop.time()
                log.warning("answering from the last checkpoint: %s", exc)
                if self._latest is None:
                    raise
                return self._latest

    async def _take(self, loop: asyncio.AbstractEventLoop) -> Checkpoint:
        version = self.store.version
        path = self.root / str(self._taken)
        self._taken += 1
        try:
            await loop.run_in_executor(None, self.store.checkpoint, path)
        except StoreError:
            shutil.rmtree(path, ignore_errors=True)  # a half-written copy frees its space
            raise
        previous, self._latest = self._latest, Checkpoint(path, version, users=1)
        self.problem = None
        if previous is not None:
            self.release(previous)
        return self._latest

    def acquire(self, snapshot: Checkpoint) -> None:
        snapshot.users += 1

    def release(self, snapshot: Checkpoint) -> None:
        snapshot.users -= 1
        if snapshot.users <= 0:
            # a worker that had it open has moved on or was stopped; on POSIX
            # the files of a closed or abandoned reader can go at once
            shutil.rmtree(snapshot.path, ignore_errors=True)

    def existing(self) -> list[Path]:
        """The checkpoint directories on disk (for tests and diagnostics)."""
        return sorted(self.root.iterdir()) if self.root.exists() else []
