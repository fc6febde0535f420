"""User queries run in worker processes, so a runaway query can be stopped.

Oxigraph cannot interrupt a query once it runs. Each worker process answers
one query at a time over a pipe. When a query passes its deadline, the worker
is killed and replaced: the query ends, its memory is freed, and the other
workers keep answering.

Writes stay in the serving process. Workers read checkpoints of the store
(see coopgraph.graph.store.checkpoints), never the live directory; each job names the latest
checkpoint, and a worker holding an older one reopens first, so answers
always include the latest write.

The pool is asyncio-native: waiting for a worker never blocks the event loop
and never takes a thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, Protocol

from coopgraph.graph.errors import (
    GraphError,
    NotAcceptableError,
    PoolBusyError,
    QueryError,
    QueryTimeoutError,
    StoreError,
)
from coopgraph.graph.sparql.results import Head
from coopgraph.graph.store.checkpoints import Checkpoint, Checkpoints

WHOLE_BELOW = 256 * 1024  # answers up to this size go to the server as one message

# The pool's workers are started with "spawn": forking a process that runs an
# event loop and threads is unsafe.
_CONTEXT = multiprocessing.get_context("spawn")


class QueryRunner(Protocol):
    """What the endpoint needs: worker processes here, or a remote server."""

    async def start(self) -> None: ...

    async def close(self) -> None: ...

    async def run(self, job: QueryJob) -> tuple[Head, AsyncIterator[bytes]]: ...


@dataclass(frozen=True)
class QueryJob:
    query: str
    accept: Sequence[str]
    default_graphs: Sequence[str]
    named_graphs: Sequence[str]
    row_cap: int
    base_iri: str | None = None
    # function IRIs the query calls that Oxigraph does not know (see extension_functions)
    functions: Sequence[str] = ()


def _worker_main(conn: Connection) -> None:
    """A worker's life: answer jobs, each on the checkpoint it names, until told to stop."""
    import pyoxigraph as ox

    store: Any = None
    opened = ""
    while True:
        message = conn.recv()
        if message is None:
            return
        wanted, job = message
        if wanted != opened or store is None:
            store = None  # close the older checkpoint first
            try:
                store = ox.Store.read_only(wanted)
            except Exception as exc:  # never the query's fault
                conn.send(("store-error", f"cannot open the store: {exc}"))
                continue
            opened = wanted
        error = _answer(conn, ox, store, job)
        if error is not None:
            conn.send(error)


def _answer(conn: Connection, ox: Any, store: Any, job: QueryJob) -> tuple[str, str] | None:
    """Send the answer down ``conn``; or the error to send instead, as (kind, message)."""
    from coopgraph.graph.sparql.results import prepare

    try:
        result = store.query(job.query, **_dataset(ox, job))
        head, write_body = prepare(result, job.accept, job.row_cap)
        writer = _PipeWriter(conn, head)
        write_body(writer)
        writer.finish()
        return None
    except NotAcceptableError as exc:
        return ("not-acceptable", str(exc))
    except OSError as exc:
        return ("store-error", str(exc))
    except RuntimeError as exc:
        # RocksDB corruption and I/O failures surface as RuntimeError too
        return ("store-error" if _is_storage_failure(exc) else "query-error", str(exc))
    except (SyntaxError, ValueError, NotImplementedError) as exc:
        # how Oxigraph reports malformed and unsupported queries
        return ("query-error", str(exc))
    except Exception as exc:
        return ("store-error", f"the query failed: {type(exc).__name__}: {exc}")


def _is_storage_failure(exc: RuntimeError) -> bool:
    return str(exc).startswith(("Corruption:", "IO error:"))


class _PipeWriter:
    """Oxigraph's writers write into this. A small answer travels as one message
    ("whole", head, body); a large one as ("head", head), then chunks, then b""."""

    def __init__(self, conn: Connection, head: Head) -> None:
        self.conn = conn
        self.head = head
        self.buffer: list[bytes] | None = []
        self.size = 0

    def write(self, data: bytes) -> int:
        if not data:
            return 0
        if self.buffer is None:
            self.conn.send_bytes(data)
            return len(data)
        self.buffer.append(bytes(data))
        self.size += len(data)
        if self.size > WHOLE_BELOW:  # too big for one message: start streaming
            self.conn.send(("head", self.head))
            for part in self.buffer:
                self.conn.send_bytes(part)
            self.buffer = None
        return len(data)

    def flush(self) -> None:
        pass

    def finish(self) -> None:
        if self.buffer is None:
            self.conn.send_bytes(b"")  # the end of the body
        else:
            self.conn.send(("whole", self.head, b"".join(self.buffer)))


def _dataset(ox: Any, job: QueryJob) -> dict[str, Any]:
    kwargs: dict[str, Any] = {}
    if job.functions:
        kwargs["custom_functions"] = {ox.NamedNode(f): _unknown_function for f in job.functions}
    if job.base_iri:
        kwargs["base_iri"] = job.base_iri
    if job.default_graphs:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs]
    elif not job.named_graphs:
        # the default graph is the union of the documents' graphs
        kwargs["use_default_graph_as_union"] = True
    if job.named_graphs:
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs]
    return kwargs


def _unknown_function(*args: Any) -> None:
    return None  # an expression error: the result stays unbound


class _Worker:
    def __init__(self) -> None:
        self.snapshot: Checkpoint | None = None  # the checkpoint it was last sent
        self.conn, child = _CONTEXT.Pipe()
        self.process: BaseProcess = _CONTEXT.Process(
            target=_worker_main, args=(child,), daemon=True
        )
        self.process.start()
        child.close()

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            self.conn.close()
        self.process.kill()
        self.process.join(timeout=5)

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.conn.send(None)
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.kill()


