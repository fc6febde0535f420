"""One institution, one IRI: resolving names across documents.

Each organization a document names is resolved by rules that depend only on
that document's own mention (name, aliases, type, country), the gazetteer
(``data/gazetteer.csv``) and the recorded corrections, never on which other
documents came first, so the final entity set does not depend on ingestion
order. In order:

1. ``correction``: a name a user merged into, or split from, an entity.
2. ``gazetteer-name``: the name or an alias equals a gazetteer name or alias,
   after folding case, accents, punctuation and transliteration variants
   (Gumilyov / Gumilev, Al-Farabi / al-Farabi).
3. ``gazetteer-acronym``: an acronym that one gazetteer entry of the same
   country carries (acronyms are ambiguous across countries).
4. ``gazetteer-fuzzy``: a close match (rapidfuzz token-sort ratio ≥ 92) to one
   gazetteer name of the same type and country, and clearly better than the
   runner-up; numbers and distinguishing words must agree.
5. ``name-key``: otherwise the name itself (case, accents, punctuation folded)
   is the identity, so the same name in two documents is one entity and
   different names stay apart. A name the text also gives without its
   complement ("... consortium" for "... consortium between the universities
   of ...") is keyed by that shorter core, which other documents use too.

People resolve on their name (surname plus given-name initial) together with
their affiliation's resolved IRI: the same name at two institutions is two
people unless a correction says otherwise.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib.resources.abc import Traversable
from pathlib import Path

from rapidfuzz import fuzz, process

from coopgraph.extract.names import fold_accents, latin, looks_like_acronym
from coopgraph.graph.rdf.iris import org_iri, slug
from coopgraph.graph.rdf.vocab import ID
from coopgraph.graph.resources import GAZETTEER

FUZZY_THRESHOLD = 92.0
FUZZY_MARGIN = 4.0  # the best match must beat the runner-up by this much
GENERIC = frozenset({"the", "named", "after", "n", "a", "im", "of", "and", "&"})
# words that tell institutions apart: a fuzzy match may not differ in any of them
DISTINCTIVE = frozenset(
    {
        "medical", "technical", "technological", "pedagogical", "agrarian", "agricultural",
        "economic", "economics", "linguistic", "state", "national", "federal", "polytechnic",
        "research", "academy", "institute", "university", "international", "humanities",
        "oil", "gas", "arts", "culture", "women's", "teacher", "conservatory", "law", "military",
    }
)  # fmt: skip
# words that name a field or a kind of body, not a particular one: a name made only
# of these ("Institute of Nuclear Physics") exists in many countries
SUBJECT_WORDS = frozenset(
    {
        "nuclear", "physics", "chemistry", "mathematics", "history", "science", "sciences",
        "engineering", "technology", "energy", "center", "centre", "ministry", "education",
        "higher", "school", "college", "republic", "council", "scientific", "studies",
        "applied", "biology", "medicine", "computer", "information", "space", "geology",
    }
)  # fmt: skip
_TRANSLIT = (
    ("yo", "e"), ("ye", "e"), ("iy", "i"), ("yi", "i"), ("y", "i"), ("kh", "h"),
    ("zh", "j"), ("ts", "c"), ("ph", "f"), ("w", "v"), ("ou", "u"),
)  # fmt: skip


def fold(name: str) -> str:
    """Lower-case ASCII words with transliteration variants and filler words folded.

    >>> fold("L.N. Gumilyov University") == fold("L. N. Gumilev University")
    True
    >>> fold("Al-Farabi KazNU") == fold("al-Farabi KazNU")
    True
    """
    text = re.sub(r"['\u2019`]", "", fold_accents(latin(name)))
    text = re.sub(r"[^a-z0-9]+", " ", text)
    words = []
    for word in text.split():
        if word in GENERIC:
            continue
        for old, new in _TRANSLIT:
            word = word.replace(old, new)
        words.append(word)
    return " ".join(words)


@dataclass(frozen=True)
class GazetteerEntry:
    name: str
    aliases: tuple[str, ...]
    country: str | None
    type: str | None
    wikidata: str | None
    ror: str | None

    @property
    def iri(self) -> str:
        return str(org_iri(self.name))

    def name_in(self, language: str) -> str | None:
        """The entry's full name in ``language``: its first alias in that script (the
        gazetteer lists Russian names among the aliases), or None."""
        if language not in ("ru", "be", "kk"):
            return None
        return next(
            (
                a
                for a in self.aliases
                if not looks_like_acronym(a) and any("\u0400" <= c <= "\u04ff" for c in a)
            ),
            None,
        )


def read_gazetteer(path: Path | Traversable = GAZETTEER) -> list[GazetteerEntry]:
    with path.open("r", encoding="utf-8") as f:
        return [
            GazetteerEntry(
                name=row["name"].strip(),
                aliases=tuple(
                    a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()
                ),
                country=(row.get("country") or "").strip() or None,
                type=(row.get("type") or "").strip() or None,
                wikidata=(row.get("wikidata") or "").strip() or None,
                ror=(row.get("ror") or "").strip() or None,
            )
            for row in csv.DictReader(f)
            if (row.get("name") or "").strip()
        ]


@dataclass(frozen=True)
class Resolution:
    iri: str
    rule: str
    score: float
    matched: str  # the gazetteer name or key the mention matched
    entry: GazetteerEntry | None = None


@dataclass
class Corrections:
    """Manual decisions, keyed by folded name: ``merge`` sends a name to an IRI;
    ``split`` keeps a name off an IRI it would otherwise resolve to."""

    merged: dict[str, str] = field(default_factory=dict)  # folded name → IRI
    split: set[tuple[str, str]] = field(default_factory=set)  # (folded name, IRI)


class Resolver:
    def __init__(self, entries: Iterable[GazetteerEntry], corrections: Corrections | None = None):
        self.entries = list(entries)
        self.corrections = corrections or Corrections()
        self._names: dict[str, list[GazetteerEntry]] = defaultdict(list)
        self._acronyms: dict[str, list[GazetteerEntry]] = defaultdict(list)
        for entry in self.entries:
            for form in (entry.name, *entry.aliases):
                target = self._acronyms if looks_like_acronym(form) else self._names
                key = form.upper() if target is self._acronyms else fold(form)
                if entry not in target[key]:
                    target[key].append(entry)
        # every full name and alias, for fuzzy matching: position → folded form
        forms = [
            (fold(f), e)
            for e in self.entries
            for f in (e.name, *e.aliases)
            if not looks_like_acronym(f)
        ]
        self._choices = {i: form for i, (form, _) in enumerate(forms)}
        self._choice_entries = [entry for _, entry in forms]
        self._iris = {e.iri for e in self.entries}

    def organization(
        self,
        name: str,
        aliases: Iterable[str] = (),
        country: str | None = None,
        kind: str | None = None,
    ) -> Resolution:
        forms = [name, *aliases]
        for form in forms:
            target = self.corrections.merged.get(fold(form))
            if target:
                entry = next((e for e in self.entries if e.iri == target), None)
                return Resolution(target, "correction", 1.0, form, entry)
        found = self._gazetteer(forms, country, kind)
        if found is not None and not self._split(forms, found.iri):
            return found
        # the IRI is the name's slug (case, accents and punctuation folded): readable,
        # and the same for the same name whichever document comes first. A bare
        # acronym means different institutions in different countries: it keeps its own.
        if kind == "consortium":
            # only a body named by description; a unit's own name ("Faculty of Letters"
            # of "... of Kyoto University") is shared by many institutions
            name = _core_name(name, aliases)
        key = f"{name} {country}" if looks_like_acronym(name) and country else name
        if str(org_iri(key)) in self._iris:
            # the name of a gazetteer institution that this mention is not (another
            # country, or no country to tell): it must not land on that IRI
            key = f"{name} {country or 'unplaced'}"
        return Resolution(str(org_iri(key)), "name-key", 1.0, key)

    def _split(self, forms: list[str], iri: str) -> bool:
        return any((fold(f), iri) in self.corrections.split for f in forms)

    def _gazetteer(
        self, forms: list[str], country: str | None, kind: str | None
    ) -> Resolution | None:
        for form in forms:
            candidates = [e for e in self._names.get(fold(form), []) if _compatible(e, country)]
            if country is None and _generic(form):
                continue  # "Institute of Nuclear Physics": which country's?
            if len(candidates) == 1:
                return Resolution(candidates[0].iri, "gazetteer-name", 1.0, form, candidates[0])
        for form in forms:
            if not looks_like_acronym(form) or country is None:
                continue  # an acronym alone names different institutions in different countries
            candidates = [e for e in self._acronyms.get(form.upper(), []) if e.country == country]
            if len(candidates) == 1:
                return Resolution(candidates[0].iri, "gazetteer-acronym", 0.9, form, candidates[0])
        return self._fuzzy([f for f in forms if not looks_like_acronym(f)], country, kind)

    def _fuzzy(self, forms: list[str], country: str | None, kind: str | None) -> Resolution | None:
        if country is None:
            return None  # a fuzzy match needs the country to agree
        for form in forms:
            folded = fold(form)
            # token *sort* ratio: spelling and word order may differ, words may not be
            # missing or extra ("Oxford Brookes University" is not Oxford)
            ranked = process.extract(folded, self._choices, scorer=fuzz.token_sort_ratio, limit=10)
            best: dict[str, tuple[float, str, GazetteerEntry]] = {}
            for choice, score, i in ranked:
                entry = self._choice_entries[i]
                if entry.country != country or kind not in (None, "other", entry.type):
                    continue
                if entry.iri not in best or score > best[entry.iri][0]:
                    best[entry.iri] = (score, choice, entry)
            ordered = sorted(best.values(), key=lambda b: -b[0])
            if not ordered or ordered[0][0] < FUZZY_THRESHOLD:
                continue
            if len(ordered) > 1 and ordered[0][0] - ordered[1][0] < FUZZY_MARGIN:
                continue  # two institutions fit about as well: do not guess
            score, choice, entry = ordered[0]
            if not _same_distinctive_words(folded, choice):
                continue
            return Resolution(entry.iri, "gazetteer-fuzzy", round(score / 100, 3), form, entry)
        return None

    def person(self, name: str, affiliation_iri: str | None) -> Resolution:
        key = person_key(name)
        merged = self.corrections.merged.get(fold(name))
        if merged:
            return Resolution(merged, "correction", 1.0, name)
        suffix = affiliation_iri.rsplit("/", 1)[-1] if affiliation_iri else "unaffiliated"
        iri = str(ID[f"person/{slug(key)}--{suffix}"])  # e.g. mukanov-k--al-farabi-…
        rule = "name-and-affiliation" if affiliation_iri else "name-only"
        return Resolution(iri, rule, 1.0, key)


def short_forms_within_document(resolved: dict[str, Resolution]) -> dict[str, Resolution]:
    """In one document, a name that only begins a longer name there is that institution:
    "Termez Pedagogical Institute" after "Termez Pedagogical Institute of the A. Navoi
    Tashkent State University", "Makerere University" beside "Makerere University
    College". Applied to names the gazetteer did not place (rule ``document-alias``)."""
    out = dict(resolved)
    folded = {name: fold(name).split() for name in resolved}
    for name, found in resolved.items():
        if found.rule != "name-key" or len(folded[name]) < 2:
            continue
        longer = [
            other
            for other in resolved
            if other != name
            and len(folded[other]) > len(folded[name])
            and folded[other][: len(folded[name])] == folded[name]
        ]
        if len(longer) == 1:  # one longer name it can stand for
            target = resolved[longer[0]]
            out[name] = Resolution(target.iri, "document-alias", 0.9, longer[0], target.entry)
    return out


