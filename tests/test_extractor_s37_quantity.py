"""Quantity forms of the thirty-seventh session. Sentences written for the tests.

- verbs that spend or shift time (经过, 推迟, 迟到, 延长…: data/duration_verbs.tsv) make the
  duration after them a measured fact, 半年 and 半小时 too (经过半年 is no 过半);
- 块 is the spoken yuan in 一万块 (spoken thousands, no noun after) and before the fee it names
  (13块的物业费);
- 胜场, the games one team is ahead of another in the standings, is a count unit;
- a full 100% or 100分 after a negation (没有100%康复) is a figure of speech;
- 记 counts shots (两记三分球); 一记 stays the article "a";
- 第N部分 is a numbered part of a text, no rank (第一部 + a noun still ranks).
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


# ---------------------------------------------------------------- 块 as the spoken yuan


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("婆婆跟朋友借了一万块来应景，又花了5000块钱买衣服。", "一万块", 10000.0, "元"),
        ("物业公司到期再跟我们要13块的物业费，每月还要交10块钱的卫生费。", "13块", 13.0, "元"),
        ("他一个月能赚三千块，比去年多了500元。", "三千块", 3000.0, "元"),
        # pieces stay pieces: a noun after 块, or chips counted in Arabic digits
        ("工地运来3万块砖，每块重2公斤。", "3万块", 30000.0, "块"),
        ("全国集成电路产量为325亿块，同比增长14.4%。", "325亿块", 3.25e10, "块"),
    ],
)
def test_kuai_is_the_yuan_when_spoken_of_money(
    text: str, surface: str, value: float, unit: str
) -> None:
    c = _one(text, surface)
    assert (c.value, c.unit) == (pytest.approx(value), unit)


# ---------------------------------------------------------------- games ahead in the standings


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("公牛剩4场比赛领先热火4胜场，仍未锁定东部第一。", "4胜场", 4.0),
        ("火箭领先爵士2胜场，排名西部第五。", "2胜场", 2.0),
    ],
)
def test_games_ahead_in_the_standings_are_counted(text: str, surface: str, value: float) -> None:
    c = _one(text, surface)
    assert (c.value, c.unit) == (pytest.approx(value), "胜场")


# ---------------------------------------------------------------- a full 100% denied


@pytest.mark.parametrize(
    ("text", "absent", "kept"),
    [
        ("“我没有100%康复，但我保证可以上场。”他说，球队已经连赢3场。", "100%", "3场"),
        ("虽然这次行动不能做到100分，但已展现出诚意，共有20家企业参与。", "100分", "20家"),
        ("没有人能100%保证市场好转，去年销量下降了8%。", "100%", "8%"),
    ],
)
def test_a_full_hundred_denied_is_a_figure_of_speech(text: str, absent: str, kept: str) -> None:
    got = _found(text)
    assert not any(absent in s for s in got), list(got)
    assert kept in got, list(got)


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("该校毕业生就业率达到100%，平均月薪5000元。", "达到100%"),
        ("他在期末考试中考了100分，全班有3人满分。", "100分"),
        ("今年没有下调目标，公司利润增长了100%，营收增长12%。", "100%"),
    ],
)
def test_a_full_hundred_stated_is_kept(text: str, surface: str) -> None:
    assert any(surface in s for s in _found(text)), list(_found(text))


# ---------------------------------------------------------------- 记, the measure word of shots


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("第四节最后3分钟，他连续命中两记三分球，帮助球队锁定胜局。", "两记", 2.0),
        ("上半场他就投中4记三分，第二节独得12分。", "4记", 4.0),
    ],
)
def test_shots_counted_with_ji(text: str, surface: str, value: float) -> None:
    c = _one(text, surface)
    assert (c.value, c.unit) == (pytest.approx(value), "记")


@pytest.mark.parametrize(
    "text",
    [
        "加内特命中一记中投，随后麦基送出一记大帽，全场得到10分。",
        "这是一记警钟，公司去年亏损了3亿元。",
    ],
)
def test_one_ji_stays_the_article(text: str) -> None:
    assert "一记" not in _found(text)


# ---------------------------------------------------------------- 第N部分 is a part, no rank


def test_a_numbered_part_is_no_rank() -> None:
    got = _found("第二稿中，该部分内容从第二部分“提升”到了第一部分，共有20条意见。")
    assert not any(s.startswith("第") for s in got), list(got)
    assert "20条" in got


def test_a_rank_with_bu_is_kept() -> None:
    got = _found("卡特穆尔预言世界上第一部电脑动画长片将于1995年上映，投资3000万美元。")
    assert "第一部" in got, list(got)
