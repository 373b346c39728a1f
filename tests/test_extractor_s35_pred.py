"""Thirty-fifth session's predicate options, with sentences written for the tests: a modal
(可, 能, 将) before a qualifier is stepped over to the attribute before it and no option alone;
a report verb (称, 说) right before a quantity that opens a reported clause is none either, the
verb after the modal is; a total word (合计, 累计) after a noun is offered only with the noun,
with no noun before it (三家合计超过…) alone."""

from __future__ import annotations

import pytest

from extractor.core import extract_with_fields
from extractor.lexicon import words


def _options(text: str, surface: str) -> list[str]:
    [opts] = [
        [o.text for o in f.get("predicate", [])]
        for c, f in extract_with_fields(text)
        if c.quantity_text == surface
    ]
    return opts


@pytest.mark.parametrize(
    ("text", "surface", "wanted", "unwanted"),
    [
        # A modal before a qualifier: the attribute before it is offered, the modal is not.
        ("这款轿车的综合续航里程可达720公里。", "达720公里", "续航里程", "可"),
        ("这台电动车的最大续航能达到610公里。", "达到610公里", "续航", "能"),
        ("该项目年发电量将超过12亿千瓦时。", "超过12亿千瓦时", "发电量", "将"),
        # A report verb right before a reported clause: the verb after the modal instead.
        ("厂家称20分钟可充满电。", "20分钟", "充满电", "称"),
        ("报告称六成受访者选择线上购物。", "六成", "选择", "称"),
        # A total word with no noun before it is what is said of the figure.
        ("两家公司合计超过5.6亿户。", "超过5.6亿户", "合计", None),
        # After a measured noun, the total word comes only with the noun.
        ("全国平板电脑出货量累计2.45亿台。", "2.45亿台", "出货量", "累计"),
    ],
)
def test_modal_report_and_total_words(
    text: str, surface: str, wanted: str, unwanted: str | None
) -> None:
    opts = _options(text, surface)
    assert any(wanted in o for o in opts), opts
    if unwanted is not None:
        assert unwanted not in opts, opts


@pytest.mark.parametrize(
    ("text", "surface", "wanted"),
    [
        # A report verb with the quantity as its object (no clause after it) stays.
        ("法院公布8起典型案例。", "8起", "公布"),
        # A report verb before 的 modifies the figure: it stays.
        ("增速由此前公布的2.1%上修为2.4%。", "2.1%", "公布"),
        # A modal followed by a preposition is no modal of the figure (将以…的: 以 stays).
        ("公司营收同比增长15%。", "15%", "增长"),
    ],
)
def test_forms_that_keep_their_verb(text: str, surface: str, wanted: str) -> None:
    opts = _options(text, surface)
    assert any(wanted in o for o in opts), opts


def test_word_lists_have_their_entries() -> None:
    assert {"可", "能", "有望"} <= set(words("modal_words"))
    assert {"累计", "合计", "共计"} <= set(words("total_words"))


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        # Every count of a chain takes the verb that closes it, across a note in brackets.
        ("全市8个县12个乡镇（街道）32.5万人受灾。", "8个"),
        ("全市8个县12个乡镇（街道）32.5万人受灾。", "12个"),
        ("暴雨造成全省96个县（市、区）210万人受灾。", "96个"),
    ],
)
def test_a_chain_of_counts_takes_its_closing_verb(text: str, surface: str) -> None:
    assert "受灾" in _options(text, surface)


@pytest.mark.parametrize(
    ("text", "surface", "unwanted"),
    [
        # A box score: the stat after a measure word is what that number counts.
        ("他拿下28分9个篮板6次助攻2次抢断。", "9个", "抢断"),
        # A note in brackets with no count after it closes no chain.
        ("他拿下9个篮板3次助攻（生涯新高）。", "9个", "新高"),
    ],
)
def test_a_box_score_is_no_chain(text: str, surface: str, unwanted: str) -> None:
    assert unwanted not in _options(text, surface)


@pytest.mark.parametrize(
    ("text", "surface", "wanted", "rank_verb"),
    [
        # In 以 Q X 排名第K the rank verb is said of the ordinal; Q measures X.
        ("日本队以9枚金牌排名第五。", "9枚", "金牌", "排名"),
        ("挪威队以16枚金牌位列奖牌榜第一。", "16枚", "金牌", "位列"),
        # A record's second count stands in the 以-phrase too.
        ("太阳以31胜12负排名西部第二。", "12负", "负", "排名"),
    ],
)
def test_a_rank_verb_after_yi_is_the_ordinals(
    text: str, surface: str, wanted: str, rank_verb: str
) -> None:
    opts = _options(text, surface)
    assert wanted in opts, opts
    assert rank_verb not in opts, opts


