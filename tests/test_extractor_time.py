"""The claim's time (issue 11, s5-time): time expressions (ranges, weeks, 半场, 如今), the
time options (text as written, a ；-split list, a period opening an earlier sentence, a
comparison base whose own value the quantity is) and the claim cues that tell a time named
earlier from no time (data/time_cues.tsv).

Sentences are written for these tests; none is copied from a gold file.
"""

from __future__ import annotations

import pytest

from extractor import lexicon
from extractor.core import extract_with_fields
from extractor.options import claim_cues
from extractor.ranker import CLAIM_CUES, TIME_FEATURES, Option
from extractor.timex import find_times, normalise
from tests.lexicon_checks import check_lexicon_file


def _time_options(text: str, surface: str) -> dict[str, Option]:
    for cand, fields in extract_with_fields(text):
        if cand.quantity_text == surface:
            return {o.text: o for o in fields["time"]}
    raise AssertionError(f"{surface} not found")


# ------------------------------------------------------------------- time expressions
@pytest.mark.parametrize(
    ("text", "times", "value"),
    [
        # A year range written with one 年 is one expression.
        ("2005-2007年丑市房价涨幅较小。", ["2005-2007年"], "2005/2007"),
        ("2010~2011年寅市人口增加。", ["2010~2011年"], "2010/2011"),
        ("2002年至2006年卯市人口增加。", ["2002年至2006年"], "2002/2006"),
        # A week of a month.
        ("9月第二周辰市住宅均价再创新高。", ["9月第二周"], "XXXX-09"),
        ("3月份第1周巳市开户数回落。", ["3月份第1周"], "XXXX-03"),
        # The half of a game and the present written as one word.
        ("半场午队仅落后3分。", ["半场"], ""),
        ("上半场午队仅落后3分。", ["上半场"], ""),
        ("如今的42分是最高分。", ["如今"], ""),
        # 最近 alone is as often "nearest" (最近对焦距离) as a time: not one.
        ("未牌相机最近对焦距离为1厘米。", [], ""),
    ],
)
def test_ranges_weeks_and_words_of_the_present_are_time_expressions(
    text: str, times: list[str], value: str
) -> None:
    found = [t.text for t in find_times(text)]
    assert found == times
    if times and value:
        assert normalise(times[0]) == value


# ----------------------------------------------------------------------- time options
def test_an_option_carries_the_time_as_written() -> None:
    text = "2009／2010学年，申大学的学费为3万美元。"
    options = _time_options(text, "3万美元")
    assert "2009／2010学年" in options
    (cand, _), *_ = extract_with_fields(text)
    assert cand.time_text in ("", "2009／2010学年")


@pytest.mark.parametrize(
    ("text", "surface", "time_text", "offered"),
    [
        # The parts of one sentence split at ； count as one sentence back.
        (
            "酉报道\n周二午盘，甲基金跌1%；乙基金跌2%；丙基金跌3%；丁基金跌4%；"
            "戊基金跌5%；己基金跌6%。",
            "6%",
            "周二午盘",
            True,
        ),
        # Sentences ended by full stops: at most five are read back (four before the
        # thirty-ninth session).
        (
            "酉报道\n周二午盘，甲基金跌1%。乙基金跌2%。丙基金跌3%。丁基金跌4%。"
            "戊基金跌5%。己基金跌6%。庚基金跌7%。",
            "7%",
            "周二午盘",
            False,
        ),
    ],
)
def test_a_list_split_at_semicolons_keeps_its_period(
    text: str, surface: str, time_text: str, offered: bool
) -> None:
    assert (time_text in _time_options(text, surface)) is offered


