"""``python -m coopgraph.extract.training``: train the shipped recognizer, or evaluate training.

python -m coopgraph.extract.training train      # make train: recognizer, then party scorer
python -m coopgraph.extract.training parties    # the link scorers only, on the shipped recognizer
python -m coopgraph.extract.training cv         # make cv: 5-fold table and reliability
python -m coopgraph.extract.training curve      # learning curve, 25/50/100 % of the folds
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from coopgraph.extract.pipeline import DEFAULT_MODELS, TRAINED_PARTIES, load_pipeline
from coopgraph.extract.training.affiliations import train_affiliations
from coopgraph.extract.training.corpus import read_annotated
from coopgraph.extract.training.evaluate import (
    calibrated,
    cross_validate,
    fit_calibration,
    reliability_table,
    summary_table,
)
from coopgraph.extract.training.ner import TRAINED, corpus_nlp, train_ner
from coopgraph.extract.training.parties import train_parties
from coopgraph.extract.training.signatories import train_signatories

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data" / "training" / "en"
SCORER = DATA.parent / "score.py"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m coopgraph.extract.training")
    ap.add_argument("command", choices=["train", "parties", "cv", "curve"])
    ap.add_argument("--data", type=Path, default=DATA, help="a set with docs/ and gold/")
    ap.add_argument("--out", type=Path, default=TRAINED, help="where train writes the recognizer")
    ap.add_argument(
        "--parties", type=Path, default=TRAINED_PARTIES, help="where train writes the scorer"
    )
    ap.add_argument(
        "--calibration",
        type=Path,
        default=TRAINED_PARTIES.with_name("calibration.json"),
        help="where cv writes the agreement confidences' calibration",
    )
    ap.add_argument(
        "--scorer", type=Path, default=SCORER, help="the scorer (score.py of the evaluation sets)"
    )
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--work", type=Path, default=None, help="keep fold models here")
    args = ap.parse_args(argv)

    items = read_annotated(args.data)
    nlp = corpus_nlp(DEFAULT_MODELS)
    if args.command in ("train", "parties"):
        if args.command == "train":
            print(json.dumps(train_ner(nlp, items, [], args.out), indent=2))
        bare = load_pipeline(DEFAULT_MODELS, trained_ner=args.out, parties=None)
        parties = train_parties(bare, items, args.parties)
        print(json.dumps(parties.meta, indent=2))
        affiliations = train_affiliations(bare, items, args.parties.with_name("affiliations.json"))
        print(json.dumps(affiliations.meta, indent=2))
        signatories = train_signatories(bare, items, args.parties.with_name("signatories.json"))
        print(json.dumps(signatories.meta, indent=2))
        return 0
    if not args.scorer.is_file():
        ap.error(f"no scorer at {args.scorer} (pass --scorer path/to/score.py)")
    fractions = [1.0] if args.command == "cv" else [0.25, 0.5, 1.0]
    for fraction in fractions:
        work = args.work / f"{int(fraction * 100)}" if args.work else None
        results = cross_validate(
            nlp, items, args.data, args.scorer, DEFAULT_MODELS, args.folds, fraction, work
        )
        print(
            f"\n{args.folds}-fold cross-validation, {int(fraction * 100)} % of the training folds"
        )
        print(summary_table(results))
        if fraction == 1.0:
            candidates = [p for r in results for p in r.parties]
            agreements = [a for r in results for a in r.agreements]
            a, b = fit_calibration(agreements)
            print()
            print(reliability_table(candidates, "party"))
            print()
            print(reliability_table([p for r in results for p in r.affiliations], "affiliation"))
            print()
            print(reliability_table(agreements, "agreement, raw"))
            print()
            print(reliability_table(calibrated(agreements, a, b), "agreement, calibrated"))
            if args.command == "cv":
                calibration = {"agreement": [a, b], "agreements": len(agreements)}
                args.calibration.write_text(json.dumps(calibration) + "\n", "utf-8")
        if work is not None:
            scores = [r.scores for r in results]
            (work / "scores.json").write_text(json.dumps(scores, indent=2), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
