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
import logging
import multiprocessing
import os
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, Protocol

from coopgraph.graph.errors import (
    ForbiddenQueryError,
    GraphError,
    NotAcceptableError,
    PoolBusyError,
    QueryError,
    QueryTimeoutError,
    StoreError,
)
from coopgraph.graph.orphans import exit_with_parent
from coopgraph.graph.sparql.guard import (
    check_query,
    check_update,
    declared_prefixes,
    readable_syntax_error,
)
from coopgraph.graph.sparql.results import Head
from coopgraph.graph.store.checkpoints import Checkpoint, Checkpoints

log = logging.getLogger(__name__)

WHOLE_BELOW = 256 * 1024  # answers up to this size go to the server as one message

# The pool's workers are started with "spawn": forking a process that runs an
# event loop and threads is unsafe.
_CONTEXT = multiprocessing.get_context("spawn")


class QueryRunner(Protocol):
    """What the endpoint needs: worker processes here, or a remote server."""

    async def start(self) -> None: ...

    async def close(self) -> None: ...

    async def run(self, job: QueryJob) -> tuple[Head, AsyncIterator[bytes]]: ...

    async def check_update(self, text: str, base_iri: str | None) -> None: ...

    def status(self) -> RunnerStatus: ...


@dataclass(frozen=True)
class QueryJob:
    query: str
    accept: Sequence[str]
    default_graphs: Sequence[str]
    named_graphs: Sequence[str]
    row_cap: int
    base_iri: str | None = None


@dataclass(frozen=True)
class NetworkCall:
    """A NetworkService method run in a worker, on the checkpoint, under a deadline."""

    method: str
    args: tuple[Any, ...]
    exact_betweenness_limit: int = 2000
    betweenness_samples: int = 256


# what a NetworkCall may name: the service's answers, nothing else
NETWORK_METHODS = frozenset(
    {
        "graph_json",
        "export",
        "ranking",
        "communities",
        "paths",
        "ego",
        "node",
        "timeseries",
        "layout",
        "country_matrix",
    }
)


@dataclass(frozen=True)
class UpdateCheck:
    """Parse an update where a parser crash costs a worker, not the service."""

    text: str
    base_iri: str | None = None


@dataclass(frozen=True)
class RunnerStatus:
    configured: int
    live: int
    sandbox: Sequence[str] = ()  # the walls around evaluation (see .sandbox)
    starting: int = 0  # replacements on their way
    failing: bool = False  # the last attempt to start a worker failed
    stale: str | None = None  # why answers come from an older checkpoint, while they do

    @property
    def ok(self) -> bool:
        # a worker being replaced after a timeout is a moment, not an outage
        return self.live > 0 or (self.starting > 0 and not self.failing)


def _worker_main(conn: Connection, parent: int) -> None:
    """A worker's life: raise its walls, then answer jobs until told to stop."""
    from coopgraph.graph.sparql.sandbox import isolate_process

    walls = isolate_process()  # first: a user namespace needs a single-threaded process
    exit_with_parent(parent)
    conn.send(("ready", walls))
    import pyoxigraph as ox

    store: Any = None
    opened = ""
    while True:
        message = conn.recv()
        if message is None:
            return
        if isinstance(message, UpdateCheck):
            conn.send(_check_update(ox, message))
            continue
        wanted, job = message
        if wanted != opened or store is None:
            store = None  # close the older checkpoint first
            try:
                store = ox.Store.read_only(wanted)
            except Exception as exc:  # never the query's fault
                conn.send(("store-error", f"cannot open the store: {exc}"))
                continue
            opened = wanted
        if isinstance(job, NetworkCall):
            conn.send(_network_answer(store, opened, job))
            continue
        error = _answer(conn, ox, store, job)
        if error is not None:
            conn.send(error)


# The update thread's stack in the server is far larger than this (see
# coopgraph.graph.sparql.update_thread), so what parses here parses there.
CHECK_STACK_BYTES = 4 * 1024 * 1024


