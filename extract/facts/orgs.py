"""Group institution mentions into organizations and describe each one.

Mentions come from the ``coop_institutions`` component. Inside one document,
mentions that :func:`coopgraph.extract.facts.aliases.same_institution` links — including an
acronym introduced in parentheses, "Tomsk State University (TSU)" — become one
organization with the surface forms as aliases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import cast
from urllib.parse import urlparse

from spacy.tokens import Doc, Span

from coopgraph.extract.components.agreement_triggers import SPAN_KEY as TRIGGER_KEY
from coopgraph.extract.components.institutions import SPAN_KEY
from coopgraph.extract.facts.aliases import (
    is_acronym_of,
    is_shortened_name,
    normalize_name,
    same_institution,
)
from coopgraph.extract.facts.doc_text import text_of
from coopgraph.extract.facts.evidence import evidence_of
from coopgraph.extract.facts.implied_orgs import implied_organizations
from coopgraph.extract.facts.places import country_in_name, place_country
from coopgraph.extract.names import looks_like_acronym
from coopgraph.extract.patterns import word_list, word_table
from coopgraph.extract.records import Organization, OrgType

_LEADING = re.compile(r"^(the|a|an|our|its|their)\s+", re.I)
_TYPE_WORDS: tuple[tuple[re.Pattern[str], OrgType], ...] = (
    (re.compile(r"\bconsorti", re.I), "consortium"),
    (re.compile(r"universit|college|polytechnic|conservator|\bschool of\b", re.I), "university"),
    (re.compile(r"\bministry|government|embassy|akimat|parliament|agency\b", re.I), "government"),
    (
        re.compile(r"institut|academy|laborator|observatory|research cent", re.I),
        "research_institute",
    ),
    (re.compile(r"\b(company|corporation|bank|llp|jsc|inc|ltd|group|holding)\b", re.I), "company"),
    (re.compile(r"foundation|association|society|federation|union|fund\b", re.I), "ngo"),
)
_COMPLEMENT = re.compile(r"\s(?:of|for|on|between)\s", re.I)
# "VI Moscow International Education Fair", "III Congress of Young Scientists", "9th Forum":
# a numbered edition is an event, not an institution
_EDITION = re.compile(r"^(?:[IVXL]+|\d+(?:st|nd|rd|th))$")
_POSSESSIVE_PLACE = re.compile(r"^([A-Z][\w.-]*)['\u2019]s\s+")
_SOURCE_LINE = re.compile(r"^(press service of|press office of|source:)\s*(.+)$", re.I | re.M)


@dataclass
class OrgCluster:
    """Mentions of one institution inside a document."""

    mentions: list[Span] = field(default_factory=list)
    # institutions the text implies without writing the name: (name, the words implying it)
    implied: list[tuple[str, Span]] = field(default_factory=list)

    @property
    def surface_forms(self) -> list[str]:
        seen: dict[str, str] = {}
        for text in [clean_org_name(s.text) for s in self.mentions] + [n for n, _ in self.implied]:
            seen.setdefault(normalize_name(text), text)
        return list(seen.values())

    def implies(self, span: Span) -> bool:
        return any(e.start <= span.start and span.end <= e.end for _, e in self.implied)

    @property
    def name(self) -> str:
        forms = self.surface_forms
        full = [f for f in forms if not looks_like_acronym(f)]
        return max(full or forms, key=len)

    def covers(self, span: Span) -> bool:
        return any(m.start <= span.start and span.end <= m.end for m in self.mentions)

    def named_within(self, span: Span) -> bool:
        """One of its names begins inside ``span``, after its start: the university of
        "Center for Arctic Studies of Tromso University", or a consortium whose own
        complement runs on past the commission named for it."""
        return any(begins_within(m, span) for m in self.mentions)


def begins_within(inner: Span, outer: Span) -> bool:
    """``inner`` starts inside ``outer``, after its first word."""
    return outer.start < inner.start < outer.end


def clean_org_name(text: str) -> str:
    text = _LEADING.sub("", " ".join(text.split()))
    # "the UK's University of Leeds": the possessive place is not part of the name
    owner = _POSSESSIVE_PLACE.match(text)
    if owner and owner.group(1) in word_table("countries"):
        text = text[owner.end() :]
    return text.strip(" ,.;:\"'«»“”")


def _not_an_institution(span: Span, name: str) -> bool:
    """Datelines ("ALMATY, 11 May", "KUALA LUMPUR, 3 November 2021"), generic words and
    plurals named in the word list, and names headed by an event, prize, degree or field
    ("XV Congress", "Candidate of Philosophical Sciences", "Oriental Studies") or numbered
    as an event's edition ("VI Moscow International Education Fair")."""
    if name.casefold() in {w.casefold() for w in word_table("not_institutions")}:
        return True
    words = name.split()
    if len(words) > 1 and _EDITION.match(words[0]):
        return True
    heads = word_list("non_institution_heads")
    headed = words[:1] and words[0] in word_table("institution_heads") and words[0] not in heads
    if headed and len(words) > 2 and words[1] in ("of", "for"):
        return False  # "Center for Arctic Studies", "Institute of Oriental Studies"
    first_head = len(words) > 2 and words[1].casefold() == "of" and words[0] in heads
    if words and (words[-1] in heads or first_head):
        return True
    return name.isupper() and (name.title() in word_table("countries") or _a_dateline(span))


