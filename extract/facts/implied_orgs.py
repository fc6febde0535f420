"""Institutions a text names without writing their name out.

- An office implies its institution: "Vice-Minister of Energy B. Akchulakov"
  names the Ministry of Energy.
- A plural head shared by a list of countries names one institution per
  country: "the Ministries of Health of Estonia, Latvia and Lithuania" are
  three ministries.

Each implied institution keeps, as its evidence, the words that imply it.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span

from coopgraph.extract.patterns import word_list, word_table

# an office → the institution it heads; a plural head → its singular
_OFFICES = {"Minister": "Ministry", "Ambassador": "Embassy"}
_STATE_NOUNS = frozenset({"Federation", "Republic", "Kingdom", "Emirates", "Confederation"})
_PLURAL_HEADS = {
    "Ministries": "Ministry",
    "Embassies": "Embassy",
    "Academies": "Academy",
    "Governments": "Government",
}


def implied_organizations(doc: Doc) -> Iterator[tuple[str, Span]]:
    """(name, evidence span) of every institution implied in ``doc``."""
    yield from _offices(doc)
    yield from _distributed(doc)


def _offices(doc: Doc) -> Iterator[tuple[str, Span]]:
    """ "Minister of Culture and Sport of the Republic of Uzbekistan Ozodbek Nazarbekov"
    → "Ministry of Culture and Sport of the Republic of Uzbekistan"."""
    for token in doc:
        institution = _OFFICES.get(token.text)
        if institution is None or token.i + 2 >= len(doc) or doc[token.i + 1].lower_ != "of":
            continue
        if token.i > 0 and doc[token.i - 1].lower_ == "prime":
            continue  # a Prime Minister heads a government, not a ministry
        if institution == "Embassy":  # "Ambassador of China to Kazakhstan"
            end = _country_end(doc, token.i + 1)
        else:
            end = _portfolio_end(doc, token.i + 2)
        if end <= token.i + 2:
            continue
        complement = doc[token.i + 1 : end].text
        yield f"{institution} {complement}", doc[token.i : end]


def names_an_office(span: Span) -> bool:
    """Whether an implied institution's evidence is an office ("Minister of ..."), which a
    holder's name may follow."""
    return span[0].text in _OFFICES


def _portfolio_end(doc: Doc, i: int) -> int:
    """The end of "Education and Science of the Republic of Kazakhstan" from ``i``: the
    portfolio's words, then the country; the office holder's name is not read into it."""
    portfolio = word_list("portfolio_words")
    end = i
    while end < len(doc) and (doc[end].text in portfolio or doc[end].text in (",", "and")):
        end += 1
    while end > i and doc[end - 1].text in (",", "and"):
        end -= 1
    if end == i:
        return i
    return _country_end(doc, end)


def _country_end(doc: Doc, i: int) -> int:
    """Past "of Kazakhstan", "of the Republic of Kazakhstan" or "of the Russian Federation"
    at ``i``, if there."""
    countries = word_table("countries")
    words = [t.text for t in doc[i : i + 5]]
    for pattern in (
        ["of", "the", "Republic", "of"],
        ["of", "Republic", "of"],
        ["of", "the"],
        ["of"],
    ):
        n = len(pattern)
        if words[:n] == pattern and len(words) > n and words[n] in countries:
            end = i + n + 1
            # "of the Russian Federation", "of the Kyrgyz Republic": the adjective's noun
            while end < len(doc) and doc[end].text in _STATE_NOUNS:
                end += 1
            return end
    return i


def _distributed(doc: Doc) -> Iterator[tuple[str, Span]]:
    """ "the Ministries of Health of Estonia, Latvia, and Lithuania"."""
    countries = word_table("countries")
    for token in doc:
        singular = _PLURAL_HEADS.get(token.text)
        if singular is None or token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "of":
            continue
        field_end = _field_end(doc, token.i + 2)
        if field_end is None:
            continue
        field = doc[token.i + 1 : field_end].text  # "of Education"
        for place in _country_list(doc, field_end + 1, countries):
            yield f"{singular} {field} of {place.text}", place


def _field_end(doc: Doc, i: int) -> int | None:
    """The end of the field ("Education", "Foreign Affairs"), which the list's "of" follows."""
    j = i
    while j < len(doc) and (doc[j].is_title or doc[j].lower_ == "and") and doc[j].lower_ != "of":
        j += 1
    if j == i or j >= len(doc) or doc[j].lower_ != "of":
        return None
    return j


def _country_list(doc: Doc, i: int, countries: dict[str, str]) -> Iterator[Span]:
    """Country names separated by commas and "and", from token ``i``."""
    if i < len(doc) and doc[i].lower_ == "the":
        i += 1
    while i < len(doc) and doc[i].text in countries:
        yield doc[i : i + 1]
        i += 1
        while i < len(doc) and doc[i].text in (",", "and"):
            i += 1
