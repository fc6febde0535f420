"""HTTP Accept header → media types in order of preference (RFC 9110 q-values).

>>> accepted_types("text/csv;q=0.5, application/sparql-results+json")
['application/sparql-results+json', 'text/csv']
>>> accepted_types("")
[]
>>> accepted_types("*/*;q=0")
Traceback (most recent call last):
coopgraph.graph.errors.NotAcceptableError: the Accept header (*/*;q=0) accepts no type at all
"""

from __future__ import annotations

from coopgraph.graph.errors import NotAcceptableError


def accepted_types(header: str | None) -> list[str]:
    """The types of an Accept header, best first; [] when it states no preference.

    A header that refuses everything it names (``*/*;q=0``) is answered 406.
    """
    ranked: list[tuple[float, int, str]] = []
    named = 0
    for position, part in enumerate((header or "").split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        if not media:
            continue
        named += 1
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0:
            ranked.append((-quality, position, media.lower()))
    if named and not ranked:
        raise NotAcceptableError(f"the Accept header ({header}) accepts no type at all")
    return [media for _, _, media in sorted(ranked)]
