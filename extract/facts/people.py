"""People: names cleaned of titles, grouped by surname, with role and affiliation.

A role is read from the words before a name ("the rector of X Gulnara
Abdrakhmanova", "acting Vice-Rector for Operations Kanatbek Mukanov") or from
an apposition after it ("Wang Lei, Vice-Rector of X"). An institution
inside the role phrase is the person's affiliation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from rapidfuzz import fuzz
from spacy.tokens import Doc, Span, Token

from coopgraph.extract.facts.doc_text import text_of
from coopgraph.extract.facts.evidence import evidence_of
from coopgraph.extract.facts.implied_orgs import names_an_office
from coopgraph.extract.facts.orgs import OrgCluster
from coopgraph.extract.names import INITIALS
from coopgraph.extract.patterns import word_list, word_table
from coopgraph.extract.records import Person

_POSTNOMINAL = re.compile(r"^(M\.?\w{0,4}\.?|Ph\.?D\.?|IPU|MBA|DSc|Jr\.?|Sr\.?|S\.?\w{1,3}\.?)$")
_ROLE_MODIFIERS = frozenset(
    {
        "acting",
        "first",
        "deputy",
        "executive",
        "general",
        "senior",
        "associate",
        "assistant",
        "former",
        "honorary",
        "vice",
        "chief",
        "principal",
        "interim",
    }
)
_ROLE_WINDOW = 10
_SPELLING = 85  # rapidfuzz ratio of two spellings of one surname


@dataclass
class PersonCluster:
    mentions: list[Span] = field(default_factory=list)
    role: str | None = None
    affiliation: OrgCluster | None = None
    inferred_affiliation: bool = False

    @property
    def name(self) -> str:
        return max((m.text for m in self.mentions), key=lambda t: (len(t.split()), len(t)))

    @property
    def aliases(self) -> tuple[str, ...]:
        name = self.name
        return tuple(dict.fromkeys(m.text for m in self.mentions if m.text != name))


def person_mentions(doc: Doc, orgs: list[OrgCluster]) -> list[Span]:
    """PERSON entities trimmed of titles and post-nominals, extended over given names."""
    titles = _honorifics() | word_list("roles")
    heads = word_table("institution_heads")
    places = word_table("countries")
    domains = frozenset(w.casefold() for w in word_list("role_domains"))
    found = []
    for ent in doc.ents:
        if ent.label_ != "PERSON" or any(c.covers(ent) for c in orgs):
            continue
        if any(t.text in heads for t in ent):
            continue  # an institution the model took for a person
        start, end = ent.start, ent.end
        while start < end and (
            doc[start].text.rstrip(".").casefold() in titles
            or doc[start].text in places
            or (doc[start].text.casefold() in domains and end - start > 2)
            or any(c.covers(doc[start : start + 1]) for c in orgs)
        ):
            start += 1
        while end > start and (
            _POSTNOMINAL.match(doc[end - 1].text) or any(c.isdigit() for c in doc[end - 1].text)
        ):
            end -= 1
        excluded = titles | domains | {p.casefold() for p in places}
        while start > 0 and _given_name(doc[start - 1], doc[start:end], excluded):
            start -= 1
        span = doc[start:end]
        if any(t.is_alpha and t.text[:1].isupper() for t in span) and len(span.text) > 2:
            found.append(span)
    for span in _names_after_role_of_institution(doc, orgs, titles, heads):
        if not any(
            f.start <= span.start < f.end or span.start <= f.start < span.end for f in found
        ):
            found.append(span)
    return sorted(found, key=lambda s: s.start)


def _names_after_role_of_institution(
    doc: Doc, orgs: list[OrgCluster], titles: set[str] | frozenset[str], heads: dict[str, str]
) -> list[Span]:
    """ "Rector of Kazan Federal University Academician I.R. Gafurov": the
    name the model missed right after "<role> of <institution>" (and any honorifics)."""
    roles = word_list("roles")
    found = []
    for cluster in orgs:
        offices = [span for _, span in cluster.implied if names_an_office(span)]
        for mention in [*cluster.mentions, *offices]:
            i = mention.start - 1
            if i >= 0 and doc[i].lower_ == "the":
                i -= 1
            office = mention in offices
            if not office and not (
                i >= 1 and doc[i].lower_ in ("of", "at") and _role_ends_before(doc, i, roles)
            ):
                continue
            start = mention.end
            while start < len(doc) and doc[start].text.rstrip(".").casefold() in titles:
                start += 1
            end = start
            while end < len(doc) and end - start < 4 and _name_token(doc[end], titles, heads):
                end += 1
            surnames = [t for t in doc[start:end] if t.is_alpha and len(t.text) > 1]
            if end - start >= 2 and surnames:
                found.append(doc[start:end])
    return found


def _role_ends_before(doc: Doc, i: int, roles: frozenset[str]) -> bool:
    """A role word in the few words before position ``i``: "Rector of", "Vice-Rector
    for Research of"."""
    for j in range(i - 1, max(-1, i - 5), -1):
        if (doc[j].is_punct and doc[j].text != "-") or doc[j].pos_ in ("VERB", "AUX"):
            return False
        if _is_role_word(doc[j], roles):
            return True
    return False


