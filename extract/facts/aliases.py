"""Decide when two surface names denote the same institution inside one document.

>>> is_acronym_of("KazNU", "Kazakh National University")
True
>>> is_acronym_of("KazNU", "Al-Farabi Kazakh National University")
True
>>> is_acronym_of("KNUA", "Kazakh National University of Arts")
True
>>> same_institution("Al-Farabi KazNU", "Al-Farabi Kazakh National University")
True
>>> same_institution("Kazakh National University named after Al-Farabi",
...                  "Al-Farabi Kazakh National University")
True
>>> same_institution("Kazakh National University", "Kazakh National Pedagogical University")
False
"""

from __future__ import annotations

import re
from functools import lru_cache

from coopgraph.extract.names import fold_accents, looks_like_acronym
from coopgraph.extract.patterns import word_list, word_table

_MINOR = frozenset({"of", "the", "and", "for", "in", "on", "named", "after", "&", "at", "between"})
_COMPLEMENT_STARTS = frozenset({"of", "for", "on", "between", "named"})
_WORD = re.compile(r"[\w]+(?:[-'][\w]+)*")


@lru_cache(maxsize=65536)  # pure, and asked of the same names many times per document
def normalize_name(name: str) -> str:
    """Case-, accent- and punctuation-insensitive key; a leading "the" is dropped."""
    text = re.sub(r"[\u2019'`\"\u201c\u201d\u00ab\u00bb]", "", fold_accents(name))
    text = re.sub(r"[^\w]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def words(name: str) -> list[str]:
    """The name's words, with heads of other languages in English ("universitat" →
    "university")."""
    return [_english_head(w) for w in normalize_name(name).split() if w]


def _english_head(word: str) -> str:
    return _ENGLISH_HEADS().get(word, word)


@lru_cache(maxsize=1)
def _ENGLISH_HEADS() -> dict[str, str]:  # noqa: N802 - a constant, read once
    return {normalize_name(k): v for k, v in word_table("heads_before_name").items()}


def is_acronym_of(acronym: str, name: str) -> bool:
    """True when ``acronym`` abbreviates ``name`` (in order, or as the same set of initials)."""
    if not looks_like_acronym(acronym) or looks_like_acronym(name):
        return False
    acr = acronym.replace(".", "").casefold()
    parts = [w for w in words(name.replace("-", " ")) if w not in _MINOR]
    # "CCAS": Cooperation Council of the Arabic-Speaking states; the members'
    # plural is left out of the initials
    while len(parts) > 2 and parts[-1] in word_list("member_plurals") | {"member"}:
        if _prefix_cover(acr, tuple(parts)):
            return True
        parts = parts[:-1]
    if len(parts) < 2:
        return False
    # leading qualifiers may be left out: "KazNU" for "Al-Farabi Kazakh National University"
    if any(_prefix_cover(acr, tuple(parts[i:])) for i in range(len(parts) - 1)):
        return True
    initials = "".join(p[0] for p in parts)
    return len(acr) == len(initials) and sorted(acr) == sorted(initials)


@lru_cache(maxsize=4096)
def _prefix_cover(acr: str, parts: tuple[str, ...]) -> bool:
    """Can ``acr`` be cut into prefixes of every word of ``parts``, in order?"""
    if not acr:
        return not parts
    if not parts:
        return False
    head, rest = parts[0], parts[1:]
    for k in range(min(len(head), len(acr)), 0, -1):
        if head[:k] == acr[:k] and _prefix_cover(acr[k:], rest):
            return True
    return False


@lru_cache(maxsize=65536)
def same_institution(a: str, b: str) -> bool:
    """Same institution named two ways: equal, acronym, reordered, or qualifier + acronym."""
    na, nb = normalize_name(a), normalize_name(b)
    if not na or not nb:
        return False
    if na == nb:
        return True
    if is_acronym_of(a, b) or is_acronym_of(b, a):
        return True
    wa = [w for w in words(a) if w not in _MINOR]
    wb = [w for w in words(b) if w not in _MINOR]
    if len(wa) > 1 and sorted(wa) == sorted(wb):
        return True
    if _one_head_word_more(wa, wb) or _one_head_word_more(wb, wa):
        return True
    return _qualified_acronym(a, b) or _qualified_acronym(b, a)


def is_shortened_name(short: str, full: str) -> bool:
    """ "Baltic Association" for "Baltic Association of Technical Schools" (the full name
    without its complement), "Eurasian National University" for "Gumilyov Eurasian
    National University" (without a leading qualifier, when what is left still names someone).

    >>> is_shortened_name("Baltic Association", "Baltic Association of Technical Schools")
    True
    >>> is_shortened_name("National University", "Al-Farabi Kazakh National University")
    False
    >>> is_shortened_name("Technology Commercialization Center",
    ...                   "Korean Center for Technology Commercialization of ASEAN member states")
    True
    >>> is_shortened_name("Kazakh National University", "Kazakh National University of Arts")
    False
    """
    ws, wf = words(short), words(full)
    if len(ws) < 2 or len(wf) <= len(ws):
        return False
    if _inverted_inside(ws, wf):
        return True
    if wf[: len(ws)] == ws:
        return _names_members_or_place(wf[len(ws) :])
    dropped = wf[: len(wf) - len(ws)]
    if wf[len(dropped) :] != ws or len(dropped) > 2 or any(w in _MINOR for w in dropped):
        return False
    return len(ws) >= 3 or ws[0] not in word_list("generic_name_words")


def _inverted_inside(short: list[str], full: list[str]) -> bool:
    """ "Technology Commercialization Center" is "Center for Technology Commercialization",
    which the full name "Korean Center for Technology Commercialization of ASEAN member
    states" contains."""
    heads = {h.casefold() for h in word_table("institution_heads")}
    if len(short) < 3 or short[-1] not in heads:
        return False
    for link in ("for", "of"):
        inverted = [short[-1], link, *short[:-1]]
        n = len(inverted)
        if any(full[i : i + n] == inverted for i in range(len(full) - n + 1)):
            return True
    return False


def _names_members_or_place(complement: list[str]) -> bool:
    """ "of Technical Schools", "of the Arabic-speaking states", "of Kenya", "for
    coordinating ...": a complement that does not make another institution, unlike
    "of Informatics" in "Belarusian State University of Informatics"."""
    if not complement or complement[0] not in _COMPLEMENT_STARTS:
        return False
    if complement[0] != "of":
        return True
    places = {normalize_name(p) for p in word_table("countries")}
    return complement[-1] in word_list("member_plurals") or complement[-1] in places


def _one_head_word_more(short: list[str], full: list[str]) -> bool:
    """ "Dominion University" and "Dominion University College": the longer name adds
    only one more institution word at the end."""
    heads = {h.casefold() for h in word_table("institution_heads")}
    return len(short) >= 2 and full[:-1] == short and full[-1].casefold() in heads


def _qualified_acronym(short: str, full: str) -> bool:
    """ "Al-Farabi KazNU" ~ "Al-Farabi Kazakh National University": shared words plus an
    acronym standing for all the remaining words of the full name."""
    tokens = short.split()
    if len(tokens) < 2 or not looks_like_acronym(tokens[-1]):
        return False
    qualifier = [w for w in words(" ".join(tokens[:-1])) if w not in _MINOR]
    full_words = [w for w in words(full) if w not in _MINOR]
    if not qualifier or any(q not in full_words for q in qualifier):
        return False
    rest = [w for w in full_words if w not in qualifier]
    return len(rest) >= 2 and is_acronym_of(tokens[-1], " ".join(rest))
