"""Agreements in Russian text: a document word ("меморандум", "соглашение", "договор",
"дорожная карта", "совместная программа") or a membership ("вступил в консорциум"),
with the institutions of its sentence as parties.

Later sentences that name the same kind of document without new parties
("Согласно соглашению, …") are the same agreement. Signatories are the people
of the sentences that report the signing ("Подписи … поставили …"); a date
in those sentences is the signing date.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from coopgraph.extract.facts.orgs import is_news_source as is_outlet_name
from coopgraph.extract.records import (
    Agreement,
    AgreementStatus,
    AgreementType,
    DateMention,
    Evidence,
)
from coopgraph.extract.russian.lexicon import (
    AGREEMENT_WORDS,
    MEMBERSHIP,
    PLANNED,
    PROGRAMME_MARKS,
    PROGRAMME_WORDS,
    RENEWED,
    REPORTING,
    REPORTING_WINDOW,
    ROADMAP,
    SIGNING,
)
from coopgraph.extract.russian.listed import listed_orgs
from coopgraph.extract.russian.orgs import OrgCluster, organization_type
from coopgraph.extract.russian.people import PersonCluster

_LABEL_WORDS = 6


@dataclass
class Draft:
    type: AgreementType
    trigger: Span
    parties: list[OrgCluster]
    status: AgreementStatus
    signatories: list[PersonCluster] = field(default_factory=list)
    date_iso: str | None = None
    sentences: list[Span] = field(default_factory=list)


def find_agreements(
    doc: Doc, orgs: list[OrgCluster], people: list[PersonCluster], dates: list[DateMention]
) -> list[Agreement]:
    drafts: list[Draft] = []
    orgs = [o for o in orgs if not is_news_source(o)]
    hub = main_institution(orgs)
    for sent in doc.sents:
        for kind, trigger in _triggers(sent, orgs):
            parties = _parties(sent, orgs, people, kind)
            listed = listed_orgs(doc, sent, orgs)
            parties += [o for o in listed if o not in parties]
            if not parties and not any(d.type == kind for d in drafts):
                parties = _unnamed_sides(doc, sent, orgs)
            if hub is not None and hub not in parties and (len(parties) == 1 or listed):
                # "подписал соглашение с X", "соглашения: • с X; • с Y": the other side is
                # the institution the news is about
                parties = [hub, *parties]
            for group in _bilateral(trigger, parties, hub, whole=bool(listed)):
                earlier = _same_as(drafts, kind, group)
                if earlier is not None:
                    earlier.parties += [p for p in group if p not in earlier.parties]
                    earlier.sentences.append(sent)
                    continue
                drafts.append(Draft(kind, trigger, group, _status(sent), sentences=[sent]))
    for draft in drafts:
        _add_signing(doc, draft, people, dates)
    return [_to_agreement(d) for d in drafts if len(d.parties) >= 2]


def is_news_source(org: OrgCluster) -> bool:
    """An outlet by its name ("sb.by", "Sputnik"), or named only as the news source
    ("сообщает БЕЛТА"): a reporting word beside every mention."""
    if any(is_outlet_name(m.name) for m in org.mentions):
        return True
    for mention in org.mentions:
        doc, span = mention.span.doc, mention.span
        around = doc[max(0, span.start - REPORTING_WINDOW) : span.start]
        after = doc[span.end : min(len(doc), span.end + REPORTING_WINDOW)]
        if not any(t.lemma_.lower() in REPORTING for t in (*around, *after)):
            return False
    return True


def main_institution(orgs: list[OrgCluster]) -> OrgCluster | None:
    """The institution the text is about: the one it names most often (the first on a tie)."""
    if not orgs:
        return None
    return max(orgs, key=lambda o: (len(o.mentions), -o.mentions[0].span.start))


def _unnamed_sides(doc: Doc, sent: Span, orgs: list[OrgCluster]) -> list[OrgCluster]:
    """ "…завершилась подписанием договора между университетами": the sentence names no
    side, so the sides are the institutions of the sentence before, or else the two the
    text names most."""
    sents = list(doc.sents)
    index = next(i for i, s in enumerate(sents) if s.start == sent.start)
    if index > 0:
        before = _parties(sents[index - 1], orgs, [], "agreement")
        if len(before) >= 2:
            return before
    named = [o for o in orgs if organization_type(o) != "other"]
    ranked = sorted(named, key=lambda o: (-len(o.mentions), o.mentions[0].span.start))
    return ranked[:2] if len(ranked) >= 2 else []


def _bilateral(
    trigger: Span, parties: list[OrgCluster], hub: OrgCluster | None, whole: bool = False
) -> list[list[OrgCluster]]:
    """A plural instrument ("подписали соглашения с A, B и C") is one bilateral agreement
    per partner of the institution at its centre; a singular one keeps its two likeliest
    parties, or all of them when they are ``whole``: listed as the instrument's sides."""
    plural = trigger[0].morph.get("Number", []) == ["Plur"]
    if len(parties) < 3:
        return [parties]
    centre = hub if hub in parties else parties[0]
    if whole and not plural:
        return [parties]
    if not plural:
        # nine agreements in ten are bilateral: keep the two likeliest sides
        ranked = sorted(parties, key=lambda p: _party_rank(p, trigger, centre))
        return [[p for p in parties if p in ranked[:2]]]
    return [[centre, other] for other in parties if other is not centre]


