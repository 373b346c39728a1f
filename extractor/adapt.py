"""A team's model: the shipped ranker adapted to a database's decisions, field by field, and
kept only where documents the fit did not see say it ranks better (``claimdesk train --db``).

A ranker fitted on a team's decisions alone forgets what the shipped model learned from
thousands of claims: fitted on half of a set's documents and scored on the other half, it
ranks subject, predicate and time worse than the shipped model (dev halves N and Q:
accept-as-is 0.308 -> 0.243, 0.287 -> 0.228, 0.214 -> 0.181, 0.274 -> 0.169; the README's
"Learning from the team's decisions"). So :func:`adapt` weighs three candidates per field:

- ``shipped``: the base model as it is;
- ``tuned``: the base model plus a correction fitted on the decisions (:func:`fit_offset`:
  each option's score is the base model's, trees included, plus a linear term over the same
  generic features; the correction's L2 decay is :data:`ADAPT_L2`, so a few decisions move the
  ranking only where they agree);
- ``team``: a model fitted on the decisions alone (:func:`extractor.train.train`, what
  ``claimdesk train`` stored before).

Each is fitted on all folds of the documents but one and scored on the held-out fold by
extracting its documents and judging the fields of the claims found by the eval's rules
(:func:`held_out`); a field takes the candidate with the most right answers over the folds
when it beats the shipped model by at least :data:`ADAPT_MARGIN` of the claims judged (and
two claims) and is worse than it in no fold, else stays as shipped. With fewer than two
documents nothing can be held out and every field stays as shipped. The model returned is
refitted on every document for the fields that changed. Pure: no database, no Textual.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from .docrank import Place
from .ranker import FIELD_FEATURES, Ranker, _lbfgs, _objective, replace_parts, shipped
from .train import (
    FIELDS,
    Found,
    Groups,
    _right,
    extract_all,
    field_groups,
    matched_pairs,
    train,
)

#: The L2 decay of a tuned correction (against the mean loss over the claims: with ``n``
#: claims each weight is pulled to 0 by ``ADAPT_L2 / n``). Dev halves N and Q, fitted on one
#: half and scored on the other: 5 moved accept-as-is -17 to +6 claims, 20 -17 to +4, 40 and
#: 80 -10 to +3.
ADAPT_L2 = 40.0

#: How many folds of documents the held-out check uses (fewer when there are fewer documents).
ADAPT_FOLDS = 3

#: The share of the held-out claims a field's candidate must get right beyond the shipped
#: model's count to replace it (and at least :data:`ADAPT_MIN_GAIN` claims). Dev halves K+L,
#: N, O, Q, each half's check scored on the other half: at 0.01 five fields changed, the
#: other halves lost 11 right answers over them; at 0.02 one changed (N's time: -2).
ADAPT_MARGIN = 0.02
ADAPT_MIN_GAIN = 2

#: The candidates of each field, in the order a tie prefers them.
CANDIDATES = ("shipped", "tuned", "team")


@dataclass(frozen=True)
class FieldChoice:
    """What the held-out check found for one field: the right answers of each candidate over
    the held-out folds, how many claims were judged, and the candidate kept."""

    field: str
    right: dict[str, int]
    judged: int
    chosen: str

    def describe(self) -> str:
        """``subject 41/80 shipped, 44/80 tuned, 30/80 team -> tuned``."""
        parts = ", ".join(
            f"{self.right[c]}/{self.judged} {c}" for c in CANDIDATES if c in self.right
        )
        return f"{self.field} {parts} -> {self.chosen}"


def fit_offset(groups: Groups, field: str, base: Ranker, l2: float = ADAPT_L2) -> dict[str, float]:
    """The correction of ``field``'s linear weights that makes ``base`` rank ``groups`` (one
    claim's options' features and how right each is, as :func:`extractor.train.field_groups`
    gives them) better: the listwise loss of :func:`extractor.ranker.fit` over the scores
    ``base.scores(features) + correction . features``, with L2 decay ``l2`` on the correction
    alone. Empty when no group has a right option."""
    names = list(FIELD_FEATURES[field])
    index = {k: i for i, k in enumerate(names)}
    data: list[tuple[list[list[tuple[int, float]]], list[float], float]] = []
    offsets: list[list[float]] = []
    for group in groups:
        if not any(right > 0 for _, right in group):
            continue
        feats = [f for f, _ in group]
        rows = [[(index[k], float(v)) for k, v in f.items() if k in index and v] for f in feats]
        data.append((rows, [max(0.0, float(r)) for _, r in group], 1.0))
        offsets.append(base.scores(feats, field))
    if not data:
        return {}

    def objective(w: list[float]) -> tuple[float, list[float]]:
        return _objective(w, data, l2, offsets)

    w = _lbfgs(objective, [0.0] * len(names), 300)
    return {k: w[i] for i, k in enumerate(names) if w[i]}


def tuned(base: Ranker, groups: Mapping[str, Groups], l2: float = ADAPT_L2) -> Ranker:
    """``base`` with each field's linear weights corrected by :func:`fit_offset` (its trees,
    document pass and look-alike filter as they are)."""
    fixes = {name: fit_offset(groups.get(name, []), name, base, l2) for name in FIELDS}
    weights = dict(base.weights)
    for k, d in fixes["subject"].items():
        weights[k] = weights.get(k, 0.0) + d
    fields = {name: dict(w) for name, w in base.fields.items()}
    for name in FIELDS[1:]:
        if name not in fields or not fixes[name]:
            continue
        for k, d in fixes[name].items():
            fields[name][k] = fields[name].get(k, 0.0) + d
    return replace_parts(base, weights=weights, fields=fields)


def held_out(
    model: Ranker,
    gold: Sequence[Mapping],
    texts: Mapping[str, str],
    dates: Mapping[str, str | None] | None = None,
) -> dict[str, tuple[int, int]]:
    """Per field, (right, judged) over the gold claims of ``texts`` that ``model`` finds when
    it extracts them: the field it proposes judged by the eval's rules (a claim whose gold
    has no subject is not judged on its subject)."""
    found = extract_all(texts, dates, model)
    by_doc: dict[str, list[Mapping]] = {}
    for g in gold:
        if g.get("claim") and str(g["doc"]) in texts:
            by_doc.setdefault(str(g["doc"]), []).append(g)
    counts = {name: [0, 0] for name in FIELDS}
    for doc, golds in by_doc.items():
        golds.sort(key=lambda g: (g["start"], g["end"]))
        for g, cand, _ in matched_pairs(golds, found.get(doc, [])):
            for name in FIELDS:
                if name == "subject" and not g.get("subject"):
                    continue
                value = {"subject": cand.subject, "predicate": cand.predicate}.get(
                    name, cand.time_text
                )
                counts[name][1] += 1
                counts[name][0] += _right(name, g, value or "") > 0
    return {name: (c[0], c[1]) for name, c in counts.items()}


def folds_of(docs: Sequence[str], folds: int = ADAPT_FOLDS) -> list[list[str]]:
    """The documents dealt round-robin (in sorted order) into at most ``folds`` folds, none
    empty; one fold for a single document."""
    ordered = sorted(docs)
    k = max(1, min(folds, len(ordered)))
    return [ordered[i::k] for i in range(k)]


def adapt(
    gold: Sequence[Mapping],
    texts: Mapping[str, str],
    dates: Mapping[str, str | None] | None = None,
    base: Ranker | None = None,
    *,
    folds: int = ADAPT_FOLDS,
    l2: float = ADAPT_L2,
    stats: dict[str, int] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[Ranker, list[FieldChoice], int]:
    """The model ``claimdesk train --db`` stores: ``base`` (None: the shipped model) with each
    field ranked by the candidate the held-out check chose (see the module docstring) and the
    look-alike filter refitted on the decisions (:func:`extractor.train.train`); the check's
    findings per field; and how many claims taught the subject. ``stats`` as for
    :func:`extractor.train.train`; ``progress(fold, folds)`` is called as each held-out fold
    starts (``fold`` from 1)."""
    model0 = base or shipped()
    parts = folds_of(list(texts), folds)
    totals = {name: dict.fromkeys(CANDIDATES, 0) for name in FIELDS}
    judged = dict.fromkeys(FIELDS, 0)
    # Folds in which a candidate got fewer right than the shipped model, per field.
    worse = {name: dict.fromkeys(CANDIDATES, 0) for name in FIELDS}
    if len(parts) > 1:
        for n, held in enumerate(parts, 1):
            if progress is not None:
                progress(n, len(parts))
            keep = set(held)
            fit_gold = [g for g in gold if str(g["doc"]) not in keep]
            fit_texts = {d: t for d, t in texts.items() if d not in keep}
            test_gold = [g for g in gold if str(g["doc"]) in keep]
            test_texts = {d: t for d, t in texts.items() if d in keep}
            first = _rules_extraction(fit_texts, dates)
            groups = field_groups(fit_gold, fit_texts, dates, first[0])
            team, _ = train(fit_gold, fit_texts, dates, decisions=True, first=first)
            models = {"shipped": model0, "tuned": tuned(model0, groups, l2), "team": team}
            fold = {c: held_out(m, test_gold, test_texts, dates) for c, m in models.items()}
            for name in FIELDS:
                judged[name] += fold["shipped"][name][1]
                for cand in CANDIDATES:
                    totals[name][cand] += fold[cand][name][0]
                    worse[name][cand] += fold[cand][name][0] < fold["shipped"][name][0]
    choices = []
    for name in FIELDS:
        right = totals[name]
        need = right["shipped"] + max(ADAPT_MIN_GAIN, math.ceil(ADAPT_MARGIN * judged[name]))
        steady = [c for c in CANDIDATES if not worse[name][c]]
        best = max(steady, key=lambda c: (right[c], -CANDIDATES.index(c)))
        chosen = best if len(parts) > 1 and right[best] >= need else "shipped"
        choices.append(FieldChoice(name, dict(right), judged[name], chosen))
    first = _rules_extraction(texts, dates)
    team_all, examples = train(gold, texts, dates, decisions=True, stats=stats, first=first)
    kept = {c.field: c.chosen for c in choices}
    full = {"shipped": model0, "team": team_all}
    if "tuned" in kept.values():
        full["tuned"] = tuned(model0, field_groups(gold, texts, dates, first[0]), l2)
    model = compose({name: full[kept[name]] for name in FIELDS}, team_all)
    return model, choices, examples


def _rules_extraction(
    texts: Mapping[str, str], dates: Mapping[str, str | None] | None
) -> tuple[Found, dict[str, list[Place]]]:
    """The documents extracted once with the clause rules, with their candidates' places: what
    both the tuned correction's groups and :func:`extractor.train.train` start from."""
    places: dict[str, list[Place]] = {}
    return extract_all(texts, dates, places=places), places


def compose(per_field: Mapping[str, Ranker], lookalike_from: Ranker) -> Ranker:
    """One model ranking each field as ``per_field`` does (its weights, trees and document
    pass; the subject's bias), with the look-alike filter of ``lookalike_from``."""
    subject = per_field["subject"]
    fields, trees, document = {}, {}, {}
    for name in FIELDS:
        m = per_field[name]
        if name != "subject" and name in m.fields:
            fields[name] = m.fields[name]
        if name in m.trees:
            trees[name] = m.trees[name]
        if name in m.document:
            document[name] = m.document[name]
    return Ranker(subject.weights, subject.bias, fields, lookalike_from.lookalike, trees, document)
