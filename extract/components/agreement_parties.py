"""``coop_agreement_parties``: carries the trained party scorer through the pipeline.

Parties are chosen after the pipeline has run, when ``to_records`` has grouped
the mentions of each institution; this component holds the scorer
(:class:`coopgraph.extract.facts.parties.PartyModel`, loaded from the JSON file
named in its config) so that a loaded pipeline is the whole extractor, and
leaves the ``Doc`` as it is.
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from coopgraph.extract.facts.parties import PartyModel, load_party_model


@Language.factory(
    "coop_agreement_parties",
    default_config={"model": None, "calibration": None},
    assigns=[],
    requires=["doc.ents"],
)
def make_agreement_parties(
    nlp: Language, name: str, model: str | None, calibration: str | None
) -> AgreementParties:
    if not model:
        return AgreementParties(None)
    return AgreementParties(
        load_party_model(Path(model), Path(calibration) if calibration else None)
    )


class AgreementParties:
    def __init__(self, model: PartyModel | None) -> None:
        self.model = model

    def __call__(self, doc: Doc) -> Doc:
        return doc


def party_scorer(nlp: Language) -> PartyModel | None:
    """The scorer a pipeline carries, or ``None`` (then the rules choose parties)."""
    if "coop_agreement_parties" not in nlp.pipe_names:
        return None
    component = nlp.get_pipe("coop_agreement_parties")
    return component.model if isinstance(component, AgreementParties) else None
