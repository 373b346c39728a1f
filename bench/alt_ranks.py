"""Where the right filler sits among a field's ranked options, on the training part: how many
claims the extractor's choice gets right, and for the others at which place of the
runners-up (the review card's ``pick`` row, numbered 1..9) the first right one stands —
what keeping more runners-up per field (``extractor.core.MAX_ALTERNATIVES``) is worth.

The ranking is 5-fold cross-validated like ``python -m extractor.train --folds 5`` (documents
in sorted order, every fifth held out; trees included), so the figures are those of articles
the model has not seen; ``--in-sample`` ranks with the shipped ``extractor/data/ranker.json``
instead (what the keys bench sees on training articles). Runners-up are counted as the
extractor stores them: best first, repeats and empty texts left out. A wrong choice whose
right filler is *empty* (the gold has no time or predicate) is counted apart: no runner-up
can give it.

Train only: never run it on the test part.

Usage::

    python bench/alt_ranks.py [--folds 5] [--in-sample]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.golddata import train_gold  # noqa: E402
from extractor.core import extract_with_fields  # noqa: E402
from extractor.ranker import DEFAULT_BOOST, canonical_key, fit, list_features, shipped  # noqa: E402
from extractor.train import FIELDS, RULES, _right, matched_pairs  # noqa: E402

#: One claim's options of one field: (features, right weight, text), canonical order.
Group = list[tuple[dict[str, float], float, str]]


def runner_up_place(texts: list[str], right: list[float], keep_empty: bool = False) -> int | str:
    """0 when the first text (the choice) is right; else the 1-based place of the first right
    text among the runners-up (distinct, non-empty unless ``keep_empty``, the choice left
    out); ``"empty"`` when only an empty text is right; ``"none"`` when no option is right."""
    if not texts:
        return "none"
    if right[0] > 0:
        return 0
    seen = {texts[0]}
    place = 0
    empty = False
    for text, r in zip(texts[1:], right[1:], strict=True):
        if not text and not keep_empty:
            empty = empty or r > 0
            continue
        if text in seen:
            continue
        seen.add(text)
        place += 1
        if r > 0:
            return place
    return "empty" if empty else "none"


def bucket(place: int | str) -> str:
    if isinstance(place, str):
        return place
    if place == 0:
        return "chosen"
    if place <= 5:
        return f"{place}"
    if place <= 9:
        return f"{place}"
    return "10+"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--in-sample", action="store_true", help="rank with the shipped model")
    ap.add_argument(
        "--keep-empty", action="store_true", help="count an empty option as a runner-up"
    )
    args = ap.parse_args(argv)
    gold, texts = train_gold()
    per_doc: dict[str, dict[str, list[Group]]] = {}
    for doc, text in sorted(texts.items()):
        golds = [g for g in gold if str(g["doc"]) == doc and g.get("claim")]
        groups: dict[str, list[Group]] = {f: [] for f in FIELDS}
        found = extract_with_fields(text, None, RULES, screen=False)
        for g, cand, fields in matched_pairs(golds, found):
            for name in FIELDS:
                options = sorted(fields.get(name) or [], key=canonical_key)
                if not options:
                    continue
                feats = list_features(options, name, cand.kind)
                groups[name].append(
                    [
                        (f, _right(name, g, o.text), o.text)
                        for o, f in zip(options, feats, strict=True)
                    ]
                )
        per_doc[doc] = groups
    docs = sorted(per_doc)
    for name in FIELDS:
        counts: Counter[str] = Counter()
        models = []
        if args.in_sample:
            model = shipped()
            models = [(set(docs), model)]
        else:
            for k in range(args.folds):
                held = set(docs[k :: args.folds])
                train = [grp for d in docs if d not in held for grp in per_doc[d][name]]
                groups_fit = [[(f, r) for f, r, _ in grp] for grp in train]
                models.append((held, fit(groups_fit, field=name, boost=DEFAULT_BOOST.get(name))))
        for held, model in models:
            for doc in sorted(held):
                for group in per_doc[doc][name]:
                    scores = model.scores([f for f, _, _ in group], name)
                    order = sorted(range(len(group)), key=lambda i: -scores[i])
                    place = runner_up_place(
                        [group[i][2] for i in order], [group[i][1] for i in order], args.keep_empty
                    )
                    counts[bucket(place)] += 1
        total = sum(counts.values())
        wrong = total - counts["chosen"]
        keys = ["chosen", *(str(i) for i in range(1, 10)), "10+", "empty", "none"]
        print(f"{name}: {total} claims, choice right {counts['chosen']}, wrong {wrong}")
        print("  " + "  ".join(f"{k}:{counts[k]}" for k in keys))
        in5 = sum(counts[str(i)] for i in range(1, 6))
        in9 = sum(counts[str(i)] for i in range(6, 10))
        print(f"  right at runner-up 1-5: {in5}  6-9: {in9}  beyond: {counts['10+']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
