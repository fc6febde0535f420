"""Membership of an institution in a body of institutions, as the text states it.

A membership word (``patterns/membership_cues.txt``) on the dependency path
between two institutions of one sentence states that one belongs to the other,
in the direction the word gives: "X joined C", "X belongs to C", "X is part of
C", "X is now a member of C", "two further TU9 members, X and Y" (the body
after the word), "C includes X", "C counts X among its members" (the members
after it). Institutions listed "together with" a member are members too.
A list of "members" that names no body ("The founding members are X and Y")
belongs to the body of institutions named last before it, and so does a
bulleted list introduced by a line that speaks of members ("The consortium
brings together five German institutions:" followed by "- X;" lines).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from coopgraph.extract.facts.doc_text import text_of
from coopgraph.extract.facts.evidence import evidence_of
from coopgraph.extract.facts.orgs import OrgCluster, organization_type
from coopgraph.extract.patterns import word_table
from coopgraph.extract.records import Relation

# hops of a path, lists aside, beyond which it crosses clauses
MAX_PATH = 6
# what a body of members is named as (a university is no one's membership body)
_BODY_TYPES = frozenset({"consortium", "other", "ngo"})
# hops that walk along a list, not away from it
_LIST_HOPS = frozenset({"conj", "appos", "cc", "punct", "npadvmod", "dep"})
# the dependents that carry what a word is about: its object, its complements
_OBJECT_SIDE = frozenset({"dobj", "pobj", "prep", "attr", "oprd", "dative", "agent"})
# how a membership noun names its body: "member of C", "C members", "C's members"
_NOUN_BODY = frozenset({"compound", "nmod", "poss"})
# prepositions that keep the object the word's own: "member of C", "belongs to C"
_OWN_PREPOSITIONS = frozenset({"of", "to", "in", "into", "among", "as"})
# sentences back that an ownerless list of members may look for its body
_LOOK_BACK = 3


def stated_memberships(doc: Doc, clusters: list[OrgCluster]) -> Iterator[Relation]:
    """(member, member_of, body) for every membership the text states."""
    cues = {w: v.split() for w, v in word_table("membership_cues").items()}
    seen: set[tuple[str, str]] = set()
    found = [*_linked(clusters, cues), *_listed(clusters, cues), *_bulleted(doc, clusters, cues)]
    for member, body, mention in found:
        if (member.name, body.name) not in seen:
            seen.add((member.name, body.name))
            yield Relation(member.name, "member_of", body.name, (evidence_of(mention),))


def _linked(
    clusters: list[OrgCluster], cues: dict[str, list[str]]
) -> Iterator[tuple[OrgCluster, OrgCluster, Span]]:
    """Member and body joined by a membership word in one sentence."""
    for body in clusters:
        named_as_body = organization_type(body.name) in _BODY_TYPES
        wanted = {w: v[0] for w, v in cues.items() if "strong" in v or named_as_body}
        for member in clusters:
            if member is body or organization_type(member.name) == "consortium":
                continue
            found = _linking_mention(member, body, wanted)
            if found is None:
                continue
            yield member, body, found
            for fellow in _fellows(found, clusters, (member, body)):
                yield fellow, body, found


def _linking_mention(member: OrgCluster, body: OrgCluster, cues: dict[str, str]) -> Span | None:
    for m in member.mentions:
        for b in body.mentions:
            if m.sent.start != b.sent.start or b.start <= m.start < b.end:
                continue
            path = _path(m.root, b.root)
            if path is not None and any(_states(t, m.root, b.root, cues) for t in path):
                return m
    return None


def _fellows(
    mention: Span, clusters: list[OrgCluster], taken: tuple[OrgCluster, ...]
) -> Iterator[OrgCluster]:
    """Institutions listed "together with" or "along with" the member's mention."""
    withs = [
        t
        for t in mention.sent
        if t.lower_ == "with" and t.i > 0 and t.doc[t.i - 1].lower_ in ("together", "along")
    ]
    for cluster in clusters:
        if cluster in taken:
            continue
        if any(w.is_ancestor(m.root) for w in withs for m in cluster.mentions):
            yield cluster


def _listed(
    clusters: list[OrgCluster], cues: dict[str, list[str]]
) -> Iterator[tuple[OrgCluster, OrgCluster, Span]]:
    """Members listed under a membership noun that names no body ("The founding
    members are X and Y"): of the body of institutions named last before it."""
    nouns = {w for w, v in cues.items() if v[0] == "body-after"}
    bodies = [c for c in clusters if organization_type(c.name) == "consortium"]
    for cluster in clusters:
        if cluster in bodies:
            continue
        for mention in cluster.mentions:
            noun = _ownerless_member_noun(mention, nouns)
            if noun is None:
                continue
            body = _named_before(noun, bodies)
            if body is not None:
                yield cluster, body, mention
                break


# a list item: a bullet, a dash (hyphen or en dash), an asterisk, or "1." / "1)"
_BULLET = re.compile(r"\s*(?:[\u2022\u00b7\u2013*-]|\d{1,2}[.)])\s+")


