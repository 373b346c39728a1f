"""Train the subject ranker (:mod:`extractor.ranker`) from gold claims.

``python -m extractor.train GOLD.jsonl... --split tests/data/split.json --part train
-o extractor/data/ranker.json`` rebuilds the model shipped in the package: it extracts the
gold's training documents, lists each found claim's subject options with their features,
labels an option right when it names the gold subject (the scorer's rule: equal, an alias, or
60 % containment; predicate and time likewise by the scorer's rules), and fits one listwise
logistic model per field (:func:`~extractor.ranker.fit`: the probability that a right option
wins, with L2 decay; ``--tune`` picks the decay by cross-validation). ``claimdesk train --db`` uses
:func:`training_groups` and :func:`~extractor.ranker.fit` the same way, with the database's
decided claims as the gold.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from .core import extract_with_fields
from .evaluate import (
    SplitError,
    _aliases,
    _documents,
    _field_right,
    _matches,
    load_gold,
    restrict,
    split_part,
    subject_right,
)
from .ranker import DEFAULT_L2, Ranker, combine, fit, list_features

#: The fields the ranker learns.
FIELDS = ("subject", "predicate", "time")

#: Per claim, its options' features and weight as a right answer (0: wrong).
Groups = list[list[tuple[dict[str, float], float]]]


#: How much more an option that is exactly the gold filler counts than one that is right only
#: by the scorer's looser rule (an alias, containment): among several right options the model
#: learns to prefer the exact one, which a reviewer accepts without an edit.
EXACT_WEIGHT = 4.0


def _right(field: str, g: Mapping, text: str) -> float:
    """0 for a wrong option; for a right one 1, or :data:`EXACT_WEIGHT` when it is exactly
    the gold filler."""
    key = "time_text" if field == "time" else field
    right, exact = _field_right(field, dict(g), {key: text})
    if field == "subject":
        right = subject_right(str(g["subject"]), _aliases(dict(g)), text)
    if not right:
        return 0.0
    return EXACT_WEIGHT if exact else 1.0


def field_groups(
    gold: Sequence[Mapping],
    texts: Mapping[str, str],
    dates: Mapping[str, str | None] | None = None,
) -> dict[str, Groups]:
    """One group per gold claim the extractor finds, per field: the options' features and
    whether each is right by the scorer's rules (subject: equal, an alias, or 60 %
    containment; predicate and time: equal or contained, an empty gold time wants the
    empty option) — as a weight: 0 wrong, 1 right, :data:`EXACT_WEIGHT` exactly the gold.
    Gold claims with an empty subject teach only predicate and time."""
    by_doc: dict[str, list[Mapping]] = {}
    for g in gold:
        if g.get("claim"):
            by_doc.setdefault(str(g["doc"]), []).append(g)
    groups: dict[str, Groups] = {f: [] for f in FIELDS}
    for doc, golds in by_doc.items():
        text = texts.get(doc)
        if not text:
            continue
        found = extract_with_fields(text, (dates or {}).get(doc))
        used: set[int] = set()
        for g in golds:
            for i, (cand, fields) in enumerate(found):
                if i in used or not _matches(dict(g), cand.to_dict()):
                    continue
                used.add(i)
                for name in FIELDS:
                    options = fields.get(name) or []
                    if not options or (name == "subject" and not g.get("subject")):
                        continue
                    if name == "predicate" and not g.get("predicate"):
                        continue
                    feats = list_features(options, name, cand.kind)
                    groups[name].append(
                        [(f, _right(name, g, o.text)) for o, f in zip(options, feats, strict=True)]
                    )
                break
    return groups


def training_groups(
    gold: Sequence[Mapping],
    texts: Mapping[str, str],
    dates: Mapping[str, str | None] | None = None,
) -> Groups:
    """The subject groups of :func:`field_groups`."""
    return field_groups(gold, texts, dates)["subject"]


def cross_validate(
    gold: Sequence[Mapping],
    texts: Mapping[str, str],
    folds: int = 5,
    l2: Mapping[str, float] | None = None,
    per_doc: Mapping[str, dict[str, Groups]] | None = None,
) -> dict[str, tuple[float, float, int]]:
    """Per field: accuracy of models trained without each fold of documents, on that fold
    (the share of found claims whose top option is right; claims with no right option count
    as wrong), the share whose options hold a right one (the ceiling), and the claims.
    ``l2`` overrides the fields' weight decay; ``per_doc`` reuses groups already built."""
    docs = sorted(texts)
    if per_doc is None:
        per_doc = doc_groups(gold, texts)
    out: dict[str, tuple[float, float, int]] = {}
    for name in FIELDS:
        right = total = covered = 0
        for k in range(folds):
            held = set(docs[k::folds])
            model = fit(
                [grp for doc in docs if doc not in held for grp in per_doc[doc][name]],
                field=name,
                l2=(l2 or {}).get(name),
            )
            for doc in held:
                for group in per_doc[doc][name]:
                    total += 1
                    covered += any(r for _, r in group)
                    scores = [model.score(f, name) for f, _ in group]
                    best = max(range(len(group)), key=lambda i: scores[i])
                    right += group[best][1] > 0
        out[name] = (right / total if total else 0.0, covered / total if total else 0.0, total)
    return out


