"""Twenty-fourth session's predicate rules, with sentences written for the tests: a verb of
having or being fitted with a part (具有, 搭载, 支持) is no predicate option when the part the
quantity measures follows it."""

from __future__ import annotations

import pytest

from extractor import extract
from extractor.lexicon import words
from tests.lexicon_checks import check_lexicon_file


def _claim(text: str, surface: str):
    [c] = [c for c in extract(text) if c.quantity_text == surface]
    return c


def _options(c) -> list[str]:
    return [c.predicate] + [a["text"] for a in c.alternatives.get("predicate", [])]


@pytest.mark.parametrize(
    ("text", "surface", "verb", "part"),
    [
        ("这台新相机具有5倍光学变焦，售价不高。", "5倍", "具有", "光学变焦"),
        ("该款手机搭载了6.1英寸的触摸屏。", "6.1英寸", "搭载", "触摸屏"),
        ("这款镜头支持12倍数码变焦。", "12倍", "支持", "数码变焦"),
    ],
)
def test_the_part_after_a_verb_of_having_is_the_predicate(
    text: str, surface: str, verb: str, part: str
) -> None:
    c = _claim(text, surface)
    assert verb not in _options(c)[:1]
    assert part in c.predicate


def test_a_verb_of_having_without_a_part_after_stays_an_option() -> None:
    # Nothing follows the quantity: the verb is still what the clause says of it.
    c = _claim("这家工厂目前拥有3000名员工，去年拥有1.5万平方米。", "1.5万平方米")
    assert "拥有" in _options(c)


def test_a_sum_after_a_verb_of_having_keeps_the_verb() -> None:
    # Money is what the part costs or is worth: the verb stays an option.
    c = _claim("该基金会拥有2亿元资产。", "2亿元")
    assert "拥有" in _options(c)


def test_a_duration_restated_as_a_span_is_no_predicate() -> None:
    # 两年的时间 is the span itself; the verb after it is what is said of it.
    c = _claim("研究小组花了两年的时间改进这套设备。", "两年")
    assert "时间" not in _options(c)
    c = _claim("新厂房建设只用了不到八个月时间。", "不到八个月")
    assert c.predicate != "时间"
    assert "时间" not in _options(c)


def test_a_time_noun_before_the_quantity_stays_an_option() -> None:
    # What is measured, written before the quantity: still an option.
    c = _claim("这款相机的启动时间为0.5秒。", "0.5秒")
    assert any("时间" in o for o in _options(c))


@pytest.mark.parametrize("name", ["equip_verbs", "duration_fillers"])
def test_the_lists_open_with_one_comment_and_hold_no_entry_twice(name: str) -> None:
    check_lexicon_file(name)


@pytest.mark.parametrize("verb", words("equip_verbs"))
def test_every_verb_of_having_gives_way_to_the_part_after_the_quantity(verb: str) -> None:
    c = _claim(f"这款新型相机{verb}8倍光学变焦。", "8倍")
    assert verb not in _options(c)[:1]
    assert "光学变焦" in c.predicate


@pytest.mark.parametrize("noun", words("duration_fillers"))
def test_every_span_noun_after_a_duration_is_no_predicate(noun: str) -> None:
    c = _claim(f"作者用了整整三年{noun}写完这部小说。", "三年")
    assert noun not in _options(c)


@pytest.mark.parametrize(
    ("text", "surface", "predicate"),
    [
        ("甲基金和乙基金的涨幅较大，分别为8.2%、7.5%和6.9%。", "7.5%", "涨幅"),
        ("甲基金和乙基金的涨幅较大，分别为8.2%、7.5%和6.9%。", "6.9%", "涨幅"),
        ("两家公司的净利润率较低，分别为3.1%、2.8%，营业收入则下降了20%。", "2.8%", "净利润率"),
    ],
)
def test_a_list_item_without_options_takes_the_predicate_chosen_for_the_item_before(
    text: str, surface: str, predicate: str
) -> None:
    assert _claim(text, surface).predicate == predicate


def test_a_quantity_with_a_verb_of_its_own_keeps_it_after_a_list() -> None:
    text = "两家公司的净利润率较低，分别为3.1%、2.8%，营业收入则下降了20%。"
    assert "下降" in _claim(text, "20%").predicate


def test_an_area_with_no_attribute_near_it_measures_the_area() -> None:
    # 面积, like 年龄 for an age: what an area measures when the text names nothing else.
    assert _claim("他们在郊区买了一套120平方米的房子。", "120平方米").predicate == "面积"


@pytest.mark.parametrize(
    ("text", "surface", "predicate"),
    [
        ("这家公司的土地储备3200万平方米，位居全国前列。", "3200万平方米", "土地储备"),
        ("新园区规划用地面积为86公顷。", "86公顷", "面积"),
    ],
)
def test_an_area_keeps_the_attribute_written_before_it(
    text: str, surface: str, predicate: str
) -> None:
    c = _claim(text, surface)
    assert c.predicate == predicate
    assert c.predicate_start is not None  # the words of the text, not the default


@pytest.mark.parametrize(
    ("text", "surface", "predicate"),
    [
        ("王强全场得到21分9个篮板6次助攻。", "6次", "助攻"),
        ("赵亮全场得到12分5次助攻7个篮板2次抢断。", "7个", "篮板"),
        ("赵亮全场得到12分5次助攻7个篮板2次抢断。", "2次", "抢断"),
    ],
)
def test_a_tally_item_names_its_own_statistic_not_the_one_before(
    text: str, surface: str, predicate: str
) -> None:
    assert _claim(text, surface).predicate == predicate


