"""kill -9 of the server during a batch ingest: after a restart the store opens, every
document is wholly there or wholly absent, and re-running the batch completes it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
from spacy.language import Language

from bench.synthetic import press_releases
from coopgraph.api.ingest.service import IngestReport, ingest_documents
from coopgraph.graph.store.embedded import OxigraphStore
from tests.conftest import CORPUS, free_port

TOKEN = "crash-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
PER_GRAPH = """SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o }
  FILTER(STRSTARTS(STR(?g), "https://w3id.org/coopgraph/id/doc/")) } GROUP BY ?g"""


def _serve(data_dir: Path, port: int) -> subprocess.Popen[bytes]:
    if not (data_dir / "store").exists():
        OxigraphStore(data_dir / "store").close()  # serve reads a store; it makes none
    env = {**os.environ, "COOPGRAPH_WRITE_TOKEN": TOKEN, "COOPGRAPH_QUERY_WORKERS": "1"}
    command = [
        sys.executable,
        "-m",
        "coopgraph.api",
        "serve",
        "--data-dir",
        str(data_dir),
        "--port",
        str(port),
    ]
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("the server did not start")


def _triples_per_graph(url: str) -> dict[str, int]:
    rows = httpx.get(f"{url}/sparql", params={"query": PER_GRAPH}, timeout=60).json()
    return {r["g"]["value"]: int(r["n"]["value"]) for r in rows["results"]["bindings"]}


def _post_batch(url: str, body: bytes) -> dict[str, Any]:
    """Start a batch ingest job; its description (with the status URL)."""
    job: dict[str, Any] = httpx.post(
        f"{url}/documents/batch",
        content=body,
        headers={**AUTH, "Content-Type": "application/x-ndjson"},
        timeout=60,
    ).json()
    return job


def _descendants(pid: int) -> set[int]:
    """Every process below ``pid`` (query workers, the side process, the resource tracker)."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found: set[int] = set()
    frontier = [pid]
    while frontier:
        parent = frontier.pop()
        children = {child for child, p in parents.items() if p == parent}
        found |= children
        frontier += children
    return found


def _still_running(pids: set[int], within: float) -> set[int]:
    deadline = time.monotonic() + within
    while (alive := {p for p in pids if Path(f"/proc/{p}").exists()}) and (
        time.monotonic() < deadline
    ):
        time.sleep(0.1)
    for pid in alive:  # leave nothing behind for the next test, whatever the outcome
        os.kill(pid, signal.SIGKILL)
    return alive


def test_kill_9_during_a_batch(nlp: Language, tmp_path: Path) -> None:
    documents = press_releases(40, seed=5)
    body = "\n".join(
        json.dumps(
            {"id": d.id, "url": d.url, "title": d.title, "published": d.published, "text": d.text}
        )
        for d in documents
    ).encode()

    # what each graph must hold, from the same documents ingested without interruption
    reference = OxigraphStore(tmp_path / "reference")
    ingest_documents(nlp, reference, documents, IngestReport())
    expected = {r["g"].value: int(r["n"].value) for r in reference.query(PER_GRAPH)}
    reference.close()
    assert len(expected) == 40

    data_dir, port = tmp_path / "data", free_port()
    url = f"http://127.0.0.1:{port}"
    server = _serve(data_dir, port)
    try:
        job = _post_batch(url, body)
        deadline = time.monotonic() + 120
        while httpx.get(f"{url}{job['status']}", timeout=10).json()["processed"] < 5:
            assert time.monotonic() < deadline
            time.sleep(0.05)
        children = _descendants(server.pid)
    finally:
        server.send_signal(signal.SIGKILL)
        server.wait(timeout=30)
    assert len(children) >= 3  # a query worker, the side process, the resource tracker
    assert _still_running(children, within=5) == set()  # none outlives the server

    server = _serve(data_dir, port)  # the store opens after the crash
    try:
        partial = _triples_per_graph(url)
        assert 0 < len(partial) <= 40
        for graph, count in partial.items():  # each one whole, as written in one transaction
            assert count == expected[graph], graph
        job = _post_batch(url, body)
        deadline = time.monotonic() + 300
        while (state := httpx.get(f"{url}{job['status']}", timeout=10).json())["status"] != "done":
            assert time.monotonic() < deadline and state["status"] != "failed", state
            time.sleep(0.2)
        assert state["outcomes"]["unchanged"] == len(partial)
        assert state["outcomes"]["new"] == 40 - len(partial)
        assert _triples_per_graph(url) == expected
    finally:
        server.terminate()
        server.wait(timeout=60)


def test_a_damaged_store_is_one_line_naming_it_and_the_way_back(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "store")
    store.replace_graph_ntriples("http://example.org/g", "<http://a.org/s> <http://a.org/p> 1 .\n")
    store.raw.flush()
    store.close()
    for table in (tmp_path / "store").glob("*.sst"):
        with table.open("r+b") as damaged:
            damaged.write(b"garbage" * 100)
    for command in (
        ["serve", "--port", str(free_port())],
        ["ingest", str(sorted(CORPUS.iterdir())[0])],
    ):
        done = subprocess.run(
            [sys.executable, "-m", "coopgraph.api", *command, "--data-dir", str(tmp_path)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 1
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1, done.stderr  # no traceback
        assert str(tmp_path / "store") in lines[0]
        assert "damaged" in lines[0] and "coopgraph restore" in lines[0]