def doc_groups(gold: Sequence[Mapping], texts: Mapping[str, str]) -> dict[str, dict[str, Groups]]:
    """:func:`field_groups` of each document (the unit of cross-validation folds)."""
    return {
        doc: field_groups([g for g in gold if str(g["doc"]) == doc], texts) for doc in sorted(texts)
    }


#: The L2 penalties :func:`tune` tries (see :data:`~extractor.ranker.DEFAULT_L2`).
L2_GRID = (2.0, 6.0, 20.0, 60.0)


def tune(
    gold: Sequence[Mapping], texts: Mapping[str, str], folds: int = 5
) -> dict[str, tuple[float, float]]:
    """Per field, the weight decay of :data:`L2_GRID` with the best cross-validated accuracy,
    and that accuracy (ties go to the stronger decay)."""
    per_doc = doc_groups(gold, texts)
    best: dict[str, tuple[float, float]] = {}
    for l2 in sorted(L2_GRID, reverse=True):
        result = cross_validate(gold, texts, folds, dict.fromkeys(FIELDS, l2), per_doc)
        for name, (acc, _, _) in result.items():
            if name not in best or acc > best[name][1] + 1e-9:
                best[name] = (l2, acc)
    return best


def train(
    gold: Sequence[Mapping],
    texts: Mapping[str, str],
    dates: Mapping[str, str | None] | None = None,
    l2: Mapping[str, float] | None = None,
) -> tuple[Ranker, int]:
    """A ranker fitted on the gold's claims (subject, predicate and time), and how many
    claims taught its subject; ``l2`` overrides the fields' weight decay
    (:data:`~extractor.ranker.DEFAULT_L2`)."""
    groups = field_groups(gold, texts, dates)
    decay = {**DEFAULT_L2, **(l2 or {})}
    model = combine(
        fit(groups["subject"], l2=decay["subject"]),
        **{
            name: fit(groups[name], field=name, l2=decay[name])
            for name in FIELDS
            if name != "subject"
        },
    )
    return model, len(groups["subject"])


def main(argv: list[str] | None = None) -> int:
    here = Path(__file__).resolve().parents[1]
    ap = argparse.ArgumentParser(prog="python -m extractor.train", description=__doc__)
    ap.add_argument("gold", nargs="+", help="gold JSONL file(s)")
    ap.add_argument("--split", help="split file; train only on --part of it")
    ap.add_argument("--part", default="train")
    ap.add_argument("-o", "--output", default=str(here / "extractor" / "data" / "ranker.json"))
    ap.add_argument("--seeds", default=str(here / "seeds"))
    ap.add_argument(
        "--folds", type=int, default=0, help="also report K-fold cross-validated subject accuracy"
    )
    ap.add_argument(
        "--tune",
        action="store_true",
        help="choose each field's weight decay by K-fold cross-validation (--folds, default 5)"
        " before training",
    )
    ap.add_argument(
        "--corpus", default=str(here.parent / "shared" / "corpus" / "thucnews_sample.jsonl")
    )
    ap.add_argument(
        "--extra",
        action="append",
        default=[],
        help="more gold files of articles outside the split (all of them train); refused if"
        " one holds an article of the split's test part",
    )
    args = ap.parse_args(argv)
    gold = [g for path in args.gold for g in load_gold(path)]
    if args.split:
        try:
            gold = restrict(gold, split_part(args.split, args.part))
            held = split_part(args.split, "test")
        except SplitError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    for path in args.extra:
        extra = load_gold(path)
        if args.split:
            leaked = sorted({str(g["doc"]) for g in extra} & held)
            if leaked:
                print(f"error: {path}: articles of the test part: {leaked[:3]}", file=sys.stderr)
                return 2
        gold += extra
    if not gold:
        print("error: no gold records to train on", file=sys.stderr)
        return 2
    texts = _documents(gold, Path(args.seeds), Path(args.corpus))
    l2: dict[str, float] = {}
    if args.tune:
        for name, (decay, acc) in tune(gold, texts, max(2, args.folds or 5)).items():
            l2[name] = decay
            print(f"{name}: weight decay {decay} (cross-validated accuracy {acc:.3f})")
    if args.folds > 1:
        for name, (acc, cover, n_cv) in cross_validate(gold, texts, args.folds, l2).items():
            print(
                f"{args.folds}-fold cross-validated {name} accuracy {acc:.3f} on {n_cv} claims"
                f" (a right option among them for {cover:.3f})"
            )
    model, n = train(gold, texts, l2=l2)
    Path(args.output).write_text(model.to_json() + "\n", encoding="utf-8")
    print(f"trained on {n} claims of {len(texts)} documents -> {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
