"""Network answers, computed where a slow one cannot stall the server.

On the embedded store each computation runs in a query worker, on the latest
checkpoint, under ``COOPGRAPH_NETWORK_TIMEOUT``: past it the worker is killed
and replaced, and the client gets 503. Answers are cached here per store
version, so a repeated request costs nothing. With a remote SPARQL server the
service runs in a thread of this process (no worker holds that data).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from fastapi.concurrency import run_in_threadpool

from coopgraph.api.settings import Settings
from coopgraph.graph.network.projections import Kind, NetworkFilter
from coopgraph.graph.network.service import NetworkService
from coopgraph.graph.sparql.pool import NETWORK_METHODS, NetworkCall, QueryPool, QueryRunner
from coopgraph.graph.store.base import Store


class NetworkCalls:
    def __init__(
        self, store: Store, runner: QueryRunner, service: NetworkService, settings: Settings
    ) -> None:
        self.store = store
        self.pool = runner if isinstance(runner, QueryPool) else None
        self.service = service
        self.settings = settings
        self._answers: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._lock = threading.Lock()

    async def __call__(self, method: str, *args: Any) -> dict[str, Any]:
        """A JSON answer of the service's ``method`` (ranking, communities, …)."""
        answer: dict[str, Any] = await self._compute(method, args)
        return answer

    async def export(self, kind: Kind, where: NetworkFilter, fmt: str) -> bytes:
        body: bytes = await self._compute("export", (kind, where, fmt))
        return body

    async def _compute(self, method: str, args: tuple[Any, ...]) -> Any:
        if method not in NETWORK_METHODS:
            raise ValueError(f"not a network computation: {method}")
        if self.pool is None:
            return await run_in_threadpool(getattr(self.service, method), *args)
        key = (self.store.version, method, args)
        with self._lock:
            if key in self._answers:
                self._answers.move_to_end(key)
                return self._answers[key]
        call = NetworkCall(
            method,
            args,
            exact_betweenness_limit=self.settings.betweenness_exact_limit,
            betweenness_samples=self.settings.betweenness_samples,
        )
        answer = await self.pool.compute(call, self.settings.network_timeout)
        with self._lock:
            self._answers[key] = answer
            while len(self._answers) > self.settings.network_cache_size:
                self._answers.popitem(last=False)
        return answer
