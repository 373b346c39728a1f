"""Review-time re-ranking: a pending claim's subject and time chosen again from what reviewers
already accepted in its document.

The extractor ranks each claim's options before anyone has read the document. A reviewer who
goes through a document in order has, by the third claim, told the tool who the report is about
and which period it covers: on the training part, 42 % of the claims whose subject the
extractor gets wrong have the same gold subject as the claim before them, and 57 % of those
with a wrong time the same gold time. This module re-ranks a pending claim's options — the
extractor's choice, its stored runners-up, and the values reviewers accepted on the claims
before it in the document — with a small listwise model over generic features: the option's
stored rank and score, and whether it is the value accepted on the nearest decided claim
before, on a decided claim of the same sentence, how many decided claims carry it, whether a
reviewer replaced it on another claim (the extractor proposed it there and the reviewer set
something else) and whether it is what a reviewer replaced this claim's own proposal with on a
claim that had the same one. No words, no document data: the same model serves every corpus.

Nothing here reads a database: the caller (``db.feedback`` through the review session) passes
the claim's stored options and the decided claims as plain values. The model is a JSON file,
``extractor/data/feedback.json``, rebuilt by ``python -m extractor.feedback`` from the training
part of the gold (each claim re-ranked with the gold claims before it as the decided ones, as
a reviewer going through the document in order would have them).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

#: The fields re-ranked (the predicate gained nothing on the dev halves: its gold repeats
#: little from claim to claim).
FIELDS = ("subject", "time")

#: Format version of the model file.
VERSION = 1

#: What each base feature of an option says (absent = 0).
BASE_FEATURES: dict[str, str] = {
    "r0": "the extractor's choice",
    "top_alt": "on the extractor's choice: the best stored runner-up's score (a close call)",
    "alt": "one of the extractor's stored runners-up",
    "rank": "log(1 + its place among the runners-up)",
    "score": "the runner-up's stored score",
    "noscore": "a runner-up stored without a score",
    "injected": "only a decided claim's value (the extractor did not offer it)",
    "empty": "the empty value (a time: no time)",
    "d_last": "the value accepted on the nearest decided claim before it",
    "d_last_part": "holds, or is held by, that value (not equal)",
    "d_last_far": "on that value: log(1 + characters between the two claims' sentences) / 5",
    "d_last_fixed": "on that value: a reviewer set it there in place of the extractor's",
    "d_second": "the value accepted on the nearest decided claim before it with another value",
    "d_sent": "a value accepted on a decided claim of the same sentence before it",
    "d_n": "log(1 + decided claims before it that carry the value)",
    "d_rejected": "the extractor proposed it on a decided claim and the reviewer set another",
    "d_corrected_to": "a reviewer replaced this claim's own proposal with it on another claim",
    "empty_last": "on the empty value: the nearest decided claim before it has none",
}
#: Features crossed with the kind of option (how much a decided value counts differs between
#: the extractor's choice, its runners-up and an injected value).
CROSSED = (
    "d_last",
    "d_last_fixed",
    "d_last_far",
    "d_second",
    "d_sent",
    "d_n",
    "d_rejected",
    "d_corrected_to",
    "empty_last",
    "d_last_part",
)
KINDS = ("r0", "alt", "injected", "empty")
#: Every feature of the model.
FEATURES: dict[str, str] = {
    **BASE_FEATURES,
    **{f"{a}*{b}": f"{a} on {b}" for a in CROSSED for b in KINDS},
}

_TRIM = "\"'“”‘’「」『』《》 \t\u3000"


def norm(text: object) -> str:
    """A value as compared: full-width forms folded (NFKC), quotes and spaces trimmed."""
    if text is None:
        return ""
    return unicodedata.normalize("NFKC", str(text)).strip(_TRIM).replace(" ", "")


@dataclass(frozen=True, slots=True)
class Decided:
    """A claim of the document a reviewer has accepted, as the re-ranking reads it.

    Attributes:
        start: where its quantity starts (claims before the pending one count).
        sentence_start: where its sentence starts.
        value: the field's accepted text ("" for none).
        value_start, value_end: its offsets (None when not written in one place).
        proposed: the extractor's proposal for the field on that claim (None for a claim a
            reviewer added).
    """

    start: int
    sentence_start: int
    value: str
    value_start: int | None = None
    value_end: int | None = None
    proposed: str | None = None


@dataclass(frozen=True, slots=True)
class Choice:
    """One option after re-ranking: text, offsets, probability, features, and whether it
    came from a decided claim only (``injected``)."""

    text: str
    start: int | None
    end: int | None
    score: float
    injected: bool = False


#: The features that say a decided claim backs an option (or speaks against the choice).
EVIDENCE = ("d_last", "d_last_part", "d_sent", "d_n", "d_corrected_to")


def order(logits: Sequence[float], feats: Sequence[Mapping[str, float]]) -> list[int]:
    """The options' order, best first, by the model's scores — but an option no decided claim
    backs (:data:`EVIDENCE`) never goes above the extractor's choice (the first option), unless
    a reviewer replaced that choice on another claim: the extractor's own ranking already
    weighed everything else, and its choice's score is not stored to compare with."""
    ranked = sorted(range(len(logits)), key=lambda i: (-logits[i], i))
    if not feats or feats[0].get("d_rejected"):
        return ranked
    best = next(i for i in ranked if i == 0 or any(feats[i].get(k) for k in EVIDENCE))
    return [best, *(i for i in ranked if i != best)]


