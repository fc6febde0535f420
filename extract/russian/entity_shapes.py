"""``coop_ru_entity_shapes``: mend Slovnet's institution spans where Russian names have
known shapes, before any rule reads them.

Slovnet runs a name on into what follows it when nothing stops it: a line of
a bulleted list into the next, an acronym in parentheses, the person after an
institution ("ректор БГУ Андрей Король" → ORG "БГУ Андрей Король"). It also
stops an eponym short ("университет имени" | "Доржи Банзарова"). Each ORG is
cut at a line break, an opening parenthesis or an initial or first name that
does not follow "имени"; the person cut off becomes a PER; an eponym is
completed.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from coopgraph.extract.russian.extents import (
    coordinated_end,
    country_end,
    field_end,
    genitive_word,
    po_end,
    quoted_end,
)
from coopgraph.extract.russian.lexicon import (
    COMMON_ACRONYMS,
    EVENT_HEADS,
    GOVERNMENT_BODIES,
    INSTITUTION_HEADS,
    PLACED_BODIES,
    UNIT_HEADS,
)
from coopgraph.extract.russian.names import analyzer

_EPONYM_WORDS = frozenset({"имени", "им"})
_STOPS = frozenset({"(", ";", "•", "·", "|", "—", "–"})


@Language.component("coop_ru_entity_shapes", assigns=["doc.ents"], requires=["doc.ents"])
def mend_entities(doc: Doc) -> Doc:
    mended: list[Span] = []
    for ent in doc.ents:
        if ent.label_ == "LOC" and doc[ent.start].lemma_.lower() in GOVERNMENT_BODIES:
            ent = Span(doc, ent.start, ent.end, label="ORG")  # a government, not its land
        if ent.label_ != "ORG":
            end = _cut(doc, ent)  # "Республики Беларусь (Минсельхозпрод)": the place only
            if end > ent.start:
                mended.append(Span(doc, ent.start, end, label=ent.label_))
            continue
        mended.extend(_mend(doc, ent))
    taken = {i for span in mended if span.label_ == "ORG" for i in range(span.start, span.end)}
    shaped = [
        span
        for span in (*_shaped_names(doc), *_governments(doc))
        if not taken & set(range(span.start, span.end))
    ]
    # a name found by its shape replaces the place Slovnet saw in its first word
    doc.ents = filter_spans([*shaped, *mended])
    return doc


def _governments(doc: Doc) -> list[Span]:
    """ "Правительством | Турецкой Республики": a government word, then the place it
    governs (a place Slovnet found, or capitalised words in the genitive), is one body."""
    found = []
    for word in doc:
        if not word.is_title or word.lemma_.lower() not in GOVERNMENT_BODIES:
            continue
        end = word.i + 1
        if end < len(doc) and doc[end].ent_iob_ == "B" and doc[end].ent_type_ == "LOC":
            while (
                end < len(doc)
                and doc[end].ent_type_ == "LOC"
                and (end == word.i + 1 or doc[end].ent_iob_ == "I")
            ):
                end += 1
        else:
            while (
                end < len(doc)
                and end - word.i <= 3
                and doc[end].is_title
                and genitive_word(doc[end])
            ):
                end += 1
        if end > word.i + 1:
            found.append(Span(doc, word.i, min(end, _line_end(doc, word.i, end)), label="ORG"))
    return found


def _shaped_names(doc: Doc) -> list[Span]:
    """Names Slovnet missed, by the shape of Russian institution names: capitalised
    adjectives before an institution noun ("Казахско-Британский технический университет"),
    with the genitive words and eponym after it ("… систем управления", "… имени …")."""
    found = []
    for token in doc:
        if token.lemma_.lower() not in INSTITUTION_HEADS or token.morph.get("Number", []) == [
            "Plur"
        ]:
            continue
        start = token.i
        while start > 0 and doc[start - 1].pos_ == "ADJ" and not doc[start - 1].is_sent_start:
            start -= 1
        if start > 0 and doc[start - 1].pos_ == "ADJ" and doc[start - 1].is_title:
            start -= 1  # the sentence's first word, when it is the name's adjective
        first = doc[start]
        if start == token.i or not first.text[:1].isupper():
            continue
        end = token.i + 1
        while end < len(doc) and genitive_word(doc[end]) and end - token.i <= 4:
            end += 1
        end = coordinated_end(doc, end)
        if _before_eponym(doc, end):
            end = _eponym_end(doc, end)
        found.append(Span(doc, start, end, label="ORG"))
    return found


def with_seat(doc: Doc, start: int, end: int) -> int:
    """Past "в г. Иркутске" / "в Республике Беларусь" after a body named by its seat."""
    head = next((t for t in doc[start:end] if t.pos_ in ("NOUN", "PROPN")), None)
    if head is None or head.lemma_.lower() not in PLACED_BODIES:
        return end
    if end >= len(doc) or doc[end].lower_ != "в":
        return end
    i = end + 1
    if i + 1 < len(doc) and doc[i].lower_ in ("г", "городе") and doc[i + 1].text == ".":
        i += 2
    elif i < len(doc) and doc[i].lower_ == "городе":
        i += 1
    place_end = i
    while (
        place_end < len(doc)
        and doc[place_end].is_title
        and doc[place_end].ent_type_
        in (
            "LOC",
            "",
        )
    ):
        place_end += 1
        if doc[place_end - 1].morph.get("Case", []) == ["Loc"]:
            break  # "в Республике | Беларусь": the place's head is in the locative
    while place_end < len(doc) and doc[place_end].ent_type_ == "LOC":
        place_end += 1  # the rest of a place Slovnet found ("… Беларусь")
    return place_end if place_end > i else end


def _unit_word(token: Token) -> bool:
    # pymorphy3 has no lemma for "Telegram-канале": its last part says what it is
    last = token.lower_.rsplit("-", 1)[-1]
    return token.lemma_.lower() in UNIT_HEADS or any(last.startswith(w) for w in ("канал", "сайт"))


def _unit_of_next(doc: Doc, head: Token, end: int) -> bool:
    """ "Президиум | НАН Беларуси": a unit's word, then the institution in the genitive
    (or its acronym, which the tagger may leave without a case)."""
    if head.lemma_.lower() not in UNIT_HEADS or head.i + 1 >= end:
        return False
    following = doc[head.i + 1]
    acronym = len(following.text) > 1 and following.text.isupper()
    return acronym or following.morph.get("Case", []) == ["Gen"]


def _described_noun_follows(doc: Doc, end: int) -> bool:
    """ "Гомельским государственным" | "университетом": the noun the adjectives describe."""
    if end >= len(doc) or doc[end - 1].pos_ != "ADJ" or doc[end].pos_ != "NOUN":
        return False
    return bool(doc[end].morph.get("Case", []) == doc[end - 1].morph.get("Case", []))


def _cut(doc: Doc, ent: Span) -> int:
    """Where a span should end: before a parenthesis, a list mark or a line break."""
    end = ent.end
    for token in ent[1:]:
        if token.text in _STOPS or "\n" in doc[token.i - 1].whitespace_ or "\n" in token.text:
            end = token.i
            break
    return min(end, _line_end(doc, ent.start, end))


def _mend(doc: Doc, ent: Span) -> list[Span]:
    end = _cut(doc, ent)
    start = ent.start
    while start < end - 1 and doc[start].pos_ in ("VERB", "AUX"):
        start += 1  # "Открыта | Китайско-Белорусская … лаборатория": the verb is not the name's
    ent = Span(doc, start, end, label="ORG")
    head = next((t for t in doc[ent.start : end] if t.pos_ in ("NOUN", "PROPN")), None)
    if head is not None and (
        head.lemma_.lower() in EVENT_HEADS or head.lemma_.lower().split("-")[0] in EVENT_HEADS
    ):
        return []
    if end - ent.start == 1 and doc[ent.start].text in COMMON_ACRONYMS:
        return []
    if end - ent.start == 1 and _unit_word(doc[ent.start]):
        return []  # "Президиума", "Telegram-канале" alone: a part of a body, or a channel
    if head is not None and _unit_of_next(doc, head, end):
        ent = Span(doc, head.i + 1, end, label="ORG")  # the institution the unit is of
    if end > ent.start and _described_noun_follows(doc, end):
        end += 1
    if all(t.pos_ == "ADJ" for t in doc[ent.start : end]):
        return []  # "Приднестровского": an adjective alone names nothing
    person_at = _person_start(doc, ent.start, end)
    spans: list[Span] = []
    org_end = person_at if person_at is not None else end
    if _before_eponym(doc, org_end):
        org_end = _eponym_end(doc, org_end)
        person_at = None
    if person_at is None and org_end > ent.start:
        org_end = coordinated_end(doc, field_end(doc, org_end))
        org_end = country_end(doc, ent.start, quoted_end(doc, ent.start, po_end(doc, org_end)))
    if org_end > ent.start:
        spans.append(Span(doc, ent.start, org_end, label="ORG"))
    if person_at is not None and person_at < end:
        spans.append(Span(doc, person_at, end, label="PER"))
    return spans


def _line_end(doc: Doc, start: int, end: int) -> int:
    for i in range(start, end):
        if "\n" in doc[i].whitespace_ or (i > start and doc[i].is_space):
            return i + 1 if not doc[i].is_space else i
    return end


def _person_start(doc: Doc, start: int, end: int) -> int | None:
    """Where a person's name begins inside an institution's span, if it does."""
    for i in range(start + 1, end):
        token = doc[i]
        previous = [doc[j].lower_ for j in range(max(start, i - 2), i)]
        if _EPONYM_WORDS & set(previous) or doc[i - 1].lower_ in _EPONYM_WORDS:
            return None  # "имени М.В. Ломоносова": the person is part of the name
        if _is_initial(doc, i) or _is_first_name(token):
            return i
    return None


def _is_initial(doc: Doc, i: int) -> bool:
    token = doc[i]
    return (
        len(token.text) == 1
        and token.text.isupper()
        and i + 1 < len(doc)
        and doc[i + 1].text == "."
    )


def _is_first_name(token: Token) -> bool:
    if not token.is_title or len(token.text) < 3:
        return False
    parses = analyzer().parse(token.text)
    return bool(parses) and "Name" in parses[0].tag and parses[0].score > 0.5


def _before_eponym(doc: Doc, end: int) -> bool:
    """Does the name stop at "имени" / "им.", inside the eponym ("имени М"), or right before?"""
    if any(doc[i].lower_ in _EPONYM_WORDS for i in range(max(0, end - 3), end)):
        return True
    return end < len(doc) and doc[end].lower_ in _EPONYM_WORDS


def _eponym_end(doc: Doc, end: int) -> int:
    """Past "Доржи Банзарова" / "М.В. Ломоносова": initials, dots and capitalised words."""
    if end < len(doc) and doc[end].lower_ in _EPONYM_WORDS:
        end += 1
    i = end
    while i < len(doc) and i < end + 6:
        token = doc[i]
        if token.text == "." and i > end and len(doc[i - 1].text) > 1:
            break  # "… П.О. Сухого. Документы": a full stop after a word ends the sentence
        if token.text == "." or (token.is_alpha and token.text[:1].isupper()):
            i += 1
            continue
        break
    while i > end and doc[i - 1].text == "." and len(doc[i - 2].text) > 1:
        i -= 1  # a sentence's full stop is not part of the name
    return i
