"""Number and quantity parsing: every number form, unit, qualifier and range of issue 3."""

from __future__ import annotations

import pytest

from extractor import parse_number, parse_quantity


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1200", 1200),
        ("1,200", 1200),
        ("1，200", 1200),  # a full-width comma between digit groups
        ("4,812", 4812),
        ("1,234.5", 1234.5),
        ("3.14", 3.14),
        ("-2.5", -2.5),
        ("１２３", 123),
        ("１２．５", 12.5),
        ("一千二百", 1200),
        ("两千", 2000),
        ("三十五", 35),
        ("十", 10),
        ("十五", 15),
        ("一百零五", 105),
        # a last digit right after a unit counts the next lower unit (spoken short forms)
        ("两万五", 25000),
        ("三千五", 3500),
        ("一百二", 120),
        ("三亿五", 350000000),
        ("十万八", 108000),
        ("一万零五", 10005),
        ("一百零二", 102),
        ("三万五千", 35000),
        ("一亿二千万", 120_000_000),
        ("二〇二二", 2022),
        ("三点五", 3.5),
        ("1.5万", 15000),
        ("3千万", 30_000_000),
        ("2.7亿", 270_000_000),
        ("4,812万", 48_120_000),
        ("1.2万亿", 1.2e12),
        (" 42 ", 42),
    ],
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "   ", "abc", "亿万富翁", "1.2.3", "十十", "元"])
def test_parse_number_rejects_non_numbers(text: str) -> None:
    assert parse_number(text) is None


# span, value, value_max, unit, qualifier, kind
QUANTITIES = [
    # money, scaled and in other currencies
    ("1000万元", 10_000_000, None, "元", "=", "money"),
    ("近71亿元", 7_100_000_000, None, "元", "~", "money"),
    ("约1500亿元", 150_000_000_000, None, "元", "~", "money"),
    ("2.7亿元", 270_000_000, None, "元", "=", "money"),
    ("100万美元", 1_000_000, None, "美元", "=", "money"),
    ("2亿港元", 200_000_000, None, "港元", "=", "money"),
    ("3000万欧元", 30_000_000, None, "欧元", "=", "money"),
    ("约合7万元人民币", 70_000, None, "元", "~", "money"),
    ("过百亿元", 10_000_000_000, None, "元", ">", "money"),
    # counts with measure words
    ("超过650名", 650, None, "名", ">", "count"),
    ("突破350人", 350, None, "人", ">", "count"),
    ("26支", 26, None, "支", "=", "count"),
    ("2800份", 2800, None, "份", "=", "count"),
    ("102家", 102, None, "家", "=", "count"),
    ("7个", 7, None, "个", "=", "count"),
    ("3项", 3, None, "项", "=", "count"),
    ("5辆", 5, None, "辆", "=", "count"),
    ("2套", 2, None, "套", "=", "count"),
    ("6场", 6, None, "场", "=", "count"),
    ("8次", 8, None, "次", "=", "count"),
    ("顶多2个人", 2, None, "人", "<=", "count"),
    ("１２３人", 123, None, "人", "=", "count"),
    # approximations
    ("十余家", 10, None, "家", ">", "count"),
    ("上万名", 10_000, None, "名", ">=", "count"),
    ("数十家", 10, None, "家", ">", "count"),
    ("近百所", 100, None, "所", "~", "count"),
    ("两千余人", 2000, None, "人", ">", "count"),
    ("3万余元", 30_000, None, "元", ">", "money"),
    ("10多伙", 10, None, "伙", ">", "count"),
    ("大约有10几万人", 100_000, None, "人", "~", "count"),
    ("逾40%", 40, None, "%", ">", "percent"),
    ("8000元左右", 8000, None, "元", "~", "money"),
    ("20分以上", 20, None, "分", ">=", "score"),
    ("不到10人", 10, None, "人", "<", "count"),
    ("不足5家", 5, None, "家", "<", "count"),
    ("低于3%", 3, None, "%", "<", "percent"),
    ("不超过5家", 5, None, "家", "<=", "count"),
    ("至少3名", 3, None, "名", ">=", "count"),
    ("达100%", 100, None, "%", "=", "percent"),
    # percentages
    ("５％", 5, None, "%", "=", "percent"),
    ("20.85%", 20.85, None, "%", "=", "percent"),
    ("百分之三十", 30, None, "%", "=", "percent"),
    ("百分之3.5", 3.5, None, "%", "=", "percent"),
    ("三成", 30, None, "%", "=", "percent"),
    ("近4成", 40, None, "%", "~", "percent"),
    ("五个百分点", 5, None, "个百分点", "=", "percent"),
    ("1.83个百分点", 1.83, None, "个百分点", "=", "percent"),
    # ranges
    ("3至5万元", 30_000, 50_000, "元", "=", "money"),
    ("4万到6万元", 40_000, 60_000, "元", "=", "money"),
    ("30989至3.2万元", 30_989, 32_000, "元", "=", "money"),
    ("9800万至近1.4亿元", 98_000_000, 140_000_000, "元", "=", "money"),
    ("约8万元至14万元", 80_000, 140_000, "元", "~", "money"),
    ("1万澳元至1.4万澳元", 10_000, 14_000, "澳元", "=", "money"),
    ("20%至30%", 20, 30, "%", "=", "percent"),
    ("3年至4年", 3, 4, "年", "=", "duration"),
    ("5至10人", 5, 10, "人", "=", "count"),
    ("3、4个月", 3, 4, "个月", "=", "duration"),
    ("35-140mm", 35, 140, "mm", "=", "length"),
    # durations, ages and the other units of news
    ("8000小时", 8000, None, "小时", "=", "duration"),
    ("60天", 60, None, "天", "=", "duration"),
    ("3年", 3, None, "年", "=", "duration"),
    ("25分钟", 25, None, "分钟", "=", "duration"),
    ("35岁", 35, None, "岁", "=", "age"),
    ("200吨", 200, None, "吨", "=", "weight"),
    ("1.2亿吨", 120_000_000, None, "吨", "=", "weight"),
    ("123克", 123, None, "克", "=", "weight"),
    ("120平方米", 120, None, "平方米", "=", "area"),
    ("300亩", 300, None, "亩", "=", "area"),
    ("5131方尺", 5131, None, "方尺", "=", "area"),
    ("50公里", 50, None, "公里", "=", "length"),
    ("3.5英寸", 3.5, None, "英寸", "=", "length"),
    ("3倍", 3, None, "倍", "=", "other"),
    ("92万像素", 920_000, None, "像素", "=", "other"),
    ("五连胜", 5, None, "连胜", "=", "count"),
    ("98比95", 98, None, "", "=", "score"),
    ("55-27", 55, None, "", "=", "score"),
    ("2.5万", 25_000, None, "", "=", "other"),
    # qualifier words at the edge of a hand-selected span, with no unit after them
    ("两千余", 2000, None, "", ">", "other"),
    ("约300", 300, None, "", "~", "other"),
    ("100以上", 100, None, "", ">=", "other"),
    ("不到50", 50, None, "", "<", "other"),
]


