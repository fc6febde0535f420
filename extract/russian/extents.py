"""Where an institution's name ends, past what Slovnet's span leaves out.

Russian official names run on after their head noun: a field in the genitive
("университет транспорта"), coordinated fields ("… культуры и искусств",
"… образования, науки и инноваций"), a remit with "по" ("комитет по науке и
технологиям"), and a proper name in quotes ("Университет «Хазар»"). Each
function takes the token offset where a name ends now and answers where it
should end; it answers the same offset when the words after are not the name's.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from coopgraph.extract.russian.lexicon import INSTITUTION_HEADS, NOT_A_FIELD, REMIT_BODIES

_REMIT_WORDS = 6  # "по вакуумно-плазменным технологиям", "по сотрудничеству в области науки"


def country_end(doc: Doc, start: int, end: int) -> int:
    """Past "Республики Беларусь" in "Государственный комитет … | Республики Беларусь",
    and past "Беларуси" in "НАН | Беларуси": the state a body is of, which Slovnet tags
    as a place of its own. A state named as a republic or federation joins any name; a
    country alone joins an acronym only ("НАН Беларуси", not "университет Казахстана")."""
    if end >= len(doc) or doc[end].ent_type_ != "LOC" or doc[end].ent_iob_ != "B":
        return end
    place_end = end + 1
    while place_end < len(doc) and doc[place_end].ent_iob_ == "I":
        place_end += 1
    place = doc[end:place_end]
    if not any(_genitive(t) for t in place):
        return end
    state = any(t.lemma_.lower() in ("республика", "федерация") for t in place)
    acronym = end - start == 1 and len(doc[start].text) > 1 and doc[start].text.isupper()
    return place_end if state or acronym else end


def po_end(doc: Doc, end: int) -> int:
    """Past "по науке и технологиям" in "Государственный комитет | по науке и
    технологиям": a body's remit, "по" with adjectives and nouns in the dative."""
    if end + 1 >= len(doc) or doc[end].lower_ != "по":
        return end
    if doc[end - 1].lemma_.lower() not in REMIT_BODIES:
        return end
    i = end + 1
    while i < len(doc) and i - end <= _REMIT_WORDS and doc[i].pos_ == "ADJ" and _dative(doc[i]):
        i += 1
    if i >= len(doc) or doc[i].pos_ != "NOUN" or not _dative(doc[i]):
        return end
    return _coordinated(doc, i + 1, _dative)


def _dative(token: Token) -> bool:
    return token.morph.get("Case", []) == ["Dat"]


def field_end(doc: Doc, end: int) -> int:
    """Past "транспорта" in "Белорусский государственный университет | транспорта": the
    lower-case genitive words naming an institution's field belong to its name."""
    if doc[end - 1].lemma_.lower() not in INSTITUTION_HEADS:
        return end
    i = end
    while (
        i < len(doc)
        and i - end < 4
        and genitive_word(doc[i])
        and doc[i].text.islower()
        and doc[i].lemma_.lower() not in NOT_A_FIELD
    ):
        i += 1
    if i == end or doc[i - 1].pos_ not in ("NOUN", "PROPN"):
        return end  # adjectives alone describe what comes next
    return coordinated_end(doc, i)


_QUOTES = {"«": "»", "„": "“", "“": "”", '"': '"'}
_QUOTED_WORDS = 12  # a proper name in quotes is shorter than this


def quoted_end(doc: Doc, start: int, end: int) -> int:
    """Past «Хазар» in "Университет | «Хазар»", "Консорциум университетов | «Человеческий
    капитал …»": the quoted proper name right after an institution's noun is its name;
    and past the closing quote of one the span opens ("Университет «Одлар | Юрду»")."""
    opening = next((t.text for t in doc[start:end] if t.text in _QUOTES), None)
    if opening is not None and not any(t.text == _QUOTES[opening] for t in doc[start:end]):
        return _closing_quote(doc, end - 1, _QUOTES[opening]) or end
    if (
        end >= len(doc)
        or doc[end].text not in _QUOTES
        or doc[end - 1].pos_ not in ("NOUN", "PROPN")
    ):
        return end
    closed = _closing_quote(doc, end, _QUOTES[doc[end].text])
    return closed if closed is not None and closed > end + 2 else end


def _closing_quote(doc: Doc, opened: int, closing: str) -> int | None:
    """The end of the quotation opened at token ``opened``, on the same line, if it closes."""
    for i in range(opened + 1, min(len(doc), opened + 1 + _QUOTED_WORDS)):
        if "\n" in doc[i - 1].whitespace_:
            return None
        if doc[i].text == closing:
            return i + 1
    return None


def coordinated_end(doc: Doc, end: int) -> int:
    """Past "и искусств" in "университет культуры | и искусств", or ", науки и инноваций"
    in "Министерство высшего образования | , науки и инноваций": genitive complements
    coordinated with the name's last word are the name's."""
    return _coordinated(doc, end, _genitive)


def _coordinated(doc: Doc, end: int, in_case: Callable[[Token], bool]) -> int:
    """Past the conjuncts coordinated with the noun before ``end``, all in its case.

    Each further conjunct is adjectives and one noun, in that case, written as the
    first is (both lower case, or both capitalised), and not an institution of its own
    ("университета | и Министерства …" stays two names); a series with commas counts
    only when it closes with "и"."""
    last = doc[end - 1]
    if not (in_case(last) and last.pos_ in ("NOUN", "PROPN")):
        return end
    position = end
    while position + 1 < len(doc) and doc[position].lower_ in (",", "и"):
        after = _conjunct_end(doc, position + 1, last, in_case)
        if after is None:
            break
        closing = doc[position].lower_ == "и"
        position = after
        if closing:
            return position
    return end


def _conjunct_end(
    doc: Doc, start: int, like: Token, in_case: Callable[[Token], bool]
) -> int | None:
    """The end of a conjunct in ``like``'s case and written like it, at ``start``, if any."""
    i = start
    while i < len(doc) and doc[i].pos_ == "ADJ" and in_case(doc[i]):
        i += 1
    if i >= len(doc) or doc[i].pos_ not in ("NOUN", "PROPN") or not in_case(doc[i]):
        return None
    if doc[i].ent_type_ == "PER":
        return None
    if doc[i].is_title != like.is_title or doc[i].lemma_.lower() in INSTITUTION_HEADS:
        return None
    if doc[start].is_title != like.is_title:
        return None  # "культуры и Белорусского …": a capital starts another name
    return i + 1


def _genitive(token: Token) -> bool:
    return token.morph.get("Case", []) == ["Gen"]


def genitive_word(token: Token) -> bool:
    return (
        token.morph.get("Case", []) == ["Gen"]
        and token.pos_ in ("NOUN", "PROPN", "ADJ")
        and not token.is_sent_start
    )
