"""Run by test_full_disk.py inside a mount namespace, on a small tmpfs: fill the disk
under a serving coopgraph, then free it, and print what clients saw as JSON."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

from coopgraph.graph.store.embedded import OxigraphStore
from tests.conftest import free_port

ROOT = Path(__file__).resolve().parents[2]
DOCS = sorted((ROOT / "data" / "training" / "en" / "docs").glob("*.json"))
AUTH = {"Authorization": "Bearer full-disk"}
COUNT = "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"


def _count(url: str) -> int | None:
    answer = httpx.get(f"{url}/sparql", params={"query": COUNT}, headers={"Accept": "text/csv"})
    return int(answer.text.split()[-1]) if answer.status_code == 200 else None


def _post(url: str, path: Path) -> int:
    return httpx.post(
        f"{url}/documents",
        content=path.read_bytes(),
        headers={**AUTH, "Content-Type": "application/json"},
        timeout=120,
    ).status_code


def scenario(mount: Path) -> dict[str, Any]:
    OxigraphStore(mount / "data" / "store").close()  # serve reads a store; it makes none
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "COOPGRAPH_WRITE_TOKEN": "full-disk", "COOPGRAPH_QUERY_WORKERS": "1"}
    command = [sys.executable, "-m", "coopgraph.api", "serve", "--data-dir", str(mount / "data")]
    server = subprocess.Popen(
        [*command, "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    seen: dict[str, Any] = {}
    try:
        for _ in range(600):
            try:
                if httpx.get(f"{url}/health").status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        assert _post(url, DOCS[0]) == 201
        seen["before"] = _count(url)
        filler = mount / "filler"
        filler.write_bytes(b"\0" * (shutil.disk_usage(mount).free - 1_500_000))
        statuses = [_post(url, path) for path in DOCS[1:30]]
        seen["write_statuses"] = sorted(set(statuses))
        seen["count_while_full"] = _count(url)
        seen["health_while_full"] = httpx.get(f"{url}/health").json()
        filler.unlink()
        time.sleep(6)  # the store retries every few seconds
        seen["count_after"] = _count(url)
        seen["write_after"] = _post(url, DOCS[40])
        seen["count_after_write"] = _count(url)
        seen["health_after"] = httpx.get(f"{url}/health").json()
    finally:
        server.terminate()
        server.wait(timeout=60)
    return seen


if __name__ == "__main__":
    print(json.dumps(scenario(Path(sys.argv[1]))))