def test_a_duration_after_a_counted_word_keeps_the_verb_before_it() -> None:
    # Not a tally: 历时 before 10个月 stays what the duration is said of.
    c = _claim("这是该公司首款历时10个月精心研制的单机游戏。", "10个月")
    assert "历时" in _options(c)


@pytest.mark.parametrize(
    ("text", "surface", "predicate"),
    [
        ("去年该市经济总量排名第9。", "第9", "排名"),
        ("一年之后，该基金以554亿的规模排名第23位。", "第23", "排名"),
        ("中国学生人数已超过8000人，跃居首位。", "首位", "跃居"),
    ],
)
def test_a_verb_glued_to_an_ordinal_is_read_as_a_verb(
    text: str, surface: str, predicate: str
) -> None:
    # The tagger reads 排名第 and 跃居首位 as one word running into the quantity.
    assert _claim(text, surface).predicate == predicate


def test_an_idiom_with_a_number_other_than_an_ordinal_stays_whole() -> None:
    from extractor import core, nlp

    nlp.load()
    for text in ("成千上万的游客涌入景区。", "他看到美食垂涎三尺。"):
        toks = core._tokens(text, 0, len(text))
        for q in range(len(text)):
            assert core._split_glued(toks, q) == toks


@pytest.mark.parametrize("noun", words("glued_copula_nouns"))
def test_an_attribute_glued_to_the_copula_is_read_whole(noun: str) -> None:
    # The tagger reads 满分为 as 满|分为: the attribute is 满分, not 分为 (divide into).
    c = _claim(f"本次测验{noun}为88分，及格线为53分。", "88分")
    assert c.predicate.endswith(noun)


def test_divide_into_before_a_quantity_stays_a_verb() -> None:
    # 收费 + 分 is no attribute: 分为 is the verb it is, offered whole (the ranker may choose
    # it or the attribute 收费 before it, never a glued 收费分).
    c = _claim("这项服务的收费分为120元和300元两档。", "120元")
    assert c.predicate in ("分为", "收费")
    assert "分为" in {c.predicate, *(o["text"] for o in c.alternatives["predicate"])}
    assert _claim("比赛分为3个阶段。", "3个").predicate == "分为"


def test_the_glued_lists_hold_one_comment_and_no_entry_twice() -> None:
    check_lexicon_file("glued_copula_nouns")


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("今年共有215名学生办理了休学手续。", "215名"),
        ("其中86人办理了退学手续。", "86人"),
    ],
)
def test_a_word_read_as_a_noun_that_takes_le_is_a_verb(text: str, surface: str) -> None:
    # The tagger reads 办理 as a noun; 了 after it says it is a verb.
    assert _claim(text, surface).predicate == "办理"


def test_a_span_noun_with_le_after_a_duration_is_no_verb() -> None:
    assert "时间" not in _options(_claim("球队已经等了两年的时间了。", "两年"))


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("新用户注册即可得到价值30元的礼包。", "30元"),
        ("活动期间购买可获赠价值200元的优惠券。", "200元"),
    ],
)
def test_value_before_a_sum_is_what_the_sum_measures(text: str, surface: str) -> None:
    assert _claim(text, surface).predicate == "价值"


def test_a_sum_without_value_before_it_keeps_its_attribute() -> None:
    assert _claim("公司去年净利润为3亿元。", "3亿元").predicate == "净利润"


def test_a_match_score_with_no_word_for_it_measures_the_score() -> None:
    # Inside brackets after the match result, nothing of the text reads as what it measures.
    text = "中国队以3比1（25比18、23比25、25比20、25比21）战胜对手。"
    assert _claim(text, "23比25").predicate == "比分"


def test_a_match_score_keeps_the_verb_written_with_it() -> None:
    assert _claim("火箭最终以98比91击败太阳。", "98比91").predicate == "击败"


@pytest.mark.parametrize("surface", ["12%", "8%"])
def test_respectively_is_left_out_of_a_list_verb(surface: str) -> None:
    # 同比分别增长 reads 同比增长 (the span still covers 分别).
    text = "两家公司营收分别为5亿元和3亿元，同比分别增长12%和8%。"
    c = _claim(text, surface)
    assert "分别" not in c.predicate and c.predicate.endswith("增长")
    assert all("分别" not in o for o in _options(c))


def test_per_game_stays_whole() -> None:
    # 场均 is no list adverb: 场均砍下 keeps its words.
    c = _claim("他本赛季场均砍下17.4分。", "17.4分")
    assert all("场砍下" not in o for o in _options(c))


def test_the_list_adverbs_hold_one_comment_and_no_entry_twice() -> None:
    check_lexicon_file("list_adverbs")


@pytest.mark.parametrize("word", words("age_words"))
def test_the_word_naming_an_age_is_its_predicate(word: str) -> None:
    c = _claim(f"{word}27岁的李华是队中的主力。", "27岁")
    assert c.predicate == word


def test_an_age_with_no_such_word_measures_the_age() -> None:
    assert _claim("这名男子今年42岁。", "42岁").predicate == "年龄"


def test_the_age_words_hold_one_comment_and_no_entry_twice() -> None:
    check_lexicon_file("age_words")
