"""Twenty-sixth session's look-alike rules (precision), with sentences written for the tests:
a period right before a figure it scopes (三天票房, 两周销售额, after 的 too: 五年的业绩;
data/duration_scope_words.tsv, column "figure") or a plan or term it names (三年行动, 八年的租约:
column "term") claims nothing, nor does a period counted from a date or up to one (去年8月以来的
4个月, 截至9月30日止九个月: data/time_frame_words.tsv), nor a score bounded by 以上/以下 before a
word (600分以上的考生), which names a class, nor a mark not yet reached (距离1万亿元仅一步之遥:
the rule of context distance_target)."""

from __future__ import annotations

import pytest

from extractor import extract
from extractor.lexicon import table
from tests.lexicon_checks import check_lexicon_file


def _at(text: str, surface: str) -> list:
    return [c for c in extract(text) if c.quantity_text == surface]


# (text, surface, kept): a period right before (or 的 and) a figure it scopes
PERIOD_FIGURES = [
    ("这部动画片上映三天票房就有九千万元。", "三天", False),
    ("商场开业两周销售额增长了四成。", "两周", False),
    ("投资者不宜只看一只基金五年的业绩。", "五年", False),
    ("那间小店两年的营业额不过四十万元。", "两年", False),
    ("這家書店首兩周銷售額按年上升一成。", "兩周", False),
    # the period itself measured: kept
    ("这批库存相当于工厂两个月的产量，约有3万吨。", "两个月", True),
    ("他在这家公司干了两个月，收入却不高。", "两个月", True),
    ("工程队用了三天修好这段路。", "三天", True),
]


@pytest.mark.parametrize(("text", "surface", "kept"), PERIOD_FIGURES)
def test_a_period_before_the_figure_it_scopes_claims_nothing(
    text: str, surface: str, kept: bool
) -> None:
    assert bool(_at(text, surface)) == kept


def test_every_figure_word_makes_a_period_before_it_a_lookalike_with_or_without_de() -> None:
    check_lexicon_file("duration_scope_words")
    figures = [r[0] for r in table("duration_scope_words") if r[1:] == ("figure",)]
    assert figures
    for word in figures:
        assert not _at(f"这家店三个月{word}不错。", "三个月"), word
        assert not _at(f"这家店三个月的{word}不错。", "三个月"), word
    assert _at("这家店开了三个月，生意不错。", "三个月")


# (text, surface, kept): a period right before a plan or a term it names (data/
# duration_scope_words.tsv, column "term"), after 的 too
PERIOD_TERMS = [
    ("市政府公布了新的三年行动方案，重点治理河道。", "三年", False),
    ("这家公司制订了五年规划，准备进军海外。", "五年", False),
    ("两人签下了八年的租约。", "八年", False),
    # the period itself measured: kept
    ("他计划用三年读完硕士课程。", "三年", True),
    ("这项行动持续了五年。", "五年", True),
]


@pytest.mark.parametrize(("text", "surface", "kept"), PERIOD_TERMS)
def test_a_period_that_names_a_plan_or_a_term_claims_nothing(
    text: str, surface: str, kept: bool
) -> None:
    assert bool(_at(text, surface)) == kept


def test_every_term_word_makes_a_period_before_it_a_lookalike_with_or_without_de() -> None:
    terms = [r[0] for r in table("duration_scope_words") if r[1:] == ("term",)]
    assert terms
    for word in terms:
        assert not _at(f"公司公布了两年{word}。", "两年"), word
        assert not _at(f"公司公布了两年的{word}。", "两年"), word
    assert _at("公司的项目做了两年。", "两年")


# (text, surface, kept): a period counted from a date (以来的) or up to one (日止) frames the
# figures reported over it (data/time_frame_words.tsv)
DATED_FRAMES = [
    ("这两家公司都是在去年8月以来的4个月中成立的。", "4个月", False),
    ("集团公布截至9月30日止九个月的业绩，期内收入增长12%。", "九个月", False),
    # a duration done since the date: kept
    ("自今年3月以来，工人们连续加班了4个月。", "4个月", True),
    ("这项工程用了九个月才完工。", "九个月", True),
]


@pytest.mark.parametrize(("text", "surface", "kept"), DATED_FRAMES)
def test_a_period_from_or_up_to_a_date_frames_the_figures(
    text: str, surface: str, kept: bool
) -> None:
    assert bool(_at(text, surface)) == kept


# (text, surface, kept): a score bound by 以上/以下 with a word after it names a class of
# candidates or results, unless it is held (拥有…)
SCORE_BOUNDS = [
    ("今年高考放榜。600分以上的考生约有4800人。", "600分以上", False),
    ("共有12名考生获得满分中的650分以上高分。", "650分以上", False),
    ("雅思考到6分以上同样可以申请该校。", "6分以上", False),
    ("她拥有110分以上的托福成绩。", "110分以上", True),
    ("这名前锋本赛季场均得到25分以上。", "25分以上", True),
]


@pytest.mark.parametrize(("text", "surface", "kept"), SCORE_BOUNDS)
def test_a_bounded_score_before_a_word_names_a_class(text: str, surface: str, kept: bool) -> None:
    found = [c for c in extract(text) if surface in c.quantity_text]
    assert bool(found) == kept, [c.quantity_text for c in extract(text)]


# (text, surface, kept): a mark between 距/距离/离 and the gap still to go (差, 一步之遥) is not
# reached; the gap itself is the claim
DISTANCE_TARGETS = [
    ("该市去年GDP为9,650亿元，距离1万亿元仅一步之遥。", "1万亿元", False),
    ("这家公司的市值离1000亿元还差80亿元。", "1000亿元", False),
    ("这家公司的市值离1000亿元还差80亿元。", "80亿元", True),
    ("主队积分距离降级区仅有4分之差。", "4分", True),
    ("两座城市相距约160公里，开车要两个小时。", "约160公里", True),
]


@pytest.mark.parametrize(("text", "surface", "kept"), DISTANCE_TARGETS)
def test_a_mark_not_yet_reached_claims_nothing(text: str, surface: str, kept: bool) -> None:
    assert bool(_at(text, surface)) == kept, [c.quantity_text for c in extract(text)]


def test_a_mark_not_yet_reached_is_a_rule_of_context_the_model_may_make_soft() -> None:
    from extractor.quantity import find_quantities

    text = "该市去年GDP为9,650亿元，距离1万亿元仅一步之遥。"
    assert not [m for m in find_quantities(text) if "1万亿元" in text[m.start : m.end]]
    marked = [
        m
        for m in find_quantities(text, soft=("distance_target",))
        if "1万亿元" in text[m.start : m.end]
    ]
    assert [m.cue for m in marked] == ["distance_target"]