# what follows a dateline's place: a dash, a colon, a slash ("ABU DHABI / WAM")
_DATELINE_MARKS = frozenset({"\u2013", "\u2014", "-", ":", "/"})


def _a_dateline(span: Span) -> bool:
    """ "KUALA LUMPUR, 3 November 2021 -", "HÀ NỘI -", "MINSK, (BelTA)": a place in capitals
    opening a line, then a dash, or a comma or full stop and a date or an agency."""
    doc = span.doc
    if doc.text[: span.start_char].rstrip(" \t")[-1:] not in ("", "\n"):
        return False
    if span.end >= len(doc):
        return False
    after = doc[span.end]
    if after.text in _DATELINE_MARKS:
        return True
    if after.text not in (",", ".") or span.end + 1 >= len(doc):
        return False
    then = doc[span.end + 1]
    return then.text == "(" or then.like_num or then.ent_type_ == "DATE"


def cluster_organizations(doc: Doc) -> list[OrgCluster]:
    """One cluster per institution, in order of first mention."""
    clusters: list[OrgCluster] = []
    for span in doc.spans[SPAN_KEY]:
        name = clean_org_name(span.text)
        if not name or _not_an_institution(span, name):
            continue
        target = (
            _enclosing_cluster(span, clusters)
            or _introducing_cluster(doc, span, clusters)
            or _matching_cluster(name, clusters)
        )
        if target is None:
            target = OrgCluster()
            clusters.append(target)
        target.mentions.append(span)
    for name, evidence in implied_organizations(doc):
        target = _matching_cluster(name, clusters)
        if target is None:
            target = OrgCluster()
            clusters.append(target)
        target.implied.append((name, evidence))
    clusters = _absorb_short_forms(_merge_transitively(clusters))
    return [c for c in clusters if not _idle_unit(c, clusters)]


def _idle_unit(cluster: OrgCluster, clusters: list[OrgCluster]) -> bool:
    """A faculty, department or centre of an institution, never in an agreement's
    sentence: the institution acts, and its unit is a detail of a role."""
    if not cluster.mentions:
        return False
    units = word_table("unit_heads")
    head = _COMPLEMENT.split(cluster.name, maxsplit=1)[0].split()[-1]
    if head not in units:
        return False
    if units[head] == "parented" and not any(
        _encloses(m, other) for m in cluster.mentions for other in clusters if other is not cluster
    ):
        return False
    doc = cluster.mentions[0].doc
    triggers = {t.sent.start for t in doc.spans[TRIGGER_KEY]}
    return not any(m.sent.start in triggers for m in cluster.mentions)


def _encloses(mention: Span, other: OrgCluster) -> bool:
    """``other`` is named inside ``mention``, as a unit's parent is."""
    return any(mention.start < m.start and m.end <= mention.end for m in other.mentions)


def _enclosing_cluster(span: Span, clusters: list[OrgCluster]) -> OrgCluster | None:
    """ "Center for Arctic Studies" inside "Center for Arctic Studies of Tromso University": a
    unit's own name, which begins its full name, is an alias of it."""
    for cluster in clusters:
        if any(m.start == span.start and span.end < m.end for m in cluster.mentions):
            return cluster
    return None


def _introducing_cluster(doc: Doc, span: Span, clusters: list[OrgCluster]) -> OrgCluster | None:
    """ "Andalas University (Unand)": a parenthesised mention right after a name is its alias."""
    if span.start < 2 or doc[span.start - 1].text != "(":
        return None
    if span.end >= len(doc) or doc[span.end].text != ")":
        return None
    for cluster in clusters:
        if any(m.end == span.start - 1 for m in cluster.mentions):
            return cluster
    return None


def _matching_cluster(name: str, clusters: list[OrgCluster]) -> OrgCluster | None:
    for cluster in clusters:
        if any(same_institution(name, form) for form in cluster.surface_forms):
            return cluster
    return None


def _merge_transitively(clusters: list[OrgCluster]) -> list[OrgCluster]:
    """A later full name can link two earlier clusters (an acronym and a short form)."""
    merged: list[OrgCluster] = []
    for cluster in clusters:
        home = next(
            (
                m
                for m in merged
                if any(
                    same_institution(a, b) for a in cluster.surface_forms for b in m.surface_forms
                )
            ),
            None,
        )
        if home is None:
            merged.append(cluster)
        else:
            home.mentions.extend(cluster.mentions)
            home.implied.extend(cluster.implied)
    return merged


