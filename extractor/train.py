"""Train the subject ranker (:mod:`extractor.ranker`) from gold claims.

``python -m extractor.train GOLD.jsonl... --split tests/data/split.json --part train
-o extractor/data/ranker.json`` rebuilds the model shipped in the package: it extracts the
gold's training documents, lists each found claim's subject options with their features,
labels an option right when it names the gold subject (the scorer's rule: equal, an alias, or
60 % containment; predicate and time likewise by the scorer's rules), and fits one listwise
logistic model per field (:func:`~extractor.ranker.fit`: the probability that a right option
wins, with L2 decay; ``--tune`` picks the decay by cross-validation). ``claimdesk train --db`` uses
:func:`train` the same way, with the database's decided claims as the gold.

A gold file's claims can count more than once (``--weight FILE=W``, per field
``FILE=subject:3``; :data:`DEFAULT_WEIGHTS` weighs the reference gold's files by name): the
weight scales each claim's loss and gradient in the linear fit, its gradients and hessians in
the trees and its claims in the document second pass. With ``--folds`` the CV also reports each
field on the weighted files' documents alone, per fold.

Training is a pure function of its data (issue 11): the model it writes is the same, byte for
byte, whatever model was shipped before. The features read off earlier claims follow the
clause rules' choices, not a model's (:mod:`extractor.core`), options are listed in
:func:`~extractor.ranker.canonical_key` order, and the look-alike filter learns from the
candidates of the ranker it ships with.
"""

from __future__ import annotations

import argparse
import bisect
import math
import os
import sys
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from . import lookalike, ner
from .core import extract_with_fields
from .docrank import STACK_FEATURES, Place, stack_rows
from .evaluate import (
    SplitError,
    _aliases,
    _documents,
    _field_right,
    _matches,
    _overlaps,
    add_extra_option,
    default_corpora,
    load_gold,
    restrict,
    split_part,
    subject_right,
)
from .model import Candidate
from .numbers import FULLWIDTH
from .ranker import (
    DEFAULT_BOOST,
    DEFAULT_L2,
    DEFAULT_STACK,
    STACK_MIN_CLAIMS,
    ModelError,
    Option,
    Ranker,
    canonical_key,
    combine,
    fit,
    fit_weights,
    list_features,
    replace_parts,
    shipped,
)
from .trees import BoostParams

#: The fields the ranker learns.
FIELDS = ("subject", "predicate", "time")

#: Per claim, its options' features and weight as a right answer (0: wrong).
Groups = list[list[tuple[dict[str, float], float]]]

#: Per field, how many times the claims of each document count in training (a document
#: absent: once); ``--weight FILE=W`` gives a gold file's documents a weight.
SourceWeights = Mapping[str, Mapping[str, float]]


def _weights_of(per: Mapping[str, float] | None, docs: Sequence[str]) -> list[float] | None:
    """The weight of each group whose document is ``docs[i]``, from one field's weights by
    document (None or empty: no weights, every group once)."""
    if not per:
        return None
    return [per.get(d, 1.0) for d in docs]


#: How much more an option that is exactly the gold filler counts than one that is right only
#: by the scorer's looser rule (an alias, containment): among several right options the model
#: learns to prefer the exact one, which a reviewer accepts without an edit.
#: 5-fold CV on 246 articles: 3, 2 or 1 instead raise the predicate 0.816 -> 0.817/0.819/0.822
#: (1: up on 3 folds, down on 1) but cut its exact picks 445 -> 434/423/402 of 1801 claims; the
#: subject (0.437 -> 0.446/0.433/0.437) moves up and down by fold, time not at all.
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


#: The training weight of a predicate option demoted by :func:`predicate_targets`: small, so
#: the model learns to prefer the verb, but above 0, so cross-validation still counts the
#: option right when chosen (the scorer's rule). 5-fold CV (linear predicate model) on the
#: short-predicate claims: 0 gives 0.770, 0.1 0.771, 0.25 0.770; on all claims 0.797, 0.800,
#: 0.799.
DEMOTED = 0.1


def predicate_targets(feats: Sequence[Mapping[str, float]], weights: list[float]) -> list[float]:
    """The training weights of one claim's predicate options (``weights`` from
    :func:`_right`, ``feats`` from :func:`~extractor.ranker.list_features`): when a verb option
    is right, a right option after the quantity that is no verb and not exactly the gold (the
    object 协议 of 签署了8项协议, right only because a long gold 签署了协议 holds both) weighs
    :data:`DEMOTED`. The reference gold writes the verb (签署, 售出, 买了); a gold holding verb
    and object teaches it too, instead of teaching the object as often as the verb.
    5-fold CV on the 617 train articles (the training command's folds): on the 998 claims of
    the gold written with short predicates (dev_claims, annotated_claims and the 88 newest
    articles of extra_claims) 0.753 -> 0.771 (folds 0.685 0.796 0.721 0.743 0.775 -> 0.714
    0.804 0.744 0.743 0.803); on the whole part 0.805 -> 0.800, the long golds of the other
    sessions' annotations accepting the object as well."""
    if not any(w and f.get("verb") for f, w in zip(feats, weights, strict=True)):
        return weights
    return [
        DEMOTED if 0 < w < EXACT_WEIGHT and f.get("after") and not f.get("verb") else w
        for f, w in zip(feats, weights, strict=True)
    ]


#: Each document's candidates with their fields' options, before the look-alike filter.
Found = dict[str, list[tuple[Candidate, dict[str, list[Option]]]]]


#: The model training extracts with: the clause rules' choice first. The options and their
#: features do not depend on the model that extracts (history features read the rules'
#: choices, list features are derived in :func:`~extractor.ranker.canonical_key` order), so
#: this only fixes the order options come in; the trained model is a pure function of the
#: training data, whatever ``extractor/data/ranker.json`` held before.
RULES = Ranker({"rule": 1.0})


def extract_all(
    texts: Mapping[str, str],
    dates: Mapping[str, str | None] | None = None,
    ranker: Ranker | None = None,
    soft: Sequence[str] | None = None,
    places: dict[str, list[Place]] | None = None,
) -> Found:
    """Every candidate of each document, the look-alike filter left out (both the ranker and
    the filter learn from all of them), extracted with ``ranker`` (None: :data:`RULES`);
    ``places`` receives each document's candidates' places (:class:`~extractor.docrank.Place`)."""
    model = ranker or RULES
    out: Found = {}
    for doc, text in texts.items():
        where: list[Place] = []
        out[doc] = extract_with_fields(
            text, (dates or {}).get(doc), model, screen=False, soft=soft, places=where
        )
        if places is not None:
            places[doc] = where
    return out


