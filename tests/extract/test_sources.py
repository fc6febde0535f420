"""Reading source files: every bad input is an InputError with the reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from coopgraph.extract.errors import InputError
from coopgraph.extract.reading.sources import read_document


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_json_document(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "a.json",
        b'{"id": "7", "url": "https://x.org/a", "text": "Hello &amp; <b>bye</b>"}',
    )
    doc = read_document(path)
    assert (doc.id, doc.url, doc.text) == ("7", "https://x.org/a", "Hello & bye")


def test_text_document_takes_the_file_stem(tmp_path: Path) -> None:
    doc = read_document(_write(tmp_path, "note.txt", b"Polotsk State University"))
    assert doc.id == "note" and doc.url is None


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"  \n ", "empty text"),
        ("latin1.txt", "Universit\u00e9".encode("latin-1"), "not UTF-8"),
        ("nul.txt", b"abc\x00def", "binary"),
        ("bad.json", b'{"text": ', "malformed JSON"),
        ("list.json", b"[1, 2]", "JSON object"),
        ("notext.json", b'{"title": "x"}', "'text' field"),
        ("doc.pdf", b"%PDF-1.4", "unsupported file type"),
    ],
)
def test_bad_input(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        read_document(_write(tmp_path, name, data))


def test_size_limit(tmp_path: Path) -> None:
    path = _write(tmp_path, "big.txt", b"a" * 101)
    with pytest.raises(InputError, match="over the limit of 100 bytes"):
        read_document(path, max_bytes=100)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        read_document(tmp_path / "nope.txt")
