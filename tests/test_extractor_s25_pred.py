"""Twenty-fifth session's predicate rules, with sentences written for the tests: a predicate
option that writes the figure's owner before the measured attribute (其净利润, 该银行不良贷款率,
全县粮食播种面积) gives way to the attribute alone when that is an option."""

from __future__ import annotations

import pytest

from extractor import extract
from extractor.core import (
    _attribute_of,
    _change_start,
    _record_noun,
    _without_ordinal_size,
)
from extractor.lexicon import words
from extractor.ranker import Option
from extractor.roles import Phrase
from tests.lexicon_checks import check_lexicon_file

#: Why a case below is a strict expected failure (docs/HISTORY.md, thirty-eighth session).


def _claim(text: str, surface: str):
    [c] = [c for c in extract(text) if c.quantity_text == surface]
    return c


@pytest.mark.parametrize(
    ("text", "surface", "attribute"),
    [
        ("华远科技年报显示，其净利润为5.2亿元，同比增长9%。", "5.2亿元", "净利润"),
        # 不良贷款率 is one noun since the thirty-second session (率 was tagged a verb)
        ("年报显示，该银行不良贷款率为1.2%，比年初下降0.1个百分点。", "1.2%", "不良贷款率"),
        ("该县统计局称，全县粮食播种面积为120万亩。", "120万亩", "播种面积"),
    ],
)
def test_the_attribute_after_its_owner_is_the_predicate(
    text: str, surface: str, attribute: str
) -> None:
    assert _claim(text, surface).predicate == attribute


@pytest.mark.parametrize(
    ("text", "surface", "predicate"),
    [
        # A share's verb and its base before the attribute: not an owner.
        ("新能源汽车销量300万辆，占汽车总量的12%。", "12%", "占汽车总量"),
        # A sum of the attribute: not whose it is.
        ("今年前三季度累计客运量约3.5亿人次，同比增长8%。", "约3.5亿人次", "累计客运量"),
    ],
)
def test_a_verb_or_a_sum_before_the_attribute_stays(
    text: str, surface: str, predicate: str
) -> None:
    assert _claim(text, surface).predicate == predicate


def _options(*texts: str) -> list[Option]:
    return [Option(t, 10, 10 + len(t)) for t in texts]


def test_an_owner_sharing_the_subject_is_cut_off() -> None:
    pred = Phrase("动画电影市场规模", 4, 12)
    cut = _attribute_of(pred, "动画电影市场", _options("动画电影市场规模", "规模"))
    assert (cut.text, cut.start, cut.end) == ("规模", 10, 12)


def test_a_modifier_the_subject_does_not_share_stays() -> None:
    pred = Phrase("成交均价", 4, 8)
    assert _attribute_of(pred, "万达广场", _options("成交均价", "均价")) is pred


def test_the_subject_itself_is_never_made_the_predicate() -> None:
    pred = Phrase("其净利润率", 0, 5)
    assert _attribute_of(pred, "净利润率", _options("其净利润率", "净利润率")) is pred


def test_owner_determiners_lexicon() -> None:
    check_lexicon_file("owner_determiners")
    for word in words("owner_determiners"):
        pred = Phrase(f"{word}库存总量", 0, len(word) + 4)
        assert _attribute_of(pred, "", _options("总量")).text == "总量"


@pytest.mark.parametrize(
    ("text", "surface", "predicate"),
    [
        pytest.param(
            "目前，日本已成为该国第二大旅游客源国。",
            "第二",
            "旅游客源国",
            marks=pytest.mark.xfail(
                strict=True,
                reason="the context-character model chooses 成为该国 (HISTORY)",
            ),
        ),
        pytest.param(
            "去年，东湖市是全省第三大港口城市。",
            "第三",
            "港口城市",
            marks=pytest.mark.xfail(
                strict=True,
                reason="the context-character model chooses 是全省 (HISTORY)",
            ),
        ),
    ],
)
def test_the_size_word_after_an_ordinal_is_the_ordinal_s(
    text: str, surface: str, predicate: str
) -> None:
    assert _claim(text, surface).predicate == predicate


def test_a_size_word_after_a_comma_stays() -> None:
    pred = Phrase("大比分", 8, 11)
    assert _without_ordinal_size(pred, "第三", 7) is pred
    assert _without_ordinal_size(Phrase("大客源国", 7, 11), "第5", 7).text == "客源国"


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("赛后，猛龙队本赛季战绩为38胜20负，继续排名东部第二。", "38胜"),
        ("此役过后，飞鹰队战绩为12胜5平3负，升至积分榜第三。", "12胜"),
    ],
)
def test_the_wins_of_a_record_take_the_record_noun(text: str, surface: str) -> None:
    assert _claim(text, surface).predicate.endswith("战绩")


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        # No record noun in the sentence.
        ("猛龙队目前38胜20负，仍排名东部第二。", "38胜"),
        # Wins with no losses after them are no record.
        ("赛后，猛龙队本赛季战绩为38胜，主场战绩出色。", "38胜"),
    ],
)
def test_wins_without_a_record_noun_or_losses_stay(text: str, surface: str) -> None:
    assert _claim(text, surface).predicate == "胜"


def test_record_nouns_lexicon() -> None:
    check_lexicon_file("record_nouns")
    for word in words("record_nouns"):
        opts = _options(f"球队{word}", word)
        assert _record_noun(Phrase("胜", 0, 1), "3胜1负", 2, opts).text == word


@pytest.mark.parametrize(
    ("text", "surface", "part"),
    [
        ("该队的大名单包括14名后卫，主帅对此很满意。", "14名", "后卫"),
        ("这座古城有着八百年历史。", "八百年", "历史"),
    ],
)
def test_what_a_verb_of_including_counts_is_the_predicate(
    text: str, surface: str, part: str
) -> None:
    assert _claim(text, surface).predicate == part


def test_a_verb_of_adding_a_sum_stays() -> None:
    # Money is left to the verb (the s24 rule reads no part for it).
    c = _claim("学费每年三万元，加上每年两万元的生活费，总费用不低。", "两万元")
    assert c.predicate == "加上"


@pytest.mark.parametrize(
    ("text", "surface", "attribute"),
    [
        ("该厂的年产能将由目前的5万吨扩至明年的8万吨。", "5万吨", "产能"),
        ("该公司门店数量已由高峰时的300家减少至200家。", "300家", "数量"),
    ],
)
def test_a_change_s_starting_value_takes_the_attribute_before_from(
    text: str, surface: str, attribute: str
) -> None:
    assert _claim(text, surface).predicate == attribute


@pytest.mark.parametrize(
    ("text", "surface", "predicate"),
    [
        # The value reached keeps the verb of the change.
        ("据统计，市民的平均等候时间由30分钟缩短至10分钟。", "10分钟", "缩短"),
        # 由 of the agent, no change after the quantity.
        ("这支代表队由30名队员组成。", "30名", "组成"),
    ],
)
def test_a_value_reached_or_an_agent_s_count_stays(text: str, surface: str, predicate: str) -> None:
    assert _claim(text, surface).predicate == predicate


def test_an_adverb_glued_to_the_attribute_is_left_out() -> None:
    text = "建筑控制高度拟由60米调整为80米。"
    q = text.index("60米")
    verb = text.index("调整")
    opts = [Option("高度拟", 4, 7), Option("调整", verb, verb + 2)]
    cut = _change_start(Phrase("调整", verb, verb + 2), text, q, q + 3, opts)
    assert (cut.text, cut.start, cut.end) == ("高度", 4, 6)