def _absorb_short_forms(clusters: list[OrgCluster]) -> list[OrgCluster]:
    """ "Baltic Association" after "Baltic Association of Technical Schools", "Eurasian
    National University" beside "Gumilyov Eurasian National University": a name cut short is the
    longer one, when exactly one longer name in the text fits it."""
    kept = list(clusters)
    for cluster in clusters:
        if any(looks_like_acronym(f) for f in cluster.surface_forms):
            continue
        homes = [
            other
            for other in kept
            if other is not cluster
            and any(
                is_shortened_name(short, full)
                for short in cluster.surface_forms
                for full in other.surface_forms
            )
        ]
        if len(homes) == 1:
            homes[0].mentions.extend(cluster.mentions)
            homes[0].implied.extend(cluster.implied)
            kept.remove(cluster)
    return kept


@cache
def _news_sources() -> frozenset[str]:
    return frozenset(w.casefold() for w in word_list("news_sources"))


# an outlet by its shape: a web address ("UzDaily.com", "sb.by") or a newspaper's last
# word ("Stabroek News", "The Caspian Post")
_OUTLET_SHAPE = re.compile(
    r"(?:\.(?:com|kz|ru|by|uz|kg|tj|az|am|ge|net|info|news)\b|^www\.)"
    r"|\b(?:News|Daily|Times|Gazette|Herald|Post|Tribune|Telegraph|Press|Media|Newswire)$"
)


def is_news_source(name: str) -> bool:
    """An outlet reporting the news ("Kazinform", "AzerNews", "UzDaily.com"): no party to
    what it reports."""
    return name.casefold() in _news_sources() or bool(_OUTLET_SHAPE.search(name.strip()))


def organization_type(name: str) -> OrgType:
    # the head decides before its complement: "commission for ... the consortium"
    # is a commission, "Institute of ... of the University" an institute
    head_part = _COMPLEMENT.split(name, maxsplit=1)[0]
    for pattern, kind in _TYPE_WORDS:
        if pattern.search(head_part):
            return kind
    head_kind = word_table("institution_heads").get(head_part.split()[-1].title())
    if head_kind:
        return cast(OrgType, head_kind)
    for pattern, kind in _TYPE_WORDS:
        if pattern.search(name):
            return kind
    # acronyms of universities end in U ("KazNU", "TSEU", "ENU")
    if looks_like_acronym(name.split()[-1]) and name.endswith("U"):
        return "university"
    return "other"


def organization_country(forms: list[str], kind: OrgType | None = None) -> str | None:
    """The first country a name mentions ("Kazakh-British Technical University" is in
    Kazakhstan); none for a consortium or commission of institutions of several."""
    table = word_table("countries")
    codes = [
        code
        for form in forms
        for word in re.findall(r"[\w-]+", form)
        for part in (word, *word.split("-"))
        if (code := table.get(part))
    ]
    if kind in ("consortium", "other") and len(set(codes)) > 1:
        return None
    if codes:
        return codes[0]
    for form in forms:  # a country or a large city in the name, from GeoNames
        words = [w for w in re.findall(r"[\w]+(?:[-'][\w]+)*", form) if w[:1].isupper()]
        if code := country_in_name(words):
            return code
    return None


def stated_country(cluster: OrgCluster) -> str | None:
    """A country the text gives right after a mention: "X (China)", "X in Shenzhen"."""
    for mention in cluster.mentions:
        doc, end = mention.doc, mention.end
        after = [t.text for t in doc[end : end + 4]]
        if len(after) >= 3 and after[0] == "(" and ")" in after[2:]:
            place = " ".join(after[1 : after.index(")")])
            if code := place_country(place):
                return code
        if len(after) >= 2 and after[0] == "in":
            for n in (2, 1):
                if len(after) > n and (code := place_country(" ".join(after[1 : 1 + n]))):
                    return code
    return None


def to_organization(cluster: OrgCluster) -> Organization:
    name = cluster.name
    forms = cluster.surface_forms
    kind = organization_type(" ".join(f for f in forms if not looks_like_acronym(f)) or name)
    return Organization(
        name=name,
        type=kind,
        country=organization_country(forms, kind) or stated_country(cluster),
        aliases=tuple(f for f in forms if f != name),
        evidence=tuple(
            evidence_of(m) for m in [*cluster.mentions, *(e for _, e in cluster.implied)]
        ),
    )


def find_publisher(doc: Doc, clusters: list[OrgCluster], url: str | None) -> OrgCluster | None:
    """The institution that published the text: a "Press service of X" line, or the URL's host."""
    for match in _SOURCE_LINE.finditer(text_of(doc)):
        start = match.start(2)
        for cluster in clusters:
            if any(
                m.start_char >= start and m.start_char <= match.end(2) for m in cluster.mentions
            ):
                return cluster
    host = urlparse(url).hostname if url else None
    if host:
        labels = [p for p in host.split(".") if p not in ("www", "en", "news", "welcome")]
        for cluster in clusters:
            for form in cluster.surface_forms:
                if any(label and _host_names(label, form) for label in labels[:-1]):
                    return cluster
    return None


def _host_names(label: str, form: str) -> bool:
    if normalize_name(form).replace(" ", "") == label:
        return True
    return is_acronym_of(label.upper(), form) or label == form.casefold()
