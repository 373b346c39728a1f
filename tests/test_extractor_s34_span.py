"""Where a subject option starts and ends (session 34): the option stops at a name's right
edge when the words after it are what the name has and counts (中国电信|5G套餐用户). Sentences
written for the tests."""

from __future__ import annotations

import pytest

from extractor.core import extract_with_fields


def _claim(text: str, quantity: str):
    for c, f in extract_with_fields(text):
        if c.quantity_text == quantity:
            return c, [o.text for o in f.get("subject", [])]
    raise AssertionError(f"{quantity} not found in {text}")


@pytest.mark.parametrize(
    ("text", "quantity", "subject", "never"),
    [
        # An organisation (tagged as one, or with an organisation's ending) before users,
        # members, staff or outlets: the name is the subject, the nouns the attribute.
        ("中国电信5G套餐用户为1.88亿户。", "1.88亿户", "中国电信", "中国电信5G套餐"),
        ("中国移动月活跃用户达到3亿户。", "达到3亿户", "中国移动", "中国移动月活跃用户"),
        ("华为公司研发人员超过10万人。", "超过10万人", "华为公司", "华为公司研发"),
        ("蓝海银行营业网点共有120个。", "120个", "蓝海银行", "蓝海银行营业网点"),
        # A name the document writes alone too, read on over an attribute of the owned noun.
        (
            "星辰通信是一家设备企业。星辰通信全球员工总数超过3万人。",
            "超过3万人",
            "星辰通信",
            "星辰通信全球员工",
        ),
    ],
)
def test_the_subject_stops_at_the_name(text, quantity, subject, never):
    c, options = _claim(text, quantity)
    assert c.subject == subject
    assert never not in options


@pytest.mark.parametrize(
    ("text", "quantity", "subject"),
    [
        # The staff act in a clause of their own (所, 的): they are who the claim is about.
        ("万科员工所节省的电费顶多也就几十万元。", "几十万元", "万科员工"),
        # A place with its residents, a market with its products: the measured thing stays
        # whole (the gold keeps 全国水产品, 我国工业机器人).
        ("北京市常住人口2189万人。", "2189万人", "北京市"),
        ("2021年我国工业机器人产量达36.6万套。", "达36.6万套", "我国工业机器人"),
        # A branch of an organisation before an attribute is no owned thing: kept whole.
        ("中国电信上海分公司营收达到100亿元。", "达到100亿元", "中国电信上海分公司"),
    ],
)
def test_other_subjects_keep_their_span(text, quantity, subject):
    c, options = _claim(text, quantity)
    assert subject in options
    assert c.subject == subject


@pytest.mark.parametrize(
    ("text", "quantity", "subject", "never"),
    [
        # A name, then an adverb, a linking verb or a report verb: the predicate starts there.
        ("陈某赔偿被害人各项损失共计45万元。", "45万元", "陈某", "陈某赔偿被害人"),
        ("长春已建成方舱医院12家。", "12家", "长春", "长春已建成方舱医院"),
        ("三区合计占全市新增的73.1%。", "73.1%", "三区", "三区合计占"),
        ("津南区作为重点区域，检测率达到99.2%。", "达到99.2%", "津南区", "津南区作为重点区域"),
        # The whole area, with an adverb the tagger glued to the verb (共|出动).
        ("全省共出动执法人员4620人次。", "4620人次", "全省", "全省共出动"),
        # The whole city before a report verb (a work report's target): the city it stands for.
        (
            "丰水市统计局发布数据。今年全市新建公共停车场61个。",
            "61个",
            "丰水市",
            "丰水市新建公共停车场",
        ),
        # A transliterated name cut by the tagger is offered whole before the adverb.
        ("刚刚故去的约翰-伍登则有47场胜利。", "47场", "约翰-伍登", "约翰-伍登则有"),
    ],
)
def test_the_subject_stops_before_the_predicate(text, quantity, subject, never):
    c, options = _claim(text, quantity)
    assert c.subject == subject
    assert never not in options


@pytest.mark.parametrize(
    ("text", "quantity", "subject"),
    [
        # A verb that modifies the noun after it in a compound is part of the name.
        ("上海租赁市场下挫近4成。", "近4成", "上海租赁市场"),
        ("石家庄倒楼事故已致10人遇难。", "10人", "石家庄倒楼事故"),
        # A fund or company name with a verb in it keeps it.
        ("宝盈区域增长基金上涨0.92%。", "0.92%", "宝盈区域增长基金"),
    ],
)
def test_names_with_a_verb_inside_stay_whole(text, quantity, subject):
    c, options = _claim(text, quantity)
    assert subject in options
    assert c.subject == subject