@pytest.mark.parametrize(
    ("text", "surface", "time_text", "offered"),
    [
        # A period before a comma opens the sentence; the sentence's last time is another.
        (
            "酉报道\n截至3月11日，今年更换经理的公司有12家。具体来说，4家公司在北京。",
            "4家",
            "截至3月11日",
            True,
        ),
        # Not a period (a day before a comma): only the last time of the sentence.
        (
            "酉报道\n3月11日，今年更换经理的公司有12家。具体来说，4家公司在北京。",
            "4家",
            "3月11日",
            False,
        ),
    ],
)
def test_a_period_opening_an_earlier_sentence_is_offered(
    text: str, surface: str, time_text: str, offered: bool
) -> None:
    options = _time_options(text, surface)
    assert (time_text in options) is offered
    if offered:
        assert options[time_text].features.get("sentence_opener")
        assert "今年" in options


@pytest.mark.parametrize(
    ("text", "surface", "offered"),
    [
        # The quantity is the base's own value: the base's time is its time.
        ("对比2005年的2%，戌企业的份额已达5%。", "2%", True),
        ("比2009-10赛季的29.7分还要多。", "29.7分", True),
        # The quantity compared with the base: never the base's time.
        ("对比2005年的2%，戌企业的份额已达5%。", "达5%", False),
        ("戌企业销售额比2005年增长了12%。", "12%", False),
    ],
)
def test_a_comparison_base_is_the_time_of_its_own_value_only(
    text: str, surface: str, offered: bool
) -> None:
    options = _time_options(text, surface)
    based = [o for t, o in options.items() if t and o.features.get("base_value")]
    assert bool(based) is offered
    assert all(o.text for o in options.values() if o.features.get("base_value"))


# -------------------------------------------------------------------------- claim cues
def test_every_time_cue_gives_its_class_and_every_class_is_a_feature() -> None:
    classes = set()
    for word, cls in lexicon.table("time_cues"):
        head = f"亥公司{word}"
        assert cls in claim_cues(head, head), (word, cls)
        classes.add(cls)
    for word in lexicon.words("plan_words"):
        assert "plan" in claim_cues(f"亥公司{word}")
    assert classes | {"plan"} == set(CLAIM_CUES)
    for cue in CLAIM_CUES:
        assert any(k.startswith(f"cue_{cue}*") for k in TIME_FEATURES)


@pytest.mark.parametrize(
    ("head", "sentence_head", "cues"),
    [
        ("子市工业产值同比增长", "", ["change"]),
        ("丑公司今年累计实现营收", "", ["flow"]),
        ("寅市拥有", "", ["state"]),
        ("卯某曾", "", ["past"]),
        ("每股派发", "", ["per"]),
        ("辰市计划新建学校", "", ["plan"]),
        # A detail of the sentence before is read in the whole sentence, not the clause.
        ("巳市有企业", "其中，巳市有企业", ["detail"]),
        ("巳市有企业", "", []),
        ("午队的主场可容纳", "", []),
    ],
)
def test_claim_cues_read_the_clause_before_the_quantity(
    head: str, sentence_head: str, cues: list[str]
) -> None:
    assert claim_cues(head, sentence_head) == cues


def test_a_claim_cue_is_conjoined_with_where_each_option_stands() -> None:
    text = "酉报道\n2009年，未省新增企业300家。其中，申市企业数量增长了8%。"
    options = _time_options(text, "8%")
    assert options["2009年"].features.get("cue_change*back")
    assert options["2009年"].features.get("cue_detail*back")
    assert options[""].features.get("cue_change*none")
    assert not any(k.startswith("cue_change*") for k in _time_options(text, "300家")[""].features)


@pytest.mark.parametrize(
    ("text", "surface", "cues"),
    [
        # The words after the quantity in its clause count too.
        ("2001年，戌组织由6个成员国组成。", "6个", {"cue_state*sentence", "cue_state*none"}),
        ("2001年，戌组织的成员国有6个。", "6个", set()),
    ],
)
def test_claim_cues_read_both_sides_of_the_quantity(
    text: str, surface: str, cues: set[str]
) -> None:
    found = {k for o in _time_options(text, surface).values() for k in o.features if "cue_" in k}
    assert found == cues


