"""Twenty-first session's rules (issues 11 and 12), with sentences written for the tests:
a currency written before an amount is part of the amount (never the subject or the
predicate), and a name with 讯 or 电 in it is no dateline (腾讯, 科大讯飞, 台积电)."""

from __future__ import annotations

import pytest

from extractor import extract
from extractor.lexicon import words
from extractor.roles import ends_like_dateline, is_dateline
from tests.lexicon_checks import check_lexicon_file

# (text, surface, unit, predicate, not the subject)
CURRENCY_LEAD = [
    (
        "法院判处被告人有期徒刑三年，并处罚金人民币50万元。",
        "人民币50万元",
        "元",
        "处罚金",
        "人民币",
    ),
    ("某电商公司第三季度净收入为人民币6.82亿元。", "人民币6.82亿元", "元", "净收入", "人民币"),
    ("該集團去年營業額為港幣1,200億元。", "港幣1,200億元", "港元", "營業額", "港幣"),
    (
        "这家晶圆厂3月营收新台币1,719亿元，年增45.5%。",
        "新台币1,719亿元",
        "新台币",
        "营收",
        "营收新台币",
    ),
    ("合同约定的总价为人民币约3000万元。", "人民币约3000万元", "元", "总价", "人民币"),
]


@pytest.mark.parametrize(("text", "surface", "unit", "predicate", "subject_not"), CURRENCY_LEAD)
def test_a_currency_before_the_amount_is_part_of_it(
    text: str, surface: str, unit: str, predicate: str, subject_not: str
) -> None:
    [c] = [c for c in extract(text) if c.kind == "money"]
    assert (c.quantity_text, c.unit) == (surface, unit)
    assert text[c.start : c.end] == surface
    assert c.predicate == predicate
    assert c.subject != subject_not and "币" not in c.predicate and "幣" not in c.predicate


def test_a_currency_word_alone_is_not_an_amount_prefix() -> None:
    # 人民币 as what is measured (人民币贷款余额), not before the amount
    [c] = extract("10月末人民币贷款余额为188.54万亿元。")
    assert c.quantity_text == "188.54万亿元"


# (text, the subject)
NAMES_NOT_DATELINES = [
    ("腾讯第三季度营收1401亿元，同比增长2%。", "腾讯"),
    ("科大讯飞2022年营业收入188亿元。", "科大讯飞"),
    ("中兴通讯第三季度净利润21亿元。", "中兴通讯"),
]


@pytest.mark.parametrize(("text", "subject"), NAMES_NOT_DATELINES)
def test_a_name_with_xun_or_dian_is_a_subject(text: str, subject: str) -> None:
    cands = extract(text)
    assert cands and all(c.subject == subject for c in cands)


@pytest.mark.parametrize(
    ("text", "dateline", "ends"),
    [
        ("本报讯", True, True),
        ("新浪体育讯", True, True),
        ("新华社电", True, True),
        ("中新网5月22日电", True, True),
        ("一半本报讯", True, True),
        ("一半本报讯北京", True, False),  # glued to a headline: 讯 inside
        ("腾讯", False, False),
        ("腾讯体育讯", True, True),
        ("科大讯飞", False, False),
        ("中兴通讯", False, False),
        ("台积电", False, False),
        ("华电", False, False),
        ("资讯", False, False),
    ],
)
def test_datelines(text: str, dateline: bool, ends: bool) -> None:
    assert is_dateline(text) is dateline
    assert ends_like_dateline(text) is ends


def test_a_dateline_is_still_never_the_subject() -> None:
    cands = extract("新浪财经讯 某银行2022年净利润增长12%。")
    assert cands and all("讯" not in c.subject for c in cands)


def test_the_dateline_heads_file_is_a_lexicon() -> None:
    check_lexicon_file("dateline_heads")


@pytest.mark.parametrize("head", words("dateline_heads"))
def test_every_dateline_head_makes_a_dateline(head: str) -> None:
    assert ends_like_dateline("新浪" + head + "讯") and ends_like_dateline("某" + head + "电")
    assert is_dateline("标题" + head + "讯正文")


# (text, surface, value, unit) — Taiwan and Hong Kong write a scaled part and the digits below
# its scale as one number (6萬5,128棟); sentences written for the tests.
COMPOSITE = [
    ("全台上半年建物移转6万5,128栋，年减12%。", "6万5,128栋", 65128, "栋"),
    ("该候选人获得18萬1,254票，得票率48%。", "18萬1,254票", 181254, "票"),
    ("央行外汇存底约新台币23兆4,560亿元。", "约新台币23兆4,560亿元", 23_456e9, "新台币"),
    ("县府编列约新台币2亿3,600万元改善排水。", "约新台币2亿3,600万元", 236_000_000, "新台币"),
    ("去年人均所得3萬2,850美元。", "3萬2,850美元", 32850, "美元"),
    ("本周新增确诊1万3,204例。", "1万3,204例", 13204, "例"),
    ("某市常住人口2万5000人。", "2万5000人", 25000, "人"),
]


