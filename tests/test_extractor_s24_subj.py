"""Twenty-fourth session's subject rules, with sentences written for the tests: a subject
option never runs across its clause's predicate (a linking verb of data/clause_verbs.tsv or a
verb with an aspect particle inside it), unless 的 after the verb makes the words before it
describe a noun."""

from __future__ import annotations

import pytest

from extractor import extract
from extractor.lexicon import words
from tests.lexicon_checks import check_lexicon_file
from tests.subject_checks import subject_options


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


def test_clause_verbs_file() -> None:
    check_lexicon_file("clause_verbs")
    assert "占" in words("clause_verbs")
