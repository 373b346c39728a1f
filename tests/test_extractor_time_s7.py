"""Time expressions of the seventh session: stretches measured from the present (近两年,
过去32年里, 未来5年内), a week written alone (第9周), a bare day after 从/自/于/在 (从20日起),
the moment a story has reached (至此, 那时), moments set by an event (赛后, 震后), and no time
inside a title (《十月围城》). Sentences written for the tests."""

from __future__ import annotations

import pytest

from extractor.core import extract_with_fields
from extractor.timex import find_times


@pytest.mark.parametrize(
    ("text", "times"),
    [
        # A stretch of time measured back or forward from the present.
        ("近两年甲市房价上涨三成。", ["近两年"]),
        ("过去12年里乙队共换了5任主帅。", ["过去12年里"]),
        ("未来5年内丙公司将投资20亿元。", ["未来5年内"]),
        ("短短八个交易日，丁指数上涨12%。", ["短短八个交易日"]),
        ("最近3场比赛戊球员场均18分。", ["最近3场比赛"]),
        # 近 before a count or a short duration is a qualifier, not a stretch of time.
        ("己市近5万户家庭参与。", []),
        ("比赛持续了近3小时。", []),
        # 这五年中 and 最近 alone stay out (a span of years, 最近对焦距离).
        ("这五年中庚市房价上涨。", []),
        ("辛牌相机最近对焦距离为1厘米。", []),
        # A week written alone, never an anniversary.
        ("第9周最佳阵容公布，壬球员入选。", ["第9周"]),
        ("第十二周癸队两战全胜。", ["第十二周"]),
        ("甲公司举行成立第10周年庆典。", []),
        # A bare day after 从/自/于/在.
        ("从20日起，乙酒店价格下调为800元。", ["从20日起"]),
        ("丙公司于8日公布业绩。", ["8日"]),
        # The moment a story has reached or looks back to.
        ("至此，丁球员共得到21分。", ["至此"]),
        ("那个时候戊游戏只有30级。", ["那个时候"]),
        # A moment set by an event, never a word of its own (前锋, 后卫).
        ("地震后己校有300人回国。", ["震后"]),
        ("赛前一天庚队训练了2小时。", ["赛前"]),
        # (the whole festival since data/named_periods.tsv, eighteenth session)
        ("国庆节后辛店降价500元。", ["国庆节后"]),
        ("壬队在全明星赛之后仅输1场。", ["赛之后"]),
        ("癸联赛前锋甲某得到12分。", []),
        ("乙联赛后卫丙某得到9分。", []),
        # A title names a work, not a time.
        ("丁某在《十月围城》里流了一次眼泪。", []),
        ("今年《戊报》报道，9月1日起实施。", ["今年", "9月1日起"]),
    ],
)
def test_stretches_weeks_days_and_moments_are_time_expressions(text: str, times: list[str]) -> None:
    assert [t.text for t in find_times(text)] == times


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("近两年甲市房价上涨。", True),
        ("未来5年内乙公司投资。", True),
        ("2009年丙市房价上涨。", False),
    ],
)
def test_only_a_stretch_is_marked_a_span(text: str, span: bool) -> None:
    (found,) = find_times(text)
    assert found.span is span


def test_a_stretch_never_hides_a_duration_claim_and_is_the_next_claims_time() -> None:
    text = "短短八个交易日，己指数上涨12%。"
    found = {cand.quantity_text: fields for cand, fields in extract_with_fields(text)}
    assert "八个交易日" in found
    assert "短短八个交易日" in [o.text for o in found["12%"]["time"]]
    # The stretch is never offered as the time of its own number.
    assert "短短八个交易日" not in [o.text for o in found["八个交易日"]["time"]]
