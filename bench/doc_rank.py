"""Document-level ranking (stacking), measured by cross-fitted 5-fold CV on the training part.

Pass 1 is the shipped ranker's recipe (:func:`extractor.ranker.fit` with the fields' default
decay and trees). Pass 2 re-ranks each claim with :mod:`extractor.docrank`'s features, read
from the pass-1 picks of the *other* claims of its document. Honest stacking: the held-out
fold's pass-1 picks come from the model trained on the other four folds (as in the training
command's CV), and pass 2 is trained on pass-1 picks of the training folds made out of fold
inside them (each training fold's picks by a model trained on the three others), so it never
learns to trust an in-sample pass 1. Ten pass-1 models per field besides the CV's five.

Two forms of pass 2:

- ``--mode residual``: a small listwise model over the pass-1 score (``p1``), the pass-1 pick
  flag (``p1_top``) and the pick features (the pass-1 model stays; pass 2 costs a few dozen
  multiplications per option).
- ``--mode full``: the field's model refitted with the pick features beside its own (linear,
  and the trees of :data:`~extractor.ranker.DEFAULT_BOOST` for the subject): pass 2 costs a
  second full scoring.

``--soft`` adds the other claims' pass-1 probabilities of the option's text; ``--causal`` reads
only the claims before (what a left-to-right decoder would know: the sequential alternative).

Train part only (the split's ``train`` articles); prints per field the per-fold accuracy of
pass 1 and pass 2, on how many folds pass 2 wins and loses, and both passes on the reference
gold's documents and on each ``--docs`` list (the newest training articles by default)::

    python bench/doc_rank.py [--fields subject,predicate,time] [--mode residual|full]
        [--soft] [--causal] [--l2 2] [--docs FILE...]
"""

from __future__ import annotations

import argparse
import bisect
import math
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.field_oof import NEWEST, REFERENCE  # noqa: E402
from bench.golddata import DATA, train_gold  # noqa: E402
from extractor.docrank import Place, pick_features, stack_rows  # noqa: E402
from extractor.numbers import FULLWIDTH  # noqa: E402
from extractor.ranker import (  # noqa: E402
    DEFAULT_BOOST,
    DEFAULT_L2,
    FIELD_FEATURES,
    canonical_key,
    fit,
    fit_weights,
    list_features,
)
from extractor.sentences import split_clauses, split_sentences  # noqa: E402
from extractor.train import FIELDS, _right, extract_all, load_gold, matched_pairs  # noqa: E402
from extractor.trees import fit_trees  # noqa: E402

#: One claim: its place and, per field, option texts, features and labels (None: not a gold
#: claim found, or the gold leaves the field empty).
Claim = dict[str, Any]


