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
from functools import lru_cache

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
    counts = _Counts(places, picks, probs)
    if not causal:
        for j in range(n):
            counts.add(j)
    nxt_of: list[int | None] = [None] * n
    following: int | None = None
    for j in range(n - 1, -1, -1):
        nxt_of[j] = following
        if picks[j] is not None:
            following = j
    prev: int | None = None
    out: list[list[dict[str, float]] | None] = []
    for i in range(n):
        own = texts[i]
        mine = picks[i]
        if not own or scores[i] is None:
            out.append(None)
        else:
            counted = None if causal else mine
            rows = []
            for t in own:
                f = counts.features(t, places[i], counted, None if causal else probs[i], soft)
                if prev is not None and picks[prev] == t:
                    there, here = places[prev], places[i]
                    if there.sentence == here.sentence:
                        f["pick_previous_sentence"] = 1.0
                        if there.clause == here.clause:
                            f["pick_previous_clause"] = 1.0
                    elif there.paragraph == here.paragraph:
                        f["pick_previous_paragraph"] = 1.0
                nxt = None if causal else nxt_of[i]
                if (
                    nxt is not None
                    and picks[nxt] == t
                    and places[nxt].sentence == places[i].sentence
                ):
                    f["pick_next_sentence"] = 1.0
                if not t:
                    f = {f"empty*{k}": v for k, v in f.items()}
                rows.append(f)
            out.append(rows)
        if causal:
            counts.add(i)
        if mine is not None:
            prev = i
    return out


@lru_cache(maxsize=4096)
def _substrings(text: str) -> frozenset[str]:
    """Every non-empty substring of ``text`` shorter than it (cached: a document's picks and
    options repeat the same few texts)."""
    n = len(text)
    return frozenset(text[a:b] for a in range(n) for b in range(a + 1, n + 1) if b - a < n)


class _Counts:
    """The picks counted so far, by text, per document, paragraph and sentence, with an index
    of the texts each pick holds: the features of an option cost a few dictionary look-ups
    (and one per piece of its text), not a pass over the other claims."""

    def __init__(
        self,
        places: Sequence[Place],
        picks: Sequence[str | None],
        probs: Sequence[dict[str, float] | None],
    ):
        self.places, self.picks, self.probs = places, picks, probs
        self.doc: dict[str, int] = {}
        self.para: dict[tuple[int, str], int] = {}
        self.sent: dict[tuple[int, str], int] = {}
        #: Per sentence, its picks by text (the sentence's containment features read them).
        self.by_sentence: dict[int, dict[str, int]] = {}
        #: Per text, how many picks hold it (are longer and contain it).
        self.holding: dict[str, int] = {}
        self.soft_doc: dict[str, float] = {}
        self.soft_sent: dict[tuple[int, str], float] = {}
        self.total = 0
        #: The most picked text (count, text), ties to the greater text.
        self.top: tuple[int, str] | None = None
        self.second: tuple[int, str] | None = None

    def add(self, j: int) -> None:
        u = self.picks[j]
        if u is None:
            return
        there = self.places[j]
        self.total += 1
        c = self.doc[u] = self.doc.get(u, 0) + 1
        self.para[there.paragraph, u] = self.para.get((there.paragraph, u), 0) + 1
        self.sent[there.sentence, u] = self.sent.get((there.sentence, u), 0) + 1
        here = self.by_sentence.setdefault(there.sentence, {})
        here[u] = here.get(u, 0) + 1
        if c == 1 and u:
            for piece in _substrings(u):
                self.holding[piece] = self.holding.get(piece, 0) + 1
        elif u:
            for piece in _substrings(u):
                self.holding[piece] += 1
        if u:
            key = (c, u)
            if self.top is None or key > self.top:
                if self.top is not None and self.top[1] != u:
                    self.second = self.top
                self.top = key
            elif self.second is None or key > self.second:
                self.second = key
        pj = self.probs[j]
        if pj is not None:
            for text, q in pj.items():
                self.soft_doc[text] = self.soft_doc.get(text, 0.0) + q
                k = (there.sentence, text)
                self.soft_sent[k] = self.soft_sent.get(k, 0.0) + q

    def _top(self, counted: str | None) -> tuple[int, str] | None:
        """The most picked text of the other claims (``counted``: the claim's own pick,
        held in the counts)."""
        top = self.top
        if top is None or counted != top[1]:
            return top
        mine = (top[0] - 1, top[1])
        if self.second is not None and self.second > mine:
            return self.second
        return mine

    def features(
        self,
        t: str,
        here: Place,
        counted: str | None,
        own_probs: dict[str, float] | None,
        soft: bool,
    ) -> dict[str, float]:
        """The count features of option text ``t`` of a claim at ``here`` (its own pick
        ``counted`` taken off when the counts hold it)."""
        mine = 1 if t == counted else 0
        same_d = self.doc.get(t, 0) - mine
        same_p = self.para.get((here.paragraph, t), 0) - mine
        same_s = self.sent.get((here.sentence, t), 0) - mine
        holds_s = inside_s = holds_d = inside_d = 0
        if t:
            holds_d = self.holding.get(t, 0)
            if counted and counted != t and t in counted:
                holds_d -= 1
            pieces = _substrings(t)
            # The shorter of two loops: the document's distinct picks or the option's pieces.
            for piece in self.doc if len(self.doc) < len(pieces) else pieces:
                if piece in pieces:
                    inside_d += self.doc.get(piece, 0) - (1 if piece == counted else 0)
            for u, c in self.by_sentence.get(here.sentence, {}).items():
                if not u or u == t:
                    continue
                c -= 1 if u == counted else 0
                if t in u:
                    holds_s += c
                elif u in t:
                    inside_s += c
        f: dict[str, float] = {}
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
        n_others = self.total - (1 if counted is not None else 0)
        if same_d:
            f["pick_share"] = same_d / n_others
        top = self._top(counted)
        if top is not None and t == top[1] and top[0] >= 2:
            f["pick_top"] = 1.0
        if soft:
            mine_q = own_probs.get(t, 0.0) if own_probs is not None else 0.0
            sd = self.soft_doc.get(t, 0.0) - mine_q
            ss = self.soft_sent.get((here.sentence, t), 0.0) - mine_q
            if ss > 1e-12:
                f["soft_sentence"] = math.log1p(ss)
            if sd > 1e-12:
                f["soft_document"] = math.log1p(sd)
                f["soft_share"] = sd / n_others
        return f


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
