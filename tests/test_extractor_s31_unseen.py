"""Forms found by reading the candidates of corpus articles no gold file holds (the thirty-first
session): a relative year keeps its month, ranges of hours and of stretches are one time, 个多
before a unit, 年头, 上 that is "on", ranges that borrow a scale, 不足两位数, 破 before a scaled
number, 年薪 and 年代, idioms with numerals, and 中 closing a verb. Sentences written for the
tests."""

from __future__ import annotations

import pytest

from extractor.core import extract
from extractor.lexicon import words
from extractor.timex import find_times, normalise


def _found(text: str) -> dict:
    return {c.quantity_text: c for c in extract(text)}


# ---------------------------------------------------------------- a relative year and its parts


@pytest.mark.parametrize(
    ("expr", "undated", "dated"),
    [
        ("今年3月", "XXXX-03", "2022-03"),
        ("今年3月份", "XXXX-03", "2022-03"),
        ("去年8月份", "XXXX-08", "2021-08"),
        ("去年12月31日", "XXXX-12-31", "2021-12-31"),
        ("明年3月", "XXXX-03", "2023-03"),
        ("今年上半年", "XXXX-H1", "2022-H1"),
        ("今年1到3月", "XXXX-01/XXXX-03", "2022-01/2022-03"),
        ("今年1-9月", "XXXX-01/XXXX-09", "2022-01/2022-09"),
        ("今年前三季度", "XXXX-Q1/XXXX-Q3", "2022-Q1/2022-Q3"),
        ("去年第四季度", "XXXX-Q4", "2021-Q4"),
        ("今年前10月", "XXXX-01/XXXX-10", "2022-01/2022-10"),
        ("截至今年3月底", "../XXXX-03", "../2022-03"),
        ("今年3月以来", "XXXX-03/PRESENT_REF", "2022-03/2022-04-27"),
        # the relative word alone keeps its reading
        ("今年", "XXXX", "2022"),
        ("去年同期", "XXXX", "2021"),
        ("前年底", "XXXX", "2020"),
        ("今年以来", "XXXX", "2022"),
    ],
)
def test_a_relative_year_keeps_the_month_quarter_or_half_after_it(expr, undated, dated):
    assert normalise(expr) == undated
    assert normalise(expr, "2022-04-27") == dated


def test_a_claim_under_a_relative_month_is_normalised_to_that_month():
    (c,) = extract("今年3月，该市新建住宅成交1.2万套。", doc_date="2022-04-27")
    assert (c.time_text, c.time) == ("今年3月", "2022-03")


# ---------------------------------------------------------------- ranges of hours and stretches


@pytest.mark.parametrize(
    ("text", "time", "norm"),
    [
        (
            "6月17日18时至6月18日18时，全市新增病例9例。",
            "6月17日18时至6月18日18时",
            "XXXX-06-17/XXXX-06-18",
        ),
        ("截至6月18日24时，累计报告病例100例。", "截至6月18日24时", "../XXXX-06-18"),
        ("3月5日10时，会议开幕，到会代表300人。", "3月5日10时", "XXXX-03-05"),
        ("计划将在3-5年内新建学校20所。", "3-5年内", ""),
        ("过去3至5年里，销量增长了8倍。", "过去3至5年里", ""),
        ("近2-3年来，该市房价上涨了8倍。", "近2-3年来", ""),
    ],
)
def test_an_hour_after_a_day_and_the_first_number_of_a_stretch_are_part_of_the_time(
    text, time, norm
):
    assert [t.text for t in find_times(text)] == [time]
    assert normalise(time) == norm
    assert extract(text)[0].time_text == time


def test_a_range_of_numbers_without_a_stretch_word_is_no_time():
    assert find_times("比分为3-5年轻队员占多数。") == []
    assert find_times("他每日8小时工作。") == []


# ---------------------------------------------------------------- durations


@pytest.mark.parametrize(
    ("text", "surface", "unit", "qualifier"),
    [
        ("考生在5个多小时内完成了考试。", "5个多小时", "小时", ">"),
        ("考生用了5个多小时完成考试。", "5个多小时", "小时", ">"),
        ("工程两个多月完成。", "两个多月", "个月", ">"),
        ("这家工厂已经走过了30个年头。", "30个年头", "年", "="),
        ("他在这里已经13个年头了。", "13个年头", "年", "="),
    ],
)
def test_ge_duo_before_a_unit_and_nian_tou_are_durations(text, surface, unit, qualifier):
    c = _found(text)[surface]
    assert (c.kind, c.unit, c.qualifier) == ("duration", unit, qualifier)


