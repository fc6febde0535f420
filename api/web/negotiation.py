"""HTTP Accept header → media types in order of preference (RFC 9110 q-values).

>>> accepted_types("text/csv;q=0.5, application/sparql-results+json")
['application/sparql-results+json', 'text/csv']
>>> accepted_types("")
[]
"""

from __future__ import annotations


def accepted_types(header: str | None) -> list[str]:
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate((header or "").split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        if not media:
            continue
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
    return [media for _, _, media in sorted(ranked)]
