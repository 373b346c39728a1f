"""Transliterated names as subjects, on sentences written for these tests: a greedy match is
cut to the name by the tagger's words, and a person named by one part of a name the
document writes in full is offered under the full name (the guideline's subject)."""

from __future__ import annotations

import pytest

from extractor.entities import _TRANSLIT_RE, EntityTable
from tests.subject_checks import subject_options

_options = subject_options


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # A common noun before the first part and after the last: both go.
        ("昨晚球星勒布朗-詹姆斯全场拿下30分。", "勒布朗-詹姆斯"),
        # A particle after the last part (的) and before the first part.
        ("对手的德里克-罗斯的突破很犀利。", "德里克-罗斯"),
        # A preposition before the first part (在).
        ("比赛在德怀特-霍华德当选后开始。", "德怀特-霍华德"),
        # A piece the tagger reads as a common noun after two characters stays (吉诺|比利).
        ("老将马努-吉诺比利，今天到场。", "马努-吉诺比利"),
    ],
)
def test_a_greedy_name_is_cut_by_the_words_around_it(text: str, name: str) -> None:
    table = EntityTable(text, len(text))
    m = _TRANSLIT_RE.search(text)
    assert m is not None
    a, b = table.trim_name(m.start(), m.end())
    assert text[a:b] == name


@pytest.mark.parametrize(
    ("text", "short", "full"),
    [
        # The last part alone, and the first part alone, name the one person.
        ("来了勒布朗-詹姆斯。詹姆斯得分。", "詹姆斯", "勒布朗-詹姆斯"),
        ("来了勒布朗-詹姆斯。勒布朗得分。", "勒布朗", "勒布朗-詹姆斯"),
        # Two people share the part: the text does not say which one.
        ("来了马克-杰克逊，还有菲尔-杰克逊。杰克逊得分。", "杰克逊", None),
        # A part of no name, and a name that is already full.
        ("来了勒布朗-詹姆斯。球队得分。", "球队", None),
        ("来了勒布朗-詹姆斯。", "勒布朗-詹姆斯", None),
    ],
)
def test_a_part_of_a_name_finds_the_full_name(text: str, short: str, full: str | None) -> None:
    table = EntityTable(text, 0)
    table.add_shapes()
    assert table.full_person(short) == full


def test_a_person_named_by_surname_is_offered_by_the_full_name() -> None:
    text = "热火主力勒布朗-詹姆斯伤愈复出。詹姆斯本场得到35分。"
    opts = _options(text, "35分")
    assert "詹姆斯" not in opts
    full = opts["勒布朗-詹姆斯"]
    assert full.get("full_name") == 1.0
    assert full.get("person") == 1.0
    # The words read are those of the mention (詹姆斯), not "unwritten".
    assert not full.get("unwritten")


def test_two_people_of_one_surname_keep_the_short_mention() -> None:
    text = "来了马克-杰克逊，还有菲尔-杰克逊。杰克逊本场得到35分。"
    opts = _options(text, "35分")
    assert not any(f.get("full_name") for f in opts.values())