def _check_update(ox: Any, check: UpdateCheck) -> tuple[str, str]:
    """("ok", "") when the update passes the guard and Oxigraph parses it."""
    import threading

    outcome: list[tuple[str, str]] = []

    def parse() -> None:
        try:
            check_update(check.text)
            # an empty store: parsing is the point, evaluation there costs nothing
            ox.Store().update(check.text, base_iri=check.base_iri)
        except QueryError as exc:
            outcome.append(("query-error", str(exc)))
        except SyntaxError as exc:
            outcome.append(("query-error", readable_syntax_error(check.text, str(exc))))
        except (ValueError, OSError, RuntimeError):
            # it parsed, and failed on the empty store ("DROP GRAPH <g>": no such graph
            # here): only the real store can say whether it fails there
            pass
        if not outcome:
            outcome.append(("ok", ""))

    threading.stack_size(CHECK_STACK_BYTES)
    thread = threading.Thread(target=parse, name="update-check")
    thread.start()
    thread.join()
    return outcome[0] if outcome else ("query-error", "the update could not be parsed")


def _answer(conn: Connection, ox: Any, store: Any, job: QueryJob) -> tuple[str, str] | None:
    """Send the answer down ``conn``; or the error to send instead, as (kind, message)."""
    from coopgraph.graph.sparql.results import prepare

    try:
        shape = check_query(
            job.query,
            lambda graph: _has_graph(ox, store, graph),
            protocol_dataset=bool(job.default_graphs or job.named_graphs),
        )
        result = store.query(job.query, **_dataset(ox, job, shape.functions))
        head, write_body = prepare(result, job.accept, job.row_cap, declared_prefixes(job.query))
        writer = _PipeWriter(conn, head)
        write_body(writer)
        writer.finish()
        return None
    except NotAcceptableError as exc:
        return ("not-acceptable", str(exc))
    except ForbiddenQueryError as exc:
        return ("forbidden", str(exc))
    except QueryError as exc:
        return ("query-error", str(exc))
    except OSError as exc:
        return ("store-error", str(exc))
    except RuntimeError as exc:
        # RocksDB corruption and I/O failures surface as RuntimeError too
        return ("store-error" if _is_storage_failure(exc) else "query-error", str(exc))
    except SyntaxError as exc:
        # how Oxigraph reports a malformed query: said so that a person can act on it
        return ("query-error", readable_syntax_error(job.query, str(exc)))
    except (ValueError, NotImplementedError) as exc:
        # how Oxigraph reports unsupported queries
        return ("query-error", str(exc))
    except Exception as exc:
        return ("store-error", f"the query failed: {type(exc).__name__}: {exc}")


class _CheckpointReader:
    """What NetworkService reads through: queries over the default graph (all documents, a set)."""

    version = 0  # one service per checkpoint: its cache never outlives the data

    def __init__(self, store: Any) -> None:
        self.store = store

    def query(self, sparql: str) -> Any:
        return self.store.query(sparql)


_NETWORK: dict[str, Any] = {}  # the service over the open checkpoint (its cache with it)


def _network_answer(store: Any, opened: str, call: NetworkCall) -> tuple[Any, ...]:
    from coopgraph.graph.network.service import NetworkService

    if call.method not in NETWORK_METHODS:
        return ("query-error", f"no network computation named {call.method!r}")
    if opened not in _NETWORK:
        _NETWORK.clear()  # an older checkpoint's answers are stale
        _NETWORK[opened] = NetworkService(
            _CheckpointReader(store),
            exact_betweenness_limit=call.exact_betweenness_limit,
            betweenness_samples=call.betweenness_samples,
        )
    try:
        return ("value", getattr(_NETWORK[opened], call.method)(*call.args))
    except GraphError as exc:  # e.g. an unknown node: the caller's 404
        return ("raised", exc)
    except Exception as exc:
        return ("store-error", f"the network computation failed: {type(exc).__name__}: {exc}")


