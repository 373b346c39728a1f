"""How the subject's linear model and its boosted trees are combined, measured out of fold on
the training part: the folds of ``bench/subject_oof.py`` (documents in sorted order, every
fifth held out; each fold's linear model and trees fitted on the four others, unweighted), and
for each held-out claim the linear scores and the trees' corrections of its shortlist, from
which each way of combining them is scored:

- ``linear``: the linear model alone; ``trees``: linear + trees (what ships);
- ``shrink B``: linear + B x trees (a weighted sum of the two log-probabilities);
- ``gate M``: the trees only where the linear margin (best score minus the second) is below M;
- ``clip C``: each option's tree correction clipped to [-C, C];
- ``fitted``: B chosen on the training folds only (inner cross-fitting inside the four folds),
  then applied to the held-out fold;
- ``--shortlist K`` re-scores the best K options; ``--crossfit`` fits the trees on linear
  scores cross-fitted inside the training folds (what the trees meet at extraction time: scores
  of a model that did not see the claim) instead of the in-sample ones; ``--gap`` gives the
  trees each shortlisted option's linear score and its gap below the best as features;
  ``--bags N`` averages N tree ensembles each fitted on 70 % of the claims; ``--trees``,
  ``--rate``, ``--depth``, ``--l2``, ``--min-hessian`` the trees' parameters, ``--lin-l2`` the
  linear model's decay; ``--exact W`` an exact option's weight as a target (4 as shipped,
  another right option 1).

Last, the claims whose choice the trees change are counted by the linear margin they
override, with how many of them the trees fix and break.

The options and features are extracted once and cached (``--cache FILE``, a pickle). Train
only (the gold of ``tests/data/split.json``'s train part).

Usage::

    python bench/subject_combine.py [--cache /tmp/subj.pkl] [--shortlist 5] [--crossfit]
"""

from __future__ import annotations

import argparse
import json
import math
import pickle
import random
import sys
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.golddata import train_gold  # noqa: E402
from extractor.core import extract_with_fields  # noqa: E402
from extractor.ranker import (  # noqa: E402
    DEFAULT_BOOST,
    FIELD_FEATURES,
    canonical_key,
    fit,
    list_features,
)
from extractor.train import RULES, _right, matched_pairs  # noqa: E402
from extractor.trees import BoostParams, Trees, fit_trees  # noqa: E402

Group = list[tuple[dict[str, float], float]]


def records(cache: str | None) -> dict[str, list[Group]]:
    """Per training document, its found claims' subject options as (features, right)."""
    if cache and Path(cache).exists():
        with open(cache, "rb") as fh:
            return pickle.load(fh)
    gold, texts = train_gold()
    out: dict[str, list[Group]] = {}
    for doc in sorted(texts):
        golds = [g for g in gold if str(g["doc"]) == doc and g.get("claim")]
        found = extract_with_fields(texts[doc], None, RULES, screen=False)
        groups = []
        for g, cand, fields in matched_pairs(golds, found):
            options = fields.get("subject") or []
            if not options or not g.get("subject"):
                continue
            options = sorted(options, key=canonical_key)
            feats = list_features(options, "subject", cand.kind)
            groups.append(
                list(zip(feats, [_right("subject", g, o.text) for o in options], strict=True))
            )
        out[doc] = groups
    if cache:
        with open(cache, "wb") as fh:
            pickle.dump(out, fh)
    return out


def with_gap(feats: Sequence[Mapping[str, float]], zs: Sequence[float]) -> list[dict[str, float]]:
    """The options' features with their linear score and gap below the claim's best."""
    top = max(zs)
    return [
        {**f, "lin_z": round(z, 6), "lin_gap": round(top - z, 6)}
        for f, z in zip(feats, zs, strict=True)
    ]


