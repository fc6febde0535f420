"""A raw asyncio HTTP/1.1 load generator: keep-alive connections, no client library.

httpx tops out near 400-500 requests/s here, below what the servers under test
answer, so it would measure itself. This client only writes a prepared request
and reads the response by Content-Length or chunked framing.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit


@dataclass(frozen=True)
class LoadResult:
    requests: int
    seconds: float
    latencies: list[float]
    errors: int

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies) if self.latencies else float("nan")


def get_request(url: str, query: str, accept: str) -> tuple[str, int, bytes]:
    parts = urlsplit(url)
    target = f"{parts.path}?{urlencode({'query': query})}"
    head = (
        f"GET {target} HTTP/1.1\r\nHost: {parts.netloc}\r\nAccept: {accept}\r\n"
        "Connection: keep-alive\r\n\r\n"
    )
    return parts.hostname or "127.0.0.1", parts.port or 80, head.encode()


async def _read_response(reader: asyncio.StreamReader) -> int:
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    headers = head.lower()
    if b"transfer-encoding: chunked" in headers:
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    else:
        length = 0
        for line in headers.split(b"\r\n"):
            if line.startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        await reader.readexactly(length)
    return status


async def _connection(
    host: str, port: int, request: bytes, stop_at: float, latencies: list[float], errors: list[int]
) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while time.perf_counter() < stop_at:
            started = time.perf_counter()
            writer.write(request)
            status = await _read_response(reader)
            latencies.append(time.perf_counter() - started)
            if status != 200:
                errors.append(status)
    finally:
        writer.close()


async def _run(url: str, query: str, accept: str, connections: int, seconds: float) -> LoadResult:
    host, port, request = get_request(url, query, accept)
    latencies: list[float] = []
    errors: list[int] = []
    started = time.perf_counter()
    stop_at = started + seconds
    await asyncio.gather(
        *(_connection(host, port, request, stop_at, latencies, errors) for _ in range(connections))
    )
    return LoadResult(len(latencies), time.perf_counter() - started, latencies, len(errors))


def load(url: str, query: str, accept: str, connections: int, seconds: float) -> LoadResult:
    """``connections`` clients sending the query back to back for ``seconds``."""
    return asyncio.run(_run(url, query, accept, connections, seconds))
