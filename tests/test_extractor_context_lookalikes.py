"""The rules of context of extractor/lookalike.py (issue 12, look-alikes on real text): each
shape of look-alike with a near miss that must stay a claim, table-driven, with sentences
written for the tests; and a check that every entry of their lexicons is used."""

from __future__ import annotations

import pytest

from extractor import extract
from extractor.lexicon import table, words
from tests.lexicon_checks import check_lexicon_file


def _found(text: str) -> dict[str, object]:
    return {c.quantity_text: c for c in extract(text)}


def _overlapped(text: str, surface: str) -> list[str]:
    start = text.index(surface)
    end = start + len(surface)
    return [c.quantity_text for c in extract(text) if c.start < end and start < c.end]


# rule, sentence, look-alike (no candidate may overlap it)
LOOKALIKES = [
    # a count right after the list it sums up (the last item joined by 和/及/与, 等 closing)
    ("listed_count", "甲公司、乙公司和丙公司3家企业联合投标。", "3家"),
    ("listed_count", "红队、蓝队、白队及黄队等四支球队进入决赛。", "四支"),
    ("listed_count", "张三(教授)、李四与王五3位专家出席。", "3位"),
    # a small count after a word that points back to what was named
    ("back_reference", "他认为其他两个方案都不可行。", "两个"),
    ("back_reference", "上述三只基金的经理都已离职。", "三只"),
    ("back_reference", "原来两位经理不再负责此事。", "两位"),
    # a small count followed by the list of the things counted
    ("announces_list", "公司的增长来自两个因素。第一是需求回升。", "两个"),
    ("announces_list", "这类课程分为三种：会计、审计和税务。", "三种"),
    ("announces_list", "他只做了两件事情，即降价和促销。", "两件"),
    ("announces_list", "卖家大致分成三类。第一类是继续涨价。", "三类"),
    ("announces_list", "提升成绩主要有两种途径，一是多练习。", "两种"),
    # a count of games after a word that makes it the games a statement holds over
    ("framing_count", "他在本赛季头两场比赛中共得到50分。", "两场"),
    ("framing_count", "联赛最后两场他分别拿下20分和25分。", "两场"),
    # a number and unit that name a cut with the word after them
    ("unit_name", "今年流行紧身九分裤。", "九分"),
    ("unit_name", "这件衬衫配七分袖。", "七分"),
    ("unit_name", "该基金获得两年期五星评级。", "两年"),
    ("unit_name", "新版本增加了30级副本和35级精英怪物。", "30级"),
    # a bare count in Chinese numerals as the subject of its clause
    ("subject_count", "甲乙两厂的产品不同，两家的客户也不一样。", "两家"),
    ("subject_count", "他们相识多年，两人对未来有共识。", "两人"),
    # an ordinal before a verb of appearance
    ("order_of_appearance", "晚会开始，第一位出场的是一名歌手。", "第一"),
    ("order_of_appearance", "接着第三个登场的是魔术师。", "第三"),
    # a film format and the basis of an equivalent focal length
    ("film_format", "镜头焦距相当于35mm胶片相机的28毫米。", "35mm"),
    ("film_format", "这款相机等效35mm焦距28-105mm。", "35mm"),
    # a session before the name of what it numbers
    ("session_name", "十一届全国人大常委会召开会议。", "十一届"),
    ("session_name", "十七届四中全会审议通过了决定。", "十七届"),
    # the age at which something started
    ("from_age", "他从16岁开始学习钢琴。", "16岁"),
    ("from_age", "她从18岁起就独自生活。", "18岁"),
    # a clock time of a game opening a clause
    ("game_clock", "比赛继续进行。7分28秒，客队扳平了比分。", "28秒"),
]


@pytest.mark.parametrize(("rule", "text", "lookalike"), LOOKALIKES)
def test_lookalikes_of_context_are_not_proposed(rule: str, text: str, lookalike: str) -> None:
    assert not _overlapped(text, lookalike), (rule, text)