def person_key(name: str) -> str:
    """Surname and the initial of the first given name: "K. Mukanov" = "Kanatbek Mukanov".

    >>> person_key("Kanatbek Nurtazinovich Mukanov"), person_key("K. Mukanov")
    ('mukanov k', 'mukanov k')
    >>> person_key("Муканов К."), person_key("Кайрат Муканов")
    ('mukanov k', 'mukanov k')
    """
    # case, accents and punctuation folded, spelling kept: the key is also the IRI's slug
    words = [w for w in slug(name.replace(".", " ")).split("-") if w]
    if len(words) < 2:
        return " ".join(words)
    if len(words[-1]) == 1 and len(words[0]) > 1:
        # surname first, initials after: "Муканов К.", "Sakaev V.T."
        return f"{words[0]} {words[1][0]}"
    return f"{words[-1]} {words[0][0]}"


_COMPLEMENT_WORDS = frozenset({"of", "between", "for", "on"})


def _core_name(name: str, aliases: Iterable[str]) -> str:
    """The shortest alias that is the name without its complement, when it is specific
    enough to stand alone: "scientific and educational consortium" for "scientific and
    educational consortium between higher educational institutions of ...", which other
    documents call it by. Depends only on this mention, like every rule here."""
    words = _plain_words(name)
    cores = [
        alias
        for alias in aliases
        if len(core := _plain_words(alias)) >= 3
        and len(words) > len(core)
        and words[: len(core)] == core
        and words[len(core)] in _COMPLEMENT_WORDS
        and not _generic(alias)
    ]
    return min(cores, key=len, default=name)


