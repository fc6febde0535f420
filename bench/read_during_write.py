"""Readers while a writer ingests: wrk on a cheap SELECT, alone and during a batch.

Starts ``coopgraph serve`` on a fresh store holding the sample corpus, runs
wrk (16 connections, 20 s by default) on a cheap SELECT, then again while a
450-document JSON Lines batch is being ingested over HTTP. Prints both runs and
their ratio: readers should barely notice the writer. Needs wrk (Debian: wrk).

    .venv/bin/python -m bench.read_during_write [--seconds 20] [--documents 450]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import httpx

from bench.synthetic import press_releases

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "bench-token"
QUERY = "SELECT ?a WHERE { ?a a <https://w3id.org/coopgraph/ns#Agreement> } LIMIT 1"


@dataclass(frozen=True)
class Run:
    per_second: float
    p99_ms: float
    timeouts: int
    errors: int


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _serve(data_dir: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "COOPGRAPH_WRITE_TOKEN": TOKEN}
    command = [sys.executable, "-m", "coopgraph.api", "serve", "--data-dir", str(data_dir)]
    server = subprocess.Popen(
        [*command, "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(600):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health").status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start")


def _milliseconds(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()  # type: ignore[union-attr]
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def _wrk(url: str, seconds: float) -> Run:
    out = subprocess.run(
        ["wrk", "-t4", "-c16", f"-d{seconds:g}s", "--timeout", "2s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    per_second = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p99 = _milliseconds(re.search(r"99%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    errors = re.search(r"Socket errors:.*timeout (\d+)", out)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return Run(
        per_second,
        p99,
        int(errors.group(1)) if errors else 0,
        int(non_2xx.group(1)) if non_2xx else 0,
    )


def _batch(count: int) -> bytes:
    lines = (
        json.dumps(
            {"id": d.id, "url": d.url, "title": d.title, "published": d.published, "text": d.text}
        )
        for d in press_releases(count, seed=21)
    )
    return "\n".join(lines).encode()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--documents", type=int, default=450)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (Debian: apt-get install wrk)")
    data_dir = Path(tempfile.mkdtemp(prefix="coopgraph-load-"))
    ingest = [sys.executable, "-m", "coopgraph.api", "ingest", "--data-dir", str(data_dir)]
    subprocess.run(
        [*ingest, "--quiet", str(ROOT / "data" / "corpus")],
        check=True,
        capture_output=True,
    )
    port = _free_port()
    server = _serve(data_dir, port)
    base = f"http://127.0.0.1:{port}"
    url = f"{base}/sparql?{urlencode({'query': QUERY})}"
    try:
        _wrk(url, 2)  # warm
        alone = _wrk(url, args.seconds)
        job = httpx.post(
            f"{base}/documents/batch",
            content=_batch(args.documents),
            headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/x-ndjson"},
            timeout=120,
        ).json()
        time.sleep(1)  # the job is running
        during = _wrk(url, args.seconds)
        state = httpx.get(f"{base}{job['status']}").json()
    finally:
        server.terminate()
        server.wait(timeout=60)
        shutil.rmtree(data_dir, ignore_errors=True)
    print(f"{'':24} {'req/s':>9} {'p99 ms':>9} {'timeouts':>9} {'non-2xx':>8}")
    for name, run in (("alone", alone), ("during batch ingest", during)):
        print(
            f"{name:24} {run.per_second:>9.0f} {run.p99_ms:>9.1f} {run.timeouts:>9} {run.errors:>8}"
        )
    print(
        f"ratio during/alone: throughput {during.per_second / alone.per_second:.2f}, "
        f"p99 {during.p99_ms / alone.p99_ms:.2f}; the batch had processed "
        f"{state['processed']} of {state['total']} documents when the second run ended"
    )


if __name__ == "__main__":
    main()
