"""Texts longer than the model's ``max_length`` are read in pieces, then joined.

spaCy refuses texts over ``nlp.max_length`` (its parser needs about 1 GB per
100 000 characters). A long text is cut at paragraph, then line, then sentence
boundaries; each piece is extracted on its own, its evidence offsets shifted
back into the whole text, and the pieces' records merged by name.
"""

from __future__ import annotations

import re
from dataclasses import replace

from coopgraph.extract.records import (
    Agreement,
    DateMention,
    Evidence,
    Extraction,
    Organization,
    Person,
)

_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"(?<=[.!?])\s+"))


def split_text(text: str, limit: int) -> list[tuple[int, str]]:
    """(offset, piece) pairs covering ``text``, each piece at most ``limit`` characters."""
    pieces: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = 0
        for pattern in _BREAKS:
            ends = [m.end() for m in pattern.finditer(window)]
            if ends and ends[-1] > limit // 2:
                cut = ends[-1]
                break
        cut = cut or limit  # no boundary in the second half: a hard cut
        pieces.append((start, text[start : start + cut]))
        start += cut
    pieces.append((start, text[start:]))
    return pieces


def _shift(evidence: tuple[Evidence, ...], offset: int) -> tuple[Evidence, ...]:
    return tuple(
        replace(
            ev,
            start=ev.start + offset,
            end=ev.end + offset,
            sentence_start=ev.sentence_start + offset,
        )
        for ev in evidence
    )


def merge(whole: Extraction, parts: list[tuple[int, Extraction]]) -> Extraction:
    """One extraction for the whole text from its pieces' extractions."""
    orgs: dict[str, Organization] = {}
    people: dict[str, Person] = {}
    dates: dict[tuple[str, str], DateMention] = {}
    agreements: list[Agreement] = []
    for offset, part in parts:
        for org in part.organizations:
            shifted = replace(org, evidence=_shift(org.evidence, offset))
            known = orgs.get(org.name)
            orgs[org.name] = (
                shifted
                if known is None
                else replace(
                    known,
                    aliases=tuple(dict.fromkeys(known.aliases + org.aliases)),
                    evidence=known.evidence + shifted.evidence,
                )
            )
        for person in part.people:
            shifted_person = replace(person, evidence=_shift(person.evidence, offset))
            known_person = people.get(person.name)
            people[person.name] = (
                shifted_person
                if known_person is None
                else replace(
                    known_person,
                    role=known_person.role or person.role,
                    affiliation=known_person.affiliation or person.affiliation,
                    evidence=known_person.evidence + shifted_person.evidence,
                )
            )
        for date in part.dates:
            key = (date.iso, date.what)
            if key not in dates or not dates[key].evidence:
                dates[key] = replace(date, evidence=_shift(date.evidence, offset))
        agreements.extend(replace(a, evidence=_shift(a.evidence, offset)) for a in part.agreements)
    relations = {
        (r.subject, r.predicate, r.object): replace(r, evidence=_shift(r.evidence, offset))
        for offset, part in parts
        for r in part.relations
    }
    return replace(
        whole,
        organizations=tuple(orgs.values()),
        people=tuple(people.values()),
        dates=tuple(dates.values()),
        agreements=tuple(agreements),
        relations=tuple(relations.values()),
        meetings=tuple(
            replace(m, evidence=_shift(m.evidence, offset))
            for offset, part in parts
            for m in part.meetings
        ),
    )
