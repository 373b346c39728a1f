"""Twenty-sixth session's recall rules, with sentences written for the tests: a ratio against 1
takes its other side as its value (车桩比为3.5:1 -> 3.5; 1：6.8 -> 6.8), and a ratio with a
decimal against 1 is read with no word naming it (较上年的0.82:1); a ratio of two other terms
(2：8) keeps no one value, a score keeps its first side, and a clock time or a race time
(1:56.48) is no ratio; shots taken are counted in 投 (21投13中: 21 投), free throws (3罚2中) have
no unit; a measure word the tagger fuses with the noun it counts (248套房源:
data/measure_noun_words.tsv) still measures, except after 一 or 二 (二套房贷)."""

from __future__ import annotations

import pytest

from extractor import extract
from extractor.lexicon import words
from tests.lexicon_checks import check_lexicon_file


def _at(text: str, surface: str) -> list:
    return [c for c in extract(text) if c.quantity_text == surface]


# (text, surface, value): a ratio against 1 is valued by its other side
AGAINST_ONE = [
    ("该市的师生比约为12.5:1，高于全省水平。", "12.5:1", 12.5),
    ("今年新房供求比为0.93：1，市场趋于平衡。", "0.93：1", 0.93),
    ("两地货币当时按1：6.8的比例兑换。", "1：6.8", 6.8),
    ("园区男女比例为3比1。", "3比1", 3.0),
    ("停车位与车辆之比由上年的0.82:1升至0.9:1。", "0.82:1", 0.82),
    ("停车位与车辆之比由上年的0.82:1升至0.9:1。", "0.9:1", 0.9),
    ("兑换汇率从1:7.1降到1:6.4，留学成本随之下降。", "1:6.4", 6.4),
]


@pytest.mark.parametrize(("text", "surface", "value"), AGAINST_ONE)
def test_a_ratio_against_one_is_valued_by_its_other_side(
    text: str, surface: str, value: float
) -> None:
    [c] = _at(text, surface)
    assert c.value == pytest.approx(value)
    assert c.unit == ""


def test_a_ratio_of_two_other_terms_keeps_no_value() -> None:
    [c] = _at("两家企业按2：8的比例出资设立新公司。", "2：8")
    assert c.value is None


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("主队最终以1:3告负，无缘决赛。", "1:3", 1.0),  # a score: its first side
        ("主队最终以3比1获胜，晋级决赛。", "3比1", 3.0),
    ],
)
def test_a_score_keeps_its_first_side(text: str, surface: str, value: float) -> None:
    [c] = _at(text, surface)
    assert c.value == pytest.approx(value)


@pytest.mark.parametrize(
    "text", ["发布会于上午10:30开始，下午2:15结束。", "她以1:56.48的成绩夺得女子200米蝶泳金牌。"]
)
def test_a_clock_time_or_a_race_time_is_no_ratio(text: str) -> None:
    assert not [c for c in extract(text) if ":" in c.quantity_text]


# (text, surface, value, unit): shots taken are counted in 投, free throws have no unit
SHOTS = [
    ("这名前锋全场21投13中，拿下31分。", "21投13中", 21.0, "投"),
    ("他在第四节连续6投不中。", "6投不中", 6.0, "投"),
    ("新秀后卫本场3罚2中。", "3罚2中", 3.0, ""),
]


@pytest.mark.parametrize(("text", "surface", "value", "unit"), SHOTS)
def test_shots_taken_are_counted_in_tou(text: str, surface: str, value: float, unit: str) -> None:
    [c] = _at(text, surface)
    assert (c.value, c.unit) == (value, unit)


# (text, surface, value): a measure word the tagger fuses with its noun (套房) still measures
FUSED = [
    ("该楼盘周末加推了248套房源，当天售出九成。", "248套", 248.0),
    ("他名下共有七套房产，分布在三个城市。", "七套", 7.0),
    ("开发商首批推出的百余套房源很快售罄。", "百余套", 100.0),
]


@pytest.mark.parametrize(("text", "surface", "value"), FUSED)
def test_a_measure_word_fused_with_its_noun_still_measures(
    text: str, surface: str, value: float
) -> None:
    [c] = _at(text, surface)
    assert (c.value, c.unit) == (value, "套")


@pytest.mark.parametrize("text", ["多地银行收紧了二套房贷款。", "他攒够了买一套房的首付。"])
def test_one_or_two_before_a_fused_measure_word_is_no_count(text: str) -> None:
    assert not [c for c in extract(text) if c.quantity_text.endswith("套")]


@pytest.mark.parametrize("word", words("measure_noun_words"))
def test_every_fused_measure_word_is_read(word: str) -> None:
    [c] = _at(f"这个小区去年交付了36{word}。", "36" + word[0])
    assert c.value == 36.0


def test_the_fused_measure_words_hold_one_comment_and_no_entry_twice() -> None:
    check_lexicon_file("measure_noun_words")