@pytest.mark.parametrize(("text", "surface", "value", "unit"), COMPOSITE)
def test_a_scaled_part_and_the_digits_below_it_are_one_number(
    text: str, surface: str, value: float, unit: str
) -> None:
    found = {c.quantity_text: c for c in extract(text)}
    assert surface in found, list(found)
    assert (found[surface].value, found[surface].unit) == (value, unit)


@pytest.mark.parametrize(
    ("text", "not_value"),
    [
        ("他说3万5就够了，其余2人。", 30005),  # 3万5 is said for 35,000: no such number
        ("预算2亿3600，另有3人。", 200_003_600),  # 亿 needs a scaled second part
        ("两地相距1万12,000公里，另有3人。", 22000),  # 12,000 is no part below 万
    ],
)
def test_no_composite_where_the_parts_do_not_fit(text: str, not_value: float) -> None:
    assert not_value not in [c.value for c in extract(text)]


# (text, surface, value, unit)
REGIONAL_UNITS = [
    ("公司宣布派发中期股息每股28港仙。", "28港仙", 28, "港仙"),
    ("入场单位实用面积298平方呎。", "298平方呎", 298, "平方呎"),
    ("一间400呎的单位月租1.2万元。", "400呎", 400, "呎"),
    ("央行持有黄金423.6公吨。", "423.6公吨", 423.6, "公吨"),
    ("河川水位上涨至61.2公尺。", "61.2公尺", 61.2, "公尺"),
    ("今年合共应考约27.9万科次。", "约27.9万科次", 279_000, "科次"),
    ("林志翔今天4打数3安打，贡献2打点。", "3安打", 3, "安打"),
    ("他本季已击出12支全垒打。", "12支全垒打", 12, "全垒打"),
]


@pytest.mark.parametrize(("text", "surface", "value", "unit"), REGIONAL_UNITS)
def test_hong_kong_and_taiwan_units(text: str, surface: str, value: float, unit: str) -> None:
    found = {c.quantity_text: c for c in extract(text)}
    if surface not in found:  # 12支全垒打: the count's measure word is 支
        surface = surface.replace("支全垒打", "支")
    assert surface in found, list(found)
    assert found[surface].value == value


def test_years_and_months_in_digits_are_one_duration() -> None:
    [c] = extract("被告被判入狱6年8个月。")
    assert (c.quantity_text, c.unit) == ("6年8个月", "年")
    assert c.value == pytest.approx(6 + 8 / 12, abs=1e-5)
    assert [c.quantity_text for c in extract("公司于2008年8月成立，员工3人。")][-1] == "3人"


def test_a_bare_scaled_number_shares_the_unit_of_its_list() -> None:
    found = {c.quantity_text: c for c in extract("两个口岸的旅客分别约198万及312万人次。")}
    assert found["约198万"].unit == "人次" and found["312万人次"].unit == "人次"
    alone = {c.quantity_text: c for c in extract("粉丝约50万，另有2万人关注。")}
    assert alone["约50万"].unit == ""  # a clause later: no list


@pytest.mark.parametrize(
    ("text", "time", "normal"),
    [
        ("晶宇第3季营收达500亿元。", "第3季", "2023-Q3"),
        ("累计前3季营收1,527亿元。", "前3季", "2023-Q1/2023-Q3"),
        ("首季本地生产总值按年下跌4.0%。", "首季", "2023-Q1"),
        ("今年首三季合计增长3.9%。", "今年首三季", "2023-Q1/2023-Q3"),
        ("累计前10月营收增长18.9%。", "前10月", "2023-01/2023-10"),
        ("今年首5个月出口增长12%。", "今年首5个月", "2023-01/2023-05"),
    ],
)
def test_hong_kong_and_taiwan_periods(text: str, time: str, normal: str) -> None:
    from extractor.timex import find_times, normalise

    assert [t.text for t in find_times(text)] == [time]
    assert normalise(time, "2023-11-15") == normal
    assert extract(text, doc_date="2023-11-15")[0].time_text == time


@pytest.mark.parametrize("text", ["《奔跑吧》第3季节目收视率2%。", "球队获得季军，奖金3万元。"])
def test_a_season_of_a_show_or_a_podium_is_no_quarter(text: str) -> None:
    from extractor.timex import find_times

    assert not [t for t in find_times(text) if "季" in t.text]


def test_a_measure_word_after_a_number_opens_no_name() -> None:
    # 14,826宗|新冠病毒确诊个案: the table never holds 宗新冠病毒…
    text = "本港新增14,826宗新冠病毒确诊个案。当中12宗为输入个案，另有27名患者离世。"
    subjects = {c.subject for c in extract(text)} | {
        a["text"] for c in extract(text) for a in c.alternatives.get("subject", [])
    }
    assert not [s for s in subjects if s.startswith(("宗", "名"))]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("该视频获得点赞超过10万次。", "点赞"),
        ("恒生指数收报19450点。", "收报"),
        ("北向资金全天净买入52亿元。", "北向资金"),
        ("台积电3月营收新台币1,719亿元。", "台积电"),
    ],
)
def test_modern_words_are_read_whole(text: str, word: str) -> None:
    c = extract(text)[0]
    assert word in (c.subject, c.predicate), (c.subject, c.predicate)


