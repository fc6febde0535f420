"""Who signed an agreement: a trained scorer over the people around its trigger.

Every person named in the trigger's sentence or within :data:`WINDOW` sentences
either side is a candidate. :func:`features` describes how the text links them (the verb they
are the subject or agent of, distance, order, their role, whether their
institution is a party, the rules' own choice); a logistic regression trained
on ``data/training`` (``make train``) gives the probability that the person
signed, certified or represented a party at the signing.
"""

from __future__ import annotations

from typing import Protocol

from spacy.tokens import Span

from coopgraph.extract.facts.feature_helpers import bin_label, sentence_window
from coopgraph.extract.facts.orgs import OrgCluster
from coopgraph.extract.facts.people import PersonCluster
from coopgraph.extract.patterns import word_table

# "… signed a memorandum. The ceremony took place at … The document was signed by X and
# Y": three sentences either side, chosen on cross-validation (signatories found 0.53 →
# 0.66 of the gold's, and fewer wrong ones than with one sentence)
WINDOW = 3
_SIGNING_WORDS = frozenset(
    {"signed", "sign", "signs", "signing", "signature", "signatures", "signatory",
     "signatories", "inked", "countersigned"}
)  # fmt: skip
# "The sides were represented at the signing by X", "signed on behalf of"
_REPRESENTING_WORDS = frozenset({"represented", "representing", "behalf"})


class SignatoryScorer(Protocol):
    @property
    def threshold(self) -> float: ...

    def signatory_probability(
        self, person: PersonCluster, features: dict[str, float], trigger: Span
    ) -> float:
        """The probability that ``person`` signed the agreement ``trigger`` names."""


def candidates(trigger: Span, people: list[PersonCluster]) -> list[PersonCluster]:
    """People named within :data:`WINDOW` sentences of the trigger."""
    reach = sentence_window(trigger, WINDOW)
    return [p for p in people if any(m.sent.start in reach for m in p.mentions)]


def features(
    trigger: Span,
    person: PersonCluster,
    parties: list[OrgCluster],
    by_rules: list[PersonCluster],
) -> dict[str, float]:
    reach = sentence_window(trigger, WINDOW)
    near = [m for m in person.mentions if m.sent.start in reach]
    mention = min(near, key=lambda m: abs(m.start - trigger.start))
    f: dict[str, float] = {
        f"sentence={reach[mention.sent.start]:+d}": 1.0,
        f"agreement={trigger.label_}": 1.0,
        "rules_choose" if person in by_rules else "rules_pass": 1.0,
        "before_trigger" if mention.start < trigger.start else "after_trigger": 1.0,
        f"distance={bin_label(abs(mention.start - trigger.start), (3, 8, 15, 30))}": 1.0,
        f"dep={mention.root.dep_}": 1.0,
        "has_role" if person.role else "no_role": 1.0,
    }
    if person.affiliation is not None and person.affiliation in parties:
        f["speaks_for_a_party"] = 1.0
    head = mention.root.head
    verbs = word_table("agreement_verbs")
    if head.lemma_.casefold() in verbs:
        f[f"head_verb={verbs[head.lemma_.casefold()]}"] = 1.0
    if head.dep_ == "agent":
        f["agent_of_passive"] = 1.0  # "was signed by X"
    sent = mention.sent
    if any(t.lower_ in _SIGNING_WORDS for t in sent):
        f["signing_word_in_sentence"] = 1.0
    if any(t.lower_ in _REPRESENTING_WORDS for t in sent):
        f["representing_in_sentence"] = 1.0
    if any(t.lower_ in ("said", "noted", "stressed", "emphasized", "added") for t in sent):
        f["speech_in_sentence"] = 1.0
    people_here = sum(1 for m in near if m.sent == sent)
    f[f"mentions_here={bin_label(people_here, (1, 2))}"] = 1.0
    return f
