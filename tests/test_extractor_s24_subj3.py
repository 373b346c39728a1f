"""Twenty-fourth session's third subject rule, with sentences written for the tests: a count
of a group with its noun opening the quantity's clause (data/group_measures.tsv: 只, 家, 名)
is offered whole as the subject (40只基金合计分红90亿元 -> 40只基金), not after a preposition
and not when 的 follows the noun (the group's attribute is then measured)."""

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
