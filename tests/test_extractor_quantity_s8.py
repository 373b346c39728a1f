"""Quantity forms and look-alikes of the eighth session, each with sentences written for the
test (issue 12)."""

from __future__ import annotations

import pytest

from extractor.lexicon import table
from extractor.units import normal_unit
from tests.quantity_checks import found

# Games won, games played and personal fouls are sports stats like 篮板 and 助攻, after a
# Chinese numeral as after a digit.
SPORT_COUNTS = [
    ("主队连续两战全胜，排名上升。", "两战", 2, "战"),
    ("这名新秀四战美国名校，终获录取。", "四战", 4, "战"),
    ("中锋上半场就已三犯，只能坐回替补席。", "三犯", 3, "犯"),
    ("他本赛季共出场12战，场均得到9分。", "12战", 12, "战"),
    ("后卫在第二节便吃到4犯。", "4犯", 4, "犯"),
]


@pytest.mark.parametrize(("text", "surface", "value", "unit"), SPORT_COUNTS)
def test_sport_counts_after_numerals(text: str, surface: str, value: float, unit: str) -> None:
    cands = found(text)
    assert surface in cands, list(cands)
    assert cands[surface].value == value and cands[surface].unit == unit


# 二战 and 一战 are the world wars, 前三战 a scope: none is a count of games.
NOT_SPORT_COUNTS = [
    "老人在二战期间当过兵。",
    "这部电影让他一战成名。",
]


@pytest.mark.parametrize("text", NOT_SPORT_COUNTS)
def test_war_names_are_no_counts(text: str) -> None:
    assert not found(text)


# 两度 to 九度 before a verb count occasions ("three times").
OCCASIONS = [
    ("这位导演三度冲击最佳影片奖。", "三度", 3),
    ("两部作品曾两度入围主竞赛单元。", "两度", 2),
    ("法院今年已五度延长羁押期。", "五度", 5),
]


@pytest.mark.parametrize(("text", "surface", "value"), OCCASIONS)
def test_numeral_and_du_before_a_verb_counts_occasions(
    text: str, surface: str, value: float
) -> None:
    cands = found(text)
    assert surface in cands, list(cands)
    assert cands[surface].value == value and cands[surface].unit == "度"


# 一度 is the adverb "once", 五度空间 a name, 三度 at the end of a clause a temperature.
NOT_OCCASIONS = [
    "该股一度跌停，午后才有所回升。",
    "这家公司推出了五度空间系列产品。",
    "夜间气温降到三度。",
]


@pytest.mark.parametrize("text", NOT_OCCASIONS)
def test_du_as_a_word_or_name_is_no_count(text: str) -> None:
    assert not [s for s in found(text) if s.endswith("度")]


# An aspect ratio written a:b is the shape of a picture (data/aspect_ratios.tsv); a score
# written with a dash or 比, or a ratio a match ends on, stays a score.
def test_every_aspect_ratio_is_no_score() -> None:
    for a, b in table("aspect_ratios"):
        for sep in (":", "："):
            text = f"这款相机配备一块3英寸{a}{sep}{b}的液晶屏。"
            assert list(found(text)) == ["3英寸"], text
    assert "16-9" in found("湖人首节打出一波16-9的攻势。")
    assert "4:3" in found("主队最终以4:3获胜。")


# A Chinese numeral inside a longer word of the tagger's dictionary is part of an idiom or a
# name, not a number; a set phrase (增加一倍), a rank (名列第一) and a numeral word (几十万元)
# still count.
INSIDE_WORDS = [
    "几位老师十年如一日地照顾这些孩子。",
    "这部电影在颁奖礼上连中三元。",
    "展会吸引了成千上万的观众。",
    "他三番五次打电话催促对方。",
    "市场格局并不是一成不变的。",
]


@pytest.mark.parametrize("text", INSIDE_WORDS)
def test_numeral_inside_an_idiom_or_name_is_no_number(text: str) -> None:
    assert not found(text)


COUNTED_WORDS = [
    ("这样一来开销会增加一倍。", "一倍", 1),
    ("该基金的业绩在同类中名列第一。", "第一", 1),
    ("每个科室的投入都在几十万元。", "几十万元", 100000),
]


@pytest.mark.parametrize(("text", "surface", "value"), COUNTED_WORDS)
def test_set_phrases_ranks_and_numeral_words_count(text: str, surface: str, value: float) -> None:
    cands = found(text)
    assert surface in cands, list(cands)
    assert cands[surface].value == value


# 去 and 少 after a number start the next word (data/not_measure_chars.tsv): no unknown
# measure word is read.
def test_verbs_after_a_number_are_no_measure_words() -> None:
    cands = found("他多投了30万少赚了20万。")
    assert cands["30万"].unit == "" and cands["30万"].value == 300000
    assert not [s for s in found("练到了35去打副本。") if s.endswith("去")]


# 前N with no measure word is a rank (at most Nth) after a rank verb or field; without one it
# is a scope (前十大重仓股) or a time frame (前三场).
TOP_RANKS = [
    ("这只基金的收益在同类产品中位列前三。", "前三", 3),
    ("该银行按市值计算位列全球前五大银行之列。", "前五大", 5),
    ("公司的营收在行业中排名前10。", "前10", 10),
]


@pytest.mark.parametrize(("text", "surface", "value"), TOP_RANKS)
def test_top_n_after_a_rank_verb_is_a_rank(text: str, surface: str, value: float) -> None:
    cands = found(text)
    assert surface in cands, list(cands)
    assert cands[surface].value == value and cands[surface].qualifier == "<="


NOT_TOP_RANKS = [
    "这些个股从基金的前十大重仓股中消失。",
    "球队在季后赛前三场中命中率很低。",
    "他最终没能挤进前十。",
]


@pytest.mark.parametrize("text", NOT_TOP_RANKS)
def test_top_n_without_a_rank_verb_is_no_rank(text: str) -> None:
    assert not [s for s in found(text) if s.startswith("前")]


# A unit before a character it forms a word with (战胜, 犯规, 个人物) is no unit
# (data/unit_word_starts.tsv): a score before 战胜 stays a score.
def test_every_unit_word_start_keeps_its_unit_from_being_read() -> None:
    for unit, chars in table("unit_word_starts"):
        for ch in chars.split():
            text = f"这支球队本赛季已有12{unit}{ch}的记录。"
            stored = normal_unit(unit)  # 个人 counts 人
            assert not [c for c in found(text).values() if c.unit == stored], (unit, ch)
    assert found("火箭最后以119-114战胜了对手。")["119-114"].value == 119
    assert found("主队119比114战胜对手。")["119比114"].value == 119
    assert found("他们本赛季8战全胜。")["8战"].unit == "战"
