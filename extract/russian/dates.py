"""Dates in Russian text: "20 февраля 2004 года", "в марте 2023 г.", "02.12.2023", "в 2026 году".

Months are matched by their stems in any case; the role of a date comes from
the words of its sentence (a signing, a meeting, a founding).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc

from coopgraph.extract.records import DateMention, DateRole, Evidence
from coopgraph.extract.russian.lexicon import FOUNDING, MEETING, SIGNING

_MONTH_STEMS = (
    "январ",
    "феврал",
    "март",
    "апрел",
    "ма",
    "июн",
    "июл",
    "август",
    "сентябр",
    "октябр",
    "ноябр",
    "декабр",
)
_MONTH = (
    r"(январ[ьяею]|феврал[ьяею]|марта?е?|апрел[ьяею]|ма[йяею]|июн[ьяею]|июл[ьяею]|августа?е?"
    r"|сентябр[ьяею]|октябр[ьяею]|ноябр[ьяею]|декабр[ьяею])"
)
_DAY_MONTH_YEAR = re.compile(
    rf"\b(\d{{1,2}})(?:\s*[-–—]\s*\d{{1,2}})?\s+{_MONTH}\s+(\d{{4}})(?:\s*(?:года|год|г\.))?", re.I
)
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:\s*[-–—]\s*\d{{1,2}})?\s+{_MONTH}\b(?!\s+\d)", re.I)
_MONTH_YEAR = re.compile(rf"\b{_MONTH}\s+(\d{{4}})(?:\s*(?:года|год|г\.))?", re.I)
_NUMERIC = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_YEAR = re.compile(r"\b((?:19|20)\d{2})\s*(?:года|году|год|г\.)", re.I)


def month_number(word: str) -> int | None:
    word = word.lower()
    if word.startswith("ма") and not word.startswith("март"):
        return 5
    for number, stem in enumerate(_MONTH_STEMS, start=1):
        if stem != "ма" and word.startswith(stem):
            return number
    return None


def parse_russian_date(text: str, reference_year: int | None = None) -> str | None:
    """ISO form of a Russian date expression, or None.

    >>> parse_russian_date("18 ноября 2025 г.")
    '2025-11-18'
    >>> parse_russian_date("02.12.2023")
    '2023-12-02'
    >>> parse_russian_date("10 июля", reference_year=2018)
    '2018-07-10'
    """
    for found in _matches(text, reference_year):
        return found[2]
    return None


def _matches(text: str, reference_year: int | None) -> Iterator[tuple[int, int, str]]:
    """(start, end, iso) of every date in ``text``, the most specific form first at each place."""
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    def take(start: int, end: int, iso: str | None) -> Iterator[tuple[int, int, str]]:
        if iso and free(start, end):
            taken.append((start, end))
            yield start, end, iso

    for m in _DAY_MONTH_YEAR.finditer(text):
        yield from take(m.start(), m.end(), _iso(m.group(3), month_number(m.group(2)), m.group(1)))
    for m in _NUMERIC.finditer(text):
        yield from take(m.start(), m.end(), _iso(m.group(3), int(m.group(2)), m.group(1)))
    for m in _MONTH_YEAR.finditer(text):
        yield from take(m.start(), m.end(), _iso(m.group(2), month_number(m.group(1)), None))
    if reference_year is not None:
        for m in _DAY_MONTH.finditer(text):
            yield from take(
                m.start(), m.end(), _iso(str(reference_year), month_number(m.group(2)), m.group(1))
            )
    for m in _YEAR.finditer(text):
        yield from take(m.start(), m.end(), m.group(1))


def _iso(year: str, month: int | None, day: str | None) -> str | None:
    if month is None or not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year}-{month:02d}"
    if not 1 <= int(day) <= 31:
        return None
    return f"{year}-{month:02d}-{int(day):02d}"


def find_dates(doc: Doc, published_iso: str | None) -> list[DateMention]:
    """Every date the text states, with the role its sentence gives it."""
    year = int(published_iso[:4]) if published_iso else None
    found: list[DateMention] = []
    for start, end, iso in sorted(_matches(doc.text, year)):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        sent = span.sent
        evidence = Evidence(sent.text.rstrip(), start, end, sent.start_char)
        found.append(DateMention(doc.text[start:end], iso, _role(sent), (evidence,)))
    return found


def _role(sent: object) -> DateRole:
    lemmas = {t.lemma_.lower() for t in sent}  # type: ignore[attr-defined]
    if lemmas & SIGNING:
        return "signing"
    if lemmas & FOUNDING:
        return "founding"
    if lemmas & MEETING:
        return "meeting"
    return "other"