def _cross(f: dict[str, float]) -> dict[str, float]:
    out = dict(f)
    for a in CROSSED:
        if a in f:
            for b in KINDS:
                if b in f:
                    out[f"{a}*{b}"] = f[a] * f[b]
    return out


def options(
    current: str,
    current_span: tuple[int | None, int | None],
    alternatives: Sequence[Mapping[str, Any]],
    decided: Sequence[Decided],
    sentence_start: int,
) -> list[tuple[str, int | None, int | None, dict[str, float], bool]]:
    """The options of one field with their features: the extractor's choice first, then its
    runners-up in stored order, then decided values it does not offer. ``decided``: the claims
    accepted before the pending one in its document, in text order."""
    cur = norm(current)
    scores = [a.get("score") for a in alternatives]
    top_alt = max([float(s) for s in scores if isinstance(s, int | float)] or [0.0])
    out: dict[str, tuple[str, int | None, int | None, dict[str, float], bool]] = {}
    out[cur] = (current, current_span[0], current_span[1], {"r0": 1.0, "top_alt": top_alt}, False)
    for r, a in enumerate(alternatives, 1):
        text = str(a.get("text") or "")
        key = norm(text)
        if key in out:
            continue
        s = a.get("score")
        f = {"alt": 1.0, "rank": math.log1p(r)}
        if isinstance(s, int | float) and not isinstance(s, bool):
            f["score"] = float(s)
        else:
            f["noscore"] = 1.0
        out[key] = (text, a.get("start"), a.get("end"), f, False)
    counts = Counter(norm(d.value) for d in decided)
    for d in reversed(decided):
        key = norm(d.value)
        if key not in out:
            out[key] = (d.value, d.value_start, d.value_end, {"injected": 1.0}, True)
    last = norm(decided[-1].value) if decided else None
    same_sentence = {norm(d.value) for d in decided if d.sentence_start == sentence_start}
    rejected = {
        norm(d.proposed)
        for d in decided
        if d.proposed is not None and norm(d.proposed) != norm(d.value)
    }
    corrected_to = {
        norm(d.value)
        for d in decided
        if d.proposed is not None and norm(d.proposed) == cur and norm(d.value) != cur
    }
    far = math.log1p(max(0, sentence_start - decided[-1].sentence_start)) / 5 if decided else 0.0
    second = next((norm(d.value) for d in reversed(decided) if norm(d.value) != last), None)
    for key, (_t, _a, _b, f, _inj) in out.items():
        if key == second:
            f["d_second"] = 1.0
        if key == last:
            f["d_last"] = 1.0
            if far:
                f["d_last_far"] = far
            if decided[-1].proposed is not None and norm(decided[-1].proposed) != last:
                f["d_last_fixed"] = 1.0
        elif last and key and (key in last or last in key):
            f["d_last_part"] = 1.0
        if key in same_sentence:
            f["d_sent"] = 1.0
        if key in counts:
            f["d_n"] = math.log1p(counts[key])
        if key in rejected:
            f["d_rejected"] = 1.0
        if key in corrected_to:
            f["d_corrected_to"] = 1.0
        if not key:
            f["empty"] = 1.0
            if last == "":
                f["empty_last"] = 1.0
        out[key] = (_t, _a, _b, _cross(f), _inj)
    return list(out.values())


