"""Thirty-ninth session's time options, with sentences written for the tests: the last time of
each of the five sentences before the quantity's is offered (a report's period stated once, then
four sentences of detail), never that of the sixth."""

from __future__ import annotations

import pytest

from extractor.core import extract_with_fields

#: Sentences with no time and no number, put between a time and the claim.
_FILLER = (
    "其中个体户占多数。",
    "市场管理方加强了巡查。",
    "部分摊位已经更换。",
    "顾客反映价格稳定。",
    "老板们都很忙。",
    "附近的道路也修好了。",
)
#: A lead with no anchored time of its own that could stand in (the lead's times are offered
#: to every claim of the first paragraph whatever their distance).
_LEAD = "记者走访了市场。多家商户表示生意平淡。"


def _time_options(text: str, surface: str) -> list[str]:
    [(_, fields)] = [(c, f) for c, f in extract_with_fields(text) if c.quantity_text == surface]
    return [o.text for o in fields.get("time", [])]


@pytest.mark.parametrize(
    ("time", "between", "offered"),
    [
        ("2008年", 0, True),  # the sentence right before
        ("2008年", 3, True),  # four sentences back: offered before this session too
        ("2008年", 4, True),  # five sentences back: offered now
        ("上周", 4, True),
        ("截至3月底", 4, True),
        ("2008年", 5, False),  # six sentences back: too far
        ("上周", 5, False),
    ],
)
def test_the_last_time_of_each_of_five_sentences_before_is_offered(
    time: str, between: int, offered: bool
) -> None:
    text = _LEAD + f"{time}，该市共有商户120家。" + "".join(_FILLER[:between]) + "新开超市有3家。"
    options = _time_options(text, "3家")
    assert (time in options) is offered
    assert "" in options  # no time stays an option


@pytest.mark.parametrize(
    "text",
    [
        # a line break ends the reach: a time of the paragraph before is never offered
        _LEAD + "2008年，该市共有商户120家。\n其中个体户占多数。新开超市有3家。",
        # a comparison base is no time of the sentences after it
        _LEAD + "商户数比2008年增加了一成。其中个体户占多数。新开超市有3家。",
    ],
)
def test_no_time_is_carried_from_a_paragraph_before_or_a_base(text: str) -> None:
    assert "2008年" not in _time_options(text, "3家")


def test_the_shipped_ranker_dates_a_count_by_a_period_five_sentences_back() -> None:
    text = _LEAD + "2008年，该市共有商户120家。" + "".join(_FILLER[:4]) + "新开超市有3家。"
    [c] = [c for c, _ in extract_with_fields(text) if c.quantity_text == "3家"]
    assert c.time_text == "2008年"
