"""Twenty-fifth session's rules for lists of figures, with sentences written for the tests:
the noun an earlier figure of a list counts (2个篮板、|3次助攻; 500多所职业学院、|90多所大学) is
no subject option of a later figure of the same list (data/list_joiners.tsv: what joins the
items); a noun counted by a figure with no joiner before the next figure, or with other words
between, is left alone. What an earlier figure measures (营收|3.2亿元、净利润|5000万元) is no
option of a later item that names its own measured noun; a verb there (同比增长) leaves it."""

from __future__ import annotations

import pytest

from extractor.lexicon import words
from tests.lexicon_checks import check_lexicon_file
from tests.subject_checks import subject_options


@pytest.mark.parametrize(
    ("text", "surface", "counted"),
    [
        ("昨晚的比赛中，王小明拿下21分、2个篮板、3次助攻。", "3次", "篮板"),
        ("本赛季刘强场均贡献20分、8个篮板和5次助攻。", "5次", "篮板"),
        ("去年该企业新建了4座仓库及12个配送站点。", "12个", "仓库"),
    ],
)
def test_the_noun_an_earlier_figure_counts_is_not_offered(
    text: str, surface: str, counted: str
) -> None:
    assert counted not in subject_options(text, surface)


def test_the_nouns_of_earlier_items_of_a_longer_list_are_not_offered() -> None:
    text = "全区现有600多所中学、500多所职业学院、90多所大学。"
    offered = subject_options(text, "90多所")
    assert not [o for o in offered if o.endswith(("中学", "职业学院"))]


@pytest.mark.parametrize(
    ("text", "surface", "kept"),
    [
        # Other words between the counted noun and the next figure: not a list of figures.
        ("在抽检的20套儿童家具中，只有9套合格。", "9套", "儿童家具"),
        # No joiner between the two figures: the first may count the owner of the second.
        ("共有3个检测站点120台仪器投入使用。", "120台", "检测站点"),
    ],
)
def test_a_counted_noun_outside_a_list_of_figures_stays_an_option(
    text: str, surface: str, kept: str
) -> None:
    assert kept in subject_options(text, surface)


def test_list_joiners_file() -> None:
    check_lexicon_file("list_joiners")
    assert "、" in words("list_joiners")


@pytest.mark.parametrize(
    ("text", "surface", "measured"),
    [
        ("今年上半年，华远公司实现营收3.2亿元、净利润5000万元。", "5000万元", "营收"),
        ("其中，公共充电桩162.7万台，私人充电桩286.1万台。", "286.1万台", "公共充电桩"),
    ],
)
def test_what_an_earlier_figure_measures_is_not_offered_to_an_item_naming_its_own(
    text: str, surface: str, measured: str
) -> None:
    assert measured not in subject_options(text, surface)


def test_what_a_figure_measures_stays_an_option_of_its_change() -> None:
    # A verb, not a noun, between the figure and the next quantity: the change of the same
    # measured thing.
    text = "上月该厂水泥产量1.5亿吨，同比增长24%。"
    assert "水泥产量" in subject_options(text, "24%")
