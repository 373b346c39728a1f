"""Rule families of role resolution, on sentences written for these tests: the entity table,
sources, subject options (owners of attributes, names inside runs, pronouns, 某-names), time
ranges, spaced digits, comparison bases and carried periods."""

from __future__ import annotations

import pytest

from extractor import extract
from extractor.core import extract_with_options, is_comparison_base
from extractor.entities import is_source_clause
from extractor.ranker import Ranker
from extractor.timex import find_times, normalise


def _options(text: str, surface: str) -> dict[str, dict[str, float]]:
    for cand, options in extract_with_options(text):
        if cand.quantity_text == surface:
            return {o.text: o.features for o in options}
    raise AssertionError(f"{surface} not found in {text}")


# ----------------------------------------------------------------------------- sources


@pytest.mark.parametrize(
    ("clause", "source"),
    [
        ("据统计局介绍", True),
        ("甲集团副总裁王五表示", True),
        ("研究机构的报告显示", True),
        ("本报讯", True),
        ("乙公司今年利润增长", False),
        ("销售额达到", False),
    ],
)
def test_source_clauses(clause: str, source: bool) -> None:
    text = clause + "，甲公司收入10亿元。"
    assert is_source_clause(text, 0, len(clause)) is source


def test_a_source_clause_marks_its_names() -> None:
    opts = _options("国家统计局表示，今年上半年国内生产总值增长9.8%。", "9.8%")
    assert opts["国家统计局"].get("source") == 1.0
    assert not opts.get("国内生产总值", {}).get("source")


def test_a_model_that_avoids_sources_picks_the_indicator() -> None:
    model = Ranker({"source": -5.0, "same_clause": 2.0})
    cands = extract("国家统计局表示，今年上半年国内生产总值增长9.8%。", ranker=model)
    assert cands[0].subject == "国内生产总值"
    assert any(a["text"] == "国家统计局" for a in cands[0].alternatives["subject"])


# ----------------------------------------------------------------------------- options


def test_the_owner_of_a_measured_attribute_is_an_option() -> None:
    opts = _options("去年甲市居民人均收入水平为3000元。", "3000元")
    owners = [t for t, f in opts.items() if f.get("owner")]
    assert owners and all(not t.endswith("水平") for t in owners)


def test_time_expressions_are_never_subject_options() -> None:
    opts = _options("今年3月，销售额比去年同期增长12%。", "12%")
    assert "去年同期" not in opts and "今年" not in opts


def test_pronouns_point_to_their_antecedents() -> None:
    opts = _options("王小明昨天表现出色。他全场得到30分。", "30分")
    assert opts["王小明"].get("generic") == 1.0 and opts["王小明"].get("person") == 1.0
    opts = _options("甲公司成立于2001年。它去年营收5亿元。", "5亿元")
    assert opts["甲公司"].get("generic") == 1.0


def test_surname_mou_names_keep_their_title() -> None:
    opts = _options("警方通报，犯罪嫌疑人高某共骗取20万元。", "20万元")
    assert opts["犯罪嫌疑人高某"].get("person") == 1.0


def test_transliterated_names_are_persons() -> None:
    opts = _options("北京时间昨天，凯文-杜兰特全场砍下41分。", "41分")
    assert opts["凯文-杜兰特"].get("person") == 1.0


def test_headline_names_are_salient() -> None:
    text = "丙队三连胜\n北京时间昨日比赛结束。全场比赛共有1.2万名观众到场。"
    opts = _options(text, "1.2万名")
    assert any(f.get("headline") for f in opts.values())


def test_aliases_resolve_inside_options() -> None:
    text = "甲乙丙科技股份有限公司（简称“甲乙丙”）发布年报。甲乙丙去年营收20亿元。"
    cand = extract(text)[0]
    assert cand.subject == "甲乙丙科技股份有限公司"


# ----------------------------------------------------------------------------- time


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("1-7月，全市销售额增长5%。", "1-7月", "2021-01/2021-07"),
        ("1月至9月，公司收入达3亿元。", "1月至9月", "2021-01/2021-09"),
        ("2021 年上半年，公司营收5亿元。", "2021 年上半年", "2021-H1"),
        ("2020年3-5月", "2020年3-5月", "2020-03/2020-05"),
    ],
)
def test_ranges_and_spaced_digits_are_one_expression(text: str, expr: str, value: str) -> None:
    found = find_times(text)
    assert found[0].text == expr
    assert normalise(expr, "2021-08-01") == value


def test_a_comparison_base_is_never_the_time() -> None:
    text = "4月，甲市房价较上月下降1.5%。"
    assert is_comparison_base(text, text.index("上月"))
    assert extract(text)[0].time_text == "4月"
    cand = extract("乙市销售额比去年同期增长12%。")[0]
    assert cand.time_text == ""


def test_a_period_carries_across_sentences_but_not_paragraphs() -> None:
    rules = Ranker({"rule": 1.0})  # the clause rules' choice (the trained ranker may differ)
    same = extract("2008年，丁公司营收10亿元；净利润2亿元。", ranker=rules)
    assert [c.time_text for c in same] == ["2008年", "2008年"]
    trained = extract("2008年，丁公司营收10亿元；净利润2亿元。")[-1]
    assert "2008年" in [
        trained.time_text,
        *(a["text"] for a in trained.alternatives.get("time", [])),
    ]
    apart = extract("2008年，丁公司营收10亿元。\n净利润2亿元。")
    assert [c.time_text for c in apart] == ["2008年", ""]