@pytest.mark.parametrize(("span", "value", "value_max", "unit", "qualifier", "kind"), QUANTITIES)
def test_parse_quantity(
    span: str, value: float, value_max: float | None, unit: str, qualifier: str, kind: str
) -> None:
    q = parse_quantity(span)
    assert q is not None
    assert q["value"] == pytest.approx(value)
    assert q["value_max"] == (pytest.approx(value_max) if value_max is not None else None)
    assert (q["unit"], q["qualifier"], q["kind"]) == (unit, qualifier, kind)


@pytest.mark.parametrize(
    ("span", "unit", "kind"),
    [
        # A word of one or two characters a reviewer selects after a number read without a
        # unit is its unit: measure words too rare for the unit table.
        ("9尾", "尾", "count"),
        ("十二尾", "尾", "count"),
        ("800万象素", "象素", "count"),
        ("3.6万户", "户", "count"),
        ("40枚。", "枚", "count"),
        # not a unit: qualifiers, numbers without counting, longer stretches, scores
        ("40左右", "", "other"),
        ("40余", "", "other"),
        ("8号", "", "other"),
        ("9尾金鱼", "", "other"),
        ("9尾，", "尾", "count"),
        ("101比99获胜", "", "score"),
        ("9 尾", "", "other"),
        # 记 (shots) is in the unit table since the thirty-seventh session: read after any word
        ("9记篮板球", "记", "count"),
    ],
)
def test_parse_quantity_reads_a_selected_word_after_a_bare_number_as_its_unit(
    span: str, unit: str, kind: str
) -> None:
    q = parse_quantity(span)
    assert q is not None
    assert (q["unit"], q["kind"]) == (unit, kind)


@pytest.mark.parametrize("span", ["", "  ", "元", "公司向政府捐资", "亿", None])
def test_parse_quantity_without_a_number(span) -> None:
    assert parse_quantity(span) is None


@pytest.mark.parametrize(
    ("span", "value", "unit"),
    [
        # A reviewer may select what the extractor treats as a look-alike; it still parses.
        ("60岁以上", 60, "岁"),
        ("95518", 95518, ""),
        ("24小时", 24, "小时"),
    ],
)
def test_parse_quantity_keeps_lookalikes_a_reviewer_selects(span: str, value: float, unit: str):
    q = parse_quantity(span)
    assert q is not None and q["value"] == value and q["unit"] == unit


