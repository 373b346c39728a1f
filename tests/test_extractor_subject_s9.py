"""Subject options of the ninth session, on sentences written for these tests: the item of a
respective list (two items joined by 和, items with digits, a first item led by its category,
a last item followed by 的 or a measured attribute) and short quoted names anywhere before the
quantity in its sentence."""

from __future__ import annotations

import pytest

from tests.subject_checks import subject_options

_options = subject_options


_ETF = "上周星河沪深300ETF和月光中证500ETF，净值分别上涨3.2%和2.7%。"


@pytest.mark.parametrize(
    ("text", "surface", "item", "cut"),
    [
        # Two items joined by 和, with digits inside the names.
        (
            "上周星河沪深300ETF和月光中证500ETF，净值分别上涨3.2%和2.7%。",
            "3.2%",
            "星河沪深300ETF",
            False,
        ),
        (
            "上周星河沪深300ETF和月光中证500ETF，净值分别上涨3.2%和2.7%。",
            "2.7%",
            "月光中证500ETF",
            False,
        ),
        # Three items; the first is led by its category (三只债券基金), cut after it.
        (
            "其余三只债券基金星河稳健增利、月光增利和晨曦回报，收益分别为4.1%、3.8%和2.9%。",
            "4.1%",
            "星河稳健增利",
            True,
        ),
        (
            "其余三只债券基金星河稳健增利、月光增利和晨曦回报，收益分别为4.1%、3.8%和2.9%。",
            "3.8%",
            "月光增利",
            False,
        ),
        # The last item stops before 的 and before a measured attribute.
        ("去年甲乙公司和丙丁公司的营收分别为3亿元和5亿元。", "5亿元", "丙丁公司", False),
        ("去年甲乙公司和丙丁公司营收分别为3亿元和5亿元。", "5亿元", "丙丁公司", False),
    ],
)
def test_the_item_of_a_respective_list_is_offered(
    text: str, surface: str, item: str, cut: bool
) -> None:
    opts = _options(text, surface)
    assert item in opts, sorted(opts)
    assert opts[item].get("list_item") == 1.0
    assert bool(opts[item].get("list_cut")) is cut


def test_a_first_item_of_the_same_length_as_the_others_is_not_cut() -> None:
    opts = _options("星河稳健和月光增利的收益分别为4.1%和3.8%。", "4.1%")
    assert opts["星河稳健"].get("list_item") == 1.0
    assert not any(f.get("list_cut") for f in opts.values())


@pytest.mark.parametrize(
    ("text", "surface", "name", "offered"),
    [
        # Four clauses before the quantity: the quoted name is still offered.
        (
            "前三名玩家可获得“星辰宝匣”一个，宝匣内含金币10枚，银币8枚，铜币6枚，药水4瓶。",
            "4瓶",
            "星辰宝匣",
            True,
        ),
        # Whatever the tagger makes of the words inside the quotes.
        ("本周玩家参加“冲关优胜挑战”活动，奖品共有30份。", "30份", "冲关优胜挑战", True),
        # Quoted speech (punctuation inside) is no name.
        (
            "经理说：“我们卖得很好，客户很多”，全年销量为3万台。",
            "3万台",
            "我们卖得很好，客户很多",
            False,
        ),
        # A quote after the quantity is not read.
        ("全年销量为3万台，其中“星河一号”最多。", "3万台", "星河一号", False),
    ],
)
def test_short_quoted_names_before_the_quantity_are_offered(
    text: str, surface: str, name: str, offered: bool
) -> None:
    opts = _options(text, surface)
    assert (name in opts and opts[name].get("quoted") == 1.0) is offered, sorted(opts)
