"""Forms read in the forty-fifth session, each with sentences written for the test: a race time
in hours, minutes and seconds is one duration in seconds (2小时08分41秒 is 7,721 seconds, as
3分45秒 is 225), and a day written alone that repeats the day of a full date written before
it (the dateline's 11月19日, then 城南马拉松19日鸣枪开跑) is that date, whatever word follows
it — elsewhere a lone day still needs a word of the news after it."""

from __future__ import annotations

import pytest

from extractor import nlp
from extractor.core import extract, extract_with_fields
from extractor.model import Candidate
from extractor.ranker import Option
from extractor.timex import find_times


def _found(text: str) -> list[tuple[str, float | None, str, str]]:
    return [(c.quantity_text, c.value, c.unit, c.kind) for c in extract(text)]


def _claim(text: str, surface: str) -> tuple[Candidate, dict[str, list[Option]]]:
    """The candidate whose quantity text ends with ``surface``, with its options per field."""
    for cand, fields in extract_with_fields(text):
        if cand.quantity_text.endswith(surface):
            return cand, fields
    raise AssertionError(f"{surface} not found in {text}")


# ------------------------------------------------------------ hours, minutes and seconds
@pytest.mark.parametrize(
    ("text", "surface", "seconds"),
    [
        ("肯尼亚选手以2小时8分35秒获得男子全程冠军。", "2小时8分35秒", 7715.0),
        ("她以2小时08分41秒夺得女子组冠军，", "2小时08分41秒", 7721.0),
        ("全程用时1小时5分3秒。", "1小时5分3秒", 3903.0),
        ("他最终以两小时二十分三十秒完赛。", "两小时二十分三十秒", 8430.0),
        ("整场比赛历时2小时10分钟30秒。", "2小时10分钟30秒", 7830.0),
    ],
)
def test_hours_minutes_and_seconds_are_one_duration_in_seconds(
    text: str, surface: str, seconds: float
) -> None:
    found = _found(text)
    assert (surface, seconds, "秒", "duration") in found, found
    # the seconds are never a quantity of their own
    assert len(found) == 1, found


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        # hours and minutes alone stay in hours, minutes and seconds alone in seconds
        ("列车全程运行时间为4小时18分。", "4小时18分", 4.3, "小时"),
        ("他跑出了3分45秒的成绩。", "3分45秒", 225.0, "秒"),
    ],
)
def test_two_part_durations_read_as_before(
    text: str, surface: str, value: float, unit: str
) -> None:
    assert [(q, v, u) for q, v, u, _ in _found(text)] == [(surface, value, unit)]


def test_seconds_after_a_comma_are_not_the_durations() -> None:
    # a mark between: the seconds belong to another clause
    found = _found("比赛进行了2小时5分，30秒后他再次得分。")
    assert found[0][:3] == ("2小时5分", pytest.approx(2 + 5 / 60), "小时")
    assert all(q != "2小时5分，30秒" for q, *_ in found)


def test_seventy_seconds_are_no_seconds_of_a_minute() -> None:
    # 75 is no second of a minute: the hours and minutes end before it
    found = _found("全程用时2小时5分75秒。")
    assert ("2小时5分75秒", 7575.0, "秒", "duration") not in found


# ------------------------------------------------------------ a lone day repeating a date
def _times(text: str) -> list[str]:
    return [x.text for x in find_times(text)]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("新华社11月19日电 2023城南马拉松19日鸣枪开跑，", "19日"),
        ("本报讯 4月3日，省里召开会议。全省3日晚间启动应急响应，", "3日晚间"),
        ("中新网8月28日电 鸿远银行28日晚间披露半年报，", "28日晚间"),
        ("（2023年9月5日）本届博览会5日揭幕，", "5日"),
    ],
)
def test_a_lone_day_repeating_a_dated_day_is_a_time(text: str, day: str) -> None:
    assert day in _times(text)


@pytest.mark.parametrize(
    ("before", "after", "day"),
    [
        # no full date before it: a lone day needs a word of the news after it
        ("", "城南马拉松19日鸣枪开跑。", "19日"),
        # a full date of another day
        ("新华社11月20日电 ", "城南马拉松19日鸣枪开跑。", "19日"),
        # the full date comes after the lone day
        ("", "城南马拉松19日鸣枪开跑。新华社11月19日电", "19日"),
        # a count of days, whatever the dateline says
        ("新华社11月19日电 ", "展览持续19日。", "19日"),
        ("新华社11月5日电 ", "每5日检测一次，", "5日"),
        ("新华社11月5日电 ", "前5日累计降雨，", "5日"),
        # 日 opening a word
        ("新华社11月5日电 ", "股价跌破5日均线，", "5日"),
    ],
)
def test_a_lone_day_without_its_date_stays_no_time(before: str, after: str, day: str) -> None:
    at = len(before) + after.index(day)
    assert all(x.start != at for x in find_times(before + after))


