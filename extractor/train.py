"""Train the subject ranker (:mod:`extractor.ranker`) from gold claims.

``python -m extractor.train GOLD.jsonl... --split tests/data/split.json --part train
-o extractor/data/ranker.json`` rebuilds the model shipped in the package: it extracts the
gold's training documents, lists each found claim's subject options with their features,
labels an option right when it names the gold subject (the scorer's rule: equal, an alias, or
60 % containment), and fits the logistic regression. ``claimdesk train --db`` uses
:func:`training_groups` and :func:`~extractor.ranker.fit` the same way, with the database's
decided claims as the gold.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from .core import extract_with_options
from .evaluate import _aliases, _documents, _matches, load_gold, restrict, split_part, subject_right
from .ranker import Ranker, fit


def training_groups(
    gold: Sequence[Mapping],
    texts: Mapping[str, str],
    dates: Mapping[str, str | None] | None = None,
) -> list[list[tuple[dict[str, float], bool]]]:
    """One group per gold claim the extractor finds: its subject options' features and
    whether each names the gold subject. Gold claims with an empty subject are left out.

    Args:
        gold: records with ``doc, start, end, value, unit, subject, claim`` (and optionally
            ``subject_aliases``).
        texts: document text by ``doc``.
        dates: document date by ``doc`` (ISO), for time resolution.
    """
    by_doc: dict[str, list[Mapping]] = {}
    for g in gold:
        if g.get("claim") and g.get("subject"):
            by_doc.setdefault(str(g["doc"]), []).append(g)
    groups: list[list[tuple[dict[str, float], bool]]] = []
    for doc, golds in by_doc.items():
        text = texts.get(doc)
        if not text:
            continue
        found = extract_with_options(text, (dates or {}).get(doc))
        used: set[int] = set()
        for g in golds:
            for i, (cand, options) in enumerate(found):
                if i in used or not options or not _matches(dict(g), cand.to_dict()):
                    continue
                used.add(i)
                aliases = _aliases(dict(g))
                groups.append(
                    [
                        (dict(o.features), subject_right(str(g["subject"]), aliases, o.text))
                        for o in options
                    ]
                )
                break
    return groups


def cross_validate(
    gold: Sequence[Mapping],
    texts: Mapping[str, str],
    folds: int = 5,
) -> tuple[float, int]:
    """Subject accuracy of models trained without each fold of documents, on that fold: the
    share of found claims whose top option names the gold subject (claims with no right
    option count as wrong). Returns (accuracy, claims)."""
    docs = sorted(texts)
    per_doc = {
        doc: training_groups([g for g in gold if str(g["doc"]) == doc], texts) for doc in docs
    }
    right = total = 0
    for k in range(folds):
        held = set(docs[k::folds])
        model = fit([grp for doc in docs if doc not in held for grp in per_doc[doc]])
        for doc in held:
            for group in per_doc[doc]:
                total += 1
                scores = [model.score(f) for f, _ in group]
                best = max(range(len(group)), key=lambda i: scores[i])
                right += group[best][1]
    return (right / total if total else 0.0), total


def train(
    gold: Sequence[Mapping],
    texts: Mapping[str, str],
    dates: Mapping[str, str | None] | None = None,
) -> tuple[Ranker, int]:
    """A ranker fitted on the gold's claims, and how many claims taught it."""
    groups = training_groups(gold, texts, dates)
    return fit(groups), len(groups)


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
        "--corpus", default=str(here.parent / "shared" / "corpus" / "thucnews_sample.jsonl")
    )
    args = ap.parse_args(argv)
    gold = [g for path in args.gold for g in load_gold(path)]
    if args.split:
        gold = restrict(gold, split_part(args.split, args.part))
    if not gold:
        print("error: no gold records to train on", file=sys.stderr)
        return 2
    texts = _documents(gold, Path(args.seeds), Path(args.corpus))
    if args.folds > 1:
        acc, n_cv = cross_validate(gold, texts, args.folds)
        print(f"{args.folds}-fold cross-validated subject accuracy {acc:.3f} on {n_cv} claims")
    model, n = train(gold, texts)
    Path(args.output).write_text(model.to_json() + "\n", encoding="utf-8")
    print(f"trained on {n} claims of {len(texts)} documents -> {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
