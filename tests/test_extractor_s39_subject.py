"""Thirty-ninth session's subject features, with sentences written for the tests: how an
option's mention stands against the other options' mentions (``ranker.PAIR_FEATURES``) — an
option opening a clause of the quantity's sentence, a name, or any other option written
between it and the quantity — and how many other quantities of the sentence stand between
(``figures_between``: in a list of figures each with its own subject, the names of the earlier
figures are not the later ones'). The tests read the options' features and those the ranker
derives from a claim's whole list of options."""

from __future__ import annotations

import math

import pytest

from extractor.core import extract_with_options
from extractor.ranker import FEATURES, PAIR_FEATURES, Option, list_features
from tests.subject_checks import subject_options


def _pair(text: str, surface: str) -> dict[str, set[str]]:
    """Each subject option of the quantity ``surface`` (text -> its pair features)."""
    for cand, options in extract_with_options(text):
        if cand.quantity_text == surface:
            ordered = sorted(options, key=lambda o: (o.start, o.end, o.text))
            feats = list_features(ordered, "subject", cand.kind)
            return {
                o.text: {k for k in f if k in PAIR_FEATURES}
                for o, f in zip(ordered, feats, strict=True)
            }
    raise AssertionError(f"{surface} not found in {text}")


@pytest.mark.parametrize(
    ("text", "surface", "option", "present", "absent"),
    [
        # A speaker in the clause before: the quantity's own clause opens with its subject,
        # written between them.
        (
            "王强昨天在北京表示，东湖区新房均价达到9000元。",
            "达到9000元",
            "王强",
            {"opener_between", "name_between", "between_n"},
            set(),
        ),
        # The clause's own subject: nothing opening a clause between it and the quantity.
        (
            "王强昨天在北京表示，东湖区新房均价达到9000元。",
            "达到9000元",
            "东湖区新房",
            set(),
            {"opener_between", "name_between", "between_n"},
        ),
        # One clause: the attribute between the name and the quantity opens no clause.
        (
            "华远科技去年营收增长15%。",
            "15%",
            "华远科技",
            {"between_n"},
            {"opener_between", "name_between"},
        ),
        # A name of an earlier sentence, the quantity's clause with its own subject.
        (
            "去年华远科技营收8亿元。今年东湖区新房均价达到9000元。",
            "达到9000元",
            "华远科技",
            {"opener_between", "name_between"},
            set(),
        ),
    ],
)
def test_what_stands_between_an_option_and_the_quantity(
    text: str, surface: str, option: str, present: set[str], absent: set[str]
) -> None:
    features = _pair(text, surface)[option]
    assert present <= features
    assert not absent & features


def _options(*specs: tuple[str, int, int, dict[str, float]]) -> list[Option]:
    return [Option(t, a, b, dict(f)) for t, a, b, f in specs]


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        # A name, then the clause opener of the quantity's sentence, then the quantity.
        (
            _options(
                ("甲公司", 0, 3, {"dist": 0.5, "proper": 1.0, "same_sentence": 1.0}),
                (
                    "乙产品",
                    6,
                    9,
                    {"dist": 0.2, "clause_opener": 1.0, "same_sentence": 1.0},
                ),
            ),
            [{"opener_between", "between_n"}, set()],
        ),
        # An option after the quantity and one not written where its mention is are no
        # more between anything than they stand between.
        (
            _options(
                ("甲公司", 0, 3, {"dist": 0.5, "same_sentence": 1.0}),
                ("乙产品", 12, 15, {"dist": 0.2, "after": 1.0, "clause_opener": 1.0}),
                ("丙集团", 5, 7, {"dist": 0.3, "unwritten": 1.0, "proper": 1.0}),
            ),
            [set(), set(), set()],
        ),
        # An option of the quantity's clause that opens no clause, after a name: only the
        # count of what stands between.
        (
            _options(
                ("甲公司", 0, 3, {"dist": 0.5, "earlier_sentence": 1.0}),
                ("乙产品", 6, 9, {"dist": 0.2, "same_clause": 1.0}),
            ),
            [{"between_n"}, set()],
        ),
    ],
)
def test_pair_features_of_built_options(options: list[Option], expected: list[set[str]]) -> None:
    feats = list_features(options, "subject")
    assert [{k for k in f if k in PAIR_FEATURES} for f in feats] == expected


_FUNDS = "上周，嘉实海外上涨6.5%，海富通精选上涨8.1%，银华优选上涨6.9%。"


@pytest.mark.parametrize(
    ("text", "surface", "expected"),
    [
        # Each figure of a list has its own subject: the earlier names stand before one or
        # two other figures, the figure's own before none.
        (_FUNDS, "6.5%", {"嘉实海外": 0}),
        (_FUNDS, "8.1%", {"嘉实海外": 1, "海富通精选": 0}),
        (_FUNDS, "6.9%", {"嘉实海外": 2, "海富通": 1, "银华优选": 0}),
        # A subject carried over a figure of its own sentence.
        ("华远科技去年营收8亿元，净利润增长了20%。", "20%", {"华远科技": 1}),
        # One figure: nothing between.
        ("华远科技去年营收增长15%。", "15%", {"华远科技": 0}),
    ],
)
def test_figures_between_an_option_and_the_quantity(
    text: str, surface: str, expected: dict[str, int]
) -> None:
    options = subject_options(text, surface)
    got = {
        name: round(math.expm1(options[name].get("figures_between", 0.0) * 2)) for name in expected
    }
    assert got == expected


def test_an_option_of_an_earlier_sentence_counts_no_figures() -> None:
    # Only the quantity's own sentence is read: the figure of the sentence before is not
    # between the name and this one.
    options = subject_options("华远科技去年营收8亿元。今年净利润增长了20%。", "20%")
    assert not options["华远科技"].get("figures_between")


def test_the_new_features_are_subject_features_of_the_ranker() -> None:
    assert "figures_between" in FEATURES
    assert set(PAIR_FEATURES) <= set(FEATURES)
    assert all(PAIR_FEATURES[k] for k in PAIR_FEATURES)
