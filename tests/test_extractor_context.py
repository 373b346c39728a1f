"""Context rules of the extractor: look-alikes told by their surroundings, predicates read
from attributes and lists, time ranges and reporting periods."""

from __future__ import annotations

from extractor import extract
from extractor.ranker import Ranker
from extractor.timex import find_times, normalise


def _q(text: str) -> list[str]:
    return [c.quantity_text for c in extract(text)]


def test_examples_and_suppositions_are_not_claims() -> None:
    text = "比如说第一名充了2000元，将获赠1000元话费。公司投资300万元。"
    assert _q(text) == ["300万元"]


def test_scope_of_a_group_is_not_a_claim() -> None:
    assert _q("该基金在所有60只混合基金中位居第6名。") == ["第6"]
    assert "15人" not in _q("阵中有15名球员。15人中包括五名中锋。")


def test_parts_of_an_argument_and_class_criteria_are_not_claims() -> None:
    assert _q("资金主要来自三个方面。") == []
    assert _q("范围从9公斤以下的小型犬至超过27公斤的大型犬。") == []
    assert _q("70%以上的问题由基材造成。") == ["70%以上"]


def test_negative_share_half_and_grams() -> None:
    cands = extract("整体收益为-0.11%，报销比例将提高到一半。F2.0大光圈，重量580g，支持3G网络。")
    got = {c.quantity_text: (c.value, c.unit) for c in cands}
    assert got["-0.11%"] == (-0.11, "%")
    assert got["一半"] == (50.0, "%")
    assert got["580g"] == (580.0, "g")
    assert not any("3G" in q for q in got)


def test_an_f_number_is_an_aperture() -> None:
    cands = extract("整体收益为-0.11%，报销比例将提高到一半。F2.0大光圈，重量580g，支持3G网络。")
    got = {c.quantity_text: (c.value, c.unit) for c in cands}
    assert got["F2.0"] == (2.0, "F")


def test_average_age_is_a_statistic() -> None:
    assert _q("主演平均年龄不超过30岁。") == ["不超过30岁"]
    assert _q("年满18岁可以报名。") == []


def test_predicates_from_attributes_lists_and_descriptive_subjects() -> None:
    (c,) = extract("累计志愿服务时长超过8000小时。")
    assert c.predicate == "累计志愿服务时长"
    # The clause rules' predicates; the trained ranker may prefer the counted noun (睡房, as
    # the gold often does for counts) and keeps the verb one key away.
    a, b = extract("大屋拥有6间睡房、5间浴室。", ranker=Ranker({"rule": 1.0}))
    assert (a.predicate, b.predicate) == ("拥有", "浴室")
    a = extract("大屋拥有6间睡房、5间浴室。")[0]
    assert "拥有" in [a.predicate, *(x["text"] for x in a.alternatives["predicate"][:2])]
    x, y = extract("中央补助40元，农民个人缴费20元。")
    assert (x.subject, x.predicate) == ("中央", "补助")
    assert (y.subject, y.predicate) == ("农民个人", "缴费")
    # 以X的Y: the attribute Y is the rules' choice; the trained predicate ranker may prefer
    # the verb (位居), and the attribute then stays the first alternative (one key away).
    (z,) = extract("该基金以18.74%的净值增长率位居前列。", ranker=Ranker({"rule": 1.0}))
    assert z.predicate == "净值增长率"
    (z,) = extract("该基金以18.74%的净值增长率位居前列。")
    assert "净值增长率" in [z.predicate, *(a["text"] for a in z.alternatives["predicate"][:2])]


def test_time_ranges_and_periods() -> None:
    (t,) = find_times("自2000年至2008年，")
    assert t.text == "自2000年至2008年" and normalise(t.text) == "2000/2008"
    (t,) = find_times("从2010年开始，")
    assert t.text == "从2010年开始"
    assert [t.text for t in find_times("从目前的40%")] == ["目前"]
    assert [t.text for t in find_times("前晚击退")] == ["前晚"]


def test_reporting_period_is_carried_and_a_moment_stays_in_its_paragraph() -> None:
    # The clause rules carry a reporting period (a model without time weights keeps them);
    # the trained time ranker weighs it against no time, and keeps it as an alternative.
    rules = Ranker({"rule": 1.0})
    report = extract("2008年，公司实现营业收入5.74亿元。净利润增长7.5%。", ranker=rules)
    assert [c.time_text for c in report] == ["2008年", "2008年"]
    last = extract("2008年，公司实现营业收入5.74亿元。净利润增长7.5%。")[-1]
    assert "2008年" in [last.time_text, *(a["text"] for a in last.alternatives.get("time", []))]
    # Whether a moment (4月14日) carries to the next sentence of its paragraph is the time
    # ranker's choice (the gold carries a report's date: 20日 over a whole fund report), but
    # never into the next paragraph, and the clause rules' carried period stays an option.
    news = extract("4月14日，雷霆队获胜。\n杜兰特拿下14分。")
    assert news[-1].time_text == ""
    assert "time" not in news[-1].alternatives
    (cand,) = extract("4月14日，雷霆队获胜，杜兰特拿下14分。")
    assert cand.time_text == "4月14日"
