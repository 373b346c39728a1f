"""Subject options read in the thirty-sixth session from the probe reports of the thirty-third
(docs/PROBES_S33.md). Sentences written for the tests."""

from __future__ import annotations

import pytest

from extractor.core import extract_with_fields
from extractor.entities import _indicator_owner


def _subject(text: str, quantity: str) -> tuple[str, list[str]]:
    """The subject of the candidate whose text holds ``quantity``, and its options."""
    for c, f in extract_with_fields(text):
        if quantity in c.quantity_text:
            return c.subject or "", [o.text for o in f.get("subject", [])]
    raise AssertionError(f"no candidate {quantity} in {text}")


# ---------------------------------------------------------------- a name and its indicator


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("长沙市地区生产总值", "长沙市"),
        ("重庆市固定资产投资", "重庆市"),
        ("本县房地产开发投资", "本县"),
        ("东江市一般公共预算收入", "东江市"),
        # nothing, or too little, before the indicator: no owner
        ("地区生产总值", ""),
        ("县一般公共预算收入", ""),
        # the indicator not at the end: no owner
        ("长沙市地区生产总值增速", ""),
        ("深圳一手住宅", ""),
    ],
)
def test_the_name_before_an_indicator(text: str, owner: str) -> None:
    assert _indicator_owner(text) == owner


@pytest.mark.parametrize(
    ("text", "quantity", "subject"),
    [
        # the next clause's or sentence's own indicator: the place, not the indicator before
        (
            "2021年，长沙市地区生产总值1200.5亿元，增长5.1%。一般公共预算收入95.2亿元，增长3.3%。",
            "95.2亿元",
            "长沙市",
        ),
        (
            "前三季度，湘潭市地区生产总值1890亿元。社会消费品零售总额650亿元。",
            "650亿元",
            "湘潭市",
        ),
        # its own clause's growth: the place
        ("2021年，长沙市地区生产总值1200.5亿元，增长5.1%。", "5.1%", "长沙市"),
        # forms that keep working: a plain subject, an indicator without an owner
        ("今年上半年，深圳一手住宅共成交21165套；二手住宅共成交19367套。", "19367套", "二手住宅"),
        ("今年上半年，深圳一手住宅共成交21165套。", "21165套", "深圳一手住宅"),
    ],
)
def test_an_indicator_is_not_carried_as_the_subject(text: str, quantity: str, subject: str) -> None:
    got, options = _subject(text, quantity)
    assert got == subject
    assert not any(o.endswith("地区生产总值") and len(o) > 6 for o in options)


# ---------------------------------------------------------------- build and raise counts


@pytest.mark.parametrize(
    ("text", "quantity", "subject"),
    [
        # the doer written before the verb
        ("我国已累计建成5G基站142.5万个。", "142.5万个", "中国"),
        ("截至2月末，全省累计建成5G基站6.2万个。", "6.2万个", "全省"),
        ("南方电信去年新建5G基站3.4万个。", "3.4万个", "南方电信"),
        # carried: the verb phrase of the clause or of the sentence before is no option
        ("我国已累计建成5G基站142.5万个。今年以来新建5G基站约6.6万个。", "6.6万个", "中国"),
        ("今年，全市将新开工保障性租赁住房3万套，改造老旧小区200个。", "200个", "全市"),
        ("今年，全市将新开工保障性租赁住房3万套，改造老旧小区200个。", "3万套", "全市"),
        # forms that keep working: an attribute of 新建商品住宅 is measured, a bank's name
        ("3月份，新建商品住宅均价2.1万元。", "2.1万元", "新建商品住宅"),
        ("建设银行去年净利润3025亿元。", "3025亿元", "建设银行"),
    ],
)
def test_a_build_count_is_the_builders(text: str, quantity: str, subject: str) -> None:
    assert _subject(text, quantity)[0] == subject


@pytest.mark.parametrize(
    ("text", "quantity", "not_offered"),
    [
        ("今年计划新建5G基站1万个。", "1万个", "计划新建5G基站"),
        ("今年以来新建5G基站约6.6万个。", "6.6万个", "新建5G基站"),
        ("全年计划启动改造城中村45个。", "45个", "城中村"),
        ("今年全市计划新增供应公租房1500套。", "1500套", "新增供应公租房"),
        ("今年全市筹集保障性租赁住房2万套。", "2万套", "筹集保障性租赁住房"),
    ],
)
def test_a_build_verb_and_its_object_are_no_subject(
    text: str, quantity: str, not_offered: str
) -> None:
    assert not_offered not in _subject(text, quantity)[1]


def test_build_verbs_are_verbs_of_building() -> None:
    from extractor import lexicon

    verbs = lexicon.word_set("build_verbs")
    assert {"新建", "建成", "新开工", "改造", "筹集", "开通"} <= verbs
    assert not verbs & {"银行", "住宅", "增长"}


# ---------------------------------------------------------------- brands cut into characters


