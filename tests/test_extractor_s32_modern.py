"""Forms of 2021-2022 news read in the thirty-second session: a date typeset with spaces, the
line items of company results that the tagger cut (营业|收入 with 收入 a verb, 归|母净利润), a
verb glued to its object and 据 glued to a verb of saying, events named in three characters
before 期间, fiscal quarters, and the count that sums up a respective list. Sentences written
for the tests."""

from __future__ import annotations

import pytest

from extractor import nlp
from extractor.core import extract
from extractor.entities import _list_count_start
from extractor.timex import find_times, normalise


def _found(text: str, doc_date: str | None = None) -> dict:
    return {c.quantity_text: c for c in extract(text, doc_date)}


# ---------------------------------------------------------------- a date typeset with spaces


@pytest.mark.parametrize(
    ("expr", "norm"),
    [
        ("2022 年 6 月末", "2022-06"),
        ("截至 2022 年 6 月末", "../2022-06"),
        ("2022 年 6 月 30 日", "2022-06-30"),
        ("2021 年上半年", "2021-H1"),
        ("从 3 月起", "2022-03/.."),
        ("4 月 26 日", "2022-04-26"),
        # written without spaces, as before
        ("截至2022年6月30日", "../2022-06-30"),
    ],
)
def test_a_date_typeset_with_spaces_reads_as_one(expr: str, norm: str) -> None:
    (t,) = find_times(f"据悉，{expr}，该市")
    assert t.text == expr
    assert normalise(t.text, "2022-08-01") == norm


def test_a_spaced_date_dates_the_claim_whole() -> None:
    c = _found("截至 2022 年 6 月末，全市常住人口达到 1,234.5 万人。", "2022-08-01")["1,234.5 万人"]
    assert (c.time_text, c.time) == ("截至 2022 年 6 月末", "../2022-06")


def test_a_space_ends_no_time_and_a_verb_keeps_its_to() -> None:
    # a space after the last part is not taken in; 降至 keeps 至 as the verb's
    assert [t.text for t in find_times("截至 2022 年 ，下降至8月")] == ["截至 2022 年", "8月"]


# ---------------------------------------------------------------- company results


@pytest.mark.parametrize(
    ("word", "clause"),
    [
        ("营业收入", "某公司营业收入达到12亿元"),
        ("归母净利润", "该行归母净利润为356亿元"),
        ("扣非净利润", "该企业扣非净利润下降8%"),
        ("不良贷款率", "该行不良贷款率为1.25%"),
        ("拨备覆盖率", "该行拨备覆盖率为245%"),
        ("可支配收入", "居民人均可支配收入27650元"),
        ("调查失业率", "全国城镇调查失业率为5.5%"),
        ("主营收入", "某公司主营收入达到10亿元"),
    ],
)
def test_a_line_item_of_results_is_one_noun(word: str, clause: str) -> None:
    assert (word, "n") in nlp.tag(clause)


def test_revenue_is_what_the_company_realised_not_part_of_its_name() -> None:
    c = _found("2021年上半年，公司实现营业收入12.5亿元，同比增长23.4%。")["12.5亿元"]
    assert (c.subject, c.predicate) == ("公司", "实现营业收入")


def test_a_bank_ratio_is_the_predicate_of_the_bank_named_before() -> None:
    found = _found("招商银行发布半年报。报告期内，该行不良贷款率为1.25%，拨备覆盖率为245%。")
    assert (found["1.25%"].subject, found["1.25%"].predicate) == ("招商银行", "不良贷款率")
    assert found["245%"].predicate == "拨备覆盖率"


@pytest.mark.parametrize("expr", ["截至财年末", "财年内", "上财年末"])
def test_the_end_of_a_fiscal_year_is_one_time(expr: str) -> None:
    assert [t.text for t in find_times(f"据悉，{expr}，宜家共有36家商场")] == [expr]


def test_a_fiscal_quarter_is_a_time_and_no_part_of_the_subject() -> None:
    found = _found("苹果公司第四财季营收为901.5亿美元，同比增长8%。")
    assert found["901.5亿美元"].time_text == "第四财季"
    assert found["8%"].subject == "苹果公司"


# ---------------------------------------------------------------- wrong joins of the tagger


def test_a_company_that_published_a_notice_is_named_without_the_verb() -> None:
    c = _found("比亚迪发布公告称，报告期内，该公司营业收入为1000亿元。")["1000亿元"]
    assert c.subject == "比亚迪"


@pytest.mark.parametrize("source", ["据介绍", "据估计"])
def test_according_to_is_a_source_never_a_subject(source: str) -> None:
    c = _found(f"{source}，该项目总投资约120亿元。")["约120亿元"]
    assert c.subject != source
    assert ("据", "p") in nlp.tag(source)