# ---------------------------------------------------------------- qualifiers


def test_shang_is_no_qualifier_when_a_word_stands_between_it_and_the_number():
    found = _found("市面上有千万种产品。")
    assert list(found) == ["千万种"] and found["千万种"].qualifier == "="
    assert _found("网上有上万名网友参与。")["上万名"].qualifier == ">="


def test_below_two_digits_is_below_ten():
    c = _found("两人得分均不足两位数。")["不足两位数"]
    assert (c.value, c.qualifier) == (10, "<")
    assert _found("实现两位数增长。")["两位数"].qualifier == ">="


@pytest.mark.parametrize(
    ("text", "surface", "value", "qualifier"),
    [
        ("游戏下载破1亿次。", "破1亿次", 1e8, ">"),
        ("游戏下载破亿次。", "破亿次", 1e8, ">"),
        ("股指跌破1万点。", "跌破1万点", 1e4, "<"),
    ],
)
def test_po_before_a_scaled_number_passes_a_round_mark(text, surface, value, qualifier):
    c = _found(text)[surface]
    assert (c.value, c.qualifier) == (value, qualifier)
    assert _found("他打破3项纪录。")["3项"].qualifier == "="


# ---------------------------------------------------------------- ranges that borrow a scale


@pytest.mark.parametrize(
    ("text", "surface", "low", "high", "kind"),
    [
        ("在网上查询到3~4万的收入。", "3~4万", 3e4, 4e4, "other"),
        ("在网上查询到3-4万的收入。", "3-4万", 3e4, 4e4, "other"),
        ("他的收入3至4万。", "3至4万", 3e4, 4e4, "money"),
        ("售价2万至3万。", "2万至3万", 2e4, 3e4, "money"),
    ],
)
def test_a_bare_range_whose_low_end_borrows_the_scale(text, surface, low, high, kind):
    c = _found(text)[surface]
    assert (c.value, c.value_max, c.unit, c.kind) == (low, high, "", kind)


def test_a_list_of_two_scaled_numbers_is_no_range():
    found = _found("他家有2、3万存款。")
    assert "2、3万" not in found


# ---------------------------------------------------------------- 年薪, 年代


def test_nian_before_xin_or_dai_is_no_unit():
    c = _found("他放弃20万年薪，回到家乡。")["20万"]
    assert (c.value, c.unit) == (200000, "")
    assert extract("很多70、80年代出生的人买了房。") == []
    assert _found("这家公司成立了20年，员工300人。")["20年"].unit == "年"


# ---------------------------------------------------------------- idioms


@pytest.mark.parametrize("idiom", words("numeral_chengyu"))
def test_every_idiom_with_a_numeral_holds_no_quantity(idiom):
    for text in (f"他说{idiom}，公司营收增长5%。", f"{idiom}的做法让公司营收增长5%。"):
        assert [c.quantity_text for c in extract(text)] == ["5%"], text


def test_an_idiom_is_matched_with_digits_and_the_same_words_outside_it_count():
    assert [c.quantity_text for c in extract("3位1体的设计，售价5000元。")] == ["5000元"]
    assert "三家" in _found("公司有三家分店。")
    assert "三位" in _found("会上有三位专家发言。")


# ---------------------------------------------------------------- 中 closing a verb


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("罚球2次也全都未能命中，球队输了。", "2次"),
        ("他投篮3次均未投中，球队输了。", "3次"),
    ],
)
def test_zhong_closing_a_verb_is_no_scope(text, surface):
    assert surface in _found(text)


def test_a_scope_in_is_still_no_claim():
    assert "227只" not in _found("统计的227只基金中，有59只上涨。")


# ---------------------------------------------------------------- seasons counted back


@pytest.mark.parametrize(
    ("text", "time"),
    [
        ("2个赛季之前，他场均得到20分。", "2个赛季之前"),
        ("两个赛季前，他场均得到20分。", "两个赛季前"),
        ("近3个赛季中，他场均得到20分。", "近3个赛季中"),
    ],
)
def test_seasons_counted_back_are_a_time_and_no_count(text, time):
    assert [c.quantity_text for c in extract(text)] == ["20分"]
    assert extract(text)[0].time_text == time


