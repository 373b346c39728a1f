"""Time expressions and time features of the fourteenth session: a stretch up to now or within
a bound counted without 过去/未来 (四年来, 两个月以来, 3年内, 一年间), the first months of a year
(前8个月), 当月, 同日, 首日, 最后一节, 前三节, 星期五, 现阶段, 前几日, 上个赛季, 2010财年, 截至20日
and a moment counted back or forward (两年前, 一年之后). Sentences written for the tests."""

from __future__ import annotations

import pytest

from extractor.core import extract_with_fields
from extractor.timex import find_times


@pytest.mark.parametrize(
    ("text", "times"),
    [
        # A stretch up to now, counted in years, months, days, weeks or hours.
        ("甲公司成立一年以来，注册用户超过500万。", ["一年以来"]),
        ("四年来乙市房价上涨了三成。", ["四年来"]),
        ("这是两个月以来获批的第四只基金。", ["两个月以来"]),
        ("丙队27年来首次打进决赛。", ["27年来"]),
        ("视频发布18个小时内转发量超过10万次。", ["18个小时内"]),
        # A stretch within a bound (a plan's or a change's).
        ("报销比例3年内逐步提高到75%。", ["3年内"]),
        ("在15年间丁国留学生增加了8万人。", ["15年间"]),
        ("半年内戊市房价上涨近9000元。", ["半年内"]),
        ("承销商有权在30天内行使超额配售权。", ["30天内"]),
        ("壬公司三个月内裁员200人。", ["三个月内"]),
        # A year or a month since (2008年以来, 2月以来) stays what it was; a day of the month
        # since (5日以来) is no stretch, and a duration without 来/内/间 is no time.
        ("2008年以来成立的基金有122只。", ["2008年以来"]),
        ("2月以来己指数上涨5%。", ["2月以来"]),
        ("5日以来庚股下跌。", []),
        ("辛工程持续了3年，耗资2亿元。", []),
        ("壬公司裁员历时三个月。", []),
        # The first months of a year: its reporting period so far.
        ("前8个月，甲市新开工面积下降15%。", ["前8个月"]),
        ("前三个月乙公司售出3万辆。", ["前三个月"]),
        # The month or the day of an earlier time, an opening day, a game's last or first
        # quarters.
        ("丙基金当月净值上涨3%。", ["当月"]),
        ("同日，丁基金首募11亿元。", ["同日"]),
        # (the onset verb before it is read with it since the thirty-fifth session: 上市首日)
        ("戊股上市首日上涨40%。", ["上市首日"]),
        ("最后一节己队得了30分。", ["最后一节"]),
        ("前三节庚球员拿下21分。", ["前三节"]),
        # Days of the week with 星期, the present stage, the last few days, last season, a
        # fiscal year of one year, a cutoff at a bare day.
        ("星期五辛店售出300台。", ["星期五"]),
        ("现阶段壬市有12家医院。", ["现阶段"]),
        ("前几日癸股上涨了5%。", ["前几日"]),
        ("这几天甲店客流增加两成。", ["这几天"]),
        ("上个赛季乙球员场均18分。", ["上个赛季"]),
        ("本季丙球员命中率为45%。", ["本季"]),
        ("2010财年，丁国签发签证3万个。", ["2010财年"]),
        ("截至20日，戊基金规模为8亿元。", ["截至20日"]),
        # A moment counted back from the present (a span); never 前往, 前锋.
        ("两年前己某以1.1万元买进一套房。", ["两年前"]),
        ("三个月之前庚股只有5元。", ["三个月之前"]),
        ("辛队3天前往客场比赛。", []),
        # ... or forward from an earlier moment (一年之后, 8个月后); never 后卫, 后者.
        ("一年之后，壬基金规模达到554亿元。", ["一年之后"]),
        ("8个月后癸股上涨了73%。", ["8个月后"]),
        ("甲队3年后卫冕成功。", []),
    ],
)
def test_a_counted_stretch_up_to_now_or_within_a_bound_is_a_time(
    text: str, times: list[str]
) -> None:
    assert [t.text for t in find_times(text)] == times


def test_a_counted_stretch_is_a_span_and_never_hides_its_duration() -> None:
    (found,) = find_times("癸队四年来首次晋级。")
    assert found.span
    text = "甲公司成立20年来，累计纳税15亿元。"
    claims = {cand.quantity_text: fields for cand, fields in extract_with_fields(text)}
    assert "20年来" in [o.text for o in claims["15亿元"]["time"]]
