"""Cross-validation, learning curve and calibration of the trained extractor.

Each fold repeats ``make train`` on the other folds (the recognizer, then the
party scorer on what that recognizer finds), runs the whole extractor on the
held-out documents and scores them with the evaluation sets' own ``score.py
--json`` (``../shared/eval`` beside the checkout), so the figures are the ones
reviews compute. The held-out candidates' party probabilities, and the
held-out agreements' confidences, are binned against whether they were right:
a reliability table.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from types import ModuleType
from typing import Any

from spacy.language import Language

from coopgraph.extract.facts.parties import logit, platt
from coopgraph.extract.pipeline import load_pipeline
from coopgraph.extract.reading.sources import read_document
from coopgraph.extract.to_records import extract_documents
from coopgraph.extract.training.affiliations import examples_by_document as affiliation_examples
from coopgraph.extract.training.affiliations import train_affiliations
from coopgraph.extract.training.corpus import Annotated, folds
from coopgraph.extract.training.ner import train_ner
from coopgraph.extract.training.parties import examples, train_parties
from coopgraph.extract.training.signatories import train_signatories

KINDS = ("organizations", "people", "dates", "agreements", "relations")
BANDS = (0.0, 0.2, 0.4, 0.6, 0.8, 0.9, 1.0001)


@dataclass
class FoldResult:
    scores: dict[str, Any]
    # (probability, right?) of every held-out party candidate and predicted agreement
    parties: list[tuple[float, int]] = field(default_factory=list)
    affiliations: list[tuple[float, int]] = field(default_factory=list)
    agreements: list[tuple[float, int]] = field(default_factory=list)


def predict(nlp: Language, docs_dir: Path, ids: Sequence[str], out: Path) -> None:
    """Extract ``docs_dir/<id>.json`` for every id, one prediction file each, into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    documents = [read_document(docs_dir / f"{i}.json") for i in ids]
    for extraction in extract_documents(nlp, documents):
        name = Path(extraction.document.source or "").stem
        (out / f"{name}.json").write_text(json.dumps(extraction.to_json()), "utf-8")


def score(scorer: Path, set_dir: Path, ids: Sequence[str], predictions: Path) -> dict[str, Any]:
    """``score.py --json`` on the gold of ``ids`` only."""
    with tempfile.TemporaryDirectory(prefix="coopgraph-score-") as tmp:
        gold = Path(tmp) / "gold"
        gold.mkdir()
        for i in ids:
            shutil.copy(set_dir / "gold" / f"{i}.json", gold / f"{i}.json")
        result = subprocess.run(
            [sys.executable, str(scorer), tmp, str(predictions), "--json"],
            capture_output=True,
            text=True,
            check=True,
        )
    parsed: dict[str, Any] = json.loads(result.stdout)
    return parsed


def run_fold(
    corpus_nlp: Language,
    train: list[Annotated],
    held_out: list[Annotated],
    set_dir: Path,
    scorer: Path,
    models: Sequence[str],
    work: Path,
) -> FoldResult:
    """Train on ``train`` as ``make train`` does, then predict and score ``held_out``."""
    ner_dir = work / "ner"
    if not (ner_dir / "meta.json").is_file():  # a kept fold model is reused
        train_ner(corpus_nlp, train, held_out, ner_dir)
    bare = load_pipeline(models, trained_ner=ner_dir, parties=None)
    model = train_parties(bare, train, work / "parties.json")
    affiliation_model = train_affiliations(bare, train, work / "affiliations.json")
    train_signatories(bare, train, work / "signatories.json")
    nlp = load_pipeline(models, trained_ner=ner_dir, parties=work / "parties.json")
    ids = [item.doc_id for item in held_out]
    predict(nlp, set_dir / "docs", ids, work / "pred")
    result = FoldResult(score(scorer, set_dir, ids, work / "pred"))
    result.parties = [(model.probability(f), label) for f, label in examples(bare, held_out)]
    result.affiliations = [
        (affiliation_model.probability(f), label)
        for rows in affiliation_examples(bare, held_out)
        for f, label in rows
    ]
    result.agreements = agreement_outcomes(scorer, set_dir, ids, work / "pred")
    return result


