"""Thirty-fifth session's time rules, with sentences written for the tests: a day written alone
before an event verb (日本银行28日结束…, 联赛22日进行…); the moment of a happening (案发时, 案发后,
开售首小时, 上市首日); 最近 written alone as a time, never the nearest (离…最近, 最近对焦距离)."""

from __future__ import annotations

import pytest

from extractor import extract, lexicon
from extractor.timex import find_times, normalise
from tests.lexicon_checks import check_lexicon_file


def _claim(text: str, surface: str):  # type: ignore[no-untyped-def]
    [c] = [c for c in extract(text) if c.quantity_text.endswith(surface)]
    return c


def _texts(text: str) -> list[str]:
    return [t.text for t in find_times(text)]


# ------------------------------------------------- a day alone before an event verb
@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("日本银行28日结束为期两天的会议，维持利率在-0.1%不变。", "28日"),
        ("英格兰足球超级联赛22日进行第5轮比赛。", "22日"),
        ("第十届航展9日开幕，共有40个国家参展。", "9日"),
        ("代表团3日抵达首都，将访问5个城市。", "3日"),
        # forms that kept working
        ("伦敦金属交易所铜价8日上涨3.2%。", "8日"),
        ("国家统计局15日发布数据。", "15日"),
    ],
)
def test_a_day_alone_before_an_event_verb_is_a_date(text: str, day: str) -> None:
    assert day in _texts(text)


@pytest.mark.parametrize(
    "text",
    [
        "他在医院住了3日进行治疗。",  # a count of days after 了
        "项目须在前15日开始施工。",
        "每5日进行一次检测。",
    ],
)
def test_a_count_of_days_before_an_event_verb_is_no_date(text: str) -> None:
    assert not any(t.endswith("日") and t[0].isdigit() for t in _texts(text))


def test_a_day_before_an_event_verb_dates_its_figure() -> None:
    c = _claim("日本银行28日结束会议，维持利率在-0.1%不变。", "-0.1%")
    assert c.time_text == "28日"
    assert "28" not in c.subject


# ------------------------------------------------- the moment of a happening
@pytest.mark.parametrize(
    ("text", "surface", "time"),
    [
        ("案发时，该公司尚有1150万元未归还。", "1150万元", "案发时"),
        ("案发后，被告人退赔286万元。", "286万元", "案发后"),
        ("事发时，车上共有乘客32人。", "32人", "事发时"),
        ("开售首小时，手机品类成交额同比增长超过30%。", "30%", "开售首小时"),
        ("该股上市首日大涨44%。", "44%", "上市首日"),
        ("新片上映前，预售票房已突破2亿元。", "2亿元", "上映前"),
    ],
)
def test_the_moment_of_a_happening_is_the_time(text: str, surface: str, time: str) -> None:
    assert _claim(text, surface).time_text == time


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("公司公布了上市时间表，募资5亿元。", "上市时"),
        ("开盘前景看好，成交量达3亿股。", "开盘前"),
        ("该店开业时期的员工有20人。", "开业时"),
    ],
)
def test_an_onset_verb_inside_a_word_is_no_time(text: str, word: str) -> None:
    assert word not in _texts(text)


def test_the_event_onset_words_file_is_a_lexicon() -> None:
    check_lexicon_file("event_onset_words")


@pytest.mark.parametrize("word", lexicon.words("event_onset_words"))
def test_every_onset_word_makes_a_time_before_hou(word: str) -> None:
    assert f"{word}后" in _texts(f"据悉，{word}后该公司共收到订单12份。")


# ------------------------------------------------- 最近, recently
@pytest.mark.parametrize(
    ("text", "surface", "time"),
    [
        ("最近，首次置业的客户明显减少，占到近三成。", "近三成", "最近"),
        ("他最近才购买了一艘长16英尺的游艇。", "16英尺", "最近"),
        ("最近一段时间，他每天至少接到3个电话。", "3个", "最近一段时间"),
        # forms that kept working
        ("最近5年，该市人口增长12%。", "12%", "最近5年"),
        ("近期，该市新增就业岗位3万个。", "3万个", "近期"),
    ],
)
def test_recently_written_alone_is_the_time(text: str, surface: str, time: str) -> None:
    assert _claim(text, surface).time_text == time


@pytest.mark.parametrize(
    "text",
    [
        "离市中心最近的地铁站有3个出口。",
        "距离我们最近的医院约有5公里。",
        "该镜头最近对焦距离为24cm。",
        "它的最近的对焦距离达到14cm。",
    ],
)
def test_the_nearest_is_no_time(text: str) -> None:
    assert not any(t.startswith("最近") for t in _texts(text))


def test_recently_normalises_to_the_document_date() -> None:
    assert normalise("最近", "2022-04-27") == "2022-04-27"