#: One candidate as the document-level pass learns from it: its place, and per field its
#: options' texts, features (:func:`~extractor.ranker.list_features`, canonical order) and
#: weights as right answers (None: no gold claim found by it, or the gold leaves the field out).
ClaimRecord = tuple[Place, dict[str, tuple[list[str], list[dict[str, float]], list[float] | None]]]


def doc_records(
    gold: Sequence[Mapping], found_by_doc: Found, places: Mapping[str, Sequence[Place]]
) -> dict[str, list[ClaimRecord]]:
    """Every candidate of each document (look-alikes too: at extraction every candidate's
    first pick counts for the others), labelled as :func:`field_groups` labels them."""
    by_doc: dict[str, list[Mapping]] = {}
    for g in gold:
        if g.get("claim"):
            by_doc.setdefault(str(g["doc"]), []).append(g)
    out: dict[str, list[ClaimRecord]] = {}
    for doc in sorted(found_by_doc):
        found = found_by_doc[doc]
        match = {id(c): g for g, c, _ in matched_pairs(by_doc.get(doc, []), found)}
        claims: list[ClaimRecord] = []
        for (cand, fields), place in zip(found, places[doc], strict=True):
            gold_claim = match.get(id(cand))
            per: dict[str, tuple[list[str], list[dict[str, float]], list[float] | None]] = {}
            for name in FIELDS:
                options = sorted(fields.get(name) or [], key=canonical_key)
                if not options:
                    continue
                labels = None
                feats = list_features(options, name, cand.kind)
                if gold_claim is not None and (name == "time" or gold_claim.get(name)):
                    labels = [_right(name, gold_claim, o.text) for o in options]
                    if name == "predicate":
                        labels = predicate_targets(feats, labels)
                per[name] = ([o.text for o in options], feats, labels)
            claims.append((place, per))
        out[doc] = claims
    return out


def stack_groups(records: Sequence[ClaimRecord], field: str, first: Ranker) -> Groups:
    """The second pass's groups of one document's claims: the first pass ``first`` scores
    every claim's options, :func:`~extractor.docrank.stack_rows` adds the other claims'
    picks, and each gold claim found is one group."""
    scores = [first.scores(per[field][1], field) if field in per else None for _, per in records]
    rows = stack_rows(
        [place for place, _ in records],
        [per[field][0] if field in per else None for _, per in records],
        scores,
    )
    out: Groups = []
    for (_, per), r in zip(records, rows, strict=True):
        labels = per[field][2] if r is not None else None
        if r is not None and labels is not None:
            out.append(list(zip(r, labels, strict=True)))
    return out


def _groups_of(
    records: Mapping[str, Sequence[ClaimRecord]],
    docs: Sequence[str],
    field: str,
    doc_of: list[str] | None = None,
) -> Groups:
    """The first pass's groups of ``field`` in ``docs``; ``doc_of`` receives each group's
    document."""
    out: Groups = []
    for d in docs:
        for _, per in records[d]:
            labels = per[field][2] if field in per else None
            if labels is not None:
                out.append(list(zip(per[field][1], labels, strict=True)))
                if doc_of is not None:
                    doc_of.append(d)
    return out


def fit_document(
    records: Mapping[str, Sequence[ClaimRecord]],
    field: str,
    *,
    l2: float,
    folds: int = 5,
    first_l2: float | None = None,
    boost: BoostParams | None = None,
    fold_of: Mapping[str, int] | None = None,
    models: dict[frozenset[str], Ranker] | None = None,
    weights: Mapping[str, float] | None = None,
) -> dict[str, float]:
    """The second pass's weights of ``field`` (over :data:`~extractor.docrank.STACK_FEATURES`)
    from documents whose first picks are cross-fitted: each fold of the documents (``fold_of``,
    by default every ``folds``-th in id order, as :func:`cross_validate` folds them) is scored
    by a first pass (:func:`~extractor.ranker.fit` with ``first_l2`` and ``boost``) trained on
    the other folds, so the second pass never learns to trust an in-sample first pass.
    ``models`` caches first passes by the documents they were trained on (with the same
    ``weights``). ``weights``: how many times each document's claims count, in the first
    passes and in the second (absent or None: once)."""
    docs = sorted(records)
    assign = fold_of or {d: i % folds for i, d in enumerate(docs)}
    groups: Groups = []
    doc_of: list[str] = []
    for k in sorted({assign[d] for d in docs}):
        held = [d for d in docs if assign[d] == k]
        train_docs = [d for d in docs if assign[d] != k]
        key = frozenset(train_docs)
        first = None if models is None else models.get(key)
        if first is None:
            first_docs: list[str] = []
            first_groups = _groups_of(records, train_docs, field, first_docs)
            first = fit(
                first_groups,
                field=field,
                l2=first_l2,
                boost=boost,
                weights=_weights_of(weights, first_docs),
            )
            if models is not None:
                models[key] = first
        for d in held:
            held_groups = stack_groups(records[d], field, first)
            groups.extend(held_groups)
            doc_of.extend([d] * len(held_groups))
    return fit_weights(
        groups,
        STACK_FEATURES,
        l2=l2,
        weights=_weights_of(weights, doc_of),
    )


def matched_pairs(
    golds: Sequence[Mapping], found: Sequence[tuple[Candidate, dict]]
) -> Iterator[tuple[Mapping, Candidate, dict]]:
    """Each gold claim of a document with the first candidate (and its ranked options per
    field) that finds it, as the eval matches them: a candidate finds at most one gold claim;
    gold claims no candidate finds are left out."""
    used: set[int] = set()
    for g in golds:
        for i, (cand, fields) in enumerate(found):
            if i in used or not _matches(dict(g), cand.to_dict()):
                continue
            used.add(i)
            yield g, cand, fields
            break


