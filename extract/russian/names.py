"""Inflected names → the nominative: "с Полоцким государственным университетом" →
"Полоцкий государственный университет", "Владимиром Филипповым" → "Владимир Филиппов".

Slovnet's tagger gives each word its case, gender and number in context;
pymorphy3 inflects a word whose analysis agrees with that context. An
institution's name changes only up to its head noun (the words after it, "…
имени М.В. Ломоносова", "… Республики Беларусь", stay in the genitive they
govern); a person's name changes word by word. Words pymorphy3 cannot place
keep their surface form, so a name is never made worse than the text wrote it.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from spacy.tokens import Token

# "Минобразования", "Минобрнауки": a ministry's short name does not inflect
_FIXED_MINISTRY_ENDINGS = ("образования", "обрнауки", "науки", "здрава", "сельхозпрода")
_CASES = {"Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt", "Loc": "loct", "Nom": "nomn"}
_GENDERS = {"Masc": "masc", "Fem": "femn", "Neut": "neut"}
# a surname's oblique ending → the nominative ending, by gender (when pymorphy3 does not know it)
_SURNAME_ENDINGS = {
    "masc": (
        ("овым", "ов"),
        ("евым", "ев"),
        ("ёвым", "ёв"),
        ("иным", "ин"),
        ("ыным", "ын"),
        ("ова", "ов"),
        ("ева", "ев"),
        ("ина", "ин"),
        ("ову", "ов"),
        ("еву", "ев"),
        ("ину", "ин"),
        ("ове", "ов"),
        ("еве", "ев"),
        ("ине", "ин"),
        ("ским", "ский"),
        ("ского", "ский"),
        ("скому", "ский"),
        ("ском", "ский"),
        ("цким", "цкий"),
        ("цкого", "цкий"),
        ("цкому", "цкий"),
        ("енко", "енко"),
    ),
    "femn": (
        ("овой", "ова"),
        ("евой", "ева"),
        ("иной", "ина"),
        ("ову", "ова"),
        ("еву", "ева"),
        ("ину", "ина"),
        ("ской", "ская"),
        ("скую", "ская"),
        ("цкой", "цкая"),
    ),
}


@cache
def analyzer() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def nominative_org(tokens: Sequence[Token]) -> str:
    """An institution's name in the nominative, from its tokens as written."""
    head = _head(tokens)
    if head is None or _case(tokens[head]) in (None, "nomn"):
        return _text(tokens, {})
    gender = _noun_gender(tokens[head])
    plural = tokens[head].morph.get("Number", []) == ["Plur"]
    changed: dict[int, str] = {}
    for i in range(head + 1):
        token = tokens[i]
        if _is_fixed(token):
            continue
        grammemes = {"nomn", "plur"} if plural else {"nomn", "sing"}
        if i < head and gender and not plural:
            grammemes.add(gender)
        word = _inflect(token, grammemes)
        if word is not None:
            changed[i] = _like(token.text, word)
    return _text(tokens, changed)


def nominative_person(tokens: Sequence[Token]) -> str:
    """A person's name in the nominative, word by word, keeping initials."""
    gender = _person_gender(tokens)
    changed: dict[int, str] = {}
    for i, token in enumerate(tokens):
        case = _case(token)
        if case in (None, "nomn") or _is_fixed(token) or len(token.text) < 2:
            continue
        word = _inflect_name(token, case, gender)
        if word is not None:
            changed[i] = _like(token.text, word)
    return _text(tokens, changed)


def nominative_phrase(tokens: Sequence[Token]) -> str:
    """A role ("министром образования России") with its head word in the nominative."""
    return nominative_org(tokens)


def _head(tokens: Sequence[Token]) -> int | None:
    """The first noun of the name, after any adjectives; None when it opens with a quote."""
    for i, token in enumerate(tokens):
        if token.is_quote or token.is_punct:
            return None if i == 0 else i - 1
        if token.pos_ in ("NOUN", "PROPN") and not _is_fixed(token):
            return i
        if token.pos_ not in ("ADJ", "NUM", "DET"):
            return None
    return None


