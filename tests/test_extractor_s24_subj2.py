"""Twenty-fourth session's subject rules (second pass), with sentences written for the tests:
a short name the dictionary does not hold, which the text writes in full at one of its mentions
with a company's or a fund's ending (data/name_endings.tsv: 科技, 基金, 集团) the tagger broke
off, is read as that full name (GUIDELINE: aliases are resolved); a place or a dictionary
word before such an ending is left alone. Likewise a fund's name shortened by words left out of
its middle (安泰收益债券基金 of 安泰增强收益债券型基金) is read as the longer form the text
writes; a house's name (安泰基金) is no such short form."""

from __future__ import annotations

import pytest

from extractor import extract
from extractor.entities import EntityTable
from extractor.lexicon import words
from tests.lexicon_checks import check_lexicon_file


def _subject(text: str, surface: str) -> str:
    [c] = [c for c in extract(text) if c.quantity_text == surface]
    return c.subject


@pytest.mark.parametrize(
    ("text", "surface", "subject"),
    [
        (
            "据了解，晶澜优选灵活配置基金昨日获批。晶澜优选的股票仓位为30%至80%。",
            "30%至80%",
            "晶澜优选灵活配置基金",
        ),
        (
            "晶澜进取策略混合型基金日前获批。晶澜进取策略的股票投资比例为30%至80%。",
            "30%至80%",
            "晶澜进取策略混合型基金",
        ),
    ],
)
def test_a_short_name_written_in_full_before_is_the_full_name(
    text: str, surface: str, subject: str
) -> None:
    assert _subject(text, surface) == subject


@pytest.mark.parametrize(
    ("text", "surface", "subject"),
    [
        # A place before a company's ending: the place is no short name of the company.
        ("广州基金公司近年发展很快。广州去年生产总值增长8%。", "8%", "广州"),
        # A word of the dictionary before a fund's ending: no short name either.
        ("债券基金上周普遍下跌。债券收益率上升到3%。", "3%", "债券收益率"),
    ],
)
def test_a_place_or_a_word_before_an_ending_is_left_alone(
    text: str, surface: str, subject: str
) -> None:
    assert _subject(text, surface) == subject


@pytest.mark.parametrize("ending", words("name_endings"))
def test_every_name_ending_ends_a_written_full_name(ending: str) -> None:
    table = EntityTable(f"沃芯{ending}昨日发布年报。沃芯去年营收12亿元。", 0)
    assert table.written_full("沃芯") == f"沃芯{ending}"


def test_a_reading_stops_at_a_word_no_name_is_written_with() -> None:
    # 的 (a particle) before the ending: 沃芯 is not read on to 沃芯的子公司.
    table = EntityTable("沃芯的子公司昨日发布年报。沃芯去年营收12亿元。", 0)
    assert table.written_full("沃芯") is None


def test_a_fund_name_shortened_in_its_middle_is_the_longer_form() -> None:
    text = (
        "据悉，安泰增强收益债券型基金日前获批。安泰收益债券基金将以不低于80%的基金资产投资于债券。"
    )
    assert _subject(text, "不低于80%") == "安泰增强收益债券型基金"


def test_a_houses_name_is_no_short_form_of_its_fund() -> None:
    text = "据悉，安泰基金旗下的安泰增强收益债券型基金日前获批。安泰基金去年管理规模为120亿元。"
    assert _subject(text, "120亿元") == "安泰基金"
    table = EntityTable(text, 0)
    assert table.written_longer("安泰基金") is None
    assert table.written_longer("安泰收益债券基金") == "安泰增强收益债券型基金"


def test_a_longer_form_that_writes_the_short_name_whole_is_not_read() -> None:
    # 安泰收益债券基金 written whole inside a longer run: that is no form with words left out.
    table = EntityTable("市场上的安泰收益债券基金规模增长较快。", 0)
    assert table.written_longer("安泰收益债券基金") is None


def test_name_endings_file() -> None:
    check_lexicon_file("name_endings")
