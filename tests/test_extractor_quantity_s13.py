"""Quantity forms and look-alikes of the thirteenth session (issue 12), each with sentences
written for the test, written as classes."""

from __future__ import annotations

from typing import Any

import pytest

from tests.quantity_checks import found

# A character after an Arabic number that the tagger reads as a function word (a pronoun, a
# preposition, a conjunction, an adverb, a particle) opens the next word: it is no unknown
# measure word, so the number is not read with it as its unit.
FUNCTION_WORD_AFTER = [
    ("操作步骤：1打开设置，2选择网络，3按确定键即可。", "3按"),
    ("会员积分共有5该怎么兑换？", "5该"),
    ("报名时间为3天，5该项目已经结束。", "5该"),
    ("上半年共开了3店，8却关门了。", "8却"),
]


@pytest.mark.parametrize(("text", "surface"), FUNCTION_WORD_AFTER)
def test_a_function_word_after_a_number_is_no_measure_word(text: str, surface: str) -> None:
    cands: dict[str, Any] = found(text)
    assert surface not in cands, list(cands)


# The number before such a word keeps what it reads without it: a scaled amount stays an amount.
def test_a_scaled_amount_before_a_pronoun_keeps_its_value() -> None:
    cands: dict[str, Any] = found("市中心每平米19万这套别墅上周售出。")
    assert "19万这" not in cands, list(cands)
    assert "19万" in cands, list(cands)
    assert (cands["19万"].value, cands["19万"].unit) == (190000, "")


# Unknown measure words the tagger leaves standing as nouns, verbs or measure words still count
# (the class check reads function words only).
MEASURE_SHAPES_KEPT = [
    ("他上半场就投中4记三分，全场得了30分。", "4记", 4, "记"),
    ("这部相机需用2节AA电池供电。", "2节", 2, "节"),
    ("他送给她99朵玫瑰花。", "99朵", 99, "朵"),
    ("该队常规赛取得37胜的成绩，进入季后赛。", "37胜", 37, "胜"),
    ("这支球队十年里一共换过13任主教练。", "13任", 13, "任"),
]


@pytest.mark.parametrize(("text", "surface", "value", "unit"), MEASURE_SHAPES_KEPT)
def test_measure_words_that_are_no_function_words_still_count(
    text: str, surface: str, value: float, unit: str
) -> None:
    cands: dict[str, Any] = found(text)
    assert surface in cands, list(cands)
    assert (cands[surface].value, cands[surface].unit) == (value, unit)