def field_groups(
    gold: Sequence[Mapping],
    texts: Mapping[str, str],
    dates: Mapping[str, str | None] | None = None,
    found_by_doc: Found | None = None,
    doc_of: dict[str, list[str]] | None = None,
) -> dict[str, Groups]:
    """One group per gold claim the extractor finds, per field: the options' features and
    whether each is right by the scorer's rules (subject: equal, an alias, or 60 %
    containment; predicate and time: equal or contained, an empty gold time wants the
    empty option) — as a weight: 0 wrong, 1 right, :data:`EXACT_WEIGHT` exactly the gold.
    Gold claims with an empty subject teach only predicate and time. ``doc_of`` receives,
    per field, each group's document."""
    by_doc: dict[str, list[Mapping]] = {}
    for g in gold:
        if g.get("claim"):
            by_doc.setdefault(str(g["doc"]), []).append(g)
    groups: dict[str, Groups] = {f: [] for f in FIELDS}
    for doc, golds in by_doc.items():
        text = texts.get(doc)
        if not text:
            continue
        if found_by_doc is not None and doc in found_by_doc:
            found = found_by_doc[doc]
        else:
            found = extract_with_fields(text, (dates or {}).get(doc), RULES, screen=False)
        for g, cand, fields in matched_pairs(golds, found):
            for name in FIELDS:
                options = fields.get(name) or []
                if not options or (name == "subject" and not g.get("subject")):
                    continue
                if name == "predicate" and not g.get("predicate"):
                    continue
                # The ranking order of whichever model extracted is left out.
                options = sorted(options, key=canonical_key)
                feats = list_features(options, name, cand.kind)
                weights = [_right(name, g, o.text) for o in options]
                if name == "predicate":
                    weights = predicate_targets(feats, weights)
                groups[name].append(list(zip(feats, weights, strict=True)))
                if doc_of is not None:
                    doc_of.setdefault(name, []).append(doc)
    return groups


def training_groups(
    gold: Sequence[Mapping],
    texts: Mapping[str, str],
    dates: Mapping[str, str | None] | None = None,
) -> Groups:
    """The subject groups of :func:`field_groups`."""
    return field_groups(gold, texts, dates)["subject"]


#: The cross-validated accuracy of one field on some documents' claims: pooled, the claims,
#: and per fold its accuracy and claims (a fold without such a claim: 0.0 of 0).
FocusCV = tuple[float, int, list[tuple[float, int]]]


def cross_validate(
    gold: Sequence[Mapping],
    texts: Mapping[str, str],
    folds: int = 5,
    l2: Mapping[str, float] | None = None,
    per_doc: Mapping[str, dict[str, Groups]] | None = None,
    boost: Mapping[str, BoostParams] | None = None,
    per_fold: dict[str, list[float]] | None = None,
    stack: Mapping[str, float] | None = None,
    first_pass: dict[str, list[float]] | None = None,
    weights: SourceWeights | None = None,
    focus: Collection[str] = (),
    focus_out: dict[str, FocusCV] | None = None,
) -> dict[str, tuple[float, float, int]]:
    """Per field: accuracy of models trained without each fold of documents, on that fold
    (the share of found claims whose top option is right; claims with no right option count
    as wrong), the share whose options hold a right one (the ceiling), and the claims.
    ``l2`` overrides the fields' weight decay; ``per_doc`` reuses groups already built;
    ``boost`` the fields' trees (None: :data:`~extractor.ranker.DEFAULT_BOOST`, ``{}`` the
    linear models alone); ``per_fold`` receives each field's accuracy on each fold.

    ``stack``: the fields ranked a second time and its decay (None:
    :data:`~extractor.ranker.DEFAULT_STACK`, ``{}`` none). Their accuracy is the second
    pass's: the held-out fold's first picks come from the fold's first pass, and the second
    pass learns from first picks cross-fitted inside the other folds (each of them scored by
    a first pass trained on the three others; :func:`fit_document`). ``first_pass`` receives
    those fields' first-pass accuracy on each fold.

    ``weights``: how many times each document's claims count in training (per field, absent:
    once); the accuracy counts every held-out claim once. ``focus_out`` receives, per field,
    the accuracy on the claims of the documents ``focus`` names alone (:data:`FocusCV`: the
    documents of one gold source, the convention the weights favour)."""
    trees = DEFAULT_BOOST if boost is None else boost
    stacked = DEFAULT_STACK if stack is None else stack
    docs = sorted(texts)
    if per_doc is None:
        per_doc = doc_groups(gold, texts)
    records: dict[str, list[ClaimRecord]] = {}
    if stacked:
        places: dict[str, list[Place]] = {}
        records = doc_records(gold, extract_all(texts, places=places), places)
    fold_of = {d: i % folds for i, d in enumerate(docs)}
    out: dict[str, tuple[float, float, int]] = {}
    for name in FIELDS:
        right = total = covered = 0
        accuracies = []
        firsts = []
        models: dict[frozenset[str], Ranker] = {}
        per = (weights or {}).get(name)
        focused = set(focus)
        focus_right: list[int] = []
        focus_total: list[int] = []
        for k in range(folds):
            held = set(docs[k::folds])
            inside = [doc for doc in docs if doc not in held]
            model = fit(
                [grp for doc in inside for grp in per_doc[doc][name]],
                field=name,
                l2=(l2 or {}).get(name),
                boost=trees.get(name),
                weights=_weights_of(
                    per, [doc for doc in inside for _ in range(len(per_doc[doc][name]))]
                ),
            )
            fold_right = fold_total = 0
            wins: list[tuple[str, bool]] = []
            for doc in sorted(held):
                for group in per_doc[doc][name]:
                    fold_total += 1
                    covered += any(r for _, r in group)
                    scores = model.scores([f for f, _ in group], name)
                    best = max(range(len(group)), key=lambda i: scores[i])
                    fold_right += group[best][1] > 0
                    wins.append((doc, group[best][1] > 0))
            firsts.append(fold_right / fold_total if fold_total else 0.0)
            if name in stacked:
                kept = {d: records[d] for d in docs if d not in held}
                w = fit_document(
                    kept,
                    name,
                    l2=stacked[name],
                    first_l2=(l2 or {}).get(name),
                    boost=trees.get(name),
                    fold_of={d: fold_of[d] for d in kept},
                    models=models,
                    weights=per,
                )
                fold_right = 0
                wins = []
                for doc in sorted(held):
                    for group in stack_groups(records[doc], name, model):
                        zs = [sum(w.get(a, 0.0) * v for a, v in f.items()) for f, _ in group]
                        best = max(range(len(group)), key=lambda i: zs[i])
                        fold_right += group[best][1] > 0
                        wins.append((doc, group[best][1] > 0))
            focus_right.append(sum(won for doc, won in wins if doc in focused))
            focus_total.append(sum(1 for doc, _ in wins if doc in focused))
            right += fold_right
            total += fold_total
            accuracies.append(fold_right / fold_total if fold_total else 0.0)
        if per_fold is not None:
            per_fold[name] = accuracies
        if first_pass is not None and name in stacked:
            first_pass[name] = firsts
        out[name] = (right / total if total else 0.0, covered / total if total else 0.0, total)
        if focus_out is not None:
            n_focus = sum(focus_total)
            focus_out[name] = (
                sum(focus_right) / n_focus if n_focus else 0.0,
                n_focus,
                [(r / n if n else 0.0, n) for r, n in zip(focus_right, focus_total, strict=True)],
            )
    return out