# ---------------------------------------------------------------- events before 期间


@pytest.mark.parametrize(
    ("text", "time"),
    [
        ("北京冬奥会期间，共有近2900名运动员参赛。", "冬奥会期间"),
        ("据悉，艺术节期间共演出120场。", "艺术节期间"),
        # two characters, as before
        ("施工期间，共投入300名工人。", "施工期间"),
    ],
)
def test_an_event_named_in_three_characters_is_the_period_whole(text: str, time: str) -> None:
    assert [t.text for t in find_times(text)] == [time]


def test_every_event_word_is_read_alone_before_its_tail() -> None:
    from extractor.lexicon import words

    for word in words("event_words"):
        # 北京车展期间, 在比赛期间: the word of two characters, never 京车展 or 在比赛
        assert [t.text for t in find_times(f"北京{word}期间，共签约50个项目")] == [f"{word}期间"], (
            word
        )


def test_a_count_before_the_tail_is_no_event() -> None:
    assert find_times("在此期间，共投入300名工人。") == []


# ---------------------------------------------------------------- the count after a list


@pytest.mark.parametrize(
    ("item", "head"),
    [
        ("OPPO三家企业", "OPPO"),
        ("融通蓝筹成长两只基金", "融通蓝筹成长"),
        ("南方积配等5只基金", "南方积配"),
        # a numeral inside a name, or before no counting word, stays
        ("七匹狼", "七匹狼"),
        ("三一重工", "三一重工"),
        ("华安上证180ETF", "华安上证180ETF"),
    ],
)
def test_the_count_that_sums_up_a_list_is_cut_off_its_last_item(item: str, head: str) -> None:
    assert item[: _list_count_start(item)] == head


def test_the_last_item_of_a_respective_list_is_named_without_the_count() -> None:
    found = _found("华为、小米、OPPO三家企业的销量分别增长12%、9%和5%。")
    assert found["12%"].subject == "华为"
    assert found["5%"].subject == "OPPO"


# ---------------------------------------------------------------- a new word across two words


@pytest.mark.parametrize(
    ("clause", "words"),
    [
        # 年增 (Taiwan's "up from a year before") is no word of 去年|增加 or 今年|增长
        ("比去年增加115万人", ["去年", "增加"]),
        ("今年增长5%", ["今年", "增长"]),
        ("比上年增加28.9亿斤", ["上年", "增加"]),
        # where it meets a word boundary it is read: 营收|年增
        ("营收年增5%", ["营收", "年增"]),
    ],
)
def test_a_new_word_is_read_only_where_it_meets_a_word_boundary(clause, words) -> None:
    got = [w for w, _ in nlp.tag(clause)]
    assert "".join(got) == clause
    assert all(w in got for w in words), got


def test_a_growth_over_last_year_has_the_whole_verb() -> None:
    c = _found("今年全国高考报名人数达1193万人，比去年增加115万人。")["115万人"]
    assert c.predicate.endswith("增加")


# ---------------------------------------------------------------- the place of 全市


def test_a_preposition_and_a_word_end_name_no_city() -> None:
    from extractor.core import scope_places

    assert scope_places("记者从市交通委获悉，全市地铁运送乘客。") == {}
    c = _found("记者从市交通委获悉，全市地铁累计运送乘客1280万人次。")["1280万人次"]
    assert c.subject == "全市地铁"


@pytest.mark.parametrize(
    ("clause", "words"),
    [
        # a year in digits before 增长, and a word the back end gives whole (年增长率)
        ("2009年增长20%", ["年", "增长"]),
        ("年增长率为5%", ["年增长率"]),
        # a wrong join of the back end's at one end of a new word of two pieces or more
        ("去年中汽协同比增长12%", ["中汽协", "同比"]),
    ],
)
def test_a_new_word_never_cuts_a_word_of_the_back_end(clause, words) -> None:
    got = [w for w, _ in nlp.tag(clause)]
    assert all(w in got for w in words), got


def test_a_new_word_inside_a_word_taken_for_a_name_is_read() -> None:
    # 全高清 and 超广角 are tagged as names whole; 高清 and 广角 inside them are the words
    assert ("高清", "n") in nlp.tag("全高清短片")
    assert ("广角", "n") in nlp.tag("24mm超广角变焦镜头")


# ---------------------------------------------------------------- a name split into characters