class QueryPool:
    """``workers`` processes; at most ``max_pending`` queries admitted at once."""

    def __init__(
        self,
        snapshots: Checkpoints,
        workers: int,
        max_pending: int,
        timeout: float,
    ) -> None:
        self.snapshots = snapshots
        self.size = max(1, workers)
        self.timeout = timeout
        self.max_pending = max(self.size, max_pending)
        self._pending = 0
        self._idle: asyncio.Queue[_Worker] | None = None
        self._all: set[_Worker] = set()

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        self.snapshots.open()
        self._idle = asyncio.Queue()
        workers = await asyncio.gather(
            *(loop.run_in_executor(None, _Worker) for _ in range(self.size))
        )
        for worker in workers:
            self._all.add(worker)
            self._idle.put_nowait(worker)

    async def close(self) -> None:
        loop = asyncio.get_running_loop()
        await asyncio.gather(*(loop.run_in_executor(None, w.stop) for w in self._all))
        self._all.clear()
        self.snapshots.close()

    async def run(self, job: QueryJob) -> tuple[Head, AsyncIterator[bytes]]:
        """The answer's head, and its body as chunks; raises on timeout or error.

        The deadline covers waiting for a worker, evaluation and serialization.
        """
        if self._idle is None:
            raise StoreError("the query pool is not started")
        if self._pending >= self.max_pending:
            raise PoolBusyError(
                f"{self._pending} queries are running or waiting; try again shortly"
            )
        self._pending += 1
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout
        try:
            worker = await asyncio.wait_for(self._idle.get(), self.timeout)
        except TimeoutError:
            self._pending -= 1
            raise QueryTimeoutError(self._timeout_message()) from None
        try:
            snapshot = await self._snapshot_for(worker)
            worker.conn.send((str(snapshot.path), job))
            kind, *value = await self._receive(worker, deadline)
        except (EOFError, OSError):
            self._pending -= 1
            await self._replace(worker)
            raise StoreError(
                "the query worker stopped unexpectedly; it has been replaced"
            ) from None
        except BaseException:
            self._pending -= 1
            await self._replace(worker)
            raise
        if kind == "head":
            return value[0], self._body(worker, deadline)
        self._pending -= 1
        self._idle.put_nowait(worker)
        if kind == "whole":
            return value[0], _single(value[1])
        raise _error(kind, value[0])

    async def _body(self, worker: _Worker, deadline: float) -> AsyncIterator[bytes]:
        assert self._idle is not None
        finished = False
        try:
            while True:
                await self._readable(worker, deadline)
                message = worker.conn.recv_bytes()
                if not message:  # the end of the body
                    finished = True
                    return
                yield message
        finally:
            self._pending -= 1
            if finished:
                self._idle.put_nowait(worker)
            else:  # the client went away or the deadline passed mid-answer
                await self._replace(worker)

    async def _snapshot_for(self, worker: _Worker) -> Checkpoint:
        """The latest checkpoint, recorded as the one ``worker`` will have open."""
        snapshot = await self.snapshots.latest()
        if worker.snapshot is not snapshot:
            self.snapshots.acquire(snapshot)
            self._forget_snapshot(worker)
            worker.snapshot = snapshot
        return snapshot

    def _forget_snapshot(self, worker: _Worker) -> None:
        if worker.snapshot is not None:
            self.snapshots.release(worker.snapshot)
            worker.snapshot = None

    async def _receive(self, worker: _Worker, deadline: float) -> tuple[Any, ...]:
        await self._readable(worker, deadline)
        message: tuple[Any, ...] = worker.conn.recv()
        return message

    async def _readable(self, worker: _Worker, deadline: float) -> None:
        if worker.conn.poll():
            return
        loop = asyncio.get_running_loop()
        ready: asyncio.Future[None] = loop.create_future()
        fd = worker.conn.fileno()

        def on_ready() -> None:
            if not ready.done():
                ready.set_result(None)

        loop.add_reader(fd, on_ready)
        try:
            await asyncio.wait_for(ready, max(0.0, deadline - loop.time()))
        except TimeoutError:
            raise QueryTimeoutError(self._timeout_message()) from None
        finally:
            loop.remove_reader(fd)
            # uvloop leaves the descriptor non-blocking; reads expect whole messages
            os.set_blocking(fd, True)

    async def _replace(self, worker: _Worker) -> None:
        """Kill a worker that may still be busy and put a fresh one in its place."""
        assert self._idle is not None
        loop = asyncio.get_running_loop()
        self._all.discard(worker)
        await loop.run_in_executor(None, worker.kill)
        self._forget_snapshot(worker)
        fresh = await loop.run_in_executor(None, _Worker)
        self._all.add(fresh)
        self._idle.put_nowait(fresh)

    def _timeout_message(self) -> str:
        return (
            f"the query ran past the {self.timeout:g} s limit (COOPGRAPH_QUERY_TIMEOUT) "
            "and was stopped"
        )


async def _single(body: bytes) -> AsyncIterator[bytes]:
    yield body


def _error(kind: str, message: str) -> GraphError:
    if kind == "not-acceptable":
        return NotAcceptableError(message)
    if kind == "query-error":
        return QueryError(message)
    return StoreError(message)


def default_workers() -> int:
    return min(8, os.cpu_count() or 2)