def doc_groups(gold: Sequence[Mapping], texts: Mapping[str, str]) -> dict[str, dict[str, Groups]]:
    """:func:`field_groups` of each document (the unit of cross-validation folds)."""
    return {
        doc: field_groups([g for g in gold if str(g["doc"]) == doc], texts) for doc in sorted(texts)
    }


#: The L2 penalties :func:`tune` tries (see :data:`~extractor.ranker.DEFAULT_L2`).
L2_GRID = (2.0, 6.0, 20.0, 60.0)


def tune(
    gold: Sequence[Mapping],
    texts: Mapping[str, str],
    folds: int = 5,
    boost: Mapping[str, BoostParams] | None = None,
    weights: SourceWeights | None = None,
) -> dict[str, tuple[float, float]]:
    """Per field, the weight decay of :data:`L2_GRID` with the best cross-validated accuracy,
    and that accuracy (ties go to the stronger decay); ``boost`` and ``weights`` as for
    :func:`cross_validate`."""
    per_doc = doc_groups(gold, texts)
    best: dict[str, tuple[float, float]] = {}
    for l2 in sorted(L2_GRID, reverse=True):
        result = cross_validate(
            gold, texts, folds, dict.fromkeys(FIELDS, l2), per_doc, boost, stack={}, weights=weights
        )
        for name, (acc, _, _) in result.items():
            if name not in best or acc > best[name][1] + 1e-9:
                best[name] = (l2, acc)
    return best


# ---------------------------------------------------------------------------- look-alikes

#: Labels of a candidate for the look-alike filter: a claim found, a false alarm (overlapping
#: a look-alike or nothing: a look-alike), a gold claim's mention with a wrong value or unit
#: (wrong, but no example of a look-alike), and a candidate no decision speaks about.
CLAIM, LOOKALIKE, MISMATCHED, UNKNOWN = 1, 0, -1, None

#: Per document: each candidate's look-alike features and label, and the gold claims to find.
LookalikeRows = dict[str, tuple[list[tuple[dict[str, float], int | None]], int]]


def lookalike_rows(
    gold: Sequence[Mapping],
    found_by_doc: Found,
    texts: Mapping[str, str],
    *,
    decisions: bool = False,
) -> LookalikeRows:
    """Each candidate's features (:func:`extractor.lookalike.features`) and label.

    From gold (``decisions=False``; every mention annotated): a candidate matching a gold claim
    (the scorer's rule: overlap, same value and unit, each claim matched once) is a claim;
    one overlapping a look-alike or no gold mention is a look-alike; one overlapping a claim
    with another value is :data:`MISMATCHED`. From a database's decisions
    (``decisions=True``): a candidate overlapping an accepted claim is a claim (the reviewer
    kept the mention, whatever was edited), one overlapping a rejected candidate a look-alike,
    and the others, which no one decided, :data:`UNKNOWN`."""
    by_doc: dict[str, list[Mapping]] = {}
    for g in gold:
        by_doc.setdefault(str(g["doc"]), []).append(g)
    out: LookalikeRows = {}
    for doc, found in found_by_doc.items():
        golds = sorted(by_doc.get(doc, []), key=lambda g: (g["start"], g["end"]))
        cands = [c for c, _ in found]
        feats = lookalike.features(
            texts[doc].translate(FULLWIDTH), cands, [fields for _, fields in found]
        )
        preds = [c.to_dict() for c in cands]
        labels: list[int | None] = [UNKNOWN] * len(cands)
        claims = [g for g in golds if g.get("claim")]
        if decisions:
            for i, p in enumerate(preds):
                over = [g for g in golds if _overlaps(dict(g), p)]
                if any(g.get("claim") for g in over):
                    labels[i] = CLAIM
                elif over:
                    labels[i] = LOOKALIKE
        else:
            for g in claims:
                for i, p in enumerate(preds):
                    if labels[i] is UNKNOWN and _matches(dict(g), p):
                        labels[i] = CLAIM
                        break
            for i, p in enumerate(preds):
                if labels[i] is not UNKNOWN:
                    continue
                over = [g for g in golds if _overlaps(dict(g), p)]
                labels[i] = (
                    LOOKALIKE if not over or any(not g.get("claim") for g in over) else (MISMATCHED)
                )
        out[doc] = (list(zip(feats, labels, strict=True)), len(claims))
    return out


def _cue(feats: Mapping[str, float]) -> str:
    """The rule of context that marked a candidate (its ``cue=`` feature), or ""."""
    if "cue" not in feats:
        return ""
    return next(k[4:] for k in feats if k.startswith("cue="))


def _examples(rows: LookalikeRows, docs: Sequence[str]) -> list[lookalike.Example]:
    """Every labelled candidate of ``docs``: a claim found 1; a look-alike, or a gold claim's
    mention read with a wrong value or unit (a false alarm to the eval), 0."""
    return [(f, 1.0 if y == CLAIM else 0.0) for d in docs for f, y in rows[d][0] if y is not None]


#: The L2 penalty of the look-alike filter (against the summed loss, like the ranker's).
LOOKALIKE_L2 = 10.0

#: A candidate's out-of-fold probability, its label (1 a claim found, 0 a false alarm) and
#: the rule of context that marked it ("": none).
Scored = list[tuple[float, float, str]]


