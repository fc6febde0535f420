"""People in a Russian text: Slovnet's PER spans in the nominative, with role and affiliation.

The role is the phrase that introduces the name ("ректор БГУ Андрей Король",
"министром образования России Владимиром Филипповым") or follows it after a
comma ("Андрей Король, ректор БГУ,"): it starts at a position word of
:data:`ROLE_HEADS` and is put in the nominative. The affiliation is the
institution named inside the role; failing that, the institution the
sentence names right before the role ("БГУ представлял проректор …").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from coopgraph.extract.russian.extents import coordinated_end
from coopgraph.extract.russian.lexicon import ACADEMIC_ROLES, ROLE_HEADS, ROLE_MODIFIERS
from coopgraph.extract.russian.names import nominative_person, nominative_phrase
from coopgraph.extract.russian.orgs import OrgCluster

_ROLE_REACH = 12  # tokens a role may span before the name it introduces


@dataclass
class PersonMention:
    span: Span
    name: str
    role: Span | None = None


@dataclass
class PersonCluster:
    mentions: list[PersonMention] = field(default_factory=list)

    @property
    def name(self) -> str:
        return max(self.mentions, key=lambda m: (_full_words(m.name), len(m.name))).name

    @property
    def surname(self) -> str:
        return _surname(self.name)

    def aliases(self) -> list[str]:
        return sorted({m.name for m in self.mentions} - {self.name})

    @property
    def role(self) -> Span | None:
        return next((m.role for m in self.mentions if m.role is not None), None)


def person_mentions(doc: Doc) -> list[PersonMention]:
    mentions = []
    for ent in doc.ents:
        if ent.label_ != "PER" or not any(t.is_alpha and len(t) > 1 for t in ent):
            continue
        mentions.append(PersonMention(ent, nominative_person(list(ent)), _role_of(doc, ent)))
    return mentions


def cluster_people(mentions: list[PersonMention]) -> list[PersonCluster]:
    clusters: list[PersonCluster] = []
    for mention in sorted(mentions, key=lambda m: -_full_words(m.name)):
        for cluster in clusters:
            if _same_person(mention.name, cluster.name):
                cluster.mentions.append(mention)
                break
        else:
            clusters.append(PersonCluster([mention]))
    for cluster in clusters:
        cluster.mentions.sort(key=lambda m: m.span.start)
    clusters.sort(key=lambda c: c.mentions[0].span.start)
    return clusters


def is_academic(role: Span | None) -> bool:
    """A university position ("проректор по учебной работе", "декан"), which a release
    names without its university when the university is the one writing."""
    return role is not None and any(t.lemma_.lower() in ACADEMIC_ROLES for t in role)


def role_text(role: Span) -> str:
    return nominative_phrase(list(role)).strip(" ,–—-")


def affiliation(cluster: PersonCluster, orgs: list[OrgCluster]) -> OrgCluster | None:
    """The institution inside the person's role, else one named just before it."""
    for mention in cluster.mentions:
        if mention.role is None:
            continue
        inside = _org_within(orgs, mention.role.start, mention.role.end)
        if inside is not None:
            return inside
    for mention in cluster.mentions:
        if mention.role is None:
            continue
        # "ОмГУ представляли исполняющий обязанности ректора Иван Кротт и …": the
        # institution the sentence names last before the role
        before = _last_org_before(orgs, mention.role.sent.start, mention.role.start)
        if before is not None:
            return before
    return None


def _last_org_before(orgs: list[OrgCluster], start: int, end: int) -> OrgCluster | None:
    found = [
        (m.span.start, cluster)
        for cluster in orgs
        for m in cluster.mentions
        if start <= m.span.start and m.span.end <= end
    ]
    return max(found, key=lambda f: f[0])[1] if found else None


def _org_within(orgs: list[OrgCluster], start: int, end: int) -> OrgCluster | None:
    for cluster in orgs:
        for m in cluster.mentions:
            if m.span.start >= start and m.span.end <= end:
                return cluster
    return None


def _role_of(doc: Doc, ent: Span) -> Span | None:
    return _role_before(doc, ent) or _role_after(doc, ent)


def _role_before(doc: Doc, ent: Span) -> Span | None:
    sent_start = ent.sent.start
    i = ent.start - 1
    head = None
    while i >= max(sent_start, ent.start - _ROLE_REACH):
        token = doc[i]
        if token.text in (",", "и") and i > sent_start and coordinated_end(doc, i) > i:
            i -= 1  # "министра высшего образования, науки и инноваций": one portfolio
            continue
        if token.text in ",;:()" or token.pos_ == "VERB" or token.lower_ in ("и", "а"):
            break
        if _is_role_head(token):
            head = i
        i -= 1
    if head is None:
        return None
    while head > sent_start and (
        doc[head - 1].lemma_.lower() in ROLE_MODIFIERS or doc[head - 1].lower_ in ROLE_MODIFIERS
    ):
        head -= 1
    return doc[head : ent.start]


def _role_after(doc: Doc, ent: Span) -> Span | None:
    """ "Андрей Король, ректор БГУ," """
    if (
        ent.end + 1 >= len(doc)
        or doc[ent.end].text != ","
        or not _is_role_head_or_mod(doc[ent.end + 1])
    ):
        return None
    end = ent.end + 1
    while (
        end < min(len(doc), ent.end + _ROLE_REACH)
        and doc[end].text not in (",", ".", ";", "(", ")")
        and doc[end].pos_ != "VERB"
    ):
        end += 1
    return doc[ent.end + 1 : end]


def _is_role_head(token: Token) -> bool:
    return token.lemma_.lower() in ROLE_HEADS or token.lower_ in ROLE_HEADS


def _is_role_head_or_mod(token: Token) -> bool:
    return _is_role_head(token) or token.lemma_.lower() in ROLE_MODIFIERS


def _surname(name: str) -> str:
    words = [w for w in name.replace(".", ". ").split() if len(w.strip(".")) > 1]
    return words[-1].lower() if words else name.lower()


def _full_words(name: str) -> int:
    return sum(1 for w in name.replace(".", ". ").split() if len(w.strip(".")) > 1)


def _same_person(short: str, full: str) -> bool:
    """Same surname, and any initial or first name the shorter form gives agrees."""
    if _surname(short) != _surname(full):
        return False
    a = [w for w in short.replace(".", ". ").split()[:-1]]
    b = [w for w in full.replace(".", ". ").split()[:-1]]
    return all(x[:1].lower() == y[:1].lower() for x, y in zip(a, b, strict=False))
