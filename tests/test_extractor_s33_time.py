"""Thirty-third session's time rules, with sentences written for the tests: a day with the hour
of a daily bulletin written without its month (截至25日17时, 4日0时至24时, 8月4日0—24时); a day
written alone after a name and before a price's or a bulletin's verb (铜价8日上涨, 北京时间17日),
a date and no quantity of its own; 同期 as the period of a base, a whole or a record (占同期出货量
的80.2%, 恢复至疫前同期的92.5%, 创同期新高) is never the claim's time."""

from __future__ import annotations

import pytest

from extractor import extract, lexicon
from extractor.timex import find_times, normalise
from tests.lexicon_checks import check_lexicon_file


def _claim(text: str, surface: str):  # type: ignore[no-untyped-def]
    [c] = [c for c in extract(text) if c.quantity_text.endswith(surface)]
    return c


# ------------------------------------------------ a day and an hour without their month
@pytest.mark.parametrize(
    ("text", "surface", "time", "value"),
    [
        ("截至25日17时，全省累计转移人员约148万人。", "148万人", "截至25日17时", "../2022-04-25"),
        ("截至8日20时，该市新增确诊病例46例。", "46例", "截至8日20时", "../2022-04-08"),
        ("截至8日20时30分，该市累计报告病例46例。", "46例", "截至8日20时30分", "../2022-04-08"),
        ("4日0时至24时，全省新增确诊病例46例。", "46例", "4日0时至24时", "2022-04-04"),
        ("8月4日0—24时，全省新增确诊病例46例。", "46例", "8月4日0—24时", "2022-08-04"),
        # forms that kept working: a day alone, a full date and hour range
        ("截至19日，该市新增确诊病例46例。", "46例", "截至19日", "../2022-04-19"),
        ("6月17日18时至6月18日18时，全市新增病例9例。", "9例", "6月17日18时至6月18日18时", ""),
        ("5月3日8时至5日20时，全市平均降雨量达120毫米。", "120毫米", "5月3日8时至5日20时", ""),
    ],
)
def test_a_bulletin_day_and_hour_without_a_month_is_the_time(
    text: str, surface: str, time: str, value: str
) -> None:
    assert _claim(text, surface).time_text == time
    if value:
        assert normalise(time, "2022-04-27") == value


@pytest.mark.parametrize(
    "text",
    [
        "该病房已连续3日17时起停电。",  # not a bulletin form: 连续 makes 3日 a count
        "他在医院住了9日，花费3000元。",
        "投资者须在30日内完成缴款。",
    ],
)
def test_a_count_of_days_is_still_no_day_of_the_month(text: str) -> None:
    assert not any(t.text.startswith(("3日", "9日", "30日")) for t in find_times(text))


# --------------------------------------------- a day alone after a name, before its verb
@pytest.mark.parametrize(
    ("text", "surface", "time", "subject"),
    [
        ("伦敦金属交易所铜价8日上涨3.2%。", "3.2%", "8日", "伦敦金属交易所"),
        ("荷兰天然气期货价格28日收于每兆瓦时129.5欧元。", "129.5欧元", "28日", "荷兰天然气"),
        ("上证综指8日收于3200.5点。", "3200.5点", "8日", "上证综指"),
        ("国际油价5日大幅下跌，布伦特原油期货价格跌至每桶90.5美元。", "90.5美元", "5日", ""),
        ("该市28日新增确诊病例46例。", "46例", "28日", ""),
        pytest.param(
            "日元汇率3日下跌0.5%。",
            "0.5%",
            "3日",
            "日元汇率",
        ),
        ("北京时间17日，勇士队客场以103-90战胜凯尔特人队。", "103-90", "北京时间17日", "勇士队"),
    ],
)
def test_a_day_alone_after_a_name_before_its_verb_is_the_time(
    text: str, surface: str, time: str, subject: str
) -> None:
    c = _claim(text, surface)
    assert c.time_text == time
    assert not c.subject.endswith(tuple("0123456789")), c.subject
    if subject:
        assert c.subject.startswith(subject), c.subject


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("伦敦金属交易所铜价8日上涨3.2%。", "8"),
        ("荷兰天然气期货价格28日收于每兆瓦时129.5欧元。", "28"),
    ],
)
def test_a_day_after_a_price_is_no_price(text: str, day: str) -> None:
    assert all(c.quantity_text != day for c in extract(text))


@pytest.mark.parametrize(
    "text",
    [
        "铜价连续3日上涨，累计涨幅达5%。",  # a count of days: 连续
        "该基金为期30日上涨概率较高。",
        "股价跌破，5日均线支撑。",  # 日 opens a word: 5日均线
        "报价，30日元一个。",
        "该股近5日上涨12%。",
    ],
)
def test_a_count_of_days_or_a_word_opened_by_ri_is_no_date(text: str) -> None:
    assert not any(t.text[:1].isdigit() for t in find_times(text)), find_times(text)


# ------------------------------------------- 同期 as the base, the whole or the record
def _times(text: str, surface: str) -> list[str]:
    c = _claim(text, surface)
    return [a["text"] for a in c.alternatives.get("time", [])] + [c.time_text or ""]