def test_the_repeated_day_is_the_claims_time_and_no_part_of_a_name() -> None:
    text = (
        "城南马拉松鸣枪开跑新华社11月19日电 2023城南马拉松19日鸣枪开跑，"
        "来自28个国家和地区的3万名跑者参加了比赛。"
    )
    _, fields = _claim(text, "28个")
    assert "19日" in [o.text for o in fields["time"]]
    # the day is never read into the name before it (2023城南马拉松19)
    assert all(not o.text.endswith("19") for o in fields["subject"])


# ------------------------------------------------------------ a rate per a round measure
@pytest.mark.parametrize(
    ("text", "surface", "value", "unit", "kind"),
    [
        ("乙醇含量为186.4毫克/100毫升，", "186.4毫克/100毫升", 186.4, "毫克/100毫升", "other"),
        ("车间粉尘浓度为3.2毫克/1000升。", "3.2毫克/1000升", 3.2, "毫克/1000升", "other"),
        # a price per a round measure is money in its currency, as 8300元/平方米
        ("今天的猪肉售价12.5元/500克。", "12.5元/500克", 12.5, "元", "money"),
    ],
)
def test_a_rate_per_a_round_measure_is_one_quantity(
    text: str, surface: str, value: float, unit: str, kind: str
) -> None:
    # the denominator (100毫升, 500克) is no quantity of its own
    assert _found(text) == [(surface, value, unit, kind)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # two figures of the same kind around the slash: two quantities
        ("电站装机2.47吉瓦/5.39吉瓦时。", [("2.47吉瓦", 2.47), ("5.39吉瓦时", 5.39)]),
        # a denominator that is no round measure: a figure of its own
        ("两地分别降雨86毫米/73毫米。", [("86毫米", 86.0), ("73毫米", 73.0)]),
    ],
)
def test_a_slash_between_two_figures_of_a_kind_stays_two(
    text: str, expected: list[tuple[str, float]]
) -> None:
    assert [(q, v) for q, v, _, _ in _found(text)] == expected


# ------------------------------------------------------------ scoring and earning verbs
@pytest.mark.parametrize(
    ("clause", "word"),
    [
        ("易建联贡献20分", "贡献"),
        ("郭艾伦贡献了22分", "贡献"),
        ("他全场贡献两次抢断", "贡献"),
        ("该公司去年盈利5000万元", "盈利"),
        ("门店当月盈利了3万元", "盈利"),
    ],
)
def test_a_scoring_or_earning_word_before_a_number_is_a_verb(clause: str, word: str) -> None:
    assert (word, "v") in nlp.tag(clause)


@pytest.mark.parametrize(
    ("clause", "word"),
    [
        ("他为球队做出了重要贡献，", "贡献"),
        ("盈利能力明显增强，", "盈利"),
        ("公司实现盈利，", "盈利"),
    ],
)
def test_the_same_words_stay_nouns_before_no_number(clause: str, word: str) -> None:
    assert (word, "v") not in nlp.tag(clause)


@pytest.mark.parametrize(
    ("text", "surface", "subject"),
    [
        ("辽宁队取胜。易建联贡献20分。", "20分", "易建联"),
        ("辽宁队取胜。郭艾伦贡献了22分。", "22分", "郭艾伦"),
        ("门店经营稳定。王明当月盈利3000元。", "3000元", "王明"),
    ],
)
def test_the_verb_is_no_part_of_the_name_before_it(text: str, surface: str, subject: str) -> None:
    _, fields = _claim(text, surface)
    # the name alone, never the name run on into the verb (易建联贡献)
    assert subject in [o.text for o in fields["subject"]]
    assert all(not o.text.endswith(("贡献", "盈利")) for o in fields["subject"])


# ------------------------------------------------------------ a date's unit joined to a noun
@pytest.mark.parametrize(
    ("clause", "words"),
    [
        ("比亚迪9月销量达到20.1万辆", ["9", "月", "销量"]),
        ("9月产量为3.2万吨", ["9", "月", "产量"]),
        ("2022年增长率为5%", ["2022", "年", "增长率"]),
    ],
)
def test_a_dates_unit_is_cut_from_the_noun_after_it(clause: str, words: list[str]) -> None:
    got = [w for w, _ in nlp.tag(clause)]
    at = got.index(words[0])
    assert got[at : at + len(words)] == words


@pytest.mark.parametrize(
    ("clause", "word"),
    [
        ("今年3月份销量增长", "月份"),  # what is left of 月份 is one character
        ("新华社11月19日电", "日电"),  # the dateline's 日电
        ("公司月销量达到3万辆", "月销量"),  # no digits before it: the dictionary's word
    ],
)
def test_the_words_of_a_date_or_with_no_date_stay_whole(clause: str, word: str) -> None:
    assert word in [w for w, _ in nlp.tag(clause)]


def test_the_noun_after_the_date_is_the_predicate() -> None:
    text = "从企业来看，比亚迪9月销量达到20.1万辆，继续位居榜首。"
    cand, fields = _claim(text, "20.1万辆")
    assert "销量" in [o.text for o in fields["predicate"]]
    assert cand.time_text == "9月"


# ------------------------------------------------------------ common words jieba lists as nz
@pytest.mark.parametrize(
    ("word", "flag"),
    [("力争", "v"), ("普通", "a"), ("新开工", "v"), ("换乘", "v")],
)
def test_a_common_word_jieba_lists_as_a_proper_name_gets_its_own_tag(word: str, flag: str) -> None:
    assert (word, flag) in nlp.tag(f"今年{word}项目增加，")


