"""Predicate errors of the training part, cross-validated: per kind of claim, per category.

For every gold claim of the training part that the extractor finds, the predicate options are
ranked by a model trained without the claim's fold of documents (the folds of
``python -m extractor.train --folds 5``), and — to see whether a change generalises across
genres — by a model trained without the claim's category (leave-one-category-out, the
corpus's ``category`` of each article). Prints accuracy per kind and per category for both, the
ceiling (a right option among the options), and with ``--show N`` up to N wrong choices per
kind: gold against chosen, the options best first, the sentence. Training part only: it
refuses ``--part test``.

Usage::

    python bench/predicate_errors.py tests/data/dev_claims.jsonl tests/data/annotated_claims.jsonl \
        tests/data/extra_claims.jsonl --split tests/data/split.json [--show 5] [--kind count]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractor import nlp  # noqa: E402
from extractor.evaluate import (  # noqa: E402
    _documents,
    _predicate_variants,
    load_gold,
    restrict,
    split_part,
)
from extractor.ranker import DEFAULT_L2, canonical_key, fit, list_features  # noqa: E402
from extractor.train import EXACT_WEIGHT, _right, extract_all, matched_pairs  # noqa: E402


def _categories(corpus: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    with open(corpus, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            out[rec["id"]] = rec.get("category", "?")
    return out


_FAMILIES = (
    "rule",
    "label",
    "list_carried",
    "unit_word",
    "stat_shape",
    "kind_default",
    "gap",
    "counted_verb",
    "counted",
    "after_de",
    "head_noun",
    "clause_attr",
)


def _family(f: dict[str, float]) -> str:
    """A short name of where an option comes from (for the error table)."""
    fam = [k for k in _FAMILIES if f.get(k) and k != "rule"]
    side = "before" if f.get("before") else "after"
    pos = "verb" if f.get("verb") else "noun" if f.get("noun") else "other"
    return f"{fam[0] if fam else side + '-' + pos}{'+rule' if f.get('rule') else ''}"


_STOPS = "，。；,;！？!?：:\n"


def _pos(text: str, start: int, end: int, lo: int, hi: int) -> str:
    """verb, noun or other: the tag of the last word of ``text[start:end]``, tagged in its
    sentence ``text[lo:hi]``."""
    at = lo
    tag = "other"
    for w, f in nlp.tag(text[lo:hi]):
        at += len(w)
        if at >= end:
            tag = f
            break
    if tag.startswith("v") and tag != "vn":
        return "verb"
    if tag.startswith("n") or tag in ("vn", "an", "j", "eng"):
        return "noun"
    return "other"


def _uncovered(text: str, cand, gold: str) -> str:
    """Where the gold predicate of a claim with no right option is written: its nearest
    occurrence (any variant of the evaluation's) against the quantity's clause and sentence,
    with the part of speech there; "unwritten" when the text holds none (a paraphrase, a
    composite of words apart, an attribute the text leaves out)."""
    best: tuple[int, int, int] | None = None
    for v in _predicate_variants(gold):
        for m in re.finditer(re.escape(v), text):
            d = min(abs(m.start() - cand.end), abs(m.end() - cand.start))
            if best is None or d < best[0]:
                best = (d, m.start(), m.end())
    if best is None:
        return "unwritten"
    _, s, e = best
    lo, hi = cand.sentence_start, cand.sentence_end
    c_lo = max((k + 1 for k in range(lo, cand.start) if text[k] in _STOPS), default=lo)
    c_hi = next((k for k in range(cand.end, hi) if text[k] in _STOPS), hi)
    if not (lo <= s and e <= hi):
        return "other sentence"
    pos = _pos(text, s, e, lo, hi)
    if e <= cand.start:
        where = "clause before" if s >= c_lo else "earlier clause"
    elif s >= cand.end:
        where = "clause after" if e <= c_hi else "later clause"
    else:
        where = "overlaps quantity"
    return f"{where} {pos}"


def _side(f: dict[str, float]) -> str:
    side = "before" if f.get("before") else "after" if f.get("after") else "unwritten"
    pos = "verb" if f.get("verb") else "noun" if f.get("noun") else "other"
    return f"{side}-{pos}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("gold", nargs="+")
    ap.add_argument("--split", required=True)
    ap.add_argument("--part", default="train")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--kind", help="show errors of this kind only")
    ap.add_argument(
        "--exact-weight", type=float, default=EXACT_WEIGHT, help="weight of an exact option"
    )
    ap.add_argument("--errors-of", default="cv", help="the scheme whose errors are shown")
    ap.add_argument(
        "--partitions", type=int, default=1, help="also CV over N-1 other seeded fold partitions"
    )
    ap.add_argument("--subset", help="a JSON list of articles: also print their accuracy")
    ap.add_argument("--l2", type=float, default=DEFAULT_L2["predicate"], help="weight decay")
    ap.add_argument("--loco", action="store_true", help="also leave one category out")
    ap.add_argument(
        "--categories",
        action="store_true",
        help="count the errors by pattern: where an uncovered gold is written, and the"
        " chosen against the best right option (side and part of speech) where ranked lower",
    )
    ap.add_argument(
        "--holdout",
        help="a JSON list of training articles: also train on the others and score these",
    )
    ap.add_argument(
        "--corpus", default=str(ROOT.parent / "shared" / "corpus" / "thucnews_sample.jsonl")
    )
    args = ap.parse_args(argv)
    if args.part != "train":
        print("error: training part only", file=sys.stderr)
        return 2
    gold = restrict([g for p in args.gold for g in load_gold(p)], split_part(args.split, "train"))
    texts = _documents(gold, ROOT / "seeds", [Path(args.corpus)])
    cats = _categories(Path(args.corpus))
    found_by_doc = extract_all(texts)
    # One row per found gold claim with a predicate: (doc, gold, cand, options, feats, rights).
    rows: dict[str, list[tuple]] = defaultdict(list)
    for doc in sorted(texts):
        golds = [g for g in gold if str(g["doc"]) == doc and g.get("claim")]
        for g, cand, fields in matched_pairs(golds, found_by_doc[doc]):
            opts = sorted(fields.get("predicate") or [], key=canonical_key)
            if opts and g.get("predicate"):
                feats = list_features(opts, "predicate", cand.kind)
                full = [_right("predicate", g, o.text) for o in opts]
                rights = [min(r, args.exact_weight) for r in full]
                rows[doc].append((g, cand, opts, feats, rights, full))
    docs = sorted(texts)  # the folds of extractor.train's cross_validate
    schemes = [("cv", [set(docs[k :: args.folds]) for k in range(args.folds)])]
    for seed in range(1, args.partitions):
        shuffled = sorted(docs, key=lambda d: hashlib.md5(f"{seed}:{d}".encode()).hexdigest())
        schemes.append((f"cv{seed}", [set(shuffled[k :: args.folds]) for k in range(args.folds)]))
    if args.loco:
        by_cat: dict[str, set[str]] = defaultdict(set)
        for d in docs:
            by_cat[cats.get(d, "?")].add(d)
        schemes.append(("loco", [by_cat[c] for c in sorted(by_cat)]))
    if args.holdout:
        held_ids = set(json.loads(Path(args.holdout).read_text("utf-8")))
        schemes.append(("holdout", [held_ids & set(docs)]))
    l2 = args.l2
    for name, parts in schemes:
        kinds: dict[str, Counter] = defaultdict(Counter)
        catc: dict[str, Counter] = defaultdict(Counter)
        errors: dict[str, list[str]] = defaultdict(list)
        fam: Counter = Counter()
        cats_wrong: Counter = Counter()
        examples: dict[str, list[str]] = defaultdict(list)
        per_doc: dict[str, Counter] = defaultdict(Counter)
        for held in parts:
            groups = [
                list(zip(r[3], r[4], strict=True)) for d in docs if d not in held for r in rows[d]
            ]
            model = fit(groups, field="predicate", l2=l2)
            for d in sorted(held):
                for g, cand, opts, feats, rights, full in rows[d]:
                    scores = [model.score(f, "predicate") for f in feats]
                    order = sorted(range(len(opts)), key=lambda i: -scores[i])
                    best = order[0]
                    ok = rights[best] > 0
                    exact = full[best] > 1
                    for c in (
                        kinds[cand.kind],
                        kinds["ALL"],
                        catc[cats.get(d, "?")],
                        per_doc[d],
                    ):
                        c["n"] += 1
                        c["right"] += ok
                        c["exact"] += exact
                        c["cover"] += any(rights)
                    if name == args.errors_of and not ok and any(rights):
                        fam[
                            (
                                _family(feats[best]),
                                _family(
                                    feats[
                                        max(
                                            (i for i in range(len(opts)) if rights[i]),
                                            key=lambda i: scores[i],
                                        )
                                    ]
                                ),
                            )
                        ] += 1
                    cat_line = ""
                    if name == args.errors_of and not ok and args.categories:
                        if any(rights):
                            right_best = max(
                                (i for i in range(len(opts)) if rights[i]),
                                key=lambda i: scores[i],
                            )
                            cat_line = (
                                f"ranked lower: chose {_side(feats[best])},"
                                f" right {_side(feats[right_best])}"
                            )
                            cats_wrong[cat_line] += 1
                        else:
                            where = _uncovered(texts[d], cand, str(g["predicate"]))
                            cats_wrong[f"no right option: {where}"] += 1
                            lo = max(cand.sentence_start, cand.start - 25)
                            ctx = texts[d][lo : cand.end + 20]
                            examples[where].append(
                                f"{g['predicate']} | {cand.kind} | {cand.quantity_text} | {ctx}"
                            )
                    shown = not args.kind or cand.kind == args.kind
                    if name == args.errors_of and not ok and shown:
                        text = texts[d]
                        s = text[max(cand.sentence_start, cand.start - 40) : cand.end + 30]
                        ranked = [f"{opts[i].text}{'*' if rights[i] else ''}" for i in order[:6]]
                        errors[cand.kind].append(
                            f"  {d} [{cand.kind}] {cat_line} gold={g['predicate']!r} "
                            f"chosen={opts[best].text!r} cover={any(rights)}\n"
                            f"     opts={ranked}\n     {cand.quantity_text} | {s}"
                        )
        if args.subset:
            sub = set(json.loads(Path(args.subset).read_text("utf-8")))
            sc = [c for d, c in per_doc.items() if d in sub]
            n_sub = sum(c["n"] for c in sc) or 1
            print(
                f"== {name} subset: n={n_sub} right {sum(c['right'] for c in sc) / n_sub:.3f}"
                f" exact {sum(c['exact'] for c in sc) / n_sub:.3f}"
            )
        print(f"== {name}")
        for k, c in sorted(kinds.items(), key=lambda kv: -kv[1]["n"]):
            n = c["n"]
            print(
                f"  {k:<9} n={n:<5} right {c['right']:<4} {c['right'] / n:.3f}"
                f" exact {c['exact'] / n:.3f} ceiling {c['cover'] / n:.3f}"
            )
        for k, c in sorted(catc.items()):
            n = c["n"]
            print(f"  {k:<6} n={n:<5} right {c['right'] / n:.3f} ceiling {c['cover'] / n:.3f}")
        if fam:
            print("  ranked wrong (chosen family, best right family):")
            for (a, b), v in fam.most_common(15):
                print(f"    {v:>4}  {a:<22} {b}")
        if cats_wrong:
            print("  errors by pattern:")
            for k, v in sorted(cats_wrong.items(), key=lambda kv: (kv[0].split(":")[0], -kv[1])):
                print(f"    {v:>4}  {k}")
            if args.show:
                for k, lines in sorted(examples.items(), key=lambda kv: -len(kv[1])):
                    print(f"  no right option, {k}:")
                    for line in lines[: args.show]:
                        print(f"    {line}")
        for _, lines in sorted(errors.items(), key=lambda kv: -len(kv[1])):
            for line in lines[: args.show]:
                print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
