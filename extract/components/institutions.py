"""``coop_institutions``: find institution names by their shape.

The small English model misses or mislabels many institution names ("Al-Farabi
KazNU" comes out as a PERSON). This component finds them from their shape — a
run of capitalised words around a head such as *University* or *Ministry*,
an ``of``/``for`` complement, ``named after X`` — and from acronyms, and writes
them to ``doc.spans["coop_orgs"]`` and, overriding the model, to ``doc.ents``
with the ORG label.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from coopgraph.extract.components.described_bodies import body_spans
from coopgraph.extract.names import INITIALS, looks_like_acronym
from coopgraph.extract.patterns import word_list, word_table

SPAN_KEY = "coop_orgs"
# "in"/"on"/"at" would run on into places and dates ("University in Riga on June 6")
_CONNECTORS = frozenset({"of", "for", "and", "&"})
_ROMAN = re.compile(r"^[IVXLC]+$")
_ACRONYM = re.compile(r"^[A-Z][A-Za-z]*[A-Z][A-Za-z]*$")
_STATE_WORDS = frozenset({"Federation", "Republic", "Kingdom", "United", "States", "People's"})
_OPENING_QUOTES = frozenset({'"', "\u201c", "\u00ab"})
_QUOTES = frozenset({'"', "\u201c", "\u201d", "\u00ab", "\u00bb"})
_QUOTED_LINKS = frozenset({",", "and", "of", "for", "the", "&", "-"})
_MAX_QUOTED = 16
# the heads of a unit's name, the words that tie a unit to the body it belongs to, and
# the offices an institution can be "under" ("Academy … under the President of …")
_UNITS = frozenset(
    {"Institute", "Laboratory", "School", "College", "Observatory", "Faculty", "Department",
     "Chair", "Division", "Center", "Centre"}
)  # fmt: skip
_PARENT_LINKS = frozenset({"of", "under", "at"})
_MISSIONS = frozenset({"Embassy", "Consulate", "Consulate-General", "Mission"})
_OVERSEERS = frozenset({"President", "Government", "Cabinet", "Prime"})
# where a unit's own name ends and its body's begins ("Confucius Institute at …" has no
# name of its own)
_SPLIT_LINKS = frozenset({"of", "under"})
_NAMED_THINGS = frozenset({"ORG", "PERSON", "GPE", "NORP", "LOC", "FAC"})
_MODEL_ORG_NOISE = re.compile(r"memorand|agreement|\bmou\b|contract|programme|program", re.I)


@Language.factory(
    "coop_institutions",
    default_config={
        "span_key": SPAN_KEY,
        "heads": "institution_heads",
        "stopwords": "name_stopwords",
        "not_acronyms": "acronym_stopwords",
        "places": "countries",
        "model_first": False,
        "shapes_with_model": ["quoted", "heads", "acronyms"],
    },
    assigns=["doc.ents", "token.ent_type", "token.ent_iob"],
    requires=["doc.ents", "doc.sents", "token.ent_type", "token.tag", "token.dep"],
)
def make_institutions(
    nlp: Language,
    name: str,
    span_key: str,
    heads: str,
    stopwords: str,
    not_acronyms: str,
    places: str,
    model_first: bool,
    shapes_with_model: list[str],
) -> InstitutionFinder:
    """The word lists are named by their file in ``extract/patterns``.

    ``model_first``: the recognizer's ORG spans win over names found by shape
    (right for the recognizer trained on the project's conventions; the base
    model's spans run on into titles and places, so by default shapes win).
    ``shapes_with_model``: with ``model_first``, which names found by shape
    (``quoted``, ``heads``: around an institution word, ``acronyms``) are added
    where the recognizer found none (chosen on cross-validation, ``make cv``).
    """
    return InstitutionFinder(
        span_key=span_key,
        heads=word_table(heads),
        stop=word_list(stopwords),
        not_acronyms=word_list(not_acronyms),
        places=frozenset(word_table(places)),
        model_first=model_first,
        shapes_with_model=shapes_with_model,
    )


class InstitutionFinder:
    """Callable component; stateless apart from its word lists."""

    def __init__(
        self,
        span_key: str,
        heads: dict[str, str],
        stop: frozenset[str],
        not_acronyms: frozenset[str],
        places: frozenset[str],
        model_first: bool = False,
        shapes_with_model: Sequence[str] = ("quoted", "heads", "acronyms"),
    ) -> None:
        self.model_first = model_first
        self.shapes_with_model = frozenset(shapes_with_model)
        self.span_key = span_key
        self.heads = heads
        self.stop = stop
        self.not_acronyms = not_acronyms
        self.places = places

    def __call__(self, doc: Doc) -> Doc:
        if self.model_first:
            orgs = [self._run_on(s) for s in self._model_orgs(doc)]
            fallback = filter_spans(self._shaped(doc, self.shapes_with_model))
            orgs += [s for s in fallback if not any(_overlaps(s, m) for m in orgs)]
        else:
            # the base model's ORG spans run on into titles and places
            # ("Riga Technical University in Riga on June"): shapes win
            orgs = filter_spans(self._shaped(doc, {"quoted", "heads", "acronyms"}))
            orgs += [m for m in self._model_orgs(doc) if not any(_overlaps(m, o) for o in orgs)]
        orgs = [
            self._without_trailing_country(_without_trailing_person(s, self.heads)) for s in orgs
        ]
        orgs = [_without_words_past_a_known_name(s, orgs, self.heads) for s in orgs]
        # A described body overlaps the capitalised pieces of its own description
        # ("Working Commission for ... the Scientific and Educational Consortium").
        bodies = body_spans(doc)
        orgs = [o for o in orgs if not any(_overlaps(o, b) for b in bodies)] + bodies
        orgs += [part for span in orgs for part in self._sub_unit_parts(span)]
        orgs = sorted(
            (Span(doc, s.start, s.end, label="ORG") for s in orgs), key=lambda s: (s.start, -len(s))
        )
        # The span group keeps names nested in other names; the entities cannot.
        doc.spans[self.span_key] = orgs
        outer = filter_spans(orgs)
        others = [e for e in doc.ents if not any(_overlaps(e, o) for o in outer)]
        doc.ents = filter_spans([*outer, *others])
        return doc

    def _shaped(self, doc: Doc, kinds: Iterable[str]) -> list[Span]:
        finders = {"quoted": self._quoted, "heads": self._by_head, "acronyms": self._acronyms}
        return [span for kind in kinds for span in finders[kind](doc)]

    # -- institution names around a head word ---------------------------------

    def _by_head(self, doc: Doc) -> list[Span]:
        found = []
        for token in doc:
            head = _without_elided_article(token.text)
            if (head in self.heads and token.is_title) or token.text in ("LLP", "JSC"):
                if _modifies_a_plural(token):
                    continue  # "Nordic University Networks" names a kind of network
                span = self._expand(doc, token)
                if span is not None:
                    found.append(span)
        return found

    def _quoted(self, doc: Doc) -> list[Span]:
        """'the RSE on the REM "Institute of Botany, Phytointroduction and Ecology"': a
        name in quotes keeps its commas, which end an unquoted name."""
        found = []
        for token in doc:
            if token.text not in _OPENING_QUOTES:
                continue
            end = token.i + 1
            while end < min(len(doc), token.i + _MAX_QUOTED) and doc[end].text not in _QUOTES:
                end += 1
            inside = doc[token.i + 1 : end]
            if end < len(doc) and doc[end].text in _QUOTES and self._quoted_name(inside):
                found.append(inside)
        return found

    def _quoted_name(self, inside: Span) -> bool:
        words_ok = all(t.is_title or t.lower_ in _QUOTED_LINKS for t in inside)
        return (
            len(inside) >= 2
            and words_ok
            and inside[0].is_title
            and self._has_head(inside.doc, inside.start, inside.end)
        )

    def _expand(self, doc: Doc, head: Token) -> Span | None:
        start = head.i
        while start > 0 and self._name_word(doc[start - 1]) and doc[start - 1].sent == head.sent:
            start -= 1
        end = head.i + 1
        if _without_elided_article(head.text) in word_table("heads_before_name"):
            end = self._capitalised_run(doc, end, people_too=True)  # "Universitat Ramon Llull"
        end = self._complement_end(doc, end)
        if end - start < 2:
            return None
        return doc[start:end]

    def _complement_end(self, doc: Doc, i: int) -> int:
        """Extend over ``of the X``, ``for X``, ``named after X``; return the end index."""
        end = i
        while end < len(doc):
            tok = doc[end]
            if tok.lower_ == "named" and end + 2 < len(doc) and doc[end + 1].lower_ == "after":
                run = self._capitalised_run(doc, end + 2, people_too=True)
                if run == end + 2:
                    break
                end = run
                continue
            if tok.lower_ not in _CONNECTORS:
                break
            nxt = end + 1
            if nxt < len(doc) and doc[nxt].lower_ == "the" and tok.lower_ != "and":
                nxt += 1
            run = self._capitalised_run(doc, nxt)
            if run == nxt or (tok.lower_ in ("and", "&") and self._has_head(doc, nxt, run)):
                break
            end = _members_tail_end(doc, run) if tok.lower_ == "of" else run
        return end

    def _capitalised_run(self, doc: Doc, i: int, people_too: bool = False) -> int:
        start = i
        while i < len(doc) and self._name_word(doc[i], inside=True):
            if doc[i].ent_type_ == "PERSON" and not people_too and not _glued_hyphen(doc[i - 1]):
                break  # "Institute of Nuclear Physics Yerlan Batyrbekov"
            if i > start and _after_a_place(doc[i]) and doc[i].text not in self.heads:
                break  # "Minister of ... of the Republic of Uzbekistan Ozodbek Nazarbekov"
            i += 1
        return i

    def _has_head(self, doc: Doc, start: int, end: int) -> bool:
        return any(doc[k].text in self.heads for k in range(start, end))

    def _name_word(self, token: Token, inside: bool = False) -> bool:
        text = token.text
        if _glued_hyphen(token) or _glued_possessive(token):
            return True
        if not text[:1].isupper() or (token.is_sent_start and text in self.stop):
            return False
        if not inside and text.rstrip(".") in self.stop:
            return False
        if token.ent_type_ in ("DATE", "TIME", "CARDINAL") and not inside:
            return False
        return token.is_alpha or text.isalnum() or bool(INITIALS.match(text))

    def _sub_unit_parts(self, span: Span) -> list[Span]:
        """ "Institute of Oriental Studies of Ankara University", "Institute of Physics under
        the Ministry of Energy": a unit named with the institution it belongs to. Both the
        unit's own name and the institution are mentioned."""
        doc = span.doc
        for i in range(span.start + 1, span.end - 2):
            if doc[i].lower_ not in _SPLIT_LINKS or not self._has_head(doc, span.start, i):
                continue
            parent = i + 2 if doc[i + 1].lower_ == "the" else i + 1
            first_head = next((k for k in range(parent, span.end) if self._is_head(doc[k])), None)
            if first_head is None or any(
                doc[k].lower_ in _SPLIT_LINKS for k in range(parent, first_head)
            ):
                continue
            # the institution has a name of its own: words before its head ("Ankara
            # University") or a complement after it ("Ministry of Energy")
            named = first_head > parent or (
                first_head + 2 < span.end and doc[first_head + 1].lower_ == "of"
            )
            if named and not self._names_a_country(doc[parent : span.end]):
                return [doc[span.start : i], doc[parent : span.end]]
        return []

    def _names_a_country(self, span: Span) -> bool:
        """ "Russian Federation", "Republic of Kazakhstan": a state, not an institution."""
        words = [t.text for t in span if t.lower_ not in ("of", "the")]
        return any(w in self.places for w in words) and all(
            w in self.places or w in _STATE_WORDS for w in words
        )

    def _is_head(self, token: Token) -> bool:
        return token.text in self.heads and token.is_title

    def _without_trailing_country(self, span: Span) -> Span:
        """ "University of Nairobi of Kenya": after a university named for its city, "of
        <country>" says where it is. ("Ministry of Education of Kazakhstan" keeps it: the
        country is what tells one ministry from another.) "Riga Technical University in
        Riga": a place the name already holds, repeated after "in", is no part of it."""
        repeated = len(span) >= 4 and span[-1].text in {t.text for t in span[:-2]}
        if repeated and span[-2].lower_ == "in" and span[-1].is_title:
            return span[:-2]
        if len(span) < 5 or span[-2].lower_ != "of" or span[-1].text not in self.places:
            return span
        head, of, city = span[-5], span[-4], span[-3]
        if self.heads.get(head.text) == "university" and of.lower_ == "of" and city.is_title:
            return span[:-2]
        return span

    # -- acronyms and the model's own ORG entities ----------------------------

    def _acronyms(self, doc: Doc) -> list[Span]:
        found = []
        for token in doc:
            if not self._is_acronym(token.text):
                continue
            start = token.i
            # "Al-Farabi KazNU": a hyphenated qualifier before the acronym belongs to it
            if start >= 3 and _glued_hyphen(doc[start - 2]) and doc[start - 1].is_title:
                start -= 3 if doc[start - 3].text[:1].isupper() else 0
            found.append(doc[start : token.i + 1])
        return found

    def _is_acronym(self, text: str) -> bool:
        # a token of letters only: "KazNU", not "A.V." or "COVID-19"
        return (
            looks_like_acronym(text)
            and bool(_ACRONYM.match(text))
            and not _ROMAN.match(text)
            and text.upper() not in self.not_acronyms
        )

    def _plural_head(self, token: Token) -> bool:
        # proper-noun plurals are not lemmatised by the model: strip the ending here
        text = token.text
        singulars = (text[:-3] + "y", text[:-1]) if text.endswith("ies") else (text[:-1],)
        return text.endswith("s") and any(s in self.heads for s in singulars)

    def _model_orgs(self, doc: Doc) -> list[Span]:
        """The model's ORG entities, trimmed of titles; places and numerals dropped."""
        adjectives = _compound_adjectives(doc)
        found = []
        for ent in doc.ents:
            if ent.label_ != "ORG" or _MODEL_ORG_NOISE.search(ent.text):
                continue
            span = self._trimmed(ent)
            if span and not self._names_no_one(span, adjectives):
                found.append(span)
        return found

    def _run_on(self, span: Span) -> Span:
        """A recognized name, run on over what the recognizer often leaves outside it:
        the body a unit belongs to, fields coordinated with commas, a quoted name."""
        span = self._with_parent(span)
        span = self._with_coordinated_fields(span)
        return _with_host_country(_with_quoted_name(span))

    def _with_parent(self, span: Span) -> Span:
        """ "Institute of Physics" + "under the Ministry of Science and Education", "Physical-
        Technical Institute" + "of the Uzbekistan Academy of Sciences", "Academy of Public
        Administration" + "under the President of the Republic of Kazakhstan": a unit's
        or an agency's name runs on over the named body it belongs to."""
        doc = span.doc
        end = span.end
        if end + 2 >= len(doc) or doc[end].lower_ not in _PARENT_LINKS:
            return span
        # "under" always ties a body to its superior; "of" and "at" only a unit's name
        under = doc[end].lower_ == "under"
        if not under and not any(t.text in _UNITS for t in span):
            return span
        parent = end + 2 if doc[end + 1].lower_ == "the" else end + 1
        run = self._capitalised_run(doc, parent)
        overseer = under and doc[parent].text in _OVERSEERS
        if run == parent or not (self._has_head(doc, parent, run) or overseer):
            return span
        return doc[span.start : self._complement_end(doc, run)]

    def _with_coordinated_fields(self, span: Span) -> Span:
        """ "Tajik State University of Law" + ", Business, and Politics": after "of", fields
        listed with commas and closed by "and" are one name. Items that are institutions
        of their own ("…, Sharif University and …") end it."""
        doc = span.doc
        if not any(t.lower_ == "of" for t in span[1:]):
            return span
        i = span.end
        while i + 1 < len(doc) and doc[i].text == ",":
            run = self._capitalised_run(doc, i + 1)
            if run == i + 1 and doc[i + 1].lower_ == "and":
                break  # the Oxford comma: ", and Politics"
            if run == i + 1 or not self._a_field(doc, i + 1, run):
                return span
            i = run
        if i + 1 >= len(doc) or doc[i + (doc[i].text == ",")].lower_ != "and":
            return span
        i += 1 + (doc[i].text == ",")
        run = self._capitalised_run(doc, i)
        if run == i or not self._a_field(doc, i, run) or i == span.end + 1:
            return span
        return doc[span.start : run]

    def _a_field(self, doc: Doc, start: int, end: int) -> bool:
        """Words naming a field ("Business", "International Trade"): no institution's head,
        nothing the recognizer took for a name, place or person of its own."""
        return not self._has_head(doc, start, end) and not any(
            doc[k].ent_type_ in _NAMED_THINGS for k in range(start, end)
        )

    def _trimmed(self, ent: Span) -> Span:
        doc = ent.doc
        start, end = ent.start, ent.end
        while start < end and (doc[start].text in self.stop or not doc[start].text[:1].isupper()):
            start += 1
        while end > start and not doc[end - 1].text[:1].isupper():
            end -= 1
        return doc[start:end]

    def _names_no_one(self, span: Span, adjectives: set[str]) -> bool:
        if _ROMAN.match(span.text) or span.text.title() in self.places:
            return True
        if (
            len(span) > 2
            and span[0].text in self.places
            and not self._has_head(span.doc, span.start, span.end)
        ):
            return True  # "Prime Minister of Kazakhstan Olzhas Bektenov": a place, a person
        if self._plural_head(span[-1]) or self._plural_head(span[0]):
            return True  # "Nordic Universities", "Ministries of Health": a kind, or several
        if len(span) > 1:
            return False
        return (
            span.text in self.heads  # a bare "University" or "Consortium"
            or span.text in self.stop
            or span.text.upper() in self.not_acronyms  # a legal form or degree ("RSE", "IPU")
            or span.text in adjectives  # "Arabic" of "the Arabic-speaking states"
        )


def _members_tail_end(doc: Doc, i: int) -> int:
    """ "of the Arabic-speaking states", "of ASEAN member states": the lower-case words
    that finish a complement naming the members."""
    if (
        i + 1 < len(doc)
        and doc[i].text == "-"
        and not doc[i - 1].whitespace_
        and doc[i + 1].is_lower
    ):
        i += 2  # "-speaking"
    if i + 1 < len(doc) and doc[i].lower_ == "member" and doc[i + 1].lower_ == "states":
        return i + 2
    if i < len(doc) and doc[i].lower_ in word_list("member_plurals") and doc[i].is_lower:
        return i + 1
    return i if doc[i - 1].text != "-" else i - 2


def _compound_adjectives(doc: Doc) -> set[str]:
    """Capitalised words the text uses as the first half of an adjective ("Arabic" in
    "Arabic-speaking"): alone, the model's ORG tag on them is a mistake."""
    return {
        doc[i].text
        for i in range(len(doc) - 2)
        if doc[i].is_title
        and doc[i + 1].text == "-"
        and not doc[i].whitespace_
        and not doc[i + 1].whitespace_
        and doc[i + 2].is_lower
    }


def _without_elided_article(word: str) -> str:
    """ "L'Université" → "Université"."""
    return re.sub(r"^[LlDd]['\u2019]", "", word)


def _modifies_a_plural(head: Token) -> bool:
    doc = head.doc
    nxt = doc[head.i + 1] if head.i + 1 < len(doc) else None
    return nxt is not None and nxt.is_title and nxt.tag_ in ("NNS", "NNPS")


def _without_words_past_a_known_name(span: Span, spans: list[Span], heads: dict[str, str]) -> Span:
    """ "University of Tartu Kristjan Vassil" where the text also names "University of
    Tartu", or "Institute of Nuclear Physics Yerlan Batyrbekov" where it names "Institute
    of Nuclear Physics of the Ministry of Energy": the capitalised words after a name
    found elsewhere, whole or before its complement, are not part of it."""
    doc = span.doc
    for other in spans:
        n = _known_prefix(span, other)
        if n < 2 or n >= len(span):
            continue
        rest = doc[span.start + n : span.end]
        if len(rest) <= 3 and all(t.is_title and t.text not in heads for t in rest):
            return doc[span.start : span.start + n]
    return span


def _known_prefix(span: Span, other: Span) -> int:
    """How many first words of ``span`` are a name ``other`` gives: all of ``other``, or
    the part of it before a complement ("of …", "for …", "named after …")."""
    n = len(other)
    if n < len(span) and span[:n].text == other.text:
        return n
    shared = 0
    while shared < min(len(span), n) and span[shared].text == other[shared].text:
        shared += 1
    if shared < n and other[shared].lower_ in _COMPLEMENT_WORDS:
        return shared
    return 0


_COMPLEMENT_WORDS = frozenset({"of", "for", "named", "under", "at"})


def _after_a_place(token: Token) -> bool:
    """The word right after a place name, outside it and in no entity of its own."""
    before = token.doc[token.i - 1]
    return before.ent_type_ == "GPE" and token.ent_iob_ != "I" and not token.ent_type_


def _glued_hyphen(token: Token) -> bool:
    """A hyphen inside a word ("Al-Farabi"), which spaCy splits into three tokens."""
    doc = token.doc
    return (
        token.text in ("-", "\u2010", "\u2011")
        and token.i > 0
        and token.i + 1 < len(doc)
        and not doc[token.i - 1].whitespace_
        and not token.whitespace_
        and doc[token.i + 1].text[:1].isupper()
    )


def _glued_possessive(token: Token) -> bool:
    """ "Women's" in "Kazakh National Women's Teacher Training University"."""
    return (
        token.text in ("'s", "\u2019s")
        and token.i > 0
        and not token.doc[token.i - 1].whitespace_
        and token.doc[token.i - 1].text[:1].isupper()
    )


def _without_trailing_person(span: Span, heads: dict[str, str]) -> Span:
    """ "Belarusian State Agrarian Technical University A.V. Kovalev": initials and a surname
    at the end of a name are a person, not part of the institution. The person a name
    honours stays ("named after A. Myrzakhmetov"), and so do initials that begin another
    institution's name ("Institute of the A. Navoi Tashkent State University")."""
    doc = span.doc
    for i in range(span.start + 2, span.end - 1):
        if (
            INITIALS.match(doc[i].text)
            and doc[i + 1].is_title
            and not INITIALS.match(doc[i - 1].text)
            and not _honours(doc, span.start, i)
            and not any(doc[k].text in heads for k in range(i + 1, span.end))
        ):
            return doc[span.start : i]
    return span


def _with_quoted_name(span: Span) -> Span:
    """ "Saint Petersburg Electrotechnical University" + ' "LETI"': the short name in quotes
    after a university's official name is part of it."""
    doc = span.doc
    end = span.end
    if end + 2 >= len(doc) or doc[end].text not in _OPENING_QUOTES:
        return span
    close = next(
        (k for k in range(end + 1, min(len(doc), end + 4)) if doc[k].text in _QUOTES), None
    )
    if close is None or close == end + 1:
        return span
    if not all(looks_like_acronym(t.text) or t.is_title for t in doc[end + 1 : close]):
        return span
    return doc[span.start : close + 1]


def _with_host_country(span: Span) -> Span:
    """ "Embassy of Azerbaijan" + "in Kazakhstan": a mission's name holds where it is."""
    doc = span.doc
    end = span.end
    if span[0].text not in _MISSIONS or end + 1 >= len(doc) or doc[end].lower_ != "in":
        return span
    place = end + 1
    while place < len(doc) and doc[place].ent_type_ == "GPE":
        place += 1
    return doc[span.start : place] if place > end + 1 else span


def _honours(doc: Doc, start: int, i: int) -> bool:
    """ "named after A. Myrzakhmetov", "named after Academician E.A. Buketov": the person
    at ``i`` is the one a name honours (titles may stand between)."""
    k = i - 1
    while k > start and doc[k].is_title and doc[k].lower_ != "after":
        k -= 1
    return doc[k].lower_ == "after"


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end