def lookalike_cv(
    rows: LookalikeRows, folds: int = 5, l2: float = LOOKALIKE_L2
) -> tuple[Scored, int]:
    """Out-of-fold probabilities of every candidate from models trained without each fold of
    documents (``rows`` from an extraction with every rule of context soft), and the gold
    claims of all documents."""
    docs = sorted(rows)
    scored: Scored = []
    for k in range(folds):
        held = set(docs[k::folds])
        model = lookalike.fit(_examples(rows, [d for d in docs if d not in held]), l2=l2)
        for d in sorted(held):
            for f, y in rows[d][0]:
                if y is not None:
                    scored.append((model.probability(f), 1.0 if y == CLAIM else 0.0, _cue(f)))
    return scored, sum(n for _, n in rows.values())


#: The recall the learned decision may give up against the rules alone (each rule of context
#: a drop, no filter) at the operating point: about 10 of the training part's 2,028 claims.
RECALL_GIVE = 0.005

#: Thresholds tried (0 is "no filter").
THRESHOLDS = tuple(x / 100 for x in range(0, 96))


def curve(scored: Scored, n_claims: int, soft: Collection[str]) -> list[tuple[float, float, float]]:
    """``(threshold, precision, recall)`` of the candidates proposed at each threshold of
    :data:`THRESHOLDS` when the rules of context in ``soft`` mark and the others drop; at
    threshold 0, the rules alone (no filter, every rule of context a drop)."""
    rows = []
    for t in THRESHOLDS:
        if t == 0:
            kept = [y for _, y, cue in scored if not cue]
        else:
            kept = [y for p, y, cue in scored if p >= t and (not cue or cue in soft)]
        tp = sum(kept)
        prec = tp / len(kept) if kept else 0.0
        rows.append((t, prec, tp / n_claims if n_claims else 0.0))
    return rows


#: The cross-validated precision the learned decision must gain over the rules alone, at the
#: operating point, to be switched on: a smaller gain is a few candidates, within what one
#: fold moves (a threshold fitted to +0.001 F1 cost the test part 3 claims of recall once).
MIN_PRECISION_GAIN = 0.005