# rule, sentence, the same shape where it is a claim (must be proposed as written)
NEAR_MISSES = [
    # the list and the count differ, the list ends with a verb, or numbers name the items
    ("listed_count", "北京、上海和广州等十多个城市参加了活动。", "十多个"),
    ("listed_count", "公司在北京、上海、广州开设了3家门店。", "3家"),
    ("listed_count", "12路、25路和36路等3条线路将延长运营。", "3条"),
    ("listed_count", "公司今年新开了甲、乙两家工厂，员工有120人。", "120人"),
    ("listed_count", "新机拥有红色、黄色、蓝色和白色四款颜色可供选择。", "四款"),
    ("listed_count", "张三、李四和王五分列3-5位。", "3-5位"),
    # an Arabic number after 其他 is a count of its own; a back-reference word far before
    ("back_reference", "他还要挑战其他11位选手。", "11位"),
    ("back_reference", "上述公司今年共招聘了三名经理。", "三名"),
    # the noun is followed by something else, or the next clause opens a period
    ("announces_list", "公司今年新开了两家门店。", "两家"),
    ("announces_list", "他全场只有2次助攻。第一节比赛结束时主队领先。", "2次"),
    ("announces_list", "他们夺得了两个冠军。第一节比赛他就得了10分。", "两个"),
    ("announces_list", "公司今年收购了两家企业：“我们还会继续收购。”", "两家"),
    # a count of games after a verb
    ("framing_count", "球队连续赢了两场比赛。", "两场"),
    # 分 of points scored
    ("unit_name", "他在第一节拿到九分。", "九分"),
    ("unit_name", "该基金成立两年，规模增长了一倍。", "两年"),
    ("unit_name", "他任职基金经理三年期间，基金规模增长了一倍。", "三年"),
    ("unit_name", "新版本开放了7级资源，玩家可以采集。", "7级"),
    # a count that is no subject, or a count of casualties
    ("subject_count", "事故现场，两人受伤，一人死亡。", "两人"),
    ("subject_count", "公司今年新开了两家门店。", "两家"),
    ("subject_count", "，10名工人参加了培训。", "10名"),
    ("subject_count", "主队大胜对手。四名替补球员得分上双。", "四名"),
    # an ordinal that ranks
    ("order_of_appearance", "他在比赛中获得第三名。", "第三"),
    # a length that is the size of the thing described
    ("film_format", "这款镜头的焦距为35mm。", "35mm"),
    # a count of sessions
    ("session_name", "这个展会已经举办了63届，规模逐年扩大。", "63届"),
    ("session_name", "论坛迄今已举办了三届部长级会议。", "三届"),
    ("session_name", "他曾获得三届常规赛最有价值球员。", "三届"),
    # an age that is no starting point
    ("from_age", "他16岁开始学习钢琴。", "16岁"),
    # a time taken after a verb
    ("game_clock", "他在决赛中跑出了3分28秒的成绩。", "3分28秒"),
]


@pytest.mark.parametrize(("rule", "text", "surface"), NEAR_MISSES)
def test_the_same_shapes_stay_claims(rule: str, text: str, surface: str) -> None:
    assert surface in _found(text), (rule, text, list(_found(text)))


# ------------------------------------------------------------ every lexicon entry is used

CONTEXT_LEXICONS = (
    "back_reference_words",
    "enumeration_cues",
    "frame_count_words",
    "unit_name_words",
    "sequence_verbs",
    "format_nouns",
)


def test_each_context_lexicon_opens_with_one_comment_and_has_no_duplicates() -> None:
    for name in CONTEXT_LEXICONS:
        check_lexicon_file(name)


def test_every_back_reference_word_makes_a_small_count_a_reference() -> None:
    for word in words("back_reference_words"):
        text = f"他说{word}三家公司都已退出。"
        assert not _overlapped(text, "三家"), word
        assert "三家" in _found("他说今年三家公司都已退出。")


def test_every_enumeration_cue_makes_a_small_count_announce_a_list() -> None:
    for cue, where in table("enumeration_cues"):
        mark = "" if where == "colon" else "，"
        text = f"公司有两个目标{mark}{cue}扩大销售。"
        assert not _overlapped(text, "两个"), cue
    assert "两个" in _found("公司有两个目标，扩大销售。")


def test_every_frame_count_word_frames_a_count_of_games() -> None:
    for word, measures in table("frame_count_words"):
        for measure in measures.split():
            text = f"他在{word}两{measure}共得到50分。"
            assert not _overlapped(text, f"两{measure}"), (word, measure)
            assert f"两{measure}" in _found(f"他赢下了两{measure}，共得到50分。"), measure


def test_every_unit_name_word_makes_a_quantity_a_name() -> None:
    for unit, word, *but in table("unit_name_words"):
        text = f"这是一种7{unit}{word}产品，售价300元。"
        assert not _overlapped(text, f"7{unit}"), (unit, word)
        assert f"7{unit}" in _found(f"这种产品用了7{unit}，售价300元。"), unit
        for longer in but[0].split() if but else ():
            assert f"7{unit}" in _found(f"他任职7{unit}{longer}，业绩很好。"), longer


def test_every_sequence_verb_makes_an_ordinal_an_order() -> None:
    for verb in words("sequence_verbs"):
        text = f"晚会上第二位{verb}的是一名歌手。"
        assert not _overlapped(text, "第二"), verb
    assert "第二" in _found("他在全国排名第二。")


def test_every_format_noun_makes_a_length_a_format() -> None:
    for noun in words("format_nouns"):
        text = f"镜头相当于35mm{noun}相机的28毫米。"
        assert not _overlapped(text, "35mm"), noun
    assert "35mm" in _found("镜头直径为35mm。")
