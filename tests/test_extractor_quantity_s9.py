"""Quantity forms and look-alikes of the ninth session, each with sentences written for the
test (issue 12): found on the newest training articles, written as classes."""

from __future__ import annotations

import pytest

from extractor import extract
from extractor.lexicon import table
from tests.lexicon_checks import check_lexicon_file
from tests.quantity_checks import found

# Points and currencies of online games are units like 元宝 and 金币.
GAME_UNITS = [
    ("做完这个任务可得到3500经验和一个宝箱。", "3500经验", 3500, "经验"),
    ("每天签到可领取200经验值。", "200经验值", 200, "经验值"),
    ("这把武器在商城售价为800金元宝。", "800金元宝", 800, "金元宝"),
    ("帮助村长后奖励1200银两。", "1200银两", 1200, "银两"),
]


@pytest.mark.parametrize(("text", "surface", "value", "unit"), GAME_UNITS)
def test_game_points_and_currencies_are_units(
    text: str, surface: str, value: float, unit: str
) -> None:
    cands = found(text)
    assert surface in cands, list(cands)
    assert cands[surface].value == value and cands[surface].unit == unit


def test_experience_after_a_duration_stays_a_duration() -> None:
    cands = found("这位设计师有8年经验。")
    assert "8年" in cands and cands["8年"].unit == "年", list(cands)


# A rank or a range of ranks whose clause goes on to what its holders get is a slot of a
# prize table, even with who gets it between (玩家, 用户) or a second rank (第二名---第五名).
PRIZE_SLOTS = [
    ("排行榜前五名玩家可领取限定坐骑，每人一只。", "前五名"),
    ("六至十名玩家可得到纪念徽章，共发放5枚。", "六至十名"),
    ("第二名---第五名：各奖励500元。", "第二"),
    ("第二名---第五名：各奖励500元。", "第五"),
    ("比赛前三位选手将得到奖杯，共3座。", "前三位"),
]


@pytest.mark.parametrize(("text", "surface"), PRIZE_SLOTS)
def test_ranks_before_a_prize_are_slots(text: str, surface: str) -> None:
    assert surface not in found(text), text


def test_a_range_of_people_without_a_prize_is_a_count() -> None:
    assert "六至十名" in found("公司有六至十名员工参加了培训。")
    assert "500元" in found("第二名---第五名：各奖励500元。")


def test_every_example_frame_makes_its_numbers_illustrations() -> None:
    check_lexicon_file("example_frames")
    for opener, closer in table("example_frames"):
        text = f"{opener}一套90平方米的房子{closer}，两种算法的税费相差2万元。"
        cands = found(text)
        assert "90平方米" not in cands, text
        assert "2万元" in cands, (text, list(cands))  # after the frame: what the case shows
        assert "90平方米" in found(f"他买了一套90平方米的房子{closer}用。"), closer


def test_every_frame_opener_word_opens_no_frame() -> None:
    check_lexicon_file("frame_opener_words")
    for word in table("frame_opener_words"):
        text = f"公司{word[0]}共有125只基金(各类分开计算)。"
        assert "125只" in found(text), text
    assert "125只" not in found("以每家125只基金计算，规模很大。")


@pytest.mark.parametrize(
    "text",
    ["以一套82平方米、售价105万元的住房为例，差价达到3万元。"],
)
def test_a_worked_example_with_a_list_is_one_frame(text: str) -> None:
    cands = found(text)
    assert "82平方米" not in cands and "105万元" not in cands
    assert "达到3万元" in cands, list(cands)


def test_every_rank_goal_word_makes_a_rank_a_goal() -> None:
    check_lexicon_file("rank_goal_words")
    for word, side in table("rank_goal_words"):
        if side == "before":
            text = f"球队正在{word}西部第二，状态很好，已取得3连胜。"
        else:
            text = f"西部第二{word}进入白热化，3支球队都有机会。"
        assert "第二" not in found(text), text
    assert "第二" in found("球队目前排名西部第二，状态很好，已取得3连胜。")


LENSES = [
    ("这款套机配备18-55mm f/3.5-5.6防抖镜头。", "18-55mm"),
    ("他常用50mm F1.8定焦镜头拍人像。", "50mm"),
]


@pytest.mark.parametrize(("text", "surface"), LENSES)
def test_a_focal_length_before_an_aperture_names_a_lens(text: str, surface: str) -> None:
    assert surface not in found(text), text


def test_a_focal_range_alone_is_a_size() -> None:
    assert "18-55mm" in found("镜头的焦距为18-55mm，光圈不大。")


def test_half_a_day_after_le_is_a_long_while() -> None:
    assert "半天" not in found("双方商量了半天，最后达成3项共识。")
    assert "半天" in found("公司组织了为期半天的培训，共3场。")
    assert "半年" in found("2009年他花了半年时间完成装修。")  # 时间 after it: no 半天时


SCALED_PLACES = [
    ("房价从五六千涨到一万几千。", "一万几千", 10000, ">"),
    ("这套房子卖了两万几千元。", "两万几千元", 20000, ">"),
]


@pytest.mark.parametrize(("text", "surface", "value", "qualifier"), SCALED_PLACES)
def test_a_lower_place_after_a_chinese_number_is_more_than_it(
    text: str, surface: str, value: float, qualifier: str
) -> None:
    cands = found(text)
    assert surface in cands, list(cands)
    assert cands[surface].value == value and cands[surface].qualifier == qualifier