def operating_point(
    table: Sequence[tuple[float, float, float]], give: float = RECALL_GIVE
) -> tuple[float, float, float]:
    """The most precise threshold above 0 whose recall is at least that of the rules alone
    (``table[0]``) minus ``give`` (then the one with more recall; where several thresholds
    reach the same, the middle one, the furthest from the scores that decide it);
    ``table[0]`` when no threshold above 0 keeps that recall."""
    floor = table[0][2] - give - 1e-9
    ok = [r for r in table[1:] if r[2] >= floor]
    if not ok:
        return table[0]
    best = max((round(r[1], 6), round(r[2], 6)) for r in ok)
    tied = [r for r in ok if (round(r[1], 6), round(r[2], 6)) == best]
    return tied[len(tied) // 2]


#: What a rule of context must gain, at the operating point, to become a feature instead of a
#: drop: this much cross-validated precision, or as much recall at no loss of precision. About
#: 7 of the training part's 15,000 candidates: a rule marking a handful of candidates moves the
#: point by one or two, which is what a retrain moves it by (three rules of one or two claims
#: each turned soft and back between retrains until the thirty-ninth session).
MIN_SOFT_GAIN = 0.0005


def _better(
    a: tuple[float, float, float], b: tuple[float, float, float], margin: float = 0.0
) -> bool:
    """Operating point ``a`` beats ``b``: more precise, or as precise with more recall — by at
    least ``margin`` where one is given."""
    if margin:
        precision = round(a[1] - b[1], 6)
        return precision >= margin or (precision >= 0 and round(a[2] - b[2], 6) >= margin)
    return (round(a[1], 6), round(a[2], 6)) > (round(b[1], 6), round(b[2], 6))


def choose_soft(
    scored: Scored,
    n_claims: int,
    give: float = RECALL_GIVE,
    min_gain: float = MIN_PRECISION_GAIN,
    rule_gain: float = MIN_SOFT_GAIN,
) -> tuple[tuple[str, ...], tuple[float, float, float]]:
    """Which rules of context become features instead of drops, and the operating point
    (``(threshold, precision, recall)``; threshold 0: the rules alone, no model).

    Each rule is tried alone as a feature (every other rule dropping what it names); then,
    best first, a rule becomes a feature while that makes the cross-validated operating
    point better (:func:`_better`: a rule whose candidates the model drops anyway stays a
    drop, which costs no role resolution), each rule by at least ``rule_gain``
    (:data:`MIN_SOFT_GAIN`). The model is switched on only when its precision at the operating
    point beats the rules alone by ``min_gain``."""
    base = curve(scored, n_claims, ())[0]
    start = operating_point(curve(scored, n_claims, ()), give)
    trials = []
    for cue in sorted({cue for _, _, cue in scored if cue}):
        trial = operating_point(curve(scored, n_claims, (cue,)), give)
        if _better(trial, start, rule_gain):
            trials.append((trial, cue))
    soft: list[str] = []
    point = start
    for _, cue in sorted(trials, key=lambda tc: (-tc[0][1], -tc[0][2], tc[1])):
        trial = operating_point(curve(scored, n_claims, (*soft, cue)), give)
        if _better(trial, point, rule_gain):
            soft.append(cue)
            point = trial
    if point[0] == 0 or point[1] < base[1] + min_gain:
        return (), base
    return tuple(sorted(soft)), point


def train_lookalike(
    rows: LookalikeRows, *, decisions: bool = False, folds: int = 5
) -> tuple[lookalike.LookalikeModel | None, int]:
    """The learned decision over each candidate, and how many candidates taught it.

    From gold: fitted on all the candidates (``rows`` extracted with every rule of context
    soft), its threshold and its soft rules chosen by ``folds``-fold cross-validation
    (:func:`choose_soft`, :func:`operating_point`). From decisions: refitted from the shipped
    model's weights (an L2 pull towards them, so a few decisions move it only as far as they
    agree), with the shipped threshold and soft rules; with no claim or no look-alike among
    the decisions, the shipped model as it is."""
    examples = _examples(rows, sorted(rows))
    if not decisions:
        if not examples:
            return None, 0
        scored, n = lookalike_cv(rows, folds)
        soft, point = choose_soft(scored, n)
        model = lookalike.fit(examples, l2=LOOKALIKE_L2, threshold=point[0])
        return replace(model, soft=soft), len(examples)
    prior = shipped().lookalike
    labels = {y for _, y in examples}
    if labels != {0.0, 1.0}:
        return prior, 0
    threshold = prior.threshold if prior is not None else 0.5
    model = lookalike.fit(examples, l2=LOOKALIKE_L2, prior=prior, threshold=threshold)
    return replace(model, soft=prior.soft if prior is not None else ()), len(examples)


def shipped_soft() -> tuple[str, ...]:
    """The rules of context the shipped model reads as features."""
    filt = shipped().lookalike
    return filt.soft if filt is not None else ()


def train(
    gold: Sequence[Mapping],
    texts: Mapping[str, str],
    dates: Mapping[str, str | None] | None = None,
    l2: Mapping[str, float] | None = None,
    *,
    decisions: bool = False,
    stats: dict[str, int] | None = None,
    extracted: Found | None = None,
    boost: Mapping[str, BoostParams] | None = None,
    stack: Mapping[str, float] | None = None,
    weights: SourceWeights | None = None,
    first: tuple[Found, dict[str, list[Place]]] | None = None,
) -> tuple[Ranker, int]:
    """A ranker fitted on the gold's claims (subject, predicate and time) with its look-alike
    filter (:func:`train_lookalike`; ``decisions``: the gold is a database's decisions), and
    how many claims taught its subject; ``l2`` overrides the fields' weight decay
    (:data:`~extractor.ranker.DEFAULT_L2`). ``stats`` receives ``lookalike_examples``, the
    candidates that taught the filter; ``extracted`` the documents as the new ranker extracts
    them (the filter's examples); ``boost`` the fields' trees (None:
    :data:`~extractor.ranker.DEFAULT_BOOST`, ``{}`` the linear models alone; trees grow only
    from enough claims, :attr:`~extractor.trees.BoostParams.min_claims`); ``stack`` the fields
    ranked a second time with the other claims' first picks and its decay (None:
    :data:`~extractor.ranker.DEFAULT_STACK`, ``{}`` none; from
    :data:`~extractor.ranker.STACK_MIN_CLAIMS` claims on, first picks cross-fitted by
    :func:`fit_document`); ``weights`` how many times each document's claims count, per field
    (absent: once; the look-alike filter counts every candidate once); ``first`` the
    documents as :func:`extract_all` extracts them with the clause rules, with their
    candidates' places, when the caller has them already (not extracted again).

    A pure function of its arguments (and, for ``decisions``, of the shipped filter it
    refits): the ranker learns from options whose features no model's choice enters, and the
    filter from the candidates the new ranker makes, whose scores it reads."""
    if first is None:
        places: dict[str, list[Place]] = {}
        first_found = extract_all(texts, dates, places=places)
    else:
        first_found, places = first
    doc_of: dict[str, list[str]] = {}
    groups = field_groups(gold, texts, dates, first_found, doc_of)
    decay = {**DEFAULT_L2, **(l2 or {})}
    trees = DEFAULT_BOOST if boost is None else boost
    fitted = {
        name: fit(
            groups[name],
            field=name,
            l2=decay[name],
            boost=trees.get(name),
            weights=_weights_of((weights or {}).get(name), doc_of.get(name, [])),
        )
        for name in FIELDS
    }
    ranker = combine(fitted["subject"], None, **{n: m for n, m in fitted.items() if n != "subject"})
    stacked = DEFAULT_STACK if stack is None else stack
    document: dict[str, dict[str, float]] = {}
    if stacked:
        records = doc_records(gold, first_found, places)
        for name, decay2 in sorted(stacked.items()):
            usable = sum(1 for g in groups[name] if any(r > 0 for _, r in g))
            if usable >= STACK_MIN_CLAIMS and ranker.ranks(name):
                document[name] = {
                    k: round(w, 6)
                    for k, w in fit_document(
                        records,
                        name,
                        l2=decay2,
                        first_l2=decay[name],
                        boost=trees.get(name),
                        weights=(weights or {}).get(name),
                    ).items()
                }
    ranker = replace_parts(ranker, document=document)
    found = extract_all(texts, dates, ranker, lookalike.CUES if not decisions else shipped_soft())
    if extracted is not None:
        extracted.update(found)
    filt, n_filter = train_lookalike(
        lookalike_rows(gold, found, texts, decisions=decisions), decisions=decisions
    )
    if stats is not None:
        stats["lookalike_examples"] = n_filter
    model = replace_parts(ranker, lookalike=filt)
    return model, len(groups["subject"])


#: How many times the claims of the gold files of these names count in training, per field
#: (fields not named: once), unless a ``--weight`` option names the file (``--weight FILE=1``:
#: once). The reference gold (the project owner's files; the test part is theirs) writes
#: subjects, predicates and times by the convention wanted, the sessions' ``extra_claims.jsonl``
#: (about 95 % of the training claims) by their own. 5-fold CV on the training part
#: (``bench/source_weights.py``; W for both reference files; reference: its 30 training
#: documents, 204 subject claims): subject W=1 0.466 (all claims 0.417), 2 0.471 (0.418),
#: 3 0.495 (0.418), 5 0.485 (0.420), 8 0.485 (0.411); predicate 0.766 (0.814) at W=1, 0.756
#: at 2-8 (0.812-0.807); time 0.819 (0.804) at W=1-3 (0.802 at 2, 3), 0.799 at 5 and 8.
#: Only the subject gains: it counts 3 times, predicate and time once.
DEFAULT_WEIGHTS: dict[str, dict[str, float]] = {
    "dev_claims.jsonl": {"subject": 3.0},
    "annotated_claims.jsonl": {"subject": 3.0},
}


class WeightError(ValueError):
    """A ``--weight`` that cannot be used (the message says why, in one line)."""


def parse_weight(spec: str, files: Sequence[str]) -> tuple[str, dict[str, float]]:
    """A ``--weight FILE=SPEC`` option: the gold file of ``files`` it names (the same path,
    or the same file by another path) and its weight per field. SPEC is a number for every
    field (``3``), or comma-separated ``FIELD:NUMBER`` items, a bare number setting the fields
    not named (``2,time:4``); fields left unset count once. :class:`WeightError` when the file
    is not one of ``files``, a field is unknown or a weight is not a finite positive number."""
    path, eq, rhs = spec.rpartition("=")
    if not eq or not path or not rhs:
        raise WeightError(f"--weight {spec}: expected FILE=WEIGHT (e.g. gold.jsonl=3)")
    named = [f for f in files if f == path or Path(f).resolve() == Path(path).resolve()]
    if not named:
        raise WeightError(f"--weight {spec}: {path} is not one of the gold files given")
    every: float | None = None
    per: dict[str, float] = {}
    for item in rhs.split(","):
        field, colon, number = item.strip().rpartition(":")
        if colon and field not in FIELDS:
            raise WeightError(
                f"--weight {spec}: unknown field {field!r} (fields: {', '.join(FIELDS)})"
            )
        try:
            w = float(number)
        except ValueError:
            raise WeightError(f"--weight {spec}: {number!r} is not a number") from None
        if not (math.isfinite(w) and w > 0):
            raise WeightError(f"--weight {spec}: a weight must be a finite number above 0")
        if colon:
            per[field] = w
        else:
            every = w
    return named[0], {f: per.get(f, every if every is not None else 1.0) for f in FIELDS}


def source_weights(
    specs: Sequence[str],
    sources: Mapping[str, Sequence[Mapping]],
    defaults: Mapping[str, Mapping[str, float]] | None = None,
) -> tuple[dict[str, dict[str, float]], set[str], dict[str, dict[str, float]]]:
    """The weights of ``--weight`` options per field and document (:data:`SourceWeights`,
    only the weights other than 1), the documents of the files they name, and each such
    file's weight per field; ``sources`` are the gold files given, each with its records;
    ``defaults`` (by default :data:`DEFAULT_WEIGHTS`) weigh the files of those names no
    option names. :class:`WeightError` on a bad option, a file weighted twice or a document
    of two files weighted differently."""
    weights: dict[str, dict[str, float]] = {f: {} for f in FIELDS}
    chosen: dict[str, dict[str, float]] = {}
    for spec in specs:
        path, per = parse_weight(spec, list(sources))
        if path in chosen:
            raise WeightError(f"--weight {spec}: {path} is weighted twice")
        chosen[path] = per
    for path in sources:
        default = (DEFAULT_WEIGHTS if defaults is None else defaults).get(Path(path).name)
        if default is not None and path not in chosen:
            chosen[path] = {f: default.get(f, 1.0) for f in FIELDS}
    docs: set[str] = set()
    owner: dict[str, str] = {}
    for path, per in chosen.items():
        for doc in sorted({str(g["doc"]) for g in sources[path]}):
            docs.add(doc)
            if doc in owner and chosen[owner[doc]] != per:
                raise WeightError(
                    f"--weight: {doc} is in {owner[doc]} and {path}, weighted differently"
                )
            owner[doc] = path
            for field, w in per.items():
                if w != 1.0:
                    weights[field][doc] = w
    return weights, docs, chosen


def _times(w: float) -> str:
    return "once" if w == 1 else f"{w:g} times"


def write_model(path: Path, text: str) -> None:
    """Write a model file whole or not at all: into a temporary file beside it, then renamed
    over it, so that an extractor starting meanwhile (a test run, ``claimdesk extract``) reads
    the old model or the new one, never half of one; on an error the old file stays and the
    temporary file is removed."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text + "\n", encoding="utf-8")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


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
        "--corpus",
        action="append",
        help="corpus JSONL whose ids the gold uses (repeatable; default: the shared corpus and"
        " tests/data/modern/articles_*.jsonl)",
    )
    add_extra_option(ap)
    ap.add_argument(
        "--lookalike-only",
        action="store_true",
        help="refit only the look-alike filter; the ranker's weights are kept from the model"
        " file -o names (the shipped one by default)",
    )
    ap.add_argument(
        "--weight",
        action="append",
        default=[],
        metavar="FILE=W",
        help="count the claims of a gold file (positional or --extra) W times in training (for"
        " every field; or per field: FILE=subject:1,time:3, a bare number for the fields not"
        " named); with --folds the CV also reports each field on these files' documents alone",
    )
    ap.add_argument(
        "--linear",
        action="store_true",
        help="fit the linear models alone, without the boosted trees on top of them",
    )
    ner.add_option(ap)
    args = ap.parse_args(argv)
    if args.ner and not ner.use_option(args.ner):
        return 2
    sources = {path: load_gold(path) for path in [*args.gold, *args.extra]}
    try:
        weights, focus, chosen = source_weights(args.weight, sources)
    except WeightError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for path, per in chosen.items():
        times = [_times(w) for w in per.values()]
        how = (
            times[0]
            if len(set(times)) == 1
            else ", ".join(f"{f} {_times(w)}" for f, w in per.items())
        )
        print(f"claims of {path} count {how}")
    gold = [g for path in args.gold for g in sources[path]]
    if args.split:
        try:
            gold = restrict(gold, split_part(args.split, args.part))
            held = split_part(args.split, "test")
        except SplitError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    for path in args.extra:
        extra = sources[path]
        if args.split:
            leaked = sorted({str(g["doc"]) for g in extra} & held)
            if leaked:
                print(f"error: {path}: articles of the test part: {leaked[:3]}", file=sys.stderr)
                return 2
        gold += extra
    if not gold:
        print("error: no gold records to train on", file=sys.stderr)
        return 2
    corpora = [Path(c) for c in args.corpus or default_corpora(here)]
    texts = _documents(gold, Path(args.seeds), corpora)
    wanted = {str(g["doc"]) for g in gold}
    missing = sorted(wanted - set(texts))
    if missing:
        # Training on the documents that were found would silently drop the rest (a checkout
        # whose ../shared/corpus is elsewhere loses the 617 corpus articles): refuse.
        read = ", ".join(str(c) for c in corpora if c.is_file()) or "no corpus file"
        print(
            f"error: no text for {len(missing)} of the gold's {len(wanted)}"
            f" documents ({', '.join(missing[:3])}{', …' if len(missing) > 3 else ''}); read"
            f" {read} and {args.seeds}: name their corpus with --corpus",
            file=sys.stderr,
        )
        return 2
    l2: dict[str, float] = {}
    boost: dict[str, BoostParams] | None = {} if args.linear else None
    if args.tune:
        for name, (decay, acc) in tune(
            gold, texts, max(2, args.folds or 5), boost, weights
        ).items():
            l2[name] = decay
            print(f"{name}: weight decay {decay} (cross-validated accuracy {acc:.3f})")
    if args.folds > 1:
        per_fold: dict[str, list[float]] = {}
        firsts: dict[str, list[float]] = {}
        on_focus: dict[str, FocusCV] = {}
        focus_docs = sorted(focus & set(texts))
        result = cross_validate(
            gold,
            texts,
            args.folds,
            l2,
            boost=boost,
            per_fold=per_fold,
            first_pass=firsts,
            weights=weights,
            focus=focus_docs,
            focus_out=on_focus,
        )
        for name, (acc, cover, n_cv) in result.items():
            first = ""
            if name in firsts:
                mean = sum(firsts[name]) / len(firsts[name])
                first = f"; first pass alone: mean of folds {mean:.3f}, folds " + " ".join(
                    f"{a:.3f}" for a in firsts[name]
                )
            print(
                f"{args.folds}-fold cross-validated {name} accuracy {acc:.3f} on {n_cv} claims"
                f" (a right option among them for {cover:.3f}; folds "
                + " ".join(f"{a:.3f}" for a in per_fold[name])
                + first
                + ")"
            )
            if focus_docs:
                acc_f, n_f, folds_f = on_focus[name]
                print(
                    f"  {name} on the {len(focus_docs)} documents of the weighted files:"
                    f" {acc_f:.3f} on {n_f} claims (folds "
                    + " ".join(f"{a:.3f}/{k}" for a, k in folds_f)
                    + ")"
                )
    if args.lookalike_only:
        out = Path(args.output)
        try:
            kept = Ranker.from_json(out.read_text("utf-8"), str(out)) if out.is_file() else None
        except ModelError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        current = kept or shipped()
        # The filter reads the scores of the ranker it ships with: extract with that one.
        found = extract_all(
            texts,
            ranker=replace_parts(current, lookalike=None),
            soft=lookalike.CUES,
        )
        rows = lookalike_rows(gold, found, texts)
        if args.folds > 1:
            _report_lookalike(rows, args.folds)
        filt, n = train_lookalike(rows)
        model = replace_parts(current, lookalike=filt)
        write_model(out, model.to_json())
        threshold = f"threshold {filt.threshold:.2f}" if filt else "no candidates"
        print(
            f"look-alike filter trained on {n} candidates of {len(texts)} documents"
            f" ({threshold}) -> {out}"
        )
        return 0
    extracted: Found = {}
    model, n = train(gold, texts, l2=l2, extracted=extracted, boost=boost, weights=weights)
    if args.folds > 1:
        _report_lookalike(lookalike_rows(gold, extracted, texts), args.folds)
    write_model(Path(args.output), model.to_json())
    print(f"trained on {n} claims of {len(texts)} documents -> {args.output}")
    return 0


def _auc(scored: Scored) -> float:
    """The probability that a claim scores above a false alarm (ties count half), over the
    candidates no rule of context marked."""
    neg = sorted(p for p, y, cue in scored if not y and not cue)
    pos = [p for p, y, cue in scored if y and not cue]
    if not neg or not pos:
        return 0.5
    total = 0.0
    for p in pos:
        lo, hi = bisect.bisect_left(neg, p), bisect.bisect_right(neg, p)
        total += lo + 0.5 * (hi - lo)
    return total / len(pos) / len(neg)


def _report_lookalike(rows: LookalikeRows, folds: int) -> None:
    """Print the cross-validated learned decision: its precision/recall curve with the chosen
    soft rules, the rules alone, the operating point, and each rule of context's candidates."""
    scored, n_claims = lookalike_cv(rows, folds)
    soft, point = choose_soft(scored, n_claims)
    table = curve(scored, n_claims, soft)
    base = table[0]
    print(
        f"{folds}-fold cross-validated keep/drop decision on {n_claims} gold claims"
        f" ({len(scored)} candidates, every rule of context soft):"
    )
    print(f"  rules alone (no model): precision {base[1]:.3f} recall {base[2]:.3f}")
    print("  curve with the soft rules: threshold precision recall")
    for t, p, r in table[1:]:
        if round(t * 100) % 5 == 0 or t == point[0]:
            print(f"    {t:.2f} {p:.3f} {r:.3f}")
    free_soft, free = choose_soft(scored, n_claims, min_gain=0.0)
    print(
        f"  most precise losing at most {RECALL_GIVE} recall: threshold {free[0]:.2f}"
        f" precision {free[1]:.3f} recall {free[2]:.3f}"
        f" (soft: {', '.join(free_soft) or 'none'})"
    )
    what = (
        "the model decides"
        if point[0] > 0
        else f"gain under {MIN_PRECISION_GAIN}: the rules alone, no threshold"
    )
    print(
        f"  operating point shipped: threshold {point[0]:.2f} precision {point[1]:.3f}"
        f" recall {point[2]:.3f} ({what})"
    )
    every = operating_point(curve(scored, n_claims, lookalike.CUES))
    print(
        f"  every rule of context soft: threshold {every[0]:.2f}"
        f" precision {every[1]:.3f} recall {every[2]:.3f}"
    )
    # The confidence a reviewer sees: how well it ranks claims above false alarms (the
    # candidates the rules let through, in lookalike_cv's order), beside the rules' own.
    docs = sorted(rows)
    rules_conf = [
        (f.get("rule_confidence", 0.0), 1.0 if y == CLAIM else 0.0, _cue(f))
        for k in range(folds)
        for d in sorted(set(docs[k::folds]))
        for f, y in rows[d][0]
        if y is not None
    ]
    print(
        f"  confidence ranking (AUC, unmarked candidates): model {_auc(scored):.3f},"
        f" the rules' confidence {_auc(rules_conf):.3f}"
    )
    counts: dict[str, list[int]] = {}
    for _, y, cue in scored:
        if cue:
            counts.setdefault(cue, [0, 0])[int(y)] += 1
    print("  rules of context (claims / false alarms they mark; S: soft, a feature):")
    for cue, (neg, pos) in sorted(counts.items(), key=lambda kv: -sum(kv[1])):
        print(f"    {'S' if cue in soft else ' '} {cue}: {pos} / {neg}")


if __name__ == "__main__":
    raise SystemExit(main())
