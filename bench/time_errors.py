"""The time ranker's errors on the training part, cross-validated: for each found gold claim
whose out-of-fold top time option is wrong, the gold time, the chosen option, the other
options with their features, and the quantity's sentence. Training articles only (the
``train`` part of ``tests/data/split.json``); the test part is never read.

The folds are those of ``python -m extractor.train --folds 5`` (documents in sorted order,
every fifth), so the accuracy and ceiling it prints are the training command's time figures.

Usage::

    python bench/time_errors.py [--folds 5] [--show N] [--category C] [--features]
    python bench/time_errors.py --last 742   # train on the rest, score the last 742 gold lines

``--last N``: instead of folds, train on the documents of every gold line but the last ``N`` of
``extra_claims.jsonl`` and score those documents (742: the 30 training articles added last,
the most unseen-like part of train).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.golddata import GOLD  # noqa: E402
from extractor.core import extract_with_fields  # noqa: E402
from extractor.evaluate import _matches  # noqa: E402
from extractor.ranker import canonical_key, fit, list_features  # noqa: E402
from extractor.train import (  # noqa: E402
    RULES,
    _documents,
    _right,
    load_gold,
    restrict,
    split_part,
)


def _where(f: dict[str, float]) -> str:
    """Where a time option stands relative to the quantity, in a few words."""
    if f.get("empty"):
        return "none"
    if f.get("after"):
        return "after"
    if f.get("same_clause"):
        return "clause"
    if f.get("same_sentence"):
        return "sentence"
    if f.get("semicolon"):
        return "semicolon"
    if f.get("sentences_back"):
        return f"back{round(f['sentences_back'] * 3)}"
    return "other"


def collect(texts: dict[str, str], gold: list[dict]) -> dict[str, list[dict]]:
    """Per document, one record per found gold claim: gold, candidate, options, features."""
    by_doc: dict[str, list[dict]] = {}
    for g in gold:
        if g.get("claim"):
            by_doc.setdefault(str(g["doc"]), []).append(g)
    out: dict[str, list[dict]] = {}
    for doc in sorted(texts):
        found = extract_with_fields(texts[doc], None, RULES, screen=False)
        used: set[int] = set()
        recs: list[dict] = []
        for g in by_doc.get(doc, []):
            for i, (cand, fields) in enumerate(found):
                if i in used or not _matches(dict(g), cand.to_dict()):
                    continue
                used.add(i)
                options = sorted(fields.get("time") or [], key=canonical_key)
                if options:
                    feats = list_features(options, "time", cand.kind)
                    recs.append(
                        {
                            "gold": g,
                            "cand": cand,
                            "options": options,
                            "feats": feats,
                            "right": [_right("time", g, o.text) for o in options],
                        }
                    )
                break
        out[doc] = recs
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--show", type=int, default=0, help="print N errors")
    ap.add_argument("--category", default="", help="only errors of this category")
    ap.add_argument("--features", action="store_true", help="print the options' features")
    ap.add_argument(
        "--seed", type=int, default=0, help="shuffle the documents before the folds (0: sorted)"
    )
    ap.add_argument("--drop", default="", help="features to leave out, comma-separated")
    ap.add_argument("--l2", type=float, default=None, help="weight decay (default: shipped)")
    ap.add_argument(
        "--last",
        type=int,
        default=0,
        help="score the documents of the last N lines of extra_claims.jsonl, trained on the rest",
    )
    args = ap.parse_args(argv)
    data = ROOT / "tests" / "data"
    gold = [g for name in GOLD for g in load_gold(str(data / name))]
    gold = restrict(gold, split_part(str(data / "split.json"), "train"))
    corpus = ROOT.parent / "shared" / "corpus" / "thucnews_sample.jsonl"
    texts = _documents(gold, ROOT / "seeds", [corpus])
    per_doc = collect(texts, gold)
    drop = {d for d in args.drop.split(",") if d}
    if drop:
        for recs in per_doc.values():
            for r in recs:
                r["feats"] = [
                    {k: v for k, v in f.items() if k.split("*")[-1] not in drop} for f in r["feats"]
                ]
    docs = sorted(texts)
    if args.seed:
        random.Random(args.seed).shuffle(docs)
    held_out: list[set[str]] = [set(docs[k :: args.folds]) for k in range(args.folds)]
    if args.last > 0:
        lines = (data / "extra_claims.jsonl").read_text(encoding="utf-8").splitlines()
        last = {str(json.loads(x)["doc"]) for x in lines[-args.last :] if x.strip()}
        held_out = [last & set(docs)]
    right = total = covered = 0
    cats: Counter[str] = Counter()
    shown = 0
    for held in held_out:
        model = fit(
            [
                list(zip(r["feats"], r["right"], strict=True))
                for doc in docs
                if doc not in held
                for r in per_doc[doc]
            ],
            field="time",
            l2=args.l2,
        )
        for doc in sorted(held):
            for r in per_doc[doc]:
                total += 1
                ok = any(r["right"])
                covered += ok
                scores = [model.score(f, "time") for f in r["feats"]]
                order = sorted(range(len(scores)), key=lambda i: -scores[i])
                best = order[0]
                if r["right"][best]:
                    right += 1
                    continue
                gold_where = "missing"
                for i in order:
                    if r["right"][i]:
                        gold_where = _where(r["feats"][i])
                        break
                cat = f"{gold_where} <- {_where(r['feats'][best])}"
                cats[cat] += 1
                if shown >= args.show or (args.category and args.category != cat):
                    continue
                shown += 1
                g, cand = r["gold"], r["cand"]
                text = texts[doc]
                s0 = max(0, cand.sentence_start - 60)
                print(f"--- {doc} [{cand.start}] {cand.quantity_text} kind={cand.kind}  {cat}")
                print(f"    gold time: {g.get('time')!r}")
                ctx = text[s0 : cand.start] + "【" + cand.quantity_text + "】"
                ctx += text[cand.end : cand.sentence_end]
                print("    " + ctx.replace("\n", "⏎"))
                for i in order[:6]:
                    o = r["options"][i]
                    mark = "*" if r["right"][i] else " "
                    where = _where(r["feats"][i])
                    line = f"    {mark} {scores[i]:+.2f} {o.text or '(none)'} [{where}]"
                    if args.features:
                        own = sorted(r["feats"][i].items())
                        line += " " + " ".join(f"{k2}={v:.2g}" for k2, v in own if "*" not in k2)
                    print(line)
    how = f"last {args.last} lines" if args.last > 0 else f"{args.folds}-fold CV"
    print(
        f"{how} time {right / total:.3f}  ceiling {covered / total:.3f}"
        f"  claims {total}  errors {total - right}"
    )
    for cat, n in cats.most_common():
        print(f"  {n:4d}  {cat}   (gold option <- chosen)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
