"""Institutions in a Russian text: Slovnet's ORG spans, completed and grouped.

A span is completed on the right with what Russian names carry after their
head: a genitive place ("Министерство образования" + "Республики Беларусь"),
a genitive body ("Институт физики" + "НАН Беларуси") and "имени …". An acronym
in parentheses after a name is its alias. Mentions are then grouped: the same
name in any case, an acronym of a name's initials (МГУ), or a shorter form
whose words all belong to a longer name with the same head ("Московский
университет").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from coopgraph.extract.records import OrgType
from coopgraph.extract.russian.entity_shapes import with_seat
from coopgraph.extract.russian.lexicon import (
    COMPANY_FORMS,
    COUNTRY_WORDS,
    GENERIC_BODIES,
    ORG_TYPES,
)
from coopgraph.extract.russian.names import analyzer, nominative_org

_SKIPPED_WORDS = frozenset({"имени", "им", "и", "по", "при", "в", "на", "для", "с", "«", "»", '"'})


@dataclass
class OrgMention:
    span: Span
    name: str  # nominative

    @property
    def lemmas(self) -> tuple[str, ...]:
        return tuple(t.lemma_.lower() for t in self.span if t.is_alpha)


@dataclass
class OrgCluster:
    mentions: list[OrgMention] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)
    kind: OrgType | None = None  # known without reading the name (a ministry made from a title)

    @property
    def name(self) -> str:
        full = [m for m in self.mentions if not _is_acronym(m.name)] or self.mentions
        return max(full, key=lambda m: (len(m.lemmas), len(m.name))).name

    @property
    def main(self) -> OrgMention:
        return next(m for m in self.mentions if m.name == self.name)

    def alias_names(self) -> list[str]:
        names = {m.name for m in self.mentions} | self.aliases
        return sorted(n for n in names if n != self.name)


def org_mentions(doc: Doc) -> list[OrgMention]:
    """Every ORG span, completed on the right, as a mention with its nominative name."""
    ents = list(doc.ents)
    mentions: list[OrgMention] = []
    skip_until = -1
    for i, ent in enumerate(ents):
        if ent.label_ != "ORG" or ent.start < skip_until:
            continue
        end = ent.end
        for nxt in ents[i + 1 :]:
            if nxt.start != end or nxt.label_ == "PER" or not _governed(doc[nxt.start]):
                break
            end = nxt.end
        end = with_seat(doc, ent.start, end)
        span = doc[ent.start : end]
        skip_until = end
        if len(span) == 1 and span[0].lemma_.lower() in GENERIC_BODIES:
            continue  # "Институт", "Союз" alone: a later mention of a name, not a name
        mentions.append(OrgMention(span, nominative_org(list(span))))
    return mentions


def _governed(token: Token) -> bool:
    """A word in the genitive continues the name before it ("… Республики Беларусь")."""
    return token.morph.get("Case", []) == ["Gen"] or token.text.isupper()


def cluster_orgs(mentions: list[OrgMention], doc: Doc) -> list[OrgCluster]:
    clusters: list[OrgCluster] = []
    by_key: dict[str, OrgCluster] = {}
    # longer names first, so that short forms and acronyms find what they abbreviate
    for mention in sorted(mentions, key=lambda m: -len(m.lemmas)):
        key = " ".join(mention.lemmas)
        cluster = by_key.get(key) or _abbreviated(mention, clusters)
        if cluster is None:
            cluster = OrgCluster()
            clusters.append(cluster)
        cluster.mentions.append(mention)
        by_key[key] = cluster
        # "(СКФУ)" after a name: the acronym's later mentions join the name's cluster
        acronym = _parenthesized_acronym(doc, mention.span.end)
        if acronym:
            cluster.aliases.add(acronym)
    for cluster in clusters:
        cluster.mentions.sort(key=lambda m: m.span.start)
    clusters.sort(key=lambda c: c.mentions[0].span.start)
    return clusters


def _abbreviated(mention: OrgMention, clusters: list[OrgCluster]) -> OrgCluster | None:
    for cluster in clusters:
        full = cluster.main
        if _is_acronym(mention.name) and (
            mention.name in (_initials(full), *cluster.aliases) or _abbreviates(mention.name, full)
        ):
            return cluster
        if _acronym_with_tail(mention, full):
            return cluster
        short, long_ = set(mention.lemmas), set(full.lemmas)
        if len(short) >= 2 and short < long_ and _head_lemma(mention) == _head_lemma(full):
            return cluster
    return None


def _acronym_with_tail(short: OrgMention, full: OrgMention) -> bool:
    """ "НАН Беларуси" abbreviates "Национальная академия наук Беларуси": the acronym
    stands for the words before a tail the two names share."""
    first = short.span[0]
    tail = short.lemmas[1:]
    if not tail or not _is_acronym(first.text) or len(full.lemmas) <= len(tail):
        return False
    if full.lemmas[-len(tail) :] != tail:
        return False
    words = [t for t in full.span if t.is_alpha][: -len(tail)]
    letters = "".join(t.text[0].upper() for t in words if t.lower_ not in _SKIPPED_WORDS)
    return letters == first.text.upper()


def _abbreviates(acronym: str, full: OrgMention) -> bool:
    """ "КазНУ" for "Казахский национальный университет": each capital starts a piece
    that begins the next word of the name."""
    pieces = re.findall(r"[А-ЯЁA-Z][а-яёa-z]*", acronym)
    words = [t.lower_ for t in full.span if t.is_alpha and t.lower_ not in _SKIPPED_WORDS]
    if len(pieces) < 2 or len(pieces) > len(words):
        return False
    return all(w.startswith(p.lower()) for p, w in zip(pieces, words, strict=False))


def _initials(mention: OrgMention) -> str:
    # the eponym ("имени Ломоносова") is not part of the acronym
    words = [t.lower_ for t in mention.span]
    cut = next((i for i, w in enumerate(words) if w in ("имени", "им")), len(words))
    letters = [
        part[0].upper()
        for t in mention.span[:cut]
        if t.text[:1].isalpha() and t.lower_ not in _SKIPPED_WORDS and not t.is_upper
        for part in t.text.split("-")  # "Северо-Кавказский": С and К
        if part
    ]
    return "".join(letters)


def _head_lemma(mention: OrgMention) -> str | None:
    for token in mention.span:
        if token.pos_ in ("NOUN", "PROPN"):
            return token.lemma_.lower()
    return None


def _is_acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return 2 <= len(letters) <= 8 and " " not in name and sum(c.isupper() for c in letters) >= 2


def _parenthesized_acronym(doc: Doc, end: int) -> str | None:
    if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
        word = doc[end + 1].text
        if _is_acronym(word):
            return word
    return None


def organization_type(cluster: OrgCluster) -> OrgType:
    if cluster.kind is not None:
        return cluster.kind
    lemmas = [t.lemma_.lower() for m in cluster.mentions for t in m.span if t.is_alpha]
    words = [t.lower_ for m in cluster.mentions for t in m.span]
    if COMPANY_FORMS & set(words):
        return "company"
    if "академия" in lemmas and "наука" in lemmas and not {"ассоциация", "союз"} & set(lemmas):
        return "research_institute"
    if "сетевой" in lemmas:
        return "consortium"  # "Сетевой университет СНГ": a network of universities
    for lemma in lemmas:
        if lemma in ORG_TYPES:
            return ORG_TYPES[lemma]
    name = cluster.name
    if any(name.endswith(end) for end in ("ГУ", "ТУ", "НУ")) and _is_acronym(name):
        return "university"
    return "other"


def organization_country(cluster: OrgCluster) -> str | None:
    """The country a name states: "Белорусский …", "… Республики Беларусь", "Полоцкий …"."""
    for word in re.findall(r"[\w-]+", cluster.name):
        for form in (word.lower(), analyzer().parse(word)[0].normal_form):
            code = COUNTRY_WORDS.get(form)
            if code:
                return code
    return None
