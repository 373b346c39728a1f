"""Thirty-sixth session, predicate and time options: the forms fixed, each with the forms
next to it that must keep working (sentences written for these tests)."""

from __future__ import annotations

import pytest

from extractor.core import extract_with_fields


def _options(text: str, surface: str, field: str) -> list[str]:
    for cand, fields in extract_with_fields(text):
        if cand.quantity_text == surface:
            return [o.text for o in fields[field]]
    raise AssertionError(f"{surface} not found in {text}")


@pytest.mark.parametrize(
    ("text", "surface", "absent", "present"),
    [
        # 每 + a physical unit is the base of a rate: the attribute before it is offered.
        ("该楼盘平均销售价格为每平方米14686元。", "14686元", "每平方米", "销售价格"),
        ("本周化肥出厂均价为每吨2812元。", "2812元", "每吨", "均价"),
        ("当地猪肉价格回落至每公斤30元。", "30元", "每公斤", "价格"),
    ],
)
def test_a_rate_base_is_no_predicate_where_an_attribute_is_offered(
    text: str, surface: str, absent: str, present: str
) -> None:
    opts = _options(text, surface, "predicate")
    assert absent not in opts
    assert present in opts


@pytest.mark.parametrize(
    ("text", "surface", "kept"),
    [
        # a range set with 在: the rate is what the range is stated in
        ("业内人士表示，目前氢气售价普遍在每公斤35元至60元之间。", "35元至60元", "每公斤"),
        # no attribute of its own: the rate base stays an option
        ("货币补偿是每平方米1.1万元。", "1.1万元", "每平方米"),
        # 每 + a count word is no rate base of a physical unit (每股收益, 每人)
        ("公司每股收益0.16元。", "0.16元", "每股收益"),
    ],
)
def test_a_rate_base_stays_where_nothing_else_is_measured(
    text: str, surface: str, kept: str
) -> None:
    assert kept in _options(text, surface, "predicate")


@pytest.mark.parametrize(
    ("text", "surface", "attribute"),
    [
        # a gloss in brackets between the attribute and its quantity restates the attribute
        ("制造业采购经理指数（PMI）为49.0%。", "49.0%", "采购经理指数"),
        ("国内生产总值（GDP）达到114万亿元。", "达到114万亿元", "国内生产总值"),
        ("全市化肥产量（折纯）182万吨，同比增长3.9%。", "182万吨", "产量"),
        ("该校的平均学费(不包括住宿费)为6397美元。", "6397美元", "学费"),
        # no gloss: the attribute right before the quantity, as before
        ("国内生产总值达到114万亿元。", "达到114万亿元", "国内生产总值"),
    ],
)
def test_the_attribute_before_a_bracketed_gloss_is_offered(
    text: str, surface: str, attribute: str
) -> None:
    opts = _options(text, surface, "predicate")
    assert any(attribute in o for o in opts), opts


@pytest.mark.parametrize(
    ("text", "surface", "absent"),
    [
        # the gloss itself is never read as words of the clause
        ("制造业采购经理指数（PMI）为49.0%。", "49.0%", "PMI"),
        # a bracket that closes a clause of its own (a stop inside) is no gloss
        ("全市投资增长（见表一，下同）5%。", "5%", "见表一"),
    ],
)
def test_a_gloss_adds_no_words_of_its_own(text: str, surface: str, absent: str) -> None:
    assert not any(absent in o for o in _options(text, surface, "predicate"))


def _time(text: str, surface: str) -> str:
    for cand, _ in extract_with_fields(text):
        if cand.quantity_text == surface:
            return cand.time_text or ""
    raise AssertionError(f"{surface} not found in {text}")


@pytest.mark.parametrize(
    ("text", "surface", "absent", "present"),
    [
        # a year naming a batch after a date opening the sentence: the date is the time
        ("6月28日，某市2022年第三批集中供地完成出让，共推出22宗地。", "22宗", "2022年", "6月28日"),
        ("11月2日，某市2021年第四批次供地完成，共揽金387亿元。", "387亿元", "2021年", "11月2日"),
        ("3月5日，该省2023年首批项目开工，总投资达1200亿元。", "达1200亿元", "2023年", "3月5日"),
    ],
)
def test_a_batch_year_gives_way_to_the_opening_date(
    text: str, surface: str, absent: str, present: str
) -> None:
    opts = _options(text, surface, "time")
    assert absent not in opts
    assert present in opts


@pytest.mark.parametrize(
    ("text", "surface", "kept"),
    [
        # no date opens the sentence: the batch's year stays an option
        ("两部门下达2022年第一批稀土开采总量控制指标，为10.08万吨。", "10.08万吨", "2022年"),
        # a year with no batch after it stays the time
        ("6月28日，某市2022年全年供地完成出让，共推出22宗涉宅用地。", "22宗", "2022年全年"),
    ],
)
def test_a_year_without_an_opening_date_or_a_batch_stays(
    text: str, surface: str, kept: str
) -> None:
    assert kept in _options(text, surface, "time")


@pytest.mark.parametrize(
    ("text", "surface", "verb_object", "absent"),
    [
        # a handling verb with its long object: the whole phrase, not the object's tail
        (
            "某省公安机关破获电信网络诈骗案件3.7万起。",
            "3.7万起",
            "破获电信网络诈骗案件",
            "网络诈骗案件",
        ),
        ("全省交警查处酒驾醉驾违法行为2117起。", "2117起", "查处酒驾醉驾违法行为", ""),
        ("该市累计接种新冠病毒疫苗850万剂次。", "850万剂次", "接种新冠病毒疫苗", ""),
    ],
)
def test_a_handling_verb_keeps_its_whole_object(
    text: str, surface: str, verb_object: str, absent: str
) -> None:
    opts = _options(text, surface, "predicate")
    assert verb_object in opts
    if absent:
        assert absent not in opts