def test_a_name_of_three_characters_the_tagger_split_is_a_subject() -> None:
    from extractor.core import extract_with_fields

    text = (
        "辽宁队战胜广厦队。本场比赛，赵继伟贡献18分和9个篮板。"
        "广厦队方面，孙铭徽拿到全队最高的27分。"
    )

    options = {
        c.quantity_text: [o.text for o in fields["subject"][:3]]
        for c, fields in extract_with_fields(text)
    }
    assert "赵继伟" in options["18分"]
    assert "孙铭徽" in options["27分"]


def test_every_surname_opens_a_name_split_into_three_words() -> None:
    from extractor.entities import _surnames
    from extractor.lexicon import table

    rows = [r[0] for r in table("surnames")]
    assert len(rows) == len(set(rows)) == 100
    assert all(len(r) == 1 and "\u4e00" <= r <= "\u9fff" for r in rows)
    assert _surnames() == frozenset(rows)


# ---------------------------------------------------------------- a measured thing and its verb


@pytest.mark.parametrize(
    ("text", "surface", "subject", "predicate"),
    [
        ("其中，食品价格上涨7.0%，非食品价格上涨1.1%。", "7.0%", "食品价格", "上涨"),
        ("1-10月平均，全国居民消费价格比上年同期上涨2.0%。", "2.0%", "全国居民消费价格", "上涨"),
        ("首三季合计，零售业总销货价值较去年同期下跌2.3%。", "2.3%", "零售业总销货价值", "下跌"),
    ],
)
def test_the_measured_thing_ends_before_its_verb_or_comparison(
    text: str, surface: str, subject: str, predicate: str
) -> None:
    c = _found(text)[surface]
    assert (c.subject, c.predicate) == (subject, predicate)


def test_a_time_word_is_no_part_of_a_brand() -> None:
    # 6月末M2: 月末 closes a date, it names no product with the model M2
    found = _found("央行：6月末M2同比增长11.3%。6月末，广义货币(M2)余额287.3万亿元。")
    assert found["11.3%"].subject == "M2"
    assert found["11.3%"].time_text == "6月末"


# ---------------------------------------------------------------- the helpers' probes (round 2)


@pytest.mark.parametrize(
    ("clause", "word"),
    [
        ("上证指数报3216.45点", "报"),
        ("长江电力公告，上半年发电量增长", "公告"),
        ("卫健委通报称，新增病例", "通报"),
        ("今年全市计划改造城镇老旧小区320个", "计划"),
    ],
)
def test_a_noun_the_next_word_shows_to_be_a_verb_is_a_verb(clause: str, word: str) -> None:
    assert (word, "v") in nlp.tag(clause)


@pytest.mark.parametrize(
    ("clause", "word"),
    [
        ("公告显示，公司营收增长", "公告"),  # the announcement shows: a noun
        ("五年计划实施以来", "五年计划"),
        ("该计划", "计划"),
    ],
)
def test_the_same_noun_stays_a_noun_elsewhere(clause: str, word: str) -> None:
    assert (word, "n") in nlp.tag(clause)


def test_every_context_verb_row_is_used() -> None:
    from extractor.lexicon import table

    examples = {
        "mark": "X{w}，Y",
        "称": "X{w}称Y",
        "verb": "全市{w}改造小区",
        "number": "指数{w}3216点",
    }
    for word, after in table("context_verbs"):
        clause = examples[after].format(w=word)
        assert (word, "v") in nlp.tag(clause), (word, after, nlp.tag(clause))


@pytest.mark.parametrize(
    ("text", "surface", "subject"),
    [
        ("沪深股市收涨。当日，深证成指涨1.12%，创业板指涨1.56%。", "1.12%", "深证成指"),
        ("财政收入增长。全国一般公共预算收入171045亿元，同比增长6.1%。", "171045亿元", "全国"),
        ("市场人气回暖。节日期间全市消费市场活跃，重点零售企业销售额增长12%。", "12%", None),
    ],
)
def test_statistics_and_indexes_name_their_subject_whole(text, surface, subject) -> None:
    c = _found(text)[surface]
    if subject is not None:
        assert c.subject == subject
    assert "消费市" not in c.subject  # 全市 never stands for 消费市 of 消费|市场


def test_the_market_of_a_city_is_no_city() -> None:
    from extractor.core import scope_places

    assert scope_places("节日期间全市消费市场活跃，全市旅游市场火爆。") == {}


def test_the_close_of_a_trading_day_is_no_time_of_its_own() -> None:
    # 截至收盘 stands beside the day the report names (周二…截至收盘): the day dates the figures
    assert find_times("沪指收盘报3000点，截至收盘，两市成交额8532亿元") == []


