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
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


class Checkpointable(Protocol):
    path: Path
    # bumped by every write; a checkpoint taken at one version holds all writes before it
    version: int

    def checkpoint(self, target: Path) -> None:
        """Write a consistent read-only copy of the store into ``target`` (must not exist)."""


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

    def open(self) -> None:
        """Start clean: checkpoints left by a server that was killed are stale."""
        shutil.rmtree(self.root, ignore_errors=True)
        self.root.mkdir(parents=True)

    def close(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
        self._latest = None

    async def latest(self) -> Checkpoint:
        """A checkpoint holding every write made so far (taken now if needed)."""
        current = self._latest
        if current is not None and current.version == self.store.version:
            return current
        async with self._lock:  # concurrent queries after a write share one checkpoint
            version = self.store.version
            if self._latest is None or self._latest.version != version:
                path = self.root / str(self._taken)
                self._taken += 1
                await asyncio.get_running_loop().run_in_executor(None, self.store.checkpoint, path)
                previous, self._latest = self._latest, Checkpoint(path, version, users=1)
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
