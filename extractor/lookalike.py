"""The learned keep/drop decision over each candidate: a fact claim, or a number that only
looks like one?

The quantity rules (:mod:`extractor.quantity`) drop the look-alikes they have a cue for; what
passes them is scored here by a small logistic model over generic features of the mention —
the rule and form that found it, its kind, unit class, qualifier and magnitude, the number's
shape (small integer, round, year-like), whether the ranker found a subject, predicate and time
for it and how sure it was, a question or exclamation in its sentence, quotes, brackets or a
title around it, where it stands in the document, the classes of the characters beside it,
which look-alike lexicons have a word in its clause (plan words, source cues, examples,
comparison and consequence words of a threshold, criteria, time frames, conditions, surveys),
how many quantities share its clause, whether it is an item of a list, whether the same
surface or the same value repeats in the document, the document's mix of kinds (its genre),
and the confidence the rules gave. Never a word of an article: the word lists read here are
the shared lexicons of ``extractor/data/``.

The rules of context of :func:`extractor.quantity._drop_in_context` (named in :data:`CUES`)
can be *soft*: a soft rule does not drop the mention, it marks it (``Candidate.cue``) and its
name becomes a feature, so the model decides. Which rules are soft is chosen by
cross-validation and written in the model (:attr:`LookalikeModel.soft`).

The score becomes the candidate's confidence (the probability that it is a claim), and a
candidate scoring below the model's threshold is not proposed (:func:`screen`). Scoring is one
dot product per candidate. The weights ship inside ``extractor/data/ranker.json`` under the
key ``lookalike`` (``{"bias": b, "threshold": t, "weights": {feature: w}, "soft": [rule]}``,
loaded strictly); a model file without it (an older ``claimdesk train``) proposes every
candidate with the rules' confidence, as before. ``python -m extractor.train`` fits it on the
gold of the training part (a candidate matching a gold claim — overlap, same value and unit —
is a claim; one overlapping a look-alike, no gold mention, or a gold claim with another value
or unit is not) and chooses the threshold and the soft rules by cross-validation;
``claimdesk train --db`` refits it on a database's decisions (accepted: a claim, rejected
extractor candidates: look-alikes), starting from the shipped weights.

The same module holds the *rules of context* (:func:`context_lookalike`): classes of shapes
that only the words around a quantity give away (a count that sums up the list before it or
announces the list after it, a count that points back to what was named, the games a statement
holds over, a number in the name of a cut, a term or a session, an order of appearance, a film
format, a starting age, a game clock), each with its cue words in a data file.
:func:`extractor.quantity._drop_in_context` drops what they name; ``bench/lookalike_rules.py``
shows what each drops (``X:name``).
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from . import lexicon
from .model import Candidate

#: The names of the rules of context (:func:`extractor.quantity._drop_in_context`, the last
#: twelve this module's :func:`context_lookalike`): each drops what it names, or, when the
#: model lists it as soft (:attr:`LookalikeModel.soft`), marks it as a feature instead.
CUES: tuple[str, ...] = (
    "quoted_name",
    "example",
    "question",
    "team_name",
    "group_of",
    "scope_in",
    "discourse_noun",
    "scope_of_statistic",
    "survey_sample",
    "number_name",
    "lens_name",
    "prize_slot",
    "rank_goal",
    "rank_condition",
    "phone_code",
    "criterion_class",
    "duration_list",
    "bound_class",
    "criterion",
    "threshold",
    "distance_target",
    "hypothetical",
    "bracket_after_share",
    "denomination",
    "time_frame",
    "style_name",
    "figure_of_speech",
    "idiom",
    "occasion",
    "condition_after",
    "list_summary",
    "reference_count",
    "bracket_of_distribution",
    "listed_count",
    "back_reference",
    "announces_list",
    "framing_count",
    "unit_name",
    "subject_count",
    "order_of_appearance",
    "film_format",
    "pair_pronoun",
    "session_name",
    "from_age",
    "game_clock",
    "fixed_set",
    "source_count",
)


class LookalikeError(ValueError):
    """A look-alike model that cannot be used (the message says why)."""


#: Where a clause ends (the features count quantities and read cues per clause).
_CLAUSE_END = re.compile(r"[，,；;：:。！？!?\n]")
_SENTENCE_END = "。！？!?\n"
_CN_DIGITS = frozenset("零〇两一二三四五六七八九十百千万亿")
_OPEN_CLOSE = (("“", "”"), ("《", "》"), ("（", "）"), ("(", ")"), ("「", "」"), ("【", "】"))
_OPENING = re.compile("[“《（(「【]")
#: A number written with a decimal point.
_POINT = re.compile(r"\d\.\d")


def _char_class(ch: str) -> str:
    """A coarse class of one character: digit, cjk numeral, cjk, latin, space, punct, edge."""
    if not ch:
        return "edge"
    if ch.isdigit():
        return "digit"
    if ch in _CN_DIGITS:
        return "cnnum"
    if "\u4e00" <= ch <= "\u9fff":
        return "cjk"
    if ch.isascii() and ch.isalpha():
        return "latin"
    if ch.isspace():
        return "space"
    if ch in "，,；;：:。！？!?":
        return "stop"
    if ch in "、/-~～—":
        return "join"
    if ch in '“”"《》（）()「」【】[]':
        return "bracket"
    return "other"


def _unit_class(unit: str) -> str:
    if not unit:
        return "none"
    if unit in ("%", "个百分点"):
        return "share"
    if unit.isascii():
        return "latin"
    return "cjk1" if len(unit) == 1 else "cjk2"


def _magnitude(value: float | None) -> str:
    if value is None:
        return "none"
    v = abs(value)
    if v == 0:
        return "zero"
    if v < 1:
        return "frac"
    if v == 1:
        return "one"
    if v == 2:
        return "two"
    if v < 10:
        return "digit"
    return f"e{min(int(math.log10(v)), 9)}"


def _bucket(x: float, edges: Sequence[float]) -> int:
    return bisect.bisect_right(list(edges), x)


@dataclass(frozen=True, slots=True)
class LookalikeModel:
    """Logistic weights over :func:`features`, the probability under which a candidate is
    not proposed, and the rules of context (:data:`CUES`) that mark a candidate for the model
    to decide instead of dropping it (``soft``; only with a threshold above 0)."""

    weights: Mapping[str, float]
    bias: float = 0.0
    threshold: float = 0.5
    soft: tuple[str, ...] = ()

    def probability(self, feats: Mapping[str, float]) -> float:
        """The probability that a candidate with these features is a claim."""
        w = self.weights
        z = self.bias + sum(w.get(k, 0.0) * v for k, v in feats.items())
        z = max(-30.0, min(30.0, z))
        return 1.0 / (1.0 + math.exp(-z))

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "bias": round(self.bias, 6),
            "threshold": round(self.threshold, 4),
            "weights": {k: round(v, 6) for k, v in sorted(self.weights.items()) if round(v, 6)},
        }
        if self.soft:
            out["soft"] = sorted(self.soft)
        return out

    @classmethod
    def from_dict(cls, data: object, where: str = "model") -> LookalikeModel:
        """The model from its JSON object; :class:`LookalikeError` when it is not one."""
        if not isinstance(data, dict):
            raise LookalikeError(f"{where}: lookalike must be an object")
        unknown = sorted(set(data) - {"bias", "threshold", "weights", "soft"})
        if unknown:
            raise LookalikeError(f"{where}: lookalike has unknown keys {unknown}")
        weights = data.get("weights", {})
        bias = data.get("bias", 0.0)
        threshold = data.get("threshold", 0.5)
        soft = data.get("soft", [])
        if not isinstance(weights, dict):
            raise LookalikeError(f"{where}: lookalike weights must be an object")
        for name, v in (("bias", bias), ("threshold", threshold), *weights.items()):
            if not isinstance(v, int | float) or isinstance(v, bool) or not math.isfinite(v):
                raise LookalikeError(f"{where}: lookalike {name!r} is not a number")
        if not 0.0 <= threshold < 1.0:
            raise LookalikeError(f"{where}: lookalike threshold must be in [0, 1)")
        if not isinstance(soft, list) or not all(isinstance(x, str) for x in soft):
            raise LookalikeError(f"{where}: lookalike soft must be a list of rule names")
        bad = sorted(set(soft) - set(CUES))
        if bad:
            raise LookalikeError(f"{where}: lookalike soft names unknown rules {bad}")
        if soft and threshold <= 0.0:
            # With no threshold every marked look-alike would be proposed.
            raise LookalikeError(f"{where}: lookalike soft rules need a threshold above 0")
        return cls(
            {str(k): float(v) for k, v in weights.items()},
            float(bias),
            float(threshold),
            tuple(sorted(set(soft))),
        )


@dataclass(frozen=True, slots=True)
class _Cues:
    plan: re.Pattern[str]
    source: re.Pattern[str]
    question: re.Pattern[str]
    example: re.Pattern[str]
    compare: re.Pattern[str]
    consequence: re.Pattern[str]
    criterion: re.Pattern[str]
    frame: re.Pattern[str]
    condition: re.Pattern[str]
    survey: re.Pattern[str]


_cues: _Cues | None = None


def _alternation(name: str, column: str | None = None) -> re.Pattern[str]:
    """One regex for the words of a lexicon (those whose second column is ``column``, when
    given), longest first."""
    if column is None:
        entries = list(lexicon.words(name))
    else:
        entries = [r[0] for r in lexicon.table(name) if len(r) > 1 and r[1] == column]
    return re.compile("|".join(re.escape(w) for w in sorted(entries, key=len)[::-1]))


def _lexicons() -> _Cues:
    global _cues
    if _cues is None:
        _cues = _Cues(
            plan=_alternation("plan_words"),
            source=_alternation("source_cues"),
            question=_alternation("question_words"),
            example=_alternation("example_words"),
            compare=_alternation("threshold_words", "compare"),
            consequence=_alternation("threshold_words", "consequence"),
            criterion=re.compile(
                _alternation("criterion_words").pattern
                + "|"
                + _alternation("criterion_prefixes").pattern
            ),
            frame=_alternation("time_frame_words"),
            condition=_alternation("condition_after"),
            survey=_alternation("survey_words"),
        )
    return _cues


def _clause(norm: str, start: int, end: int) -> tuple[int, int]:
    lo = max(0, start - 80)
    cut = None
    for m in _CLAUSE_END.finditer(norm, lo, start):
        cut = m.end()
    cs = cut if cut is not None else lo
    stop = _CLAUSE_END.search(norm, end, min(len(norm), end + 80))
    return cs, (stop.start() if stop else min(len(norm), end + 80))


#: The kinds whose share of a document's candidates are features (its genre: a financial
#: report, a game report, a survey).
_GENRE_KINDS = ("money", "percent", "count", "score", "duration")

#: Features also conjoined with the candidate's kind (a duration before a stop is often a
#: frame, a count before a stop rarely): measured on 5-fold CV of the training part.
CONJOIN: tuple[str, ...] = ("has_", "after=", "before=")


def features(
    norm: str, cands: Sequence[Candidate], fields: Sequence[Mapping[str, Sequence]] | None = None
) -> list[dict[str, float]]:
    """The features of each candidate of one document (``norm``: the text the extractor read,
    full-width digits folded; the candidates in text order, with the rules' confidence;
    ``fields``: each candidate's ranked options per field, whose best scores say how sure the
    ranker is of its subject, predicate and time)."""
    cues = _lexicons()
    n = max(1, len(norm))
    surfaces = Counter(c.quantity_text for c in cands)
    clauses = [_clause(norm, c.start, c.end) for c in cands]
    per_clause = Counter(clauses)
    first_end = len(norm)
    for ch in _SENTENCE_END:
        k = norm.find(ch)
        if 0 <= k < first_end:
            first_end = k
    per_sentence = Counter(c.sentence_start for c in cands)
    values = Counter((c.value, c.unit) for c in cands)
    kinds = Counter(c.kind for c in cands)
    genre = {k: kinds[k] / max(1, len(cands)) for k in _GENRE_KINDS}
    out: list[dict[str, float]] = []
    for i, (c, clause) in enumerate(zip(cands, clauses, strict=True)):
        f: dict[str, float] = {"bias": 1.0}
        if fields is not None:
            for name in ("subject", "predicate", "time"):
                opts = fields[i].get(name) or ()
                if opts:
                    top = float(getattr(opts[0], "score", 0.0))
                    f[f"{name}_score={_bucket(top, (0.2, 0.4, 0.6, 0.8))}"] = 1.0
                    if len(opts) > 1:
                        gap = top - float(getattr(opts[1], "score", 0.0))
                        f[f"{name}_gap={_bucket(gap, (0.05, 0.2))}"] = 1.0
        rule = c.rule or "none"
        f[f"rule={rule}"] = 1.0
        f[f"family={rule.split('.', 1)[0]}"] = 1.0
        f[f"kind={c.kind}"] = 1.0
        f[f"unit={_unit_class(c.unit)}"] = 1.0
        f[f"qual={c.qualifier or '='}"] = 1.0
        f[f"mag={_magnitude(c.value)}"] = 1.0
        if c.value is not None and c.value != int(c.value):
            f["decimal"] = 1.0
        if c.value_max is not None:
            f["range"] = 1.0
        surface = c.quantity_text
        if any(ch.isdigit() for ch in surface):
            f["arabic"] = 1.0
        else:
            f["chinese_numeral"] = 1.0
            if c.value is not None and abs(c.value) <= 3:
                f["small_chinese"] = 1.0
                f[f"small_chinese*{c.kind}"] = 1.0
        f[f"len={_bucket(len(surface), (2, 3, 5, 8))}"] = 1.0
        for name, text in (
            ("subject", c.subject),
            ("predicate", c.predicate),
            ("time", c.time_text),
            ("object", c.object),
        ):
            if text:
                f[f"has_{name}"] = 1.0
        sentence = norm[c.sentence_start : c.sentence_end]
        tail = norm[c.sentence_end : c.sentence_end + 1]
        if "？" in sentence or "?" in sentence or tail in ("？", "?"):
            f["question"] = 1.0
            if cues.question.search(sentence):
                f["question_word"] = 1.0
        if "！" in sentence or "!" in sentence or tail in ("！", "!"):
            f["exclamation"] = 1.0
        before = norm[c.sentence_start : c.start]
        if _OPENING.search(before):
            for opening, closing in _OPEN_CLOSE:
                if before.count(opening) > before.count(closing):
                    f[f"inside={opening}"] = 1.0
        if c.start < first_end:
            f["headline"] = 1.0
        f[f"pos={_bucket(c.start / n, (0.1, 0.3, 0.6, 0.9))}"] = 1.0
        f[f"before={_char_class(norm[c.start - 1 : c.start])}"] = 1.0
        f[f"after={_char_class(norm[c.end : c.end + 1])}"] = 1.0
        f[f"after2={_char_class(norm[c.end + 1 : c.end + 2])}"] = 1.0
        if norm.startswith("的", c.end):
            f["de_after"] = 1.0
        f[f"in_sentence={_bucket(per_sentence[c.sentence_start], (1, 2, 4))}"] = 1.0
        f[f"mag*{c.kind}={_magnitude(c.value)}"] = 1.0
        cs, ce = clause
        if cues.plan.search(norm, cs, c.start):
            f["plan"] = 1.0
        if cues.source.search(norm, cs, ce):
            f["source"] = 1.0
        if c.start - cs <= 1:
            f["clause_head"] = 1.0
        if ce - c.end <= 1:
            f["clause_tail"] = 1.0
        f[f"clause_len={_bucket(ce - cs, (6, 12, 24))}"] = 1.0
        k = per_clause[clause]
        f[f"in_clause={min(k, 3)}"] = 1.0
        if surfaces[surface] > 1:
            f["repeated"] = 1.0
            # Repeated three times or more: a name (20条, 18-105mm) more often than a count.
            f[f"repeats={_bucket(surfaces[surface], (3, 5))}"] = 1.0
        if "chinese_numeral" in f:
            f[f"chinese*{c.kind}"] = 1.0
        f["rule_confidence"] = c.confidence
        if c.cue:
            # A rule of context read as a feature (the model's soft rules): its name.
            f["cue"] = 1.0
            f[f"cue={c.cue}"] = 1.0
        # The look-alike lexicons as features: cue words in the clause or the sentence.
        ss = c.sentence_start
        if cues.example.search(norm, ss, c.start):
            f["lex_example"] = 1.0
        if cues.compare.search(norm, max(cs, c.start - 3), c.end):
            f["lex_compare"] = 1.0
            if cues.consequence.search(norm, c.end, c.sentence_end):
                f["lex_compare_consequence"] = 1.0
        if cues.criterion.search(norm, max(cs, c.start - 4), c.end):
            f["lex_criterion"] = 1.0
        if cues.frame.search(norm, max(cs, c.start - 5), c.start):
            f["lex_frame"] = 1.0
        if cues.condition.match(norm, c.end):
            f["lex_condition_after"] = 1.0
        if cues.survey.search(norm, max(cs, c.start - 5), c.start):
            f["lex_survey"] = 1.0
        # A number written with a decimal point (F2.0, 3.0米) is a measure, however small.
        point = _POINT.search(surface) is not None
        if point:
            f["written_decimal"] = 1.0
        # The number's shape.
        v = c.value
        if v is not None and v == int(v):
            iv = abs(int(v))
            if iv <= 10 and not point:
                f["small_int"] = 1.0
            elif iv % 100 == 0 or (iv % 10 == 0 and iv < 100):
                f["round"] = 1.0
            if 1900 <= iv <= 2100 and "." not in surface:
                f["year_like"] = 1.0
        if c.value is not None and c.value_max is None and c.qualifier not in ("", "="):
            f[f"qual*{c.kind}"] = 1.0
        # Neighbours: part of a list, the same value and unit elsewhere in the document.
        if "、" in norm[max(cs, c.start - 2) : c.start] or "、" in norm[c.end : c.end + 2]:
            f["in_list"] = 1.0
        if values[(c.value, c.unit)] > 1:
            f["same_value"] = 1.0
        # The document's genre: the share of its candidates of each kind.
        for kind_name, share in genre.items():
            f[f"doc_{kind_name}"] = share
        kind = c.kind
        for name in [name for name in f if name.startswith(CONJOIN)]:
            f[kind + "*" + name] = 1.0
        out.append(f)
    return out


def screen(norm: str, pairs: list, model: LookalikeModel | None) -> list:
    """Score ``(candidate, fields)`` pairs of one document: each candidate's confidence
    becomes the model's probability that it is a claim, and those under the threshold are not
    proposed. Without a model the pairs come back as they are."""
    if model is None or not pairs:
        return pairs
    feats = features(norm, [c for c, _ in pairs], [f for _, f in pairs])
    out = []
    for (cand, fields), f in zip(pairs, feats, strict=True):
        p = model.probability(f)
        if p < model.threshold:
            continue
        out.append((cand.replaced(confidence=round(max(0.05, min(p, 0.99)), 2)), fields))
    return out


# ---------------------------------------------------------------------------- training

Example = tuple[dict[str, float], float]


def fit(
    examples: Sequence[Example],
    *,
    l2: float = 4.0,
    prior: LookalikeModel | None = None,
    threshold: float = 0.5,
    iterations: int = 200,
) -> LookalikeModel:
    """Logistic regression on ``(features, label)`` examples (label 1 a claim, 0 a look-alike),
    with an L2 penalty ``l2 / 2 * |w - prior|^2`` against the summed loss: with a ``prior``
    (the shipped model) a database's few decisions move its weights only as far as they
    agree. Deterministic (L-BFGS, pure Python)."""
    from .ranker import _lbfgs

    names = sorted({k for f, _ in examples for k in f} | set(prior.weights if prior else ()))
    if "bias" in names:
        names.remove("bias")
    names.insert(0, "bias")
    index = {k: i for i, k in enumerate(names)}
    rows = [([(index[k], v) for k, v in f.items() if v], y) for f, y in examples]
    w0 = [0.0] * len(names)
    if prior is not None:
        for k, v in prior.weights.items():
            w0[index[k]] = v
        w0[0] += prior.bias
    n = max(1, len(rows))

    def objective(w: list[float]) -> tuple[float, list[float]]:
        loss = 0.0
        grad = [0.0] * len(w)
        for row, y in rows:
            z = sum(w[i] * v for i, v in row)
            if z >= 0:
                e = math.exp(-z)
                p = 1.0 / (1.0 + e)
                loss += (1 - y) * z + math.log1p(e)
            else:
                e = math.exp(z)
                p = e / (1.0 + e)
                loss += -y * z + math.log1p(e)
            d = p - y
            for i, v in row:
                grad[i] += d * v
        # The bias (index 0) is not penalised.
        pen = sum((w[i] - w0[i]) ** 2 for i in range(1, len(w)))
        loss = loss / n + 0.5 * l2 / n * pen
        g = [gi / n for gi in grad]
        for i in range(1, len(w)):
            g[i] += l2 / n * (w[i] - w0[i])
        return loss, g

    w = _lbfgs(objective, list(w0), iterations) if rows else w0
    weights = {k: w[i] for i, k in enumerate(names) if i}
    return LookalikeModel(weights, w[0], threshold)


# ---------------------------------------------------------------------- rules of context
#
# Look-alikes that only the words around a quantity give away, checked by
# :func:`extractor.quantity._drop_in_context` after its own rules. Each rule is a class of
# shapes with its cue words in a data file; none is the words of one article.


class _Quantity(Protocol):
    start: int
    end: int
    core_start: int
    value: float | None
    value_max: float | None
    unit: str
    kind: str
    rule: str


_CN_COUNT_START = re.compile(r"[两二三四五六七八九十]")
_CLAUSE_HEAD = re.compile(r"[^，。；！？,;!?\n：:]*$")
#: A note in brackets inside a list (蓝盈莹(微博)、…): not an item.
_BRACKET_NOTE = re.compile(r"[（(][^（()）]{0,8}[）)]")
#: Words that join the last item of a list.
_LAST_ITEM = re.compile(r"(?:以及|和|及|与)")
#: Verbs of having before a list (拥有雅黑、炫银和亮红三款颜色): the count of what is had is a
#: claim, the list only names it.
_HAVING = ("有", "包括", "包含")
#: What the last item of a list cannot end with: a verb's particle or a copula (在北京、上海开设
#: 了3家店 counts what was done, not the cities).
_NOT_ITEM_END = "了过着有是为在到"


@dataclass(frozen=True, slots=True)
class _Rules:
    back_reference: tuple[str, ...]
    enumeration_colon: tuple[str, ...]
    enumeration_next: tuple[str, ...]
    frame_counts: dict[str, frozenset[str]]
    unit_names: dict[str, tuple[tuple[str, tuple[str, ...]], ...]]
    sequence_verbs: tuple[str, ...]
    format_nouns: tuple[str, ...]
    casualty_words: tuple[str, ...]
    pair_forms: frozenset[str]
    pair_counting: tuple[str, ...]
    fixed_sets: dict[float, tuple[str, ...]]
    source_verbs: tuple[str, ...]


_rules: _Rules | None = None


def _context_rules() -> _Rules:
    global _rules
    if _rules is None:
        frames: dict[str, frozenset[str]] = {}
        for word, measures in lexicon.table("frame_count_words"):
            frames[word] = frozenset(measures.split())
        names: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {}
        for row in lexicon.table("unit_name_words"):
            unit, word, but = row[0], row[1], tuple(row[2].split()) if len(row) > 2 else ()
            names[unit] = (*names.get(unit, ()), (word, but))
        cues = lexicon.table("enumeration_cues")
        _rules = _Rules(
            back_reference=lexicon.words("back_reference_words"),
            enumeration_colon=tuple(r[0] for r in cues if r[1] == "colon"),
            enumeration_next=tuple(r[0] for r in cues if r[1] == "next"),
            frame_counts=frames,
            unit_names=names,
            sequence_verbs=lexicon.words("sequence_verbs"),
            format_nouns=lexicon.words("format_nouns"),
            casualty_words=lexicon.words("casualty_words"),
            pair_forms=frozenset(r[0] for r in lexicon.table("pair_pronouns") if r[1] == "form"),
            pair_counting=tuple(r[0] for r in lexicon.table("pair_pronouns") if r[1] == "count"),
            fixed_sets={
                float(row[0]): tuple(sorted(row[1].split(), key=len, reverse=True))
                for row in lexicon.table("fixed_set_counts")
            },
            source_verbs=lexicon.words("source_report_verbs"),
        )
    return _rules


def _listed_count(t: str, m: _Quantity) -> bool:
    """北京、上海和广州三座城市; 甲基金、乙基金和丙基金等3只基金: a count right after the list
    it sums up (as many items as it counts, the last joined by 和/及/与, a closing 等 allowed)
    repeats the list, it claims nothing new."""
    if m.rule != "count.measure" or m.value is None or not 3 <= m.value <= 12:
        return False  # 分列3-5位: a range of ranks, no sum of a list
    if m.core_start != m.start:
        return False
    head_m = _CLAUSE_HEAD.search(t, max(0, m.start - 80), m.start)
    if head_m is None:
        return False
    head = _BRACKET_NOTE.sub("", head_m.group(0)).rstrip('”"」』')
    if head.endswith("等"):
        head = head[:-1]
    if "、" not in head or not head or not ("\u4e00" <= head[-1] <= "\u9fff"):
        return False
    items = head.split("、")
    last = _LAST_ITEM.split(items[-1])
    items = items[:-1] + last
    if any(not item for item in items) or items[-1][-1] in _NOT_ITEM_END:
        return False
    if any(ch.isdigit() for ch in head):
        return False  # 63、454、72路等6条线路: numbers name the items, the count is said of them
    if any(w in items[0] for w in _HAVING):
        return False  # 拥有A、B和C四款颜色: an inventory, the count is claimed
    return len(items) == m.value


def _back_reference(t: str, m: _Quantity) -> bool:
    """其他两个方向, 上述三只基金: a small count in Chinese numerals after a word that points
    back to what the text has named (data/back_reference_words.tsv)."""
    if m.kind != "count" or m.core_start != m.start or not _CN_COUNT_START.match(t, m.start):
        return False
    return t.endswith(_context_rules().back_reference, max(0, m.start - 3), m.start)


def _pair_pronoun(t: str, m: _Quantity) -> bool:
    """因为两人都喜欢悬疑小说, 夫妻两人各靠低保生活: 两人 (三人) with no qualifier and no
    counting word right before it stands for the people just named (data/pair_pronouns.tsv);
    其中两人受伤 counts, and so does a count of casualties (两人受伤，一人死亡)."""
    if m.core_start != m.start:
        return False
    rules = _context_rules()
    if t[m.start : m.end] not in rules.pair_forms or t.startswith(rules.casualty_words, m.end):
        return False
    return not t.endswith(rules.pair_counting, max(0, m.start - 2), m.start)


def _announces_list(t: str, m: _Quantity) -> bool:
    """两个因素。第一是…, 分为三种：…, 两件事情，即…: a small count whose noun is followed by
    the list of the things counted (data/enumeration_cues.tsv)."""
    if m.kind != "count" or m.value is None or m.value > 10 or m.core_start != m.start:
        return False
    if not _CN_COUNT_START.match(t, m.start):
        return False  # 助攻只有2次。第一节…: a list is announced in words
    rules = _context_rules()
    k = m.end
    stop = min(len(t), k + 8)
    while k < stop and "\u4e00" <= t[k] <= "\u9fff":
        k += 1
    if t.startswith(rules.enumeration_colon, k):
        return t[k + 1 : k + 2] not in '“"「'  # 两人坦承：“…”: speech, no list
    if k < len(t) and t[k] in "，。；,;":
        if t.startswith(rules.enumeration_next, k + 1):
            return True
        # 三类。第一类是…, 两个因素。第一是…: the first of the things counted
        return t.startswith("第一", k + 1) and t.startswith(("是", "，", m.unit), k + 3)
    return False


def _framing_count(t: str, m: _Quantity) -> bool:
    """本赛季头两场季后赛, 最后两场他分别射下…: a count of games after a word that makes it the
    games a statement holds over (data/frame_count_words.tsv)."""
    if m.kind != "count" or m.core_start != m.start:
        return False
    for word, measures in _context_rules().frame_counts.items():
        if m.unit in measures and t.endswith(word, max(0, m.start - len(word)), m.start):
            return True
    return False


def _unit_name(t: str, m: _Quantity) -> bool:
    """九分裤, 两年期评级, 30级副本: a number and unit that, with the word after them, name a
    cut, a term or a level of game content (data/unit_name_words.tsv), not a measure."""
    for word, but in _context_rules().unit_names.get(m.unit, ()):
        if t.startswith(word, m.end) and not (but and t.startswith(but, m.end)):
            return True
    return False


def _subject_count(t: str, m: _Quantity) -> bool:
    """，两家公司的基金经理…; 。两种文化的冲击…; ，两人对婚姻大事有共识: a bare count of two
    as the subject of its clause refers to the pair already named (a new count comes after 有
    or a verb); a count of casualties (，两人受伤) stays, and so do larger counts, which a
    report opens clauses with (。四名替补球员得分上双)."""
    if m.rule != "count.measure" or m.core_start != m.start:
        return False
    if not t.startswith("两", m.start) or m.end - m.start != 2:
        return False
    if m.start > 0 and t[m.start - 1] not in "，。；！？,;!?\n":
        return False
    clause = _CLAUSE_REST.match(t, m.end)
    rest = clause.group(0) if clause else ""
    return not any(w in rest for w in _context_rules().casualty_words)


_CLAUSE_REST = re.compile(r"[^，。；！？,;!?\n]{0,12}")
#: A source clause opened by 据 or 根据 at the head of a clause (另据, 而据 too; 数据, 依据 and
#: 占据 open nothing), running to the quantity.
_SOURCE_HEAD = re.compile(r"(?:^|[，。；！？,;!?\n\s）)”])[另又而但]?根?据[^，。；！？,;!?\n]*$")
_SOURCE_REST = re.compile(r"[^，。；！？,;!?\n]{0,20}")


def _source_count(t: str, m: _Quantity) -> bool:
    """据三家基础电信企业公布的数据, 根据5家机构统计: a count inside a source clause (opened by
    据 at the head of a clause, closed by a verb of reporting: data/source_report_verbs.tsv)
    sizes the source; the report's own figures come after the clause."""
    if m.kind != "count" or not _SOURCE_HEAD.search(t, max(0, m.start - 24), m.start):
        return False
    rest = _SOURCE_REST.match(t, m.end)
    return rest is not None and any(v in rest.group(0) for v in _context_rules().source_verbs)


