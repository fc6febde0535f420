"""Trained weights that ship with the package, written by ``make train``.

``ner/`` holds the entity recognizer fine-tuned on ``data/training`` (spaCy's
``cfg``, ``model`` and ``moves``) and ``meta.json``: the base model it was
trained from, the training data's digest and the weights' digest.
``parties.json``, ``signatories.json`` and ``affiliations.json`` hold the
feature weights of the agreement-party, signatory and affiliation scorers, and
``calibration.json`` the map from an agreement's raw confidence to how often
such agreements were right on cross-validation (written by ``make cv``). This module
only names the place, so settings can refer to it without importing spaCy.
"""

from pathlib import Path

NER = Path(__file__).resolve().parent / "ner"
PARTIES = Path(__file__).resolve().parent / "parties.json"
AFFILIATIONS = Path(__file__).resolve().parent / "affiliations.json"
SIGNATORIES = Path(__file__).resolve().parent / "signatories.json"
CALIBRATION = Path(__file__).resolve().parent / "calibration.json"
