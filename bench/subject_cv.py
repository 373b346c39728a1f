"""The subject ranker's 5-fold cross-validated figures on the training part, without writing
``extractor/data/ranker.json``: accuracy of the top option, the ceiling (a right option among
the options), the share of claims with a right option among the top five (what the review
app's alternatives offer), options per claim, and the CPU seconds of extraction.

The folds are those of ``python -m extractor.train --folds 5`` (documents in sorted order,
every fifth), so the accuracy and ceiling are the same figures; run it after a change to the
subject options to see what the change is worth before retraining the shipped model.

Usage::

    python bench/subject_cv.py [--folds 5]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.golddata import train_gold  # noqa: E402
from extractor import ner  # noqa: E402
from extractor.ranker import fit  # noqa: E402
from extractor.train import doc_groups  # noqa: E402

TOP = 5


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--folds", type=int, default=5)
    ner.add_option(ap)
    args = ap.parse_args(argv)
    if args.ner and not ner.use_option(args.ner):
        return 2
    gold, texts = train_gold()
    started = time.process_time()
    per_doc = doc_groups(gold, texts)
    cpu = time.process_time() - started
    docs = sorted(texts)
    right = total = covered = top = options = 0
    for k in range(args.folds):
        held = set(docs[k :: args.folds])
        model = fit(
            [grp for doc in docs if doc not in held for grp in per_doc[doc]["subject"]],
            field="subject",
        )
        for doc in held:
            for group in per_doc[doc]["subject"]:
                scores = [model.score(f, "subject") for f, _ in group]
                order = sorted(range(len(group)), key=lambda i: -scores[i])
                total += 1
                options += len(group)
                covered += any(r for _, r in group)
                right += group[order[0]][1] > 0
                top += any(group[i][1] > 0 for i in order[:TOP])
    if not total:
        print("error: no gold claims found in the training part", file=sys.stderr)
        return 2
    print(
        f"{args.folds}-fold CV subject {right / total:.3f}  ceiling {covered / total:.3f}"
        f"  top-{TOP} {top / total:.3f}  options per claim {options / total:.1f}"
        f"  claims {total}  extraction CPU {cpu:.1f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