class ModelError(ValueError):
    """A feedback model file that cannot be used (the message says why)."""


@dataclass(frozen=True)
class Model:
    """Per field, the weights of the listwise model."""

    weights: Mapping[str, Mapping[str, float]]

    @classmethod
    def from_json(cls, text: str, where: str = "model") -> Model:
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise ModelError(f"{where}: not JSON ({exc})") from None
        if not isinstance(data, dict) or data.get("version") != VERSION:
            raise ModelError(f"{where}: not a feedback model of version {VERSION}")
        fields = data.get("fields")
        if not isinstance(fields, dict):
            raise ModelError(f"{where}: no 'fields'")
        weights: dict[str, dict[str, float]] = {}
        for name, w in fields.items():
            if name not in FIELDS or not isinstance(w, dict):
                raise ModelError(f"{where}: unknown field {name!r}")
            for k, v in w.items():
                if k not in FEATURES:
                    raise ModelError(f"{where}: unknown feature {k!r} of {name}")
                if not isinstance(v, int | float) or not math.isfinite(v):
                    raise ModelError(f"{where}: weight of {k!r} is not a finite number")
            weights[name] = {k: float(v) for k, v in w.items()}
        return cls(weights)

    def to_json(self) -> str:
        fields = {
            f: {k: round(v, 6) for k, v in sorted(w.items())} for f, w in self.weights.items()
        }
        return json.dumps({"version": VERSION, "fields": fields}, indent=1, ensure_ascii=False)

    def rerank(
        self,
        field: str,
        current: str,
        current_span: tuple[int | None, int | None],
        alternatives: Sequence[Mapping[str, Any]],
        decided: Sequence[Decided],
        sentence_start: int,
    ) -> list[Choice]:
        """The field's options ranked best first, each with its probability (a softmax over
        the options). With no decided claim, or a field the model does not rank, the
        extractor's own order (its choice first): nothing to learn from yet."""
        w = self.weights.get(field)
        opts = options(current, current_span, alternatives, decided, sentence_start)
        if field != "time":  # no time is a reading; no subject is never a suggestion
            opts = [o for i, o in enumerate(opts) if i == 0 or norm(o[0])]
        if not w or not decided:
            return [Choice(t, a, b, 1.0 if i == 0 else 0.0, inj)
                    for i, (t, a, b, _f, inj) in enumerate(opts)]  # fmt: skip
        logits = [sum(w.get(k, 0.0) * v for k, v in f.items()) for _t, _a, _b, f, _i in opts]
        top = max(logits)
        es = [math.exp(z - top) for z in logits]
        total = sum(es)
        ranked = order(logits, [f for _t, _a, _b, f, _i in opts])
        return [
            Choice(opts[i][0], opts[i][1], opts[i][2], es[i] / total, opts[i][4]) for i in ranked
        ]


