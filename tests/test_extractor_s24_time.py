"""Twenty-fourth session's time rules, with sentences written for the tests: the time of a
change's starting value (由上年的…降至…) never dates the value the change reaches; a sentence
that breaks a report's figures down (从地区看，分产品看，) holds at a time, never at none; a
stretch that is the window of a record (创近3个月新高) is no time; the items of a respective
list (2021年和2022年…分别为…和…) are dated item by item; 全年 stands for the year its
sentence names (2023年年报显示，其全年…), never for a part of one."""

from __future__ import annotations

import pytest

from extractor import extract


def _times(text: str, surface: str) -> list[str]:
    [c] = [c for c in extract(text) if c.quantity_text == surface]
    return [a["text"] for a in c.alternatives.get("time", [])] + [c.time_text or ""]


@pytest.mark.parametrize(
    ("text", "start", "reached", "time"),
    [
        ("该县的入学率由去年的81.5%提高至93.2%。", "81.5%", "93.2%", "去年"),
        ("这家工厂的日产量从上月的120吨增加到160吨。", "120吨", "160吨", "上月"),
        ("全市的空置率已由三年前的14%降为9%。", "14%", "9%", "三年前"),
    ],
)
def test_a_starting_values_time_never_dates_the_value_reached(
    text: str, start: str, reached: str, time: str
) -> None:
    assert time in _times(text, start)
    assert time not in _times(text, reached)


def test_a_time_after_from_without_a_value_between_stays() -> None:
    # No starting value between 由上月起 and the quantity: the time is the quantity's own.
    text = "据介绍，这家工厂由上月起日产量提高到160吨。"
    assert any("上月" in t for t in _times(text, "160吨"))


BREAKDOWN = (
    "2025年，全省规模以上工业企业实现利润总额3120亿元，同比增长6.4%。"
    "{opener}制造业实现利润2480亿元，占全部利润的79.5%。"
)


@pytest.mark.parametrize(
    "opener", ["分行业看，", "从行业结构看，", "按行业分析，", "从行业来看，", "按行业划分，"]
)
def test_a_breakdown_sentence_offers_no_empty_time(opener: str) -> None:
    text = BREAKDOWN.format(opener=opener)
    for surface in ("2480亿元", "79.5%"):
        times = _times(text, surface)
        assert "" not in times, times
        assert "2025年" in times


@pytest.mark.parametrize("opener", ["", "专家分析，", "从明年起，"])
def test_other_sentence_openers_keep_the_empty_time(opener: str) -> None:
    text = BREAKDOWN.format(opener=opener)
    [c] = [c for c in extract(text) if c.quantity_text == "79.5%"]
    texts = [a["text"] for a in c.alternatives.get("time", [])] + [c.time_text or ""]
    assert "" in texts, texts


def test_a_breakdown_sentence_with_no_time_to_offer_keeps_the_empty_one() -> None:
    text = "分品种看，小麦亩产约520公斤，玉米亩产约610公斤。"
    [c] = [c for c in extract(text) if c.quantity_text == "约520公斤"]
    assert c.time_text in ("", None)


@pytest.mark.parametrize(
    "text",
    [
        "沪指今天上涨1.5%，创近3个月新高。两市成交额达4500亿元。",
        "该市上月气温偏高，为三年来最高。全市用电量达52亿千瓦时。",
    ],
)
def test_a_stretch_that_is_the_window_of_a_record_is_no_time(text: str) -> None:
    # 近3个月新高, 三年来最高: the window of a record, as 2015年以来新高 is.
    [c] = [c for c in extract(text) if c.quantity_text.endswith(("4500亿元", "52亿千瓦时"))]
    times = [a["text"] for a in c.alternatives.get("time", [])] + [c.time_text or ""]
    assert not [t for t in times if "近3个月" in t or "三年来" in t], times


def test_a_stretch_as_the_period_of_a_change_stays_a_time() -> None:
    text = "近3个月，两市成交额累计达4500亿元。"
    [c] = [c for c in extract(text) if c.quantity_text.endswith("4500亿元")]
    times = [a["text"] for a in c.alternatives.get("time", [])] + [c.time_text or ""]
    assert "近3个月" in times, times


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "受行情影响，该公司2021年和2022年的净利润分别为3.2亿元和4.5亿元。",
            {"3.2亿元": "2021年", "4.5亿元": "2022年"},
        ),
        (
            "据统计，本市1月、2月和3月的新车销量分别为1.2万辆、0.9万辆和1.5万辆。",
            {"1.2万辆": "1月", "0.9万辆": "2月", "1.5万辆": "3月"},
        ),
    ],
)
def test_a_respective_list_dates_each_item_by_its_own_time(
    text: str, expected: dict[str, str]
) -> None:
    for c in extract(text):
        for surface, time in expected.items():
            if c.quantity_text.endswith(surface):
                others = set(expected.values()) - {time}
                times = [a["text"] for a in c.alternatives.get("time", [])] + [c.time_text]
                assert not others & set(times), (surface, times)


def test_a_respective_list_with_more_times_than_items_is_left_alone() -> None:
    # Three joined times, two items: no item-by-item reading, every time stays offered.
    text = "该公司2020年、2021年和2022年的净利润分别为3.2亿元和4.5亿元。"
    [c] = [c for c in extract(text) if c.quantity_text.endswith("3.2亿元")]
    times = [a["text"] for a in c.alternatives.get("time", [])] + [c.time_text]
    assert "2022年" in times or "2021年" in times, times


@pytest.mark.parametrize(
    ("text", "surface", "year"),
    [
        ("该公司2023年年报显示，其全年实现营业收入12.5亿元。", "12.5亿元", "2023年"),
        ("分析师预计，今年该市新房价格全年涨幅约3%。", "约3%", "今年"),
    ],
)
def test_the_whole_year_stands_for_the_year_its_sentence_names(
    text: str, surface: str, year: str
) -> None:
    [c] = [c for c in extract(text) if c.quantity_text.endswith(surface)]
    assert c.time_text == year
    assert "全年" not in [a["text"] for a in c.alternatives.get("time", [])]


def test_the_whole_year_never_stands_for_a_part_of_one() -> None:
    # 下半年 is a part of the year: 全年 stays itself.
    text = "该厂二期工程将于下半年投产，全年产量预计达到5万吨。"
    [c] = [c for c in extract(text) if c.quantity_text.endswith("5万吨")]
    times = [a["text"] for a in c.alternatives.get("time", [])] + [c.time_text]
    assert "全年" in times, times
