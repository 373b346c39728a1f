"""Quantity forms read in the sixteenth session (sentences written for the tests): thousands
written with a full-width comma before a decimal part, a qualifier or a measure word no list
knows."""

from __future__ import annotations

import pytest

from extractor.lexicon import words
from tests.quantity_checks import found

GROUPED = [
    # a decimal part after the last group, then a scale word and the unit
    ("全年网上零售额5，218.7亿元，增长两成。", "5，218.7亿元", 521_870_000_000, "元"),
    ("累计接种疫苗1，307.2万剂次。", "1，307.2万剂次", 13_072_000, "剂次"),
    # a qualifier after the number
    ("全省已有3，400多个村通了快递。", "3，400多个", 3400, "个"),
    ("共组织4，100余名志愿者。", "4，100余名", 4100, "名"),
    # a measure word no list knows, however many digits
    ("当天共开行旅客列车2，046列。", "2，046列", 2046, "列"),
    # the plain forms keep their reading
    ("全年营业收入5，000万元。", "5，000万元", 50_000_000, "元"),
    ("平均房价1，288元/间夜。", "1，288元", 1288, "元"),
]


@pytest.mark.parametrize(("text", "surface", "value", "unit"), GROUPED)
def test_thousands_with_a_full_width_comma(
    text: str, surface: str, value: float, unit: str
) -> None:
    got = found(text)
    assert surface in got, list(got)
    c = got[surface]
    assert (c.value, c.unit) == (value, unit)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("该考生的位次为第12，406名。", "第12，406", 12406),
        ("全市排名第2,315位。", "第2,315", 2315),
        # a comma that ends a clause before a year is no thousands separator
        ("去年他排名第15，2021年又回到前十。", "第15", 15),
    ],
)
def test_a_rank_written_with_thousands(text: str, surface: str, value: float) -> None:
    got = found(text)
    assert surface in got, list(got)
    assert got[surface].value == value  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "text",
    [
        # a comma between a number and a number that goes on is a clause's comma
        "他得了5，0000分以上的评价",
        # a comma before a clause that opens with a number and no word after it
        "比分是3，100。",
    ],
)
def test_a_comma_that_ends_a_clause_joins_no_numbers(text: str) -> None:
    assert not any("，" in s for s in found(text)), list(found(text))


@pytest.mark.parametrize(
    ("text", "surface", "unit"),
    [
        # the tagger glues the measure word to the scale word before it into one numeral
        ("全年生产芯片1200亿块，同比增长。", "1200亿块", "块"),
        ("全年生产芯片1200块，同比增长。", "1200块", "块"),
        # a word that opens after the scale word is no measure word: the amount stays bare
        ("公司共投入5000万资金。", "5000万", ""),
    ],
)
def test_a_measure_word_after_a_scale_word(text: str, surface: str, unit: str) -> None:
    got = found(text)
    assert surface in got, list(got)
    assert got[surface].unit == unit  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        # a headline that ends in a share, glued to the dateline of the report
        ("出口占比超三成本报讯（记者 李明）海关总署昨日公布", "超三成"),
        ("净利润下滑近两成本报记者 王芳 10月27日", "近两成"),
    ],
)
def test_a_share_before_a_dateline(text: str, surface: str) -> None:
    got = found(text)
    assert surface in got, list(got)
    assert got[surface].unit == "%"  # type: ignore[attr-defined]


def test_cost_stays_a_word() -> None:
    # 成本 is a cost: no share of two tenths
    assert not found("企业降低两成本钱的说法不实。")


RANK_LISTS = [
    # every item of a list of ranks is a rank, with or without its own 第
    ("甲、乙、丙三家公司分别位列第三、第五和第九名。", ["第三", "第五", "第九"]),
    ("两款车型分列第二、三位，销量均过万。", ["第二", "三位"]),
    ("两部影片分列第四和第七，票房均超过10亿元。", ["第四", "第七", "超过10亿元"]),
]


@pytest.mark.parametrize(("text", "ranks"), RANK_LISTS)
def test_the_items_of_a_list_of_ranks(text: str, ranks: list[str]) -> None:
    got = found(text)
    assert all(r in got for r in ranks), list(got)
    assert [got[r].kind for r in ranks[:2]] == ["other", "other"]  # type: ignore[attr-defined]


def test_a_list_of_periods_is_no_list_of_ranks() -> None:
    # 第五、六期 names two issues of a series: no rank, no count
    assert not found("第五、六期获奖名单已经公布。")


HOURS_AND_MINUTES = [
    # hours and minutes are one duration in hours, as minutes and seconds are one in seconds
    ("这趟列车全程运行时间为5小时12分。", "5小时12分", 5.2),
    ("全程用时两小时三十分钟。", "两小时三十分钟", 2.5),
    ("手术持续了3个小时45分钟。", "3个小时45分钟", 3.75),
    # hours alone, and a word that 分 opens after them, keep the hours alone
    ("每天学习2小时，分别安排在上午和下午。", "2小时", 2),
]


