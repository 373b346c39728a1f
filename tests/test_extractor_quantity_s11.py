"""Quantity forms and look-alikes of the eleventh session, each with sentences written for the
test (issue 12): found on the newest training articles, written as classes."""

from __future__ import annotations

from typing import Any

import pytest

from extractor.lexicon import words
from tests.lexicon_checks import check_lexicon_file
from tests.quantity_checks import found

#: Why a case below is a strict expected failure (docs/HISTORY.md, thirty-eighth session).
S38 = "the model retrained in the thirty-eighth session"
S44 = "the model retrained in the forty-fourth session"

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


# Spoken forms of a count or a span: "counted by thousands" (数以千计: at least the scale),
# none at all (无一家: zero, not "without exception"), minutes and a half (三分半钟), more than
# a year before what passed (一年多过去了).
SPOKEN_FORMS = [
    ("每年都有数以千计的游客来到这座小城。", "数以千计", 1000, "", ">"),
    ("展会吸引了数以万计的观众。", "数以万计", 10000, "", ">"),
    ("这类商品的买家数以百万计。", "数以百万计", 1e6, "", ">"),
    pytest.param(
        "在排名前10的车型中，无一家国产品牌。",
        "无一家",
        0,
        "家",
        "=",
    ),
    pytest.param(
        "参赛的8支队伍无一支保持全胜。",
        "无一支",
        0,
        "支",
        "=",
    ),
    ("双方陷入长达两分半钟的僵持。", "两分半钟", 2.5, "分钟", "="),
    ("影片的预告片长达2分半，在网上播出。", "2分半", 2.5, "分", "="),
    ("一年多过去了，这家店的生意依然红火，月销3000件。", "一年多", 1, "年", ">"),
]


@pytest.mark.parametrize(("text", "surface", "value", "unit", "qual"), SPOKEN_FORMS)
def test_spoken_counts_and_spans_are_read(
    text: str, surface: str, value: float, unit: str, qual: str
) -> None:
    cands: dict[str, Any] = found(text)
    assert surface in cands, list(cands)
    c = cands[surface]
    assert c.value == pytest.approx(value) and c.unit == unit and c.qualifier == qual


def test_none_without_exception_is_no_count() -> None:
    cands = found("参加调查的5家企业无一例外都表示看好市场。")
    assert not [s for s in cands if s.startswith("无一")], list(cands)


# 一 with a measure word counts (not the article "a") after a verb that measures a span
# (为期一天: data/duration_verbs.tsv) and when a postposed count is followed by the next prize
# of a list (T恤一件+海报, 一件(或…)).
ONE_COUNTS = [
    ("这项培训为期一年，共招收30名学员。", "一年"),
    ("本次展览历时一天，吸引了2000多人。", "一天"),
    ("三等奖：纪念T恤一件+海报两张。", "一件"),
    ("二等奖：航海主题T恤一件(或戒指一个)，共50名。", "一件"),
]


@pytest.mark.parametrize(("text", "surface"), ONE_COUNTS)
def test_one_counts_after_a_span_verb_or_in_a_prize_list(text: str, surface: str) -> None:
    cands: dict[str, Any] = found(text)
    assert surface in cands, list(cands)
    assert cands[surface].value == 1


def test_one_before_an_aside_in_brackets_is_still_the_article() -> None:
    cands = found("这款相机搭载了一枚(1/2.3)英寸的感光元件，售价2000元。")
    assert "一枚" not in cands, list(cands)


def test_minutes_and_a_half_on_a_game_clock_are_a_moment() -> None:
    cands = found("比赛还剩两分半钟时，主队领先3分。")
    assert "两分半钟" not in cands, list(cands)


# A span followed by 间 frames what is told in it (在短短的3年间, 一年间); 间隔 is a gap.
@pytest.mark.parametrize("text", ["在短短的5年间，公司开了20家分店。", "两年间，房价涨了30%。"])
def test_a_span_before_jian_is_a_frame(text: str) -> None:
    cands: dict[str, Any] = found(text)
    assert not [s for s in cands if cands[s].kind == "duration"], list(cands)


# Two years joined into a range with one 年 name a period (规划(2011～2025年)), not a span of
# 2011 years; a range of years as a span (3至5年) is still read.
def test_a_range_of_two_years_is_a_period() -> None:
    cands = found("《城市总体规划(2011～2025年)》提出，新增绿地3至5平方公里。")
    assert not [s for s in cands if s.startswith("2011")], list(cands)
    assert "3至5平方公里" in cands, list(cands)


def test_a_range_of_a_few_years_is_still_a_span() -> None:
    cands: dict[str, Any] = found("这项工程预计用3至5年完成，总投资8亿元。")
    assert "3至5年" in cands and cands["3至5年"].value_max == 5, list(cands)


# A span followed by 来 after a verb of a start is the time since that event (成立20年来): a
# measured fact; without one it frames another statement (近3年来, 三年来付出很多).
def test_every_since_event_word_makes_the_span_a_fact() -> None:
    check_lexicon_file("since_event_words")
    for word in words("since_event_words"):
        text = f"这家公司{word}20年来，累计纳税5亿元。"
        assert "20年" in found(text), text
    cands = found("这家公司成立短短6年来，员工增至300人。")
    assert "6年" in cands, list(cands)


@pytest.mark.parametrize("text", ["近3年来，房价上涨了30%。", "三年来，他付出了很多，存下8万元。"])
def test_a_span_with_lai_and_no_start_is_a_frame(text: str) -> None:
    cands: dict[str, Any] = found(text)
    assert not [s for s in cands if cands[s].unit == "年"], list(cands)


# A handful of characters said or written (用两个字表示, 四个大字, 可用12字形容) is the length of
# a quotation; a text's length (共3000个字) is counted.
QUOTATION_LENGTHS = ["教练只用三个字评价了这场比赛，球队输了5分。", "墙上写着四个大字，格外醒目。"]


@pytest.mark.parametrize("text", QUOTATION_LENGTHS)
def test_a_few_characters_quoted_are_no_count(text: str) -> None:
    cands: dict[str, Any] = found(text)
    assert not [s for s in cands if s.endswith("个")], list(cands)


def test_every_describe_word_makes_a_count_of_characters_a_quotation() -> None:
    check_lexicon_file("describe_words")
    for word in words("describe_words"):
        text = f"这次行动可以用12字{word}，共有3名队员参加。"
        assert "12字" not in found(text), text


def test_the_length_of_a_text_is_counted() -> None:
    cands: dict[str, Any] = found("这篇报告共3000个字，分为5个部分。")
    assert "3000个" in cands, list(cands)


# A quantity ending in 以上 a little after a word of a requirement (需缴存6个月以上, 凡居留8年以上)
# is the bar a rule sets; without one (房子起码100平方米以上) it is read, and shares and money
# are left to the other rules.
def test_every_requirement_word_makes_a_bar() -> None:
    check_lexicon_file("requirement_words")
    assert "6个月以上" in found("按规定，在本市缴纳社保6个月以上，共有20名员工。")
    for word in words("requirement_words"):
        text = f"按规定，{word}在本市缴纳社保6个月以上，共有20名员工。"
        assert "6个月以上" not in found(text), text


def test_a_quantity_above_without_a_requirement_is_read() -> None:
    cands = found("改善型住房起码是三居，100平方米以上，总价要300万元。")
    assert "100平方米以上" in cands, list(cands)
