"""Which institution a person speaks for: a trained scorer over candidate institutions.

Every institution mentioned in a sentence that names the person, and the
publisher, is a candidate. :func:`features` describes how the text links the
two (how far apart, in which order, what stands between, whether the rules'
role phrase names it, whether it is the publisher); a logistic regression
trained on ``data/training`` (``make train``) gives the probability that it is
the person's affiliation. The likeliest candidate at or above the threshold is
the affiliation, with that probability as its confidence.
"""

from __future__ import annotations

from typing import Protocol

from spacy.tokens import Span

from coopgraph.extract.facts.feature_helpers import bin_label
from coopgraph.extract.facts.orgs import OrgCluster, organization_type
from coopgraph.extract.facts.people import PersonCluster


class AffiliationScorer(Protocol):
    @property
    def threshold(self) -> float: ...

    def affiliation_probability(
        self, person: PersonCluster, org: OrgCluster, features: dict[str, float]
    ) -> float:
        """The probability that ``org`` is the institution ``person`` belongs to."""


def candidates(
    person: PersonCluster, orgs: list[OrgCluster], publisher: OrgCluster | None
) -> list[OrgCluster]:
    """Institutions in the person's sentences, then the publisher."""
    sentences = {m.sent.start for m in person.mentions}
    found = [c for c in orgs if any(m.sent.start in sentences for m in c.mentions)]
    if publisher is not None and publisher not in found:
        found.append(publisher)
    return found


def features(
    person: PersonCluster,
    org: OrgCluster,
    orgs: list[OrgCluster],
    publisher: OrgCluster | None,
) -> dict[str, float]:
    """How the text links ``person`` and ``org`` (binary features, by name)."""
    f: dict[str, float] = {f"type={organization_type(org.name)}": 1.0}
    if org is person.affiliation:
        f["rules_inferred" if person.inferred_affiliation else "rules_choose"] = 1.0
    if org is publisher:
        f["publisher"] = 1.0
    f["has_role" if person.role else "no_role"] = 1.0
    pairs = [
        (p, m)
        for p in person.mentions
        for m in org.mentions
        if p.sent.start == m.sent.start and not (m.start < p.end and p.start < m.end)
    ]
    if not pairs:
        f["other_sentence"] = 1.0
        return f
    mention, near = min(pairs, key=lambda pm: _gap(*pm))
    gap = _gap(mention, near)
    before = near.end <= mention.start
    f[f"gap={bin_label(gap, (0, 2, 5, 10, 20))}"] = 1.0
    f["org_before" if before else "org_after"] = 1.0
    f[f"{'before' if before else 'after'}&gap={bin_label(gap, (0, 2, 5, 10))}"] = 1.0
    doc = mention.doc
    between = doc[near.end : mention.start] if before else doc[mention.end : near.start]
    words = {t.lower_ for t in between}
    # "Signing for X was Y", "X, led by Y", "Representing X were its President Y", "the X
    # delegation was made up of Y, …; Z, …": words that tie a person to an institution
    for word in ("of", "at", "from", "and", ",", "'s", "the", "with", "(", "said", "rector",
                 "for", "by", "its", "delegation", "representing", "behalf", ";"):  # fmt: skip
        if word in words:
            f[f"between={word}"] = 1.0
    if any(t.pos_ == "VERB" for t in between):
        f["verb_between"] = 1.0
        if not before and "with" in words:
            # "X signed a memorandum with Y": Y is X's counterpart, not X's institution
            f["counterpart"] = 1.0
    others = sum(
        1
        for c in orgs
        if c is not org and any(between.start <= m.start < between.end for m in c.mentions)
    )
    f[f"orgs_between={bin_label(others, (0, 1))}"] = 1.0
    in_sentence = sum(1 for c in orgs if any(m.sent == mention.sent for m in c.mentions))
    f[f"orgs_in_sentence={bin_label(in_sentence, (1, 2, 3))}"] = 1.0
    if _linked(mention, near):
        f["syntax_link"] = 1.0
    return f


def choose(
    person: PersonCluster,
    orgs: list[OrgCluster],
    publisher: OrgCluster | None,
    scorer: AffiliationScorer,
) -> tuple[OrgCluster | None, float | None]:
    """The likeliest affiliation at or above the threshold, and its probability.

    Where no candidate reaches it, the rules' choice stands (the publisher, for
    a vice-rector a release names without an institution), with the scorer's
    probability for it: low, and said so.
    """
    scored = [
        (org, scorer.affiliation_probability(person, org, features(person, org, orgs, publisher)))
        for org in candidates(person, orgs, publisher)
    ]
    best = max(scored, key=lambda pair: pair[1], default=None)
    if best is not None and best[1] >= scorer.threshold:
        return best
    by_rules = next((p for org, p in scored if org is person.affiliation), None)
    return person.affiliation, by_rules


def _gap(a: Span, b: Span) -> int:
    return max(a.start - b.end, b.start - a.end, 0)


def _linked(person: Span, org: Span) -> bool:
    """The parse attaches one to the other, or both to one word ("rector of X, Y")."""
    p, o = person.root, org.root
    return (
        o.head.i in range(person.start, person.end)
        or p.head.i in range(org.start, org.end)
        or o.head.head.i in range(person.start, person.end)
        or (o.head.head == p.head and p.head != p)
    )
