"""Quantity forms and look-alike features of the thirty-eighth session. Sentences written for
the tests.

- a compared quantity kept or allocated (保持至少90%的仓位, 配置不超过40%的可转债:
  data/holding_words.tsv) is a fact, not the bar of a class.
"""

from __future__ import annotations

import pytest

from extractor.core import extract

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