@pytest.mark.parametrize(
    ("span", "value", "unit", "kind"),
    [
        # One character a reviewer selects after a number the finder leaves alone is its unit:
        # extraction never reads it (五国 is mostly a look-alike), the selection says it counts.
        ("三席", 3, "席", "count"),
        ("七国", 7, "国", "count"),
        ("两队。", 2, "队", "count"),  # trailing punctuation of the selection ignored
        # ... but not a character that follows a number without counting (not_measure_chars),
        ("六大", 6, "", "other"),
        ("3号", 3, "", "other"),
        # nor two characters or more, nor after a qualifier character, nor nothing.
        ("三席中", 3, "", "other"),
        ("两千余", 2000, "", "other"),
        ("2010", 2010, "", "other"),
    ],
)
def test_a_selected_character_after_a_bare_number_is_its_unit(
    span: str, value: float, unit: str, kind: str
) -> None:
    q = parse_quantity(span)
    assert q is not None
    assert (q["value"], q["unit"], q["kind"]) == (value, unit, kind)


@pytest.mark.parametrize(
    ("span", "unit"),
    [
        # A selection that runs on past the unit the finder read, into one word that continues
        # it, ends with its unit (eighteenth session: 12部门 is 12 部门, 30GWh past GW).
        ("12部门", "部门"),
        ("30GWh", "GWh"),
        ("5TWh。", "TWh"),  # trailing punctuation of the selection ignored
        # ... never a qualifier, 余/多, a character that follows a number without counting
        # (3年来, 5亿元的), two words (12个省市, 3只股票), a stretch of more than three
        # characters (10万元人民币: the finder reads what it knows), nor another script.
        ("300元左右", "元"),
        ("3年来", "年"),
        ("5亿元的", "元"),
        ("12个省市", "个"),
        ("3只股票", "只"),
        ("10万元人民币", "元"),
        ("100MW级", "MW"),
    ],
)
def test_a_selection_running_on_past_its_unit_into_one_word_ends_with_the_unit(
    span: str, unit: str
) -> None:
    q = parse_quantity(span)
    assert q is not None and q["unit"] == unit, (span, q)


def test_dimensions_and_fractions_have_no_single_value() -> None:
    # A box, a resolution and two lengths are named by their first dimension (the annotated
    # articles); a fraction has no single value.
    assert parse_quantity("94*57*16mm")["value"] == 94
    assert parse_quantity("1280×720像素")["value"] == 1280
    assert parse_quantity("72.4×96mm") == {
        "value": 72.4,
        "value_max": None,
        "unit": "mm",
        "qualifier": "=",
        "kind": "length",
    }
    assert parse_quantity("1/2.3英寸")["value"] is None


@pytest.mark.parametrize(
    ("span", "value", "unit", "qualifier"),
    [
        ("首家", 1, "家", "="),  # 首: the first, one
        ("夺得榜首", 1, "", "="),
        ("半个小时", 0.5, "小时", "="),  # 半: a half
        ("半年多", 0.5, "年", ">"),
        ("上千亩", 1000, "亩", ">="),  # 千, 百, 万 with no numeral before them: one of them
        ("数百家", 100, "家", ">"),
        ("万元左右", 10000, "元", "~"),
    ],
)
def test_a_selection_without_a_numeral_is_read_through_its_implied_number(
    span: str, value: float, unit: str, qualifier: str
):
    q = parse_quantity(span)
    assert q is not None and (q["value"], q["unit"], q["qualifier"]) == (value, unit, qualifier)


@pytest.mark.parametrize("span", ["全市", "本月", "部分企业"])
def test_a_selection_with_no_number_nor_implied_one_reads_nothing(span: str):
    assert parse_quantity(span) is None


def test_every_implied_number_reads_a_selection_as_the_number_written_in_its_place():
    from extractor.lexicon import table

    for morpheme, number in table("implied_numbers"):
        for unit in ("家", "年", "亩"):
            q, want = parse_quantity(f"近{morpheme}{unit}"), parse_quantity(f"近{number}{unit}")
            assert q is not None and q == want, (morpheme, unit, q, want)


def test_the_implied_numbers_list_is_well_formed_and_a_numeral_comes_first():
    from tests.lexicon_checks import check_lexicon_file

    check_lexicon_file("implied_numbers")
    # a numeral in the selection is read as written: the list is the last resort
    assert parse_quantity("三千亩")["value"] == 3000
    assert parse_quantity("一半")["value"] == 1