def ranking(model: Model) -> Callable[..., list[tuple[str, int | None, int | None, float]]]:
    """``model.rerank`` over plain values, as the review session calls it (``db.feedback``):
    ``(field, current, (start, end), alternatives, decided, sentence_start)`` with each decided
    claim a tuple ``(start, sentence_start, value, value_start, value_end, proposed)``; the
    options best first as ``(text, start, end, probability)``."""

    def run(
        field: str,
        current: str,
        span: tuple[int | None, int | None],
        alternatives: Sequence[Mapping[str, Any]],
        decided: Sequence[tuple[int, int, str, int | None, int | None, str | None]],
        sentence_start: int,
    ) -> list[tuple[str, int | None, int | None, float]]:
        ranked = model.rerank(
            field, current, span, alternatives, [Decided(*d) for d in decided], sentence_start
        )
        return [(c.text, c.start, c.end, c.score) for c in ranked]

    return run


@cache
def shipped() -> Model:
    """The model shipped in the package (``extractor/data/feedback.json``)."""
    text = resources.files("extractor").joinpath("data", "feedback.json").read_text("utf-8")
    return Model.from_json(text, "extractor/data/feedback.json")


# ------------------------------------------------------------------------------ training

#: The candidate's key of each field, and the gold's.
_KEY = {"subject": "subject", "time": "time_text"}
_GOLD = {"subject": "subject", "time": "time"}
#: L2 decay of the fit (chosen on the training part's 5-fold CV; flat between 0.3 and 3).
L2 = 1.0

Groups = list[list[tuple[dict[str, float], float]]]


def documents_in_order(
    gold: Sequence[Mapping[str, Any]], predicted: Sequence[Mapping[str, Any]]
) -> Iterable[tuple[str, list[Mapping[str, Any]], list[Mapping[str, Any]]]]:
    """Each gold document (sorted) with its gold claims (claim: true) and its predicted
    candidates, both in text order: how a reviewer going through the document meets them."""
    by_doc: dict[str, list[Mapping[str, Any]]] = {}
    for p in predicted:
        by_doc.setdefault(p["doc"], []).append(p)
    for doc in sorted({g["doc"] for g in gold}):
        golds = sorted(
            (g for g in gold if g["doc"] == doc and g.get("claim")),
            key=lambda g: (g["start"], g["end"]),
        )
        yield doc, golds, sorted(by_doc.get(doc, []), key=lambda p: (p["start"], p["end"]))


def training_groups(
    gold: Sequence[Mapping[str, Any]], predicted: Sequence[Mapping[str, Any]], field: str
) -> dict[str, Groups]:
    """Per document, one group per found gold claim that has a decided claim before it: its
    options' features (the gold claims before it as the decided ones, with the extractor's
    proposal where it found them) and whether each is right by the scorer's rule."""
    from .evaluate import _matches

    out: dict[str, Groups] = {}
    for doc, golds, preds in documents_in_order(gold, predicted):
        used: set[int] = set()
        decided: list[Decided] = []
        groups: Groups = []
        for g in golds:
            found = None
            for i, p in enumerate(preds):
                if i not in used and _matches(dict(g), dict(p)):
                    used.add(i)
                    found = p
                    break
            if found is not None and decided:
                alts = (found.get("alternatives") or {}).get(field) or []
                key = _KEY[field]
                span = (found.get(f"{field}_start"), found.get(f"{field}_end"))
                opts = options(found.get(key) or "", span, alts, decided, found["sentence_start"])
                labels = [_label(field, g, {**found, key: t}) for t, _a, _b, _f, _i in opts]
                groups.append([(o[3], y) for o, y in zip(opts, labels, strict=True)])
            value = str(g.get(_GOLD[field]) or "")
            proposed = None if found is None else str(found.get(_KEY[field]) or "")
            sentence = found["sentence_start"] if found is not None else -1
            decided.append(Decided(g["start"], sentence, value, None, None, proposed))
        out[doc] = groups
    return out


#: How much a right option that is not exactly the gold counts as a right answer (the
#: scorer's containment: 中国人保上海区域工协 for 中国人保上海区域工协旗下财险公司): the model
#: learns to prefer the exact value, which the reviewer would otherwise fix.
NEAR = 0.3


