"""A season, school or fiscal year written with both years short (05-06赛季, 98/99赛季,
08-09学年): a time of its own, never a score. Sentences written for the tests."""

from __future__ import annotations

import pytest

from extractor.core import extract
from extractor.timex import find_times, normalise


@pytest.mark.parametrize(
    ("text", "season", "quantities"),
    [
        ("05-06赛季甲队场均砍下32.3分。", "05-06赛季", ["32.3分"]),
        ("他在98/99赛季场均得到20分。", "98/99赛季", ["20分"]),
        ("08-09学年乙校招生3000人。", "08-09学年", ["3000人"]),
        ("丙公司10—11财年营收为12亿元。", "10—11财年", ["12亿元"]),
        ("丁队 12 - 13 赛季主场赢下30场。", "12 - 13 赛季", ["30场"]),
    ],
)
def test_a_short_season_is_a_time_and_no_score(text, season, quantities):
    assert [t.text for t in find_times(text)] == [season]
    cands = extract(text)
    assert [c.quantity_text for c in cands] == quantities
    assert cands[0].time_text == season


@pytest.mark.parametrize(
    ("text", "score"),
    [
        # Scores keep their reading: no season word after them.
        ("戊队以98-90战胜己队。", "98-90"),
        ("两队战成88-88平。", "88-88"),
        ("庚队以98-99负于辛队。", "98-99"),
        # A season written whole stays as it was read (a year then two digits).
        ("2005-06赛季壬队以101-99取胜。", "101-99"),
    ],
)
def test_scores_are_still_scores(text, score):
    assert [c.quantity_text for c in extract(text) if c.kind == "score"] == [score]


@pytest.mark.parametrize(
    ("expr", "value"),
    [
        ("05-06赛季", "2005/2006"),
        ("98/99赛季", "1998/1999"),
        ("08-09学年", "2008/2009"),
        ("2009-10赛季", "2009/2010"),  # as before
        # Across a century: the second year is the one after the first (was 1999/1900).
        ("99-00赛季", "1999/2000"),
        ("1999-00赛季", "1999/2000"),
        ("2009/2010学年", "2009/2010"),
    ],
)
def test_a_short_season_reads_as_its_two_years(expr, value):
    assert normalise(expr) == value


@pytest.mark.parametrize(
    ("expr", "value"),
    [
        # A range of months or days is never read as a season of two short years.
        ("10-12月", "2009-10/2009-12"),
        ("11—12月份", "2009-11/2009-12"),
        ("2009年10-12月", "2009-10/2009-12"),
        ("1-7月", "2009-01/2009-07"),
    ],
)
def test_month_ranges_keep_their_reading(expr, value):
    assert normalise(expr, "2009-05-01") == value


def test_digits_inside_a_longer_number_are_no_season():
    # 1.05-06 or 2005-06 read from their start: the short form never starts inside a number.
    assert [t.text for t in find_times("癸指数3.05-06赛季")] == []
