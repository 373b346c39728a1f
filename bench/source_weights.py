"""How much the reference gold's claims should count in training: 5-fold cross-validated
accuracy per field, over all training claims and over the claims of the reference gold's
training documents alone (``dev_claims.jsonl`` and the train part of
``annotated_claims.jsonl``), for each weight of those documents' claims tried.

The folds and figures are those of ``python -m extractor.train ... --folds 5 --weight
tests/data/dev_claims.jsonl=W --weight tests/data/annotated_claims.jsonl=W`` (documents in
sorted order, every fifth); the options are extracted once and every weight reuses them, so
trying several weights costs the fits alone. Nothing is written.

Usage::

    python bench/source_weights.py [--weights 1 2 3 5] [--folds 5]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.golddata import DATA, train_gold  # noqa: E402
from extractor.evaluate import load_gold  # noqa: E402
from extractor.train import FIELDS, FocusCV, cross_validate, doc_groups  # noqa: E402

#: The reference gold's files (the project owner's convention).
REFERENCE = ("dev_claims.jsonl", "annotated_claims.jsonl")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--weights", type=float, nargs="+", default=[1.0, 2.0, 3.0, 5.0])
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args(argv)
    gold, texts = train_gold()
    reference = sorted(
        {str(g["doc"]) for name in REFERENCE for g in load_gold(str(DATA / name))} & set(texts)
    )
    started = time.process_time()
    per_doc = doc_groups(gold, texts)
    print(
        f"{len(texts)} training documents, {len(reference)} of the reference gold;"
        f" options extracted in {time.process_time() - started:.0f} s CPU"
    )
    for w in args.weights:
        weights = {f: dict.fromkeys(reference, w) for f in FIELDS} if w != 1 else None
        per_fold: dict[str, list[float]] = {}
        focus: dict[str, FocusCV] = {}
        result = cross_validate(
            gold,
            texts,
            args.folds,
            per_doc=per_doc,
            per_fold=per_fold,
            weights=weights,
            focus=reference,
            focus_out=focus,
        )
        for name in FIELDS:
            acc, _, n = result[name]
            acc_r, n_r, folds_r = focus[name]
            print(
                f"W={w:g} {name:9} all {acc:.3f} on {n} (folds "
                + " ".join(f"{a:.3f}" for a in per_fold[name])
                + f")  reference {acc_r:.3f} on {n_r} (folds "
                + " ".join(f"{a:.3f}/{k}" for a, k in folds_r)
                + ")",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
