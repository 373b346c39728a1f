"""Quantity forms and look-alikes of issue 12's seventh-session round (s7-recall), table-driven,
with sentences written for the tests: each FORMS row is a sentence, the span proposed and its
value, high end, unit, qualifier and kind; each LOOKALIKES row is a sentence and a span that is
not proposed, with a control sentence where the same span is."""

from __future__ import annotations

import pytest

from extractor.lexicon import table, words
from tests.lexicon_checks import check_lexicon_file
from tests.quantity_checks import found as _found

# sentence, surface proposed, value, value_max, unit, qualifier, kind
FORMS = [
    # a size is named by its first dimension, two dimensions or three
    ("这款地砖的规格为600×600毫米。", "600×600毫米", 600, None, "毫米", "=", "length"),
    ("机身采用12.5×8.4厘米的外壳。", "12.5×8.4厘米", 12.5, None, "厘米", "=", "length"),
    ("音箱尺寸为210×150×95mm。", "210×150×95mm", 210, None, "mm", "=", "length"),
    # a fraction in words has no single value, and takes the qualifier words around it
    ("全村有五分之三的农户种植茶叶。", "五分之三", 60, None, "%", "=", "percent"),
    ("赞成票超过三分之二，议案获得通过。", "超过三分之二", 200 / 3, None, "%", ">", "percent"),
    ("新增用地不到四分之一用于住宅。", "不到四分之一", 25, None, "%", "<", "percent"),
    # area in square centimetres, inches, millimetres and decimetres
    ("墙上出现了一个20平方厘米的裂口。", "20平方厘米", 20, None, "平方厘米", "=", "area"),
    ("该屏幕的显示面积约45平方英寸。", "约45平方英寸", 45, None, "平方英寸", "~", "area"),
    ("芯片面积仅为80平方毫米。", "80平方毫米", 80, None, "平方毫米", "=", "area"),
    ("每块样板面积为12平方分米。", "12平方分米", 12, None, "平方分米", "=", "area"),
    ("这台发动机排量为1998立方厘米。", "1998立方厘米", 1998, None, "立方厘米", "=", "other"),
    # a scale numeral alone after a qualifier word counts, whatever its measure word
    ("这条新闻发出两小时，留言近千条。", "近千条", 1000, None, "条", "~", "count"),
    ("展会期间共展出上千幅。", "上千幅", 1000, None, "幅", ">=", "count"),
    # "only" before the noun, 一 and its measure word after it at the end of the clause
    ("决赛名单中仅有李明一人，其余选手均被淘汰。", "一人", 1, None, "人", "=", "count"),
    ("市场上以红利命名的基金只有华安红利一只。", "一只", 1, None, "只", "=", "count"),
    # a bound after a verb of gaining is what was gained, a fact
    ("该公司新股发行获得超过80倍的认购。", "超过80倍", 80, None, "倍", ">", "other"),
    ("这部电影上映首周拿下超过两千万元的票房。", "超过两千万元", 2e7, None, "元", ">", "money"),
    ("新区将带来超过50万平方米的供应。", "超过50万平方米", 5e5, None, "平方米", ">", "area"),
]


@pytest.mark.parametrize(("text", "surface", "value", "vmax", "unit", "qual", "kind"), FORMS)
def test_s7_forms_are_found(text, surface, value, vmax, unit, qual, kind) -> None:
    found = _found(text)
    assert surface in found, (text, list(found))
    c = found[surface]
    got = (c.value, c.value_max, c.unit, c.qualifier, c.kind)
    if value is not None and c.value is not None:
        assert c.value == pytest.approx(value), (text, got)
        got = (value, *got[1:])
    assert got == (value, vmax, unit, qual, kind), text


