"""Subject CV with and without families of features, from one extraction: what a new subject
feature is worth, without a code switch per variant. The training part's subject options are
extracted once (``--cache FILE`` keeps them for the next run); each variant leaves out the
features whose names start with one of its prefixes (the options' own and those
:func:`~extractor.ranker.list_features` derives) and is fitted on the folds of
``python -m extractor.train --folds 5`` (trees included, the reference gold's subject claims
weighted as :data:`~extractor.train.DEFAULT_WEIGHTS` says). The variant that leaves nothing
out gives the training command's subject CV, claim for claim.

Each line: CV, right claims, per fold, the reference gold's 30 training articles and the newest
batches (``/work/newest175.txt``, ``/work/newest88.txt``), and the claims fixed and broken
against the first variant. Train only (``tests/data/split.json``'s train part).

Usage::

    python bench/subject_variants.py --without first_,last_ --without team [--cache F]

(each ``--without`` is one variant, comma-separated prefixes; the first line is always the
variant with every feature).
"""

from __future__ import annotations

import argparse
import pickle
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.golddata import DATA, GOLD, train_gold  # noqa: E402
from extractor.core import extract_with_fields  # noqa: E402
from extractor.evaluate import load_gold  # noqa: E402
from extractor.ranker import DEFAULT_BOOST, Option, canonical_key, fit, list_features  # noqa: E402
from extractor.train import DEFAULT_WEIGHTS, RULES, _right, matched_pairs  # noqa: E402

BATCHES = {"newest175": Path("/work/newest175.txt"), "newest88": Path("/work/newest88.txt")}


def extract() -> dict:
    """Each training document's found gold claims with a subject: options (text, start, end,
    own features, canonical order), kind, labels; and each document's subject weight."""
    gold, texts = train_gold()
    records: dict[str, list[dict]] = {}
    for doc in sorted(texts):
        golds = [g for g in gold if str(g["doc"]) == doc and g.get("claim")]
        found = extract_with_fields(texts[doc], None, RULES, screen=False)
        out = []
        for g, cand, fields in matched_pairs(golds, found):
            options = sorted(fields.get("subject") or [], key=canonical_key)
            if not options or not g.get("subject"):
                continue
            out.append(
                {
                    "start": cand.start,
                    "gold": g["subject"],
                    "kind": cand.kind,
                    "options": [(o.text, o.start, o.end, dict(o.features)) for o in options],
                    "labels": [_right("subject", g, o.text) for o in options],
                }
            )
        records[doc] = out
    weight: dict[str, float] = {}
    for name in GOLD:
        w = DEFAULT_WEIGHTS.get(name, {}).get("subject", 1.0)
        for g in load_gold(str(DATA / name)):
            if str(g["doc"]) in texts and w != 1.0:
                weight[str(g["doc"])] = w
    return {"records": records, "weight": weight}


def groups(recs: list[dict], drop: tuple[str, ...]) -> list[list[tuple[dict, float]]]:
    out = []
    for r in recs:
        opts = [
            Option(t, s, e, {k: v for k, v in f.items() if not k.startswith(drop)})
            for t, s, e, f in r["options"]
        ]
        feats = list_features(opts, "subject", r["kind"])
        if drop:
            feats = [{k: v for k, v in f.items() if not k.startswith(drop)} for f in feats]
        out.append(list(zip(feats, r["labels"], strict=True)))
    return out


def cross_validate(data: dict, drop: tuple[str, ...], folds: int) -> tuple[dict, list[float]]:
    """Each claim's outcome ((doc, start, gold) -> right) and the accuracy per fold."""
    records, weight = data["records"], data["weight"]
    docs = sorted(records)
    per_doc = {d: groups(records[d], drop) for d in docs}
    won: dict[tuple[str, int, str], bool] = {}
    accuracy = []
    for k in range(folds):
        held = set(docs[k::folds])
        inside = [d for d in docs if d not in held]
        model = fit(
            [g for d in inside for g in per_doc[d]],
            field="subject",
            boost=DEFAULT_BOOST.get("subject"),
            weights=[weight.get(d, 1.0) for d in inside for _ in per_doc[d]],
        )
        right = total = 0
        for d in sorted(held):
            for r, g in zip(records[d], per_doc[d], strict=True):
                scores = model.scores([f for f, _ in g], "subject")
                best = max(range(len(g)), key=lambda i: scores[i])
                won[(d, r["start"], r["gold"])] = g[best][1] > 0
                right += g[best][1] > 0
                total += 1
        accuracy.append(right / max(total, 1))
    return won, accuracy


def share(won: dict, docs: set[str]) -> str:
    hits = [v for k, v in won.items() if k[0] in docs]
    return f"{sum(hits) / max(len(hits), 1):.3f}/{len(hits)}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--without", action="append", default=[], help="prefixes, comma-separated")
    ap.add_argument("--cache", help="keep the extraction here (read it when it exists)")
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args(argv)
    cache = Path(args.cache) if args.cache else None
    if cache is not None and cache.exists():
        data = pickle.loads(cache.read_bytes())
    else:
        data = extract()
        if cache is not None:
            cache.write_bytes(pickle.dumps(data))
    batches = {
        name: set(path.read_text().split()) for name, path in BATCHES.items() if path.exists()
    }
    batches["reference"] = set(data["weight"])
    first: dict | None = None
    for spec in ["", *args.without]:
        drop = tuple(p for p in spec.split(",") if p)
        won, accuracy = cross_validate(data, drop, args.folds)
        right = sum(won.values())
        line = (
            f"without {spec or '(nothing)'}: CV {right / max(len(won), 1):.4f} ({right}/{len(won)})"
            " folds " + " ".join(f"{a:.3f}" for a in accuracy)
        )
        line += " | " + " ".join(f"{n} {share(won, docs)}" for n, docs in batches.items())
        if first is not None:
            fixed = sum(1 for k, v in won.items() if v and not first[k])
            broken = sum(1 for k, v in won.items() if first[k] and not v)
            line += f" | fixed {fixed} broken {broken}"
        else:
            first = won
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