def test_seasons_played_are_still_counted():
    assert "3个" in _found("他在湖人效力了3个赛季，场均得到20分。")


# ---------------------------------------------------------------- a share in words


@pytest.mark.parametrize(
    ("text", "surface", "value", "qualifier"),
    [
        ("超过三分之一的企业亏损。", "超过三分之一", 100 / 3, ">"),
        ("全市约有五分之二左右的家庭购车。", "约有五分之二", 40, "~"),
        ("该公司营收只剩原来的三分之二。", "三分之二", 200 / 3, "="),
    ],
)
def test_a_share_in_words_is_a_percentage(text, surface, value, qualifier):
    c = _found(text)[surface]
    assert (c.value, c.unit, c.kind, c.qualifier) == (
        pytest.approx(value),
        "%",
        "percent",
        qualifier,
    )


def test_a_fraction_in_digits_stays_without_a_value():
    c = _found("传感器为1/2.3英寸。")["1/2.3英寸"]
    assert c.value is None


# ---------------------------------------------------------------- periods of a year, ranges


@pytest.mark.parametrize(
    ("expr", "undated", "dated"),
    [
        ("今年前9个月", "XXXX-01/XXXX-09", "2009-01/2009-09"),
        ("前8个月", "XXXX-01/XXXX-08", "2009-01/2009-08"),
        ("今年头两个月", "XXXX-01/XXXX-02", "2009-01/2009-02"),
        ("2007年前9个月", "2007-01/2007-09", "2007-01/2007-09"),
        ("首5个月", "XXXX-01/XXXX-05", "2009-01/2009-05"),
        ("前10月", "XXXX-01/XXXX-10", "2009-01/2009-10"),
        # a range's end in the year of its start
        ("2006年1月至5月", "2006-01/2006-05", "2006-01/2006-05"),
        ("去年1月至7月", "XXXX-01/XXXX-07", "2008-01/2008-07"),
        ("2009年3月5日至4月1日", "2009-03-05/2009-04-01", "2009-03-05/2009-04-01"),
        # up to now, 至今 written inside the expression
        ("今年1月至今", "XXXX-01/PRESENT_REF", "2009-01/2009-05-01"),
        ("1991年至今", "1991/PRESENT_REF", "1991/2009-05-01"),
        ("去年四季度迄今", "XXXX-Q4/PRESENT_REF", "2008-Q4/2009-05-01"),
        ("自3月18日起至今", "XXXX-03-18/PRESENT_REF", "2009-03-18/2009-05-01"),
    ],
)
def test_periods_of_a_year_and_ranges_are_normalised_whole(expr, undated, dated):
    assert normalise(expr) == undated
    assert normalise(expr, "2009-05-01") == dated


def test_a_two_digit_year_never_follows_a_digit():
    assert find_times("该油田储采比不到100年，产量200万吨。") == []
    assert [t.text for t in find_times("08年销量增长了5%。")] == ["08年"]
    c = _found("该油田储采比不到100年，产量200万吨。")["不到100年"]
    assert (c.value, c.unit, c.qualifier) == (100, "年", "<")


# ---------------------------------------------------------------- Chinese-numeral ranges, 余款


@pytest.mark.parametrize(
    ("text", "surface", "low", "high"),
    [
        ("项目投资六到八亿元。", "六到八亿元", 6e8, 8e8),
        ("工程需要三至五万元。", "三至五万元", 3e4, 5e4),
        ("现场来了三到五千人。", "三到五千人", 3000, 5000),
        ("单价十至十五万元。", "十至十五万元", 1e5, 1.5e5),
        ("现场有五至十人。", "五至十人", 5, 10),
    ],
)
def test_the_low_end_of_a_chinese_numeral_range_borrows_the_scale(text, surface, low, high):
    c = _found(text)[surface]
    assert (c.value, c.value_max) == (low, high)


@pytest.mark.parametrize(
    ("text", "surface", "qualifier"),
    [
        ("他还欠13万元余款。", "13万元", "="),
        ("投资3亿元多元化经营。", "3亿元", "="),
        ("共有13万元余，剩下的捐出。", "13万元余", ">"),
        ("他身高两米多。", "两米多", ">"),
    ],
)
def test_yu_and_duo_opening_a_word_say_no_more_than(text, surface, qualifier):
    assert _found(text)[surface].qualifier == qualifier


