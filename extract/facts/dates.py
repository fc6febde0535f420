"""Calendar expressions → ISO dates (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``).

Numeric forms are parsed here, because their day/month order is a convention
of the source ("09.06.2023" is day-first); worded forms go to dateparser.

>>> parse_date("11/17/2021")
'2021-11-17'
>>> parse_date("09.06.2023")
'2023-06-09'
>>> parse_date("Monday, 24 June 2019 19:09")
'2019-06-24'
>>> parse_date("September 29", reference_year=2008)
'2008-09-29'
>>> parse_date("2011.12.28 Update")
'2011-12-28'
>>> parse_date("in 2011")
'2011'
>>> parse_date("annually") is None
True
"""

from __future__ import annotations

import re
from functools import lru_cache

from dateparser.date import DateDataParser

_DMY = re.compile(r"\b(\d{1,2})([./-])(\d{1,2})\2(\d{4})\b")
_YMD = re.compile(r"\b(\d{4})([./-])(\d{1,2})\2(\d{1,2})\b")
_YEAR = re.compile(r"^(?:in |since |from |by |of )?((?:1[6-9]|20)\d{2})(?:s)?$", re.I)
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_MONTH = re.compile(rf"\b({_MONTHS})\.?\b", re.I)
_DAY_RANGE = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)?\s*(?:-|\u2013|\u2014|to|and)\s*\d{1,2}(?:st|nd|rd|th)?\b"
)
_ANY_YEAR = re.compile(r"\b(?:1[6-9]|20)\d{2}\b")
_NOISE = re.compile(r"\b(update[d]?|posted|published)\b", re.I)


def parse_date(text: str, reference_year: int | None = None, day_first: bool = True) -> str | None:
    """ISO form of a calendar expression, or None when it names no calendar date."""
    text = _NOISE.sub(" ", text).strip(" ,.;()")
    if not text:
        return None
    numeric = _parse_numeric(text, day_first)
    if numeric is not None:
        return numeric
    year = _YEAR.match(text)
    if year:
        return year.group(1)
    if not _MONTH.search(text) or len(_ANY_YEAR.findall(text)) > 1:
        return None
    return _parse_worded(_DAY_RANGE.sub(r"\1", text), reference_year)


def _parse_numeric(text: str, day_first: bool) -> str | None:
    if m := _YMD.search(text):
        return _iso(int(m.group(1)), int(m.group(3)), int(m.group(4)))
    if m := _DMY.search(text):
        a, b, year = int(m.group(1)), int(m.group(3)), int(m.group(4))
        month_first = b > 12 or (not day_first and a <= 12 and m.group(2) == "/")
        day, month = (b, a) if month_first else (a, b)
        return _iso(year, month, day)
    return None


def _iso(year: int, month: int, day: int) -> str | None:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


@lru_cache(maxsize=1)
def _parser() -> DateDataParser:
    return DateDataParser(
        languages=["en"],
        settings={"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["month"]},
    )


def _parse_worded(text: str, reference_year: int | None) -> str | None:
    data = _parser().get_date_data(text)
    if data.date_obj is None:
        return None
    has_year = bool(_ANY_YEAR.search(text))
    if not has_year and reference_year is None:
        return None
    year = data.date_obj.year if has_year else reference_year
    assert year is not None
    if data.period == "month":
        return f"{year:04d}-{data.date_obj.month:02d}"
    if data.period == "year":
        return f"{year:04d}"
    return f"{year:04d}-{data.date_obj.month:02d}-{data.date_obj.day:02d}"
