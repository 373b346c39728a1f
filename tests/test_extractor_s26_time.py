"""Twenty-sixth session's time rules, with sentences written for the tests: a comma that groups
a number's digits (12,500亿元) is no clause stop, so the time of a change's starting value
(从上年的12,500亿元提高至…) never dates the value reached, as it does not without the comma; a
time after a headline's figure that opens the report's body glued to it (首付比30%|上周五，…;
拟募集8亿元|记者昨日获悉; …【晨报专讯】…昨日公布) is not that figure's time."""

from __future__ import annotations

import pytest

from extractor import extract, lexicon
from tests.lexicon_checks import check_lexicon_file


def _times(text: str, surface: str) -> list[str]:
    [c] = [c for c in extract(text) if c.quantity_text.endswith(surface)]
    return [a["text"] for a in c.alternatives.get("time", [])] + [c.time_text or ""]


@pytest.mark.parametrize(
    ("text", "reached"),
    [
        (
            "2022年全省工业产值统计公布。全省工业产值从上年的12,500亿元提高至13,240.5亿元。",
            "13,240.5亿元",
        ),
        ("2022年快递业务量统计公布。该省快递业务量由去年的1,280万件增至1,536万件。", "1,536万件"),
    ],
)
def test_a_starting_value_written_with_digit_groups_keeps_its_time_to_itself(
    text: str, reached: str
) -> None:
    times = _times(text, reached)
    assert "上年" not in times and "去年" not in times, times
    # The starting value itself keeps the time of its own.
    start = "12,500亿元" if "12,500" in text else "1,280万件"
    assert _times(text, start)[-1] in ("上年", "去年")


def test_a_comma_between_clauses_still_ends_the_change() -> None:
    # A real clause stop between the time and the figure: a new clause, no starting value.
    text = "全省工业产值从上年的12,500亿元开始回升，今年提高至13,240.5亿元。"
    assert _times(text, "13,240.5亿元")[-1] == "今年"


@pytest.mark.parametrize(
    ("text", "surface", "body_time"),
    [
        ("星海科技下月上市 拟募集8亿元记者昨日获悉，星海科技将于下月在港上市。", "8亿元", "昨日"),
        ("楼市新政首付比30%上周五，市政府发布了新的调控政策。", "30%", "上周五"),
    ],
)
def test_a_time_opening_the_body_after_a_headline_figure_is_not_its_time(
    text: str, surface: str, body_time: str
) -> None:
    times = _times(text, surface)
    assert body_time not in times, times


def test_a_headline_figure_before_a_body_mark_takes_no_body_time() -> None:
    text = (
        "本市新增病例120例 多区加强防控【晨报专讯】市卫健委昨日（5月3日）公布，"
        "本市新增确诊病例120例，其中本土病例80例。"
    )
    headline, body = [c for c in extract(text) if c.quantity_text == "120例"]
    assert not headline.time_text, headline.time_text
    assert body.time_text.startswith("昨日"), body.time_text


def test_a_time_a_verb_takes_after_the_figure_stays_an_option() -> None:
    # 结束本赛季，: the season is the object of 结束, not a body glued to a headline.
    assert "本赛季" in _times("湖人以45胜37负的战绩结束本赛季，无缘季后赛。", "45胜")


def test_the_body_marks_file_is_a_lexicon() -> None:
    check_lexicon_file("report_body_marks")


@pytest.mark.parametrize("mark", lexicon.words("report_body_marks"))
def test_every_body_mark_keeps_the_body_time_from_the_headline_figure(mark: str) -> None:
    text = f"本市新增病例120例{mark}市卫健委昨日公布，全市新增病例120例。"
    first = next(c for c in extract(text) if c.quantity_text == "120例")
    times = [a["text"] for a in first.alternatives.get("time", [])] + [first.time_text or ""]
    assert "昨日" not in times, (mark, times)


def test_without_a_body_mark_the_headline_figure_keeps_the_time() -> None:
    # The near-miss: nothing between the figure and the report's verb, one clause.
    text = "本市新增病例120例据市卫健委昨日公布，全市新增病例120例。"
    first = next(c for c in extract(text) if c.quantity_text == "120例")
    assert first.time_text == "昨日", first.time_text
