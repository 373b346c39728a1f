"""Sentence splitting keeps exact offsets; time expressions are found and normalised."""

from __future__ import annotations

import itertools

import pytest

from extractor import split_sentences
from extractor.sentences import split_clauses
from extractor.timex import find_times, normalise


def _sentences(text: str) -> list[str]:
    spans = split_sentences(text)
    for s, e in spans:
        assert 0 <= s < e <= len(text)
    return [text[s:e] for s, e in spans]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("第一句。第二句！第三句？", ["第一句。", "第二句！", "第三句？"]),
        (
            "他说：“我们赢了。”然后离开；大家鼓掌!好吗?",
            ["他说：“我们赢了。”", "然后离开；", "大家鼓掌!", "好吗?"],
        ),
        ("（这是括号里的话。）下一句。", ["（这是括号里的话。）", "下一句。"]),
        ("真的吗？！是的。", ["真的吗？！", "是的。"]),
        ("第一行\n第二行\r\n\n第三行", ["第一行", "第二行", "第三行"]),
        ("  前后有空格。  ", ["前后有空格。"]),
        ("价格为3.5元。没有句号", ["价格为3.5元。", "没有句号"]),
        # A heading separated by a space from the body.
        (
            "香港豪宅屡创癫价成交 尺价近7万成亚洲最贵",
            ["香港豪宅屡创癫价成交", "尺价近7万成亚洲最贵"],
        ),
        # A heading glued to the date that opens the next sentence.
        (
            "党建引领 急难险重践初心3月以来，中国人保上海区域工协积极响应号召。",
            ["党建引领", "急难险重践初心", "3月以来，中国人保上海区域工协积极响应号召。"],
        ),
        # No split inside a sentence that already has a comma before the date.
        ("公司表示，预计3月，业绩回升。", ["公司表示，预计3月，业绩回升。"]),
        ("Hello world. No Chinese here", ["Hello world. No Chinese here"]),
        ("", []),
        ("   \n  ", []),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert _sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a news organ's dateline glued to the headline and to the first sentence
        (
            "某市GDP增长5.2%新华社北京3月1日电（记者 张三）某市统计局发布数据。",
            ["某市GDP增长5.2%", "新华社北京3月1日电", "（记者", "张三）某市统计局发布数据。"],
        ),
        ("今年营收破百亿元中新网11月7日电 据统计，营收增长。", None),
        ("票房大涨本报讯（记者 李四）全市影院票房增长。", None),
        ("新片首映新浪娱乐讯 北京时间3月18日，新片首映。", None),
        ("某公司涨停证券时报e公司讯，某公司今日涨停。", None),
        ("要求严查据新华社电 昨天，有关部门表示。", None),
        # another paper's name after a mark; never glued to a number's unit
        ("选中介要“五看” 北京考试报讯(记者 王五)考生增多。", None),
        ("里程增至84.1公里大众日报济南12月25日讯（记者", None),
        # not a dateline: 喜讯 is good news; a dateline further in is not read
        ("学校传来了喜讯，近日开学。", ["学校传来了喜讯，近日开学。"]),
        ("正文" * 120 + "新华社北京3月1日电", ["正文" * 120 + "新华社北京3月1日电"]),
    ],
)
def test_a_dateline_is_a_sentence_of_its_own(text: str, expected: list[str] | None) -> None:
    got = _sentences(text)
    if expected is not None:
        assert got == expected
        return
    datelines = [s for s in got if s.endswith(("电", "讯"))]
    if "84.1公里" in text:
        assert datelines == [] and got[0].startswith("里程增至84.1公里")
    else:
        assert len(datelines) == 1, got
        assert got.index(datelines[0]) == 1  # the headline before it is a sentence


def test_split_sentences_offsets_cover_the_text_in_order() -> None:
    text = "4月26日，公司捐资1000万元。目前，已有超过650名党员投入一线！“我们会继续。”\n新的一段"
    spans = split_sentences(text)
    assert [s for s, _ in spans] == sorted(s for s, _ in spans)
    for (_, e1), (s2, _) in itertools.pairwise(spans):
        assert e1 <= s2
        assert text[e1:s2].strip() == ""


def test_split_clauses_keeps_lists_together() -> None:
    text = "向上海市医疗急救中心、十余家航运企业提供物资，价值22万元（含税）。"
    clauses = [text[s:e] for s, e in split_clauses(text, 0, len(text))]
    assert clauses == ["向上海市医疗急救中心、十余家航运企业提供物资", "价值22万元", "含税", "。"]


@pytest.mark.parametrize(
    ("text", "expr", "with_date", "without_date"),
    [
        ("4月26日，公司捐资", "4月26日", "2022-04-26", "XXXX-04-26"),
        ("截至4月21日，已完成", "截至4月21日", "../2022-04-21", "../XXXX-04-21"),
        (
            "自3月18日起至今，已协助",
            "自3月18日起至今",
            "2022-03-18/2022-04-27",
            "XXXX-03-18/PRESENT_REF",
        ),
        ("目前，已有", "目前", "2022-04-27", "PRESENT_REF"),
        ("今年一季度，营收增长", "今年一季度", "2022-Q1", "XXXX-Q1"),
        ("去年同期为5亿元", "去年同期", "2021", "XXXX"),
        ("3月，财险公司提供", "3月", "2022-03", "XXXX-03"),
        ("2008年第二季度，基金新进", "2008年第二季度", "2008-Q2", "2008-Q2"),
        ("北京时间4月14日，雷霆", "北京时间4月14日", "2022-04-14", "XXXX-04-14"),
        ("昨天累计涨幅", "昨天", "2022-04-26", "PAST_REF"),
        ("2008年5月28日上市", "2008年5月28日", "2008-05-28", "2008-05-28"),
        ("上半年营收", "上半年", "2022-H1", "XXXX-H1"),
    ],
)
def test_time_expressions(text: str, expr: str, with_date: str, without_date: str) -> None:
    found = [t.text for t in find_times(text)]
    assert expr in found
    assert normalise(expr, "2022-04-27") == with_date
    assert normalise(expr, None) == without_date


def test_durations_are_not_times() -> None:
    assert [t.text for t in find_times("历时三个月，耗时5个月")] == []