def _has_graph(ox: Any, store: Any, graph: str) -> bool:
    try:
        return bool(store.contains_named_graph(ox.NamedNode(graph)))
    except ValueError:  # not an IRI Oxigraph accepts: certainly not stored
        return False


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


def _dataset(ox: Any, job: QueryJob, functions: Sequence[str]) -> dict[str, Any]:
    kwargs: dict[str, Any] = {}
    if functions:
        # function IRIs the query calls that Oxigraph does not know (see extension_functions)
        kwargs["custom_functions"] = {ox.NamedNode(f): _unknown_function for f in functions}
    if job.base_iri:
        kwargs["base_iri"] = job.base_iri
    if job.default_graphs:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs]
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
            target=_worker_main, args=(child, os.getpid()), daemon=True
        )
        self.process.start()
        child.close()
        self.walls: list[str] = []

    def wait_ready(self, timeout: float) -> None:
        """Block until the worker has raised its walls (it says which)."""
        if not self.conn.poll(timeout):
            raise StoreError("a query worker did not start in time")
        _, walls = self.conn.recv()
        self.walls = list(walls)

    def alive(self) -> bool:
        return self.process.is_alive()

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


def _start_worker(require_sandbox: bool) -> _Worker:
    worker = _Worker()
    try:
        worker.wait_ready(60)
    except (EOFError, OSError, StoreError):
        worker.kill()
        raise StoreError("a query worker stopped while starting") from None
    if require_sandbox and not worker.walls:
        worker.stop()
        raise StoreError(
            "query workers cannot be kept off the network here (no seccomp, no user "
            "namespaces); install libseccomp2, or set COOPGRAPH_REQUIRE_SANDBOX=false "
            "to run without this wall"
        )
    return worker