@pytest.mark.parametrize(
    ("text", "surface", "wrong"),
    [
        # 力争 (strive to) and 普通 (ordinary) open no name: the subject is never read from them
        ("全市公交站点覆盖率较高。今年力争公交站点500米覆盖率达到95%。", "95%", "力争"),
        ("我省高考报名人数创新高。今年我省普通高考报名人数为68.5万人。", "68.5万人", "我省普通"),
    ],
)
def test_a_common_word_jieba_lists_as_a_proper_name_is_no_subject(
    text: str, surface: str, wrong: str
) -> None:
    cand, _ = _claim(text, surface)
    assert not cand.subject.startswith(wrong) and cand.subject != wrong, cand.subject


# ------------------------------------------------------------ 该院 for a unit's organisation
@pytest.mark.parametrize(
    ("text", "surface", "subject"),
    [
        (
            "近日，市第一人民医院心外科团队完成一台手术，这是该院首例机器人手术。"
            "据心外科主任介绍，机器人手术切口仅有3至4厘米。今年以来，该院已完成心脏手术862例。",
            "862例",
            "市第一人民医院",
        ),
        (
            "江城大学附属中学教务处发布通知。今年该校共招收新生800人。",
            "800人",
            "江城大学附属中学",
        ),
    ],
)
def test_a_demonstrative_points_to_the_organisation_a_unit_of_it_was_named_by(
    text: str, surface: str, subject: str
) -> None:
    _, fields = _claim(text, surface)
    assert subject in [o.text for o in fields["subject"]][:2]


def test_a_one_character_class_end_is_never_read_inside_a_name() -> None:
    from extractor.entities import _class_prefix

    # 市 of 超市: 该市 never points to 永辉超市
    assert _class_prefix("永辉超市股份有限公司", ("市",)) is None
    assert _class_prefix("市第一人民医院心外科团队", ("医院", "法院")) == "市第一人民医院"
    # the class end inside a word of the tagger is no end (北京|大学生)
    assert _class_prefix("北京大学生创业园", ("大学",)) is None


# ------------------------------------------------------------ a day before a closing move
@pytest.mark.parametrize(
    ("text", "surface", "day"),
    [
        ("受此消息影响，宁德时代股价22日收涨2.35%。", "2.35%", "22日"),
        ("该股22日收跌3%，", "3%", "22日"),
        ("沪指22日高开0.5%，", "0.5%", "22日"),
    ],
)
def test_a_day_before_a_closing_move_is_the_claims_time(text: str, surface: str, day: str) -> None:
    found = {c.quantity_text: c for c in extract(text)}
    assert found[surface].time_text == day
    # the day is never a price of its own (股价22)
    assert "22" not in found


def test_a_bare_price_is_still_read_where_no_day_follows() -> None:
    assert "22" in {c.quantity_text for c in extract("股价22，市盈率为30倍。")}


# ------------------------------------------------------------ a verb of cause is a predicate
@pytest.mark.parametrize(
    ("text", "surface", "verb"),
    [
        ("市防汛办通报，暴雨造成全市23条道路积水。", "23条", "造成"),
        ("受台风影响，强降雨导致全省8个县停电。", "8个", "导致"),
    ],
)
def test_no_subject_option_runs_across_a_verb_of_cause(text: str, surface: str, verb: str) -> None:
    _, fields = _claim(text, surface)
    assert all(verb not in o.text for o in fields["subject"])


# ------------------------------------------------------------ a date's day ends no name
def test_a_dates_day_is_no_part_of_the_name_before_it() -> None:
    text = "国际金价12日继续走高，黄金期货价格一度突破每盎司2,400美元。"
    _, fields = _claim(text, "2,400美元")
    options = [o.text for o in fields["subject"]]
    assert "国际金价" in options
    assert not any(o.endswith("12") for o in options)


def test_a_grade_before_hao_stays_in_the_name() -> None:
    # 92号汽油: 号 after a number is a grade, not a day
    text = "调价后，北京地区92号汽油最高零售价为每升9.02元。"
    _, fields = _claim(text, "9.02元")
    assert not any(o.text == "北京地区" for o in fields["subject"][:1])


# ------------------------------------------------------------ a title is no predicate
def test_a_title_in_book_marks_is_never_a_predicate() -> None:
    text = "其中，《热辣滚烫》以26.9亿元暂列票房冠军，《飞驰人生2》以24.3亿元位居第二。"
    cand, fields = _claim(text, "24.3亿元")
    assert "飞驰人生2" not in [o.text for o in fields["predicate"]]
    assert cand.predicate != "飞驰人生2"


def test_a_tally_items_options_stop_at_the_next_number_after_a_verb() -> None:
    # 贡献 is a verb here: the rebounds' options are the verb and 篮板, never 盖帽
    _, fields = _claim("他本场贡献8个篮板4次盖帽。", "8个")
    options = [o.text for o in fields["predicate"]]
    assert "篮板" in options[:2] and "盖帽" not in options
