"""Every ``curl`` example in the README runs against a real server holding the demo's
sample corpus and its Russian companion, and answers something."""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from coopgraph.api.settings import Settings
from tests.conftest import ROOT, LiveServer

BASE = "http://127.0.0.1:8000"


def readme_curls() -> list[list[str]]:
    """The README's curl commands, each split as the shell would."""
    text = (ROOT / "README.md").read_text("utf-8")
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", text, re.S):
        for command in re.split(r"\n(?=curl )", block.replace("\\\n", " ")):
            if command.startswith("curl "):
                commands.append(shlex.split(command, comments=True))
    return commands


CURLS = readme_curls()


@pytest.fixture(scope="module")
def server(bilingual_store_dir: Path) -> Iterator[LiveServer]:
    with LiveServer(Settings(data_dir=bilingual_store_dir)) as live:
        yield live


def _request(argv: list[str], base: str) -> httpx.Request:
    url, headers, data = "", {}, {}
    args = iter(argv[1:])
    for arg in args:
        if arg == "-H":
            name, _, value = next(args).partition(":")
            headers[name.strip()] = value.strip()
        elif arg == "--data-urlencode":
            name, _, value = next(args).partition("=")
            data[name] = value
        elif arg.startswith("http"):
            url = arg.replace(BASE, base)
    assert url, argv
    return httpx.Request("GET", url, params=data or None, headers=headers)


def test_the_readme_has_curl_examples() -> None:
    assert len(CURLS) >= 5
    assert sum("--data-urlencode" in c for c in CURLS) >= 3


@pytest.mark.parametrize("argv", CURLS, ids=[c[-1][:40] for c in CURLS])
def test_each_readme_example_answers(server: LiveServer, argv: list[str]) -> None:
    with httpx.Client(timeout=60) as http:
        response = http.send(_request(argv, server.url))
    assert response.status_code == 200, response.text
    body = response.text.strip()
    if response.headers["content-type"].startswith("text/csv"):
        assert len(body.splitlines()) >= 2, body  # a header and at least one row
    else:
        assert response.json(), body


def test_the_russian_example_meets_the_english_nodes(server: LiveServer) -> None:
    [argv] = [c for c in CURLS if any('langMatches(lang(?ru), "ru")' in a for a in c)]
    with httpx.Client(timeout=60) as http:
        rows = http.send(_request(argv, server.url)).text.strip().splitlines()
    assert rows[0].split(",") == ["party", "en", "ru", "signatory"]
    assert sorted(r.split(",")[1] for r in rows[1:]) == [
        "Al-Farabi Kazakh National University",
        "Polotsk State University",
    ]
    assert all(r.endswith("Канатбек Муканов") for r in rows[1:])
    assert Path(ROOT / "data" / "corpus-ru").is_dir()