def _name_token(token: Token, titles: set[str] | frozenset[str], heads: dict[str, str]) -> bool:
    if INITIALS.match(token.text):
        return True
    return (
        token.is_alpha
        and token.is_title
        and token.text not in heads
        and token.text.casefold() not in titles
        and token.ent_type_ not in ("ORG", "GPE", "DATE", "NORP")
    )


def _given_name(token: Token, name: Span, excluded: set[str] | frozenset[str]) -> bool:
    """A capitalised word the model left out of a name but parsed as part of it.

    Not when the name begins with initials ("B. Akchulakov": the initial is the
    given name), nor after "of"/"for" ("Minister of Energy B. Akchulakov": the
    word completes the office).
    """
    before = token.doc[token.i - 1].lower_ if token.i > 0 else ""
    return (
        len(name) > 0
        and not INITIALS.match(name[0].text)
        and before not in ("of", "for")
        and token.pos_ == "PROPN"
        and name.start <= token.head.i < name.end
        and token.is_title
        and token.is_alpha
        and token.text.casefold() not in excluded
        and token.ent_type_ in ("", "PERSON")
        and not token.is_sent_start
    )


def cluster_people(mentions: list[Span]) -> list[PersonCluster]:
    clusters: list[PersonCluster] = []
    for span in sorted(mentions, key=lambda s: -len(s)):
        home = next((c for c in clusters if _compatible(span.text, c.name)), None)
        if home is None:
            clusters.append(PersonCluster(mentions=[span]))
        else:
            home.mentions.append(span)
    clusters.sort(key=lambda c: min(m.start for m in c.mentions))
    return [c for c in clusters if len(c.name.split()) >= 2]


def _compatible(a: str, b: str) -> bool:
    ta, tb = a.replace(".", ". ").split(), b.replace(".", ". ").split()
    if ta == tb:
        return True
    if ta[-1].casefold() != tb[-1].casefold():
        # one person spelt two ways in one text: "Gulnara Abdrakhmanova" / "Gulnara Abdrahmanova"
        same_given = len(ta) > 1 and len(tb) > 1 and ta[0].casefold() == tb[0].casefold()
        return same_given and fuzz.ratio(ta[-1].casefold(), tb[-1].casefold()) >= _SPELLING
    if len(ta) == 1 or len(tb) == 1:
        return True
    fa, fb = ta[0].rstrip(".").casefold(), tb[0].rstrip(".").casefold()
    return fa == fb or fa.startswith(fb) or fb.startswith(fa)


def assign_roles(doc: Doc, people: list[PersonCluster], orgs: list[OrgCluster]) -> None:
    roles = word_list("roles")
    for person in people:
        for mention in sorted(person.mentions, key=lambda m: m.start):
            phrase = _role_before(doc, mention, roles, orgs) or _role_after(doc, mention, roles)
            if phrase is None:
                continue
            if person.role is None:
                person.role = _role_text(phrase, orgs)
            if person.affiliation is None:
                person.affiliation = _org_in(phrase, orgs)
            if person.role and person.affiliation:
                break


