"""Agreements: a trigger noun ("memorandum", "MoU", "cooperation agreement") in a
sentence that reports an act on it (signed, concluded, renewed, planned).

Parties are the institutions named in that sentence (outside mere role phrases
of people who did not sign) plus, for "X's rector signed a memorandum with Y",
the affiliation of the signing person or the publisher.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import cast

from spacy.tokens import Doc, Span, Token

from coopgraph.extract.components.agreement_triggers import SPAN_KEY
from coopgraph.extract.facts.doc_text import text_of
from coopgraph.extract.facts.evidence import evidence_of
from coopgraph.extract.facts.listed import listed_parties
from coopgraph.extract.facts.orgs import OrgCluster, is_news_source, organization_type
from coopgraph.extract.facts.parties import PartyScorer, candidates, features
from coopgraph.extract.facts.people import PersonCluster
from coopgraph.extract.facts.signatories import SignatoryScorer
from coopgraph.extract.facts.signatories import candidates as signatory_candidates
from coopgraph.extract.facts.signatories import features as signatory_features
from coopgraph.extract.patterns import word_list, word_table
from coopgraph.extract.records import Agreement, AgreementStatus, AgreementType

# "this memorandum", "the agreement": a reference back to one already reported
_ANAPHORIC = frozenset({"the", "this", "that", "these", "those", "such", "our", "its", "their"})
# "on joint training", "cooperation in the field of X", "research in X"
_AREA = re.compile(
    r"^\s*(?:\([^)]*\)\s*)?(?:on|in the fields? of|in the areas? of)\s+(?P<area>[^.;]+)"
    r"|\b(?:cooperation|collaboration|research|partnership)\s+"
    r"(?:in|on)\s+(?:the\s+)?(?:fields?\s+of\s+|areas?\s+of\s+)?(?P<area2>[^.;]+)",
    re.I,
)
# where an area phrase ends: a date, a place, a purpose or another clause
_AREA_END = re.compile(
    r"\s+(?:on|at|with|between|by|to|which|that|for|from|during|until|within)\s+|,\s+(?:and\s+)?(?:which|who|as|to)\b|\s+and\s+(?:to|will|signed)\b"
)
_PROGRAMME_FIELD = re.compile(r"^\s+in\s+(.+)", re.S)
_PLURAL_DEFINITE = frozenset({"the", "both", "two", "these", "all"})
_PLANNED = re.compile(r"\b(will|would|plan|plans|planned|intend|to be signed|future)\b", re.I)
_EXISTING = re.compile(r"\b(within the framework of|under the|in accordance with|existing)\b", re.I)


@dataclass
class AgreementDraft:
    type: AgreementType
    label: str
    status: AgreementStatus
    trigger: Span
    parties: list[OrgCluster] = field(default_factory=list)
    signatories: list[PersonCluster] = field(default_factory=list)
    date_iso: str | None = None
    # the party scorer's probability for each party it chose, by party name, and for
    # each candidate it turned down
    party_confidence: dict[str, float] = field(default_factory=dict)
    rejected: list[float] = field(default_factory=list)
    # the scorer's calibration of the agreement's confidence (identity by the rules)
    calibrate: Callable[[float], float] | None = None
    # the sides listed after a colon ("The parties are: • A; • B; • C")
    listed: list[OrgCluster] = field(default_factory=list)


def find_agreements(
    doc: Doc,
    orgs: list[OrgCluster],
    people: list[PersonCluster],
    publisher: OrgCluster | None,
    sentence_dates: dict[int, str],
    scorer: PartyScorer | None = None,
    signatory_scorer: SignatoryScorer | None = None,
) -> list[AgreementDraft]:
    """Agreements with their parties: chosen by ``scorer`` when given, else by the rules."""
    verbs = word_table("agreement_verbs")
    drafts: list[AgreementDraft] = []
    # sentence start → the earlier agreement that sentence refers back to ("the memorandum")
    referred: dict[int, AgreementDraft] = {}
    for trigger in doc.spans[SPAN_KEY]:
        status = _status(trigger.sent, verbs) or _list_item_status(trigger.sent, verbs)
        if status is None or _introduces_a_list(trigger):
            continue
        draft = AgreementDraft(
            type=cast(AgreementType, trigger.label_),
            label=_label(trigger),
            status=status,
            trigger=trigger,
        )
        _fill_arguments(draft, orgs, people, publisher, scorer, signatory_scorer)
        # "The MoUs were concluded with: • A • B": a list gives the mention parties of its own
        earlier = None if draft.listed else _referent(draft, drafts)
        if earlier is not None:
            _absorb(earlier, draft)
            referred[trigger.sent.start] = earlier
            continue
        if not draft.parties and _is_reference(trigger):
            continue
        if trigger.sent.start in referred:
            # "the memorandum opens a double degree programme": the same parties
            draft.parties = _union(referred[trigger.sent.start].parties, draft.parties)
        elif drafts and _names_earlier_parties(trigger.sent) and not _named_in(draft, trigger):
            # "The universities will open a joint programme": the parties just reported
            # (not whoever the sentences around it name)
            draft.parties = list(drafts[-1].parties)
            draft.party_confidence = dict(drafts[-1].party_confidence)
            draft.rejected = []
        if _founds_or_joins(draft.trigger.sent):
            _add_named_consortium(draft, orgs)
            if any(organization_type(p.name) == "consortium" for p in draft.parties):
                draft.type = "consortium_membership"
        # keyed by the sentence's first character, as evidence records it
        signed = status in ("signed", "renewed")
        draft.date_iso = sentence_dates.get(trigger.sent.start_char) if signed else None
        drafts.extend(_bilateral(draft, publisher))
    return _merge(drafts)


def _referent(draft: AgreementDraft, drafts: list[AgreementDraft]) -> AgreementDraft | None:
    """For "this memorandum", the latest memorandum already reported, if any."""
    if not _is_reference(draft.trigger):
        return None
    return next((d for d in reversed(drafts) if d.type == draft.type), None)


def _absorb(earlier: AgreementDraft, mention: AgreementDraft) -> None:
    """What a later mention of an agreement adds: signatories, parties, a date."""
    earlier.parties = _union(earlier.parties, mention.parties)
    earlier.party_confidence = {**mention.party_confidence, **earlier.party_confidence}
    for person in mention.signatories:
        if person not in earlier.signatories:
            earlier.signatories.append(person)
    earlier.date_iso = earlier.date_iso or mention.date_iso


def _union(first: list[OrgCluster], second: list[OrgCluster]) -> list[OrgCluster]:
    return first + [p for p in second if p not in first]


def _vague(area: str) -> bool:
    """ "cooperation", "mutual cooperation": the agreement itself, not a field."""
    words = area.casefold().split()
    return len(words) <= 2 and words[-1] in ("cooperation", "collaboration", "partnership")


def _named_in(draft: AgreementDraft, trigger: Span) -> bool:
    """Does one of the draft's parties stand in the trigger's own sentence?"""
    return any(m.sent == trigger.sent for p in draft.parties for m in p.mentions)


def _names_earlier_parties(sent: Span) -> bool:
    """The subject is a definite plural like "the universities", "both partners"."""
    nouns = word_list("party_nouns")
    for token in sent:
        if token.dep_ in ("nsubj", "nsubjpass") and token.tag_ in ("NNS", "NNPS"):
            determiners = {
                c.lower_ for c in token.children if c.dep_ in ("det", "nummod", "predet")
            }
            if token.lemma_.casefold() in nouns and determiners & _PLURAL_DEFINITE:
                return True
    return False


def _founds_or_joins(sent: Span) -> bool:
    """The sentence establishes or joins something ("establishing", "joined", "admitted")."""
    verbs = word_list("membership_verbs")
    return any(t.lemma_.casefold() in verbs for t in sent)


def _add_named_consortium(draft: AgreementDraft, orgs: list[OrgCluster]) -> None:
    """An agreement establishing or joining a consortium has the consortium its sentence
    names among its parties ("signed an agreement establishing the Siberian Engineering
    Consortium"); its other parties become members."""
    if not draft.parties:
        return
    sent = draft.trigger.sent
    for cluster in orgs:
        named_here = any(m.sent == sent for m in cluster.mentions)
        is_new = cluster not in draft.parties
        if named_here and is_new and organization_type(cluster.name) == "consortium":
            draft.parties.append(cluster)


def _is_reference(trigger: Span) -> bool:
    doc = trigger.doc
    start = trigger.start
    while start > trigger.sent.start and doc[start - 1].pos_ in ("ADJ", "VERB", "NOUN", "PROPN"):
        start -= 1
    return start > 0 and doc[start - 1].lower_ in _ANAPHORIC


def _bilateral(draft: AgreementDraft, publisher: OrgCluster | None) -> list[AgreementDraft]:
    """ "X signed memoranda with A, B and C" is one agreement per partner, each with X."""
    if len(draft.parties) < 3:
        return [draft]
    if not _plural(draft.trigger):
        return [_two_sides(draft, publisher)]
    hub = publisher if publisher in draft.parties else draft.parties[0]
    return [
        AgreementDraft(
            type=draft.type,
            label=draft.label,
            status=draft.status,
            trigger=draft.trigger,
            parties=[hub, other],
            signatories=list(draft.signatories),
            date_iso=draft.date_iso,
            party_confidence=dict(draft.party_confidence),
            rejected=list(draft.rejected),
            calibrate=draft.calibrate,
        )
        for other in draft.parties
        if other is not hub
    ]


def _plural(trigger: Span) -> bool:
    # "memoranda" is tagged as singular by the small model, so its form is checked too
    head = trigger[0]
    plural = trigger.root.tag_ in ("NNS", "NNPS") or head.tag_ in ("NNS", "NNPS")
    return plural or head.lower_ in ("memoranda", "memorandums", "mous", "mocs", "moas")


# words that say an instrument has more than two sides
_MULTILATERAL = frozenset(
    {"trilateral", "tripartite", "multilateral", "quadrilateral", "two", "three", "four", "five",
     "several", "all", "each", "network", "consortium", "alliance", "association"}
)  # fmt: skip


def _two_sides(draft: AgreementDraft, publisher: OrgCluster | None) -> AgreementDraft:
    """A singular instrument with three or more candidate parties: nine in ten such
    agreements in the training news are bilateral, so unless the sentence says it has
    more sides, the two likeliest parties are kept (the scorer's, else the publisher
    and the first named)."""
    sent = draft.trigger.sent
    if draft.type == "consortium_membership" or _MULTILATERAL & {t.lower_ for t in sent}:
        return draft
    if draft.listed:
        return draft  # "a four-party agreement … The parties are: • A; • B; • C; • D"
    if _coordinated(draft.parties, sent):
        return draft  # "A, B and C signed an agreement": one instrument, all three sides

    def likelihood(party: OrgCluster) -> tuple[float, int, int]:
        confidence = draft.party_confidence.get(party.name, 0.5)
        return (
            -(confidence + (1.0 if party is publisher else 0.0)),
            _tree_distance(party, draft.trigger),  # the rules' tie-break: the closest in syntax
            draft.parties.index(party),
        )

    kept = sorted(draft.parties, key=likelihood)[:2]
    draft.parties = [p for p in draft.parties if p in kept]
    return draft


def _tree_distance(party: OrgCluster, trigger: Span) -> int:
    """Steps in the dependency tree from the document word to the party's nearest mention
    in its sentence ("signed a memorandum with X": 2; "in the presence of the Y": 4)."""
    sent = trigger.sent
    best = 99
    for mention in party.mentions:
        if sent.start <= mention.start and mention.end <= sent.end:
            root = mention.root
            while root.dep_ == "conj" and root.head.i != root.i:
                root = root.head  # "A and B signed": B stands where A does
            best = min(best, _steps(trigger.root, root))
    return best


def _steps(a: Token, b: Token) -> int:
    up = {}
    node, depth = a, 0
    while True:
        up[node.i] = depth
        if node.head.i == node.i:
            break
        node, depth = node.head, depth + 1
    node, depth = b, 0
    while node.i not in up:
        if node.head.i == node.i:
            return 99
        node, depth = node.head, depth + 1
    return depth + up[node.i]


def _coordinated(parties: list[OrgCluster], sent: Span) -> bool:
    """Are all the parties named in one coordination ("A, B and C") in the sentence?"""
    roots = []
    for party in parties:
        inside = [m for m in party.mentions if sent.start <= m.start and m.end <= sent.end]
        if not inside:
            return False
        roots.append(inside[0].root)
    group = {roots[0].i}
    grew = True
    while grew:  # follow conj links both ways from the first party
        grew = False
        for token in sent:
            if token.dep_ == "conj" and (token.i in group) != (token.head.i in group):
                group |= {token.i, token.head.i}
                grew = True
    return all(root.i in group for root in roots)


def _status(sent: Span, verbs: dict[str, str]) -> AgreementStatus | None:
    acts = [verbs[t.lemma_.casefold()] for t in sent if t.lemma_.casefold() in verbs]
    if not acts:
        return "existing" if _EXISTING.search(sent.text) else None
    if "renewed" in acts:
        return "renewed"
    if _PLANNED.search(sent.text) or acts == ["planned"] * len(acts):
        return "planned"
    return "signed"


def _list_item_status(sent: Span, verbs: dict[str, str]) -> AgreementStatus | None:
    """ "three agreements were signed:\n- Memorandum with A;\n- Agreement with B": an
    item of a list takes the status of the sentence that introduces the list."""
    doc = sent.doc
    if not _is_list_item(sent) or sent.start == 0:
        return None
    intro = doc[sent.start - 1].sent
    while intro.start > 0 and _is_list_item(intro):
        intro = doc[intro.start - 1].sent  # past the list's earlier items
    ends_with_colon = any(t.text == ":" for t in intro[-3:])
    return _status(intro, verbs) if ends_with_colon else None


def _is_list_item(sent: Span) -> bool:
    """A sentence that begins with a bullet, or follows one the parser set apart."""
    if sent[0].text in _BULLETS:
        return True
    before = sent.doc[sent.start - 1] if sent.start > 0 else None
    return before is not None and before.text in _BULLETS and bool(before.is_sent_start)


def _introduces_a_list(trigger: Span) -> bool:
    """ "three agreements were signed:" before a list of agreements: the items are the
    agreements (a list of institutions instead gives the parties)."""
    sent, doc = trigger.sent, trigger.doc
    plural = trigger.root.tag_ in ("NNS", "NNPS")
    ends_with_colon = any(t.text == ":" for t in sent[-3:])
    item_follows = sent.end < len(doc) and doc[sent.end].text in _BULLETS
    if not (plural and ends_with_colon and item_follows):
        return False
    item = doc[sent.end + 1].sent if sent.end + 1 < len(doc) else doc[sent.end].sent
    return any(item.start <= t.start < item.end for t in doc.spans[SPAN_KEY])


def _label(trigger: Span) -> str:
    doc = trigger.doc
    end = trigger.end
    # keep a parenthesised abbreviation: "Memorandum of Understanding (MoU)"
    if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
        end += 3
    return doc[trigger.start : end].text


def _fill_arguments(
    draft: AgreementDraft,
    orgs: list[OrgCluster],
    people: list[PersonCluster],
    publisher: OrgCluster | None,
    scorer: PartyScorer | None,
    signatory_scorer: SignatoryScorer | None = None,
) -> None:
    if _frames_other_activity(draft.trigger):
        return
    if scorer is None:
        _rule_parties(draft, orgs, people, publisher)
    else:
        _score_parties(draft, orgs, people, publisher, scorer)
    if signatory_scorer is not None:
        _score_signatories(draft, people, signatory_scorer)


def _rule_parties(
    draft: AgreementDraft,
    orgs: list[OrgCluster],
    people: list[PersonCluster],
    publisher: OrgCluster | None,
) -> None:
    """Parties and signatories by the rules: who acts in the trigger's sentence."""
    sent = draft.trigger.sent
    for cluster in orgs:
        if is_news_source(cluster.name):
            continue  # the outlet reporting it is no party to it
        if _acts_in(cluster, sent, orgs) and cluster not in draft.parties:
            draft.parties.append(cluster)
    for person in people:
        if any(m.sent == sent for m in person.mentions) and _is_actor(person, sent):
            draft.signatories.append(person)
            if person.affiliation and person.affiliation not in draft.parties:
                draft.parties.append(person.affiliation)
    _add_counted_partners(draft, orgs)
    listed = draft.listed = listed_parties(draft.trigger, orgs)
    draft.parties += [p for p in listed if p not in draft.parties]
    if (
        (len(draft.parties) == 1 or listed)
        and publisher is not None
        and publisher not in draft.parties
    ):
        # "signed a memorandum with X": the publishing institution is the other party
        draft.parties.insert(0, publisher)


def _score_parties(
    draft: AgreementDraft,
    orgs: list[OrgCluster],
    people: list[PersonCluster],
    publisher: OrgCluster | None,
    scorer: PartyScorer,
) -> None:
    """Parties by the trained scorer, which reads the rules' choice as one of its
    features; signatories by the rules."""
    draft.calibrate = scorer.agreement_confidence
    by_rules = AgreementDraft(draft.type, draft.label, draft.status, draft.trigger)
    _rule_parties(by_rules, orgs, people, publisher)
    draft.signatories.extend(by_rules.signatories)
    draft.listed = by_rules.listed
    threshold = scorer.threshold
    offered = candidates(draft.trigger, orgs, publisher)
    offered += [p for p in by_rules.parties if p not in offered]
    for cluster in offered:
        described = features(
            draft.trigger, cluster, orgs, by_rules.signatories, publisher, draft.status
        )
        chosen = cluster in by_rules.parties
        described["rules_choose" if chosen else "rules_pass"] = 1.0
        # where the rules' choice is worth more or less: its sentence, the publisher
        for name in [n for n in described if n.startswith("sentence=") or n == "publisher"]:
            described[f"{name}&rules={int(chosen)}"] = 1.0
        if cluster in by_rules.listed:
            described["listed"] = 1.0
        probability = scorer.party_probability(cluster.name, described, draft.trigger)
        # a list after the agreement's sentence names its sides, however far down it runs
        if probability >= threshold or cluster in by_rules.listed:
            draft.parties.append(cluster)
            draft.party_confidence[cluster.name] = probability
        else:
            draft.rejected.append(probability)


def _score_signatories(
    draft: AgreementDraft, people: list[PersonCluster], scorer: SignatoryScorer
) -> None:
    """Signatories by the trained scorer, which reads the rules' choice as a feature."""
    by_rules = list(draft.signatories)
    chosen = []
    for person in signatory_candidates(draft.trigger, people):
        described = signatory_features(draft.trigger, person, draft.parties, by_rules)
        if scorer.signatory_probability(person, described, draft.trigger) >= scorer.threshold:
            chosen.append(person)
    draft.signatories = chosen


def _acts_in(cluster: OrgCluster, sent: Span, orgs: list[OrgCluster]) -> bool:
    """Mentioned in the sentence other than as the parent in a unit's name: in "the
    Institute of Oriental Studies of Ankara University concluded an agreement" the
    Institute acts."""
    return any(
        m.sent == sent and not any(other is not cluster and other.covers(m) for other in orgs)
        for m in cluster.mentions
    )


def _frames_other_activity(trigger: Span) -> bool:
    """ "The consortium, held within the framework of a bilateral intergovernmental
    agreement": the institutions of that sentence act under the agreement; they are
    not said to be its parties."""
    head = trigger.root.head
    # only "within the framework of": "Under the agreement signed today, A and B will
    # ..." names its parties
    return head.lower_ == "of" and head.head.lower_ == "framework"


_BULLETS = frozenset({"-", "\u2013", "\u2014", "\u2022", "*", "\u00b7"})
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
_COUNTED = re.compile(
    r"\bwith (\d+|two|three|four|five|six|seven|eight) (?:foreign |partner )?"
    r"(universities|institutions|institutes|academies|colleges|partners|organi[sz]ations)\b",
    re.I,
)


def _add_counted_partners(draft: AgreementDraft, orgs: list[OrgCluster]) -> None:
    """ "signed a memorandum with two universities of the PRC." and the next sentence
    names them: those are the partners."""
    sent = draft.trigger.sent
    found = _COUNTED.search(sent.text)
    if found is None or sent.end >= len(sent.doc):
        return
    count = _NUMBERS.get(found.group(1).lower()) or int(found.group(1))
    following = sent.doc[sent.end].sent
    named = [
        c for c in orgs if c not in draft.parties and any(m.sent == following for m in c.mentions)
    ]
    if 0 < len(named) <= count:
        draft.parties.extend(named)


def _is_actor(person: PersonCluster, sent: Span) -> bool:
    """The person is a subject of the sentence's verb (or conjoined with one)."""
    for mention in person.mentions:
        if mention.sent != sent:
            continue
        root = mention.root
        while root.dep_ in ("conj", "appos", "compound") and root.head != root:
            root = root.head
        if root.dep_ in ("nsubj", "nsubjpass") or root.head.dep_ in ("nsubj",):
            return True
        if root.dep_ == "pobj" and root.head.dep_ == "agent":
            return True  # "was signed by Rector X and Y"
        if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.dep_ == "nsubj":
            return True  # "The Rector of X University Y Z signed": the name parsed under "of"
    return False


def _merge(drafts: list[AgreementDraft]) -> list[AgreementDraft]:
    """Mentions of the same agreement (same type and parties) become one."""
    merged: list[AgreementDraft] = []
    for draft in drafts:
        key = {id(p) for p in draft.parties}
        same = next(
            (m for m in merged if m.type == draft.type and {id(p) for p in m.parties} == key), None
        )
        if same is None:
            merged.append(draft)
            continue
        for person in draft.signatories:
            if person not in same.signatories:
                same.signatories.append(person)
        same.date_iso = same.date_iso or draft.date_iso
    return _complete_partial(_absorb_partial(merged))


def _absorb_partial(drafts: list[AgreementDraft]) -> list[AgreementDraft]:
    """A mention naming only some parties of the one agreement of its type that names
    them all ("the signing of a MoU … proposed by Unima", later "the MoU between Unud and
    Unima") is that agreement; a plural mention naming only the hub of several, or no
    party ("PETRONAS exchanged memoranda today", then one with each university), is all
    of them."""
    kept: list[AgreementDraft] = []
    for draft in drafts:
        parties = {id(p) for p in draft.parties}
        wider = [
            d
            for d in drafts
            if d is not draft and d.type == draft.type and parties < {id(p) for p in d.parties}
        ]
        if (parties and len(wider) == 1) or (wider and _plural(draft.trigger)):
            for agreement in wider:
                _absorb(agreement, draft)
        else:
            kept.append(draft)
    return kept


def _complete_partial(drafts: list[AgreementDraft]) -> list[AgreementDraft]:
    """An agreement naming one party, in a text whose one bilateral agreement includes
    that party, is between the same two ("an MoU and a cooperation agreement")."""
    pairs = [d for d in drafts if len(d.parties) == 2]
    for draft in drafts:
        if len(draft.parties) != 1:
            continue
        partners = [d for d in pairs if draft.parties[0] in d.parties]
        if len(partners) == 1 and len(pairs) == 1:
            draft.parties = list(partners[0].parties)
            draft.party_confidence = {**partners[0].party_confidence, **draft.party_confidence}
    return drafts


def to_agreement(draft: AgreementDraft) -> Agreement:
    return Agreement(
        type=draft.type,
        label=draft.label,
        parties=tuple(p.name for p in draft.parties),
        signatories=tuple(s.name for s in draft.signatories),
        date_iso=draft.date_iso,
        status=draft.status,
        subject_areas=subject_areas(draft.trigger),
        evidence=(evidence_of(draft.trigger, _confidence(draft)),),
    )


def subject_areas(trigger: Span) -> tuple[str, ...]:
    """The fields an agreement covers, as the sentence after the trigger names them:
    "a memorandum on joint training of engineers on 3 May 2022" gives "joint
    training of engineers"; "… cooperation in the humanities, social and natural
    sciences" gives "humanities, social and natural sciences".
    """
    rest = text_of(trigger.doc)[trigger.end_char : trigger.sent.end_char]
    found = []
    if trigger.label_ == "joint_programme" and (field := _PROGRAMME_FIELD.match(rest)):
        rest = " on " + field.group(1)  # "a double degree programme in textile engineering"
    for match in _AREA.finditer(rest):
        phrase = match.group("area") or match.group("area2")
        area = _AREA_END.split(phrase, maxsplit=1)[0].strip(" ,")
        area = re.sub(r"^the\s+", "", area)
        if 2 < len(area) <= 80 and not any(c.isdigit() for c in area) and not _vague(area):
            found.append(area)
    return tuple(dict.fromkeys(found))


def _confidence(draft: AgreementDraft) -> float:
    """How likely the agreement is right, parties and all.

    With the trained scorer: the probability that exactly these candidates are
    the parties, each party's probability times each turned-down candidate's
    complement. By the rules: an agreement whose parties were all found is
    surer than one missing some.
    """
    if not draft.party_confidence:
        return {0: 0.5, 1: 0.7}.get(len(draft.parties), 0.9)
    confidence = 1.0
    for party in draft.parties:
        confidence *= draft.party_confidence.get(party.name, 0.5)
    for probability in draft.rejected:
        confidence *= 1.0 - probability
    if draft.calibrate is not None:
        confidence = draft.calibrate(confidence)
    return round(confidence, 3)
