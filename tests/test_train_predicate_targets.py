"""The training weights of predicate options (extractor.train.predicate_targets): when a gold
predicate holds both the verb and the object of a quantity, the verb is taught, not the object.

Sentences are written for these tests; none is copied from a gold file.
"""

from __future__ import annotations

import pytest

from extractor.core import extract_with_fields
from extractor.ranker import canonical_key, list_features
from extractor.train import DEMOTED, EXACT_WEIGHT, _right, predicate_targets


def _weights(text: str, surface: str, gold: str) -> dict[str, tuple[float, float]]:
    """Each predicate option's text -> (weight by the scorer's rule, training weight)."""
    for cand, fields in extract_with_fields(text):
        if cand.quantity_text != surface:
            continue
        options = sorted(fields["predicate"], key=canonical_key)
        feats = list_features(options, "predicate", cand.kind)
        right = [_right("predicate", {"predicate": gold}, o.text) for o in options]
        taught = predicate_targets(feats, right)
        return {o.text: (r, t) for o, r, t in zip(options, right, taught, strict=True)}
    raise AssertionError(f"{surface} not found")


@pytest.mark.parametrize(
    ("text", "surface", "gold", "verb", "noun"),
    [
        ("这家公司上月签署了8项合作协议。", "8项", "签署了合作协议", "签署", "合作协议"),
        ("该楼盘开盘当天售出300多套住房。", "300多套", "售出住房", "售出", "住房"),
    ],
)
def test_a_gold_holding_verb_and_object_teaches_the_verb(
    text: str, surface: str, gold: str, verb: str, noun: str
) -> None:
    weights = _weights(text, surface, gold)
    assert weights[noun] == (1.0, DEMOTED)  # right by containment, taught as nearly wrong
    assert weights[verb][1] > 0


@pytest.mark.parametrize(
    ("text", "surface", "gold", "kept", "taught"),
    [
        # The object is exactly the gold: it stays the answer.
        ("这家公司上月签署了8项合作协议。", "8项", "合作协议", "合作协议", EXACT_WEIGHT),
        # No verb option is right: the object stays right.
        ("这家公司上月签署了8项合作协议。", "8项", "合作协议数量", "合作协议", 1.0),
    ],
)
def test_an_exact_object_or_one_without_a_right_verb_is_kept(
    text: str, surface: str, gold: str, kept: str, taught: float
) -> None:
    assert _weights(text, surface, gold)[kept] == (taught, taught)