def _noun_gender(token: Token) -> str:
    """The head noun's gender, from pymorphy3's reading in the case the tagger saw (the
    tagger's own gender is less sure for rare words: "госуниверситет")."""
    case = _case(token)
    for parse in analyzer().parse(token.text.lower()):
        if "NOUN" in parse.tag and (case is None or case in parse.tag) and parse.tag.gender:
            return str(parse.tag.gender)
    found = token.morph.get("Gender", [])
    return _GENDERS.get(found[0], "") if found else ""


def _case(token: Token) -> str | None:
    found = token.morph.get("Case", [])
    return _CASES.get(found[0]) if found else None


def _is_fixed(token: Token) -> bool:
    """Acronyms, numbers, quoted words and Latin script do not inflect."""
    text = token.text
    return (
        # an acronym has two capitals in one part: "Санкт-Петербургского" has one per part
        any(sum(c.isupper() for c in part) >= 2 for part in text.split("-"))
        or (text.startswith("Мин") and text.endswith(_FIXED_MINISTRY_ENDINGS))
        or not any(c.isalpha() for c in text)
        or all(c < "\u0400" for c in text if c.isalpha())
    )


def _inflect(token: Token, grammemes: set[str]) -> str | None:
    word = _inflect_word(token.text.lower(), token.pos_, _case(token), grammemes)
    if word is None and token.pos_ == "PROPN":
        # the tagger calls a name's adjective a proper noun ("Северо-Западного"): take
        # pymorphy3's reading in the right case, whatever its part of speech
        word = _inflect_word(token.text.lower(), "", _case(token), grammemes)
    if word is None and "-" in token.text:
        # "Северо-Западного": pymorphy3 knows the last part, the first stays as it is
        head, _, tail = token.text.lower().rpartition("-")
        inflected = _inflect_word(tail, token.pos_, _case(token), grammemes)
        word = None if inflected is None else f"{head}-{inflected}"
    return word


def _inflect_word(text: str, pos: str, case: str | None, grammemes: set[str]) -> str | None:
    for parse in analyzer().parse(text):
        if case is not None and case not in parse.tag:
            continue
        if pos == "ADJ" and "ADJF" not in parse.tag:
            continue
        if pos in ("NOUN", "PROPN") and "NOUN" not in parse.tag:
            continue
        wanted = grammemes if "ADJF" in parse.tag else grammemes - {"masc", "femn", "neut"}
        inflected = parse.inflect(wanted)
        if inflected is not None:
            return str(inflected.word)
    return None


def _inflect_name(token: Token, case: str, gender: str) -> str | None:
    for parse in analyzer().parse(token.text.lower()):
        tag = parse.tag
        if case not in tag or not (
            {"Name", "Surn", "Patr"} & set(str(tag).replace(" ", ",").split(","))
        ):
            continue
        if gender and tag.gender not in (None, gender):
            continue
        inflected = parse.inflect({"nomn", "sing"})
        if inflected is not None:
            return str(inflected.word)
    word = token.text.lower()
    for ending, nominative in _SURNAME_ENDINGS.get(gender or "masc", ()):
        if word.endswith(ending) and len(word) > len(ending) + 1:
            return word[: -len(ending)] + nominative
    # a surname that is also a common noun ("Андрея Короля"): inflect it as that noun
    for parse in analyzer().parse(word):
        if case in parse.tag and "NOUN" in parse.tag and "sing" in parse.tag:
            inflected = parse.inflect({"nomn", "sing"})
            if inflected is not None:
                return str(inflected.word)
    return None


def _person_gender(tokens: Sequence[Token]) -> str:
    for token in tokens:
        gender = token.morph.get("Gender", [])
        if gender and gender[0] in _GENDERS:
            return _GENDERS[gender[0]]
    return ""


def _like(surface: str, word: str) -> str:
    """``word`` with the capitals of ``surface`` (its first letter, or each hyphenated part's)."""
    parts, shapes = word.split("-"), surface.split("-")
    if len(parts) == len(shapes):
        return "-".join(
            p[:1].upper() + p[1:] if s[:1].isupper() else p
            for p, s in zip(parts, shapes, strict=True)
        )
    return word[:1].upper() + word[1:] if surface[:1].isupper() else word


def _text(tokens: Sequence[Token], changed: dict[int, str]) -> str:
    out = []
    for i, token in enumerate(tokens):
        out.append(changed.get(i, token.text))
        if i < len(tokens) - 1:
            out.append(token.whitespace_)
    return "".join(out).strip()