def _subject_options(text: str) -> set[str]:
    from extractor.core import extract_with_fields

    return {o.text for _, fields in extract_with_fields(text) for o in fields.get("subject", [])}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("晶圆代工厂晶宇科技10月营收186.7亿元，月增8.6%。", "晶宇科技"),
        ("电动车大厂东岭汽车上月交付3.2万辆。", "东岭汽车"),
        ("国内乳业龙头青牧乳业去年营收120亿元。", "青牧乳业"),
    ],
)
def test_the_name_after_its_class_noun_is_an_option(text: str, name: str) -> None:
    # data/alias_descriptors.tsv: 晶圆代工厂|晶宇科技 offers 晶宇科技 itself
    assert name in _subject_options(text)


def test_a_class_noun_alone_splits_nothing() -> None:
    from extractor.entities import descriptor_split

    run = [("长春", "ns", 0, 2), ("第一", "m", 2, 4), ("汽车", "n", 4, 6), ("制造厂", "n", 6, 9)]
    assert descriptor_split(run) == 0  # a name that ends with its class noun
    named = [("晶圆", "n", 0, 2), ("代工厂", "n", 2, 5), ("晶宇", "nz", 5, 7), ("科技", "n", 7, 9)]
    assert descriptor_split(named) == 2


def test_a_person_named_by_surname_and_mou_is_offered_without_the_title() -> None:
    options = _subject_options("被告陈某被判入狱6年8个月，并处罚金5万元。")
    assert "陈某" in options and "被告陈某" in options


def test_a_currency_word_before_an_amount_ends_no_name() -> None:
    text = "这家晶圆厂3月营收新台币1,719亿元，年增45.5%。4月营收新台币1,500亿元，月减12.7%。"
    assert not [o for o in _subject_options(text) if o.endswith(("新台币", "新台幣"))]


@pytest.mark.parametrize(
    ("text", "surface", "unit"),
    [
        ("全日急症室求诊人次约5,600，较上周增加约一成。", "约5,600", "人次"),
        ("全市人口12,345，面积3平方公里。", "12,345", "人"),
    ],
)
def test_a_comma_number_takes_the_unit_named_before_it(text: str, surface: str, unit: str) -> None:
    found = {c.quantity_text: c for c in extract(text)}
    assert found[surface].unit == unit


def test_a_plain_number_after_a_count_word_stays_no_claim() -> None:
    # without thousands commas a bare number may be a code or a year: not proposed
    assert "2022" not in {c.quantity_text for c in extract("人口2022，面积3平方公里。")}


@pytest.mark.parametrize(
    ("text", "times"),
    [
        ("失业率由7月至9月的2.8%下降至8月至10月的2.7%。", ["7月至9月", "8月至10月"]),
        ("出口增加到2023年的5%。", ["2023年"]),
        ("贷款期限至2025年。", ["至2025年"]),  # until: no verb of change before 至
    ],
)
def test_zhi_after_a_verb_of_change_is_the_verbs(text: str, times: list[str]) -> None:
    from extractor.timex import find_times

    assert [t.text for t in find_times(text)] == times


@pytest.mark.parametrize(
    ("text", "subject", "predicate"),
    [
        ("恒生指数收市报19450点。", "恒生指数", "收市报"),
        ("这家晶圆厂3月营收新台币1,719亿元，月减3.2%。", "晶圆厂", "营收"),
    ],
)
def test_hong_kong_and_taiwan_market_words(text: str, subject: str, predicate: str) -> None:
    c = extract(text)[0]
    assert (c.subject, c.predicate) == (subject, predicate)


@pytest.mark.parametrize(
    "text",
    [
        "公司新建的12英寸晶圆厂月产能达到5万片。",
        "该芯片采用7纳米工艺，性能提升20%。",
        "7奈米及以下先进制程营收占比达52%。",
        "晶宇12吋晶圆厂产能提升10%。",
    ],
)
def test_a_wafer_size_or_process_node_is_no_claim(text: str) -> None:
    # data/format_nouns.tsv: the length names a line or a class of chips
    assert not [c for c in extract(text) if c.kind == "length"]


def test_a_screen_size_stays_a_claim() -> None:
    found = [c.quantity_text for c in extract("新机配备6.67英寸屏幕，售价1999元。")]
    assert "6.67英寸" in found


@pytest.mark.parametrize(
    ("text", "surface", "unit"),
    [("央行宣布减息25点子。", "25点子", "点子"), ("这款笔电配备14吋屏幕。", "14吋", "吋")],
)
def test_taiwan_and_hong_kong_measures(text: str, surface: str, unit: str) -> None:
    found = {c.quantity_text: c for c in extract(text)}
    assert found[surface].unit == unit
