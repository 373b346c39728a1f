"""bench/subject_combine.py: the ways of combining the subject's linear scores with its trees'
corrections (scores written for the test), and the shortlisted options' gap features."""

from __future__ import annotations

import math

import pytest

from bench.subject_combine import best, combine, margin, with_gap

# Linear scores of four options and the trees' corrections of the three shortlisted.
LINEAR = [2.0, 1.5, 0.2, -1.0]
TREES = [-0.6, 0.4, 0.3, 0.0]


@pytest.mark.parametrize(
    ("how", "scores", "winner"),
    [
        (("shrink", 0.0), [2.0, 1.5, 0.2, -1.0], 0),  # the linear model alone
        (("shrink", 1.0), [1.4, 1.9, 0.5, -1.0], 1),  # what ships: linear + trees
        (("shrink", 0.25), [1.85, 1.6, 0.275, -1.0], 0),  # the trees too weak to turn it
        (("gate", 0.4), [2.0, 1.5, 0.2, -1.0], 0),  # margin 0.5 >= 0.4: linear
        (("gate", 0.6), [1.4, 1.9, 0.5, -1.0], 1),  # margin 0.5 < 0.6: trees
        (("clip", 0.2), [1.8, 1.7, 0.4, -1.0], 0),  # each correction at most 0.2
    ],
)
def test_combine(how: tuple[str, float], scores: list[float], winner: int) -> None:
    got = combine(LINEAR, TREES, how)
    assert got == pytest.approx(scores)
    assert best(got) == winner


def test_combine_unknown_way() -> None:
    with pytest.raises(ValueError, match="blend"):
        combine(LINEAR, TREES, ("blend", 1.0))


@pytest.mark.parametrize(
    ("scores", "expected"),
    [([2.0, 1.5, 0.2], 0.5), ([0.3, 1.0, 1.0], 0.0), ([5.0], math.inf)],
)
def test_margin(scores: list[float], expected: float) -> None:
    assert margin(scores) == pytest.approx(expected)


def test_best_keeps_the_earlier_of_equal_scores() -> None:
    # As the ranker's order: ties go to the option listed first.
    assert best([0.1, 0.7, 0.7]) == 1


def test_with_gap_adds_score_and_gap_below_the_best() -> None:
    feats = [{"dist": 0.2}, {"clause_opener": 1.0}]
    got = with_gap(feats, [0.5, 1.25])
    assert got == [
        {"dist": 0.2, "lin_z": 0.5, "lin_gap": 0.75},
        {"clause_opener": 1.0, "lin_z": 1.25, "lin_gap": 0.0},
    ]
    assert feats == [{"dist": 0.2}, {"clause_opener": 1.0}]  # the options' own are untouched