@pytest.mark.parametrize("verb", ["时长", "使用"])
def test_a_time_spent_is_a_duration_claim(verb: str) -> None:
    assert "近2.5小时" in _found(f"用户日均{verb}近2.5小时，同比增加10%。")


@pytest.mark.parametrize(
    "text",
    [
        "她在女子200米蝶泳决赛中获得银牌。",
        "他获得男子110米栏金牌。",
        "中国队在4×100米接力中获得铜牌。",
    ],
)
def test_a_race_named_by_its_distance_is_no_length(text: str) -> None:
    assert not [c for c in extract(text) if c.kind == "length"]


@pytest.mark.parametrize(
    ("text", "surface", "seconds"),
    [
        ("她以2分05秒夺冠。", "2分05秒", 125),
        ("她用时2分05秒夺冠。", "2分05秒", 125),
        ("他的成绩为3分28秒。", "3分28秒", 208),
    ],
)
def test_a_result_in_minutes_and_seconds_is_a_time_taken(text, surface, seconds) -> None:
    c = _found(text)[surface]
    assert (c.value, c.unit) == (seconds, "秒")


def test_a_moment_on_the_clock_stays_no_claim() -> None:
    assert not _found("比赛进行到2分05秒时，他投篮命中。")
    assert "0052" not in _found("客服电话0052")


@pytest.mark.parametrize(
    ("text", "surface", "predicate"),
    [
        ("热火战胜公牛。韦德第三节独得16分。", "16分", "独得"),
        ("公司发布分红方案。每10股派发现金红利2.5元。", "2.5元", "派发现金红利"),
    ],
)
def test_a_verb_the_tagger_cut_is_the_predicate_whole(text, surface, predicate) -> None:
    assert _found(text)[surface].predicate.endswith(predicate)


@pytest.mark.parametrize(
    ("text", "surface", "unit"),
    [
        ("公司派中期股息每股10美仙。", "10美仙", "美仙"),
        ("單位實用面積434方呎。", "434方呎", "方呎"),
    ],
)
def test_hong_kong_units(text: str, surface: str, unit: str) -> None:
    assert _found(text)[surface].unit == unit


@pytest.mark.parametrize(
    ("clause", "word"),
    [
        ("该厂良率超过90%", "良率"),
        ("月产能达到10万片", "产能"),
        ("全国粗钢产量8.7亿吨", "粗钢产量"),
    ],
)
def test_industry_measures_are_one_noun(clause: str, word: str) -> None:
    assert (word, "n") in nlp.tag(clause)


def test_a_split_name_before_a_one_character_word_that_is_no_name() -> None:
    found = _found("獅隊勝出。先發投手吳承叡主投7局，送出8次三振。")
    assert found["7局"].subject == "吳承叡"


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("他以9秒83夺冠。", "9秒83", 9.83),
        ("成绩为12秒88。", "12秒88", 12.88),
        ("她以2分05秒86的成绩夺冠。", "2分05秒86", 125.86),
    ],
)
def test_hundredths_after_seconds_are_part_of_a_race_time(text, surface, value) -> None:
    assert _found(text)[surface].value == pytest.approx(value)


def test_a_count_after_seconds_is_its_own_number() -> None:
    found = _found("他用时3秒，83次出手。")
    assert found["3秒"].value == 3
    assert "83次" in found
    assert "83次" in _found("用时3秒83次")


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("新政出台。90平米以下普通住房的交易税费有两项减免，共有300户受益。", "300户"),
        ("健康提示。40岁以上人群中，糖尿病患者约有1.4亿人。", "约有1.4亿人"),
    ],
)
def test_the_bound_of_a_criterion_opens_no_subject(text: str, surface: str) -> None:
    from extractor.core import extract_with_fields

    for c, fields in extract_with_fields(text):
        assert not any(o.text.startswith(("以上", "以下")) for o in fields["subject"]), c


def test_a_final_named_by_its_distance_is_no_length() -> None:
    assert [c.quantity_text for c in extract("他在男子100米决赛中以9秒83夺冠。")] == ["9秒83"]


def test_a_net_flow_is_one_verb() -> None:
    assert _found("北向资金净买入32.5亿元。")["32.5亿元"].predicate == "净买入"


@pytest.mark.parametrize(
    "text", ["活动期间，购物满5000元送500元购物券。", "买橱柜满3000元用500元抵用券。"]
)
def test_what_a_promotion_asks_is_no_claim(text: str) -> None:
    assert not [c for c in extract(text) if c.value in (5000, 3000)]


def test_an_amount_reached_is_a_claim() -> None:
    assert "5000万元" in _found("截至目前，该基金募集资金已满5000万元。")