class Fold:
    """A linear model and trees fitted on some groups; scores new groups in parts."""

    def __init__(
        self,
        groups: Sequence[Group],
        params: BoostParams,
        crossfit: int,
        gap: bool,
        bags: int = 0,
        lin_l2: float = 0.0,
    ):
        self.linear = fit(list(groups), field="subject", l2=lin_l2 or None)
        self.params = params
        self.gap = gap
        if crossfit:
            # The trees learn on linear scores of models that did not see the group.
            base: list[list[float]] = [[] for _ in groups]
            for k in range(crossfit):
                inner = fit([g for i, g in enumerate(groups) if i % crossfit != k], field="subject")
                for i, g in enumerate(groups):
                    if i % crossfit == k:
                        base[i] = inner.scores([f for f, _ in g])
        else:
            base = [self.linear.scores([f for f, _ in g]) for g in groups]
        rows = [self._feats(g, zs) for g, zs in zip(groups, base, strict=True)]
        known = set(FIELD_FEATURES["subject"]) | ({"lin_z", "lin_gap"} if gap else set())
        labelled = [
            list(zip(r, [y for _, y in g], strict=True)) for r, g in zip(rows, groups, strict=True)
        ]
        if bags:
            rng = random.Random(7)
            self.bags = []
            for _ in range(bags):
                pick = [i for i in range(len(groups)) if rng.random() < 0.7]
                t = fit_trees([labelled[i] for i in pick], [base[i] for i in pick], known, params)
                self.bags.append(t or Trees(params.shortlist, []))
            self.trees = self.bags[0]
        else:
            self.bags = []
            trees = fit_trees(labelled, base, known, params)
            self.trees = trees or Trees(params.shortlist, [])

    def _feats(self, g: Group, zs: Sequence[float]) -> list[dict[str, float]]:
        feats = [f for f, _ in g]
        return with_gap(feats, zs) if self.gap else feats

    def parts(self, g: Group) -> tuple[list[float], list[float]]:
        """The group's linear scores and each option's tree correction (0 off the shortlist)."""
        zs = self.linear.scores([f for f, _ in g])
        feats = self._feats(g, zs)
        t = [0.0] * len(zs)
        for i in self.trees.shortlisted(zs):
            if self.bags:
                t[i] = sum(b.value(feats[i]) for b in self.bags) / len(self.bags)
            else:
                t[i] = self.trees.value(feats[i])
        return zs, t


def best(zs: Sequence[float]) -> int:
    return max(range(len(zs)), key=lambda i: (zs[i], -i))


def margin(zs: Sequence[float]) -> float:
    s = sorted(zs, reverse=True)
    return s[0] - s[1] if len(s) > 1 else math.inf


def combine(zs: Sequence[float], t: Sequence[float], how: tuple[str, float]) -> list[float]:
    kind, x = how
    if kind == "shrink":
        return [z + x * c for z, c in zip(zs, t, strict=True)]
    if kind == "gate":
        return list(zs) if margin(zs) >= x else [z + c for z, c in zip(zs, t, strict=True)]
    if kind == "clip":
        return [z + max(-x, min(x, c)) for z, c in zip(zs, t, strict=True)]
    raise ValueError(kind)


WAYS: list[tuple[str, float]] = (
    [("shrink", b) for b in (0.0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0)]
    + [("gate", m) for m in (0.25, 0.5, 1.0, 1.5, 2.0, 3.0)]
    + [("clip", c) for c in (0.25, 0.5, 1.0, 2.0)]
)

#: The upper ends of the linear-margin bands the trees' overrides are counted in.
BANDS = (0.5, 1.0, 2.0, math.inf)

BETAS = (0.0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0)


