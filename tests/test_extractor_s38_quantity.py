"""Quantity forms and look-alike features of the thirty-eighth session. Sentences written for
the tests.

- the learned look-alike filter reads a number written with a decimal point as a measure
  (F2.0 is no small integer);
- a compared quantity kept or allocated (保持至少90%的仓位, 配置不超过40%的可转债:
  data/holding_words.tsv) is a fact, not the bar of a class.
"""

from __future__ import annotations

import pytest

from extractor.core import extract, extract_with_fields
from extractor.lookalike import features

NEW_FEATURES = ("written_decimal",)


def _features(text: str) -> dict[str, set[str]]:
    pairs = extract_with_fields(text, screen=False)
    feats = features(text, [c for c, _ in pairs], [f for _, f in pairs])
    return {
        c.quantity_text: {k for k in f if k in (*NEW_FEATURES, "small_int")}
        for (c, _), f in zip(pairs, feats, strict=True)
    }


# ---------------------------------------------------------------- look-alike filter features


@pytest.mark.parametrize(
    ("text", "surface", "want"),
    [
        # a decimal point makes a measure, however small the value
        ("F2.0大光圈，重量580g。", "F2.0", {"written_decimal"}),
        ("这根管子长3.0米。", "3.0米", {"written_decimal"}),
        ("这根管子长3米。", "3米", {"small_int"}),
    ],
)
def test_look_alike_filter_features(text: str, surface: str, want: set[str]) -> None:
    got = _features(text)
    assert surface in got, (surface, list(got))
    assert got[surface] == want, (text, surface, got[surface])


# ---------------------------------------------------------------- kept or allocated bounds


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("该基金必须保持至少90%以上的股票仓位。", "至少90%以上"),
        ("债券基金还可以配置不超过40%的可转债。", "不超过40%"),
        ("公司多年来维持超过30%的毛利率。", "超过30%"),
    ],
)
def test_a_bound_kept_or_allocated_is_a_fact(text: str, surface: str) -> None:
    assert surface in [c.quantity_text for c in extract(text)]


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        # without a verb of keeping the bound names the class counted
        ("今年以来涨幅超过20%的基金达到了93只。", "超过20%"),
        ("主动减仓幅度在5%以上的基金只有8只。", "5%以上"),
    ],
)
def test_a_bound_naming_a_class_stays_dropped(text: str, surface: str) -> None:
    assert surface not in [c.quantity_text for c in extract(text)]