def test_the_whole_country_before_a_verb_stays_a_scope():
    # 全国 before a verb is the count's national scope (tests/test_extractor_s26_noopt.py):
    # the option is not cut to the bare scope.
    _, options = _claim("今年上半年，全国新建充电站四千余座。", "四千余座")
    assert "全国新建充电站" in options


def test_more_than_a_name_before_the_verb_is_not_offered_cut():
    # 全国新农合筹资水平|达到: the words before the verb are no name; the noun phrase is
    # offered as it is read, never a new option cut at the verb.
    _, options = _claim("全国新农合筹资水平达到每人每年150元。", "150元")
    assert not any(o.endswith("达到") for o in options)


@pytest.mark.parametrize(
    ("text", "quantity", "never"),
    [
        # An option opening with a modal or intent word is the predicate.
        ("今年拟安排地方政府专项债券3.65万亿元。", "3.65万亿元", "拟安排地方政府"),
    ],
)
def test_an_option_opening_with_a_modal_word_is_not_offered(text, quantity, never):
    c, options = _claim(text, quantity)
    assert never not in options
    assert c.subject != never


@pytest.mark.parametrize(
    ("text", "quantity", "subject"),
    [
        # A plan noun inside a name or after it is no modal opener.
        ("全国高校招生计划约为400万人。", "约为400万人", "全国高校"),
        ("将军澳医院今年收治病人3000人。", "3000人", "将军澳医院"),
    ],
)
def test_words_that_only_start_like_a_modal_stay(text, quantity, subject):
    _, options = _claim(text, quantity)
    assert subject in options


@pytest.mark.parametrize(
    ("text", "quantity", "never"),
    [
        # A pretext after 以 … 为幌子 / 等理由, a campaign after 针对, a date code.
        ("该团伙以“小额贷款”为幌子，共放贷1600余笔。", "1600余笔", "小额贷款"),
        ("该团伙以“家人住院”“购买房产”等理由骗取钱财共计86.4万元。", "86.4万元", "家人住院"),
        # A word inside such a label is no subject either.
        ("该团伙以“家人住院”“购买房产”等理由骗取钱财共计86.4万元。", "86.4万元", "房产"),
        (
            "针对央视“3·15”晚会曝光的问题，全省共检查经营主体2870户。",
            "2870户",
            "3·15",
        ),
        # An option cut through a quotation mark.
        ("河南“7·20”特大暴雨灾害因灾死亡失踪398人。", "398人", "河南“7"),
    ],
)
def test_a_quoted_label_is_no_subject(text, quantity, never):
    c, options = _claim(text, quantity)
    assert never not in options
    assert c.subject != never


@pytest.mark.parametrize(
    ("text", "quantity", "subject"),
    [
        # A quoted name with no frame of a pretext or campaign stays an option.
        ("“冲级优胜礼包”1份。", "1份", "冲级优胜礼包"),
        ("该团伙以小额贷款为幌子，共放贷1600余笔。", "1600余笔", "团伙"),
    ],
)
def test_other_quoted_names_stay(text, quantity, subject):
    _, options = _claim(text, quantity)
    assert subject in options


@pytest.mark.parametrize(
    ("text", "quantity", "subject", "never"),
    [
        # A place before a statistical indicator: the option stops before the indicator.
        ("2021年南京地区生产总值达到16355亿元。", "达到16355亿元", "南京", "南京地区"),
        # Nothing before the indicator: the piece of it is no option.
        ("全年城镇新增就业28万人以上。", "28万人以上", "城镇新增就业", "城镇"),
    ],
)
def test_an_indicator_name_is_not_cut(text, quantity, subject, never):
    c, options = _claim(text, quantity)
    assert c.subject == subject
    assert never not in options


def test_a_subject_ending_before_an_indicator_stays():
    # 全省|地区生产总值: the option ends where the indicator starts, not inside it.
    c, options = _claim("今年上半年全省地区生产总值达到5000亿元。", "达到5000亿元")
    assert "全省" in options or c.subject.endswith("省")
