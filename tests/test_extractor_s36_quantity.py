"""Quantity forms and look-alikes of the thirty-sixth session, each with sentences written for
the test: classes of the bench's misses and of the 2021-2022 probes (docs/PROBES_S33.md)."""

from __future__ import annotations

import pytest

from extractor.lexicon import words
from tests.lexicon_checks import check_lexicon_file
from tests.quantity_checks import found

#: Why a case below is a strict expected failure (docs/HISTORY.md, forty-fourth session).
S44 = "the model retrained in the forty-fourth session"

# A round amount of scale words only after a comparison word, in a clause that counts a class
# before it, is the bar that picks the class (data/scale_threshold_words.tsv); the count stays.
SCALE_THRESHOLDS = [
    ("去年共有37个品牌销售额突破亿元。", "突破亿元", "37个"),
    ("本月有12家企业营收过亿，同比增加3家。", "过亿", "12家"),
    ("该市成为全国第9个常住人口超千万的城市。", "超千万", "第9个"),
    ("全省已有5座城市经济总量破万亿。", "破万亿", "5座"),
]


@pytest.mark.parametrize(("text", "bar", "count"), SCALE_THRESHOLDS)
def test_a_scale_only_bar_after_a_count_is_a_criterion(text: str, bar: str, count: str) -> None:
    cands = found(text)
    assert bar not in cands and count in cands, list(cands)


# The same amount with no count of a class before it, with digits, or after 一个月 (一 is the
# article) is a fact.
SCALE_FACTS = [
    ("公司去年销售额突破亿元。", "突破亿元"),
    ("该片上映一个月票房突破千万。", "突破千万"),
    ("有12家企业营收超过1.2亿元。", "超过1.2亿元"),
    ("该市常住人口超千万。", "超千万"),
]


@pytest.mark.parametrize(("text", "surface"), SCALE_FACTS)
def test_a_scale_amount_that_bounds_no_counted_class_is_a_fact(text: str, surface: str) -> None:
    assert surface in found(text)


def test_every_scale_threshold_word_makes_a_counted_bar_a_criterion() -> None:
    check_lexicon_file("scale_threshold_words")
    for word in words("scale_threshold_words"):
        cands = found(f"今年有8家公司利润{word}亿，增加2家。")
        assert f"{word}亿" not in cands and "8家" in cands, (word, list(cands))


# 翻番, 翻了一番, 翻两番: a multiple written with no digit (doubled once: 2 倍, twice: 4 倍).
DOUBLINGS = [
    ("该市人均收入比十年前翻了一番。", "翻了一番", 2.0),
    ("到2025年制造业产值实现翻番。", "翻番", 2.0),
    ("规划提出经济总量翻两番。", "翻两番", 4.0),
    ("预计全球需求将较去年翻一番。", "翻一番", 2.0),
]


@pytest.mark.parametrize(("text", "surface", "value"), DOUBLINGS)
def test_a_doubling_is_a_multiple(text: str, surface: str, value: float) -> None:
    cands = found(text)
    assert surface in cands, list(cands)
    assert cands[surface].value == value and cands[surface].unit == "倍"


@pytest.mark.parametrize("text", ["经过一番努力，他成功了。", "两人一番交谈后离开。"])
def test_a_bout_with_no_doubling_verb_is_no_multiple(text: str) -> None:
    assert not found(text)


# A structure of three or more shares a:b:c with decimals is one ratio, its value the first
# term; 三次产业 (the three sectors) is a name, its 三次 no count (data/number_name_words.tsv).
def test_a_three_part_structure_is_one_ratio_and_three_sectors_is_a_name() -> None:
    cands = found("全省三次产业结构调整为7.5:40.2:52.3。")
    assert "7.5:40.2:52.3" in cands and cands["7.5:40.2:52.3"].value == 7.5, list(cands)
    assert "三次" not in cands
    assert "3:1" in found("两队比分为3:1。")
    assert "三次" in found("他本场三次被吹犯规。")


@pytest.mark.parametrize("text", ["比赛在1:23:45时暂停。", "他的电话是010:1234:5678。"])
def test_colon_runs_without_decimals_are_no_structure(text: str) -> None:
    assert not [c for c in found(text).values() if c.rule == "ratio.structure"]


# A duration right before a rainfall figure is the window the figure is measured over
# (data/duration_scope_words.tsv), not a claim; the rainfall is.
@pytest.mark.parametrize(
    ("text", "window", "figure"),
    [
        ("受台风影响，当地1小时降雨量达120.5毫米。", "1小时", "达120.5毫米"),
        ("该站3小时降水量为88毫米。", "3小时", "88毫米"),
        ("山区6小时雨量超过50毫米。", "6小时", "超过50毫米"),
    ],
)
def test_a_duration_before_a_rainfall_figure_is_its_window(
    text: str, window: str, figure: str
) -> None:
    cands = found(text)
    assert window not in cands and figure in cands, list(cands)


