"""Twenty-fourth session's subject rules, with sentences written for the tests: a subject
option never runs across its clause's predicate (a linking verb of data/clause_verbs.tsv or a
verb with an aspect particle inside it), unless 的 after the verb makes the words before it
describe a noun; a role before a person's name (data/person_titles.tsv: 中锋, 购房者) is no part
of the name the subject is; a topic frame (data/topic_frames.tsv: 交通方面) is no subject, nor
any option running through one."""

from __future__ import annotations

import pytest

from extractor import extract
from extractor.lexicon import words
from tests.lexicon_checks import check_lexicon_file
from tests.subject_checks import subject_options

#: Why a case below is a strict expected failure (docs/HISTORY.md, forty-fourth session).
S44 = "the model retrained in the forty-fourth session"


def _subject(text: str, surface: str) -> str:
    [c] = [c for c in extract(text) if c.quantity_text == surface]
    return c.subject


@pytest.mark.parametrize(
    ("text", "surface", "crossing"),
    [
        ("据海关统计，东部三市占全省出口额的42%。", "42%", "市占全省"),
        ("上周，该平台获得投资人追加的3亿元融资。", "3亿元", "平台获得投资人"),
        ("调查显示，南城两区拥有全市医院床位的六成。", "六成", "两区拥有全市医院床位"),
    ],
)
def test_an_option_across_a_linking_verb_is_not_offered(
    text: str, surface: str, crossing: str
) -> None:
    assert crossing not in subject_options(text, surface)
    assert crossing not in _subject(text, surface)


def test_an_option_across_a_verb_and_its_aspect_particle_is_not_offered() -> None:
    text = "记者了解到，小区业主缴纳了物业费共计5万元。"
    assert not [o for o in subject_options(text, "5万元") if "缴纳了" in o]
    assert _subject(text, "5万元") == "小区业主"


@pytest.mark.parametrize(
    ("text", "surface", "subject"),
    [
        # 的 after the verb: the words before it describe the noun (a class), kept whole.
        ("报告显示，营收超过百亿的企业有12家。", "12家", "营收超过百亿的企业"),
        # The linking verb after the option, not inside it: the owner is read as before.
        ("去年，沿海五县拥有渔船合计3200艘。", "3200艘", "沿海五县"),
    ],
)
def test_a_phrase_with_the_verb_before_de_or_outside_it_is_left_alone(
    text: str, surface: str, subject: str
) -> None:
    assert _subject(text, surface) == subject


@pytest.mark.parametrize("verb", words("clause_verbs"))
def test_every_clause_verb_ends_the_options_before_it(verb: str) -> None:
    for text, surface in (
        (f"报告显示，东部城区{verb}全市企业总数的42%。", "42%"),
        (f"据统计，南城两区{verb}全市医院床位的六成。", "六成"),
    ):
        options = subject_options(text, surface)
        assert not [o for o in options if o.find(verb) > 0 and not o.endswith(verb)], verb


def test_clause_verbs_file() -> None:
    check_lexicon_file("clause_verbs")


@pytest.mark.parametrize(
    ("text", "surface", "subject"),
    [
        ("昨晚，火箭队中锋李大壮拿下18分。", "18分", "李大壮"),
        ("据了解，业主张女士每月要还贷6000元。", "6000元", "张女士"),
        # A transliterated name, carried to the next sentence by 他.
        (
            "湖人主力中锋马克-布朗表现抢眼，首节就抢下7个篮板。他全场还送出4次盖帽。",
            "7个",
            "马克-布朗",
        ),
        (
            "湖人主力中锋马克-布朗表现抢眼，首节就抢下7个篮板。他全场还送出4次盖帽。",
            "4次",
            "马克-布朗",
        ),
    ],
)
def test_a_role_before_a_persons_name_is_no_part_of_the_subject(
    text: str, surface: str, subject: str
) -> None:
    assert _subject(text, surface) == subject


@pytest.mark.parametrize(
    ("text", "surface", "subject"),
    [
        # 市民 is a role, but 服务中心 is no person's name: the run is kept whole.
        ("今年，市民服务中心共接待群众12万人次。", "12万人次", "市民服务中心"),
        # A title not of data/person_titles.tsv (校长助理 ends with none): left to the ranker.
        ("该校校长助理王刚介绍，学校今年招生1200人。", "1200人", "学校"),
    ],
)
def test_a_role_before_no_persons_name_is_left_alone(text: str, surface: str, subject: str) -> None:
    assert _subject(text, surface) == subject


@pytest.mark.parametrize("title", words("person_titles"))
def test_every_person_title_is_cut_from_the_name_after_it(title: str) -> None:
    assert _subject(f"据介绍，{title}王建国今年共出资300万元。", "300万元") == "王建国"


def test_person_titles_file() -> None:
    check_lexicon_file("person_titles")


@pytest.mark.parametrize(
    ("text", "surface", "subject"),
    [
        ("广东队方面王小龙贡献全队最高的19分。", "19分", "王小龙"),
        ("交通方面，地铁三号线今天共运送乘客86万人次。", "86万人次", "地铁三号线"),
    ],
)
def test_a_topic_frame_is_no_subject(text: str, surface: str, subject: str) -> None:
    assert not [o for o in subject_options(text, surface) if "方面" in o]
    assert _subject(text, surface) == subject


def test_a_side_that_is_no_topic_frame_is_left_alone() -> None:
    # 双方 names both sides: it is who signed, not a frame.
    assert _subject("会上，中外双方共签署合作协议8项。", "8项") == "中外双方"


def test_topic_frames_file() -> None:
    check_lexicon_file("topic_frames")


@pytest.mark.parametrize(
    ("text", "surface", "subject"),
    [
        # A sum or the game a figure is counted over (data/not_subject_words.tsv) ends no name.
        ("李明本场拿下23分，帮助球队取胜。", "23分", "李明"),
        pytest.param(
            "三家门店合计卖出900台。",
            "三家",
            "门店",
        ),
    ],
)
def test_the_game_a_figure_is_counted_over_ends_no_subject(
    text: str, surface: str, subject: str
) -> None:
    assert _subject(text, surface) == subject


def test_a_game_written_as_a_subject_before_its_noun_is_left_alone() -> None:
    # 本场 opens 本场比赛: the game itself, counted; nothing is cut from a name.
    assert _subject("本场比赛共吸引观众1.2万人。", "1.2万人") == "观众"