def records(gold: Sequence[Mapping], texts: Mapping[str, str]) -> dict[str, list[Claim]]:
    """Every candidate of each training document (look-alikes too: at extraction every
    candidate's pick counts) with its place and its fields' options in canonical order."""
    found = extract_all(texts)
    out: dict[str, list[Claim]] = {}
    for doc in sorted(texts):
        norm = texts[doc].translate(FULLWIDTH)
        sentences = split_sentences(texts[doc])
        starts = [s for s, _ in sentences]
        breaks = [i for i, ch in enumerate(norm) if ch == "\n"]
        golds = [g for g in gold if str(g["doc"]) == doc and g.get("claim")]
        match = {id(c): g for g, c, _ in matched_pairs(golds, found.get(doc, []))}
        claims = []
        for cand, fields in found.get(doc, []):
            si = bisect.bisect_right(starts, cand.start) - 1
            s, e = sentences[si]
            clauses = split_clauses(norm, s, e) or [(s, e)]
            ci = next((i for i, (a, b) in enumerate(clauses) if a <= cand.start < b), 0)
            g = match.get(id(cand))
            rec: Claim = {"place": Place(si, bisect.bisect_left(breaks, cand.start), ci)}
            for name in FIELDS:
                opts = sorted(fields.get(name) or [], key=canonical_key)
                if not opts:
                    continue
                labels = None
                if g is not None and (name == "time" or g.get(name)):
                    labels = [_right(name, g, o.text) for o in opts]
                rec[name] = {
                    "texts": [o.text for o in opts],
                    "feats": list_features(opts, name, cand.kind),
                    "labels": labels,
                }
            claims.append(rec)
        out[doc] = claims
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--fields", default="subject,predicate,time")
    ap.add_argument("--mode", choices=("residual", "full"), default="residual")
    ap.add_argument("--soft", action="store_true")
    ap.add_argument("--causal", action="store_true")
    ap.add_argument("--l2", type=float, default=2.0, help="decay of the residual model")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--docs", nargs="*", default=list(NEWEST), help="files of document ids")
    args = ap.parse_args(argv)
    gold, texts = train_gold()
    docs = records(gold, texts)
    names = sorted(docs)
    k_folds = args.folds
    fold_of = {d: i % k_folds for i, d in enumerate(names)}
    models: dict[tuple[frozenset[int], str], Any] = {}

    def pass1(excluded: set[int], field: str) -> Any:
        key = (frozenset(excluded), field)
        if key not in models:
            groups = [
                list(zip(c[field]["feats"], c[field]["labels"], strict=True))
                for d in names
                if fold_of[d] not in excluded
                for c in docs[d]
                if field in c and c[field]["labels"] is not None
            ]
            models[key] = fit(groups, field=field, boost=DEFAULT_BOOST.get(field))
        return models[key]

    def pass2_rows(doc: str, field: str, model: Any) -> list[list[dict[str, float]] | None]:
        claims = docs[doc]
        scores = [model.scores(c[field]["feats"], field) if field in c else None for c in claims]
        rows_of = stack_rows if args.mode == "residual" else pick_features
        extra = rows_of(
            [c["place"] for c in claims],
            [c[field]["texts"] if field in c else None for c in claims],
            scores,
            soft=args.soft,
            causal=args.causal,
        )
        out: list[list[dict[str, float]] | None] = []
        for c, z, rows in zip(claims, scores, extra, strict=True):
            if rows is None or z is None:
                out.append(None)
                continue
            if args.mode == "residual":
                out.append(rows)
            else:
                out.append([{**f, **r} for f, r in zip(c[field]["feats"], rows, strict=True)])
        return out

    for field in args.fields.split(","):
        began = time.process_time()
        base: list[float] = []
        new: list[float] = []
        per_doc: dict[str, list[int]] = {}  # right in pass 1, right in pass 2, claims
        for k in range(k_folds):
            groups = []
            for d in names:
                if fold_of[d] == k:
                    continue
                rows = pass2_rows(d, field, pass1({k, fold_of[d]}, field))
                for c, r in zip(docs[d], rows, strict=True):
                    if r is not None and c[field]["labels"] is not None:
                        groups.append(list(zip(r, c[field]["labels"], strict=True)))
            known = {key for g in groups for f, _ in g for key in f}
            if args.mode == "residual":
                w = fit_weights(groups, dict.fromkeys(sorted(known), ""), l2=args.l2)
                trees = None
            else:
                features = {**FIELD_FEATURES[field], **dict.fromkeys(sorted(known), "")}
                w = fit_weights(groups, features, l2=DEFAULT_L2[field])
                w = {key: round(v, 6) for key, v in w.items()}
                trees = None
                params = DEFAULT_BOOST.get(field)
                if params is not None:
                    zs = [[_dot(w, f) for f, _ in g] for g in groups]
                    trees = fit_trees(groups, zs, features, params)
            right1 = right2 = total = 0
            m_k = pass1({k}, field)
            for d in names:
                if fold_of[d] != k:
                    continue
                rows = pass2_rows(d, field, m_k)
                for c, r in zip(docs[d], rows, strict=True):
                    if r is None or c[field]["labels"] is None:
                        continue
                    labels = c[field]["labels"]
                    z1 = m_k.scores(c[field]["feats"], field)
                    z2 = [_dot(w, f) for f in r]
                    if trees is not None:
                        z2 = trees.adjust(z2, r)
                    total += 1
                    ok1 = labels[max(range(len(z1)), key=z1.__getitem__)] > 0
                    ok2 = labels[max(range(len(z2)), key=z2.__getitem__)] > 0
                    right1 += ok1
                    right2 += ok2
                    counts = per_doc.setdefault(d, [0, 0, 0])
                    counts[0] += ok1
                    counts[1] += ok2
                    counts[2] += 1
            base.append(right1 / total)
            new.append(right2 / total)
        wins = sum(b > a + 1e-9 for a, b in zip(base, new, strict=True))
        losses = sum(b < a - 1e-9 for a, b in zip(base, new, strict=True))
        print(
            f"{field}: pass 1 {' '.join(f'{a:.3f}' for a in base)} (mean {_mean(base):.3f}) |"
            f" pass 2 {' '.join(f'{a:.3f}' for a in new)} (mean {_mean(new):.3f}) |"
            f" wins {wins} losses {losses} ({time.process_time() - began:.0f} CPU s)"
        )
        for name, listed in _subsets(args.docs):
            kept = [per_doc[d] for d in per_doc if d in listed]
            n = max(1, sum(x[2] for x in kept))
            print(
                f"  {name}: pass 1 {sum(x[0] for x in kept) / n:.3f} pass 2"
                f" {sum(x[1] for x in kept) / n:.3f} ({sum(x[2] for x in kept)} claims)"
            )
    return 0


def _subsets(files: Sequence[str]) -> list[tuple[str, set[str]]]:
    """The reference gold's documents and each listed file's (that exists) by name."""
    out = [("reference gold", {str(g["doc"]) for n in REFERENCE for g in load_gold(str(DATA / n))})]
    for name in files:
        path = Path(name)
        if path.exists():
            out.append((path.name, set(path.read_text(encoding="utf-8").split())))
    return out


def _dot(w: Mapping[str, float], f: Mapping[str, float]) -> float:
    return sum(w.get(k, 0.0) * v for k, v in f.items())


def _mean(xs: Sequence[float]) -> float:
    return sum(xs) / len(xs) if xs else math.nan


if __name__ == "__main__":
    raise SystemExit(main())