#: What may stand before a fixed whole at the head of its clause: a national word and a time
#: (全国, 昨日, 4月5日0—24时).
_SET_HEAD = re.compile(r"[\d年月日号时分至到—\-－0-9昨今本全我中国内地各的\s]*")


def _fixed_set(t: str, m: _Quantity) -> bool:
    """31个省（自治区、直辖市）和新疆生产建设兵团报告…, 全国31个省份, 56个民族: a count that is
    the size of a fixed whole (data/fixed_set_counts.tsv) names that whole, the scope of a
    report, and claims no number (25个省份 counts provinces)."""
    if m.kind != "count" or m.value is None or m.value_max is not None or m.core_start != m.start:
        return False
    nouns = _context_rules().fixed_sets.get(m.value)
    if not nouns or not (m.unit in nouns or (m.unit == "个" and t.startswith(nouns, m.end))):
        return False
    # Only as the head of its clause, the whole a report or a statistic runs over; the object
    # of a verb is counted (活动覆盖全国31省市, 业务遍及31个省份).
    head = _CLAUSE_HEAD.search(t, max(0, m.start - 20), m.start)
    return head is None or bool(_SET_HEAD.fullmatch(head.group(0)))


def _order_of_appearance(t: str, m: _Quantity) -> bool:
    """第一位出场的是…, 第三个登场: an ordinal before a verb of appearance
    (data/sequence_verbs.tsv) places something in an order, it ranks nothing."""
    if m.rule != "rank.ordinal":
        return False
    k = m.end + 1 if t[m.end : m.end + 1] in ("位", "个", "名") else m.end
    return t.startswith(_context_rules().sequence_verbs, k)


