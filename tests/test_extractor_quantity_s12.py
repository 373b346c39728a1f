"""Quantity forms and look-alikes of the twelfth session, each with sentences written for the
test (issue 12): found on the newest training articles, written as classes."""

from __future__ import annotations

from typing import Any

import pytest

from extractor.lexicon import table, words
from tests.lexicon_checks import check_lexicon_file
from tests.quantity_checks import found

# A lone 百, 千 or 万 before its measure word is an amount of its own (千元大奖 is a prize of
# 1000 yuan), as 百余款 and 千万种 already were.
BARE_SCALES = [
    ("商家拿出千元大奖回馈老顾客。", "千元", 1000, "元"),
    ("这次展会有万件家具特价销售。", "万件", 10000, "件"),
    ("游戏里共有百种技能可供学习。", "百种", 100, "种"),
    ("学院有千名学生报名参加考试。", "千名", 1000, "名"),
    ("这个县卖地千亩，收入不多。", "千亩", 1000, "亩"),
]


@pytest.mark.parametrize(("text", "surface", "value", "unit"), BARE_SCALES)
def test_a_lone_scale_word_before_its_measure_word_is_an_amount(
    text: str, surface: str, value: float, unit: str
) -> None:
    cands: dict[str, Any] = found(text)
    assert surface in cands, list(cands)
    assert (cands[surface].value, cands[surface].unit) == (value, unit)


# ... but not where the scale word and the measure word make an idiom or a name, nor before 之
# (a fraction: 千分之三).
BARE_SCALE_IDIOMS = {
    "万家": "这里万家灯火，一片繁荣，共3人。",
    "千家": "新产品走进千家万户，共3人。",
    "百年": "这是一所百年名校，共3人。",
    "千年": "这是一座千年古城，共3人。",
    "万年": "格子衬衫是万年不变的流行款，共3人。",
    "万分": "听到消息，她感动万分，共3人。",
    "百分": "这个百分比并不高，共3人。",
    "万户": "新产品走进千家万户，共3人。",
    "万人": "游戏推出万人军团玩法，共3人。",
}


def test_every_bare_scale_idiom_is_no_amount() -> None:
    check_lexicon_file("bare_scale_idioms")
    assert set(words("bare_scale_idioms")) == set(BARE_SCALE_IDIOMS)
    for idiom, text in BARE_SCALE_IDIOMS.items():
        cands: dict[str, Any] = found(text)
        assert not [s for s in cands if idiom in s], (idiom, list(cands))
        assert "3人" in cands, idiom
    fraction: dict[str, Any] = found("次品率相当于千分之三。")
    assert not [c for c in fraction.values() if (c.value, c.unit) == (1000, "分")]


# 首 + a measure word of a thing: the first of its kind, rank 1 as 第一个 (not 首次, 首届,
# 首轮: an occasion or a stage).
FIRSTS = {
    "个": "这是全省首个红木家具检测站，投资800万元。",
    "款": "这是该公司首款触摸屏相机，售价2000元。",
    "家": "它成为国内首家合资基金公司，有30名员工。",
    "宗": "本地出现首宗流感危重病例，患者37岁。",
    "例": "医院确诊了首例输入病例，共隔离12人。",
}


def test_every_first_measure_makes_a_rank_of_one() -> None:
    check_lexicon_file("first_measures")
    assert set(words("first_measures")) == set(FIRSTS)
    for measure, text in FIRSTS.items():
        cands: dict[str, Any] = found(text)
        surface = "首" + measure
        assert surface in cands, (measure, list(cands))
        assert (cands[surface].value, cands[surface].unit, cands[surface].kind) == (1, "", "other")


@pytest.mark.parametrize(
    "text",
    ["他首次入选国家队，得了12分。", "首届比赛共有20支球队参加。", "球队在首轮以3比1获胜。"],
)
def test_a_first_occasion_is_no_rank(text: str) -> None:
    cands: dict[str, Any] = found(text)
    assert not [s for s in cands if s.startswith("首")], list(cands)


def test_a_first_needs_what_it_ranks_after_it() -> None:
    # 首个。 at the end of a clause ranks nothing written.
    assert not [s for s in found("这是首个。共3人。") if s.startswith("首")]


# A game item after a level (30级武器, 4级水晶) names the tier of the item, as 30级副本 did.
@pytest.mark.parametrize("word", ["武器", "宝石", "水晶"])
def test_a_game_item_after_a_level_names_a_tier(word: str) -> None:
    assert ("级", word) in {tuple(r[:2]) for r in table("unit_name_words")}
    cands: dict[str, Any] = found(f"完成任务可以获得1件30级{word}，共3人。")
    assert "30级" not in cands, list(cands)
    assert "30级" in found("他的角色已经升到了30级，共3人。")
