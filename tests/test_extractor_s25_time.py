"""Twenty-fifth session's time rules, with sentences written for the tests: the quarter before
one (上一季度, 上季度) is one relative time, so 较上一季度 is a comparison base and never the
first quarter; 期内 ending a word (短期内, 发行期内) is no time; what an earlier sentence passes on
is what its last time stands for (截至…，今年以来，… -> the cutoff)."""

from __future__ import annotations

import pytest

from extractor import extract


def _times(text: str, surface: str) -> list[str]:
    [c] = [c for c in extract(text) if c.quantity_text.endswith(surface)]
    return [a["text"] for a in c.alternatives.get("time", [])] + [c.time_text or ""]


@pytest.mark.parametrize(
    "text",
    [
        "该行第三季度的净息差为1.9%，较上一季度收窄了5个基点。",
        "这家工厂四季度产量为80万吨，比上季度增加了6万吨。",
        "第二季度该平台的活跃用户为900万，较上个季度增加了40万。",
    ],
)
def test_the_quarter_before_is_a_base_never_the_first_quarter(text: str) -> None:
    surface = {"1.9%": "5个基点", "80万吨": "6万吨", "900万": "40万"}
    first = next(k for k in surface if k in text)
    times = _times(text, surface[first])
    assert "一季度" not in times, times
    assert not [t for t in times if "上" in t], times
    assert _times(text, first)[-1] in ("第三季度", "四季度", "第二季度")


def test_a_first_quarter_written_as_such_stays_a_time() -> None:
    times = _times("该行一季度的净息差为1.9%。", "1.9%")
    assert times[-1] == "一季度", times


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("新规规定，在短期内多次违规等9种情形的人员不得任职。", "9种"),
        ("该基金参与了同一发行期内另外3只新股的申购。", "3只"),
        ("她表示将在两年任期内推动新建社区食堂15家。", "15家"),
    ],
)
def test_qinei_at_the_end_of_a_word_is_no_time(text: str, surface: str) -> None:
    # 短期内, 发行期内, 任期内: a word of its own, not the period of a report.
    times = _times(text, surface)
    assert "期内" not in times, times


def test_a_carried_period_after_a_cutoff_is_the_cutoff() -> None:
    # 截至3月5日，今年以来，…；…: what the earlier part passes on is what 今年以来 stands for.
    text = "截至3月5日，今年以来，甲基金的净值上涨了12%；乙基金净值上涨9.5%。"
    times = _times(text, "9.5%")
    assert times[-1] == "截至3月5日", times


def test_a_carried_period_with_no_cutoff_stays_itself() -> None:
    text = "今年以来，甲基金的净值上涨了12%；乙基金净值上涨9.5%。"
    times = _times(text, "9.5%")
    assert "今年以来" in times, times
    assert not [t for t in times if t.startswith("截至")], times
