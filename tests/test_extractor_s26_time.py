"""Twenty-sixth session's time rules, with sentences written for the tests: a comma that groups
a number's digits (12,500亿元) is no clause stop, so the time of a change's starting value
(从上年的12,500亿元提高至…) never dates the value reached, as it does not without the comma."""

from __future__ import annotations

import pytest

from extractor import extract


def _times(text: str, surface: str) -> list[str]:
    [c] = [c for c in extract(text) if c.quantity_text.endswith(surface)]
    return [a["text"] for a in c.alternatives.get("time", [])] + [c.time_text or ""]


@pytest.mark.parametrize(
    ("text", "reached"),
    [
        (
            "2022年全省工业产值统计公布。全省工业产值从上年的12,500亿元提高至13,240.5亿元。",
            "13,240.5亿元",
        ),
        ("2022年快递业务量统计公布。该省快递业务量由去年的1,280万件增至1,536万件。", "1,536万件"),
    ],
)
def test_a_starting_value_written_with_digit_groups_keeps_its_time_to_itself(
    text: str, reached: str
) -> None:
    times = _times(text, reached)
    assert "上年" not in times and "去年" not in times, times
    # The starting value itself keeps the time of its own.
    start = "12,500亿元" if "12,500" in text else "1,280万件"
    assert _times(text, start)[-1] in ("上年", "去年")


def test_a_comma_between_clauses_still_ends_the_change() -> None:
    # A real clause stop between the time and the figure: a new clause, no starting value.
    text = "全省工业产值从上年的12,500亿元开始回升，今年提高至13,240.5亿元。"
    assert _times(text, "13,240.5亿元")[-1] == "今年"