def _role_before(
    doc: Doc, mention: Span, roles: frozenset[str], orgs: list[OrgCluster] | None = None
) -> Span | None:
    """Words before the name, back to a verb or clause boundary, if they contain a role.

    A comma does not end the phrase after a role word or after an institution:
    "the Vice-Chancellor of the University of Ghana, Prof. Kwesi Mensah Asante".
    """
    start = mention.start
    lower = max(mention.sent.start, mention.start - _ROLE_WINDOW)
    honorifics = _honorifics()
    while start > lower:
        tok = doc[start - 1]
        if tok.text == "." and start >= 2 and doc[start - 2].lower_ in honorifics:
            start -= 1  # the full stop of "Prof." is not the end of a clause
            lower = max(mention.sent.start, lower - 1)
            continue
        if any(c.covers(doc[tok.i : tok.i + 1]) for c in orgs or []):
            lower = max(mention.sent.start, lower - 1)  # a name does not use up the window
        if tok.pos_ in ("VERB", "AUX", "SCONJ") or tok.is_space or "\n" in tok.text:
            break
        if tok.text in (".", ";", ":", "(", ")", '"', "“", "”"):
            break
        if tok.text == ",":
            before = doc[start - 2] if start >= 2 else tok
            # "the president of the Brazilian Association for International Education (FAUBAI),"
            acronym = before.text == ")" and start >= 5 and doc[start - 4].text == "("
            last = doc[start - 5] if acronym else before
            if _ends_role_of_org(doc, last, roles, orgs):
                # the institution's name should not use up the window for the role
                lower = max(mention.sent.start, lower - _ROLE_WINDOW)
                if acronym:
                    start = last.i + 1  # past the bracketed acronym
                    continue
            elif not _is_role_word(before, roles):
                break
        start -= 1
    phrase = _last_role_chunk(doc[start : mention.start], roles)
    if not any(_is_role_word(t, roles) for t in phrase):
        return None
    return phrase


def _last_role_chunk(phrase: Span, roles: frozenset[str]) -> Span:
    """ "Professor Nurlan Abenov and general secretary Dana Sarsenova": the role of the
    name that follows begins after the last "and" that starts a new role, and not
    inside an institution's name ("International Relations and Cooperation Department")."""
    doc = phrase.doc
    for i in range(phrase.end - 2, phrase.start - 1, -1):
        if doc[i].lower_ == "and" and _starts_a_role(doc, i + 1, roles):
            return doc[i + 1 : phrase.end]
    return phrase


def _ends_role_of_org(
    doc: Doc, last: Token, roles: frozenset[str], orgs: list[OrgCluster] | None
) -> bool:
    """ "Vice-Chancellor of the University of Ghana" ends at ``last``."""
    for cluster in orgs or []:
        for m in cluster.mentions:
            if m.end - 1 != last.i:
                continue
            i = m.start - 1
            if i >= 0 and doc[i].lower_ == "the":
                i -= 1
            if i >= 1 and doc[i].lower_ in ("of", "at") and _role_ends_before(doc, i, roles):
                return True
    return False


def _role_after(doc: Doc, mention: Span, roles: frozenset[str]) -> Span | None:
    """ "Name, Vice-Rector of X": an apposition right after the name."""
    if mention.end >= len(doc) or doc[mention.end].text != ",":
        return None
    end = mention.end + 1
    limit = min(mention.sent.end, end + _ROLE_WINDOW + 6)
    while end < limit and doc[end].pos_ not in ("VERB", "AUX") and doc[end].text not in (".", ";"):
        end += 1
    phrase = _first_role_chunk(doc[mention.end + 1 : end], roles)
    # "Oron Shagrir, HUJI's vice president …": the role may follow its institution's name
    first = next((i for i, t in enumerate(phrase) if t.text in ("'s", "\u2019s")), -1) + 1
    opening = phrase[first : first + 2] if first <= 3 else phrase[:2]
    if not any(_is_role_word(t, roles) for t in opening):
        return None
    return phrase