# sentence where the span is a look-alike, the span, a control sentence where it is a claim
LOOKALIKES = [
    # a headless quantity + 的 + predicate names a class of things by a bound
    ("这种钢板5毫米厚的多用作外墙，3毫米的用于室内。", "5毫米", "这种钢板厚度为5毫米。"),
    ("在受访者中，月薪8000元的占两成。", "8000元", "受访者的月薪为8000元。"),
    ("这批树苗两米高的为一等苗。", "两米", "这批树苗已经长到两米高。"),
    ("参赛选手中体重60公斤的居多。", "60公斤", "这名选手体重60公斤。"),
    ("这种管材直径20厘米的比较常见。", "20厘米", "这根管材直径20厘米。"),
    # a comparison inside the clause a condition word opens is the condition's threshold
    ("若会员积分低于500分，则取消其资格。", "低于500分", "该会员积分低于500分，排名靠后。"),
    ("如果亏损超过30%，基金将提前清盘。", "超过30%", "该基金今年亏损超过30%，排名垫底。"),
    # an anniversary marked by an occasion, or by the year it falls in, is no duration
    ("这部电影是建厂50周年的庆典献礼。", "50周年", "这家工厂已经建厂50周年，员工达2000人。"),
    ("2019年是学校的60周年，校友纷纷返校。", "60周年", "学校办学至今已60周年，培养学生8万名。"),
    # a range of ages before a noun names a group; before a comma it states the ages
    (
        "调查显示18岁至24岁人群的网购比例最高。",
        "18岁至24岁",
        "三名伤者的年龄为18岁至24岁，均已出院。",
    ),
    ("招聘20—30岁的女性店员，月薪3000元。", "20—30岁", "获救船员年龄在20—30岁，均为男性。"),
]


@pytest.mark.parametrize(("text", "span", "control"), LOOKALIKES)
def test_s7_lookalikes_are_not_proposed(text, span, control) -> None:
    assert span not in _found(text), text
    assert span in _found(control), control


def test_every_class_predicate_makes_a_headless_quantity_a_class() -> None:
    check_lexicon_file("class_predicates")
    for word, role in table("class_predicates"):
        if role == "measure":
            text = f"这批钢管12毫米{word}的都已售出，共3吨。"
            control = f"这批钢管{word}12毫米，共3吨。"
        else:
            text = f"这批钢管中12毫米的{word}出口产品，共3吨。"
            control = "这批钢管的直径为12毫米，共3吨。"
        assert "12毫米" not in _found(text), (word, text)
        assert "12毫米" in _found(control), (word, control)


def test_a_rank_before_a_headless_predicate_is_still_a_rank() -> None:
    assert "第一" in _found("这项数据排在第一的是北京队，共得98分。")


def test_every_condition_word_makes_a_compared_quantity_a_threshold() -> None:
    check_lexicon_file("condition_words")
    for word in words("condition_words"):
        text = f"{word}销量超过3万台，厂家将追加订单。"
        assert "超过3万台" not in _found(text), (word, text)
    assert "超过3万台" in _found("本月销量超过3万台，厂家将追加订单。")


# a sentence where 两人 (三人) stands for the people just named, and one where it counts
PAIRS = [
    ("张明和李华是同学，两人都喜欢下棋。", "两人", "这次比赛其中两人完赛，其余退出。"),
    ("王先生夫妻两人靠低保生活。", "两人", "事故现场，两人受伤，一人死亡。"),
    ("三位主演在片中饰演警察，三人在戏外也是好友。", "三人", "这次比赛仅三人完赛，其余退出。"),
]


@pytest.mark.parametrize(("text", "span", "control"), PAIRS)
def test_s7_a_pair_named_before_is_a_reference(text, span, control) -> None:
    assert span not in _found(text), text
    assert span in _found(control), control


def test_every_pair_pronoun_entry_is_used() -> None:
    check_lexicon_file("pair_pronouns")
    rows = table("pair_pronouns")
    for form in (r[0] for r in rows if r[1] == "form"):
        assert form not in _found(f"老张和老李是同事，{form}都喜欢下棋。"), form
        for word in (r[0] for r in rows if r[1] == "count"):
            text = f"这次比赛{word}{form}完赛，其余退出。"
            assert form in _found(text), (form, word, text)