# ------------------------------------------------- 现 as now
@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("北京市现已配售政策性住房4.1万套。", "4.1万套"),
        ("安省现有220种搭桥计划。", "220种"),
        ("该公司现共有员工300名。", "300名"),
        ("该厂现拥有超过1000亩的厂房。", "1000亩"),
    ],
)
def test_xian_before_an_adverb_or_a_verb_of_having_is_the_time(text: str, surface: str) -> None:
    assert _claim(text, surface).time_text == "现"


@pytest.mark.parametrize(
    "text",
    [
        "该市现有政策规定补贴3000元。",  # 现有 before a noun: existing
        "他的表现已经超过90%的球员。",
        "公司出现已有3年的亏损。",
        "这一目标的实现仍需5年。",
        "他用现金支付了3000元。",
    ],
)
def test_xian_inside_a_word_or_before_a_noun_is_no_time(text: str) -> None:
    assert "现" not in _texts(text)


def test_xian_normalises_to_the_document_date() -> None:
    assert normalise("现", "2022-04-27") == "2022-04-27"


# ------------------------------------------------- a penalty and the offence's period
def test_the_offences_period_is_not_carried_into_its_penalty() -> None:
    text = (
        "2015年至2019年，甲公司非法吸收公众存款12亿元。"
        "法院以非法吸收公众存款罪对甲公司判处罚金5000万元。"
    )
    assert _claim(text, "12亿元").time_text == "2015年至2019年"
    assert _claim(text, "5000万元").time_text == ""


@pytest.mark.parametrize(
    ("text", "surface", "time"),
    [
        # the penalty's own date, in its sentence, stays
        ("2021年6月，法院对甲公司判处罚金5000万元。", "5000万元", "2021年6月"),
        # a period carried into a sentence without a penalty stays
        (
            "2015年至2019年，甲公司吸收存款12亿元。其中乙公司吸收存款3亿元。",
            "3亿元",
            "2015年至2019年",
        ),
    ],
)
def test_a_penaltys_own_date_and_a_carried_period_without_penalty_stay(
    text: str, surface: str, time: str
) -> None:
    assert _claim(text, surface).time_text == time


# ------------------------------------------------- the year of an event's name
@pytest.mark.parametrize(
    "text",
    [
        "2022年美国网球公开赛男单决赛在纽约举行，甲以3:1击败乙。",
        "乙国承办的2030年亚运会预算为50亿美元。",
        "2022年卡塔尔世界杯共有32支球队参赛。",
        "2021年进博会的意向成交额达707.2亿美元。",
    ],
)
def test_a_year_opening_an_events_name_is_no_time(text: str) -> None:
    assert not any(t.endswith("年") and t[:4].isdigit() for t in _texts(text))


@pytest.mark.parametrize(
    ("text", "time"),
    [
        # an event set as the frame of what follows keeps its year
        ("2003年NBA总决赛，甲在头两场共砍下50分。", "2003年"),
        ("2008年北京奥运会上，中国队获得51枚金牌。", "2008年"),
        ("2008年北京奥运会期间，北京接待游客652万人次。", "2008年"),
        # a year, a date or a quarter before other words stays
        ("2022年公司营收增长12%。", "2022年"),
        ("2022年第三季度，公司营收增长12%。", "2022年第三季度"),
        ("2022年8月世界杯门票售出300万张。", "2022年8月"),
    ],
)
def test_a_year_framing_an_event_or_other_words_stays_a_time(text: str, time: str) -> None:
    assert time in _texts(text)


def test_the_event_name_endings_file_is_a_lexicon() -> None:
    check_lexicon_file("event_name_endings")


@pytest.mark.parametrize("word", lexicon.words("event_name_endings"))
def test_every_event_name_ending_takes_the_year_into_the_name(word: str) -> None:
    assert "2022年" not in _texts(f"甲队参加了2022年{word}的比赛，得到12分。")


# ------------------------------------------------- a range written in two clauses
@pytest.mark.parametrize(
    ("text", "surface", "time", "value"),
    [
        (
            "春运从1月17日开始，至2月25日结束，全国发送旅客11.8亿人次。",
            "11.8亿人次",
            "从1月17日开始，至2月25日结束",
            "2022-01-17/2022-02-25",
        ),
        (
            "活动自3月1日起，到5月31日止，共发放消费券2亿元。",
            "2亿元",
            "自3月1日起，到5月31日止",
            "2022-03-01/2022-05-31",
        ),
    ],
)
def test_a_range_written_in_two_clauses_is_one_time(
    text: str, surface: str, time: str, value: str
) -> None:
    assert _claim(text, surface).time_text == time
    assert normalise(time, "2022-06-01") == value


@pytest.mark.parametrize(
    ("text", "times"),
    [
        # a start alone, and an end without a start before it, stay as they were
        ("活动从3月1日开始，共发放消费券2亿元。", ["从3月1日开始"]),
        ("降幅由3月的5%收窄至4月的2%。", ["3月", "4月"]),
        ("从3月1日开始，商场销售额达到2亿元，至今增长12%。", ["从3月1日开始", "至今"]),
    ],
)
def test_a_start_or_an_end_alone_is_not_joined(text: str, times: list[str]) -> None:
    assert _texts(text) == times