@pytest.mark.parametrize(
    ("text", "surface", "time"),
    [
        ("小米5G手机出货量达1200万部，占同期手机出货量的80.2%。", "80.2%", ""),
        ("国庆假期，全市接待游客120万人次，旅游收入恢复至疫前同期的92.5%。", "92.5%", "国庆假期"),
        ("上半年访港旅客约1337万人次，相当于2018年同期的约46%。", "46%", "上半年"),
        ("10月营收186.7亿元，月增8.6%，创同期新高。", "8.6%", "10月"),
        ("该片首周上映，在同期上映的7部影片中票房排名第一。", "第一", "首周"),
    ],
)
def test_the_same_period_of_a_base_or_a_whole_is_never_the_time(
    text: str, surface: str, time: str
) -> None:
    times = _times(text, surface)
    assert not any(t.endswith("同期") for t in times), times
    assert times[-1] == time


@pytest.mark.parametrize(
    ("text", "surface", "time"),
    [
        # 同期 opening its clause is the period itself; a comparison base stays one
        ("上证综指三次徘徊在2245点附近，同期沪深300指数上涨32.23%。", "32.23%", "同期"),
        ("公司第三季度实现净利润2.14亿元，而上年同期亏损1.37亿元。", "1.37亿元", "上年同期"),
    ],
)
def test_the_same_period_as_a_time_of_its_own_stays(text: str, surface: str, time: str) -> None:
    assert _claim(text, surface).time_text == time


def test_the_same_period_heads_file_is_a_lexicon() -> None:
    check_lexicon_file("same_period_heads")


@pytest.mark.parametrize("head", lexicon.words("same_period_heads"))
def test_every_same_period_head_makes_same_period_no_time(head: str) -> None:
    text = f"今年一季度，某公司营收约120亿元，其中线上收入{head}同期行业收入的12.5%。"
    assert "同期" not in _times(text, "12.5%")


# ----------------------------------------------- a round of an event, a stage reached
@pytest.mark.parametrize(
    ("text", "surface", "time"),
    [
        ("在24日举行的总统选举第二轮投票中，候选人甲得票率为58.54%。", "58.54%", "24日"),
        ("该市完成第三轮区域核酸检测，共采样约340万人。", "340万人", ""),
        ("其中第五轮线上答题环节有效参赛选手为1869人。", "1869人", ""),
        ("灰熊晋级第二轮，康利得到25分。", "25分", ""),
    ],
)
def test_a_round_of_an_event_or_a_stage_reached_is_no_time(
    text: str, surface: str, time: str
) -> None:
    times = _times(text, surface)
    assert not any("轮" in t for t in times), times
    assert times[-1] == time


@pytest.mark.parametrize(
    ("text", "surface", "time"),
    [
        # the rounds of a league stay the period of its figures
        ("中超第28轮，山东泰山主场3-1战胜上海申花。", "3-1", "第28轮"),
        ("本轮比赛，梅西打入2球。", "2球", "本轮"),
        ("前12轮比赛，该队共打入25球。", "25球", "前12轮"),
        ("在决赛中，詹姆斯贡献了30分。", "30分", "决赛"),
    ],
)
def test_a_round_of_a_competition_stays_a_time(text: str, surface: str, time: str) -> None:
    assert _claim(text, surface).time_text == time


@pytest.mark.parametrize("name", ["round_event_words", "round_entry_verbs"])
def test_the_round_files_are_lexicons(name: str) -> None:
    check_lexicon_file(name)


@pytest.mark.parametrize("word", lexicon.words("round_event_words"))
def test_every_round_event_word_makes_a_round_no_time(word: str) -> None:
    assert not any("轮" in t.text for t in find_times(f"该市上周完成第三轮{word}工作。"))
    assert any(t.text == "第三轮" for t in find_times("该队上周完成第三轮比赛。"))


@pytest.mark.parametrize("verb", lexicon.words("round_entry_verbs"))
def test_every_round_entry_verb_makes_a_round_no_time(verb: str) -> None:
    assert not any("轮" in t.text for t in find_times(f"该队上周{verb}第三轮，士气高涨。"))


# ----------------------------------------------------- 昨 or 今 opening a headline
@pytest.mark.parametrize(
    ("text", "time", "value"),
    [
        ("昨新增3宗 全港累计病例达120宗", "昨", "2022-04-26"),
        ("今起油价上调 每吨上调200元", "今起", "2022-04-27/.."),
        ("本市消息\n今上午发布新规", "今上午", ""),
        # the words of their own win
        ("今晚发布新规", "今晚", "2022-04-27"),
        ("昨日公布数据", "昨日", "2022-04-26"),
    ],
)
def test_yesterday_or_today_opening_a_headline_is_a_time(text: str, time: str, value: str) -> None:
    [t] = find_times(text)
    assert t.text == time
    if value:
        assert normalise(time, "2022-04-27") == value


@pytest.mark.parametrize(
    "text",
    [
        "今年新增3宗",  # 今年 is read whole
        "本港昨新增3宗",  # not at the start: 昨 stays unread (no safe rule)
        "对比昨新增3宗",
        "今非昔比",  # no word of the news after it
    ],
)
def test_yesterday_or_today_elsewhere_is_not_read_alone(text: str) -> None:
    assert all(t.text not in ("昨", "今") for t in find_times(text))


def test_yesterday_opening_a_headline_dates_its_figure() -> None:
    assert _claim("昨新增3宗 全港累计病例达120宗", "3宗").time_text == "昨"
