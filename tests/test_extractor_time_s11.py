"""Comparison bases of the eleventh session: 上年 (上年同期, 上年末, 上年度) is one time
expression, so 比上年同期 is a base like 比去年同期; a base the comparison word follows (和2008年
相比, 跟上周比较) and the base of a multiple (是上年同期的2.63倍) are never a claim's time.
Sentences written for the tests."""

from __future__ import annotations

import pytest

from extractor.core import extract_with_fields
from extractor.timex import find_times, normalise


def _time_options(text: str, quantity: str) -> list[str]:
    for cand, fields in extract_with_fields(text):
        if cand.quantity_text == quantity:
            return [o.text for o in fields["time"]]
    raise AssertionError(f"{quantity} not found in {text}")


@pytest.mark.parametrize(
    ("text", "quantity", "base", "own"),
    [
        ("今年1-8月，甲市汽车产量比上年同期增长15%。", "15%", "同期", "今年1-8月"),
        ("今年1-8月，甲市汽车产量比上年同期增长15%。", "15%", "上年同期", "今年1-8月"),
        ("今年三季度，乙行存款余额较上年末增加300亿元。", "300亿元", "年末", "今年三季度"),
        ("今年丙校的学费和2008年相比下降了12%。", "12%", "2008年", "今年"),
        ("本周丁店的销量跟上周比较增长了8%。", "8%", "上周", "本周"),
        ("8月戊厂产量为9万辆，是上年同期的2.6倍。", "2.6倍", "上年同期", "8月"),
        ("今年己市的成交量相当于去年的3倍。", "3倍", "去年", "今年"),
    ],
)
def test_a_comparison_base_is_never_offered(text: str, quantity: str, base: str, own: str) -> None:
    options = _time_options(text, quantity)
    assert base not in options
    assert own in options


@pytest.mark.parametrize(
    ("text", "quantity", "time"),
    [
        # The value a change reaches is the time's own (提升为现在的4倍).
        ("庚相机的光学变焦由原来的3倍提升为现在的4倍。", "4倍", "现在"),
        # Two times of a list joined by 和, no comparison word after them.
        ("2006年和2008年辛厂的销量分别为5万台和8万台。", "8万台", "2008年"),
        # 上年度 with no comparison word is a time of its own.
        ("据上年度统计，壬市有300家企业。", "300家", "上年度"),
    ],
)
def test_a_time_that_is_no_base_is_still_offered(text: str, quantity: str, time: str) -> None:
    assert time in _time_options(text, quantity)


@pytest.mark.parametrize(
    ("text", "value"),
    [("上年", "2021"), ("上年同期", "2021"), ("上年度", "2021"), ("上年末", "2021")],
)
def test_the_previous_year_is_one_expression_and_normalised(text: str, value: str) -> None:
    (t,) = find_times(text)
    assert t.text == text
    assert normalise(text, "2022-04-27") == value
