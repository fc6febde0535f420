"""Extraction time grows linearly with the length of a text.

The rules relate each agreement to the institutions around it; over a whole
long text that is quadratic (a 2 MB release once took over five minutes).
Long texts are read in windows, so four times the text costs about four times
as much. Ratios only: the machine is shared and absolute times mean nothing.
"""

from __future__ import annotations

import time
from pathlib import Path

from spacy.language import Language

from coopgraph.extract.reading.sources import read_document
from coopgraph.extract.records import Document
from coopgraph.extract.to_records import extract_documents

DOCS = Path(__file__).resolve().parents[2] / "data" / "training" / "en" / "docs"


def _seconds(nlp: Language, text: str) -> float:
    started = time.perf_counter()
    found = list(extract_documents(nlp, [Document(id="long", text=text)]))
    elapsed = time.perf_counter() - started
    assert len(found) == 1 and found[0].agreements  # one record, facts from every part
    return elapsed


def test_four_times_the_text_costs_about_four_times_as_much(nlp: Language) -> None:
    corpus = "\n\n".join(read_document(p).text for p in sorted(DOCS.glob("*.json")))
    short, long = corpus[:40_000], corpus[:160_000]
    _seconds(nlp, corpus[:3_000])  # warm caches
    ratio = min(_seconds(nlp, long) for _ in range(2)) / min(_seconds(nlp, short) for _ in range(2))
    # linear is 4; the quadratic rules over a whole text measured 8.3 here
    assert ratio < 6.5, ratio
