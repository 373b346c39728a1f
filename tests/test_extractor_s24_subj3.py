"""Twenty-fourth session's third subject rules, with sentences written for the tests: a count
of a group with its noun opening the quantity's clause (data/group_measures.tsv: 只, 家, 名)
is offered whole as the subject (40只基金合计分红90亿元 -> 40只基金), not after a preposition
and not when 的 follows the noun (the group's attribute is then measured); a 的-phrase that
holds a whole quantity of the sentence (退还了80万元的定金) is no subject option."""

from __future__ import annotations

import pytest

from extractor import extract
from extractor.lexicon import words
from tests.lexicon_checks import check_lexicon_file
from tests.subject_checks import subject_options


def _subject(text: str, surface: str) -> str:
    [c] = [c for c in extract(text) if c.quantity_text == surface]
    return c.subject


@pytest.mark.parametrize(
    ("text", "surface", "subject"),
    [
        ("据机构统计，40只基金合计分红90亿元。", "90亿元", "40只基金"),
        ("今年上半年，六家银行共发放贷款300亿元。", "300亿元", "六家银行"),
        ("统计显示，215只偏股基金中仅有三只出现亏损。", "三只", "215只偏股基金"),
    ],
)
def test_a_counted_group_opening_the_clause_is_the_subject(
    text: str, surface: str, subject: str
) -> None:
    assert _subject(text, surface) == subject


@pytest.mark.parametrize(
    ("text", "surface", "whole"),
    [
        # after a preposition the group is no subject
        ("上个月，市政府与12家企业签订了总额80亿元的协议。", "80亿元", "12家企业"),
        # 的 after the noun: the group's attribute is measured, the group is not offered whole
        ("据测算，86只股票型基金的平均仓位为77%。", "77%", "86只股票型基金"),
    ],
)
def test_a_counted_group_after_a_preposition_or_before_de_is_not_offered(
    text: str, surface: str, whole: str
) -> None:
    assert whole not in subject_options(text, surface)


@pytest.mark.parametrize("measure", words("group_measures"))
def test_every_group_measure_keeps_its_count_with_the_noun(measure: str) -> None:
    options = subject_options(f"据统计，15{measure}机构共出资90亿元。", "90亿元")
    assert f"15{measure}机构" in options


def test_group_measures_lexicon() -> None:
    check_lexicon_file("group_measures")


@pytest.mark.parametrize(
    ("text", "surface", "phrase"),
    [
        (
            "去年3月，李建华退还了80万元的定金，并支付了6万元利息。",
            "6万元",
            "李建华退还了80万元的定金",
        ),
        (
            "上周，陈海峰交纳了12万元的保证金，同时缴清了3万元罚款。",
            "3万元",
            "陈海峰交纳了12万元的保证金",
        ),
    ],
)
def test_a_de_phrase_holding_a_quantity_is_no_option(text: str, surface: str, phrase: str) -> None:
    """A 的-phrase holding a whole quantity of the sentence is a clause, not a name."""
    options = subject_options(text, surface)
    assert phrase not in options
    assert phrase[:3] in options


@pytest.mark.parametrize(
    ("text", "surface", "phrase"),
    [
        ("记者走访发现，北城新开的书店今年营业额达到500万元。", "达到500万元", "北城新开的书店"),
        ("调查显示，出国读研的学生约占毕业生总数的两成。", "两成", "出国读研的学生"),
    ],
)
def test_a_de_phrase_without_a_quantity_stays_an_option(
    text: str, surface: str, phrase: str
) -> None:
    assert phrase in subject_options(text, surface)