# ---------------------------------------------------------------- a level required, a line named


@pytest.mark.parametrize("word", words("level_requirement_words"))
def test_every_level_requirement_word_makes_a_level_a_threshold(word):
    text = f"副本的{word}是：35级，奖励3件装备。"
    assert [c.quantity_text for c in extract(text)] == ["3件"], text


def test_a_level_reached_or_a_magnitude_stays_a_claim():
    assert "60级" in _found("他已升到60级，装备精良。")
    assert "5.3级" in _found("该地发生5.3级地震。")


def test_a_moving_average_and_a_score_to_pass_are_no_claims():
    assert [c.quantity_text for c in extract("该股突破120天均线，成交5亿元。")] == ["5亿元"]
    assert extract("打老鼠，5000分过关。") == []
    assert "120天" in _found("他连续工作了120天，成交5亿元。")


# ---------------------------------------------------------------- second reading round


@pytest.mark.parametrize(
    ("text", "surface", "qualifier"),
    [
        ("今年亏损不会超过1亿元。", "不会超过1亿元", "<="),
        ("今年增速没有超过5%。", "没有超过5%", "<="),
        ("全年增速未超过5%。", "未超过5%", "<="),
        ("他的进球不止13个。", "不止13个", ">"),
        ("利润率高于80%。", "高于80%", ">"),
        ("售价大于3000元。", "大于3000元", ">"),
        ("公司有400亿元上下的坏账。", "400亿元上下", "~"),
        ("约20%的企业亏损。", "约20%", "~"),
    ],
)
def test_qualifier_words_of_the_second_round(text, surface, qualifier):
    assert _found(text)[surface].qualifier == qualifier


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("他与球队续约两年，年薪500万美元。", "两年"),
        ("公司节约20%的成本。", "20%"),
        ("双方签约3年。", "3年"),
    ],
)
def test_yue_closing_a_verb_is_no_about(text, surface):
    assert _found(text)[surface].qualifier == "="


@pytest.mark.parametrize(
    ("text", "time"),
    [
        ("两年多前开盘时售价1.5万元。", "两年多前"),
        ("一个多月以前，他来过长沙，花了3000元。", "一个多月以前"),
    ],
)
def test_a_stretch_with_duo_counted_back_is_a_time_and_no_duration(text, time):
    (c,) = extract(text)
    assert c.time_text == time and c.kind == "money"


@pytest.mark.parametrize(
    "text", ["公司合同期限为5年。", "双方共同期待合作。", "他登上月球。", "签下周期合同。"]
)
def test_time_words_inside_other_words_are_no_times(text):
    assert find_times(text) == []


def test_a_year_earlier_is_not_read_inside_ti_qian():
    assert [t.text for t in find_times("工程提前年底完成。")] == ["年底"]
    assert [t.text for t in find_times("前年底，工程完成。")] == ["前年底"]


def test_n_ge_ban_hours_is_one_and_a_half_also_before_hou():
    assert _found("两队一个半小时后再战。")["一个半小时"].value == 1.5


@pytest.mark.parametrize(
    ("text", "surface", "unit"),
    [
        ("姚明贡献3抢断1封盖。", "1封盖", "封盖"),
        ("噪音超过95dB。", "超过95dB", "分贝"),
        ("最低照度1.5lux。", "1.5lux", "lux"),
    ],
)
def test_new_units(text, surface, unit):
    assert _found(text)[surface].unit == unit


@pytest.mark.parametrize("noun", words("pair_name_nouns"))
def test_every_pair_name_noun_makes_a_pair_a_name(noun):
    text = f"南区4-2{noun}成交价5亿元。"
    assert [c.quantity_text for c in extract(text)] == ["5亿元"], text


def test_a_pair_between_is_a_range_and_scores_stay():
    c = _found("房价收入比一般在4-6之间。")["4-6"]
    assert (c.value, c.value_max, c.kind) == (4, 6, "other")
    assert _found("湖人以98-90战胜火箭。")["98-90"].kind == "score"
    assert extract("请完成第1-20题。") == []


def test_a_yield_named_by_its_days_is_no_time_and_no_duration():
    for text in ("7日年化收益率为3.5%。", "该基金7天年化收益率为3.5%。"):
        (c,) = extract(text)
        assert (c.quantity_text, c.time_text) == ("3.5%", ""), text


