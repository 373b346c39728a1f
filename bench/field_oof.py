"""Out-of-fold choices of the predicate or the time on the training part, as
``bench/subject_oof.py`` writes them for the subject: each found gold claim's options ranked by
a model trained without its fold (the folds of ``python -m extractor.train --folds 5``; the
same training targets, so the accuracy is the training command's CV figure). Prints the
accuracy and ceiling on the whole part, on the reference gold's documents (``dev_claims`` and
``annotated_claims``) and on each ``--docs`` list (the newest training articles by default);
``--json OUT`` writes every claim's record in the format ``bench/subject_oof_diff.py`` compares,
so two versions of the options can be compared claim by claim.

Training part only (the gold of ``tests/data/split.json``'s train part).

Usage::

    python bench/field_oof.py --field time --json before.jsonl   # on the base commit
    python bench/field_oof.py --field time --json after.jsonl    # with the change
    python bench/subject_oof_diff.py before.jsonl after.jsonl --show 10
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.golddata import DATA, train_gold  # noqa: E402
from bench.subject_oof import fit_fold, write_records  # noqa: E402
from extractor.core import extract_with_fields  # noqa: E402
from extractor.ranker import canonical_key, list_features  # noqa: E402
from extractor.train import RULES, _right, load_gold, matched_pairs, predicate_targets  # noqa: E402

#: The reference gold (the project owner's annotations).
REFERENCE = ("dev_claims.jsonl", "annotated_claims.jsonl")
NEWEST = ("/work/newest175.txt", "/work/newest88.txt")


def records(field: str, gold: list[dict], texts: dict[str, str]) -> dict[str, list[dict]]:
    """Per document, one record per found gold claim the field is scored on: its options,
    their features and their training targets (as :func:`extractor.train.field_groups`)."""
    out: dict[str, list[dict]] = {}
    for doc in sorted(texts):
        golds = [g for g in gold if str(g["doc"]) == doc and g.get("claim")]
        found = extract_with_fields(texts[doc], None, RULES, screen=False)
        recs = []
        for g, cand, fields in matched_pairs(golds, found):
            options = fields.get(field) or []
            if not options or (field != "time" and not g.get(field)):
                continue
            options = sorted(options, key=canonical_key)
            feats = list_features(options, field, cand.kind)
            labels = [_right(field, g, o.text) for o in options]
            if field == "predicate":
                labels = predicate_targets(feats, labels)
            recs.append(
                {
                    "doc": doc,
                    "gold": g.get(field) or "",
                    "start": cand.start,
                    "end": cand.end,
                    "options": [(o.text, o.start, o.end) for o in options],
                    "feats": feats,
                    "labels": labels,
                }
            )
        out[doc] = recs
    return out


def share(lines: list[dict], docs: set[str] | None) -> str:
    """Accuracy and ceiling of the claims of ``docs`` (None: all)."""
    some = [r for r in lines if docs is None or r["doc"] in docs]
    n = max(1, len(some))
    right = sum(r["rank"] == 0 for r in some)
    covered = sum(r["rank"] is not None for r in some)
    return f"{right / n:.3f} ({right} of {len(some)}; ceiling {covered / n:.3f})"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--field", choices=("predicate", "time"), default="time")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--docs", nargs="*", default=list(NEWEST), help="files of document ids")
    ap.add_argument("--json", help="write every claim's record as JSON lines here")
    args = ap.parse_args(argv)
    gold, texts = train_gold()
    docs = sorted(texts)
    per_doc = records(args.field, gold, texts)
    lines: list[dict] = []
    for k in range(args.folds):
        held = set(docs[k :: args.folds])
        model = fit_fold(per_doc, docs, held, args.field)
        for d in sorted(held):
            for r in per_doc[d]:
                scores = model.scores(r["feats"], args.field)
                order = sorted(range(len(scores)), key=lambda i: -scores[i])
                r["order"] = order
                r["rank"] = next((n for n, i in enumerate(order) if r["labels"][i] > 0), None)
                r["fold"] = k
                lines.append(r)
    lines.sort(key=lambda r: (r["doc"], r["start"]))
    print(f"{args.folds}-fold CV {args.field} {share(lines, None)}")
    reference = {str(g["doc"]) for name in REFERENCE for g in load_gold(str(DATA / name))}
    print(f"  reference gold's documents {share(lines, reference)}")
    for name in args.docs:
        path = Path(name)
        if path.exists():
            listed = set(path.read_text(encoding="utf-8").split())
            print(f"  {path.name} {share(lines, listed)}")
    if args.json:
        write_records(args.json, lines, texts, drop=("feats", "labels"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
