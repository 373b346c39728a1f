"""Twenty-fourth session's quantity rules, with sentences written for the tests: after a word
of a tally at the head of its clause (这是…, 这也是…) 第N次 and 第N场 count what happened so
far, and an ordinal there takes its measure word as unit (这是他的第8个进球: 8 个); a rank
elsewhere keeps none."""

from __future__ import annotations

import pytest

from extractor import extract
from extractor.lexicon import table
from tests.lexicon_checks import check_lexicon_file


def _at(text: str, surface: str) -> list:
    return [c for c in extract(text) if c.quantity_text == surface]


# (text, surface, value, unit): in a tally the ordinal is the Nth so far, its measure the unit
ORDINAL_UNITS = [
    ("这部战争片上映了，也是两位导演合作的第三部电影。", "第三部", 3.0, "部"),
    ("这是她本赛季打进的第7个联赛进球。", "第7个", 7.0, "个"),
    ("这是该公司旗下第12只指数基金。", "第12只", 12.0, "只"),
]


@pytest.mark.parametrize(("text", "surface", "value", "unit"), ORDINAL_UNITS)
def test_an_ordinal_in_a_tally_takes_its_measure_word_as_unit(
    text: str, surface: str, value: float, unit: str
) -> None:
    [c] = _at(text, surface)
    assert (c.value, c.unit) == (value, unit)


# (text, surface): a rank outside a tally keeps no unit (GUIDELINE: ranks have none)
RANKS = [
    ("两位导演合作的第三部电影票房过亿。", "第三部"),
    ("该公司成为国内第41家获批的托管机构。", "第41家"),
    ("她是第一个登上领奖台的中国选手。", "第一个"),
]


@pytest.mark.parametrize(("text", "surface"), RANKS)
def test_a_rank_outside_a_tally_has_no_unit(text: str, surface: str) -> None:
    [c] = _at(text, surface)
    assert c.unit == ""


# (text, surface, value, unit)
TALLIES = [
    ("这是该队本赛季第12次主场失利。", "第12次", 12.0, "次"),
    ("比赛还剩两分钟，这已经是他本场第五次犯规。", "第五次", 5.0, "次"),
    ("她这也是第三次参加这项国际比赛。", "第三次", 3.0, "次"),
    ("这又是主教练执教以来的第200场胜利。", "第200场", 200.0, "场"),
    ("这已是该厂今年第六次召回产品。", "第六次", 6.0, "次"),
]


@pytest.mark.parametrize(("text", "surface", "value", "unit"), TALLIES)
def test_an_ordinal_after_a_tally_word_counts(
    text: str, surface: str, value: float, unit: str
) -> None:
    [c] = _at(text, surface)
    assert (c.value, c.unit) == (value, unit)


NOT_TALLIES = [
    # no tally word opening the clause: the occasion is named, nothing is counted
    ("委员会第三次会议昨天在省城召开。", "第三次"),
    ("球队在第二场比赛中以十分落败。", "第二场"),
    # the tally word does not open the clause of the ordinal
    ("这是一场硬仗，第四场比赛将在周日进行。", "第四场"),
    # a question asks, it states no tally
    ("这是你们在本市的第一次投资吗？", "第一次"),
    # the ordinal ends its clause: nothing is counted by its measure
    ("这还是第一次，以后会更好。", "第一次"),
    # 这将是: a coming game, not a tally
    ("这将是两队本赛季的第四场较量。", "第四场"),
]


@pytest.mark.parametrize(("text", "surface"), NOT_TALLIES)
def test_an_ordinal_without_a_tally_stays_out(text: str, surface: str) -> None:
    assert _at(text, surface) == []


def test_tally_words_file() -> None:
    check_lexicon_file("tally_words")
    kinds = {row[1] for row in table("tally_words")}
    assert kinds == {"head", "measure"}
    # every word is used by a test sentence above
    used = "".join(t for t, *_ in TALLIES + NOT_TALLIES + ORDINAL_UNITS)
    for word, _kind in table("tally_words"):
        assert word in used, word


# (text, surface, qualifier): 了 after a comparison word keeps it the quantity's qualifier
QUALIFIERS_WITH_LE = [
    ("今年以来，这只基金的涨幅已经超过了25%。", "超过了25%", ">"),
    ("新歌上线三天，播放量就突破了800万次。", "突破了800万次", ">"),
    ("工程的实际花费超出了预算1200万元。", "1200万元", "="),
    ("全年的订单量超出了3万份。", "超出了3万份", ">"),
]


@pytest.mark.parametrize(("text", "surface", "qualifier"), QUALIFIERS_WITH_LE)
def test_a_comparison_word_with_le_qualifies(text: str, surface: str, qualifier: str) -> None:
    [c] = _at(text, surface)
    assert c.qualifier == qualifier


def test_le_after_a_comparison_word_needs_the_number_next() -> None:
    # 超过了 before a noun compares with that noun: the score after it is exact
    [c] = _at("他在最后一轮超过了对手，以3分的优势夺冠。", "3分")
    assert c.qualifier == "="


