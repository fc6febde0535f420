"""Every input format ingestion accepts, read as a careful user would expect."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from coopgraph.api.ingest.service import IngestReport, read_sources
from coopgraph.extract.chunks import merge, split_text
from coopgraph.extract.errors import InputError
from coopgraph.extract.reading.language import foreign_language
from coopgraph.extract.reading.sources import documents_from_lines, read_documents
from coopgraph.extract.records import Document, Evidence, Extraction, Organization

FIXTURES = Path(__file__).parent / "fixtures"


def test_html_page_gives_main_text_and_metadata() -> None:
    (document,) = read_documents(FIXTURES / "page.html")
    assert isinstance(document, Document)
    assert document.title == "ENU and Vilnius University sign a memorandum"
    assert document.url == "https://example.org/enu/news/vilnius-memorandum"
    assert document.published == "2024-03-12"
    assert "signed a memorandum of understanding with Vilnius University" in document.text
    assert "Home" not in document.text and "All rights reserved" not in document.text
    assert "tracking" not in document.text


def test_feed_items_become_documents_and_an_empty_item_is_reported() -> None:
    items = list(read_documents(FIXTURES / "feed.rss"))
    documents = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert [d.url for d in documents] == [
        "https://example.org/news/tsu-rtu",
        "https://example.org/news/satbayev-network",
    ]
    assert documents[0].published == "Tue, 05 Mar 2024 09:00:00 GMT"
    assert documents[0].text.startswith("Tomsk State University and Riga Technical University")
    assert "<p>" not in documents[0].text
    assert len(errors) == 1 and "empty text" in str(errors[0])


def test_json_lines_keep_going_past_bad_lines() -> None:
    content = '{"id": "a", "text": "One."}\n\n{"text": 5}\nnot json\n{"text": "Two."}\n'
    items = list(documents_from_lines(content, origin="batch.jsonl"))
    assert [i.id for i in items if isinstance(i, Document)] == ["a", "line-5"]
    reasons = [str(i) for i in items if isinstance(i, InputError)]
    assert reasons[0].startswith("batch.jsonl:3:") and "not a string" in reasons[0]
    assert reasons[1].startswith("batch.jsonl:4:") and "malformed JSON" in reasons[1]


def test_stdin_reads_json_lines_or_one_text() -> None:
    report = IngestReport()
    lines = io.StringIO('{"text": "Alpha."}\n{"text": "Beta."}\n')
    assert [d.text for d in read_sources([Path("-")], report, 10_000, stdin=lines)] == [
        "Alpha.",
        "Beta.",
    ]
    plain = io.StringIO("KazNU signed a memorandum.")
    assert [d.id for d in read_sources([Path("-")], report, 10_000, stdin=plain)] == ["stdin"]
    big = io.StringIO("x" * 20)
    assert list(read_sources([Path("-")], report, 10, stdin=big)) == []
    assert report.count("failed") == 1


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("binary.txt", b"abc\x00def", "binary content"),
        ("latin1.txt", "Universit\u00e9".encode("latin-1"), "not UTF-8"),
        ("empty.txt", b"  \n ", "empty text"),
        ("broken.json", b'{"text": ', "malformed JSON"),
        ("huge.txt", b"x" * 200, "over the limit"),
        ("image.png", b"\x89PNG", "unsupported file type"),
    ],
)
def test_bad_files_are_reported_with_the_reason(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    (item,) = read_documents(path, max_bytes=100)
    assert isinstance(item, InputError) and reason in str(item)


def test_language_detection() -> None:
    assert (
        foreign_language(
            "Tomsk State University signed a memorandum with Riga Technical University."
        )
        is None
    )
    assert (
        foreign_language("Томский государственный университет подписал меморандум о сотрудничестве")
        == "ru"
    )
    assert (
        foreign_language(
            "L'université a signé un accord de coopération avec l'université de Minsk."
        )
        == "fr"
    )
    assert foreign_language("KazNU") is None  # too short to judge
    # a short Cyrillic text is not English even when the model is unsure
    assert foreign_language("Томский университет подписал меморандум о сотрудничестве") == "ru"
    # an English text quoting a name in Kazakh is English
    quoted = "Al-Farabi Kazakh National University (Қазақ ұлттық университеті) signed a memorandum."
    assert foreign_language(quoted) is None


def test_long_texts_are_split_at_boundaries_and_offsets_shift_back() -> None:
    text = "First paragraph here.\n\nSecond one, a bit longer.\n\nThird."
    pieces = split_text(text, 30)
    assert "".join(p for _, p in pieces) == text
    assert all(len(p) <= 30 for _, p in pieces)
    assert all(text[o : o + len(p)] == p for o, p in pieces)
    part = Extraction(
        Document("d", pieces[1][1]),
        "x",
        organizations=(Organization("Second", evidence=(Evidence("Second one", 0, 6, 0),)),),
    )
    whole = merge(Extraction(Document("d", text), "x"), [(pieces[1][0], part)])
    (ev,) = whole.organizations[0].evidence
    assert text[ev.start : ev.end] == "Second"