def cross_validate(
    corpus_nlp: Language,
    items: list[Annotated],
    set_dir: Path,
    scorer: Path,
    models: Sequence[str],
    k: int = 5,
    fraction: float = 1.0,
    work: Path | None = None,
) -> list[FoldResult]:
    """Per-fold results; each fold trains on ``fraction`` of the other folds' documents."""
    root = Path(tempfile.mkdtemp(prefix="coopgraph-cv-")) if work is None else work
    parts = folds(items, k)
    results = []
    for i, held_out in enumerate(parts):
        rest = [item for j, part in enumerate(parts) if j != i for item in part]
        train = rest[: max(1, round(len(rest) * fraction))] if fraction < 1 else rest
        fold = run_fold(corpus_nlp, train, held_out, set_dir, scorer, models, root / f"fold{i}")
        results.append(fold)
    return results


def agreement_outcomes(
    scorer: Path, set_dir: Path, ids: Sequence[str], predictions: Path
) -> list[tuple[float, int]]:
    """(confidence, matched?) of every predicted agreement, matched as score.py matches."""
    score_py = _load_scorer(scorer)
    out = []
    for i in ids:
        gold = json.loads((set_dir / "gold" / f"{i}.json").read_text("utf-8"))
        pred = json.loads((predictions / f"{i}.json").read_text("utf-8"))
        res = score_py.Resolver(gold.get("organizations") or [], gold.get("people") or [])
        golds = []
        for a in gold.get("agreements") or []:
            inferred = a.get("inferred_parties") or []
            every = frozenset(res.org(p) for p in a.get("parties") or [])
            stated = frozenset(res.org(p) for p in a.get("parties") or [] if p not in inferred)
            golds.append((a.get("type"), every, stated))
        preds = [
            (a.get("type"), frozenset(res.org(p) for p in a.get("parties") or []))
            for a in pred.get("agreements") or []
        ]
        pairs = score_py.match(preds, golds, lambda p, g: p[0] == g[0] and p[1] in (g[1], g[2]))
        matched = {a for a, _ in pairs}
        for n, agreement in enumerate(pred.get("agreements") or []):
            evidence = agreement.get("evidence") or [{}]
            out.append((float(evidence[0].get("confidence", 0.5)), int(n in matched)))
    return out


def summary_table(results: list[FoldResult]) -> str:
    """score.py's kinds as mean ± sd of the folds' P, R and F1, then macro-F1 and attributes."""
    lines = ["| kind | P | R | F1 |", "|---|---|---|---|"]
    for kind in KINDS:
        cells = []
        for measure in ("precision", "recall", "f1"):
            values = [r.scores["scores"][kind][measure] for r in results]
            cells.append(f"{statistics.mean(values):.3f} ± {_sd(values):.3f}")
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    macro = [r.scores["macro_f1"] for r in results]
    lines.append(f"| macro-F1 | | | {statistics.mean(macro):.3f} ± {_sd(macro):.3f} |")
    attributes = sorted(
        {a for r in results for a, v in r.scores["attributes"].items() if v is not None}
    )
    for name in attributes:
        values = [
            r.scores["attributes"][name]
            for r in results
            if r.scores["attributes"].get(name) is not None
        ]
        lines.append(f"| {name} | | | {statistics.mean(values):.3f} ± {_sd(values):.3f} |")
    return "\n".join(lines)


def reliability_table(pairs: list[tuple[float, int]], what: str) -> str:
    """Confidence bands against the share that was right."""
    lines = [f"| {what}: confidence | n | right | mean confidence |", "|---|---|---|---|"]
    for low, high in pairwise(BANDS):
        band = [(p, y) for p, y in pairs if low <= p < high]
        if not band:
            continue
        right = sum(y for _, y in band) / len(band)
        mean = sum(p for p, _ in band) / len(band)
        lines.append(
            f"| {low:.1f} to {min(high, 1.0):.1f} | {len(band)} | {right:.2f} | {mean:.2f} |"
        )
    return "\n".join(lines)


def fit_calibration(pairs: list[tuple[float, int]]) -> tuple[float, float]:
    """(a, b) with sigmoid(a·logit(p) + b) ≈ how often confidence ``p`` was right (Platt)."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1e6, max_iter=2000)
    model.fit([[logit(p)] for p, _ in pairs], [y for _, y in pairs])
    return round(float(model.coef_[0][0]), 4), round(float(model.intercept_[0]), 4)


def calibrated(pairs: list[tuple[float, int]], a: float, b: float) -> list[tuple[float, int]]:
    return [(platt(p, a, b), y) for p, y in pairs]


def _load_scorer(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("coopgraph_eval_score", path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _sd(values: list[float]) -> float:
    return statistics.stdev(values) if len(values) > 1 else 0.0
