"""bench/subject_variants.py: a variant leaves out the features of its prefixes (the options'
own and the derived ones), and the CV reads the claims of held-out documents only (records
written for the test)."""

from __future__ import annotations

import pytest

from bench.subject_variants import cross_validate, groups


def _record(start: int) -> dict:
    # The right option opens its clause; the wrong one is the nearest before the quantity.
    return {
        "start": start,
        "gold": "甲公司",
        "kind": "money",
        "options": [
            ("甲公司", 0, 3, {"clause_opener": 1.0, "dist": 0.6}),
            ("乙市场", 4, 7, {"dist": 0.2, "before_de": 1.0}),
        ],
        "labels": [1.0, 0.0],
    }


@pytest.mark.parametrize(
    ("drop", "gone", "kept"),
    [
        ((), set(), {"clause_opener", "before_de", "dist_rank0"}),
        (("before_",), {"before_de"}, {"clause_opener", "dist_rank0"}),
        # A derived feature goes too.
        (("dist_rank",), {"dist_rank0", "dist_rank1"}, {"clause_opener", "before_de"}),
    ],
)
def test_a_variant_leaves_out_the_features_of_its_prefixes(
    drop: tuple[str, ...], gone: set[str], kept: set[str]
) -> None:
    (group,) = groups([_record(10)], drop)
    names = set().union(*(f for f, _ in group))
    assert kept <= names and not gone & names
    assert [right for _, right in group] == [1.0, 0.0]


def _twins(start: int) -> dict:
    # Two options alike but for one feature each; the wrong one is listed first (a tie
    # goes to it).
    return {
        "start": start,
        "gold": "甲公司",
        "kind": "money",
        "options": [("乙市场", 0, 3, {"before_de": 1.0}), ("甲公司", 4, 7, {"clause_opener": 1.0})],
        "labels": [0.0, 1.0],
    }


def test_the_cv_learns_from_the_other_folds_and_scores_every_claim_once() -> None:
    data = {"records": {f"d{i}": [_twins(10), _twins(20)] for i in range(5)}, "weight": {}}
    won, accuracy = cross_validate(data, (), folds=5)
    assert len(won) == 10 and all(won.values()) and accuracy == [1.0] * 5
    # Without the features that tell the options apart, the first (wrong) one wins.
    won, accuracy = cross_validate(data, ("clause_opener", "before_"), folds=5)
    assert not any(won.values()) and accuracy == [0.0] * 5