# (text, surface, qualifier): a word of a bound a few words before the number qualifies it
DISTANT_BOUNDS = [
    ("这部小说至少被翻拍了6次。", "6次", ">="),
    ("基金投资于股票的比例不低于基金资产的60%。", "60%", ">="),
    ("单只股票的持仓不超过基金净值的10%。", "10%", "<="),
    ("一家三口每月起码要花掉三千元。", "三千元", ">="),
    ("合同规定收购价格不得低于每公斤8元。", "8元", ">="),
    ("货车的超载部分不得超过核定载重的30%。", "30%", "<="),
    ("新车的售价不高于同级车型的九成。", "九成", "<="),
    ("公司计划回购的股份不少于总股本的2%。", "2%", ">="),
    ("扶手的高度不小于地面以上90厘米。", "90厘米", ">="),
    ("管道的埋深不得小于地表以下50厘米。", "50厘米", ">="),
    ("设备的噪音不大于国家标准的60分贝。", "60分贝", "<="),
    ("每户的申请面积不多于规定标准的120平方米。", "120平方米", "<="),
    ("每个班的学生不得少于规定的30名。", "30名", ">="),
    ("出口收入约占该省财政收入的15%。", "15%", "~"),
    ("新楼盘的均价约为每平方米1.2万元。", "1.2万元", "~"),
    ("这座水库约有库容的三成用于灌溉。", "三成", "~"),
    ("整个装修工程大概要花费两个月。", "两个月", "~"),
    ("新线路建成后大约可节省通勤时间25分钟。", "25分钟", "~"),
    ("这款手机差不多卖到了3000元。", "3000元", "~"),
    ("园区的产值已经接近全市总量的四成。", "四成", "~"),
    ("两国的贸易额将近去年全年的两倍。", "两倍", "~"),
    # right before the number, where qualifiers.tsv has no such word
    ("这套设备的售价差不多5万元。", "5万元", "~"),
    ("排水管的直径不得小于75毫米。", "75毫米", ">="),
]


@pytest.mark.parametrize(("text", "surface", "qualifier"), DISTANT_BOUNDS)
def test_a_bound_word_qualifies_a_number_later_in_its_clause(
    text: str, surface: str, qualifier: str
) -> None:
    [c] = _at(text, surface)
    assert c.qualifier == qualifier


NOT_DISTANT_BOUNDS = [
    # another number stands between the word and the number: it is the one bounded
    ("他至少跑了3圈，用时12分钟。", "12分钟", "="),
    # the bound ends with its clause
    ("收益不低于预期，全年盈利5亿元。", "5亿元", "="),
    # a rank is never bounded
    ("球队至少要排在西部第八名。", "第八", "="),
]


@pytest.mark.parametrize(("text", "surface", "qualifier"), NOT_DISTANT_BOUNDS)
def test_a_bound_word_stops_at_a_number_or_a_clause(
    text: str, surface: str, qualifier: str
) -> None:
    found = _at(text, surface)
    assert found and all(c.qualifier == qualifier for c in found)


def test_bound_words_file() -> None:
    check_lexicon_file("bound_words")
    used = "".join(t for t, *_ in DISTANT_BOUNDS)
    for word, _qualifier in table("bound_words"):
        assert word in used, word


# (text, surface, value, value_max, qualifier): a qualifier word before two neighbouring numerals
APPROXIMATE_RANGES = [
    ("一件外套约五六百元。", "约五六百元", 500.0, 600.0, "~"),
    ("这批设备的报价超过七八十万元。", "超过七八十万元", 700000.0, 800000.0, ">"),
    # no qualifier word: the low end as written
    ("一件外套卖五六百元。", "五六百元", 500.0, 600.0, "="),
]


@pytest.mark.parametrize(("text", "surface", "value", "value_max", "qualifier"), APPROXIMATE_RANGES)
def test_a_qualifier_word_before_an_approximate_range_is_its_qualifier(
    text: str, surface: str, value: float, value_max: float, qualifier: str
) -> None:
    [c] = _at(text, surface)
    assert (c.value, c.value_max, c.qualifier) == (value, value_max, qualifier)


# (text, surface): a bound of an attribute named before it, with 的, picks a class of things
BOUND_CLASSES = [
    ("全省今年未发生死亡3人以上的较大火灾。", "3人以上"),
    ("年销售额超过5000万元的企业可申请补贴。", "超过5000万元"),
    ("全市中考总分在600分以上的考生约有两千人。", "600分以上"),
    ("单场观众不超过2000人的比赛可以照常举行。", "不超过2000人"),
]


@pytest.mark.parametrize(("text", "surface"), BOUND_CLASSES)
def test_a_bound_of_an_attribute_names_a_class(text: str, surface: str) -> None:
    assert _at(text, surface) == []


# (text, surface): the same shapes that state a fact
NOT_BOUND_CLASSES = [
    # after a stop the bounded count is the count of what follows
    ("据统计，超过3万名的学生参加了这次考试。", "超过3万名"),
    # held: what something has
    ("这家公司拥有超过800名的研发人员。", "超过800名"),
    # a price after 的: the bounded amount is the price
    ("这款耳机贵出不足80元的价格，却多了降噪功能。", "不足80元"),
    # a share with 的 is the share of a population
    ("调查显示，教师中有超过七成的人支持这项改革。", "超过七成"),
]


@pytest.mark.parametrize(("text", "surface"), NOT_BOUND_CLASSES)
def test_a_bound_that_states_a_fact_stays(text: str, surface: str) -> None:
    assert _at(text, surface)


# (text, surface, qualifier): 多 or 余 after the unit of a share, a size or an amount
MORE_AFTER_UNIT = [
    ("今年的机票比去年贵了两成多。", "两成多", ">"),
    ("两栋楼之间隔着三米余的通道。", "三米余", ">"),
    ("这块手表折合人民币也在8千多，价格不菲。", "8千多", ">"),
]


@pytest.mark.parametrize(("text", "surface", "qualifier"), MORE_AFTER_UNIT)
def test_more_after_the_unit_is_more_than(text: str, surface: str, qualifier: str) -> None:
    [c] = _at(text, surface)
    assert c.qualifier == qualifier


def test_more_that_opens_the_next_word_after_a_count_stays_out() -> None:
    # 多功能 is a word: the count of modes is exact
    [c] = _at("这台相机支持5种多功能拍摄模式。", "5种")
    assert c.qualifier == "="
