"""Document-level (collective) ranking: features of a claim's options read from the picks the
ranker made for the *other* claims of its document.

The ranker (:mod:`extractor.ranker`) ranks each claim's options alone; its history features
(``previous``, ``doc_subject``, ``previous_time``) read the clause rules' choices, not the
model's. A second pass (stacking) can re-rank every claim with what a first pass picked for the
others: how many claims of the same sentence, paragraph or document picked this option's text
(or one holding it, or one it holds), whether the claim before in the clause, sentence or
paragraph picked it, the option's share of the document's picks (a learned salience), and
whether it is the document's most picked text. For the time, the empty option (no time) gets
the same features under its own names (``empty*…``): other claims left undated.

Features are generic (counts and flags), never words. A first pass's picks are the options of
highest score; ``soft`` adds the other claims' probabilities of the option's text, summed
(softmax of each claim's scores), and ``causal`` reads only the claims before (what a
left-to-right, sequential decoder would know). Pure Python; linear in the claims of a sentence
and, for the document counts, in the claims of the document (one dictionary per text).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

#: What each pass-2 feature of an option says (absent = 0). The counts leave the claim itself
#: out; "a pick" is a first-pass pick of another claim of the document.
PICK_FEATURES: dict[str, str] = {
    "pick_sentence": "log(1 + picks of the same text in the claim's sentence)",
    "pick_paragraph": "log(1 + picks of the same text in the claim's paragraph)",
    "pick_document": "log(1 + picks of the same text in the document)",
    "pick_holds_sentence": "log(1 + picks in the claim's sentence that hold the text, longer)",
    "pick_inside_sentence": "log(1 + picks in the claim's sentence inside the text, shorter)",
    "pick_holds_document": "log(1 + picks in the document that hold the text, longer)",
    "pick_inside_document": "log(1 + picks in the document inside the text, shorter)",
    "pick_share": "the text's share of the other claims' picks (a learned salience)",
    "pick_top": "the document's most picked text (picked twice or more)",
    "pick_previous_clause": "the claim before, in the same clause, picked the text",
    "pick_previous_sentence": "the claim before, in the same sentence, picked the text",
    "pick_previous_paragraph": "the claim before, in an earlier sentence of the paragraph,"
    " picked the text",
    "pick_next_sentence": "the claim after, in the same sentence, picked the text",
    "soft_sentence": "log(1 + the other claims' probabilities of the text, summed over the"
    " sentence)",
    "soft_document": "log(1 + the same over the document)",
    "soft_share": "soft_document's sum / the other claims",
}

#: The features of the empty option (a time field's "no time"): the same counts, apart.
EMPTY_FEATURES: dict[str, str] = {
    f"empty*{k}": f"{v}, on the option of no time" for k, v in PICK_FEATURES.items()
}

#: Every feature :func:`pick_features` can set.
DOC_FEATURES: dict[str, str] = {**PICK_FEATURES, **EMPTY_FEATURES}


@dataclass(frozen=True, slots=True)
class Place:
    """Where a claim stands in its document: indices of its sentence, paragraph and clause
    (the clause within its sentence)."""

    sentence: int
    paragraph: int
    clause: int


def _softmax(scores: Sequence[float]) -> list[float]:
    top = max(scores)
    es = [math.exp(z - top) for z in scores]
    total = sum(es)
    return [e / total for e in es]


def pick_features(
    places: Sequence[Place],
    texts: Sequence[Sequence[str] | None],
    scores: Sequence[Sequence[float] | None],
    *,
    soft: bool = False,
    causal: bool = False,
) -> list[list[dict[str, float]] | None]:
    """For each claim of one document (in text order), the pass-2 features of each of its
    options: ``texts[i]`` are claim ``i``'s option texts (None: the claim has no options of
    this field), ``scores[i]`` their first-pass scores (the pick is the highest, ties to the
    first). Returns None for a claim without options."""
    n = len(places)
    picks: list[str | None] = []
    probs: list[dict[str, float] | None] = []
    for t, z in zip(texts, scores, strict=True):
        if not t or z is None:
            picks.append(None)
            probs.append(None)
            continue
        best = max(range(len(z)), key=z.__getitem__)
        picks.append(t[best])
        if soft:
            p: dict[str, float] = {}
            for text, q in zip(t, _softmax(z), strict=True):
                p[text] = p.get(text, 0.0) + q
            probs.append(p)
        else:
            probs.append(None)
    out: list[list[dict[str, float]] | None] = []
    for i in range(n):
        own = texts[i]
        if not own or scores[i] is None:
            out.append(None)
            continue
        here = places[i]
        others = [j for j in range(i if causal else n) if j != i and picks[j] is not None]
        counts: dict[str, int] = {}
        for j in others:
            u = picks[j]
            assert u is not None
            counts[u] = counts.get(u, 0) + 1
        top = max((u for u in counts if u), key=lambda u: (counts[u], u), default=None)
        prev = next((j for j in range(i - 1, -1, -1) if picks[j] is not None), None)
        nxt = None
        if not causal:
            nxt = next((j for j in range(i + 1, n) if picks[j] is not None), None)
        rows = []
        for t in own:
            f: dict[str, float] = {}
            same_s = same_p = same_d = holds_s = inside_s = holds_d = inside_d = 0
            soft_s = soft_d = 0.0
            for j in others:
                u = picks[j]
                assert u is not None
                there = places[j]
                in_sentence = there.sentence == here.sentence
                if u == t:
                    same_d += 1
                    if there.paragraph == here.paragraph:
                        same_p += 1
                    if in_sentence:
                        same_s += 1
                elif t and u:
                    if t in u:
                        holds_d += 1
                        holds_s += in_sentence
                    elif u in t:
                        inside_d += 1
                        inside_s += in_sentence
                pj = probs[j]
                if pj is not None:
                    q = pj.get(t, 0.0)
                    soft_d += q
                    if in_sentence:
                        soft_s += q
            for name, v in (
                ("pick_sentence", same_s),
                ("pick_paragraph", same_p),
                ("pick_document", same_d),
                ("pick_holds_sentence", holds_s),
                ("pick_inside_sentence", inside_s),
                ("pick_holds_document", holds_d),
                ("pick_inside_document", inside_d),
            ):
                if v:
                    f[name] = math.log1p(v)
            if same_d:
                f["pick_share"] = same_d / len(others)
            if top is not None and t == top and counts[top] >= 2:
                f["pick_top"] = 1.0
            if prev is not None and picks[prev] == t:
                there = places[prev]
                if there.sentence == here.sentence:
                    f["pick_previous_sentence"] = 1.0
                    if there.clause == here.clause:
                        f["pick_previous_clause"] = 1.0
                elif there.paragraph == here.paragraph:
                    f["pick_previous_paragraph"] = 1.0
            if nxt is not None and picks[nxt] == t and places[nxt].sentence == here.sentence:
                f["pick_next_sentence"] = 1.0
            if soft:
                if soft_s:
                    f["soft_sentence"] = math.log1p(soft_s)
                if soft_d:
                    f["soft_document"] = math.log1p(soft_d)
                    f["soft_share"] = soft_d / len(others)
            if not t:
                f = {f"empty*{k}": v for k, v in f.items()}
            rows.append(f)
        out.append(rows)
    return out


#: The features of the second pass (a residual model on top of the first): the first pass's
#: score and pick, and the pick features.
STACK_FEATURES: dict[str, str] = {
    "p1": "the first pass's score of the option (before the logistic)",
    "p1_top": "the first pass's pick for this claim",
    **DOC_FEATURES,
}


def stack_rows(
    places: Sequence[Place],
    texts: Sequence[Sequence[str] | None],
    scores: Sequence[Sequence[float] | None],
    *,
    soft: bool = False,
    causal: bool = False,
) -> list[list[dict[str, float]] | None]:
    """:func:`pick_features` with each option's first-pass score (``p1``) and pick
    (``p1_top``) added: what the second pass scores (:data:`STACK_FEATURES`)."""
    rows = pick_features(places, texts, scores, soft=soft, causal=causal)
    out: list[list[dict[str, float]] | None] = []
    for z, r in zip(scores, rows, strict=True):
        if r is None or z is None:
            out.append(None)
            continue
        best = max(range(len(z)), key=z.__getitem__)
        for i, (f, zi) in enumerate(zip(r, z, strict=True)):
            f["p1"] = zi
            if i == best:
                f["p1_top"] = 1.0
        out.append(r)
    return out
