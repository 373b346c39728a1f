"""The context characters of a ranked option (:func:`extractor.ranker.add_context`): its first
and last characters and those around its mention, learned by the ranker like any feature."""

from __future__ import annotations

import json

import pytest

from extractor import ranker
from extractor.core import extract_with_fields
from extractor.ranker import (
    CONTEXT_MIN,
    Option,
    Ranker,
    add_context,
    context_names,
    fit,
    is_context,
    shipped,
)


def _opt(text: str, start: int, end: int, **features: float) -> Option:
    return Option(text, start, end, dict(features))


@pytest.mark.parametrize(
    ("text", "option", "expected"),
    [
        # Written mid-sentence: last character, the one before and the one after.
        (
            "去年甲乙公司的营收为3亿元",
            ("甲乙公司", 2, 6),
            {"first=甲", "last=司", "prev=年", "next=的"},
        ),
        # At the text's start: ^ before it; punctuation after it reads as P.
        ("甲乙公司，营收3亿元", ("甲乙公司", 0, 4), {"first=甲", "last=司", "prev=^", "next=P"}),
        # At the text's end: ^ after it too.
        ("营收3亿元的是甲乙队", ("甲乙队", 7, 10), {"first=甲", "last=队", "prev=是", "next=^"}),
        # A quote before and a space after are punctuation alike.
        ("“丙丁” 营收3亿元", ("丙丁", 1, 3), {"first=丙", "last=丁", "prev=P", "next=P"}),
    ],
)
def test_written_option_gets_its_four_characters(text, option, expected):
    o = _opt(*option, same_clause=1.0)
    add_context([o], text)
    assert {k for k in o.features if is_context(k)} == expected
    assert o.features["same_clause"] == 1.0  # the other features untouched


def test_unwritten_option_gets_only_its_own_characters():
    # A composed subject (start -1) or offsets that do not hold in the text: no neighbours.
    composed = _opt("全省城镇居民", -1, -1)
    stale = _opt("甲乙公司", 40, 44)
    add_context([composed, stale], "甲乙公司营收3亿元")
    assert {k for k in composed.features if is_context(k)} == {"first=全", "last=民"}
    assert {k for k in stale.features if is_context(k)} == {"first=甲", "last=司"}


def test_one_character_is_its_last_only():
    o = _opt("率", 2, 3)
    add_context([o], "该行率为2%")
    assert {k for k in o.features if is_context(k)} == {"last=率", "prev=行", "next=为"}


def test_empty_option_is_left_alone():
    o = _opt("", 0, 0)
    add_context([o], "营收3亿元")
    assert o.features == {}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("last=司", True),
        ("prev=^", True),
        ("next=P", True),
        ("first=司", True),
        ("last=司局", False),  # one character only
        ("last=", False),
        ("head=司", False),
        ("prevw=的", True),
        ("nextw=同比", True),  # a word: any length
        ("nextw=", False),
        ("same_clause", False),
    ],
)
def test_is_context(name, expected):
    assert is_context(name) is expected


def _group(right_last: str, wrong_last: str) -> list[tuple[dict[str, float], float]]:
    return [
        ({"same_clause": 1.0, f"last={right_last}": 1.0}, 1.0),
        ({"same_clause": 1.0, f"last={wrong_last}": 1.0}, 0.0),
    ]


def test_context_names_need_enough_options_of_claims_with_a_right_one():
    groups = [_group("司", "时") for _ in range(CONTEXT_MIN)]
    groups += [_group("队", "中") for _ in range(CONTEXT_MIN - 1)]
    # Claims with no right option teach nothing and do not count.
    groups += [[({"last=局": 1.0}, 0.0)] for _ in range(CONTEXT_MIN)]
    assert context_names(groups) == ["last=司", "last=时"]


def test_fit_learns_context_weights_and_the_file_keeps_them():
    groups = [_group("司", "时") for _ in range(CONTEXT_MIN)]
    model = fit(groups, field="subject")
    assert model.weights["last=司"] > 0 > model.weights["last=时"]
    again = Ranker.from_json(model.to_json())
    assert again.weights["last=司"] == model.weights["last=司"]
    assert again.weights["last=时"] == model.weights["last=时"]
    # The named features are all written, then the characters, sorted.
    keys = list(json.loads(model.to_json())["weights"])
    assert keys[: len(ranker.FEATURES)] == list(ranker.FEATURES)
    assert keys[len(ranker.FEATURES) :] == ["last=司", "last=时"]


def test_rank_reads_an_unweighed_character_as_zero():
    model = fit([_group("司", "时") for _ in range(CONTEXT_MIN)], field="subject")
    a = _opt("甲乙公司", 0, 4)
    b = _opt("甲乙集团", 5, 9)
    add_context([a, b], "甲乙公司、甲乙集团营收3亿元")
    assert "last=团" not in model.weights
    ranked = model.rank([b, a])
    assert ranked[0] is a  # 司 weighs for it; 团, never trained on, weighs nothing
    assert "last=团" not in model.weights  # reading it did not add it


def test_unknown_keys_in_a_file_are_not_weights():
    model = Ranker({"last=司": 1.5, "last=司局": 2.0, "made_up": 1.0, "last=时": 0.0})
    assert model.weights == {"last=司": 1.5}


def test_shipped_model_weighs_context_characters():
    weights = shipped().weights
    context = [k for k in weights if is_context(k)]
    assert context, "the shipped subject model was trained with context characters"
    assert {k.partition("=")[0] for k in context} == {
        "first",
        "last",
        "prev",
        "next",
        "prevw",
        "nextw",
    }
    for field in ("predicate", "time"):
        assert any(is_context(k) for k in shipped().fields[field])


@pytest.mark.parametrize("field", ["predicate", "time"])
def test_predicate_and_time_learn_context_weights_too(field):
    groups = [
        [({"rule": 1.0, "first=增": 1.0}, 1.0), ({"rule": 1.0, "first=的": 1.0}, 0.0)]
        for _ in range(CONTEXT_MIN)
    ]
    model = fit(groups, field=field)
    assert model.fields[field]["first=增"] > 0 > model.fields[field]["first=的"]
    again = Ranker.from_json(model.to_json())
    assert again.fields[field]["first=增"] == model.fields[field]["first=增"]
    a, b = _opt("增长", 0, 2), _opt("的", 3, 4)
    add_context([a, b], "增长率的")
    assert again.rank([b, a], field)[0] is a


def test_subject_options_get_the_tagger_words_around_them():
    words = [("去年", "t", 0, 2), ("甲乙公司", "nt", 2, 6), ("的", "uj", 6, 7), ("营收", "n", 7, 9)]
    inner = _opt("甲乙公司", 2, 6)
    first = _opt("去年甲乙", 0, 4)  # ends inside a word: no word after it
    add_context([inner, first], "去年甲乙公司的营收为3亿元", lambda pos: words)
    assert {k for k in inner.features if k.startswith(("prevw=", "nextw="))} == {
        "prevw=去年",
        "nextw=的",
    }
    assert not {k for k in first.features if k.startswith(("prevw=", "nextw="))}


def test_the_extractor_gives_subject_options_their_words():
    ((_, fields),) = extract_with_fields("据了解，丙丁队的王小明全场拿下21分。")
    by_text = {o.text: o.features for o in fields["subject"]}
    assert by_text["王小明"]["prevw=的"] == 1.0
    assert by_text["王小明"]["nextw=全场"] == 1.0
    # predicate and time options carry the characters only
    assert not any(
        k.startswith(("prevw=", "nextw=")) for o in fields["predicate"] for k in o.features
    )