def _film_format(t: str, m: _Quantity) -> bool:
    """相当于35mm胶片相机, 等效35mm焦距28-105mm: a length that names a film format
    (data/format_nouns.tsv), or the basis of an equivalent focal length (焦距 and the focal
    length after it), is no size of the camera."""
    if m.kind != "length":
        return False
    if t.startswith(_context_rules().format_nouns, m.end):
        return True
    return t.startswith("焦距", m.end) and t[m.end + 2 : m.end + 3].isdigit()


#: 十一届全国人大, 十七届四中全会, 29届奥运会: a session of ten or more written N届 right
#: before the name of what it numbers, no verb before it (举办了三届部长级会议, 三届常规赛MVP
#: and 举办了63届， count sessions).
_SESSION_NAME = re.compile(r"[\u4e00-\u9fff](?<![的了中])")

#: 从16岁开始, 从18岁起: the age at which something started, a moment in a life.
_FROM_AGE_AFTER = ("开始", "起")

#: A clock time written N分N秒 opening a clause (7分28秒布莱切命中…, ，3分28秒，韦斯特抢断):
#: a moment of a game; a time taken follows a verb (跑出了3分28秒).
_CLOCK_HEAD = re.compile(r"(?:^|[，。；！？,;!?\n])\d{1,2}分$")


