"""Spoken money forms (twentieth session, issue 12), with sentences written for the test:
yuan and tenths with the 角 left unsaid (3块5), and hundreds of millions with 多 between the
measure word and 亿 (1个多亿)."""

from __future__ import annotations

import pytest

from extractor.lexicon import words
from tests.quantity_checks import found

# (text, surface, value, unit, qualifier)
SPOKEN = [
    ("小区的物业费每平方米3块5，比去年贵。", "3块5", 3.5, "元", "="),
    ("早餐店的豆浆一杯两块五，油条一块。", "两块五", 2.5, "元", "="),
    ("当初签约时定的是3块5的收费标准。", "3块5", 3.5, "元", "="),
    ("他说停车一小时十块八左右。", "十块八左右", 10.8, "元", "~"),
    ("开发商为这次促销拿出了1个多亿。", "1个多亿", 100_000_000, "", ">"),
    ("两家公司各出了3个余亿元用于研发。", "3个余亿元", 300_000_000, "元", ">"),
]


@pytest.mark.parametrize(("text", "surface", "value", "unit", "qualifier"), SPOKEN)
def test_spoken_money_forms(
    text: str, surface: str, value: float, unit: str, qualifier: str
) -> None:
    c = found(text)[surface]
    assert (c.value, c.unit, c.qualifier) == (value, unit, qualifier)


NOT_TENTHS = [
    # a noun after the digit: 五花肉, 5厘米, a count of pieces
    ("他买了两块五花肉回家。", "两块五"),
    ("把豆腐切成3块5厘米见方的小块。", "3块5"),
    # a number after the digit: no tenths
    ("门票3块55张，已经卖完。", "3块5"),
]


@pytest.mark.parametrize(("text", "surface"), NOT_TENTHS)
def test_what_is_not_yuan_and_tenths(text: str, surface: str) -> None:
    assert surface not in found(text)


# 个人 counts 人 (三个人 is 3 人), unless 人 opens the next word: then 个 counts
# (data/unit_word_starts.tsv).
GE_REN = [
    ("比赛中有三个人受伤。", "三个人", "人"),
    ("系统最多能同时识别5个人物的面部。", "5个", "个"),
    ("全省有12个人口不足十万的县。", "12个", "个"),
    ("公司派出了30个人员参加培训。", "30个", "个"),
]


@pytest.mark.parametrize(("text", "surface", "unit"), GE_REN)
def test_ge_ren_counts_people_unless_ren_opens_a_word(text: str, surface: str, unit: str) -> None:
    assert found(text)[surface].unit == unit


def test_a_count_before_fen_xiang_is_no_score() -> None:
    """分 opening 分享 (share), 分析 is no point of a score (data/unit_word_starts.tsv)."""
    got = found("球迷评论 28 分享 12 次。")
    assert not [c for c in got.values() if c.unit == "分"]
    assert found("他全场拿下28分，分享了经验。")["28分"].unit == "分"


def test_a_central_parity_rate_is_a_bare_ratio() -> None:
    """中间价 names a ratio written bare (data/ratio_words.tsv), not money though 人民币 is
    named before it."""
    c = found("人民币兑美元中间价报6.4512，较前一交易日下调105个基点。")["6.4512"]
    assert (c.value, c.unit, c.kind) == (6.4512, "", "other")


# Forms of recent news read with their unit and kind (text, surface, value, unit, kind).
RECENT_FORMS = [
    # 兆 before a money unit is 10^12, as Taiwan and Hong Kong write trillions
    ("台积电去年营收达2.26兆元新台币。", "达2.26兆元新台币", 2.26e12, "新台币", "money"),
    ("美国国债规模超过30兆美元。", "超过30兆美元", 30e12, "美元", "money"),
    ("台積電去年營收達新台幣2.26兆元。", "達新台幣2.26兆元", 2.26e12, "新台幣", "money"),
    # brokers' shorthand: pct for percentage points, bps for basis points
    ("公司毛利率同比提升1.2pct。", "1.2pct", 1.2, "个百分点", "percent"),
    ("净利率下降0.5pcts，费用率持平。", "0.5pcts", 0.5, "个百分点", "percent"),
    ("信用利差收窄30bps。", "30bps", 30, "BP", "percent"),
    # a rate per a Latin time word or unit after the slash: one unit as written
    ("新车最高车速200km/h，续航达600km。", "200km/h", 200, "km/h", "other"),
    ("电池能量密度达到255Wh/kg。", "达到255Wh/kg", 255, "Wh/kg", "other"),
    ("该机型连拍速度为10张/s。", "10张/s", 10, "张/s", "other"),
    # years and the months after them are one duration in years, as hours and minutes are
    # one in hours (a court's sentence, a project's length)
    ("被告人被判处有期徒刑十年六个月，并处罚金。", "十年六个月", 10.5, "年", "duration"),
    ("工程历时3年零4个月完工。", "3年零4个月", 3.333333, "年", "duration"),
    ("他已服刑两年又三个月，表现良好。", "两年又三个月", 2.25, "年", "duration"),
    # seconds written s after a decimal number, milliseconds ms (auto and camera news)
    ("新车百公里加速仅需3.9s。", "3.9s", 3.9, "s", "duration"),
    ("该相机快门时滞仅0.01s。", "0.01s", 0.01, "s", "duration"),
    ("显示器响应时间为5ms。", "5ms", 5, "ms", "duration"),
]


@pytest.mark.parametrize(("text", "surface", "value", "unit", "kind"), RECENT_FORMS)
def test_forms_of_recent_news(text: str, surface: str, value: float, unit: str, kind: str) -> None:
    c = found(text)[surface]
    assert (c.value, c.unit, c.kind) == (value, unit, kind)


def test_zhao_without_money_is_no_scale() -> None:
    """100兆 of a network's speed: 兆 is no scale without a money unit after it."""
    assert [c.value for c in found("家里的网速达到100兆。").values()] == [100]


def test_months_before_a_frame_word_stay_apart() -> None:
    assert "两年又三个月" not in found("他在两年又三个月前离开。")


def test_every_per_base_metric_makes_a_lone_scale_a_base() -> None:
    """A lone 百/千/万 and its unit before the measure taken per it is the base of a rate
    (data/per_base_metrics.tsv), not an amount; the same pair elsewhere still counts."""
    for word in words("per_base_metrics"):
        got = found(f"该车型百公里{word}数据为5.6。")
        assert "百公里" not in got, word
    assert "百公里" in found("该车型百公里数据为5.6。")  # no metric word: an amount
    assert found("新车百公里加速仅需3.9秒。")["3.9秒"].value == 3.9
    assert found("公司投入近百公里的线路建设。")["近百公里"].value == 100


def test_an_integer_before_s_is_a_models_name() -> None:
    """An integer before s is a model's name as often as seconds (小米12s, iPhone 6s)."""
    assert not found("小米12s采用骁龙8+芯片。")
    assert "6s" not in "".join(found("iPhone 6s的售价为5288元。"))
