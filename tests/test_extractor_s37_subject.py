"""Subject options built in the thirty-seventh session for claims whose right subject no
option named (bench/subject_misses.py: "option cut short", "modifier missing"). Sentences
written for the tests."""

from __future__ import annotations

import pytest

from extractor.core import extract_with_fields


def _subject(text: str, quantity: str) -> tuple[str, list[str]]:
    """The subject of the candidate whose text holds ``quantity``, and its options."""
    for c, f in extract_with_fields(text):
        if quantity in c.quantity_text:
            return c.subject or "", [o.text for o in f.get("subject", [])]
    raise AssertionError(f"no candidate {quantity} in {text}")


# ------------------------------------------------- a small count written inside a name


@pytest.mark.parametrize(
    ("text", "quantity", "option", "chosen"),
    [
        # name + numeral + 大 + noun: the N big X
        ("数据显示，美股三大指数上周下跌了6%。", "6%", "美股三大指数", True),
        ("今年，国内三大运营商的用户达到了10亿户。", "10亿户", "国内三大运营商", True),
        # two countries + noun
        ("会见后，中意两国领导人签署了8项协议。", "8项", "中意两国领导人", True),
        # the numeral's stretch leaves the phrase its one stretch of adjectives
        ("上周，沪深两市主要指数的平均涨幅超过7%。", "7%", "沪深两市主要指数", False),
    ],
)
def test_a_small_numeral_inside_a_name_is_read_on(
    text: str, quantity: str, option: str, chosen: bool
) -> None:
    subject, options = _subject(text, quantity)
    assert option in options
    if chosen:
        assert subject == option


@pytest.mark.parametrize(
    ("text", "quantity", "absent"),
    [
        # a numeral the quantity finder reads is never crossed
        ("公司三名高管合计持股12%。", "12%", "公司三名高管"),
        # a numeral with its measure word is a count of the clause, no part of a name
        ("基金经理两次调仓，仓位下降了6%。", "6%", "基金经理两次调仓"),
    ],
)
def test_a_counted_numeral_is_not_read_into_a_name(text: str, quantity: str, absent: str) -> None:
    _, options = _subject(text, quantity)
    assert absent not in options


def test_the_short_name_stays_beside_the_longer_one() -> None:
    _, options = _subject("数据显示，美股三大指数上周下跌了6%。", "6%")
    assert "美股" in options
