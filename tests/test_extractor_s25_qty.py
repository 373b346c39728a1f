"""Twenty-fifth session's quantity rules, with sentences written for the tests: the length of
a run of consecutive periods after a word of a run (data/run_words.tsv: 连升三日, 连续5日,
连降两月, 连续第七个交易日, 连续四次), where 日, 月 and 季 alone are dates; and a figure that names
an edition (8GB版本, 6GB+128GB版: data/style_suffixes.tsv), which counts nothing; a duration
right before 共 or 累计 (7天共运送…, 七天累计销售额…: data/duration_scope_words.tsv) scopes the
total after it."""

from __future__ import annotations

import pytest

from extractor import extract
from extractor.lexicon import words
from tests.lexicon_checks import check_lexicon_file


def _at(text: str, surface: str) -> list:
    return [c for c in extract(text) if c.quantity_text == surface]


# (text, surface, value, unit): after a word of a run the number counts its periods
RUNS = [
    ("该指数连升三日，累计上涨120点。", "三日", 3.0, "日"),
    ("外资连续5日买超这只股票。", "5日", 5.0, "日"),
    ("全市住宅成交量连降两月。", "两月", 2.0, "月"),
    ("这家公司的净利润连增三季。", "三季", 3.0, "季"),
    ("北向资金连续第七个交易日净流入。", "第七个交易日", 7.0, "个交易日"),
    ("这所学校的招生人数连续第四年上升。", "第四年", 4.0, "年"),
    ("恒指連跌四日，市值蒸發逾千億。", "四日", 4.0, "日"),
    ("全县税收收入连减两月后回升。", "两月", 2.0, "月"),
    ("这名后卫连续四次罚球命中，锁定胜局。", "四次", 4.0, "次"),
    ("市区房价连涨了两月。", "两月", 2.0, "月"),
]


@pytest.mark.parametrize(("text", "surface", "value", "unit"), RUNS)
def test_the_length_of_a_run_is_a_quantity(
    text: str, surface: str, value: float, unit: str
) -> None:
    [c] = _at(text, surface)
    assert (c.value, c.unit) == (value, unit)


# (text, surface): without a word of a run, 日 and 月 date something and 第N ranks nothing
NOT_RUNS = [
    ("他将于三日出席签约仪式。", "三日"),
    ("公司定于5日公布年度业绩。", "5日"),
    ("他第四年担任合唱团的指挥。", "第四年"),
]


@pytest.mark.parametrize(("text", "surface"), NOT_RUNS)
def test_a_date_or_an_ordinal_without_a_run_stays_out(text: str, surface: str) -> None:
    assert _at(text, surface) == []


def test_run_words_file() -> None:
    check_lexicon_file("run_words")
    used = "".join(t for t, *_ in RUNS)
    for word in words("run_words"):
        assert word in used or word.replace("连", "連") in used, word


# (text, named, counted): a figure before 版 or 版本 names an edition; a figure elsewhere counts
EDITIONS = [
    ("这款平板的8GB版本售价为1999元。", ["8GB"], ["1999元"]),
    ("该机的6GB+128GB版售价3299元。", ["6GB", "128GB"], ["3299元"]),
    ("这部手机配备8GB运行内存，售价2599元。", [], ["8GB", "2599元"]),
]


@pytest.mark.parametrize(("text", "named", "counted"), EDITIONS)
def test_a_figure_that_names_an_edition_is_no_quantity(
    text: str, named: list[str], counted: list[str]
) -> None:
    found = {c.quantity_text for c in extract(text)}
    assert not found & set(named), found
    assert set(counted) <= found, found


# (text, surface, kept): a duration right before 共 or 累计 scopes the total that follows
DURATION_SCOPES = [
    ("假期里航空公司7天共运送旅客1200万人次。", "7天", False),
    ("这家商场七天累计销售额达8500万元。", "七天", False),
    ("他在那家航空公司工作了7天，共运送旅客300人次。", "7天", True),
]


@pytest.mark.parametrize(("text", "surface", "kept"), DURATION_SCOPES)
def test_a_duration_before_a_total_is_its_scope(text: str, surface: str, kept: bool) -> None:
    assert bool(_at(text, surface)) == kept
