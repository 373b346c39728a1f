"""Quantity forms of 2021-2022 news read in the fifteenth session (sentences written for the
tests): basis points, a length per unit of time as one speed, and negative amounts."""

from __future__ import annotations

import pytest

from extractor import extract

FORMS = [
    ("多地首套房贷利率回落约20个基点。", "约20个基点", 20, "个基点", "other"),
    ("央行将利率下调10基点。", "10基点", 10, "个基点", "other"),
    ("该线路最高运行速度80公里/小时，全长36公里。", "80公里/小时", 80, "公里/小时", "other"),
    ("风速达到每秒12米/秒。", "12米/秒", 12, "米/秒", "other"),
    # a count per unit of time keeps its reading
    ("相机每秒可连拍10张/秒。", "10张/秒", 10, "张/秒", "other"),
    # a length with no rate after it stays a length
    ("线路全长约36.4公里。", "约36.4公里", 36.4, "公里", "length"),
]


@pytest.mark.parametrize(("text", "surface", "value", "unit", "kind"), FORMS)
def test_rates_and_basis_points(
    text: str, surface: str, value: float, unit: str, kind: str
) -> None:
    got = {c.quantity_text: c for c in extract(text)}
    assert surface in got, list(got)
    c = got[surface]
    assert (c.value, c.unit, c.kind) == (value, unit, kind)


NEGATIVES = [
    ("经营活动现金流净额为-1.35亿元。", "-1.35亿元", -1.35e8),
    ("公司利润：-2000万元，同比下降。", "-2000万元", -2e7),
    ("当晚最低气温为-5度。", "-5度", -5),
    # the share rule keeps its own sign
    ("该基金收益为-0.11%。", "-0.11%", -0.11),
    # a range, a code and a word before the sign: no negative amount
    ("预算区间为3-5万元。", "3-5万元", 3e4),
    ("型号T-5售价2000元。", "2000元", 2000),
    ("价格在2万-3万元之间。", "2万-3万元", 2e4),
]


@pytest.mark.parametrize(("text", "surface", "value"), NEGATIVES)
def test_a_minus_sign_before_an_amount(text: str, surface: str, value: float) -> None:
    got = {c.quantity_text: c for c in extract(text)}
    assert surface in got, list(got)
    assert got[surface].value == value
    assert text[got[surface].start : got[surface].end] == surface


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a span over which another figure is averaged frames it
        ("比上年增长8.1%，两年平均增长5.1%。", ["8.1%", "5.1%"]),
        ("三年平均投入2亿元。", ["2亿元"]),
        # a duration told on its own, then an average: both stand
        ("工期两年，平均每天施工10小时。", ["两年", "10小时"]),
    ],
)
def test_a_span_an_average_is_taken_over_is_a_frame(text: str, kept: list[str]) -> None:
    assert [c.quantity_text for c in extract(text)] == kept