def _bulleted(
    doc: Doc, clusters: list[OrgCluster], cues: dict[str, list[str]]
) -> Iterator[tuple[OrgCluster, OrgCluster, Span]]:
    """Institutions in a bulleted list whose introducing line speaks of members."""
    bodies = [c for c in clusters if organization_type(c.name) == "consortium"]
    for intro, items in _lists(text_of(doc)):
        line = doc.char_span(*intro, alignment_mode="expand")
        if line is None or not {t.lemma_.lower() for t in line} & cues.keys():
            continue
        body = _body_named_by(intro, clusters) or _named_before(line[0], bodies)
        if body is None:
            continue
        for cluster in clusters:
            if cluster is body:
                continue
            inside = [m for m in cluster.mentions if any(a <= m.start_char < b for a, b in items)]
            if inside:
                yield cluster, body, inside[0]


def _lists(text: str) -> Iterator[tuple[tuple[int, int], list[tuple[int, int]]]]:
    """(intro line span, item line spans) of each bulleted list after a line ending in ":"."""
    lines = []
    offset = 0
    for line in text.split("\n"):
        lines.append((offset, offset + len(line), line))
        offset += len(line) + 1
    for i, (start, end, line) in enumerate(lines):
        if not line.rstrip().endswith(":"):
            continue
        items = []
        for item_start, item_end, item in lines[i + 1 :]:
            if not _BULLET.match(item):
                break
            items.append((item_start, item_end))
        if items:
            yield (start, end), items


def _body_named_by(intro: tuple[int, int], clusters: list[OrgCluster]) -> OrgCluster | None:
    """The body of institutions the introducing line names, if it names one."""
    for cluster in clusters:
        if organization_type(cluster.name) not in _BODY_TYPES:
            continue
        if any(intro[0] <= m.start_char < intro[1] for m in cluster.mentions):
            return cluster
    return None


def _ownerless_member_noun(mention: Span, nouns: set[str]) -> Token | None:
    """The "members" whose list ``mention`` is in, when no body is named with it."""
    sent = mention.sent
    for token in sent:
        if token.lemma_.lower() not in nouns or token.pos_ != "NOUN":
            continue
        if any(
            c.dep_ == "prep" or (c.dep_ in _NOUN_BODY and c.pos_ == "PROPN") for c in token.children
        ):
            continue  # "members of C", "C members": named, and read by _linked
        verb = token.head
        listed = token.dep_ in ("nsubj", "nsubjpass") and verb.lemma_ in ("be", "include")
        if listed and _follows(mention.root, verb):
            return token
    return None


def _named_before(noun: Token, bodies: list[OrgCluster]) -> OrgCluster | None:
    """The body mentioned last before ``noun``, within a few sentences."""
    sentences = list(noun.doc.sents)
    index = next(i for i, s in enumerate(sentences) if s.start <= noun.i < s.end)
    earliest = sentences[max(0, index - _LOOK_BACK)].start
    before = [
        (m.start, body) for body in bodies for m in body.mentions if earliest <= m.start < noun.i
    ]
    return max(before, key=lambda found: found[0])[1] if before else None


def _states(word: Token, member: Token, body: Token, cues: dict[str, str]) -> bool:
    """``word`` states that ``member`` belongs to ``body``, in that direction. A verb
    has the one it places first as its subject: "X joined C", "C includes X"."""
    side = cues.get(word.lemma_.lower())
    verb = word.pos_ in ("VERB", "AUX")
    if side == "body-after":
        if verb and not _subject(member, word):
            return False
        return (_follows(body, word) or _names(word, body)) and not _follows(member, word)
    if side == "member-after":
        if verb and not _subject(body, word):
            return False
        return _follows(member, word) and not _follows(body, word)
    # "C counts X among its members", "C admitted X as a member": members follow the verb
    roles = [
        noun
        for prep in word.children
        if prep.dep_ == "prep" and prep.lower_ in ("as", "among")
        for noun in prep.children
        if cues.get(noun.lemma_.lower()) == "body-after"
    ]
    return bool(roles) and _subject(body, word) and _follows(member, word)


def _subject(token: Token, verb: Token) -> bool:
    """``token`` is the subject of ``verb``, or in a list or apposition with it."""
    while token.dep_ in _LIST_HOPS and token.head != token:
        token = token.head
    return token.dep_ in ("nsubj", "nsubjpass") and token.head == verb


def _names(noun: Token, body: Token) -> bool:
    """The membership noun is named by the body: "TU9 members", "ASRTU's members"."""
    return noun.pos_ == "NOUN" and any(
        c.dep_ in _NOUN_BODY and (c == body or c.is_ancestor(body)) for c in noun.children
    )


def _follows(token: Token, word: Token) -> bool:
    """``token`` is on the object side of ``word``, through no other preposition."""
    chain = [token]
    while chain[-1] != word and chain[-1].head != chain[-1]:
        chain.append(chain[-1].head)
    if chain[-1] != word or len(chain) < 2 or chain[-2].dep_ not in _OBJECT_SIDE:
        return False
    return all(t.lower_ in _OWN_PREPOSITIONS for t in chain[1:-1] if t.dep_ == "prep")


def _path(a: Token, b: Token) -> list[Token] | None:
    """The tokens strictly between ``a`` and ``b`` in the dependency tree, if short
    (hops along a list are free: the ninth university of a list is as close as the first)."""
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    common = next((t for t in up_a if t in up_b), None)
    if common is None:
        return None
    path = up_a[1 : up_a.index(common) + 1] + up_b[1 : up_b.index(common)]
    hops = [t for t in [a, *path, b] if t.dep_ not in _LIST_HOPS]
    return path if len(hops) <= MAX_PATH else None