#: The rules of context read by a function each, in the order they are tried.
_CONTEXT_RULES: tuple[tuple[str, Callable[[str, _Quantity], bool]], ...] = (
    ("listed_count", _listed_count),
    ("back_reference", _back_reference),
    ("announces_list", _announces_list),
    ("framing_count", _framing_count),
    ("unit_name", _unit_name),
    ("subject_count", _subject_count),
    ("order_of_appearance", _order_of_appearance),
    ("film_format", _film_format),
    ("pair_pronoun", _pair_pronoun),
    ("fixed_set", _fixed_set),
    ("source_count", _source_count),
)


def context_lookalike(t: str, m: _Quantity) -> str | None:
    """The name of the rule of context that makes a quantity a look-alike, or None."""
    for name, rule in _CONTEXT_RULES:
        if rule(t, m):
            return name
    if (
        m.unit == "届"
        and m.core_start == m.start
        and (m.value or 0) >= 10
        and not t.endswith(("了", "过"), 0, m.start)
        and _SESSION_NAME.match(t, m.end)
    ):
        return "session_name"
    if m.kind == "age" and t.endswith("从", 0, m.start) and t.startswith(_FROM_AGE_AFTER, m.end):
        return "from_age"
    if m.unit in ("秒", "秒钟") and _CLOCK_HEAD.search(t, max(0, m.start - 4), m.start):
        return "game_clock"
    return None