def test_a_rain_that_lasted_hours_is_a_duration() -> None:
    assert "3小时" in found("这场暴雨持续了3小时。")


# A range before a shooting or hurdles event names the event (data/format_nouns.tsv); a
# distance to a target is still measured.
@pytest.mark.parametrize(
    "text",
    [
        "她获得射击女子10米气步枪决赛冠军。",
        "他在男子25米速射手枪比赛中发挥稳定。",
        "他是400米跨栏的老将。",
    ],
)
def test_a_range_before_an_event_names_the_event(text: str) -> None:
    assert not [c for c in found(text) if c.endswith("米")], list(found(text))


def test_a_distance_to_a_target_is_measured() -> None:
    assert "300米" in found("士兵在300米外用步枪击中目标。")


# An index written as a bare number a little after its name is the index's value
# (data/ratio_words.tsv); a number inside an index's name is not.
@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("二季度全省房地产开发景气指数为96.18。", "96.18", 96.18),
        ("5月份非制造业PMI为51.3，比上月回升。", "51.3", 51.3),
    ],
)
def test_a_bare_number_after_an_index_is_its_value(text: str, surface: str, value: float) -> None:
    cands = found(text)
    assert surface in cands and cands[surface].value == value, list(cands)


def test_a_number_inside_an_index_name_is_no_value() -> None:
    cands = found("跟踪沪深300指数的基金共有20只。")
    assert "300" not in cands and "20只" in cands, list(cands)


# A count inside a source clause (据 at the head of a clause, closed by a verb of reporting:
# data/source_report_verbs.tsv) sizes the source; the report's figures stay.
@pytest.mark.parametrize(
    ("text", "source", "figure"),
    [
        ("据三家基础电信企业公布的数据，5G用户超过7亿户。", "三家", "超过7亿户"),
        ("另据5家机构统计，全市新增门店120家。", "5家", "120家"),
        ("根据两家媒体报道，该片票房达3亿元。", "两家", "达3亿元"),
    ],
)
def test_a_count_in_a_source_clause_sizes_the_source(text: str, source: str, figure: str) -> None:
    cands = found(text)
    assert source not in cands and figure in cands, list(cands)


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("数据显示，3家企业营收下降。", "3家"),
        ("公司依据3份合同支付了款项。", "3份"),
        ("据介绍，该园区已入驻企业56家。", "56家"),
    ],
)
def test_a_count_outside_a_source_clause_stays(text: str, surface: str) -> None:
    assert surface in found(text)


def test_every_source_verb_closes_a_source_clause() -> None:
    check_lexicon_file("source_report_verbs")
    for verb in words("source_report_verbs"):
        cands = found(f"据4家机构{verb}，全市新增企业300家。")
        assert "4家" not in cands and "300家" in cands, (verb, list(cands))


# A count in a relative clause that defines a group whose size or share follows
# (data/set_size_nouns.tsv) is the group's criterion; the size, and a held count, stay.
@pytest.mark.parametrize(
    ("text", "criterion", "figure"),
    [
        ("全省已接种两剂疫苗的人数达3200万。", "两剂", "达3200万"),
        ("购买2套住房的户数为1.5万户。", "2套", "1.5万户"),
        ("出现3次逾期的占比为12%。", "3次", "12%"),
    ],
)
def test_a_count_that_defines_a_counted_group_is_a_criterion(
    text: str, criterion: str, figure: str
) -> None:
    cands = found(text)
    assert criterion not in cands and figure in cands, list(cands)


def test_a_count_held_before_a_share_stays() -> None:
    assert "73名" in found("去年有73名女性因家庭暴力致死。")


def test_every_set_size_noun_closes_a_criterion_clause() -> None:
    check_lexicon_file("set_size_nouns")
    for noun in words("set_size_nouns"):
        cands = found(f"全市接种3剂疫苗的{noun}达到80万。")
        assert "3剂" not in cands, (noun, list(cands))


# 一次 a few characters before a foul or another called event of play counts it
# (data/foul_words.tsv); 一次 before other nouns stays the article "a".
@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "裁判又给了他一次技术犯规。",
        ),
        "中锋第三节先是一次掩护犯规。",
        "后卫全场只有一次失误。",
    ],
)
def test_one_before_a_foul_counts_it(text: str) -> None:
    cands = found(text)
    assert "一次" in cands and cands["一次"].value == 1, list(cands)


@pytest.mark.parametrize("text", ["这是一次难得的机会。", "他参加了一次会议。"])
def test_one_before_other_nouns_is_the_article(text: str) -> None:
    assert "一次" not in found(text)


def test_every_foul_word_makes_one_a_count() -> None:
    check_lexicon_file("foul_words")
    for word in words("foul_words"):
        assert "一次" in found(f"他上半场出现一次{word}，共得到12分。"), word