@pytest.mark.parametrize(("text", "surface", "hours"), HOURS_AND_MINUTES)
def test_hours_and_minutes_are_one_duration(text: str, surface: str, hours: float) -> None:
    got = found(text)
    assert surface in got, list(got)
    c = got[surface]
    assert c.unit == "小时" and c.kind == "duration"  # type: ignore[attr-defined]
    assert c.value == pytest.approx(hours)  # type: ignore[attr-defined]
    assert not any(s.endswith("分") and s != surface for s in got), list(got)


RECORDS = [
    # wins, draws and losses: the wins and the losses count, the draws between them do not
    ("球队以9胜4平2负积31分排名第三。", ["9胜", "2负"]),
    # wins and draws with no loss: the wins
    ("近6轮取得5胜1平。", ["5胜"]),
    # the plain record keeps its two counts
    ("球队目前战绩为40胜12负。", ["40胜", "12负"]),
]


@pytest.mark.parametrize(("text", "counts"), RECORDS)
def test_a_record_with_draws(text: str, counts: list[str]) -> None:
    got = found(text)
    assert [s for s in got if got[s].rule == "sport.record"] == counts  # type: ignore[attr-defined]


UNITS = [
    # energy capacity, computing power and air pressure of recent news
    ("全省风电装机容量超过12GW。", "超过12GW", 12, "GW"),
    ("该电站装机容量为200MW。", "200MW", 200, "MW"),
    ("全国算力总规模达到150EFLOPS。", "150EFLOPS", 150, "EFLOPS"),
    ("这台超级计算机的峰值性能为93PFLOPS。", "93PFLOPS", 93, "PFLOPS"),
    ("新款芯片的算力为128TOPS。", "128TOPS", 128, "TOPS"),
    # 百帕 is one unit, not a hundred pascals
    ("台风中心最低气压为960百帕。", "960百帕", 960, "百帕"),
]


@pytest.mark.parametrize(("text", "surface", "value", "unit"), UNITS)
def test_units_of_recent_news(text: str, surface: str, value: float, unit: str) -> None:
    got = found(text)
    span = next((s for s in got if s.endswith(surface)), None)
    assert span is not None, list(got)
    assert (got[span].value, got[span].unit) == (value, unit)  # type: ignore[attr-defined]


def test_every_point_count_word_makes_points_a_count() -> None:
    for word in words("point_count_words"):
        text = f"这款相机采用了7点智能{word}系统。"
        got = found(text)
        assert "7点" in got and got["7点"].unit == "点", (word, list(got))  # type: ignore[attr-defined]
        # a clock word before it keeps it a time of day
        assert "7点" not in found(f"早上7点{word}系统开始工作。"), word
    # with no such word after it a small N点 is a clock time
    assert "7点" not in found("这款相机于7点开始销售。")


POINTS = [
    ("该机配备了19点自动对焦系统。", "19点"),
    ("机身支持（9 点）十字型对焦，反应迅速。", "9 点"),
    ("新款平板支持10点触控。", "10点"),
]


@pytest.mark.parametrize(("text", "surface"), POINTS)
def test_points_of_a_device(text: str, surface: str) -> None:
    got = found(text)
    assert surface in got, list(got)
    assert got[surface].value == float(surface.rstrip("点 "))  # type: ignore[attr-defined]


CAPITALS = [
    # Latin units written in capitals are the units they name, as written
    ("机箱采用14CM静音风扇。", "14CM", "CM", "length"),
    ("机身厚度仅为12MM。", "12MM", "MM", "length"),
    ("整机重量约2.6KG。", "2.6KG", "KG", "weight"),
    ("续航里程达到600KM。", "600KM", "KM", "length"),
    # a model name in capitals stays a name
    ("新款相机7D上市。", "", "", ""),
]


@pytest.mark.parametrize(("text", "surface", "unit", "kind"), CAPITALS)
def test_units_written_in_capitals(text: str, surface: str, unit: str, kind: str) -> None:
    got = found(text)
    if not surface:
        assert not got, list(got)
        return
    span = next((s for s in got if s.endswith(surface)), None)
    assert span is not None, list(got)
    assert (got[span].unit, got[span].kind) == (unit, kind)  # type: ignore[attr-defined]


APERTURES = [
    # an F-number with its decimal is an aperture wherever it stands
    ("全部对焦点对应F4.0光束。", "F4.0", 4.0, None, "F"),
    ("最大光圈为F1.8（广角）和F4.9（长焦）。", "F4.9", 4.9, None, "F"),
    ("中央对焦点对f/2.8敏感。", "f/2.8", 2.8, None, "f"),
    ("镜头光圈大小为F3.1-F6.3，支持微距。", "F3.1-F6.3", 3.1, 6.3, "F"),
]


@pytest.mark.parametrize(("text", "surface", "value", "high", "unit"), APERTURES)
def test_an_f_number_is_an_aperture(
    text: str, surface: str, value: float, high: float | None, unit: str
) -> None:
    got = found(text)
    assert surface in got, list(got)
    c = got[surface]
    assert (c.value, c.value_max, c.unit) == (value, high, unit)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "text", ["有时尚F4之称的组合。", "富士F60热卖。", "这款EF2.8镜头很受欢迎。"]
)
def test_an_f_without_a_decimal_or_inside_a_word_is_a_name(text: str) -> None:
    assert not [s for s in found(text) if "F" in s], list(found(text))


