"""``coop_link_scorers``: carries the trained link scorers through the pipeline.

An agreement's parties and signatories and a person's affiliation are chosen after the
pipeline has run, when ``to_records`` has grouped the mentions of each
institution and person; this component holds the scorers
(:class:`coopgraph.extract.facts.parties.LinkModel`, each loaded from the
JSON file its config names), so that a loaded pipeline is the whole
extractor, and leaves the ``Doc`` as it is.
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from coopgraph.extract.facts.parties import LinkModel, load_link_model

NAME = "coop_link_scorers"


@Language.factory(
    NAME,
    default_config={
        "parties": None,
        "affiliations": None,
        "signatories": None,
        "calibration": None,
    },
    assigns=[],
    requires=["doc.ents"],
)
def make_link_scorers(
    nlp: Language,
    name: str,
    parties: str | None,
    affiliations: str | None,
    signatories: str | None,
    calibration: str | None,
) -> LinkScorers:
    return LinkScorers(
        load_link_model(Path(parties), Path(calibration) if calibration else None)
        if parties
        else None,
        load_link_model(Path(affiliations)) if affiliations else None,
        load_link_model(Path(signatories)) if signatories else None,
    )


class LinkScorers:
    def __init__(
        self,
        parties: LinkModel | None,
        affiliations: LinkModel | None,
        signatories: LinkModel | None = None,
    ) -> None:
        self.parties = parties
        self.affiliations = affiliations
        self.signatories = signatories

    def __call__(self, doc: Doc) -> Doc:
        return doc


def link_scorers(nlp: Language) -> LinkScorers:
    """The scorers a pipeline carries (each ``None`` where the rules decide)."""
    if NAME in nlp.pipe_names:
        component = nlp.get_pipe(NAME)
        if isinstance(component, LinkScorers):
            return component
    return LinkScorers(None, None)