def _label(field: str, gold: Mapping[str, Any], candidate: Mapping[str, Any]) -> float:
    from .evaluate import _field_right

    right, exact = _field_right(field, dict(gold), dict(candidate))
    return 1.0 if exact else NEAR if right else 0.0


def fit(groups: Iterable[Groups], l2: float = L2) -> dict[str, float]:
    """The listwise model's weights over :data:`FEATURES` (:func:`extractor.ranker.fit_weights`)."""
    from .ranker import fit_weights

    flat = [g for doc in groups for g in doc]
    return fit_weights(flat, FEATURES, l2=l2)


def accuracy(
    groups: Iterable[Groups], weights: Mapping[str, float]
) -> tuple[int, int, int, int, int]:
    """(right with the model, right with the extractor's choice, claims, exactly right with
    the model, exactly right with the extractor's choice) over the groups."""
    right = base = n = exact = base_exact = 0
    for doc in groups:
        for g in doc:
            logits = [sum(weights.get(k, 0.0) * v for k, v in f.items()) for f, _ in g]
            best = order(logits, [f for f, _ in g])[0]
            right += g[best][1] > 0
            exact += g[best][1] >= 1.0
            base += g[0][1] > 0
            base_exact += g[0][1] >= 1.0
            n += 1
    return right, base, n, exact, base_exact


def in_order_scores(
    gold: Sequence[Mapping[str, Any]], predicted: Sequence[Mapping[str, Any]], model: Model
) -> dict[str, tuple[int, int]]:
    """What a reviewer going through each document in order sees: per field (and
    ``accept-as-is``), (right as extracted, right as shown), counted as the scorer counts —
    fields on found claims, accept-as-is on every gold claim (claim: true). Each found claim's
    subject and time are re-ranked with the gold claims before it as the decided ones."""
    from .evaluate import _field_right, _matches

    names = ("subject", "predicate", "qualifier", "time")
    before = dict.fromkeys((*names, "accept-as-is"), 0)
    after = dict(before)
    found = claims = 0
    for _doc, golds, preds in documents_in_order(gold, predicted):
        used: set[int] = set()
        decided: dict[str, list[Decided]] = {f: [] for f in FIELDS}
        for g in golds:
            claims += 1
            hit = None
            for i, p in enumerate(preds):
                if i not in used and _matches(dict(g), dict(p)):
                    used.add(i)
                    hit = dict(p)
                    break
            if hit is not None:
                found += 1
                shown = dict(hit)
                for field in FIELDS:
                    key = _KEY[field]
                    alts = (hit.get("alternatives") or {}).get(field) or []
                    span = (hit.get(f"{field}_start"), hit.get(f"{field}_end"))
                    ranked = model.rerank(field, hit.get(key) or "", span, alts, decided[field],
                                          hit["sentence_start"])  # fmt: skip
                    shown[key] = ranked[0].text
                ok_before = [_field_right(f, dict(g), hit)[0] for f in names]
                ok_after = [_field_right(f, dict(g), shown)[0] for f in names]
                for f, a, b in zip(names, ok_before, ok_after, strict=True):
                    before[f] += a
                    after[f] += b
                before["accept-as-is"] += all(ok_before)
                after["accept-as-is"] += all(ok_after)
            for field in FIELDS:
                proposed = None if hit is None else str(hit.get(_KEY[field]) or "")
                sentence = hit["sentence_start"] if hit is not None else -1
                value = str(g.get(_GOLD[field]) or "")
                decided[field].append(Decided(g["start"], sentence, value, None, None, proposed))
    out = {f: (before[f], after[f]) for f in before}
    out["found"] = (found, found)
    out["claims"] = (claims, claims)
    return out


