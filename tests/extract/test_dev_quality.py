"""Extraction quality on the shared dev set, scored by its own score.py.

The bounds sit a little under what the extractor achieves now, so a change
that makes extraction worse fails here instead of passing silently. Raise them
as quality improves.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from spacy.language import Language

from extract.sources import read_document
from extract.to_records import extract_documents
from tests.conftest import SHARED

DEV = SHARED / "eval" / "dev"
FLOORS = {
    "organizations": 0.91,
    "people": 0.90,
    "dates": 0.90,
    "agreements": 0.79,
    "relations": 0.72,
}


@pytest.mark.slow
def test_dev_set_scores_stay_above_their_floors(nlp: Language, tmp_path: Path) -> None:
    docs = sorted((DEV / "docs").glob("*.json"))
    assert docs, f"no evaluation documents under {DEV}"
    for extraction in extract_documents(nlp, (read_document(p) for p in docs)):
        name = Path(extraction.document.source or "").stem
        (tmp_path / f"{name}.json").write_text(json.dumps(extraction.to_json()), "utf-8")
    bounds = [arg for kind, f1 in FLOORS.items() for arg in ("--min", f"{kind}={f1}")]
    result = subprocess.run(
        [sys.executable, str(SHARED / "eval" / "score.py"), str(DEV), str(tmp_path), *bounds],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