@pytest.mark.parametrize(
    ("text", "time", "norm"),
    [
        ("他在6月份之前完成了80%的任务。", "6月份之前", "../2009-06"),
        ("7月份以后，成交量增长了20%。", "7月份以后", "2009-07/.."),
        ("2006年之前，公司亏损3亿元。", "2006年之前", "../2006"),
        ("今年三季度以前，公司亏损3亿元。", "今年三季度以前", "../2009-Q3"),
        ("2007年三季末的仓位为74.3%。", "2007年三季末", "2007-Q3"),
    ],
)
def test_before_and_after_a_date_and_a_quarter_without_du(text, time, norm):
    assert [t.text for t in find_times(text)] == [time]
    assert normalise(time, "2009-05-01") == norm


# ---------------------------------------------------------------- third reading round


@pytest.mark.parametrize(
    ("text", "time", "norm"),
    [
        ("5月28～30日举行，观众3万人。", "5月28～30日", "2009-05-28/2009-05-30"),
        ("4月1-3日举行，观众3万人。", "4月1-3日", "2009-04-01/2009-04-03"),
        ("4月1至3日举行，观众3万人。", "4月1至3日", "2009-04-01/2009-04-03"),
        ("从1990-91赛季开始，他得到2万分。", "从1990-91赛季开始", "1990/.."),
        ("2009-2010赛季以来，他得到2万分。", "2009-2010赛季以来", "2009/2009-05-01"),
        ("2010-11赛季之前，他得到2万分。", "2010-11赛季之前", "../2010"),
        ("到三季度为止，公司营收3亿元。", "到三季度为止", "../2009-Q3"),
        ("到2008年底为止，公司营收3亿元。", "到2008年底为止", "../2008"),
        ("过去两年中，公司营收3亿元。", "过去两年中", ""),
    ],
)
def test_day_ranges_open_seasons_wei_zhi_and_stretches(text, time, norm):
    assert [t.text for t in find_times(text)] == [time]
    assert normalise(time, "2009-05-01") == norm


@pytest.mark.parametrize(
    "text",
    [
        "如果不是公司去年亏损了3亿元，就不会裁员。",
        "若非球队取得了5连胜，早就被淘汰。",
    ],
)
def test_a_counterfactual_tells_what_happened(text):
    assert len(extract(text)) == 1


def test_a_condition_still_supposes():
    assert extract("如果球队取得5连胜，就能进入季后赛。") == []


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("公司推出了20个版本。", "20个"),
        ("出台了12项制度。", "12项"),
        ("他签下了5年3500万美元的合同。", "5年"),
        ("双方签订3年2400万的合同。", "3年"),
        ("比例从20%提高到35%以上。", "35%以上"),
        ("方案1：公司推出3款新品。", "3款"),
    ],
)
def test_counts_terms_and_levels_reached_are_claims(text, surface):
    assert surface in _found(text)


def test_a_design_a_date_a_heading_and_a_bracket_stay_no_claims():
    assert extract("采用两段式设计。") == []
    assert [c.quantity_text for c in extract("2008年8月，公司营收增长5%。")] == ["5%"]
    assert "1" not in _found("方案1：公司推出3款新品。")
    assert "6000元以下" not in _found("81%的受访者表示月收入在6000元以下。")
    teams = _found("湖人95-火箭100。")
    assert teams["95"].kind == "score" and teams["100"].kind == "score"


def test_a_bare_price_after_a_price_word_and_a_colon():
    c = _found("售价：1999，比上月下降。")["1999"]
    assert (c.value, c.kind) == (1999, "money")


@pytest.mark.parametrize(
    ("text", "surface", "seconds"),
    [
        ("他场均出战29分14秒，得到20分。", "29分14秒", 1754),
        ("他用时3分21秒夺冠。", "3分21秒", 201),
    ],
)
def test_minutes_and_seconds_spent_are_a_duration(text, surface, seconds):
    c = _found(text)[surface]
    assert (c.value, c.unit, c.kind) == (seconds, "秒", "duration")
    assert extract("比赛进行到7分25秒时，主队领先。") == []


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("拜纳姆18分16板2帽。", ["16板", "2帽"]),
        ("韦德3分4板3帽。", ["4板", "3帽"]),
    ],
)
def test_a_run_of_statistics_counts_each_item(text, counts):
    found = _found(text)
    assert all(found[c].kind == "count" for c in counts), list(found)


