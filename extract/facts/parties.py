"""Which institutions are parties to an agreement: a trained scorer over candidates.

For each agreement trigger, every institution mentioned in its sentence or the
sentences either side (and the publisher) is a candidate. :func:`features`
describes a candidate by where it stands and how the text links it to the
agreement: its sentence relative to the trigger, distance, the words and the
dependency before it, whether a signatory speaks for it, whether it is the
publisher, a news outlet, the parent inside a unit's name … A logistic
regression over these features, trained on the annotated news in
``data/training`` (``make train``), gives the probability that the candidate
is a party; that probability is the party's confidence, and candidates at or
above the threshold become parties.

The model is a table of feature weights (``extract/trained/parties.json``):
scoring needs no library, and the table can be read.

>>> model = LinkModel(weights={"sentence=0": 2.0, "prev=with": 1.0}, bias=-1.5)
>>> round(model.probability({"sentence=0": 1.0, "prev=with": 1.0}), 3)
0.818
>>> model.probability({"sentence=+1": 1.0}) < 0.5
True
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Protocol

from spacy.tokens import Span

from coopgraph.extract.facts.feature_helpers import bin_label, sentence_window
from coopgraph.extract.facts.orgs import OrgCluster, is_news_source, organization_type
from coopgraph.extract.facts.people import PersonCluster
from coopgraph.extract.patterns import word_table

# the trigger's own sentence and one either side: "… signed a memorandum. The
# signatories are A, B and C."
WINDOW = 1


class PartyScorer(Protocol):
    @property
    def threshold(self) -> float: ...

    def party_probability(self, name: str, features: dict[str, float], trigger: Span) -> float:
        """The probability that ``name`` is a party of the agreement ``trigger`` names."""

    def agreement_confidence(self, raw: float) -> float: ...


@dataclass(frozen=True)
class LinkModel:
    """Logistic regression weights over named features: how likely a link between two
    entities is (an institution a party of an agreement, a person its signatory or
    a person's affiliation)."""

    weights: dict[str, float]
    bias: float
    threshold: float = 0.5
    meta: dict[str, object] = field(default_factory=dict)
    # (a, b) of sigmoid(a·logit(p) + b), fitted on cross-validation (make cv): for an
    # agreement, from the probability that exactly its parties were chosen to how often
    # such agreements were right
    agreement_calibration: tuple[float, float] | None = None

    def probability(self, features: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return _sigmoid(z)

    def party_probability(self, name: str, features: dict[str, float], trigger: Span) -> float:
        return self.probability(features)

    def affiliation_probability(
        self, person: object, org: object, features: dict[str, float]
    ) -> float:
        return self.probability(features)

    def signatory_probability(
        self, person: object, features: dict[str, float], trigger: Span
    ) -> float:
        return self.probability(features)

    def agreement_confidence(self, raw: float) -> float:
        if self.agreement_calibration is None:
            return raw
        return platt(raw, *self.agreement_calibration)

    def to_json(self) -> dict[str, object]:
        return {
            "bias": self.bias,
            "threshold": self.threshold,
            "meta": self.meta,
            "weights": dict(sorted(self.weights.items())),
        }


@cache
def load_link_model(path: Path, calibration: Path | None = None) -> LinkModel:
    """The scorer written by ``make train``, with the calibration ``make cv`` wrote, if any."""
    data = json.loads(path.read_text("utf-8"))
    agreement = None
    if calibration is not None and calibration.is_file():
        a, b = json.loads(calibration.read_text("utf-8"))["agreement"]
        agreement = (float(a), float(b))
    return LinkModel(
        weights={str(k): float(v) for k, v in data["weights"].items()},
        bias=float(data["bias"]),
        threshold=float(data.get("threshold", 0.5)),
        meta=dict(data.get("meta", {})),
        agreement_calibration=agreement,
    )


def platt(p: float, a: float, b: float) -> float:
    """sigmoid(a·logit(p) + b): a probability mapped by a Platt calibration (a, b)."""
    return _sigmoid(a * logit(p) + b)


def logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def candidates(
    trigger: Span, orgs: Iterable[OrgCluster], publisher: OrgCluster | None
) -> list[OrgCluster]:
    """Institutions mentioned within :data:`WINDOW` sentences of the trigger, and the
    publisher; never the outlet reporting the news ("(MENAFN - AzerNews) A memorandum
    has been signed …"), which a dateline puts in the trigger's own sentence."""
    sents = sentence_window(trigger, WINDOW)
    found = [c for c in orgs if any(_sentence_index(m, sents) is not None for m in c.mentions)]
    if publisher is not None and publisher not in found:
        found.append(publisher)
    return [c for c in found if not is_news_source(c.name)]


def features(
    trigger: Span,
    cluster: OrgCluster,
    orgs: list[OrgCluster],
    signers: list[PersonCluster],
    publisher: OrgCluster | None,
    status: str,
) -> dict[str, float]:
    """What the text says of ``cluster`` around ``trigger`` (binary features, by name)."""
    sents = sentence_window(trigger, WINDOW)
    near = [m for m in cluster.mentions if _sentence_index(m, sents) is not None]
    f: dict[str, float] = {
        f"status={status}": 1.0,
        f"type={organization_type(cluster.name)}": 1.0,
        f"agreement={trigger.label_}": 1.0,
    }
    if cluster is publisher:
        f["publisher"] = 1.0
    if any(p.affiliation is cluster for p in signers):
        f["signer_affiliation"] = 1.0
    f[f"mentions={bin_label(len(cluster.mentions), (1, 3))}"] = 1.0
    if orgs and orgs[0] is cluster:
        f["first_in_text"] = 1.0
    in_sentence = sum(
        1 for c in orgs if any(m.sent == trigger.sent for m in c.mentions)
    )  # how crowded the trigger's sentence is
    f[f"orgs_in_sentence={bin_label(in_sentence, (1, 2, 3))}"] = 1.0
    if not near:
        f["outside_window"] = 1.0
        return f
    mention = min(near, key=lambda m: abs(m.start - trigger.start))
    offset = _sentence_index(mention, sents)
    f[f"sentence={offset:+d}"] = 1.0
    f[f"distance={bin_label(abs(mention.start - trigger.start), (3, 8, 15, 30))}"] = 1.0
    f["before_trigger" if mention.start < trigger.start else "after_trigger"] = 1.0
    f.update(_context(mention, trigger))
    if any(o is not cluster and o.covers(mention) for o in orgs):
        f["inside_other_name"] = 1.0
    return f


def _context(mention: Span, trigger: Span) -> dict[str, float]:
    doc = mention.doc
    f: dict[str, float] = {}
    before = [t for t in doc[max(0, mention.start - 2) : mention.start]]
    if before:
        f[f"prev={_word(before[-1].lower_)}"] = 1.0
    if len(before) == 2:
        f[f"prev2={_word(before[0].lower_)}"] = 1.0
    root = mention.root
    f[f"dep={root.dep_}"] = 1.0
    verbs = word_table("agreement_verbs")
    if root.head.lemma_.casefold() in verbs:
        f[f"head_verb={verbs[root.head.lemma_.casefold()]}"] = 1.0
    if root.head.i in range(trigger.start, trigger.end):
        f["attached_to_trigger"] = 1.0
    between = doc[min(mention.end, trigger.end) : max(mention.start, trigger.start)]
    if any(t.lower_ == "between" for t in between):
        f["between_in_gap"] = 1.0
    if any(t.lower_ in ("framework", "under", "within") for t in between):
        f["framework_in_gap"] = 1.0
    if any(t.text == "(" for t in doc[max(0, mention.start - 1) : mention.start]):
        f["in_parentheses"] = 1.0
    return f


def _word(text: str) -> str:
    """Function words and punctuation keep their identity; other words are one class."""
    return text if text in _CONTEXT_WORDS or not text.isalpha() else "<word>"


# the words before an institution that tell how it takes part
_CONTEXT_WORDS = frozenset(
    {
        "with", "between", "and", "of", "by", "at", "from", "to", "for", "the", "as",
        "signed", "among", "including", "partner", "partners", "delegation", "rector",
        "president", "director", "represented", "on", "in", "universities", "both",
    }
)  # fmt: skip


def _sentence_index(mention: Span, window: dict[int, int]) -> int | None:
    return window.get(mention.sent.start)