def main(argv: list[str] | None = None) -> int:
    """``python -m extractor.feedback GOLD.jsonl... --split S --part train -o FILE``."""
    from .evaluate import (
        SplitError,
        _documents,
        add_extra_option,
        default_corpora,
        load_gold,
        predict,
        restrict,
        split_part,
    )

    ap = argparse.ArgumentParser(prog="python -m extractor.feedback", description=__doc__)
    ap.add_argument("gold", nargs="+", help="gold JSONL files")
    ap.add_argument("--split", help="split file (article ids per part)")
    ap.add_argument("--part", default="train", help="the split's part to train on")
    add_extra_option(ap)
    ap.add_argument("--folds", type=int, default=0, help="also report K-fold CV accuracy")
    ap.add_argument("-o", "--output", type=Path, help="write the model here")
    ap.add_argument(
        "--score",
        type=Path,
        metavar="MODEL",
        help="train nothing: score the gold's documents as a reviewer going through each in"
        " order sees them with this model (each field and accept-as-is, as extracted and as"
        " shown)",
    )
    args = ap.parse_args(argv)
    repo = Path(__file__).resolve().parent.parent
    try:
        gold = [g for path in args.gold for g in load_gold(Path(path))]
        held: set[str] = set()
        if args.split:
            gold = restrict(gold, split_part(Path(args.split), args.part))
            held = set(split_part(Path(args.split), "test"))
        for path in args.extra:
            extra = load_gold(Path(path))
            leaked = sorted({str(g["doc"]) for g in extra} & held)
            if leaked:
                print(f"Error: {path}: articles of the test part: {leaked[:3]}", file=sys.stderr)
                return 1
            gold += extra
    except (OSError, ValueError, SplitError) as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    if args.score is not None:
        try:
            scored_with = Model.from_json(args.score.read_text("utf-8"), str(args.score))
        except (OSError, UnicodeDecodeError, ModelError) as exc:
            print(f"Error: {exc}", file=sys.stderr)
            return 1
    texts = _documents(gold, repo / "seeds", [Path(c) for c in default_corpora(repo)])
    predicted = predict(texts)
    if args.score is not None:
        scores = in_order_scores(gold, predicted, scored_with)
        found, claims = scores.pop("found")[0], scores.pop("claims")[0]
        print(
            f"{claims} gold claims, {found} found; as extracted -> as shown to a reviewer"
            " going through each document in order (the gold claims before as decided):"
        )
        for name, (a, b) in scores.items():
            n = claims if name == "accept-as-is" else found
            print(f"  {name:12} {a / max(n, 1):.3f} -> {b / max(n, 1):.3f}  ({a} -> {b} of {n})")
        return 0
    weights: dict[str, dict[str, float]] = {}
    for field in FIELDS:
        per_doc = training_groups(gold, predicted, field)
        docs = sorted(per_doc)
        weights[field] = fit(per_doc.values())
        right, base, n, exact, base_exact = accuracy(per_doc.values(), weights[field])
        print(f"{field}: {n} claims with a decided claim before them; right (exactly) with the"
              f" extractor's choice {base} ({base_exact}), re-ranked {right} ({exact}),"
              " in sample")  # fmt: skip
        if args.folds > 1:
            r_cv = e_cv = 0
            for k in range(args.folds):
                held = set(docs[k :: args.folds])
                w = fit(per_doc[d] for d in docs if d not in held)
                r, _b, _n, e, _be = accuracy((per_doc[d] for d in held), w)
                r_cv, e_cv = r_cv + r, e_cv + e
            m = max(n, 1)
            print(f"  {args.folds}-fold cross-validated: extractor {base / m:.3f}"
                  f" (exactly {base_exact / m:.3f}), re-ranked {r_cv / m:.3f}"
                  f" (exactly {e_cv / m:.3f})")  # fmt: skip
    model = Model(weights)
    if args.output:
        tmp = args.output.with_name(args.output.name + ".tmp")
        tmp.write_text(model.to_json() + "\n", "utf-8")
        tmp.replace(args.output)
        print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