def test_a_run_of_offers_is_no_run_of_statistics():
    assert "120满" not in _found("满1000送120满2000送300。")


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("拟发行不超过10亿元的公司债券。", "不超过10亿元"),
        ("签下超过10亿元的订单。", "超过10亿元"),
        ("拿出至少5000万元的资金。", "至少5000万元"),
        ("他们取得了赛季最长的6连胜。", "6连胜"),
    ],
)
def test_a_bound_spent_or_signed_for_and_a_record_streak_are_facts(text, surface):
    assert surface in _found(text)


def test_a_bound_naming_a_class_and_a_superlative_group_stay_dropped():
    assert [c.quantity_text for c in extract("投资超过1亿元的项目有5个。")] == ["5个"]
    assert extract("仓位最高的5只基金。") == []


# ---------------------------------------------------------------- fourth reading round


@pytest.mark.parametrize(
    ("text", "time", "norm"),
    [
        ("2009年7、8月份，房价上涨了20%。", "2009年7、8月份", "2009-07/2009-08"),
        ("今年四五月份销量增长了20%。", "今年四五月份", "2009-04/2009-05"),
        ("2009年九十月份销量增长了20%。", "2009年九十月份", "2009-09/2009-10"),
        ("去年的2月份，销量增长了5%。", "去年的2月份", "2008-02"),
        ("2009年的1月份，销量增长了5%。", "2009年的1月份", "2009-01"),
        ("十二月销量增长了5%。", "十二月", "2009-12"),
    ],
)
def test_paired_months_and_a_year_joined_by_de(text, time, norm):
    assert [t.text for t in find_times(text)] == [time]
    assert normalise(time, "2009-05-01") == norm


def test_a_year_and_de_before_anything_else_stays_the_year():
    assert [t.text for t in find_times("去年的销量增长了5%。")] == ["去年"]


@pytest.mark.parametrize(
    ("text", "surface", "qualifier"),
    [
        ("只占供给5%都不到。", "5%都不到", "<"),
        ("郑毛才30岁出头。", "30岁出头", ">"),
        ("他50岁开外。", "50岁开外", ">"),
    ],
)
def test_qualifier_words_after_the_number(text, surface, qualifier):
    assert _found(text)[surface].qualifier == qualifier


def test_tenths_of_a_yuan_after_a_value_word_and_never_a_count_of_mao():
    c = _found("基金净值在4毛以下。")["4毛以下"]
    assert (c.value, c.unit, c.qualifier) == (0.4, "元", "<=")
    assert extract("他拿了4毛。") == []


def test_a_chinese_numeral_range_without_a_unit_borrows_the_scale():
    c = _found("保持六到八亿的增长。")["六到八亿"]
    assert (c.value, c.value_max) == (6e8, 8e8)


@pytest.mark.parametrize(
    ("text", "time", "norm"),
    [
        ("8月至今，销量增长了5%。", "8月至今", "XXXX-08/PRESENT_REF"),
        ("今年一至五月，销量增长了5%。", "今年一至五月", "XXXX-01/XXXX-05"),
        ("近三月销量增长了5%。", "近三月", ""),
        ("最近三月销量增长了5%。", "最近三月", ""),
    ],
)
def test_up_to_now_after_a_month_a_chinese_month_range_and_recent_months(text, time, norm):
    assert [t.text for t in find_times(text)] == [time]
    assert normalise(time) == norm


def test_a_period_half_gone_is_no_share():
    assert [c.quantity_text for c in extract("赛季过半，他场均得到20分。")] == ["20分"]
    assert [c.quantity_text for c in extract("比赛时间过半，他得到20分。")] == ["20分"]


def test_a_score_with_the_ratio_sign_and_bu_man():
    assert _found("双方以67∶66结束。")["67∶66"].kind == "score"
    assert extract("会议10∶30开始。") == []
    assert _found("员工不满10人。")["不满10人"].qualifier == "<"


@pytest.mark.parametrize(
    "text",
    ["他1982年10月22日生于北京，身高205公分，体重105公斤。", "她1995年出生，身高1米85。"],
)
def test_a_birth_date_dates_no_other_claim(text):
    assert all(c.time_text == "" for c in extract(text))
    assert extract("2009年，公司营收增长5%。")[0].time_text == "2009年"
