"""Quantity forms of the thirty-third session: race times in thousandths, shooting scores in
环, headline casualty tallies (4死7伤), measure words of trains and flights with 余, a bare 内
after a duration or a distance, league abbreviations before a count (英超20家), the reporting
scope of the national epidemic report (31个省份), and 首款 + noun that ranks nothing.
Sentences written for the tests."""

from __future__ import annotations

import pytest

from extractor.core import extract


def _found(text: str) -> dict:
    return {c.quantity_text: c for c in extract(text)}


def _one(text: str, surface: str):
    got = _found(text)
    assert surface in got, (surface, list(got))
    return got[surface]


# ---------------------------------------------------------------- race times and shooting scores


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        # thousandths after 秒 (speed skating, luge)
        ("他以2分37秒348的成绩夺冠。", "2分37秒348", 157.348),
        ("她以1分40秒105的成绩获得银牌。", "1分40秒105", 100.105),
        ("选手以38秒052的成绩刷新纪录。", "38秒052", 38.052),
        # hundredths keep working
        ("博尔特以9秒83的成绩夺冠。", "9秒83", 9.83),
        ("他以2分05秒86的成绩夺冠。", "2分05秒86", 125.86),
        # seconds alone
        ("比赛开始后30秒，主队就进球了。", "30秒", 30.0),
    ],
)
def test_a_race_time_reads_its_fraction_of_a_second(text: str, surface: str, value: float) -> None:
    c = _one(text, surface)
    assert (c.value, c.unit) == (pytest.approx(value), "秒")


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("他用时3秒，83岁的老人也看呆了。", "3秒，83"),
        # four digits after 秒 start another number
        ("倒计时10秒2022名观众齐声呐喊。", "10秒2022"),
    ],
)
def test_digits_after_seconds_that_are_no_fraction(text: str, absent: str) -> None:
    assert absent not in _found(text)


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("她以251.8环的成绩夺冠。", "251.8环", 251.8),
        ("他最后一枪打出10.9环。", "10.9环", 10.9),
        ("中国队以1256环的总成绩获得团体冠军。", "1256环", 1256.0),
    ],
)
def test_a_shooting_score_in_rings(text: str, surface: str, value: float) -> None:
    c = _one(text, surface)
    assert (c.value, c.unit, c.kind) == (pytest.approx(value), "环", "score")


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("北京四环内房价上涨5%。", "四环"),
        ("奥运五环旗冉冉升起，共有3人。", "五环"),
        ("二环路拥堵，共有3人受伤。", "二环"),
        ("房价环比上涨3%。", "环比"),
    ],
)
def test_rings_of_roads_and_words_opened_by_huan_are_no_score(text: str, bad: str) -> None:
    assert not [s for s in _found(text) if bad in s]
