"""Quantity forms of the thirty-seventh session. Sentences written for the tests.

- verbs that spend or shift time (经过, 推迟, 迟到, 延长…: data/duration_verbs.tsv) make the
  duration after them a measured fact, 半年 and 半小时 too (经过半年 is no 过半);
"""

from __future__ import annotations

import pytest

from extractor.core import extract


def _found(text: str) -> dict:
    return {c.quantity_text: c for c in extract(text)}


def _one(text: str, surface: str):
    got = _found(text)
    assert surface in got, (surface, list(got))
    return got[surface]


# ---------------------------------------------------------------- durations after verbs of time


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("航班推迟半小时起飞，300名乘客滞留机场。", "半小时", 0.5, "小时"),
        ("两名代表迟到了半个小时，会议只好推后。", "半个小时", 0.5, "小时"),
        ("经过一年的语言学习，学生的英语水平明显提高。", "一年", 1.0, "年"),
        ("经过半年的谈判，两家公司终于签署了合作协议。", "半年", 0.5, "年"),
        ("当局宣布把进口禁令延长6个月。", "6个月", 6.0, "个月"),
        # verbs of duration that already worked
        ("活动历时半年，共接待游客5万人。", "半年", 0.5, "年"),
        ("工程为期一天，共投入5亿元。", "一天", 1.0, "天"),
    ],
)
def test_a_duration_after_a_verb_of_time_is_measured(
    text: str, surface: str, value: float, unit: str
) -> None:
    c = _one(text, surface)
    assert (c.value, c.unit) == (pytest.approx(value), unit)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("上半年公司营收增长了一成，利润持平。", "半年"),
        ("赛季过半，球队的排名升到了联盟前列。", "半"),
        ("一年之计在于春，大家要早做打算。", "一年"),
    ],
)
def test_half_and_one_that_stay_words(text: str, absent: str) -> None:
    assert absent not in _found(text)
