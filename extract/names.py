"""Name folding and acronyms: the one place both extraction and resolution read.

spaCy-free (the graph layer imports it), so an institution's name is folded,
and an acronym recognised, the same way when the extractor groups mentions
inside a document, when the resolver matches them across documents, and when
an IRI is minted.

>>> fold_accents("Universität Pompeu Fabra")
'universitat pompeu fabra'
>>> fold_accents("Việt Nam National University")
'viet nam national university'
>>> looks_like_acronym("KazNU"), looks_like_acronym("Almaty"), looks_like_acronym("A.N.")
(True, False, True)
>>> looks_like_acronym("Kazakh National University")
False
>>> bool(INITIALS.match("A.V.")), bool(INITIALS.match("AV"))
(True, False)
>>> bool(INITIALS.match("Zh.")), bool(INITIALS.match("M.Zh.")), bool(INITIALS.match("Dr."))
(True, True, False)
>>> latin("Кайрат Муканов"), latin("Садовничий Юрий"), latin("Қазақ ұлттық университеті")
('Kayrat Mukanov', 'Sadovnichiy Yuriy', 'Qazaq ulttyq universiteti')
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# One initial: a capital, or the Latin digraph that transliterates one Cyrillic letter
# ("Zh." for Ж, "Yu." for Ю, "Shch." for Щ), as English-language news from Kazakhstan,
# Russia or Uzbekistan writes "Zh. Tuimebayev" or "M.Zh. Zhurinov".
DIGRAPH_INITIALS = ("Shch", "Dzh", "Zh", "Sh", "Kh", "Ch", "Ts", "Yu", "Ya", "Ye", "Yo")
INITIAL = rf"(?:{'|'.join(DIGRAPH_INITIALS)}|[A-Z])\."
# "A.", "A.V.", "A.N.V.", "Zh.", "M.Zh.": a person's initials
INITIALS = re.compile(rf"^(?:{INITIAL}){{1,3}}$")
# the longest acronym taken as one (longer all-capitals words are shouted words, not names)
ACRONYM_MAX_LETTERS = 10


# Cyrillic → Latin as English-language news spells Russian, Belarusian and Kazakh names
# (BGN/PCGN without diacritics: "Юрий Садовничий" → "Yuriy Sadovnichiy"), so that a name
# read in a Russian text folds, keys and mints an IRI like its English spelling.
_CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһіў",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "yo",
            "zh",
            "z",
            "i",
            "y",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "_",
            "y",
            "_",
            "e",
            "yu",
            "ya",
            "a",
            "gh",
            "q",
            "ng",
            "o",
            "u",
            "u",
            "h",
            "i",
            "w",
        ],
        strict=True,
    )
)


def latin(text: str) -> str:
    """``text`` with Cyrillic letters transliterated (capitals kept); other text unchanged."""
    if not any("\u0400" <= c <= "\u04ff" for c in text):
        return text
    out = []
    for c in text:
        lower = c.lower()
        if lower not in _CYRILLIC:
            out.append(c)
            continue
        letters = _CYRILLIC[lower].strip("_")
        out.append(letters.capitalize() if c != lower else letters)
    return "".join(out)


@lru_cache(maxsize=65536)  # pure, and asked of the same names many times
def fold_accents(text: str) -> str:
    """Case- and accent-insensitive form: NFKD, combining marks dropped, casefolded."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def looks_like_acronym(name: str) -> bool:
    """One word of 2 to 10 letters (dots and hyphens aside) with at least two capitals."""
    compact = name.replace(".", "").replace("-", "")
    return (
        " " not in name.strip()
        and 2 <= len(compact) <= ACRONYM_MAX_LETTERS
        and sum(c.isupper() for c in compact) >= 2
    )