def test_very_before_a_quote_is_no_score() -> None:
    assert "十分" not in found("她在生活中十分“男性化”，有3个爱好。")
    assert "十分" in found("他在第一节拿了十分，全队最高。")


YEARS_DIGIT_BY_DIGIT = [
    ("他从九一年开始创业，干了三四年。", "九一年", "三四年"),
    ("他们九八年结婚，婚后两三年有了孩子。", "九八年", "两三年"),
]


@pytest.mark.parametrize(("text", "year", "span"), YEARS_DIGIT_BY_DIGIT)
def test_chinese_digits_before_year_are_a_year(text: str, year: str, span: str) -> None:
    cands = found(text)
    assert year not in cands and span in cands, list(cands)


def test_a_year_before_a_month_is_a_date() -> None:
    assert not [
        c for c in extract("报告于?九年六月十九日发布，共3项。") if "九年" in c.quantity_text
    ]
    assert "九年" in found("他在这里干了九年，六月才离开。")


PIXELS = [
    ("这款相机拥有900万的有效像素。", "900万的有效像素"),
    ("新机达到了约1800万的有效像素。", "约1800万的有效像素"),
]


@pytest.mark.parametrize(("text", "surface"), PIXELS)
def test_pixels_after_de_and_a_modifier(text: str, surface: str) -> None:
    cands = found(text)
    assert surface in cands and cands[surface].unit == "像素", list(cands)


HALF_OF_THEM = [
    ("2009年的调查中，超过半数的受访者有海外工作经验。", "超过半数", ">"),
    ("今年以来，偏股基金逾半数飘红，有3只翻倍。", "逾半数", ">"),
    ("2009年近半数的房地产商亏损。", "近半数", "~"),
    ("2009年半数以上的员工赞成。", "半数以上", ">="),
]


@pytest.mark.parametrize(("text", "surface", "qualifier"), HALF_OF_THEM)
def test_half_of_them_is_a_share(text: str, surface: str, qualifier: str) -> None:
    cands = found(text)
    assert surface in cands, list(cands)
    assert cands[surface].value == 50 and cands[surface].unit == "%"
    assert cands[surface].qualifier == qualifier


def test_jingguo_holds_no_more_than_half() -> None:
    cands = found("经过半年的协商，双方签了3份合同。")
    assert not [s for s in cands if s.startswith("过半")], list(cands)


def test_a_share_opening_its_clause_is_a_population_share() -> None:
    assert "超过六成" in found("调查显示，超过六成的受访者愿意购房。")
    # after an attribute word it stays the criterion of a class
    assert "超过6%" not in found("今年收益率超过6%的基金有12只。")


HEIGHTS = [
    ("我身高将近一米六，比例合适。", "将近一米六", 1.6, "~"),
    ("他身高两米一，是队中最高的。", "两米一", 2.1, "="),
    ("姐姐身高一米七五。", "一米七五", 1.75, "="),
]


@pytest.mark.parametrize(("text", "surface", "value", "qualifier"), HEIGHTS)
def test_heights_in_chinese_numerals(text: str, surface: str, value: float, qualifier: str) -> None:
    cands = found(text)
    assert surface in cands, list(cands)
    assert cands[surface].value == pytest.approx(value) and cands[surface].unit == "米"
    assert cands[surface].qualifier == qualifier


def test_every_bare_rank_verb_makes_a_bare_number_a_rank() -> None:
    bare = [r[0] for r in table("rank_verbs") if r[1:] == ("bare",)]
    assert bare
    for verb in bare:
        cands = found(f"该基金规模378亿元、{verb}20，比去年上升。")
        assert "20" in cands and cands["20"].rule == "rank.bare", (verb, list(cands))
    assert "20" not in found("该基金规模378亿元、代码20，比去年上升。")
    assert "20" not in found("该基金规模378亿元、排名20多，比去年上升。")


# A duration followed by 内/之内/里/间 frames another figure of its clause.
FRAMES_OF_A_FIGURE = [
    ("这支球队1个月内8连胜，状态火热。", "1个月"),
    ("该国留学生人数在12年间增加了30倍。", "12年"),
    ("这是两队三天内第二次交锋。", "三天"),
    ("这款游戏一天之内卖出了20万份。", "一天"),
]


@pytest.mark.parametrize(("text", "surface"), FRAMES_OF_A_FIGURE)
def test_a_duration_framing_another_figure_is_a_frame(text: str, surface: str) -> None:
    cands = found(text)
    assert surface not in cands, list(cands)


def test_a_duration_within_which_nothing_else_is_counted_stays() -> None:
    # (a bare 内 is read into the surface as a bound, <=: tests/test_extractor_s33_qty.py)
    assert "3年内" in found("这项工程将在3年内完成。")
    # a space or a bracket ends the clause: a headline that runs into its dateline
    assert "5年内" in found("央企5年内退出酒店业 (记者王明) 经过2年多的摸底")


CLOCK_RANGES = [
    ("服务器将于12月8日8点至14点停机维护，共6小时。", "8点至14点"),
    ("每晚19点-21点，玩家可进入副本3次。", "19点-21点"),
]


@pytest.mark.parametrize(("text", "surface"), CLOCK_RANGES)
def test_a_range_of_clock_times_is_no_index_range(text: str, surface: str) -> None:
    assert surface not in found(text), text


def test_a_range_of_index_points_stays() -> None:
    assert "2800点至3000点" in found("本周沪指在2800点至3000点之间震荡。")