def _starts_a_role(doc: Doc, i: int, roles: frozenset[str]) -> bool:
    """ "general secretary", "President", "Vice-President" begin a role."""
    hyphened = i + 2 < len(doc) and doc[i + 1].text == "-" and _is_role_word(doc[i + 2], roles)
    return doc[i].is_lower or _is_role_word(doc[i], roles) or hyphened


def _first_role_chunk(phrase: Span, roles: frozenset[str]) -> Span:
    """ "Deputy Director of Center, Zhang Min, Director of ...": an apposition ends at a
    comma that another name, not another role, follows ("Vice-Rector, Director of")."""
    doc = phrase.doc
    for i in range(phrase.start, phrase.end - 1):
        if doc[i].text == "," and not _is_role_word(doc[i + 1], roles):
            return doc[phrase.start : i]
    return phrase


def _is_role_word(token: Token, roles: frozenset[str]) -> bool:
    return token.lower_ in roles or token.lemma_.casefold() in roles


_LEADING_NON_ROLE = frozenset(
    {"the", "a", "an", ",", "and", "by", "of", "-", "its", "their", "his", "her", "our"}
)


def _role_text(phrase: Span, orgs: list[OrgCluster]) -> str | None:
    """The role words of a phrase, without the institution and its connecting "of the"
    ("Rector of KazNU"), or the institution before it ("NIMS President", "HUJI's vice
    president"), and without an honorific after it ("Rector Prof.")."""
    roles = word_list("roles")
    tokens: list[Token] = []
    for tok in phrase:
        if any(c.covers(tok.doc[tok.i : tok.i + 1]) for c in orgs):
            if any(_is_role_word(t, roles) for t in tokens):
                break
            tokens = []  # the institution the role is of, named first
            continue
        tokens.append(tok)
    honorifics = _honorifics()
    while len(tokens) > 1 and tokens[-1].text.rstrip(".").casefold() in honorifics:
        tokens.pop()
        if tokens[-1].text == ".":
            tokens.pop()
    while tokens and tokens[-1].lower_ in ("of", "the", "at", ",", "-", "and", "from"):
        tokens.pop()
    while tokens and tokens[0].lower_ in _LEADING_NON_ROLE:
        tokens.pop(0)
    tokens = _from_first_role_word(tokens)
    if not tokens:
        return None
    doc = phrase.doc
    return text_of(doc)[tokens[0].idx : tokens[-1].idx + len(tokens[-1])].strip(" ,") or None


def _from_first_role_word(tokens: list[Token]) -> list[Token]:
    """ "at the signing by its President" → "President": a role begins at its first
    role word, or at the modifiers right before it ("acting Vice-Rector")."""
    roles, modifiers = word_list("roles"), word_list("role_modifiers")
    first = next((i for i, t in enumerate(tokens) if _is_role_word(t, roles)), None)
    if first is None:
        return tokens  # no role word: the phrase as found (a title such as "Dr")
    while first > 0:
        before = tokens[first - 1]
        if before.lower_ in modifiers:
            first -= 1
        elif before.text in ("-", "\u2010") and first > 1 and tokens[first - 2].lower_ in modifiers:
            first -= 2  # "Vice-Rector", split by the tokenizer
        else:
            break
    return tokens[first:]


def _org_in(phrase: Span, orgs: list[OrgCluster]) -> OrgCluster | None:
    """The institution named in a role phrase, or implied by it ("Minister of Education")."""
    for tok in phrase:
        for cluster in orgs:
            one = tok.doc[tok.i : tok.i + 1]
            if cluster.covers(one) or cluster.implies(one):
                return cluster
    return None


@cache
def _honorifics() -> frozenset[str]:
    """ "prof", "dr", "mr": honorifics without their full stop, folded."""
    return frozenset(h.rstrip(".").casefold() for h in word_list("honorifics"))


def to_person(cluster: PersonCluster) -> Person:
    return Person(
        name=cluster.name,
        role=cluster.role,
        affiliation=cluster.affiliation.name if cluster.affiliation else None,
        aliases=cluster.aliases,
        evidence=tuple(evidence_of(m) for m in cluster.mentions),
    )
