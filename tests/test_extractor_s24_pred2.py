"""Twenty-fourth session's predicate rules (round 2), with sentences written for the tests:
a stock quote in brackets after a company's name (某银行[6.12 -0.35%]) states the share's
price (股价) and its change that day (股价涨跌幅), words the text does not write."""

from __future__ import annotations

import pytest

from extractor import extract


def _claim(text: str, surface: str):
    [c] = [c for c in extract(text) if c.quantity_text == surface]
    return c


def test_a_bracketed_stock_quote_states_the_price_and_its_change() -> None:
    text = "目前推出这项业务的有光大银行[3.27 -0.61%]、民生银行[6.45 1.26%]等几家。"
    assert _claim(text, "3.27").predicate == "股价"
    assert _claim(text, "-0.61%").predicate == "股价涨跌幅"
    assert _claim(text, "6.45").predicate == "股价"
    assert _claim(text, "1.26%").predicate == "股价涨跌幅"


def test_a_bracketed_share_without_a_price_before_it_is_left_alone() -> None:
    # A share in brackets with no price before it is no quote.
    c = _claim("该行的不良贷款率（1.26%）比去年有所下降。", "1.26%")
    assert c.predicate != "股价涨跌幅"


def test_a_memory_size_with_no_word_naming_it_states_the_capacity() -> None:
    c = _claim("小米推出了一款卡片式播放器Q7(4G)，价格不高。", "4G")
    assert c.predicate == "容量"


def test_a_memory_size_named_in_the_text_keeps_its_word() -> None:
    c = _claim("这款播放器的内存为8G。", "8G")
    assert c.predicate != "容量"
    assert "内存" in c.predicate


@pytest.mark.parametrize("shape", ["两罚全中", "两罚不中"])
def test_free_throws_all_made_or_missed_are_free_throws(shape: str) -> None:
    c = _claim(f"比赛最后时刻，张强走上罚球线{shape}，比分未变。", shape)
    assert c.predicate == "罚球"


def test_a_made_of_attempted_shape_still_reads_as_before() -> None:
    c = _claim("李明全场12投7中，表现稳定。", "12投7中")
    assert c.predicate == "投篮"


def test_a_fine_is_no_free_throw() -> None:
    c = _claim("这家工厂因排污超标被罚50万元。", "50万元")
    assert c.predicate != "罚球"


def test_a_stat_line_names_what_each_number_counts() -> None:
    text = "王浩今晚砍下31+9+7，帮助球队取胜。"
    assert _claim(text, "31").predicate == "得分"
    assert _claim(text, "9").predicate == "篮板"
    assert _claim(text, "7").predicate == "助攻"


def test_a_plus_format_of_a_programme_is_no_stat_line() -> None:
    # 2+2 names a study format (one digit first): no points, no rebounds.
    claims = [
        c for c in extract("该校推出2+2留学项目，学费3万元。") if c.predicate in ("得分", "篮板")
    ]
    assert claims == []
