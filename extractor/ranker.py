"""A small learned ranker that chooses among candidate fillers of a role (the subject).

Rules propose several candidates for who a claim is about (noun phrases of the sentence,
names of the document's entity table, the subject the clause rules carried over); each
candidate is described by generic features only — distance, position, before or after the
quantity, part of speech and name shape, a source clause, salience, the kind of claim — never
by its words. A logistic regression over those features scores each candidate; the best one
fills the field and the runners-up are kept for the reviewer.

The same listwise model ranks the options of the predicate and the time (verb phrases around
the quantity, measured attributes, the counted noun; the time expressions of the clause, the
sentence and the paragraph before it, and no time at all), each field with its own features
(:data:`FIELD_FEATURES`) and weights.

The model is a plain JSON file (``{"version": 1, "bias": b, "weights": {feature: w},
"fields": {"predicate": {feature: w}, "time": {feature: w}}}``; ``weights`` are the subject's,
and a field missing from ``fields`` keeps the clause rules' choice first):
``extractor/data/ranker.json`` ships with the package and is rebuilt by
``python -m extractor.train`` from the training part of the gold; ``claimdesk train --db``
builds one from a database's decisions. Pure Python: no numpy, nothing to install.
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

#: Format version of a model file.
MODEL_VERSION = 1


class ModelError(ValueError):
    """A model file that cannot be used (the message says why)."""


@dataclass(slots=True)
class Option:
    """One candidate filler of a role.

    Attributes:
        text: the filler as the claim will carry it (aliases resolved).
        start, end: where its mention is in the document (-1 when not written there).
        features: generic feature values (see :data:`FEATURES`).
        score: the ranker's score, filled by :meth:`Ranker.rank`.
    """

    text: str
    start: int
    end: int
    features: dict[str, float] = field(default_factory=dict)
    score: float = 0.0


#: Every feature a subject option can have (absent = 0). Documented so a reader of the
#: model file knows what each weight means.
FEATURES: dict[str, str] = {
    "rule": "the clause rules (v1) chose this filler",
    "same_clause": "its mention is in the quantity's clause",
    "same_sentence": "its mention is in the quantity's sentence",
    "earlier_sentence": "its mention is in an earlier sentence",
    "previous": "the subject chosen for the previous claim of the document",
    "topic": "the most salient name of the document (the article's topic)",
    "most_frequent": "the option that occurs most often in the document",
    "topic_term": "a frequent noun of the headline or quoted term of the text (地震, “80后”)",
    "nearest": "the option written nearest before the quantity",
    "first": "the first option written in the quantity's sentence",
    "list_item": "the item of a list aligned with the quantity's place in a list (A、B分别为X、Y)",
    "whole_list": "a whole list of names (A、B、C) before the quantity",
    "suffix_name": "read back from an organisation suffix to a stop (鹏华行业成长基金)",
    "title": "a title in book-title marks (《画壁》: a work, a game, a product)",
    "agent": "the noun phrase after 被 (who did it, in a passive clause)",
    "after_de": "the noun phrase after the quantity and 的 (15万平方米的住宅用地)",
    "expanded": "a longer name of the document that this mention abbreviates",
    "table": "it comes from the document's entity table, not from this sentence",
    "dist": "log(1 + characters between the mention and the quantity) / 5",
    "after": "its mention follows the quantity",
    "clause_opener": "its mention opens its clause (after times and connectives)",
    "proper": "a token tagged as a proper noun (person, place, organisation, other name)",
    "person": "a token tagged as a person name, or a transliterated name with · or -",
    "place": "a token tagged as a place name",
    "inner": "a name inside a longer noun run (新农合 in 全国新农合筹资水平)",
    "owner": "the owner split off a measured attribute (新农合 of 新农合筹资水平)",
    "org": "it ends with an organisation suffix (公司, 集团, 局, …)",
    "role": "it ends with a role or region suffix (人员, 者, 地区, …)",
    "attr": "it ends with a measured attribute (率, 收入, 面积, …)",
    "generic": "a generic reference (该公司, 公司, 球队, …) resolved to an antecedent",
    "alias": "an alias defined in the text, or a name met before",
    "length": "characters / 10",
    "single_token": "one token",
    "freq": "log(1 + occurrences in the document) / 3",
    "headline": "it occurs in the headline (the text up to the first sentence end)",
    "source": "its clause is a source (据, 表示, 称, 指出, 显示, a dateline) or a speaker",
    "before_de": "the mention is followed by 的 (the owner of what follows)",
    "after_verb": "the mention follows a verb in its clause (an object, not a subject)",
    "stretch": "the words opening the quantity's clause up to its first verb (考生有3种途径)",
    "de_phrase": "the 的-phrase opening the clause up to the verb (涨幅超过五成的个股有…)",
    "carried_no_opener": "an earlier subject, when the quantity's clause opens with no subject",
    "own_opener": "it opens the quantity's own clause",
    "counted": "the noun (or 的-phrase) the quantity counts, right after it (168只偏股基金)",
    "repeated": "an option read on to what follows it wherever the document writes it (合丰成长)",
    "split_name": "a person name the tagger split into one-character name tokens (徐/桑/楚)",
    "clause_head": "the whole head of the clause before the quantity (杜克12次, 基金同益跌2.58%)",
    "next_clause": "the words opening one of the next two clauses of the quantity's sentence",
    "earlier_opener": "the words opening a clause of an earlier sentence (a subject stated once)",
    "sentences_back": "sentences between the option's mention and the quantity's / 3",
    "verb_inside": "the tagger reads a verb before its last word (a clause, not a noun phrase)",
    "doc_subject": "a subject the clause rules chose often in the document (1 / rank)",
    "kind_percent": "the claim is a percentage and the filler is an attribute",
    "kind_count": "the claim is a count and the filler is a proper name",
    "kind_score": "the claim is a sport score or stat and the filler is a person",
}


#: Features of a predicate option (absent = 0).
PREDICATE_FEATURES: dict[str, str] = {
    "rule": "the clause rules chose this predicate",
    "before": "it is written before the quantity",
    "after": "it is written after the quantity",
    "dist": "log(1 + characters between it and the quantity) / 5",
    "adjacent": "only qualifiers, copulas or aspect words stand between it and the quantity",
    "nearest_verb": "the verb nearest the quantity on its side",
    "verb": "it is (or ends with) a verb",
    "noun": "it is a noun phrase",
    "attr": "it ends with a measured attribute (率, 收入, 面积, …)",
    "gap": "the whole stretch between the subject and the quantity (同比增长, 实现营业收入)",
    "counted": "the noun the quantity counts, right after its unit (3种途径)",
    "counted_verb": "the verb after the counted noun (80名大使亮相, 六成个股下跌)",
    "after_de": "the noun after the quantity and 的 (15%的份额)",
    "yi_de": "the attribute after 以/按, the quantity and 的 (以15%的份额位居第一)",
    "copula": "a copula (为, 是, 达) stands between it and the quantity",
    "modal": "it follows an adverb (同比, 将, 均): the phrase starts with it",
    "proper": "it holds a token tagged as a proper name (a name is never a predicate)",
    "single_char": "one character",
    "length": "characters / 10",
    "shared": "the verb of an earlier quantity of the same list (增长1.0%、6.0%)",
    "kind_count_noun": "a count and a noun option",
    "kind_percent_verb": "a percentage and a verb option",
    "kind_money_verb": "money and a verb option",
    "kind_score_verb": "a sport score or stat and a verb option",
}

#: Features of a time option (absent = 0); the empty option is "no time".
TIME_FEATURES: dict[str, str] = {
    "rule": "the clause rules chose this time",
    "empty": "the option of no time at all",
    "same_clause": "it is in the quantity's clause",
    "same_sentence": "it is in the quantity's sentence, before the quantity",
    "after": "it follows the quantity in its clause",
    "sentences_back": "sentences between it and the quantity / 3",
    "period_carried": "a reporting period (2008年, 今年以来) closing the sentence before",
    "headline": "it is in the headline (the text up to the first sentence end)",
    "lead": "one of the first two times of the lead (datelines left out)",
    "dist": "log(1 + characters between it and the quantity) / 5",
    "nearest": "the time nearest before the quantity",
    "period": "a reporting period (2008年, 今年以来, 第三季度, 截至…)",
    "anchor": "a date or period that pins a moment (not 上午 alone)",
    "relative": "a relative word (今年, 目前, 上周, 当日)",
    "modifier": "followed by 的 (今年的一项计划: modifies a noun)",
    "quantity_between": "another quantity stands between it and this one",
    "future": "the quantity's clause states a plan or a target (将, 计划, 预计, 目标)",
    "no_time_here": "the empty option, when the quantity's sentence names no time",
    "kind_duration": "the claim is a duration",
}

#: The features of each ranked field.
FIELD_FEATURES: dict[str, dict[str, str]] = {
    "subject": FEATURES,
    "predicate": PREDICATE_FEATURES,
    "time": TIME_FEATURES,
}


class Ranker:
    """A logistic-regression scorer over :data:`FEATURES` (and, per field, over
    :data:`FIELD_FEATURES`)."""

    def __init__(
        self,
        weights: Mapping[str, float],
        bias: float = 0.0,
        fields: Mapping[str, Mapping[str, float]] | None = None,
    ):
        self.weights = {k: float(v) for k, v in weights.items() if k in FEATURES}
        self.bias = float(bias)
        #: Weights of the other ranked fields (predicate, time); a field absent here keeps
        #: the clause rules' choice.
        self.fields: dict[str, dict[str, float]] = {
            name: {k: float(v) for k, v in w.items() if k in FIELD_FEATURES[name]}
            for name, w in (fields or {}).items()
            if name in FIELD_FEATURES and name != "subject"
        }

    def ranks(self, field: str) -> bool:
        """Whether this model ranks ``field`` (the subject always; others when trained)."""
        return field == "subject" or field in self.fields

    def _weights(self, field: str) -> dict[str, float]:
        if field == "subject":
            return self.weights
        return self.fields.get(field) or {"rule": 1.0}

    # ------------------------------------------------------------------ scoring
    def score(self, features: Mapping[str, float], field: str = "subject") -> float:
        """The probability that a filler with these features is right."""
        w = self._weights(field)
        z = self.bias + sum(w.get(k, 0.0) * v for k, v in features.items())
        z = max(-30.0, min(30.0, z))
        return 1.0 / (1.0 + math.exp(-z))

    def rank(self, options: Sequence[Option], field: str = "subject") -> list[Option]:
        """The options scored and sorted best first (ties keep the given order)."""
        w = self._weights(field)
        get = w.get
        for o in options:
            z = self.bias
            for k, v in o.features.items():
                z += get(k, 0.0) * v
            z = max(-30.0, min(30.0, z))
            o.score = round(1.0 / (1.0 + math.exp(-z)), 4)
        return sorted(options, key=lambda o: -o.score)

    # ------------------------------------------------------------------ files
    def to_json(self) -> str:
        """The model as JSON text (see the module docstring)."""
        data: dict[str, object] = {
            "version": MODEL_VERSION,
            "bias": round(self.bias, 6),
            "weights": {k: round(self.weights.get(k, 0.0), 6) for k in FEATURES},
        }
        if self.fields:
            data["fields"] = {
                name: {k: round(w.get(k, 0.0), 6) for k in FIELD_FEATURES[name]}
                for name, w in sorted(self.fields.items())
            }
        return json.dumps(
            data,
            ensure_ascii=False,
            indent=1,
        )

    @classmethod
    def from_json(cls, text: str, where: str = "model") -> Ranker:
        """A model from JSON text; :class:`ModelError` naming ``where`` when it is not one."""
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ModelError(f"{where}: not JSON ({exc.msg})") from None
        if not isinstance(data, dict) or data.get("version") != MODEL_VERSION:
            raise ModelError(f"{where}: not a ranker model of version {MODEL_VERSION}")
        weights = data.get("weights")
        bias = data.get("bias", 0.0)
        if not isinstance(weights, dict) or not isinstance(bias, int | float):
            raise ModelError(f"{where}: weights must be an object and bias a number")
        _check_weights(weights, where, "weight")
        fields = data.get("fields", {})
        if not isinstance(fields, dict):
            raise ModelError(f"{where}: fields must be an object")
        for name, w in fields.items():
            if name not in FIELD_FEATURES or name == "subject":
                raise ModelError(f"{where}: unknown field {name!r} (predicate or time)")
            if not isinstance(w, dict):
                raise ModelError(f"{where}: weights of field {name!r} must be an object")
            _check_weights(w, where, f"{name} weight")
        return cls(weights, bias, fields)


def _check_weights(weights: dict, where: str, what: str) -> None:
    for k, v in weights.items():
        if not isinstance(v, int | float) or isinstance(v, bool) or not math.isfinite(v):
            raise ModelError(f"{where}: {what} {k!r} is not a number")


@cache
def shipped() -> Ranker:
    """The model shipped in the package (``extractor/data/ranker.json``)."""
    text = resources.files("extractor").joinpath("data", "ranker.json").read_text("utf-8")
    return Ranker.from_json(text, "extractor/data/ranker.json")


_active: Ranker | None = None


def activate(model: Ranker | None) -> None:
    """Use this model (one trained on a database's decisions) for every extraction in this
    process until called again; None goes back to the shipped model."""
    global _active
    _active = model


def default() -> Ranker:
    """The model extraction uses when none is given: the activated one, else the shipped one."""
    return _active if _active is not None else shipped()


def fit(
    groups: Sequence[Sequence[tuple[Mapping[str, float], bool]]],
    *,
    epochs: int = 150,
    rate: float = 0.1,
    l2: float = 0.01,
    seed: int = 0,
    field: str = "subject",
) -> Ranker:
    """Train a ranker on groups of options, each ``(features, right)``.

    A listwise model (conditional logit): within each group the options' scores are turned
    into probabilities by a softmax, and stochastic gradient descent raises the probability of
    the right options, with L2 regularisation. Groups with no right option teach nothing and
    are skipped. Deterministic for a seed. The scores of a trained model rank the options of
    one claim; the probability shown to a reviewer is the logistic of the same score.

    Args:
        groups: one group per claim: its options' features and whether each is right.
        epochs, rate, l2: passes over the data, learning rate, weight decay.
        seed: order of the groups.
        field: which field's features are learned; the model returned ranks that field
            (combine fields with :meth:`Ranker.combine`).
    """
    weights = fit_weights(groups, FIELD_FEATURES[field], epochs=epochs, rate=rate, l2=l2, seed=seed)
    if field == "subject":
        return Ranker(weights, 0.0)
    return Ranker({}, 0.0, {field: weights})


def fit_weights(
    groups: Sequence[Sequence[tuple[Mapping[str, float], bool]]],
    features: Mapping[str, str],
    *,
    epochs: int = 150,
    rate: float = 0.1,
    l2: float = 0.01,
    seed: int = 0,
) -> dict[str, float]:
    """The weights of :func:`fit` over the given feature names."""
    data = [[(dict(f), right) for f, right in g] for g in groups if any(right for _, right in g)]
    weights = dict.fromkeys(features, 0.0)
    rng = random.Random(seed)
    for epoch in range(epochs):
        rng.shuffle(data)
        step = rate / (1 + epoch / 30)
        for group in data:
            zs = [sum(weights.get(k, 0.0) * v for k, v in f.items()) for f, _ in group]
            top = max(zs)
            exps = [math.exp(z - top) for z in zs]
            total = sum(exps)
            n_right = sum(1 for _, right in group if right)
            grad: dict[str, float] = {}
            for (f, right), e in zip(group, exps, strict=True):
                diff = e / total - (1.0 / n_right if right else 0.0)
                for k, v in f.items():
                    if k in weights:
                        grad[k] = grad.get(k, 0.0) + diff * v
            for k in weights:
                weights[k] -= step * (grad.get(k, 0.0) + l2 * weights[k])
    return weights


def combine(subject: Ranker, **others: Ranker) -> Ranker:
    """One model from a subject model and models of other fields (``predicate=…, time=…``)."""
    fields = dict(subject.fields)
    for name, model in others.items():
        if name in model.fields:
            fields[name] = model.fields[name]
    return Ranker(subject.weights, subject.bias, fields)