@pytest.mark.parametrize(
    ("text", "time_text", "marked"),
    [
        # A plan word right before a time: the time of the plan.
        ("亥相机将于近期上市，售价为900欧元。", "近期", True),
        ("亥公司计划明年上市，募资为9亿元。", "明年", True),
        ("亥相机近期上市，售价为900欧元。", "近期", False),
    ],
)
def test_a_time_after_a_plan_word_is_marked(text: str, time_text: str, marked: bool) -> None:
    (_, fields), *_ = extract_with_fields(text)
    options = {o.text: o for o in fields["time"]}
    assert bool(options[time_text].features.get("plan_time")) is marked


# ---------------------------------------------------------------------------- predicate
@pytest.mark.parametrize(
    ("text", "surface", "predicate"),
    [
        # A time after the subject: the stretch to the quantity goes on after it.
        ("酉队客场挑战戌队。酉队半场仅落后3分。", "3分", "落后"),
        ("亥基金会全年共募集善款80亿元。", "80亿元", "募集善款"),
    ],
)
def test_the_stretch_after_a_time_is_a_predicate_option(
    text: str, surface: str, predicate: str
) -> None:
    for cand, fields in extract_with_fields(text):
        if cand.quantity_text == surface:
            assert predicate in [o.text for o in fields["predicate"]]
            assert all(not find_times(o.text) for o in fields["predicate"])
            return
    raise AssertionError(f"{surface} not found")


# ------------------------------------------------------- a day written alone before news
def test_every_day_follower_makes_a_day_written_alone_a_date() -> None:
    check_lexicon_file("day_followers")
    for word in lexicon.words("day_followers"):
        text = f"未名机构12日{word}了一份材料。"
        assert any(t.text.startswith("12日") for t in find_times(text)), word


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("某统计局21日发布数据，产值增长3%。", True),
        ("记者9日从某市教委获悉，共有300人报名。", True),
        ("某地9日晚上8时许发生3.9级地震。", True),
        # a count of days, not a date
        ("他在医院住了9日，花费3000元。", False),
        ("前9日发布的数据显示，销量增长3%。", False),
        ("每9日发布一次，共3次。", False),
        ("近9日在本地的气温都在30度以上。", False),
        # no word of the news after it: as before, a date only after a clause break
        ("某统计局21日的数据显示，产值增长3%。", False),
    ],
)
def test_a_day_written_alone_before_a_word_of_the_news_is_a_date(text: str, day: bool) -> None:
    found = [t.text for t in find_times(text) if t.text.startswith(("21日", "9日"))]
    assert bool(found) is day, found
    assert "9日晚上8时许" in found or "时许" not in text


@pytest.mark.parametrize(
    ("text", "time"),
    [
        ("今年前10个月，某市销售额增长3%。", "今年前10个月"),
        ("前两个月，某市销售额增长3%。", "前两个月"),
        ("2022年头3个月，某市销售额增长3%。", "2022年头3个月"),
        # 提前, 之前, 此前, 以前 are not the first months of a year
        ("某公司提前两个月完成了3个项目。", None),
        ("某公司此前两个月完成了3个项目。", "此前"),
    ],
)
def test_the_first_months_of_a_year_are_a_period(text: str, time: str | None) -> None:
    found = [t.text for t in find_times(text)]
    assert (found[0] if found else None) == time, found


@pytest.mark.parametrize(
    ("expr", "doc_date", "value"),
    [
        ("15日", "2022-04-26", "2022-04-15"),
        # a day still to come in the document's month is the month before's
        ("28日", "2022-04-03", "2022-03-28"),
        ("28日", "2022-01-03", "2021-12-28"),
        ("31日", "2022-03-05", ""),
        ("15日", None, "XXXX-XX-15"),
        ("8日晚上8时许", "2022-04-26", "2022-04-08"),
        ("截至20日", "2022-04-26", "../2022-04-20"),
    ],
)
def test_a_day_written_alone_is_a_day_of_the_documents_month(
    expr: str, doc_date: str | None, value: str
) -> None:
    assert normalise(expr, doc_date) == value