SIGNS_AND_BOUNDS = [
    # 破 before a round number: more than it (a headline's 营收破百亿)
    ("公司全年营收破千亿 净利润增长两成", "破千亿", 1e11, ">"),
    ("影片票房破十亿元。", "破十亿元", 1e9, ">"),
    # 跌破 before a round number: less than it
    ("这款相机的售价跌破万元。", "跌破万元", 1e4, "<"),
    # 零下 makes a temperature negative, and turns its qualifier with the sign
    ("当地气温降至零下15℃。", "零下15℃", -15, "="),
    ("最低气温零下8摄氏度。", "零下8摄氏度", -8, "="),
    ("山顶气温一度跌到零下三十多度。", "零下三十多度", -30, "<"),
]


@pytest.mark.parametrize(("text", "surface", "value", "qualifier"), SIGNS_AND_BOUNDS)
def test_signs_and_bounds(text: str, surface: str, value: float, qualifier: str) -> None:
    got = found(text)
    assert surface in got, list(got)
    c = got[surface]
    assert (c.value, c.qualifier) == (value, qualifier)  # type: ignore[attr-defined]


def test_po_leaves_a_count_that_is_not_round_alone() -> None:
    # 打破 before a plain count is the verb, no qualifier
    got = found("他在本届赛事上打破3项纪录。")
    assert "3项" in got and got["3项"].qualifier == "=", list(got)  # type: ignore[attr-defined]


def test_an_interval_in_minutes_and_seconds_is_a_duration() -> None:
    got = found("早高峰行车间隔为4分45秒。")
    assert got["4分45秒"].value == 285, list(got)  # type: ignore[attr-defined]
    # a moment on a game clock stays out
    assert not found("比赛还剩4分45秒时，主队领先。")


MEDALS = [
    # a medal tally is one mention, its golds, as a record is its wins
    ("代表团共获得9金5银3铜，列奖牌榜第三。", "9金5银3铜", 9),
    ("她在本届赛事上收获2金1银。", "2金1银", 2),
]


@pytest.mark.parametrize(("text", "surface", "golds"), MEDALS)
def test_a_medal_tally(text: str, surface: str, golds: float) -> None:
    got = found(text)
    assert surface in got, list(got)
    assert got[surface].value == golds  # type: ignore[attr-defined]
    assert not any(s.endswith(("银", "铜")) and s != surface for s in got), list(got)


def test_gold_coins_are_no_medal_tally() -> None:
    got = found("第一名奖励10000金元宝。")
    assert not [s for s in got if got[s].rule == "sport.medals"], list(got)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        # a field of up to eight characters between the rank verb and the rank
        ("该片票房位列中国影史国庆档第三；观影人次同比下降。", "第三"),
        ("球队胜场数排在联盟历史常规赛第五，仅次于公牛。", "第五"),
    ],
)
def test_a_rank_after_a_long_field(text: str, surface: str) -> None:
    got = found(text)
    assert surface in got, list(got)


def test_an_ordinal_far_from_any_rank_verb_is_no_rank() -> None:
    assert not found("他在本届中国国际进口博览会第三天到场。")


@pytest.mark.parametrize(
    ("text", "surface", "kept"),
    [
        # 占优 and 占上风 are "have the upper hand": the score before them is a fact
        ("全场篮板球以52比40占优。", "52比40", True),
        ("主队在禁区得分上以36比20占上风。", "36比20", True),
        # 占 and a share after a bracket's bound: the bound names the bracket
        ("月收入在8000元以上的占12.5%。", "8000元以上", False),
    ],
)
def test_a_score_before_zhanyou_is_no_bracket(text: str, surface: str, kept: bool) -> None:
    assert (surface in found(text)) is kept, list(found(text))


@pytest.mark.parametrize(
    ("text", "surface", "kept"),
    [
        # a character the tagger reads as a preposition has no object at the clause's end:
        # it is the measure word (针 of 针对)
        ("这名患者一年内需要注射8针。", "8针", True),
        ("孩子已经打了3针，反应良好。", "3针", True),
        # before the word it opens it stays a preposition, no count
        ("系统按3按确定键即可。", "3按", False),
    ],
)
def test_a_preposition_at_the_end_of_a_clause_is_a_measure_word(
    text: str, surface: str, kept: bool
) -> None:
    assert (surface in found(text)) is kept, list(found(text))


@pytest.mark.parametrize(
    ("text", "surface", "kept"),
    [
        # an exchange rate is a ratio written as a bare number
        ("欧元兑美元汇率一度升至1.13附近。", "1.13", True),
        ("人民币汇率中间价报6.35。", "6.35", True),
        # the day of a date after the ratio's name is no value of it
        ("美元兑日元汇率12日触及115.8。", "12", False),
    ],
)
def test_an_exchange_rate_is_a_bare_ratio(text: str, surface: str, kept: bool) -> None:
    got = found(text)
    assert any(s.startswith(surface) for s in got) is kept, list(got)
