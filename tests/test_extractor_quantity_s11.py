"""Quantity forms and look-alikes of the eleventh session, each with sentences written for the
test (issue 12): found on the newest training articles, written as classes."""

from __future__ import annotations

from typing import Any

import pytest

from tests.quantity_checks import found

# A year before 1800 written with 年 (or sharing the 年 of a list) is a year, not a span of
# years; spans that long are written round (1000年, 1500多年).
EARLY_YEARS = [
    "这位航海家在1642年发现了新的岛屿。",
    "城堡于1356年左右建成，后来多次扩建。",
    "他在1712、1715、1719年三次率军出征。",
]


@pytest.mark.parametrize("text", EARLY_YEARS)
def test_a_year_before_1800_is_no_duration(text: str) -> None:
    cands: dict[str, Any] = found(text)
    assert not [s for s in cands if s[:1] == "1" and cands[s].unit == "年"], list(cands)


@pytest.mark.parametrize(
    ("text", "surface"),
    [("这座古城已有1500多年的历史。", "1500多年"), ("这棵古树距今已有1300多年。", "1300多年")],
)
def test_a_round_span_of_centuries_is_still_a_duration(text: str, surface: str) -> None:
    cands: dict[str, Any] = found(text)
    assert surface in cands, list(cands)
    assert cands[surface].unit == "年"


# 上一年, 下一个月 after a comparison word or a preposition name the period before or after:
# a time, not one year; after a verb (花上一年) the span counts.
NEXT_PERIODS = [
    "今年的用电量比上一年减少了3%。",
    "新车将在下一个月上市，售价12万元。",
    "利润较上一季度增长8%。",
]


@pytest.mark.parametrize("text", NEXT_PERIODS)
def test_the_period_before_or_after_is_no_duration(text: str) -> None:
    cands: dict[str, Any] = found(text)
    assert not [s for s in cands if s.startswith("一")], list(cands)