def fitted_beta(groups: Sequence[Group], params: BoostParams, crossfit: int, gap: bool) -> float:
    """The shrink factor with the best accuracy out of fold inside ``groups`` (3 inner folds
    by group; ties: the one nearest 1)."""
    right = dict.fromkeys(BETAS, 0)
    for k in range(3):
        inner = Fold([g for i, g in enumerate(groups) if i % 3 != k], params, crossfit, gap)
        for i, g in enumerate(groups):
            if i % 3 == k:
                zs, t = inner.parts(g)
                for b in BETAS:
                    right[b] += g[best(combine(zs, t, ("shrink", b)))][1] > 0
    return max(BETAS, key=lambda b: (right[b], -abs(b - 1.0)))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", default="/tmp/subject_combine.pkl")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--shortlist", type=int, default=5)
    ap.add_argument("--trees", type=int, default=0, help="rounds (0: the shipped number)")
    ap.add_argument("--rate", type=float, default=0.0, help="0: the shipped rate")
    ap.add_argument("--l2", type=float, default=0.0, help="leaf L2 (0: the shipped)")
    ap.add_argument("--lin-l2", type=float, default=0.0, help="linear decay (0: shipped)")
    ap.add_argument("--exact", type=float, default=0.0, help="an exact option's target weight")
    ap.add_argument("--bags", type=int, default=0, help="tree ensembles averaged")
    ap.add_argument("--depth", type=int, default=0, help="0: the shipped depth")
    ap.add_argument("--min-hessian", type=float, default=0.0, help="0: the shipped")
    ap.add_argument("--crossfit", type=int, default=0, help="inner folds for the trees' base")
    ap.add_argument("--gap", action="store_true", help="the linear score and gap as features")
    ap.add_argument("--fit-beta", action="store_true", help="also choose B on the train folds")
    ap.add_argument("--json", help="write the per-fold figures here")
    args = ap.parse_args(argv)
    params = replace(DEFAULT_BOOST["subject"], shortlist=args.shortlist)
    if args.trees:
        params = replace(params, trees=args.trees)
    if args.rate:
        params = replace(params, rate=args.rate)
    if args.l2:
        params = replace(params, l2=args.l2)
    if args.depth:
        params = replace(params, depth=args.depth)
    if args.min_hessian:
        params = replace(params, min_hessian=args.min_hessian)
    per_doc = records(args.cache)
    if args.exact:
        per_doc = {
            d: [[(f, args.exact if y > 1 else y) for f, y in g] for g in gs]
            for d, gs in per_doc.items()
        }
    docs = sorted(per_doc)
    names = (
        ["linear", "trees"]
        + [f"{k} {x:g}" for k, x in WAYS]
        + (["fitted"] if args.fit_beta else [])
    )
    right = {n: [0] * args.folds for n in names}
    totals = [0] * args.folds
    covered = 0
    betas = []
    overrides: dict[float, list[int]] = {}
    for k in range(args.folds):
        held = set(docs[k :: args.folds])
        groups = [g for d in docs if d not in held for g in per_doc[d]]
        model = Fold(groups, params, args.crossfit, args.gap, args.bags, args.lin_l2)
        beta = fitted_beta(groups, params, args.crossfit, args.gap) if args.fit_beta else 1.0
        betas.append(beta)
        for d in sorted(held):
            for g in per_doc[d]:
                totals[k] += 1
                covered += any(y > 0 for _, y in g)
                zs, t = model.parts(g)

                def ok(s: Sequence[float], g: Group = g) -> bool:
                    return g[best(s)][1] > 0

                right["linear"][k] += ok(zs)
                right["trees"][k] += ok([z + c for z, c in zip(zs, t, strict=True)])
                for how in WAYS:
                    right[f"{how[0]} {how[1]:g}"][k] += ok(combine(zs, t, how))
                if args.fit_beta:
                    right["fitted"][k] += ok(combine(zs, t, ("shrink", beta)))
                a, b = best(zs), best([z + c for z, c in zip(zs, t, strict=True)])
                if a != b:
                    m = margin(zs)
                    band = next(x for x in BANDS if m < x)
                    row = overrides.setdefault(band, [0, 0, 0])
                    row[0] += g[b][1] > 0 and not g[a][1] > 0
                    row[1] += g[a][1] > 0 and not g[b][1] > 0
                    row[2] += 1
        print(f"fold {k}: {totals[k]} claims, beta {beta:g}", file=sys.stderr, flush=True)
    n = sum(totals)
    print(
        f"{n} claims, ceiling {covered / n:.3f}, {params}, crossfit {args.crossfit}, gap {args.gap}"
    )
    if args.fit_beta:
        print(f"fitted betas {betas}")
    out = {}
    for name in names:
        acc = sum(right[name]) / n
        folds = " ".join(f"{r / t:.3f}" for r, t in zip(right[name], totals, strict=True))
        out[name] = {"acc": acc, "folds": [r / t for r, t in zip(right[name], totals, strict=True)]}
        print(f"{name:12s} {acc:.4f}  ({sum(right[name])})  {folds}")
    print("trees overriding the linear choice, by linear margin (fixed / broken / changed):")
    low = 0.0
    for band in BANDS:
        if band in overrides:
            fixed, broken, changed = overrides[band]
            print(f"  [{low:g}, {band:g}): {fixed} / {broken} / {changed}")
        low = band
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