class QueryPool:
    """``workers`` processes; at most ``max_pending`` queries admitted at once.

    Each busy worker is leased until a deadline. A watchdog replaces workers
    that died and kills those still leased past their deadline (a client that
    stopped reading a streamed answer, a body nobody closed), so the pool always
    returns to its configured size whatever happens to a request.
    """

    def __init__(
        self,
        snapshots: Checkpoints,
        workers: int,
        max_pending: int,
        timeout: float,
        require_sandbox: bool = True,
    ) -> None:
        self.snapshots = snapshots
        self.size = max(1, workers)
        self.timeout = timeout
        self.max_pending = max(self.size, max_pending)
        self.require_sandbox = require_sandbox
        self._pending = 0
        self._idle: asyncio.Queue[_Worker] | None = None
        self._all: set[_Worker] = set()
        self._leases: dict[_Worker, float] = {}  # busy worker -> its deadline
        self._background: set[asyncio.Task[None]] = set()
        self._watchdog: asyncio.Task[None] | None = None
        self._walls: list[str] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._starting = 0
        self._failing = False

    async def start(self) -> None:
        loop = self._loop = asyncio.get_running_loop()
        self.snapshots.open()
        self._idle = asyncio.Queue()
        workers = await asyncio.gather(
            *(
                loop.run_in_executor(None, _start_worker, self.require_sandbox)
                for _ in range(self.size)
            )
        )
        for worker in workers:
            self._all.add(worker)
            self._idle.put_nowait(worker)
        self._walls = workers[0].walls
        self._watchdog = loop.create_task(self._watch())

    async def close(self) -> None:
        if self._watchdog is not None:
            self._watchdog.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._watchdog
        for task in list(self._background):
            task.cancel()
        loop = asyncio.get_running_loop()
        # a busy worker would finish its query first: stopping is not worth waiting for
        busy = [w for w in self._all if w in self._leases]
        idle = [w for w in self._all if w not in self._leases]
        await asyncio.gather(
            *(loop.run_in_executor(None, w.kill) for w in busy),
            *(loop.run_in_executor(None, w.stop) for w in idle),
        )
        self._all.clear()
        self.snapshots.close()

    def status(self) -> RunnerStatus:
        live = sum(1 for worker in self._all if worker.alive())
        return RunnerStatus(
            configured=self.size,
            live=live,
            sandbox=self._walls,
            starting=self._starting,
            failing=self._failing,
            stale=self.snapshots.problem,
        )

    async def check_update(self, text: str, base_iri: str | None) -> None:
        """Raise QueryError unless the update passes the guard and Oxigraph parses it."""
        worker, deadline = await self._checkout()
        crashed = QueryError(
            "the update could not be parsed: it ended the parser (nested too deeply?)"
        )
        kind, message = await self._ask(worker, UpdateCheck(text, base_iri), deadline, crashed)
        self._checkin(worker)
        if kind != "ok":
            raise _error(kind, message)

    async def compute(self, call: NetworkCall, timeout: float) -> Any:
        """A network answer computed in a worker; past ``timeout`` the worker is killed."""
        worker, deadline = await self._checkout(timeout)
        snapshot = await self._snapshot_or_checkin(worker)
        lost = StoreError("the worker computing the network stopped unexpectedly")
        message = (str(snapshot.path), call)
        kind, value = await self._ask(worker, message, deadline, lost, _network_timeout(timeout))
        self._checkin(worker)
        if kind == "value":
            return value
        if kind == "raised":
            raise value
        raise _error(kind, value)

    async def run(self, job: QueryJob) -> tuple[Head, AsyncIterator[bytes]]:
        """The answer's head, and its body as chunks; raises on timeout or error.

        The deadline covers waiting for a worker, evaluation and serialization.
        """
        worker, deadline = await self._checkout()
        snapshot = await self._snapshot_or_checkin(worker)
        lost = StoreError("the query worker stopped unexpectedly; it has been replaced")
        kind, *value = await self._ask(worker, (str(snapshot.path), job), deadline, lost)
        if kind == "head":
            return value[0], self._body(worker, deadline)
        self._checkin(worker)
        if kind == "whole":
            return value[0], _single(value[1])
        raise _error(kind, value[0])

    async def _checkout(self, timeout: float | None = None) -> tuple[_Worker, float]:
        """A live idle worker, leased until the deadline of the request."""
        if self._idle is None:
            raise StoreError("the query pool is not started")
        if self._pending >= self.max_pending:
            raise PoolBusyError(
                f"{self._pending} queries are running or waiting; try again shortly"
            )
        self._pending += 1
        loop = asyncio.get_running_loop()
        deadline = loop.time() + (timeout or self.timeout)
        try:
            while True:
                worker = await asyncio.wait_for(self._idle.get(), max(0.0, deadline - loop.time()))
                if worker.alive():
                    self._leases[worker] = deadline
                    return worker, deadline
                self._discard(worker)  # died while idle: replaced, try the next one
        except TimeoutError:
            self._pending -= 1
            raise QueryTimeoutError(self._timeout_message()) from None
        except BaseException:
            self._pending -= 1
            raise

    def _checkin(self, worker: _Worker) -> None:
        """The request is done with ``worker``; it goes back to the idle queue."""
        assert self._idle is not None
        if self._leases.pop(worker, None) is None:
            return  # the watchdog took it back already and replaced it
        self._pending -= 1
        if worker.alive():
            self._idle.put_nowait(worker)
        else:
            self._retire(worker)

    def _discard(self, worker: _Worker) -> None:
        """The request gives up on ``worker`` (it may be busy): kill and replace it."""
        if self._leases.pop(worker, None) is not None:
            self._pending -= 1
        self._retire(worker)

    def _retire(self, worker: _Worker) -> None:
        # done in a task of its own: a cancelled request must not cancel the
        # replacement, and a generator finalized outside the loop may call this
        if worker not in self._all or self._loop is None:
            return
        self._all.discard(worker)
        self._loop.call_soon_threadsafe(self._start_replacement, worker)

    def _start_replacement(self, worker: _Worker) -> None:
        assert self._loop is not None
        task = self._loop.create_task(self._replace(worker))
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def _replace(self, worker: _Worker) -> None:
        assert self._idle is not None
        loop = asyncio.get_running_loop()
        self._starting += 1
        try:
            await loop.run_in_executor(None, worker.kill)
            self._forget_snapshot(worker)
            while True:
                try:
                    fresh = await loop.run_in_executor(None, _start_worker, self.require_sandbox)
                    break
                except StoreError as exc:
                    self._failing = True
                    log.error("%s; trying again", exc)
                    await asyncio.sleep(1)  # e.g. out of memory for a moment
        finally:
            self._starting -= 1
        self._failing = False
        self._all.add(fresh)
        self._idle.put_nowait(fresh)

    async def _watch(self) -> None:
        """Every tick: reclaim workers leased past their deadline, replace dead ones."""
        loop = asyncio.get_running_loop()
        tick = min(1.0, self.timeout / 4)
        while True:
            await asyncio.sleep(tick)
            now = loop.time()
            for worker, deadline in list(self._leases.items()):
                if now > deadline + tick:
                    self._discard(worker)
            for worker in list(self._all):
                if worker not in self._leases and not worker.alive():
                    self._retire(worker)

    async def _body(self, worker: _Worker, deadline: float) -> AsyncIterator[bytes]:
        finished = False
        try:
            while True:
                await self._readable(worker, deadline)
                message = worker.conn.recv_bytes()
                if not message:  # the end of the body
                    finished = True
                    return
                yield message
        except (EOFError, OSError):
            raise StoreError("the query worker stopped mid-answer") from None
        finally:
            # synchronous on purpose: this also runs when the generator is
            # finalized after the client went away, where awaiting is unsafe
            if finished:
                self._checkin(worker)
            else:  # the client went away or the deadline passed mid-answer
                self._discard(worker)

    async def _snapshot_or_checkin(self, worker: _Worker) -> Checkpoint:
        """The checkpoint for ``worker``; if none can be had, the worker goes back idle."""
        try:
            return await self._snapshot_for(worker)
        except BaseException:
            self._checkin(worker)  # the store failed, not the worker
            raise

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

    async def _ask(
        self,
        worker: _Worker,
        message: object,
        deadline: float,
        lost: GraphError,
        timeout_message: str | None = None,
    ) -> tuple[Any, ...]:
        """Send ``message`` to a leased worker and await its reply. Any failure costs
        the worker (it is killed and replaced); a worker that died raises ``lost``."""
        try:
            worker.conn.send(message)
            return await self._receive(worker, deadline, timeout_message)
        except (EOFError, OSError):
            self._discard(worker)
            raise lost from None
        except BaseException:
            self._discard(worker)
            raise

    async def _receive(
        self, worker: _Worker, deadline: float, message: str | None = None
    ) -> tuple[Any, ...]:
        await self._readable(worker, deadline, message)
        answer: tuple[Any, ...] = worker.conn.recv()
        return answer

    async def _readable(self, worker: _Worker, deadline: float, message: str | None = None) -> None:
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
            raise QueryTimeoutError(message or self._timeout_message()) from None
        finally:
            loop.remove_reader(fd)
            # uvloop leaves the descriptor non-blocking; reads expect whole messages
            os.set_blocking(fd, True)

    def _timeout_message(self) -> str:
        return (
            f"the query ran past the {self.timeout:g} s limit (COOPGRAPH_QUERY_TIMEOUT) "
            "and was stopped"
        )


def _network_timeout(timeout: float) -> str:
    return (
        f"the network computation ran past the {timeout:g} s limit "
        "(COOPGRAPH_NETWORK_TIMEOUT) and was stopped"
    )


async def _single(body: bytes) -> AsyncIterator[bytes]:
    yield body


def _error(kind: str, message: str) -> GraphError:
    if kind == "forbidden":
        return ForbiddenQueryError(message)
    if kind == "not-acceptable":
        return NotAcceptableError(message)
    if kind == "query-error":
        return QueryError(message)
    return StoreError(message)


def default_workers() -> int:
    return min(8, os.cpu_count() or 2)
