"""Extraction quality on the project's own annotated news, scored by the sets' score.py.

Always runs: the data and the scorer are in the repository (``data/training``).
These documents trained the shipped recognizer and party scorer, so the
figures are in-sample and sit above what unseen news gets (``make cv`` gives
the honest, cross-validated ones; ``test_dev_quality`` the dev set's). The
floors catch a broken pipeline or a change that undoes the training: the
recognizer not loaded, the party scorer ignored, a rule that swamps them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from spacy.language import Language

from coopgraph.extract.reading.sources import read_document
from coopgraph.extract.to_records import extract_documents
from tests.conftest import ROOT

TRAINING = ROOT / "data" / "training"
SAMPLE = sorted((TRAINING / "en" / "docs").glob("*.json"))[::6]  # 43 documents, every set
FLOORS = {
    "organizations": 0.80,
    "people": 0.90,
    "dates": 0.90,
    "agreements": 0.38,
    "relations": 0.45,
}


@pytest.mark.slow
def test_training_sample_scores_stay_above_their_floors(nlp: Language, tmp_path: Path) -> None:
    predictions, gold = tmp_path / "pred", tmp_path / "set" / "gold"
    predictions.mkdir()
    gold.mkdir(parents=True)
    for extraction in extract_documents(nlp, (read_document(p) for p in SAMPLE)):
        name = Path(extraction.document.source or "").name
        (predictions / name).write_text(json.dumps(extraction.to_json()), "utf-8")
        (gold / name).write_bytes((TRAINING / "en" / "gold" / name).read_bytes())
    bounds = [arg for kind, f1 in FLOORS.items() for arg in ("--min", f"{kind}={f1}")]
    result = subprocess.run(
        [sys.executable, str(TRAINING / "score.py"), str(gold.parent), str(predictions), *bounds],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
