"""Thirty-eighth session's subject features, with sentences written for the tests: the class of
the word written right before and right after an option's mention (``prev_*``, ``next_*``: a
subject is followed by its verb, an object stands after a verb or a preposition, an owner
before 的). The tests read the options' features."""

from __future__ import annotations

import pytest

from extractor.ranker import FEATURES, NEIGHBOUR_FEATURES
from tests.subject_checks import subject_options


def _neighbours(features: dict[str, float]) -> set[str]:
    return {k for k in features if k in NEIGHBOUR_FEATURES}


@pytest.mark.parametrize(
    ("text", "surface", "option", "expected"),
    [
        # A name opening its clause, its verb after it.
        ("李明遭到税务部门追讨欠税约30万元。", "约30万元", "李明", {"prev_edge", "next_v"}),
        # The object of a verb: a verb before it.
        ("李明遭到税务部门追讨欠税约30万元。", "约30万元", "税务部门", {"prev_v", "next_v"}),
        # The object of a preposition.
        ("警方对赵某罚款800元。", "800元", "赵某", {"prev_p", "next_n"}),
        # Who acts: a preposition after it.
        ("警方对赵某罚款800元。", "800元", "警方", {"prev_edge", "next_p"}),
        # The owner before 的.
        ("东湖区的新房均价达到9000元。", "达到9000元", "东湖区", {"prev_edge", "next_u"}),
        # A measured attribute after the name: whose figure it is.
        ("今年，华远科技营收增长12%。", "12%", "华远科技", {"prev_edge", "next_n"}),
        ("去年水泥产量1.5亿吨。", "1.5亿吨", "水泥", {"prev_t", "next_n"}),
        # A speaker: a verb after the name too (the class, not the verb, is read).
        ("唐某说，每亩成本价18万元。", "18万元", "唐某", {"prev_edge", "next_v"}),
    ],
)
def test_the_words_around_a_mention_are_classed(
    text: str, surface: str, option: str, expected: set[str]
) -> None:
    options = subject_options(text, surface)
    assert _neighbours(options[option]) == expected


@pytest.mark.parametrize(
    ("text", "surface", "option"),
    [
        # An alias resolved to its full name: not written where its mention is, no neighbours.
        ("据了解，东兴集团（简称东兴）去年盈利2亿元，东兴今年预计盈利3亿元。", "3亿元", "东兴集团"),
    ],
)
def test_an_option_not_written_at_its_mention_has_no_neighbours(
    text: str, surface: str, option: str
) -> None:
    features = subject_options(text, surface)[option]
    assert features.get("unwritten")
    assert not _neighbours(features)


def test_the_new_features_are_subject_features_of_the_ranker() -> None:
    assert set(NEIGHBOUR_FEATURES) <= set(FEATURES)
    assert all(NEIGHBOUR_FEATURES[k] for k in NEIGHBOUR_FEATURES)