def _party_rank(org: OrgCluster, trigger: Span, centre: OrgCluster) -> tuple[int, int, int]:
    """Lower is likelier: the centre, then names in the cases parties take (the subject,
    "с …", "между …"), then institutions over units, then the nearest to the document word."""
    sent = trigger.sent
    mentions = [m for m in org.mentions if sent.start <= m.span.start < sent.end]
    mention = min(mentions, key=lambda m: abs(m.span.start - trigger.start))
    head = next((t for t in mention.span if t.pos_ in ("NOUN", "PROPN")), mention.span[0])
    case = head.morph.get("Case", [])
    before = mention.span.doc[mention.span.start - 1].lower_ if mention.span.start > 0 else ""
    party_case = (case in (["Nom"], ["Ins"]) or before in ("с", "со", "между")) and before not in (
        "для",
        "при",
        "в",
        "на",
    )
    unit = organization_type(org) == "other"
    return (
        0 if org is centre else 1,
        0 if party_case else 1,
        (1 if unit else 0) * 1000 + abs(mention.span.start - trigger.start),
    )


def _triggers(sent: Span, orgs: list[OrgCluster]) -> list[tuple[AgreementType, Span]]:
    found: list[tuple[AgreementType, Span]] = []
    lemmas = [t.lemma_.lower() for t in sent]
    for i, lemma in enumerate(lemmas):
        if lemma in AGREEMENT_WORDS:
            found.append((AGREEMENT_WORDS[lemma], sent[i : i + 1]))
        elif lemma == ROADMAP[1] and i > 0 and lemmas[i - 1] == ROADMAP[0]:
            found.append(("other", sent[i - 1 : i + 1]))
        elif lemma in PROGRAMME_WORDS and PROGRAMME_MARKS & set(lemmas[max(0, i - 3) : i + 4]):
            found.append(("joint_programme", sent[i : i + 1]))
    if not found and MEMBERSHIP & set(lemmas) and any(_is_consortium(o, sent) for o in orgs):
        found.append(("consortium_membership", sent))
    if not SIGNING & set(lemmas):
        # programmes and understandings are talked about far more often than signed:
        # only a signing makes one an instrument
        found = [(kind, span) for kind, span in found if kind not in ("joint_programme", "other")]
    return found


def _is_consortium(org: OrgCluster, sent: Span) -> bool:
    return organization_type(org) == "consortium" and any(
        m.span.start >= sent.start and m.span.end <= sent.end for m in org.mentions
    )


def _parties(
    sent: Span, orgs: list[OrgCluster], people: list[PersonCluster], kind: AgreementType
) -> list[OrgCluster]:
    """The institutions the sentence names (each once), in order."""
    found: list[tuple[int, OrgCluster]] = []
    for org in orgs:
        starts = [m.span.start for m in org.mentions if sent.start <= m.span.start < sent.end]
        if starts:
            found.append((min(starts), org))
    return [org for _, org in sorted(found, key=lambda x: x[0])]


def _same_as(drafts: list[Draft], kind: AgreementType, parties: list[OrgCluster]) -> Draft | None:
    for draft in reversed(drafts):
        if draft.type != kind:
            continue
        new = [p for p in parties if p not in draft.parties]
        if not new or len(parties) < 2:
            return draft
    return None


def _status(sent: Span) -> AgreementStatus:
    words = {t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}
    if words & RENEWED:
        return "renewed"
    if words & PLANNED and not {"подписать", "подписали", "подписан"} & words:
        return "planned"
    return "signed"


def _add_signing(
    doc: Doc, draft: Draft, people: list[PersonCluster], dates: list[DateMention]
) -> None:
    """Signatories and the signing date from the agreement's sentences and the two after."""
    first = draft.sentences[0]
    sents = list(doc.sents)
    index = next(i for i, s in enumerate(sents) if s.start == first.start)
    window = [*draft.sentences, *sents[index + 1 : index + 3]]
    for sent in window:
        signing = any(t.lemma_.lower() in SIGNING for t in sent)
        if sent not in draft.sentences and not signing:
            continue
        for person in people:
            named = any(sent.start <= m.span.start < sent.end for m in person.mentions)
            if named and signing and person not in draft.signatories:
                draft.signatories.append(person)
        for date in dates:
            stated = any(e.sentence_start == sent.start_char for e in date.evidence)
            if draft.date_iso is None and stated and len(date.iso) == 10:
                draft.date_iso = date.iso


def _label(trigger: Span) -> str:
    """The document word and the words that complete it: "соглашение о сотрудничестве"."""
    doc = trigger.doc
    end = trigger.end
    while end < min(len(doc), trigger.end + _LABEL_WORDS) and _continues_label(doc[end]):
        end += 1
    while end > trigger.end and doc[end - 1].pos_ == "ADP":
        end -= 1  # "меморандум о взаимопонимании с": the preposition belongs to the party
    return doc[trigger.start : end].text


def _continues_label(token: Token) -> bool:
    return token.is_alpha and token.pos_ in ("ADP", "NOUN", "ADJ") and not token.ent_type_


def _to_agreement(draft: Draft) -> Agreement:
    evidence = tuple(
        Evidence(s.text.rstrip(), draft.trigger.start_char, draft.trigger.end_char, s.start_char)
        for s in draft.sentences[:1]
    )
    label = draft.trigger.text if draft.type == "consortium_membership" else _label(draft.trigger)
    return Agreement(
        type=draft.type,
        label=label[:200],
        parties=tuple(p.name for p in draft.parties),
        signatories=tuple(p.name for p in draft.signatories),
        date_iso=draft.date_iso,
        status=draft.status,
        evidence=evidence,
    )
