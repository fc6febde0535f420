"""The query workers read checkpoints, so writes and compactions never break a query."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path

import pytest

from coopgraph.graph.errors import QueryError, StoreError
from coopgraph.graph.sparql.pool import QueryJob, QueryPool
from coopgraph.graph.store.checkpoints import Checkpoints
from coopgraph.graph.store.embedded import OxigraphStore

COUNT = "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"


def _graph(n: int, size: int = 200) -> str:
    return "".join(
        f'<http://example.org/s/{n}/{i}> <http://example.org/p> "{i}" .\n' for i in range(size)
    )


async def _count(pool: QueryPool) -> int:
    _, chunks = await pool.run(QueryJob(COUNT, ["text/csv"], (), (), row_cap=10))
    body = b"".join([chunk async for chunk in chunks])
    return int(body.split()[-1])


def _keep_writing(store: OxigraphStore, stop: threading.Event, written: list[int]) -> None:
    """Writes, flushes and full compactions: the files a reader listed get deleted."""
    n = 0
    while not stop.is_set():
        store.replace_graph_ntriples(f"http://example.org/g/{n}", _graph(n))
        store.raw.flush()
        if n % 5 == 4:
            store.raw.optimize()
        n += 1
        written.append(n)


def test_queries_keep_answering_while_the_store_is_written_and_compacted(tmp_path: Path) -> None:
    async def scenario() -> tuple[list[str], int]:
        store = OxigraphStore(tmp_path / "store")
        pool = QueryPool(Checkpoints(store), workers=2, max_pending=4, timeout=30)
        await pool.start()
        stop, written = threading.Event(), [0]
        writer = threading.Thread(target=_keep_writing, args=(store, stop, written))
        writer.start()
        failures: list[str] = []
        answered = 0
        try:
            end = time.monotonic() + 8
            while time.monotonic() < end:
                before = written[-1]
                try:
                    counted = await _count(pool)
                except Exception as exc:  # every failure is reported, not only the first
                    failures.append(f"{type(exc).__name__}: {exc}")
                    continue
                answered += 1
                # every write finished before the query is in its answer
                if counted < before * 200:
                    failures.append(f"stale answer: {counted} triples after {before} graphs")
        finally:
            stop.set()
            writer.join()
            await pool.close()
            store.close()
        return failures, answered

    failures, answered = asyncio.run(scenario())
    assert failures == []
    assert answered >= 5


def test_a_write_is_in_the_next_answer_and_old_checkpoints_are_removed(tmp_path: Path) -> None:
    async def scenario() -> None:
        store = OxigraphStore(tmp_path / "store")
        snapshots = Checkpoints(store)
        pool = QueryPool(snapshots, workers=2, max_pending=2, timeout=30)
        await pool.start()
        try:
            for n in range(6):
                store.replace_graph_ntriples(f"http://example.org/g/{n}", _graph(n, 10))
                assert await _count(pool) == (n + 1) * 10
                # the latest, plus at most one older checkpoint per worker
                assert 1 <= len(snapshots.existing()) <= 3
            latest = _newest(snapshots)
            assert await _count(pool) == 60
            assert _newest(snapshots) == latest  # no write, no new checkpoint
        finally:
            await pool.close()
            store.close()
        assert not snapshots.root.exists()

    asyncio.run(scenario())


def _newest(snapshots: Checkpoints) -> int:
    return max(int(path.name) for path in snapshots.existing())


def test_checkpoints_left_by_a_killed_server_are_cleared_at_start(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "store")
    snapshots = Checkpoints(store)
    stale = snapshots.root / "7"
    stale.mkdir(parents=True)
    (stale / "000001.sst").write_bytes(b"left over")
    snapshots.open()
    assert snapshots.existing() == []
    store.close()


def test_a_damaged_store_is_a_store_failure_not_a_bad_query(tmp_path: Path) -> None:
    """The endpoint answers 503 for StoreError and 400 for QueryError."""

    async def scenario() -> None:
        store = OxigraphStore(tmp_path / "store")
        store.replace_graph_ntriples("http://example.org/g/0", _graph(0, 10))
        snapshots = Checkpoints(store)
        pool = QueryPool(snapshots, workers=1, max_pending=1, timeout=30)
        await pool.start()
        try:
            damaged = await snapshots.latest()
            for table in damaged.path.glob("*.sst"):
                table.unlink()
            with pytest.raises(StoreError) as failure:
                await _count(pool)
            assert not isinstance(failure.value, QueryError)
            assert "cannot open the store" in str(failure.value)
        finally:
            await pool.close()
            store.close()

    asyncio.run(scenario())
