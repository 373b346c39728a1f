"""Out-of-fold predicate choices of the training part, one JSON line per found gold claim.

Every found gold claim with a gold predicate gets the predicate options ranked by a model
trained without the claim's documents, under one of four schemes: ``cv`` (the folds of
``python -m extractor.train --folds 5``), ``loco`` (leave one corpus category out), ``batch``
(leave one gold file out: the files were annotated by different people at different times) or
``holdout`` (train on the rest, score the articles of a JSON list, e.g. the last added). Each
line holds the document, its category and gold file, the claim's kind, the gold predicate, the
chosen option, the options best first (``*`` marks a right one, with the option's family), the
rank of the first right option (``null`` when none is right), where an uncovered gold is
written, and the quantity's context. A summary per scheme goes to stderr (with ``--short``
also for the claims of the gold written with short predicates). Options are weighted for
training as the training command weighs them (``--relabel shipped``,
:func:`extractor.train.predicate_targets`); a choice counts right by the scorer's rule.
Training part only: it refuses ``--part test``.

Usage::

    python bench/predicate_oof.py tests/data/dev_claims.jsonl tests/data/annotated_claims.jsonl \
        tests/data/extra_claims.jsonl --split tests/data/split.json --scheme cv \
        --short NEWEST.txt > oof.jsonl
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.predicate_errors import _categories, _family, _uncovered  # noqa: E402
from extractor.evaluate import _documents, load_gold, restrict, split_part  # noqa: E402
from extractor.ranker import DEFAULT_L2, canonical_key, fit, list_features  # noqa: E402
from extractor.train import (  # noqa: E402
    EXACT_WEIGHT,
    _right,
    extract_all,
    matched_pairs,
    predicate_targets,
)


def _parts(scheme: str, docs: list[str], cats: dict, batch: dict, holdout: str | None):
    if scheme == "cv":
        return [set(docs[k::5]) for k in range(5)]
    groups: dict[str, set[str]] = defaultdict(set)
    if scheme == "loco":
        for d in docs:
            groups[cats.get(d, "?")].add(d)
        return [groups[c] for c in sorted(groups)]
    if scheme == "batch":
        for d in docs:
            groups[batch[d]].add(d)
        return [groups[c] for c in sorted(groups)]
    if scheme == "holdout" and holdout:
        return [set(json.loads(Path(holdout).read_text("utf-8"))) & set(docs)]
    raise SystemExit(f"unknown scheme {scheme} (holdout needs --holdout)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("gold", nargs="+")
    ap.add_argument("--split", required=True)
    ap.add_argument("--part", default="train")
    ap.add_argument(
        "--scheme",
        action="append",
        choices=("cv", "loco", "batch", "holdout"),
        help="repeatable; default cv",
    )
    ap.add_argument(
        "--relabel",
        choices=(
            "shipped",
            "none",
            "after_noun",
            "after_noun_unit",
            "nonverb",
            "governed",
            "governs",
        ),
        action="append",
        help="train with right non-verb options demoted when a right verb exists (default"
        " shipped: extractor.train.predicate_targets, as the training command does; none: the"
        " scorer's weights)",
    )
    ap.add_argument(
        "--short",
        help="a file of article ids (one a line) whose claims, with those of dev_claims and"
        " annotated_claims, are summarised apart as 'short' (the gold written with the"
        " reference gold's short predicates)",
    )
    ap.add_argument("--out", help="write PREFIX.<scheme>.jsonl instead of printing the lines")
    ap.add_argument("--holdout", help="a JSON list of training articles (scheme holdout)")
    ap.add_argument(
        "--corpus", default=str(ROOT.parent / "shared" / "corpus" / "thucnews_sample.jsonl")
    )
    args = ap.parse_args(argv)
    if args.part != "train":
        print("error: training part only", file=sys.stderr)
        return 2
    train = split_part(args.split, "train")
    gold: list[dict] = []
    batch: dict[str, str] = {}
    for p in args.gold:
        for rec in restrict(load_gold(p), train):
            gold.append(rec)
            batch[str(rec["doc"])] = Path(p).stem
    texts = _documents(gold, ROOT / "seeds", [Path(args.corpus)])
    cats = _categories(Path(args.corpus))
    found_by_doc = extract_all(texts)
    rows: dict[str, list[tuple]] = defaultdict(list)
    for doc in sorted(texts):
        golds = [g for g in gold if str(g["doc"]) == doc and g.get("claim")]
        for g, cand, fields in matched_pairs(golds, found_by_doc[doc]):
            opts = sorted(fields.get("predicate") or [], key=canonical_key)
            if opts and g.get("predicate"):
                feats = list_features(opts, "predicate", cand.kind)
                full = [_right("predicate", g, o.text) for o in opts]
                rows[doc].append((g, cand, opts, feats, full))
    docs = sorted(texts)
    short = set(Path(args.short).read_text("utf-8").split()) if args.short else None
    for relabel in args.relabel or ["shipped"]:
        for scheme in args.scheme or ["cv"]:
            with contextlib.ExitStack() as stack:
                out = (
                    stack.enter_context(
                        open(f"{args.out}.{relabel}.{scheme}.jsonl", "w", encoding="utf-8")
                    )
                    if args.out
                    else sys.stdout
                )
                parts = _parts(scheme, docs, cats, batch, args.holdout)
                _score(scheme, relabel, parts, docs, rows, texts, cats, batch, out, short)
    return 0


def _targets(relabel: str, feats: list[dict], full: list[float]) -> list[float]:
    """The training weights of one claim's options: ``full`` capped at the exact weight, and
    with ``relabel`` the right options that are no verb (after the quantity, or its measure
    word) set to 0 when a right verb option exists and they are not exactly the gold."""
    out = [min(x, EXACT_WEIGHT) for x in full]
    if relabel == "shipped":
        return predicate_targets(feats, out)
    if relabel in ("governed", "governs"):
        keys = ("governs", "counted_verb") if relabel == "governed" else ("governs",)
        heads = [
            i
            for i, f in enumerate(feats)
            if full[i] and f.get("verb") and any(f.get(k) for k in keys)
        ]
        if not heads:
            return out
        for i, f in enumerate(feats):
            if out[i] and full[i] <= 1 and not f.get("verb") and f.get("after"):
                out[i] = 0.0
        return out
    if relabel == "none" or not any(r and f.get("verb") for r, f in zip(full, feats, strict=True)):
        return out
    for i, f in enumerate(feats):
        if not out[i] or full[i] > 1 or f.get("verb"):
            continue
        after = f.get("after") or (relabel == "after_noun_unit" and f.get("unit_word"))
        if relabel == "nonverb" or after:
            out[i] = 0.0
    return out


def _score(scheme, relabel, parts, docs, rows, texts, cats, batch, out, short=None) -> None:
    """Rank each held-out part's options by a model trained on the rest; print the lines."""
    tally: dict[str, Counter] = defaultdict(Counter)
    for held in parts:
        groups = [
            list(zip(r[3], _targets(relabel, r[3], r[4]), strict=True))
            for d in docs
            if d not in held
            for r in rows[d]
        ]
        model = fit(groups, field="predicate", l2=DEFAULT_L2["predicate"])
        for d in sorted(held):
            text = texts[d]
            for g, cand, opts, feats, full in rows[d]:
                scores = [model.score(f, "predicate") for f in feats]
                order = sorted(range(len(opts)), key=lambda i: -scores[i])
                rank = next((r for r, i in enumerate(order) if full[i]), None)
                lo = max(cand.sentence_start, cand.start - 40)
                line = {
                    "doc": d,
                    "batch": batch[d],
                    "category": cats.get(d, "?"),
                    "kind": cand.kind,
                    "quantity": cand.quantity_text,
                    "gold": g["predicate"],
                    "chosen": opts[order[0]].text,
                    "right": bool(full[order[0]]),
                    "exact": full[order[0]] > 1,
                    "rank": rank,
                    "options": [
                        f"{opts[i].text}{'*' if full[i] else ''} [{_family(feats[i])}]"
                        for i in order[:8]
                    ],
                    "uncovered": None
                    if rank is not None
                    else _uncovered(text, cand, g["predicate"]),
                    "context": text[lo : cand.end + 30],
                }
                print(json.dumps(line, ensure_ascii=False), file=out)
                keys = ["ALL", f"batch {batch[d]}", f"cat {cats.get(d, '?')}"]
                if short is not None and (batch[d] != "extra_claims" or d in short):
                    keys.append("short")
                for key in keys:
                    c = tally[key]
                    c["n"] += 1
                    c["right"] += line["right"]
                    c["exact"] += line["exact"]
                    c["cover"] += rank is not None
    for key, c in sorted(tally.items()):
        n = c["n"]
        print(
            f"{relabel:<10} {scheme:<7} {key:<24} n={n:<5} right {c['right'] / n:.3f}"
            f" exact {c['exact'] / n:.3f} ceiling {c['cover'] / n:.3f}",
            file=sys.stderr,
        )


if __name__ == "__main__":
    raise SystemExit(main())