def _plain_words(name: str) -> list[str]:
    # not fold(): that drops the very connectives ("between", "of") looked for here
    return re.findall(r"\w+", name.casefold())


def _generic(name: str) -> bool:
    words = set(fold(name).split())
    known = {fold(w) for w in DISTINCTIVE | SUBJECT_WORDS}
    return bool(words) and words <= known


def _compatible(entry: GazetteerEntry, country: str | None) -> bool:
    return country is None or entry.country is None or entry.country == country


def _same_distinctive_words(a: str, b: str) -> bool:
    words_a, words_b = set(a.split()), set(b.split())
    numbers_a = {w for w in words_a if w.isdigit()}
    numbers_b = {w for w in words_b if w.isdigit()}
    folded_distinctive = {fold(w) for w in DISTINCTIVE}
    return numbers_a == numbers_b and (words_a & folded_distinctive) == (
        words_b & folded_distinctive
    )


@dataclass(frozen=True)
class ResolverSpec:
    """What a resolver is built from, in a form that can cross to a side process."""

    gazetteers: tuple[str, ...] = ()  # extra gazetteer files, after the bundled one
    merged: tuple[tuple[str, str], ...] = ()
    split: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, corrections: Corrections, gazetteers: Iterable[Path] = ()) -> ResolverSpec:
        return cls(
            tuple(str(p) for p in gazetteers),
            tuple(sorted(corrections.merged.items())),
            tuple(sorted(corrections.split)),
        )


@cache
def resolver_for(spec: ResolverSpec) -> Resolver:
    entries = read_gazetteer()
    for extra in spec.gazetteers:
        if Path(extra).exists():
            entries += read_gazetteer(Path(extra))
    return Resolver(entries, Corrections(dict(spec.merged), set(spec.split)))


def default_resolver() -> Resolver:
    return resolver_for(ResolverSpec())