@pytest.mark.parametrize(
    ("text", "surface", "wanted"),
    [
        # The ordinal keeps its rank verb.
        ("日本队以9枚金牌排名第五。", "第五", "排名"),
        # Without 以 the verb after a count is still offered.
        ("全市12家企业排名靠前。", "12家", "排名"),
    ],
)
def test_rank_verbs_kept_elsewhere(text: str, surface: str, wanted: str) -> None:
    assert wanted in _options(text, surface)


@pytest.mark.parametrize(
    ("text", "surface", "wanted", "unwanted"),
    [
        # A milestone figure of speech after an amount is no option; the verb before is.
        ("全省经济总量迈上5万亿元台阶。", "5万亿元", "迈上", "台阶"),
        ("深证成指站上12000点关口。", "12000点", "站上", "关口"),
        # A count counts the noun: it stays.
        ("边境设立5个关口。", "5个", "关口", None),
    ],
)
def test_milestone_nouns(text: str, surface: str, wanted: str, unwanted: str | None) -> None:
    opts = _options(text, surface)
    assert any(wanted in o for o in opts), opts
    if unwanted is not None:
        assert unwanted not in opts, opts


def test_milestone_list_has_its_entries() -> None:
    assert {"台阶", "大关", "关口"} <= set(words("milestone_nouns"))


@pytest.mark.parametrize(
    ("text", "surface", "wanted", "unwanted"),
    [
        # The base of a comparison takes what the clause before measures, not the change verb.
        ("营业收入为8.6亿元，较上年同期的7.9亿元增长8.9%。", "7.9亿元", "营业收入", "增长"),
        ("失业率为4.1%，较8月的4.5%明显回落。", "4.5%", "失业率", "回落"),
        # The compared entity X is no predicate of the base either.
        ("甲队获得约52万张选票，远超其对手乙队的约31万张选票。", "约31万张", "获得", "乙队"),
    ],
)
def test_a_comparison_base_takes_the_main_attribute(
    text: str, surface: str, wanted: str, unwanted: str
) -> None:
    opts = _options(text, surface)
    assert wanted in opts, opts
    assert unwanted not in opts, opts


@pytest.mark.parametrize(
    ("text", "surface", "wanted"),
    [
        # The changed value itself keeps the change verb.
        ("营业收入为8.6亿元，较上年同期的7.9亿元增长8.9%。", "8.9%", "增长"),
        # 不低于…的 is a bound of the quantity, not a base.
        ("该类资产不低于股票资产的80%。", "80%", "资产"),
    ],
)
def test_forms_that_are_no_comparison_base(text: str, surface: str, wanted: str) -> None:
    assert any(wanted in o for o in _options(text, surface))


@pytest.mark.parametrize(
    ("text", "surface", "wanted", "unwanted"),
    [
        # A bound suffix cut off a verb is glued back: the rate is one option, not 率 alone.
        ("该应用付费率提升至9.6%。", "9.6%", "付费率", "率"),
        ("新用户留存率达到38%。", "达到38%", "留存率", "率"),
    ],
)
def test_a_bound_attribute_suffix_is_glued_back(
    text: str, surface: str, wanted: str, unwanted: str
) -> None:
    opts = _options(text, surface)
    assert any(o.endswith(wanted) for o in opts), opts
    assert unwanted not in opts, opts


def test_a_suffix_char_before_a_noun_stays_apart() -> None:
    from extractor.options import _glue_bound_suffixes

    toks = [("主教练", "n", 0, 3), ("率", "v", 3, 4), ("队", "n", 4, 5)]
    assert list(_glue_bound_suffixes(toks, 5)) == toks
    glued = _glue_bound_suffixes([("付费", "v", 0, 2), ("率", "v", 2, 3), ("提升", "v", 3, 5)], 5)
    assert [t[0] for t in glued] == ["付费率", "提升"]


def test_only_the_words_a_quantity_reads_are_glued() -> None:
    """A suffix far before the quantity is not looked at (a clause of thousands of
    quantities stays linear); near it, it is glued as anywhere."""
    from extractor.options import _glue_bound_suffixes

    head = [("付费", "v", 0, 2), ("率", "v", 2, 3), ("提升", "v", 3, 5)]
    filler = [("20%", "m", 5 + 2 * k, 7 + 2 * k) for k in range(200)]
    toks = head + filler
    assert _glue_bound_suffixes(toks, filler[-1][2]) is toks
    near = _glue_bound_suffixes(toks, filler[3][2])
    assert [t[0] for t in near[:2]] == ["付费率", "提升"]
    assert list(near[2:]) == filler


@pytest.mark.parametrize(
    ("text", "surface", "wanted"),
    [
        # N个X的M个Y VERB: the first count is offered the verb closing the chain too, a
        # qualifying verb (达到) included when no number follows it.
        ("全国已有17个省份的64个城市达到示范标准。", "17个", "达到"),
        ("全国已有17个省份的64个城市完成改造。", "17个", "完成"),
    ],
)
def test_a_chain_through_de_takes_its_closing_verb(text: str, surface: str, wanted: str) -> None:
    assert wanted in _options(text, surface)
