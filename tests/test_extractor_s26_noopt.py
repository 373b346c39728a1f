"""Twenty-sixth session's subject runners-up (option generation), with sentences written for
the tests: a national scope word written before the quantity (全国, 我国) is offered alone
among the runners-up, and no scope is composed before an option that names the country."""

from __future__ import annotations

import pytest

from extractor import extract
from extractor.core import _NATIONAL, _NATIONAL_ALONE
from tests.lexicon_checks import check_lexicon_file


def _runners_up(text: str, surface: str) -> tuple[str, list[str]]:
    [c] = [c for c in extract(text) if c.quantity_text == surface]
    return c.subject, [a["text"] for a in c.alternatives.get("subject", [])]


# (text, surface, the scope word offered alone)
BARE_SCOPE = [
    ("今年上半年，全国新建充电站四千余座，同比增长六成。", "四千余座", "全国"),
    ("海关统计显示，一季度我国出口钢材2100万吨，同比增长一成。", "2100万吨", "我国"),
    # Written in an earlier sentence of the report: the figures that follow are the country's.
    ("去年全国渔业产值再创新高。其中，淡水养殖产量3100万吨，增长2.4%。", "3100万吨", "全国"),
]


@pytest.mark.parametrize(("text", "surface", "scope"), BARE_SCOPE)
def test_a_national_scope_word_written_before_is_a_runner_up_alone(
    text: str, surface: str, scope: str
) -> None:
    subject, alts = _runners_up(text, surface)
    assert scope == subject or scope in alts


def test_the_bare_scope_never_changes_the_choice() -> None:
    text = "今年上半年，全国新建充电站四千余座，同比增长六成。"
    [c] = [c for c in extract(text) if c.quantity_text == "四千余座"]
    assert c.subject != "全国"


# Near misses: no national word before the quantity (a province's report, or 全国 written
# only after the quantity), so no bare scope is offered.
NO_SCOPE = [
    ("今年上半年，北川省新建充电站四千余座，同比增长六成。", "四千余座"),
    ("北川省新建充电站四千余座，居全国前列。", "四千余座"),
]


@pytest.mark.parametrize(("text", "surface"), NO_SCOPE)
def test_no_bare_scope_without_a_national_word_before(text: str, surface: str) -> None:
    _, alts = _runners_up(text, surface)
    assert "全国" not in alts and "我国" not in alts


def test_no_scope_is_composed_before_an_option_naming_the_country() -> None:
    text = "我国钢铁工业协会称，今年前三季度全国粗钢产量8.1亿吨，同比下降2%。"
    _, alts = _runners_up(text, "8.1亿吨")
    assert not any(a.startswith("我国全国") for a in alts)


def test_the_national_scope_words_file() -> None:
    check_lexicon_file("national_scope_words")
    assert set(_NATIONAL_ALONE) <= set(_NATIONAL)
    assert "中国" in _NATIONAL and "中国" not in _NATIONAL_ALONE