@pytest.mark.parametrize(
    ("text", "quantity", "subject"),
    [
        # a numeral or adverb character first: the brand whole
        ("零跑汽车6月交付11200辆。", "11200辆", "零跑汽车"),
        ("五菱汽车上月销量达到5万辆。", "5万辆", "五菱汽车"),
        # forms that keep working: a brand the tagger knows, a count before the head
        ("小鹏汽车6月交付15295辆。", "15295辆", "小鹏汽车"),
    ],
)
def test_a_brand_cut_into_characters_is_read_whole(text: str, quantity: str, subject: str) -> None:
    assert _subject(text, quantity)[0] == subject


@pytest.mark.parametrize(
    ("words", "glued"),
    [
        (["零", "跑", "汽车", "交付"], ["零跑", "汽车", "交付"]),
        (["，", "极", "风", "汽车"], ["，", "极风", "汽车"]),
        (["三", "大", "运营商", "用户"], ["三大", "运营商", "用户"]),
        # a third one-character word before the pair: no boundary, nothing glued
        (["买", "零", "跑", "汽车"], ["买", "零", "跑", "汽车"]),
        # a particle or a pronoun in the pair: nothing glued
        (["的", "新", "汽车"], ["的", "新", "汽车"]),
        (["这", "辆", "汽车"], ["这", "辆", "汽车"]),
        # no brand head after the pair
        (["零", "跑", "交付"], ["零", "跑", "交付"]),
    ],
)
def test_brand_pairs_are_glued_before_a_head(words: list[str], glued: list[str]) -> None:
    from extractor import nlp
    from extractor.entities import _brand_glued

    text = "".join(words)
    tags = dict(nlp.tag(text))
    tokens, at = [], 0
    for w in words:
        tokens.append((w, tags.get(w, "x" if w == "，" else "n"), at, at + len(w)))
        at += len(w)
    assert [t[0] for t in _brand_glued(tokens)] == glued


# ---------------------------------------------------------------- abbreviations and teams


@pytest.mark.parametrize(
    ("text", "quantity", "subject"),
    [
        # a Latin abbreviation defined in brackets: the name, with the place before a time
        (
            "德国2月消费者价格指数（CPI）同比上涨5.1%。从环比看，2月CPI上涨0.9%。",
            "0.9%",
            "德国消费者价格指数",
        ),
        ("德国2月消费者价格指数（CPI）同比上涨5.1%。", "5.1%", "德国消费者价格指数"),
        (
            "日本3月生产者价格指数（PPI）同比上涨9.5%。2月PPI上涨9.7%。",
            "9.7%",
            "日本生产者价格指数",
        ),
        # no definition in the text: the abbreviation as written
        ("美国6月CPI同比上涨9.1%。", "9.1%", "CPI"),
    ],
)
def test_a_latin_abbreviation_is_the_name_it_stands_for(
    text: str, quantity: str, subject: str
) -> None:
    assert _subject(text, quantity)[0] == subject


@pytest.mark.parametrize(
    ("text", "quantity", "subject"),
    [
        (
            "密尔沃基雄鹿队以118-105击败芝加哥公牛队。雄鹿以26胜18负排名东部第三。",
            "26胜",
            "密尔沃基雄鹿队",
        ),
        ("菲尼克斯太阳队主场迎战金州勇士队。太阳队本场命中率达到52%。", "52%", "菲尼克斯太阳队"),
        # a city's name that opens a team's is no short name of it
        ("芝加哥公牛队主场失利。芝加哥今年的人口约为270万。", "270万", "芝加哥"),
    ],
)
def test_a_team_short_name_is_the_team(text: str, quantity: str, subject: str) -> None:
    assert _subject(text, quantity)[0] == subject


@pytest.mark.parametrize(
    ("short", "full", "is_short"),
    [
        ("雄鹿", "密尔沃基雄鹿队", True),
        ("太阳队", "菲尼克斯太阳队", True),
        ("芝加哥", "芝加哥公牛队", False),
        ("公牛", "公牛队", False),
        ("湖人", "洛杉矶湖人", False),
    ],
)
def test_team_short_names(short: str, full: str, is_short: bool) -> None:
    from extractor.entities import _team_short

    assert _team_short(short, full) is is_short


# ---------------------------------------------------------------- counts of described entities


@pytest.mark.parametrize(
    ("text", "quantity", "offered", "not_offered"),
    [
        (
            "3月份，70个大中城市中，新建商品住宅销售价格环比下降的城市有38个。",
            "38个",
            "新建商品住宅销售价格环比下降的城市",
            "新建商品住宅",
        ),
        # a head that ends with a counted noun (房地产企业)
        (
            "今年，销售额超过千亿元的房地产企业有15家。",
            "15家",
            "销售额超过千亿元的房地产企业",
            "",
        ),
        (
            "上半年，营业收入超过百亿元的企业有12家。",
            "12家",
            "营业收入超过百亿元的企业",
            "营业收入",
        ),
    ],
)
def test_a_count_of_described_entities_offers_the_phrase(
    text: str, quantity: str, offered: str, not_offered: str
) -> None:
    options = _subject(text, quantity)[1]
    assert offered in options
    assert not not_offered or not_offered not in options


def test_a_count_of_an_attribute_keeps_the_owner() -> None:
    # 天数 is no counted entity: 沪市 stays the subject
    text = "2007年，沪市日成交量超过2亿手的天数只有3天。"
    options = _subject(text, "3天")[1]
    assert "沪市" in options
