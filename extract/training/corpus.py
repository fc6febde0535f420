"""Gold annotations → spaCy training documents.

The gold files name entities (``"Polotsk State University"``, aliases
``["PSU"]``), they do not mark offsets, so every occurrence of a gold name in
the text becomes an entity span: ORG for organizations, PERSON for people, DATE
for the calendar expressions the gold lists. The base model's own predictions
for the labels the gold does not cover (GPE, NORP, MONEY, …) are kept, so
fine-tuning does not make the recognizer forget them (pseudo-rehearsal); its
ORG and PERSON predictions that the gold does not confirm are dropped, which
teaches the project's conventions (titles out of names, the fullest name as
one span, no topics or events as institutions).

>>> occurrences("KazNU and Al-Farabi KazNU", "KazNU")
[(0, 5), (20, 25)]
>>> occurrences("the PSU-led group", "PSU")
[(4, 7)]
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span
from spacy.util import filter_spans

from coopgraph.extract.facts.affiliations import AffiliationScorer
from coopgraph.extract.facts.parties import PartyScorer
from coopgraph.extract.facts.signatories import SignatoryScorer
from coopgraph.extract.reading.sources import read_document
from coopgraph.extract.records import Document
from coopgraph.extract.to_records import doc_to_extraction

# The labels the gold annotates completely; every other label is the base model's.
GOLD_LABELS = frozenset({"ORG", "PERSON"})


@dataclass(frozen=True, slots=True)
class Annotated:
    """One training document: its cleaned text and its gold annotation."""

    doc_id: str
    text: str
    gold: dict[str, object]
    document: Document | None = None


def read_annotated(root: Path) -> list[Annotated]:
    """Pairs ``docs/X.json`` with ``gold/X.json`` under ``root``, sorted by id."""
    out = []
    for path in sorted((root / "docs").glob("*.json")):
        gold_path = root / "gold" / path.name
        if not gold_path.is_file():
            continue
        document = read_document(path)  # the same clean-up as at extraction time
        gold = json.loads(gold_path.read_text("utf-8"))
        out.append(Annotated(path.stem, document.text, gold, document))
    return out


def extract_recorded(
    nlp: Language,
    item: Annotated,
    parties: PartyScorer | None = None,
    affiliations: AffiliationScorer | None = None,
    signatories: SignatoryScorer | None = None,
) -> None:
    """Run the extractor on ``item`` with recording scorers, for what they are shown."""
    document = item.document or Document(id=item.doc_id, text=item.text)
    doc_to_extraction(
        nlp(item.text), document, "training", None, parties, affiliations, signatories
    )


def occurrences(text: str, name: str) -> list[tuple[int, int]]:
    """Character spans where ``name`` stands in ``text`` as whole words."""
    if not name.strip():
        return []
    pattern = re.compile(r"(?<![\w])" + re.escape(name) + r"(?![\w])")
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def gold_mentions(item: Annotated) -> list[tuple[int, int, str]]:
    """Every occurrence of a gold organization, person or date, as (start, end, label)."""
    gold = item.gold
    found: list[tuple[int, int, str]] = []
    for org in _records(gold, "organizations"):
        for name in _names(org):
            found += [(s, e, "ORG") for s, e in occurrences(item.text, name)]
    for person in _records(gold, "people"):
        for name in _person_forms(person):
            found += [(s, e, "PERSON") for s, e in occurrences(item.text, name)]
    for date in _records(gold, "dates"):
        text = date.get("text")
        if isinstance(text, str):
            found += [(s, e, "DATE") for s, e in occurrences(item.text, text)]
    return found


def training_doc(nlp: Language, item: Annotated) -> tuple[Doc, int]:
    """The text parsed by the base model, its entities replaced by the gold's.

    Returns the doc and the number of gold mentions that did not fall on token
    boundaries (reported, not trained on).
    """
    doc = nlp(item.text)
    gold_spans: list[Span] = []
    misaligned = 0
    for start, end, label in gold_mentions(item):
        span = doc.char_span(start, end, label=label)
        if span is None:
            misaligned += 1
        else:
            gold_spans.append(span)
    gold_spans = filter_spans(gold_spans)  # the longest name wins where names nest
    kept = [
        e
        for e in doc.ents
        if e.label_ not in GOLD_LABELS and not any(_overlap(e, g) for g in gold_spans)
    ]
    doc.set_ents(filter_spans([*gold_spans, *kept]), default="outside")
    return doc, misaligned


def write_docbin(nlp: Language, items: Iterable[Annotated], target: Path) -> tuple[int, int]:
    """Write the training docs of ``items`` to ``target``; (documents, misaligned mentions)."""
    docbin = DocBin(store_user_data=False)
    count = misaligned = 0
    for item in items:
        doc, missed = training_doc(nlp, item)
        docbin.add(doc)
        count += 1
        misaligned += missed
    target.parent.mkdir(parents=True, exist_ok=True)
    docbin.to_disk(target)
    return count, misaligned


def folds(items: list[Annotated], k: int) -> list[list[Annotated]]:
    """``k`` folds, balanced across the sets' prefixes (``as01``, ``by03`` …: the region)."""
    out: list[list[Annotated]] = [[] for _ in range(k)]
    for i, item in enumerate(sorted(items, key=lambda a: a.doc_id)):
        out[i % k].append(item)
    return out


def _records(gold: dict[str, object], key: str) -> Iterator[dict[str, object]]:
    value = gold.get(key)
    if isinstance(value, list):
        yield from (v for v in value if isinstance(v, dict))


def _names(record: dict[str, object]) -> list[str]:
    name = record.get("name")
    aliases = record.get("aliases")
    names = [name] if isinstance(name, str) else []
    if isinstance(aliases, list):
        names += [a for a in aliases if isinstance(a, str)]
    return names


def _person_forms(person: dict[str, object]) -> list[str]:
    """The gold name and aliases, plus "K. Mukanov" for "Kanatbek Mukanov"."""
    names = _names(person)
    full = names[0] if names else ""
    parts = full.split()
    if len(parts) >= 2 and parts[0][:1].isupper():
        names.append(f"{parts[0][0]}. {parts[-1]}")
    return names


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end
