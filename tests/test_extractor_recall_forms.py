"""Quantity forms of issue 12's recall round (s6-recall), table-driven, with sentences written
for the tests: each row is a sentence, the span proposed and its value, high end, unit,
qualifier and kind; the look-alike rows are sentences where nothing of the form is proposed."""

from __future__ import annotations

import pytest

from extractor import extract
from extractor.lexicon import words
from tests.lexicon_checks import check_lexicon_file
from tests.quantity_checks import found as _found

# sentence, surface proposed, value, value_max, unit, qualifier, kind
FORMS = [
    # basis points
    ("本周平均仓位较上周增加35BP。", "35BP", 35, None, "BP", "=", "percent"),
    ("央行此次下调利率25bp。", "25bp", 25, None, "BP", "=", "percent"),
    # a range of two scaled numbers with no unit written
    ("预计未来十年将有2亿-3亿农民迁入城镇。", "2亿-3亿", 2e8, 3e8, "", "=", "other"),
    ("每场观众在5万至6万之间。", "5万至6万", 5e4, 6e4, "", "=", "other"),
    # tenths of a yuan (角, spoken 毛): money in 元
    ("菜场里的青菜每斤卖6角左右。", "6角左右", 0.6, None, "元", "~", "money"),
    ("这种报纸零售价只有5毛钱。", "5毛钱", 0.5, None, "元", "=", "money"),
    ("地铁票价从两元五角起。", "两元五角", 2.5, None, "元", "=", "money"),
    ("他买一瓶水花了1块5毛。", "1块5毛", 1.5, None, "元", "=", "money"),
    ("鸡蛋每斤贵了7角到1元。", "7角到1元", 0.7, 1.0, "元", "=", "money"),
    # half a unit of time: after 了, a qualifier word, before 后 (a wait) or 的 and a noun
    ("培训班老师讲了半个多小时，学员有30人。", "半个多小时", 0.5, None, "小时", ">", "duration"),
    ("装修不到半年就完工了，花了8万元。", "不到半年", 0.5, None, "年", "<", "duration"),
    ("开户半年之后可以申请贷款，额度为5万元。", "半年", 0.5, None, "年", "=", "duration"),
    ("这段半分钟的广告播了3遍。", "半分钟", 0.5, None, "分钟", "=", "duration"),
    # hundreds of millions counted with 个, spoken
    ("这个项目前后投资近20个亿。", "近20个亿", 2e9, None, "", "~", "money"),
    ("两家公司去年合计投资三四个亿。", "三四个亿", 3e8, 4e8, "", "=", "money"),
    ("新区建设要花800个亿元。", "800个亿元", 8e10, None, "元", "=", "money"),
    # yuan in speech (块) where money is spoken of and no noun follows
    ("他说每月工资涨了300块。", "300块", 300, None, "元", "=", "money"),
    ("这双鞋子卖四百多块，贵了2成。", "四百多块", 400, None, "元", ">", "money"),
    ("门票价格是80块左右。", "80块左右", 80, None, "元", "~", "money"),
    # a length written 1米8 (1.8 m)
    ("中锋身高2米1，体重110公斤。", "2米1", 2.1, None, "米", "=", "length"),
    # shots taken and made, N中M, after a word of shooting: the shots taken
    ("中锋全场11中7，拿下18分。", "11中7", 11, None, "", "=", "count"),
    ("他三分球8中3，手感一般。", "8中3", 8, None, "", "=", "count"),
    # 一 and a unit of time after a verb with 了: how long it was done
    ("他为了备考停了一年工作，报了3个班。", "一年", 1, None, "年", "=", "duration"),
    ("我们用了一个月的时间装修，花了6万元。", "一个月", 1, None, "个月", "=", "duration"),
    # N and a half of a weight, length or area
    ("她买了3斤半苹果，花了12元。", "3斤半", 3.5, None, "斤", "=", "weight"),
    ("这条鱼重两公斤半。", "两公斤半", 2.5, None, "公斤", "=", "weight"),
    ("他家种了4亩半玉米。", "4亩半", 4.5, None, "亩", "=", "area"),
]


@pytest.mark.parametrize("text,surface,value,value_max,unit,qual,kind", FORMS)
def test_form_is_read(
    text: str,
    surface: str,
    value: float,
    value_max: float | None,
    unit: str,
    qual: str,
    kind: str,
) -> None:
    found = _found(text)
    assert surface in found, (text, list(found))
    c = found[surface]
    assert c.value == pytest.approx(value), text
    if value_max is None:
        assert c.value_max is None, text
    else:
        assert c.value_max == pytest.approx(value_max), text
    assert (c.unit, c.qualifier, c.kind) == (unit, qual, kind), text


# sentence, a span that must not be proposed as one mention
NOT_FORMS = [
    # a change and its result, both scaled: no range
    ("他增持12.5万至40.2万。", "12.5万至40.2万"),
    # a list of scaled numbers
    ("两地分别新增3万、4万。", "3万、4万"),
    # 角 and 毛 in words, names and idioms
    ("珠三角的工厂陆续复工。", "三角"),
    ("展厅里摆着一座八角凉亭。", "八角"),
    ("她在剧中饰演一角。", "一角"),
    ("他连一毛钱都不肯借。", "一毛钱"),
    ("镜头向右转了5角度。", "5角"),
    # half a year as a frame, a condition, a part of a year, or a vague span
    ("上半年公司营收增长了8%。", "半年"),
    ("半年前他还在3号车间上班。", "半年"),
    ("在过去的半个月里，股价跌了5%。", "半个月"),
    ("工作半年以上的员工可获5天年假。", "半年"),
    ("这件事还要一年半年的时间，投资5亿元。", "半年"),
    ("，半年后，他又去了3次。", "半年"),
    # N中M with no word of shooting, or more made than taken
    ("全市共有10中5小学校参赛。", "10中5"),
    ("他三分球3中5，不可能。", "3中5"),
    # 一 and a unit of time as an article, with no 了 before it
    ("这是一年中最冷的3天。", "一年"),
    ("直到有一天他捐出了5万元。", "一天"),
    # 半 opening a word after a weight or a length
    ("厂里新买了一辆3吨半挂车。", "3吨半"),
    ("在5米半径内不得停车。", "5米半"),
]


@pytest.mark.parametrize("text,surface", NOT_FORMS)
def test_look_alike_of_a_form_is_not_read_as_it(text: str, surface: str) -> None:
    assert surface not in _found(text), text


def test_jiao_without_money_around_it_is_no_money() -> None:
    # no price, no 钱, no yuan: 毛 here is hair, whatever else reads it
    assert not [c for c in extract("羊身上长了3毛团。") if c.unit == "元"]


@pytest.mark.parametrize("text", ["她在本届比赛拿了3块金牌。", "工地上堆着20块。"])
def test_kuai_counting_pieces_or_without_money_around_it_is_no_money(text: str) -> None:
    assert all(c.unit != "元" for c in _found(text).values()), text


def test_every_shot_word_opens_shots_taken_and_made() -> None:
    check_lexicon_file("shot_words")
    for word in words("shot_words"):
        text = f"后卫{word}12中6，得到15分。"
        assert "12中6" in _found(text), word