@pytest.mark.parametrize(
    ("text", "surface", "kept"),
    [
        # a verb outside the class: its object stays an option of its own
        ("该公司去年销售新能源汽车12万辆。", "12万辆", "新能源汽车"),
        # a noun right before the quantity with no handling verb: the attribute, as before
        ("全市常住人口达到491万人。", "达到491万人", "常住人口"),
    ],
)
def test_other_verbs_and_attributes_are_unchanged(text: str, surface: str, kept: str) -> None:
    assert any(kept in o for o in _options(text, surface, "predicate"))


@pytest.mark.parametrize(
    ("text", "surface", "period"),
    [
        # 同期 opening a sentence stands for the period stated before it
        ("5月下旬某地尿素均价为每吨2812元。同期，磷酸二铵均价为每吨3960元。", "3960元", "5月下旬"),
        ("一季度粮食进口量为210万吨，同比增长3%。同期，出口量为35万吨。", "35万吨", "一季度"),
    ],
)
def test_same_period_opening_a_sentence_is_no_time_option(
    text: str, surface: str, period: str
) -> None:
    opts = _options(text, surface, "time")
    assert "同期" not in opts
    assert period in opts


@pytest.mark.parametrize(
    ("text", "surface", "kept"),
    [
        # a named comparison period stays what it is
        ("去年同期，该市新增就业岗位8.2万个。", "8.2万个", "去年同期"),
        # inside its clause 同期 is kept as written (tests/test_extractor_s25_time.py)
        ("今年一季度粮食进口量为210万吨。出口商同期仅增加了5家。", "5家", "同期"),
    ],
)
def test_a_named_same_period_stays(text: str, surface: str, kept: str) -> None:
    assert kept in _options(text, surface, "time")


@pytest.mark.parametrize(
    ("text", "surface", "day"),
    [
        # a day written alone after a name, before an issuing or confirming verb: a date
        ("工信部14日下达稀土开采总量控制指标，共计10.08万吨。", "10.08万吨", "14日"),
        ("卫生署8日证实一名76岁老翁感染流感。", "76岁", "8日"),
        ("该公司20日推出新款手机3款。", "3款", "20日"),
    ],
)
def test_a_bare_day_before_an_issuing_verb_is_a_date(text: str, surface: str, day: str) -> None:
    assert day in _options(text, surface, "time")


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        # a count of days stays a count (前15日, 近10日, 共5日)
        ("该市近10日推出新盘12个。", "12个"),
        ("工程前15日开工面积达到30万平方米。", "达到30万平方米"),
    ],
)
def test_a_count_of_days_is_no_date(text: str, surface: str) -> None:
    opts = _options(text, surface, "time")
    assert "10日" not in opts and "15日" not in opts


@pytest.mark.parametrize(
    ("text", "surface", "attribute"),
    [
        # a bound suffix the tagger cut off a noun is glued back to it
        ("全市核酸检测率达到99.2%。", "达到99.2%", "核酸检测率"),
        # after a verb, as before
        ("该应用付费率提升至13.4%。", "13.4%", "付费率"),
    ],
)
def test_a_bound_suffix_is_glued_back_to_its_word(text: str, surface: str, attribute: str) -> None:
    assert attribute in _options(text, surface, "predicate")


def test_a_suffix_word_of_its_own_stays() -> None:
    # 率队 is a verb of its own: nothing is glued
    opts = _options("主教练率队出战，球队以3分险胜。", "3分", "predicate")
    assert not any("主教练率" in o for o in opts)


@pytest.mark.parametrize(
    ("text", "surface", "period"),
    [
        # a part split at ； after a part opening with its date: the date holds, no empty option
        ("10月2日至7日，全省转移安置12.01万人；倒塌房屋1.2万间。", "1.2万间", "10月2日至7日"),
        ("8月4日0—24时，全省新增确诊病例85例；本土病例71例。", "71例", "8月4日0—24时"),
    ],
)
def test_a_date_opening_a_sentence_holds_across_semicolons(
    text: str, surface: str, period: str
) -> None:
    assert _options(text, surface, "time") == [period]


def test_a_part_with_a_time_of_its_own_keeps_the_empty_option() -> None:
    # the date does not open the first part: the empty option stays
    opts = _options("全省转移安置12.01万人，10月2日起；倒塌房屋1.2万间。", "1.2万间", "time")
    assert "" in opts


@pytest.mark.parametrize(
    ("text", "surface", "time"),
    [
        # a headline in two halves set apart by a space: the first half's time holds
        ("某市今年第三批供地收官 揽金约445亿元\n6月28日，供地完成出让。", "约445亿元", "今年"),
        ("某省去年法院收案创新高 一审结案率近九成\n记者从省法院获悉。", "近九成", "去年"),
    ],
)
def test_the_first_half_of_a_headline_dates_the_second(text: str, surface: str, time: str) -> None:
    assert _options(text, surface, "time") == [time]


def test_a_body_after_a_headline_keeps_the_empty_option() -> None:
    # the second part is a sentence of the body (a stop in it): no headline half
    text = "恒大地产今年上市 将募集10亿美元，记者获悉，公司已通过上市聆讯。"
    assert "" in _options(text, "10亿美元", "time")
